"""Nothing leaks, is lost or is silently overwritten: a page belongs to one evaluation and one
revision, a refused change keeps what was typed, the address names the evaluation."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy
from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation
from itexit.exit import GroundClaim
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import DEMO, as_read, click, edit, latest, texts, widget
from tests.conftest import POSTGRES_URL, require_or_skip

APP = Path(__file__).resolve().parents[2] / "app.py"


def second(app_store: Store, demo: Evaluation) -> Evaluation:
    """Another client's evaluation, with its own letter and its own grounds."""
    other = (
        demo.renamed("Second client")
        .with_letter("Dear Other IT, this is the second client's letter.\n")
        .with_grounds({"performance": GroundClaim(applies="no", notes="Second client's note")})
    )
    app_store.create(other)
    return other


def switch_to(at: AppTest, app_store: Store, name: str) -> AppTest:
    return at.sidebar.selectbox[0].select(app_store.find(name).id).run()


def test_switching_evaluation_shows_the_other_evaluation_s_letter_not_this_one_s(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    first = app_store.find(DEMO).id
    app_store.save(first, demo.with_letter("The first client's letter.\n"), base_revision=1)
    second(app_store, demo)
    at = open_page("letter")
    assert at.text_area[0].value == "The first client's letter.\n"
    switch_to(at, app_store, "Second client")
    assert at.text_area[0].value == "Dear Other IT, this is the second client's letter.\n"


def test_switching_evaluation_shows_the_other_evaluation_s_grounds(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    second(app_store, demo)
    at = open_page("grounds")
    switch_to(at, app_store, "Second client")
    assert "Second client's note" in [t.value for t in at.text_area]
    click(at, "Save grounds")
    first = latest(app_store)
    assert first.exit.grounds["performance"].notes != "Second client's note"


def test_a_stale_form_never_empties_what_someone_else_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    mine, theirs = open_page("grounds"), open_page("grounds")
    widget(theirs.text_area, "Notes").input("Their note on the first ground")
    click(theirs, "Save grounds")
    mine.run()  # an unrelated rerun: this page keeps the version it was opened on
    assert "newer version" in texts(mine, "info")
    mine.text_area[1].input("My note on the second ground")
    click(mine, "Save grounds")
    assert "Someone else changed this evaluation" in texts(mine, "warning")
    assert mine.text_area[1].value == "My note on the second ground"  # kept
    saved = latest(app_store).exit.grounds
    assert saved["mutual"].notes == "Their note on the first ground"
    click(mine, "Make my change again on the latest version")
    saved = latest(app_store).exit.grounds
    assert saved["mutual"].notes == "Their note on the first ground"
    assert saved["damage"].notes == "My note on the second ground"


def test_a_refused_letter_keeps_what_was_typed(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    mine, theirs = open_page("letter"), open_page("letter")
    theirs.text_area[0].input("Their version.\n").run()
    click(theirs, "Save my edits")
    mine.text_area[0].input("My version, typed with care.\n").run()
    click(mine, "Save my edits")
    assert mine.text_area[0].value == "My version, typed with care.\n"
    assert latest(app_store).exit.letter == "Their version.\n"


def test_a_bad_score_keeps_the_editor_as_typed_and_says_why_beside_it(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("scorecard")
    edit(at, 0, {0: {"Score": "7"}})
    assert "7 is not a whole number from 0 to 5" in texts(at, "error")
    key = at.data_editor[0].key
    assert at.session_state[key]["edited_rows"] == {0: {"Score": "7"}}  # not thrown away
    assert latest(app_store) == demo


def test_the_scorecard_confirms_the_change_and_can_undo_it(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("scorecard")
    edit(at, 1, {0: {"Score": "0"}})  # Server maintenance, its first criterion
    toast = " ".join(t.value for t in at.toast)
    criterion = demo.checklist.essentials[1].criteria[0]
    assert f"{criterion.name} · score:" in as_read(toast)
    current = demo.current
    assert current is not None
    assert latest(app_store).provider(current.id).score(criterion.id).rating == 0
    click(at, "Undo it")
    assert latest(app_store).provider(current.id).score(criterion.id) == current.score(criterion.id)


def test_reloading_the_address_opens_the_same_evaluation(
    app_store: Store, demo: Evaluation
) -> None:
    app_store.create(demo.renamed("Second client"))
    wanted = app_store.find("Second client").id
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["evaluation"] = str(wanted)
    at.run()
    assert at.sidebar.selectbox[0].value == wanted
    assert at.query_params["evaluation"] == str(wanted)


def test_an_unknown_evaluation_in_the_address_is_said_not_replaced(
    app_store: Store, demo: Evaluation
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["evaluation"] = "999"
    at.run()
    assert "There is no evaluation 999 here" in texts(at, "error")
    assert at.sidebar.selectbox[0].value is None
    assert DEMO not in " ".join(m.value for m in at.markdown)


def test_the_address_follows_the_evaluation_picked(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.create(demo.renamed("Second client"))
    at = open_page("compare")
    switch_to(at, app_store, "Second client")
    assert at.query_params["evaluation"] == str(app_store.find("Second client").id)


BROKEN_PAGE = """
from itexit import ui

class Page:
    def run(self):
        raise RuntimeError("a bug in a view")

ui.run(Page())
"""


def test_an_unexpected_error_shows_a_plain_sentence_and_a_reference_that_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    at = AppTest.from_string(BROKEN_PAGE, default_timeout=30).run()
    assert not at.exception
    shown = texts(at, "error")
    reference = re.search(r"reference to whoever runs ITexit: ([0-9a-f]{8})", shown)
    assert reference is not None
    assert "Traceback" not in shown and "RuntimeError" not in shown
    logged = [r for r in caplog.records if reference.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info is not None


@pytest.fixture
def own_database() -> Iterator[tuple[str, Callable[[], None], Callable[[], None]]]:
    """A PostgreSQL database of this test's own, with ways to drop it and bring it back."""
    name = f"itexit_fault_{secrets.token_hex(4)}"
    try:
        admin = sqlalchemy.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except sqlalchemy.exc.OperationalError as exc:
        require_or_skip("ITEXIT_REQUIRE_POSTGRES", f"no PostgreSQL server: {exc}")

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def create() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")

    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}", drop, create
    drop()
    admin.dispose()


@pytest.mark.postgres
def test_a_database_that_comes_back_is_used_again_without_a_restart(
    own_database: tuple[str, Callable[[], None], Callable[[], None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, drop, create = own_database
    monkeypatch.setenv("ITEXIT_DATABASE_URL", url)
    # The router's way of running a page, as a server runs it on every rerun (AppTest reruns a
    # page of a pages/ folder without its router, so the router is spelled out here).
    evaluations = APP.parent / "pages" / "evaluations.py"
    router = (
        "import streamlit as st\nfrom itexit import ui\n"
        f"ui.run(st.navigation([st.Page({str(evaluations)!r}, default=True)]))\n"
    )
    at = AppTest.from_string(router, default_timeout=30).run()
    assert at.sidebar.selectbox[0].options  # the demo, on a first start
    drop()
    at.run()
    assert "The database is not answering" in texts(at, "error")
    assert not at.exception
    create()  # back, and empty
    at.run()
    assert not at.exception
    assert "The database is not answering" not in texts(at, "error")
    assert at.sidebar.selectbox[0].options  # tables made again, the demo added again


def test_renaming_to_a_name_another_evaluation_has_says_so_and_keeps_the_name_typed(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.create(demo.renamed("Another client"))
    at = open_page("evaluations")
    at.sidebar.selectbox[0].select(app_store.find(DEMO).id).run()
    widget(at.text_input, "Rename to").input("another CLIENT")
    click(at, "Rename")
    assert not at.exception
    assert "already exists" in texts(at, "error")
    assert widget(at.text_input, "Rename to").value == "another CLIENT"


def test_a_change_made_while_another_waits_joins_it(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    mine, theirs = open_page("grounds"), open_page("grounds")
    widget(theirs.text_area, "Notes").input("Theirs")
    click(theirs, "Save grounds")
    mine.text_area[1].input("Mine, first")
    click(mine, "Save grounds")  # refused: it waits at the top
    mine.text_area[2].input("Mine, second")
    click(mine, "Save grounds")  # joins the first
    assert "Mine, second" in as_read(" ".join(t for t in texts_of(mine, "warning")))
    click(mine, "Make my change again on the latest version")
    saved = latest(app_store).exit.grounds
    assert (saved["mutual"].notes, saved["damage"].notes, saved["billing"].notes) == (
        "Theirs",
        "Mine, first",
        "Mine, second",
    )


def test_undo_says_when_someone_else_has_saved_since(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    mine = open_page("scorecard")
    edit(mine, 0, {0: {"Score": "1"}})
    theirs = open_page("grounds")
    widget(theirs.text_area, "Notes").input("Theirs")
    click(theirs, "Save grounds")
    mine.run()
    assert not [b for b in mine.sidebar.button if b.label == "Undo it"]
    assert "can no longer be undone here" in as_read(
        " ".join(c.value for c in mine.sidebar.caption)
    )


def test_an_evaluation_deleted_by_someone_else_is_said_not_swapped(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.create(demo.renamed("Another client"))
    at = open_page("grounds")
    switch_to(at, app_store, DEMO)
    app_store.delete(app_store.find(DEMO).id)
    at.run()
    assert "has been deleted" in texts(at, "warning")
    assert at.sidebar.selectbox[0].value is None


def texts_of(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def test_saving_the_sender_keeps_the_letter_being_edited(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("letter")
    at.text_area[0].input("My own wording, not saved yet.\n").run()
    widget(at.text_input, "Signed by (name and title)").input("Jo Bloggs, Director")
    click(at, "Save")
    assert latest(app_store).exit.signatory == "Jo Bloggs, Director"
    assert at.text_area[0].value == "My own wording, not saved yet.\n"
