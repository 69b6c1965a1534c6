"""The History page: every revision with when, who and what changed; comparing two; restoring."""

from __future__ import annotations

import getpass

from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import as_read, click, latest, texts, widget


def _notice(evaluation: Evaluation, days: int) -> Evaluation:
    provider = evaluation.current
    assert provider is not None and provider.contract is not None
    return evaluation.with_contract(
        provider.id, provider.contract.model_copy(update={"notice_days": days})
    )


def _id(store: Store) -> int:
    return store.summaries()[0].id


def _history(at: AppTest) -> list[list[object]]:
    return at.dataframe[0].value.values.tolist()


def _difference(at: AppTest) -> list[list[object]]:
    """The comparison table, as read (ui.table escapes what it shows)."""
    return [[as_read(str(cell)) for cell in row] for row in at.table[0].value.values.tolist()]


def test_the_history_lists_each_revision_with_who_saved_it_and_what_changed(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.save(_id(app_store), _notice(demo, 60), 1, author="bob@example.com")
    at = open_page("history")
    rows = _history(at)
    assert [row[0] for row in rows] == [2, 1]
    assert rows[0][2:] == ["bob@example.com", "SwiftNet IT · contract · notice (days): 90 → 60"]
    assert rows[1][3] == "Created"


def test_a_change_made_in_the_app_without_sign_in_is_recorded_as_the_computers_user(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("evaluations")
    widget(at.text_input, "Rename to").input("Harbourside 2027")
    widget(at.button, "Rename").click().run()
    newest = app_store.history(_id(app_store))[0]
    assert newest.author == getpass.getuser()
    assert newest.summary == (f"evaluation name: {demo.name} → Harbourside 2027",)


def test_comparing_two_revisions_shows_each_value_on_both_sides(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.save(_id(app_store), _notice(demo, 60), 1)
    app_store.save(_id(app_store), _notice(demo, 60).with_provider("Castle IT"), 2)
    at = open_page("history")
    assert _difference(at) == [["Castle IT", "not there", "added"]]
    widget(at.selectbox, "Older").select(1).run()
    assert _difference(at) == [
        ["SwiftNet IT · contract · notice (days)", "90", "60"],
        ["Castle IT", "not there", "added"],
    ]
    widget(at.selectbox, "Newer").select(1).run()
    assert "These two revisions are the same." in texts(at, "info")


def test_restoring_a_revision_saves_it_as_a_new_one_and_deletes_nothing(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.save(_id(app_store), _notice(demo, 60), 1)
    at = open_page("history")
    widget(at.selectbox, "Revision to restore").select(1).run()
    click(at, "Yes, restore it")
    assert latest(app_store) == demo
    assert [r.revision for r in app_store.history(_id(app_store))] == [3, 2, 1]
    summary = app_store.history(_id(app_store))[0].summary
    assert summary is not None and summary[0].startswith("Restored revision 1 (saved ")
    assert summary[1:] == ("SwiftNet IT · contract · notice (days): 60 → 90",)
    assert "Restored revision 1:" in texts(at, "toast")


def test_a_restore_on_a_stale_view_is_refused_then_made_again_on_the_latest(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.save(_id(app_store), _notice(demo, 60), 1)
    at = open_page("history")
    theirs = _notice(demo, 60).with_provider("Castle IT")
    app_store.save(_id(app_store), theirs, 2)  # someone else, meanwhile
    widget(at.selectbox, "Revision to restore").select(1).run()
    click(at, "Yes, restore it")
    assert "Someone else changed this evaluation" in texts(at, "warning")
    assert latest(app_store) == theirs
    click(at, "Make my change again on the latest version")
    castle = theirs.providers[-1]
    assert latest(app_store) == _notice(theirs, 90)  # the notice restored; their provider stays
    assert latest(app_store).providers[-1] == castle
    summary = app_store.history(_id(app_store))[0].summary
    assert summary is not None and summary[0].startswith("Restored revision 1 (saved ")


def test_with_one_revision_there_is_nothing_to_restore(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("history")
    assert widget(at.selectbox, "Revision to restore").value is None
    assert not [b for b in at.button if b.label == "Yes, restore it"]


def test_after_a_restore_the_page_compares_the_new_revision_and_offers_nothing_stale(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.save(_id(app_store), _notice(demo, 60), 1)
    at = open_page("history")
    widget(at.selectbox, "Revision to restore").select(1).run()
    click(at, "Yes, restore it")
    assert widget(at.selectbox, "Newer").value == 3
    assert widget(at.selectbox, "Older").value == 2
    assert _difference(at)[0] == ["SwiftNet IT · contract · notice (days)", "60", "90"]
    widget(at.selectbox, "Revision to restore").select(1).run()
    assert "Revision 1 is the same as the version you are looking at." in texts(at, "info")
    assert not [b for b in at.button if b.label == "Yes, restore it"]
    assert "3 revisions" in texts(at, "caption")
