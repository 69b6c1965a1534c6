"""The Evaluations page's "Start next review" and the Reviews over time page, through AppTest."""

from __future__ import annotations

from datetime import date

from itexit.evaluation import Evaluation, Score
from itexit.series import review_name
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import DEMO, click, latest, texts, widget


def start_next_review(open_page: OpenPage) -> None:
    at = open_page("evaluations")
    click(at, "Start next review")
    assert not at.exception and not at.error
    assert "Started the next review" in texts(at, "toast")


def test_one_review_says_how_to_see_a_trend(open_page: OpenPage, demo: Evaluation) -> None:
    at = open_page("reviews")
    assert "One review so far: start the next review in a year" in texts(at, "info")
    assert len(at.dataframe) == 1


def test_start_next_review_offers_the_month_and_opens_the_copy(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("evaluations")
    offered = widget(at.text_input, "Next review as").value
    assert offered == review_name(DEMO, date.today())
    click(at, "Start next review")
    assert sorted(s.name for s in app_store.summaries()) == sorted([DEMO, offered])
    assert f"Working on **{offered}**" in " ".join(m.value for m in at.markdown).replace("\\", "")
    copy = latest(app_store, offered)
    assert copy.review is not None and copy.review.held == date.today()


def test_after_the_next_review_the_page_charts_both_reviews(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    start_next_review(open_page)
    stored = app_store.load(app_store.find(review_name(DEMO, date.today())).id)
    current = stored.evaluation.current
    assert current is not None
    criterion = stored.evaluation.checklist.essentials[0].criteria[0].id
    better = stored.evaluation.with_scores(current.id, {criterion: Score(rating=5)})
    app_store.save(stored.id, better, stored.revision)
    at = open_page("reviews")
    assert not at.exception and not at.error and not at.info
    assert len(at.get("plotly_chart")) == 1
    table = at.dataframe[0].value
    assert len(table) == 2 and table["Overall (0–100)"].iloc[1] > table["Overall (0–100)"].iloc[0]
    assert "2 reviews in this series" in texts(at, "markdown")


def test_the_next_review_of_a_review_in_the_same_month_is_offered_a_name_not_taken(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    start_next_review(open_page)
    at = open_page("evaluations")
    offered = widget(at.text_input, "Next review as").value
    assert offered == f"{review_name(DEMO, date.today())} (2)"
    click(at, "Start next review")
    assert not at.error
    assert len(app_store.summaries()) == 3


def test_a_bad_name_for_the_next_review_is_refused_and_nothing_is_added(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("evaluations")
    widget(at.text_input, "Next review as").input(DEMO)
    click(at, "Start next review")
    assert "already exists" in texts(at, "error")
    assert [s.name for s in app_store.summaries()] == [DEMO]
