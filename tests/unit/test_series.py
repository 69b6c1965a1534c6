"""Reviews over time: the rules of a series, the next review's copy, finding a series' reviews
in the store, the figures the page shows, the JSON round trip and `itexit next-review`."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from itexit.cli import main
from itexit.compare.scoring import compare
from itexit.compare.views import scorecard_view
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score
from itexit.exit.models import Incident
from itexit.export import evaluation_document, read_evaluation_document
from itexit.input import InvalidInput
from itexit.series import Review, next_review, review_name, series_started
from itexit.series.views import ONE_REVIEW, reviews_view, start_next_review
from itexit.store import Conflict, Store
from itexit.style import escaped
from itexit.types import NAME_MAX
from itexit.words import figure_number

LAST_YEAR = date(2026, 11, 12)
TODAY = date(2027, 11, 3)


@pytest.fixture
def demo() -> Evaluation:
    return demo_evaluation(LAST_YEAR)


def first_review(evaluation: Evaluation) -> Evaluation:
    return evaluation.with_review(Review(series="s-0123456789ab", held=LAST_YEAR))


# The next review's name ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bright Smile Dental", "Bright Smile Dental — review 2027-11"),
        ("Bright Smile Dental — review 2026-11", "Bright Smile Dental — review 2027-11"),
        ("  Acme Ltd  ", "Acme Ltd — review 2027-11"),
        ("x" * NAME_MAX, "x" * (NAME_MAX - 17) + " — review 2027-11"),
    ],
)
def test_the_next_review_is_offered_the_series_name_and_the_month(name: str, expected: str) -> None:
    assert review_name(name, TODAY) == expected
    assert len(review_name(name, TODAY)) <= NAME_MAX


def test_a_name_already_taken_is_offered_with_a_number() -> None:
    taken = ["Acme — review 2027-11", "ACME — REVIEW 2027-11 (2)"]
    assert review_name("Acme — review 2027-11", TODAY, taken) == "Acme — review 2027-11 (3)"


def test_a_numbered_review_name_is_not_stacked() -> None:
    assert review_name("Acme — review 2026-11 (2)", TODAY) == "Acme — review 2027-11"


def test_a_numbered_name_still_fits_a_name() -> None:
    long = "x" * NAME_MAX
    offered = review_name(long, TODAY, [review_name(long, TODAY)])
    assert offered.endswith(" — review 2027-11 (2)") and len(offered) == NAME_MAX


# Starting a series -----------------------------------------------------------------------------


def test_an_evaluation_in_no_series_starts_one_dated_the_day_given(demo: Evaluation) -> None:
    started = series_started(demo, LAST_YEAR)
    assert started.review is not None and started.review.held == LAST_YEAR
    assert started.review.series.startswith("s-")


def test_an_evaluation_already_in_a_series_stays_in_it(demo: Evaluation) -> None:
    first = first_review(demo)
    assert series_started(first, TODAY) is first


def test_the_next_review_of_an_evaluation_in_no_series_is_refused(demo: Evaluation) -> None:
    with pytest.raises(ValueError, match="series"):
        next_review(demo, "Next", TODAY)


# What the next review carries over --------------------------------------------------------------


def test_the_next_review_is_the_same_series_held_today_under_its_new_name(
    demo: Evaluation,
) -> None:
    following = next_review(first_review(demo), "Bright Smile — review 2027-11", TODAY)
    assert following.name == "Bright Smile — review 2027-11"
    assert following.review == Review(series="s-0123456789ab", held=TODAY)


def test_the_next_review_keeps_providers_settings_contracts_and_checklist(
    demo: Evaluation,
) -> None:
    following = next_review(first_review(demo), "Next", TODAY)
    kept = ("checklist", "essential_weights", "criterion_weights", "targets", "must_haves")
    for field in (*kept, "judgements", "business", "currency"):
        assert getattr(following, field) == getattr(demo, field), field
    for before, after in zip(demo.providers, following.providers, strict=True):
        assert (after.id, after.name, after.current) == (before.id, before.name, before.current)
        assert (after.contract, after.pricing, after.service) == (
            before.contract,
            before.pricing,
            before.service,
        )
        assert after.answers == before.answers


def test_every_score_carries_over_with_its_rating_and_note_marked_as_the_last_reviews(
    demo: Evaluation,
) -> None:
    following = next_review(first_review(demo), "Next", TODAY)
    for before, after in zip(demo.providers, following.providers, strict=True):
        for criterion, score in before.scores.items():
            carried = after.scores[criterion]
            assert (carried.rating, carried.note, carried.verified) == (
                score.rating,
                score.note,
                score.verified,
            )
            assert carried.carried == (LAST_YEAR if score != Score() else None)


def test_the_next_review_scores_the_same_as_the_last_until_re_checked(demo: Evaluation) -> None:
    following = next_review(first_review(demo), "Next", TODAY)
    assert compare(following).overall.equals(compare(demo).overall)


def test_a_score_never_re_checked_keeps_the_review_it_was_first_carried_from(
    demo: Evaluation,
) -> None:
    second = next_review(first_review(demo), "Second", TODAY)
    third = next_review(second, "Third", date(2028, 11, 1))
    current = third.current
    assert current is not None
    assert {s.carried for s in current.scores.values() if s != Score()} == {LAST_YEAR}


def test_an_empty_score_is_not_marked_for_re_checking(demo: Evaluation) -> None:
    current = demo.current
    assert current is not None
    criterion = next(iter(current.scores))
    emptied = first_review(demo.with_scores(current.id, {criterion: Score()}))
    after = next_review(emptied, "Next", TODAY).provider(current.id)
    assert after.scores[criterion].carried is None


def test_the_incident_log_and_sender_carry_over_the_rest_of_the_exit_plan_starts_afresh(
    demo: Evaluation,
) -> None:
    incident = Incident(id="a1b2c3", day=LAST_YEAR, what="Backup failed for a week")
    busy = first_review(
        demo.with_incident(incident)
        .with_letter("Our own letter")
        .with_move_dates(notice=LAST_YEAR, new_provider_start=None, cutover=None)
        .with_sender("Bright Smile Dental", "Dr. Lee")
    )
    plan = next_review(busy, "Next", TODAY).exit
    assert incident in plan.incidents
    assert (plan.business_name, plan.signatory) == ("Bright Smile Dental", "Dr. Lee")
    assert plan.letter is None and plan.notice_date is None
    assert plan.grounds == {} and plan.tasks == {}


def test_the_imported_tickets_are_left_to_the_next_reviews_own_export(demo: Evaluation) -> None:
    assert next_review(first_review(demo), "Next", TODAY).tickets is None


def test_an_empty_name_for_the_next_review_is_refused(demo: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="Name of the next review can't be empty"):
        next_review(first_review(demo), "   ", TODAY)


def test_changing_a_carried_score_on_the_scorecard_marks_it_re_checked(demo: Evaluation) -> None:
    from itexit.compare.views import scores_edited

    following = next_review(first_review(demo), "Next", TODAY)
    current = following.current
    assert current is not None
    essential = following.checklist.essentials[0]
    edited = scores_edited(following, current.id, {essential.id: {0: {"Score": 1}}})
    score = edited.provider(current.id).score(essential.criteria[0].id)
    assert score.rating == 1 and score.carried is None


def test_the_scorecard_says_which_scores_are_the_last_reviews(demo: Evaluation) -> None:
    following = next_review(first_review(demo), "Next", TODAY)
    current = following.current
    assert current is not None
    words = set(scorecard_view(following, current.id).tabs[0].table["Whose word"])
    assert "from the review of 12 Nov 2026: re-check" in words


# The JSON document --------------------------------------------------------------------------------


def test_the_json_export_keeps_the_review_and_the_carried_marks(demo: Evaluation) -> None:
    following = next_review(first_review(demo), "Next", TODAY)
    assert read_evaluation_document(evaluation_document(following)) == following


def test_a_review_exports_as_format_version_5(demo: Evaluation) -> None:
    assert json.loads(evaluation_document(first_review(demo)))["version"] == 5


def test_an_evaluation_in_no_series_exports_as_before(demo: Evaluation) -> None:
    document = json.loads(evaluation_document(demo))
    body = document["evaluation"]
    assert document["version"] == 4 and "review" not in body
    assert all("carried" not in s for p in body["providers"] for s in p["scores"].values())


# The store ----------------------------------------------------------------------------------------


def test_starting_the_next_review_makes_the_first_review_of_a_series_and_its_copy(
    store: Store, demo: Evaluation
) -> None:
    stored = store.create(demo)
    following = start_next_review(store, stored, "Bright Smile — review 2027-11", TODAY)
    first = store.load(stored.id)
    assert first.revision == 2 and first.evaluation.review is not None
    assert first.evaluation.review.held == stored.saved_at.date()
    assert following.evaluation.review == Review(series=first.evaluation.review.series, held=TODAY)
    assert [s.id for s in store.series(first.evaluation.review.series)] == [stored.id, following.id]


def test_the_next_review_of_a_later_review_joins_the_same_series(
    store: Store, demo: Evaluation
) -> None:
    stored = store.create(demo)
    second = start_next_review(store, stored, "Second", TODAY)
    third = start_next_review(store, second, "Third", date(2028, 11, 1))
    review = third.evaluation.review
    assert review is not None
    assert [s.id for s in store.series(review.series)] == [stored.id, second.id, third.id]
    assert store.load(second.id).revision == 1  # already in the series: not saved again


def test_a_next_review_started_from_an_outdated_revision_is_refused_and_nothing_is_made(
    store: Store, demo: Evaluation
) -> None:
    stored = store.create(demo)
    store.save(stored.id, demo.renamed("Changed meanwhile"), 1)
    with pytest.raises(Conflict):
        start_next_review(store, stored, "Next", TODAY)
    assert [s.name for s in store.summaries()] == ["Changed meanwhile"]


def test_a_next_review_with_a_bad_name_saves_nothing(store: Store, demo: Evaluation) -> None:
    stored = store.create(demo)
    with pytest.raises(InvalidInput):
        start_next_review(store, stored, "", TODAY)
    assert store.load(stored.id).revision == 1 and len(store.summaries()) == 1


def test_a_next_review_under_a_taken_name_is_refused(store: Store, demo: Evaluation) -> None:
    stored = store.create(demo)
    with pytest.raises(InvalidInput, match="already exists"):
        start_next_review(store, stored, demo.name, TODAY)
    assert len(store.summaries()) == 1


def test_an_evaluation_restored_to_before_its_series_leaves_the_series(
    store: Store, demo: Evaluation
) -> None:
    stored = store.create(demo)
    following = start_next_review(store, stored, "Next", TODAY)
    store.save(stored.id, demo, 2)  # an earlier body, without the review, saved again
    review = following.evaluation.review
    assert review is not None
    assert [s.id for s in store.series(review.series)] == [following.id]


# The figures of the Reviews over time page --------------------------------------------------------


def improved(evaluation: Evaluation, rating: int) -> Evaluation:
    current = evaluation.current
    assert current is not None
    criterion = evaluation.checklist.essentials[0].criteria[0].id
    return evaluation.with_scores(current.id, {criterion: Score(rating=rating)})


def test_one_review_shows_no_chart_and_says_how_to_see_a_trend(demo: Evaluation) -> None:
    view = reviews_view([demo])
    assert view.one_review and view.chart is None and len(view.table) == 1
    assert "One review so far" in ONE_REVIEW and "in a year" in ONE_REVIEW


def test_two_reviews_give_the_current_providers_figures_by_review_date(demo: Evaluation) -> None:
    first = first_review(demo)
    second = improved(next_review(first, "Next", TODAY), 5)
    view = reviews_view([second, first])  # in any order: by the review's date
    assert not view.one_review and view.chart is not None
    assert list(view.table["Review"]) == ["12 Nov 2026", "3 Nov 2027"]
    current = demo.current
    assert current is not None
    expected = [figure_number(compare(e).overall[current.id], 1) for e in (first, second)]
    assert list(view.table["Overall (0–100)"]) == expected
    essential = demo.checklist.essentials[0]
    scores = [compare(e).essential_scores[current.id][essential.id] for e in (first, second)]
    assert list(view.table[essential.name]) == [figure_number(s, 2) for s in scores]


def test_the_chart_draws_the_tables_figures_on_a_0_to_5_and_a_0_to_100_axis(
    demo: Evaluation,
) -> None:
    first = first_review(demo)
    view = reviews_view([first, improved(next_review(first, "Next", TODAY), 5)])
    assert view.chart is not None
    layout = view.chart.layout
    assert layout.yaxis.title.text == "Essential score (0–5)"
    assert layout.yaxis2.title.text == "Overall score (0–100)"
    assert layout.xaxis.title.text == "Review"
    overall = next(t for t in view.chart.data if t.name == "Overall (right axis)")
    assert list(overall.y) == list(view.table["Overall (0–100)"])
    names = {t.name for t in view.chart.data}
    assert {escaped(e.name) for e in demo.checklist.essentials} <= names


def test_the_sentences_say_how_the_overall_moved_and_which_essentials_did_better(
    demo: Evaluation,
) -> None:
    first = first_review(demo)
    view = reviews_view([first, improved(next_review(first, "Next", TODAY), 5)])
    text = " ".join(view.sentences)
    assert "2 reviews in this series, from 12 Nov 2026 to 3 Nov 2027." in text
    assert "Since the review of 12 Nov 2026" in text and "(up " in text
    assert f"Better than at the review before: {demo.checklist.essentials[0].name}" in text


def test_scores_not_re_checked_are_counted_and_called_out(demo: Evaluation) -> None:
    first = first_review(demo)
    view = reviews_view([first, next_review(first, "Next", TODAY)])
    carried = list(view.table["Scores not re-checked"])
    assert carried[0] == 0 and carried[1] > 0
    assert any("not re-checked" in s for s in view.sentences)
    assert any("stayed at" in s for s in view.sentences)


def test_a_change_of_provider_breaks_the_line_and_is_said(demo: Evaluation) -> None:
    first = first_review(demo)
    candidate = demo.candidates[0]
    switched = next_review(first, "Next", TODAY).with_current(candidate.id)
    view = reviews_view([first, switched])
    assert view.chart is not None
    overall = [t for t in view.chart.data if t.legendgroup == "Overall (right axis)"]
    assert [len(t.x) for t in overall] == [1, 1]  # two runs, never one line joining them
    assert list(view.table["Current provider"]) == [demo.current.name, candidate.name]  # type: ignore[union-attr]
    text = " ".join(view.sentences)
    assert "You changed provider" in text and candidate.name in text
    assert "Since the review" not in text
    assert any(a.text.startswith("Switched to") for a in view.chart.layout.annotations)


def test_a_review_without_a_current_provider_has_no_figures(demo: Evaluation) -> None:
    first = first_review(demo)
    view = reviews_view([first, next_review(first, "Next", TODAY).with_current(None)])
    row = view.table.iloc[1]
    assert row["Current provider"] == "none marked" and math.isnan(row["Overall (0–100)"])
    assert any("no current provider" in s for s in view.sentences)


def test_two_reviews_on_the_same_day_get_their_own_places_on_the_chart(demo: Evaluation) -> None:
    first = demo.with_review(Review(series="s-0123456789ab", held=TODAY))
    view = reviews_view([first, next_review(first, "Next", TODAY)])
    assert list(view.table["Review"]) == ["3 Nov 2027", "3 Nov 2027 · 2"]


# The command line ---------------------------------------------------------------------------------


def test_itexit_next_review_starts_the_next_review_under_the_default_name(
    sqlite_url: str, demo: Evaluation, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(sqlite_url)
    store.create(demo)
    assert main(["next-review", demo.name, "--database-url", sqlite_url]) == 0
    out = capsys.readouterr().out
    names = [s.name for s in store.summaries()]
    started = review_name(demo.name, date.today())
    assert started in names and f"Started '{started}'" in out and "re-check" in out
    store.dispose()


def test_itexit_next_review_of_a_review_in_the_same_month_gets_a_name_not_taken(
    sqlite_url: str, demo: Evaluation, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(sqlite_url)
    store.create(demo)
    first = review_name(demo.name, date.today())
    assert main(["next-review", demo.name, "--database-url", sqlite_url]) == 0
    assert main(["next-review", first, "--database-url", sqlite_url]) == 0
    assert f"Started '{first} (2)'" in capsys.readouterr().out
    assert sorted(s.name for s in store.summaries()) == sorted([demo.name, first, f"{first} (2)"])
    store.dispose()


def test_itexit_next_review_takes_a_name_and_refuses_a_taken_one_in_one_line(
    sqlite_url: str, demo: Evaluation, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = Store(sqlite_url)
    stored = store.create(demo)
    assert (
        main(["next-review", str(stored.id), "--name", "Yearly", "--database-url", sqlite_url]) == 0
    )
    assert (
        main(["next-review", str(stored.id), "--name", "Yearly", "--database-url", sqlite_url]) == 1
    )
    assert "already exists" in capsys.readouterr().err
    assert sorted(s.name for s in store.summaries()) == sorted([demo.name, "Yearly"])
    store.dispose()


def test_a_duplicate_is_in_no_series(store: Store, demo: Evaluation) -> None:
    first = store.create(series_started(demo, date(2026, 11, 1)))
    copy = store.duplicate(first.id, "A snapshot")
    assert copy.evaluation.review is None
    assert [s.id for s in store.series(first.evaluation.review.series)] == [first.id]  # type: ignore[union-attr]


def test_a_restore_keeps_the_evaluation_in_its_series(demo: Evaluation) -> None:
    from itexit.history import restored

    now = series_started(demo, date(2026, 11, 1))
    assert restored(now, demo).review == now.review


def test_the_next_review_of_a_revision_someone_has_saved_over_is_refused(
    store: Store, demo: Evaluation
) -> None:
    first = store.create(series_started(demo, date(2026, 11, 1)))
    store.save(first.id, first.evaluation.with_provider("Castle IT"), 1)  # someone else
    with pytest.raises(Conflict, match="newer version"):
        start_next_review(store, first, "Next", date(2027, 11, 2))
    assert len(store.summaries()) == 1


def test_essentials_named_like_a_column_or_each_other_keep_their_own_column(
    demo: Evaluation,
) -> None:
    essentials = demo.checklist.essentials
    renamed = {essentials[0].id: "Review", essentials[1].id: "Backups", essentials[2].id: "Backups"}
    checklist = demo.checklist.model_copy(
        update={
            "essentials": tuple(
                e.model_copy(update={"name": renamed.get(e.id, e.name)}) for e in essentials
            )
        }
    )
    first = series_started(demo.model_copy(update={"checklist": checklist}), date(2026, 11, 1))
    view = reviews_view([first, next_review(first, "Next", date(2027, 11, 2))])
    columns = list(view.table.columns)
    assert len(columns) == len(set(columns)) == 5 + len(essentials)
    assert columns[0] == "Review" and "Review (2)" in columns and "Backups (2)" in columns
    assert view.table["Review"].tolist() == ["1 Nov 2026", "2 Nov 2027"]
