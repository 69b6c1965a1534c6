"""An evaluation's history: each revision's author and changes in words, the difference between
two revisions, restoring an old one as a new revision, and `itexit history`."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

import pytest

from itexit.changes import applied, changes, in_words, summarised
from itexit.cli import main
from itexit.decide.models import Judgement
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation
from itexit.history import (
    NOT_RECORDED,
    difference,
    history_rows,
    history_table,
    history_text,
    restore_headline,
    restored,
    revision_label,
)
from itexit.store import Conflict, Revision, Store

DEMO = demo_evaluation()


def _notice(evaluation: Evaluation, days: int) -> Evaluation:
    provider = evaluation.current
    assert provider is not None and provider.contract is not None
    return evaluation.with_contract(
        provider.id, provider.contract.model_copy(update={"notice_days": days})
    )


def _rescored(evaluation: Evaluation, rating: int) -> Evaluation:
    provider = evaluation.current
    assert provider is not None
    score = provider.scores["backup.restore_testing"].model_copy(update={"rating": rating})
    return evaluation.with_scores(provider.id, {"backup.restore_testing": score})


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda e: _rescored(e, 4),
            "SwiftNet IT · Backup & disaster recovery · Restores tested regularly · score: 0 → 4",
        ),
        (lambda e: _notice(e, 60), "SwiftNet IT · contract · notice (days): 90 → 60"),
        (lambda e: e.with_provider("Castle IT"), "Castle IT: added"),
        (
            lambda e: e.with_essential_settings({"backup": 4.0}, {}),
            "Backup & disaster recovery · weight: 1.5 → 4",
        ),
        (
            lambda e: e.with_must_haves({"backup.restore_testing": 4}),
            "Restores tested regularly · must-have minimum: 3 → 4",
        ),
        (lambda e: e.renamed("Review 2027"), f"evaluation name: {DEMO.name} → Review 2027"),
    ],
)
def test_each_kind_of_change_is_recorded_in_words(store: Store, change: object, words: str) -> None:
    stored = store.create(DEMO, author="ann@example.com")
    store.save(stored.id, change(DEMO), 1, author="bob@example.com")  # type: ignore[operator]
    newest = history_rows(store.history(stored.id))[0]
    assert (newest.who, newest.changes) == ("bob@example.com", (words,))


def test_a_removed_provider_is_said_to_be_removed(store: Store) -> None:
    with_castle = DEMO.with_provider("Castle IT")
    stored = store.create(with_castle)
    castle = next(p.id for p in with_castle.providers if p.name == "Castle IT")
    store.save(stored.id, with_castle.without_provider(castle), 1)
    assert history_rows(store.history(stored.id))[0].changes == ("Castle IT: removed",)


def test_a_line_of_the_list_names_three_changes_and_counts_the_rest() -> None:
    revision = Revision(2, datetime(2026, 11, 27, 9, 5, tzinfo=UTC), "ann", tuple("abcde"))
    assert history_rows([revision])[0].in_brief == "a; b; c; and 2 more changes"


def test_a_revision_from_before_authors_were_kept_says_so() -> None:
    old = Revision(1, datetime(2026, 3, 2, 14, 0, tzinfo=UTC), None, None)
    row = history_rows([old])[0]
    assert (row.who, row.in_brief) == (NOT_RECORDED, f"({NOT_RECORDED})")
    assert revision_label(old) == f"Revision 1 · 2 Mar 2026, 14:00 UTC · {NOT_RECORDED}"


def test_the_history_table_lists_revisions_newest_first(store: Store) -> None:
    stored = store.create(DEMO, author="ann")
    store.save(stored.id, _notice(DEMO, 60), 1, author="bob")
    table = history_table(history_rows(store.history(stored.id)))
    assert table["Revision"].tolist() == [2, 1]
    assert table["By"].tolist() == ["bob", "ann"]
    assert table["What changed"].tolist() == [
        "SwiftNet IT · contract · notice (days): 90 → 60",
        "Created",
    ]


def test_the_difference_lists_each_value_that_differs_with_both_sides() -> None:
    newer = _notice(DEMO, 60).with_provider("Castle IT")
    frame = difference(DEMO, newer)
    assert frame.values.tolist() == [
        ["SwiftNet IT · contract · notice (days)", "90", "60"],
        ["Castle IT", "not there", "added"],
    ]
    assert difference(newer, DEMO).values.tolist()[1] == ["Castle IT", "there", "removed"]
    assert difference(DEMO, DEMO).empty


def test_restoring_brings_back_the_old_version_but_keeps_todays_tickets() -> None:
    old = DEMO.with_tickets(None)
    assert restored(DEMO, old) == DEMO
    assert restored(DEMO, _notice(DEMO, 60)) == _notice(DEMO, 60)


def test_a_restore_is_saved_as_a_new_revision_and_nothing_is_deleted(store: Store) -> None:
    stored = store.create(DEMO)
    second = store.save(stored.id, _notice(DEMO, 60), 1)
    first = store.history(stored.id)[-1]
    back = restored(second.evaluation, store.load(stored.id, 1).evaluation)
    store.save(stored.id, back, 2, summary=(restore_headline(first), "notice back"))
    assert [r.revision for r in store.history(stored.id)] == [3, 2, 1]
    assert store.load(stored.id).evaluation == DEMO
    assert store.history(stored.id)[0].summary[0].startswith("Restored revision 1 (saved ")  # type: ignore[index]


def test_a_restore_made_on_a_stale_revision_is_refused(store: Store) -> None:
    stored = store.create(DEMO)
    store.save(stored.id, _notice(DEMO, 60), 1)
    store.save(stored.id, _notice(DEMO, 30), 2)  # someone else, meanwhile
    with pytest.raises(Conflict):
        store.save(stored.id, restored(DEMO, DEMO), 2)
    assert store.load(stored.id).evaluation == _notice(DEMO, 30)


# The command line ------------------------------------------------------------------------------


@pytest.fixture
def url(sqlite_url: str) -> str:
    store = Store(sqlite_url)
    stored = store.create(DEMO, author="ann@example.com")
    store.save(stored.id, _notice(DEMO, 60), 1, author="bob@example.com")
    store.dispose()
    return sqlite_url


def test_itexit_history_lists_every_revision_with_who_and_what(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "1", "--database-url", url]) == 0
    out = capsys.readouterr().out
    store = Store(url)
    assert out == history_text(history_rows(store.history(1)))
    store.dispose()
    lines = out.splitlines()
    assert lines[0].startswith("Revision 2 · ") and lines[0].endswith(" · bob@example.com")
    assert lines[1] == "  SwiftNet IT · contract · notice (days): 90 → 60"
    assert lines[3] == "  Created"


def test_itexit_history_compares_two_revisions(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", DEMO.name, "--compare", "1", "2", "--database-url", url]) == 0
    assert capsys.readouterr().out == (
        "From revision 1 to revision 2:\n  SwiftNet IT · contract · notice (days): 90 → 60\n"
    )


def test_itexit_history_restores_a_revision_as_the_os_user(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "1", "--restore", "1", "--database-url", url]) == 0
    assert capsys.readouterr().out == "Restored revision 1 as revision 3.\n"
    store = Store(url)
    newest = store.history(1)[0]
    assert store.load(1).evaluation == DEMO
    store.dispose()
    assert newest.author == getpass.getuser()
    assert newest.summary is not None and newest.summary[1:] == (
        "SwiftNet IT · contract · notice (days): 60 → 90",
    )


def test_itexit_history_refuses_a_revision_that_does_not_exist(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "1", "--restore", "9", "--database-url", url]) == 1
    assert capsys.readouterr().err == (
        "itexit: There is no revision 9: this evaluation has revisions 1 to 2.\n"
    )
    store = Store(url)
    assert store.summary(1).revision == 2
    store.dispose()


def test_a_pairwise_answer_is_described_as_the_person_gave_it() -> None:
    first = DEMO.with_judgements([Judgement(more="security", less="backup", times=3)])
    turned = first.with_judgements([Judgement(more="backup", less="security", times=5)])
    assert summarised(DEMO, first) == (
        "pairwise answer: not answered → "
        "Security & encryption 3× as important as Backup & disaster recovery",
    )
    assert summarised(first, turned) == (
        "pairwise answer: Security & encryption 3× as important as Backup & disaster recovery"
        " → Backup & disaster recovery 5× as important as Security & encryption",
    )


def test_a_pairwise_answer_made_again_on_a_newer_version_changes_only_that_pair() -> None:
    both = [
        Judgement(more="security", less="backup", times=3),
        Judgement(more="helpdesk", less="policies", times=2),
    ]
    mine = DEMO.with_judgements([both[0].model_copy(update={"times": 7}), both[1]])
    theirs = DEMO.with_judgements([both[0], both[1].model_copy(update={"times": 4})])
    made_again = applied(changes(DEMO.with_judgements(both), mine), theirs)
    assert {(j.more, j.times) for j in made_again.judgements} == {("security", 7), ("helpdesk", 4)}


def test_a_whole_number_weight_reads_as_on_the_page_and_a_worked_out_one_is_rounded() -> None:
    assert (in_words(2.0), in_words(1.5), in_words(3)) == ("2", "1.5", "3")
    assert (in_words(1.157546), in_words(99.999)) == ("1.158", "99.999")


def test_the_difference_shows_a_pairwise_answer_in_words() -> None:
    answered = DEMO.with_judgements([Judgement(more="security", less="backup", times=3)])
    assert difference(DEMO, answered).values.tolist() == [
        [
            "pairwise answer",
            "not answered",
            "Security & encryption 3× as important as Backup & disaster recovery",
        ]
    ]
