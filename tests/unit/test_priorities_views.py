"""The Priorities and Criteria & must-haves pages' rules: the tables they show, how edits and
pairwise answers are read, the weights the answers give, and the must-haves in words."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from itexit.decide import Judgement, pairs
from itexit.decide.priorities import (
    EQUALLY,
    NO_WEIGHT,
    PAIRWISE_OPTIONS,
    answered_weights,
    criteria_edited,
    criteria_view,
    must_haves_listed,
    pairwise_answered,
    pairwise_questions,
    priorities_edited,
    priorities_table,
    priorities_view,
    said_in_words,
    weights_from_answers_used,
)
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation
from itexit.input import InvalidInput
from itexit.types import WEIGHT_MAX

ESSENTIALS = ["security", "maintenance", "helpdesk", "monitoring", "backup", "policies"]
PAIRS = pairs(ESSENTIALS)


def all_equal(**changes: int) -> dict[tuple[str, str], int]:
    """Slider answers: every pair equally, but the pairs named "first__second"."""
    answers = dict.fromkeys(PAIRS, 1)
    for pair, value in changes.items():
        first, second = pair.split("__")
        answers[(first, second)] = value
    return answers


def security_twice_the_rest() -> dict[tuple[str, str], int]:
    """Slider answers saying security matters 2× as much as each other essential."""
    return {(a, b): -2 if a == "security" else 1 for a, b in PAIRS}


# Priorities: weights and targets -----------------------------------------------------------------


def test_each_essential_is_listed_with_its_weight_share_of_the_overall_target_and_what_it_covers(
    evaluation: Evaluation,
) -> None:
    weighted = evaluation.with_essential_settings({"security": 2, "policies": 0}, {"backup": 4.5})
    table = priorities_table(weighted)
    assert list(table.columns) == [
        "Essential",
        "Weight",
        "Share of overall",
        "Target",
        "What it covers",
    ]
    first = table.iloc[0]
    assert first["Essential"] == "Security & encryption"
    assert first["Weight"] == 2
    assert first["Share of overall"] == pytest.approx(100 * 2 / 6)
    assert first["What it covers"] == weighted.checklist.essentials[0].summary
    assert table["Share of overall"].iloc[-1] == 0
    assert list(table["Target"]) == [4, 4, 4, 4, 4.5, 4]


def test_while_every_essential_weighs_zero_each_has_no_share_and_a_warning_says_why(
    evaluation: Evaluation,
) -> None:
    weightless = evaluation.model_copy(update={"essential_weights": dict.fromkeys(ESSENTIALS, 0.0)})
    view = priorities_view(weightless)
    assert list(view.table["Share of overall"]) == [0.0] * 6
    assert view.warning == NO_WEIGHT
    assert "Give at least one essential a weight above 0" in NO_WEIGHT


def test_there_is_no_warning_while_one_essential_weighs_more_than_zero(
    evaluation: Evaluation,
) -> None:
    some_weight = evaluation.with_essential_settings(dict.fromkeys(ESSENTIALS[1:], 0), {})
    assert priorities_view(some_weight).warning is None


def test_edited_weights_and_targets_are_kept_and_the_others_left_alone(
    evaluation: Evaluation,
) -> None:
    edited = priorities_edited(evaluation, {2: {"Weight": 3}, 4: {"Target": 4.5}})
    assert edited.essential_weights == {**evaluation.essential_weights, "helpdesk": 3}
    assert edited.targets == {**evaluation.targets, "backup": 4.5}


def test_a_weight_can_go_up_to_the_highest_weight_there_is(evaluation: Evaluation) -> None:
    edited = priorities_edited(evaluation, {0: {"Weight": WEIGHT_MAX}})
    assert edited.essential_weights["security"] == WEIGHT_MAX


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (
            {"Weight": -1},
            "Server maintenance, weight: -1 is out of range; enter a number from 0 to 1000",
        ),
        ({"Weight": WEIGHT_MAX + 1}, "Server maintenance, weight: 1001 is out of range"),
        ({"Weight": "abc"}, "Server maintenance, weight: 'abc' is not a number"),
        ({"Weight": None}, "Server maintenance, weight: it can't be empty"),
        (
            {"Target": 6},
            "Server maintenance, target: 6 is out of range; enter a number from 0 to 5",
        ),
    ],
    ids=["negative weight", "weight too high", "weight not a number", "weight empty", "target 6"],
)
def test_a_bad_weight_or_target_is_refused_naming_the_essential_and_the_column(
    evaluation: Evaluation, cells: dict[str, Any], problem: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        priorities_edited(evaluation, {0: {"Weight": 2}, 1: cells})
    assert str(refused.value).startswith("Nothing was saved. ")
    assert problem in str(refused.value)


def test_every_bad_cell_of_the_priorities_is_named_at_once(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput) as refused:
        priorities_edited(evaluation, {0: {"Weight": -1, "Target": 9}, 3: {"Target": "high"}})
    assert str(refused.value) == (
        "Nothing was saved. "
        "Security & encryption, weight: -1 is out of range; enter a number from 0 to 1000 "
        "Security & encryption, target: 9 is out of range; enter a number from 0 to 5 "
        "Network monitoring, target: 'high' is not a number"
    )


def test_weighing_every_essential_zero_is_refused(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="Give at least one essential a weight above 0"):
        priorities_edited(evaluation, {row: {"Weight": 0} for row in range(6)})


# Priorities: the pairwise questions --------------------------------------------------------------


def test_there_is_one_question_for_each_pair_of_essentials_in_checklist_order(
    evaluation: Evaluation,
) -> None:
    questions = pairwise_questions(evaluation)
    assert [(q.first, q.second) for q in questions] == PAIRS
    assert len(questions) == 15
    assert questions[0].label == "Security & encryption or Server maintenance?"
    assert questions[-1].label == "Backup & disaster recovery or IT infrastructure policies?"


def test_a_question_not_answered_before_starts_at_both_matter_equally(
    evaluation: Evaluation,
) -> None:
    assert {q.start for q in pairwise_questions(evaluation)} == {1}


@pytest.mark.parametrize(
    ("judgement", "start"),
    [
        (Judgement(more="security", less="maintenance", times=5), -5),
        (Judgement(more="maintenance", less="security", times=5), 5),
        (Judgement(more="maintenance", less="security", times=1), 1),
    ],
    ids=["first matters more", "second matters more", "equally"],
)
def test_a_question_starts_from_the_earlier_answer_leaning_to_the_essential_that_matters_more(
    evaluation: Evaluation, judgement: Judgement, start: int
) -> None:
    answered = evaluation.with_judgements([judgement])
    assert pairwise_questions(answered)[0].start == start


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1, EQUALLY),
        (-2, "Security matters a little more (2×)"),
        (-5, "Security matters clearly more (5×)"),
        (7, "Backup matters much more (7×)"),
        (9, "Backup matters overwhelmingly more (9×)"),
    ],
)
def test_a_slider_value_is_said_in_plain_words(value: int, words: str) -> None:
    assert said_in_words(value, "Security", "Backup") == words


def test_the_slider_runs_from_the_first_essential_at_nine_times_through_equal_to_the_second(
    evaluation: Evaluation,
) -> None:
    question = pairwise_questions(evaluation)[0]
    assert PAIRWISE_OPTIONS[0] == -9 and PAIRWISE_OPTIONS[-1] == 9
    assert 0 not in PAIRWISE_OPTIONS and -1 not in PAIRWISE_OPTIONS
    said = [question.words(v) for v in PAIRWISE_OPTIONS]
    assert said[0] == "Security & encryption matters overwhelmingly more (9×)"
    assert said[8] == "Both matter equally"
    assert said[-1] == "Server maintenance matters overwhelmingly more (9×)"


def test_slider_answers_are_kept_as_judgements_of_which_matters_more_and_how_much(
    evaluation: Evaluation,
) -> None:
    answers = {
        ("security", "maintenance"): -5,
        ("security", "backup"): 3,
        ("helpdesk", "backup"): 1,
    }
    answered = pairwise_answered(evaluation, answers)
    assert answered.judgements == (
        Judgement(more="security", less="maintenance", times=5),
        Judgement(more="backup", less="security", times=3),
        Judgement(more="backup", less="helpdesk", times=1),
    )


def test_the_questions_start_again_from_the_answers_just_given(evaluation: Evaluation) -> None:
    answers = all_equal(security__maintenance=-5, security__backup=3)
    answered = pairwise_answered(evaluation, answers)
    assert {(q.first, q.second): q.start for q in pairwise_questions(answered)} == answers


def test_new_answers_replace_the_earlier_ones(evaluation: Evaluation) -> None:
    before = pairwise_answered(evaluation, all_equal(security__maintenance=-5))
    after = pairwise_answered(before, {("security", "maintenance"): 4})
    assert after.judgements == (Judgement(more="maintenance", less="security", times=4),)


def test_the_weights_from_the_answers_appear_only_once_every_question_is_answered(
    evaluation: Evaluation,
) -> None:
    answers = all_equal()
    del answers[PAIRS[-1]]
    assert answered_weights(evaluation) is None
    assert answered_weights(pairwise_answered(evaluation, answers)) is None
    assert answered_weights(pairwise_answered(evaluation, all_equal())) is not None


def test_the_weights_from_the_answers_stand_beside_today_s_in_percent() -> None:
    demo = demo_evaluation()  # weights 1.5 security and backup, 0.5 policies, 1 the others
    answered = answered_weights(pairwise_answered(demo, security_twice_the_rest()))
    assert answered is not None
    table = answered.table
    assert list(table.columns) == ["Essential", "Weight from your answers", "Weight now"]
    assert table["Essential"].iloc[0] == "Security & encryption"
    assert table["Weight from your answers"].round(2).tolist() == [28.57] + [14.29] * 5
    assert table["Weight now"].round(2).tolist() == [23.08, 15.38, 15.38, 15.38, 23.08, 7.69]


def test_answers_that_agree_are_said_to_with_their_consistency_ratio() -> None:
    answered = answered_weights(pairwise_answered(demo_evaluation(), security_twice_the_rest()))
    assert answered is not None and answered.agree
    assert answered.consistency == (
        "Your answers agree with each other (consistency ratio 0.00; up to 0.10 is fine)."
    )


def test_answers_that_go_round_in_a_circle_are_pointed_out_with_the_one_that_fits_least(
    evaluation: Evaluation,
) -> None:
    # Security over maintenance over help desk, yet help desk over security, all 9×.
    circle = all_equal(security__maintenance=-9, maintenance__helpdesk=-9, security__helpdesk=9)
    answered = answered_weights(pairwise_answered(evaluation, circle))
    assert answered is not None and not answered.agree
    assert answered.consistency == (
        "Some answers contradict each other (consistency ratio 0.84; above 0.10 means the "
        "weights are shaky). The one that fits least: you said Security & encryption matters 9× "
        "as much as Server maintenance, but your other answers imply Security & encryption "
        "matters about 1.0× as much. Look at that question again."
    )


def test_an_answer_of_equal_importance_that_the_others_contradict_names_what_they_imply(
    evaluation: Evaluation,
) -> None:
    # Backup 9× more than every essential but security, which matters as much as the others
    # and yet as much as backup.
    answers = all_equal(security__backup=1, backup__policies=-9)
    for other in ("maintenance", "helpdesk", "monitoring"):
        answers[(other, "backup")] = 9
    answered = answered_weights(pairwise_answered(evaluation, answers))
    assert answered is not None and not answered.agree
    assert (
        "The one that fits least: you said Security & encryption and Backup & disaster recovery "
        "matter equally, but your other answers imply Backup & disaster recovery matters about "
        "3.5× as much." in answered.consistency
    )


def test_using_the_answered_weights_scales_them_to_an_average_of_one_to_six_decimals() -> None:
    answered = pairwise_answered(demo_evaluation(), security_twice_the_rest())
    used = weights_from_answers_used(answered)
    # Security twice each of the five others: 2/7 and 1/7 of the weight, times 6 essentials.
    assert used.essential_weights == {
        "security": 1.714286,
        "maintenance": 0.857143,
        "helpdesk": 0.857143,
        "monitoring": 0.857143,
        "backup": 0.857143,
        "policies": 0.857143,
    }
    assert used.targets == answered.targets
    total = sum(used.essential_weights.values())  # the share used is the answers' 2/7
    assert abs(used.essential_weights["security"] / total - 2 / 7) < 1e-6


def test_the_answered_weights_can_t_be_used_before_every_question_is_answered(
    evaluation: Evaluation,
) -> None:
    answers = all_equal()
    del answers[PAIRS[0]], answers[PAIRS[1]]
    with pytest.raises(InvalidInput, match=r"Answer all the questions first: 2 still open\."):
        weights_from_answers_used(pairwise_answered(evaluation, answers))


# Criteria & must-haves ---------------------------------------------------------------------------


def test_each_essential_gets_a_tab_listing_its_criteria_weights_and_must_haves() -> None:
    demo = demo_evaluation()  # must-haves: restores tested (3), live 24/7 help desk (3)
    view = criteria_view(demo)
    assert [t.name for t in view.tabs] == [e.name for e in demo.checklist.essentials]
    assert [t.essential for t in view.tabs] == ESSENTIALS
    backup = view.tabs[4].table
    assert list(backup.columns) == [
        "Criterion",
        "Weight",
        "Must-have",
        "Minimum",
        "Yours",
        "Default weight",
    ]
    tested = backup.iloc[2]
    assert tested["Criterion"] == "⚑ Restores tested regularly"
    assert (tested["Weight"], tested["Must-have"], tested["Minimum"]) == (2.0, True, 3)
    first = backup.iloc[0]
    assert first["Criterion"] == "Backup frequency matches what you can lose"
    assert (first["Must-have"], first["Yours"]) == (False, False)
    assert pd.isna(first["Minimum"])  # not a must-have: no minimum


def test_a_criterion_weight_shows_beside_its_default(evaluation: Evaluation) -> None:
    changed = evaluation.with_criterion_weights({"security.provider_mfa": 5})
    row = criteria_view(changed).tabs[0].table.iloc[1]
    assert row["Criterion"] == "⚑ Two-step login for the provider's own staff"
    assert (row["Weight"], row["Default weight"]) == (5, 2)


def test_a_criterion_of_your_own_is_marked_yours_and_listed_apart(evaluation: Evaluation) -> None:
    added = evaluation.with_custom_criterion(
        "helpdesk",
        name="Knows our practice software",
        question="Have you supported Dentrix before?",
        means_0="never",
        means_3="a few clients",
        means_5="many clients",
        weight=2,
    )
    view = criteria_view(added)
    row = view.tabs[2].table.iloc[-1]
    assert row["Criterion"] == "Knows our practice software"
    assert (row["Yours"], row["Weight"], row["Default weight"]) == (True, 2, 2)
    assert [c.name for c in view.custom] == ["Knows our practice software"]
    assert criteria_view(evaluation).custom == []


def test_a_new_criterion_can_go_under_any_essential(evaluation: Evaluation) -> None:
    assert criteria_view(evaluation).essentials == {
        "security": "Security & encryption",
        "maintenance": "Server maintenance",
        "helpdesk": "24/7 help desk",
        "monitoring": "Network monitoring",
        "backup": "Backup & disaster recovery",
        "policies": "IT infrastructure policies",
    }


def test_the_must_haves_are_listed_with_their_minimums(evaluation: Evaluation) -> None:
    marked = evaluation.with_must_haves({"security.encryption": 4, "backup.restore_testing": 3})
    assert must_haves_listed(marked) == (
        "Encryption of stored and transmitted data (at least 4), "
        "Restores tested regularly (at least 3)."
    )
    assert criteria_view(marked).must_haves == must_haves_listed(marked)


def test_without_must_haves_there_is_nothing_to_list(evaluation: Evaluation) -> None:
    assert must_haves_listed(evaluation) is None


@pytest.mark.parametrize(
    ("cells", "minimum"),
    [
        ({"Must-have": True, "Minimum": 4}, 4),
        ({"Must-have": True}, 3),
        ({"Must-have": True, "Minimum": None}, 3),
        ({"Must-have": True, "Minimum": 0}, 0),
        ({"Must-have": True, "Minimum": 5.0}, 5),
    ],
    ids=["minimum 4", "no minimum", "empty minimum", "minimum 0", "minimum 5.0"],
)
def test_ticking_a_must_have_keeps_its_minimum_3_when_left_empty(
    evaluation: Evaluation, cells: dict[str, Any], minimum: int
) -> None:
    edited = criteria_edited(evaluation, {"security": {0: cells}})
    assert edited.must_haves == {"security.encryption": minimum}


def test_unticking_a_must_have_removes_it_and_its_minimum(evaluation: Evaluation) -> None:
    marked = evaluation.with_must_haves({"security.encryption": 4, "backup.rto": 2})
    edited = criteria_edited(marked, {"security": {0: {"Must-have": False, "Minimum": 4}}})
    assert edited.must_haves == {"backup.rto": 2}


def test_a_weight_edit_keeps_the_criterion_s_must_have(evaluation: Evaluation) -> None:
    marked = evaluation.with_must_haves({"backup.rto": 2})
    edited = criteria_edited(
        marked, {"backup": {3: {"Weight": 2.5}}, "security": {1: {"Weight": 0}}}
    )
    assert edited.criterion_weights == {
        **evaluation.criterion_weights,
        "backup.rto": 2.5,
        "security.provider_mfa": 0,
    }
    assert edited.must_haves == {"backup.rto": 2}


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (
            {"Must-have": True, "Minimum": 7},
            "7 is out of range; enter a number from 0 to 5",
        ),
        (
            {"Must-have": True, "Minimum": 2.5},
            "the minimum 2.5 is not a whole number from 0 to 5",
        ),
        ({"Must-have": "yes"}, "must-have is ticked or not"),
        ({"Weight": -2}, "-2 is out of range; enter a number from 0 to 1000"),
        ({"Weight": WEIGHT_MAX + 0.5}, "1000.5 is out of range; enter a number from 0 to 1000"),
        ({"Weight": "heavy"}, "'heavy' is not a number"),
    ],
    ids=[
        "minimum above 5",
        "minimum not whole",
        "must-have not a tick",
        "negative weight",
        "weight too high",
        "weight not a number",
    ],
)
def test_a_bad_criterion_edit_is_refused_naming_the_criterion(
    evaluation: Evaluation, cells: dict[str, Any], problem: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        criteria_edited(evaluation, {"security": {1: {"Weight": 2}, 0: cells}})
    assert str(refused.value) == (
        f"Nothing was saved. Encryption of stored and transmitted data: {problem}"
    )


def test_every_bad_criterion_edit_is_named_at_once_across_essentials(
    evaluation: Evaluation,
) -> None:
    edits = {
        "security": {0: {"Weight": "heavy"}},
        "backup": {2: {"Must-have": True, "Minimum": 9}},
    }
    with pytest.raises(InvalidInput) as refused:
        criteria_edited(evaluation, edits)
    assert str(refused.value) == (
        "Nothing was saved. Encryption of stored and transmitted data: 'heavy' is not a number "
        "Restores tested regularly: 9 is out of range; enter a number from 0 to 5"
    )


def test_weighing_every_criterion_of_an_essential_zero_is_refused(evaluation: Evaluation) -> None:
    rows = {row: {"Weight": 0} for row in range(len(evaluation.checklist.essentials[1].criteria))}
    with pytest.raises(InvalidInput, match="Every criterion of Server maintenance would weigh 0"):
        criteria_edited(evaluation, {"maintenance": rows})
