"""The decision controls through AppTest: criteria and must-haves, pairwise weighting, verified
scores, and the Decide page."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import as_read, click, edit, latest, texts
from tests.app.helpers import widget as field

# Criteria & must-haves ---------------------------------------------------------------------------


def test_criteria_page_lists_each_essential_s_criteria_with_weights(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("criteria")
    assert len(at.data_editor) == 6
    first = at.data_editor[0].value
    assert list(first.columns[:4]) == ["Criterion", "Weight", "Must-have", "Minimum"]
    assert "⚑ Two-step login for the provider's own staff" in list(first["Criterion"])
    assert "Restores tested regularly (at least 3)" in texts(at, "markdown")


def test_marking_a_must_have_and_changing_a_criterion_weight(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("criteria")
    edit(at, 0, {0: {"Must-have": True, "Minimum": 4}, 1: {"Weight": 3}})
    saved = latest(app_store)
    assert saved.must_haves["security.encryption"] == 4
    assert saved.criterion_weights["security.provider_mfa"] == 3
    edit(at, 0, {0: {"Must-have": False}})
    assert "security.encryption" not in latest(app_store).must_haves


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"Must-have": True, "Minimum": 7}, "out of range"),
        ({"Must-have": True, "Minimum": 2.5}, "not a whole number"),
        ({"Weight": -2}, "out of range"),
        ({"Weight": "heavy"}, "'heavy' is not a number"),
    ],
    ids=["minimum above 5", "minimum not whole", "negative weight", "weight not a number"],
)
def test_a_bad_criterion_edit_is_refused_and_nothing_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store, cells: dict[str, Any], problem: str
) -> None:
    at = open_page("criteria")
    edit(at, 0, {1: {"Weight": 2}, 0: cells})
    assert "Nothing was saved" in texts(at, "error") and problem in texts(at, "error")
    assert latest(app_store) == demo


def add_criterion(at: AppTest, name: str, **fields: str) -> AppTest:
    field(at.text_input, "Name").set_value(name)
    field(at.text_input, "Question to ask the provider").set_value(
        fields.get("question", "Have you supported our practice software?")
    )
    for n in (0, 3, 5):
        field(at.text_input, f"What {n} means").set_value(fields.get(f"means_{n}", f"level {n}"))
    return click(at, "Add criterion")


def test_adding_scoring_exporting_and_removing_a_criterion_of_your_own(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("criteria")
    add_criterion(at, "Knows our practice software")
    added = [c for c in latest(app_store).checklist.criteria if c.custom]
    assert [c.name for c in added] == ["Knows our practice software"]
    scorecard = open_page("scorecard")
    rows = len(scorecard.data_editor[0].value)
    edit(scorecard, 0, {rows - 1: {"Score": "4"}})
    current = latest(app_store).current
    assert current is not None and current.score(added[0].id).rating == 4
    at.run()  # the scorecard's save came from another session: this page says so
    assert "newer version" in texts(at, "info")
    click(at, "Show the latest version")
    click(at, "Yes, remove")
    assert not [c for c in latest(app_store).checklist.criteria if c.custom]


@pytest.mark.parametrize(
    ("name", "fields", "problem"),
    [
        ("", {}, "Criterion name can't be empty"),
        (
            "restores TESTED regularly",
            {},
            "There is already a criterion called 'Restores tested regularly'",
        ),
        ("New one", {"means_3": ""}, "Fill in what 3 means"),
        ("New one", {"question": ""}, "Fill in the question"),
    ],
    ids=["empty name", "duplicate name", "missing description", "missing question"],
)
def test_a_bad_criterion_of_your_own_is_refused(
    open_page: OpenPage,
    demo: Evaluation,
    app_store: Store,
    name: str,
    fields: dict[str, str],
    problem: str,
) -> None:
    at = open_page("criteria")
    add_criterion(at, name, **fields)
    assert problem in texts(at, "error")
    assert latest(app_store) == demo


# Pairwise weighting ------------------------------------------------------------------------------


def answer_pairwise(at: AppTest, backup_first: int) -> AppTest:
    for slider in at.select_slider:
        if "Backup & disaster recovery" in slider.label:
            value = -backup_first if slider.label.startswith("Backup") else backup_first
            slider.set_value(value)
        else:
            slider.set_value(1)
    return click(at, "Work out the weights")


def test_answering_the_pairwise_questions_derives_weights_to_use(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("priorities")
    assert len(at.select_slider) == 15
    answer_pairwise(at, backup_first=5)
    assert len(latest(app_store).judgements) == 15
    assert "Your answers agree with each other" in texts(at, "success")
    click(at, "Use these weights")
    weights = latest(app_store).essential_weights
    assert weights["backup"] == max(weights.values())
    assert sum(weights.values()) == pytest.approx(6, abs=0.05)


def test_contradicting_pairwise_answers_are_pointed_out(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("priorities")
    sliders = at.select_slider
    for slider in sliders:
        slider.set_value(1)
    # security > maintenance > helpdesk, yet helpdesk > security, all strongly.
    by_label = {as_read(s.label): s for s in sliders}
    by_label["Security & encryption or Server maintenance?"].set_value(-9)
    by_label["Server maintenance or 24/7 help desk?"].set_value(-9)
    by_label["Security & encryption or 24/7 help desk?"].set_value(9)
    click(at, "Work out the weights")
    warning = texts(at, "warning")
    assert "Some answers contradict each other" in warning
    assert "The one that fits least" in warning


# Scorecard and Compare ---------------------------------------------------------------------------


def test_marking_a_score_verified(open_page: OpenPage, demo: Evaluation, app_store: Store) -> None:
    at = open_page("scorecard")
    edit(at, 0, {0: {"Verified": True}})
    current = latest(app_store).current
    assert current is not None and current.score("security.encryption").verified


def test_compare_lists_red_flags_first_and_failed_must_haves(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("compare")
    warning = texts(at, "warning")
    assert warning.startswith("- Red flag at SwiftNet IT")
    assert "SwiftNet IT: Fails 2 must-haves" in warning
    assert "Castle Managed Services: Not known yet: Restores tested regularly: ask" in warning
    table = at.dataframe[0].value
    assert list(table["Must-haves"]) == ["pass", "unverified", "pass", "fail"]


def test_compare_can_rank_on_verified_scores_only(open_page: OpenPage, demo: Evaluation) -> None:
    at = open_page("compare")
    at.toggle[0].set_value(True).run()
    table = at.dataframe[0].value
    # Castle's one verified rating is a 5: on proof alone it leads, on very little evidence.
    assert list(table["Provider"])[:2] == ["Castle Managed Services", "Nimbus IT"]
    assert set(table["Verified"]) == {"100%", "—"}  # "—": no 0–5 rating to count
    assert "Treat these scores with care" in texts(at, "markdown")


# Decide ------------------------------------------------------------------------------------------


def test_decide_gives_advice_reasons_and_what_would_change_it(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("decide")
    assert "Advice: Switch" in texts(at, "subheader")
    assert "Red flags at SwiftNet IT" in texts(at, "error")
    assert "What would change this advice" in texts(at, "markdown")
    assert len(at.get("plotly_chart")) == 1
    scenarios = at.dataframe[0].value
    assert "Every unknown a 0: rank" in scenarios.columns
    assert len(at.dataframe[1].value) == 10


def test_decide_before_scoring_says_what_to_do(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(evaluation)
    at = open_page("decide")
    assert "Advice: Not yet" in texts(at, "subheader")
    assert "Score Oldco IT on the Scorecard first" in texts(at, "info")


def test_decide_without_providers_points_to_adding_them(
    open_page: OpenPage, app_store: Store, checklist: Any
) -> None:
    app_store.create(Evaluation.new("Empty", checklist))
    assert "no providers yet" in texts(open_page("decide"), "info")


def test_decide_offers_the_board_report_as_pdf(open_page: OpenPage, demo: Evaluation) -> None:
    at = open_page("decide")
    labels = [button.label for button in at.download_button]
    assert labels == ["Download the board report (PDF)"]
