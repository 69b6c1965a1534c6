"""The rules every evaluation keeps: names, providers, one current provider, ratings, numbers."""

from __future__ import annotations

import pytest

from itexit.evaluation import Evaluation, Score, score_from_cells
from itexit.input import InvalidInput, parse_rating, read_number


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "can't be empty"),
        ("   ", "can't be empty"),
        ("x" * 101, "at most 100 characters"),
        ("two\nlines", "line breaks"),
        ("tab\there", "line breaks, tabs"),
    ],
    ids=["empty", "only spaces", "too long", "line break", "tab"],
)
def test_a_provider_name_that_breaks_a_rule_is_refused_with_the_reason(
    evaluation: Evaluation, name: str, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        evaluation.with_provider(name)


@pytest.mark.parametrize("name", ["nimbus it", "NIMBUS IT", "  Nimbus IT  "])
def test_provider_names_must_differ_ignoring_case_and_spaces(
    evaluation: Evaluation, name: str
) -> None:
    with pytest.raises(InvalidInput, match="already a provider called 'Nimbus IT'"):
        evaluation.with_provider(name)


def test_a_name_is_stored_without_surrounding_spaces(evaluation: Evaluation) -> None:
    assert evaluation.with_provider("  Castle  ").providers[-1].name == "Castle"


@pytest.mark.parametrize(
    "name",
    [
        "<img src=x onerror=alert(1)>",
        '=HYPERLINK("http://x")',
        "**bold** [link](http://x)",
        "x" * 100,
    ],
)
def test_html_markdown_formulas_and_100_characters_are_valid_names(
    evaluation: Evaluation, name: str
) -> None:
    assert evaluation.with_provider(name).providers[-1].name == name


def test_the_first_provider_added_becomes_the_current_one(checklist: object) -> None:
    evaluation = Evaluation.new("E", checklist).with_provider("A").with_provider("B")  # type: ignore[arg-type]
    assert [p.current for p in evaluation.providers] == [True, False]


def test_marking_a_provider_current_makes_every_other_a_candidate(evaluation: Evaluation) -> None:
    changed = evaluation.with_current(evaluation.providers[1].id)
    assert [p.current for p in changed.providers] == [False, True, False]
    assert changed.current == changed.providers[1]


def test_adding_a_current_provider_demotes_the_old_one(evaluation: Evaluation) -> None:
    changed = evaluation.with_provider("Newco", current=True)
    assert [p.name for p in changed.providers if p.current] == ["Newco"]


def test_two_current_providers_are_refused(evaluation: Evaluation) -> None:
    data = evaluation.model_dump()
    data["providers"][1]["current"] = True
    with pytest.raises(ValueError, match="only one provider can be the current one"):
        Evaluation.model_validate(data)


def test_removing_a_provider_keeps_the_others_and_their_scores(evaluation: Evaluation) -> None:
    keep = evaluation.providers[2].id
    rated = evaluation.with_scores(keep, {"security.edr": Score(rating=4, note="seen")})
    changed = rated.without_provider(evaluation.providers[1].id)
    assert [p.name for p in changed.providers] == ["Oldco IT", "Bluegate"]
    assert changed.provider(keep).score("security.edr") == Score(rating=4, note="seen")


def test_renaming_a_provider_to_another_providers_name_is_refused(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="already a provider called 'Bluegate'"):
        evaluation.with_provider_renamed(evaluation.providers[0].id, "bluegate")


def test_a_provider_that_no_longer_exists_is_reported(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="no longer exists"):
        evaluation.without_provider("deadbeef")


def test_scores_for_criteria_outside_the_checklist_are_refused(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match=r"Unknown criteria: made\.up"):
        evaluation.with_scores(evaluation.providers[0].id, {"made.up": Score(rating=3)})


def test_changes_never_modify_the_original(evaluation: Evaluation) -> None:
    before = evaluation.model_dump()
    evaluation.with_provider("Other").renamed("New name").with_current(None)
    assert evaluation.model_dump() == before


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (5, 5),
        ("3", 3),
        (" 4 ", 4),
        (2.0, 2),
        ("2.0", 2),
        (None, "unknown"),
        (float("nan"), "unknown"),
        ("", "unknown"),
        ("unknown", "unknown"),
        ("Unknown", "unknown"),
        ("n/a", "n/a"),
        ("N/A", "n/a"),
        ("not applicable", "n/a"),
    ],
)
def test_a_rating_is_read_from_what_a_person_enters(value: object, expected: object) -> None:
    assert parse_rating(value) == expected


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (6, "not a whole number from 0 to 5"),
        (-1, "not a whole number from 0 to 5"),
        (2.5, "not a whole number from 0 to 5"),
        ("7", "not a whole number from 0 to 5"),
        ("three", "is not a score"),
        ("=1+1", "is not a score"),
        (True, "is not a score"),
        ("1e400", "not a whole number"),
    ],
)
def test_a_rating_outside_0_to_5_or_not_whole_is_refused(value: object, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        parse_rating(value)


def test_a_score_from_table_cells_keeps_the_note_as_plain_text() -> None:
    assert score_from_cells("4", "<b>seen</b> =1+1") == Score(rating=4, note="<b>seen</b> =1+1")


@pytest.mark.parametrize(
    ("rating", "note", "problem"),
    [
        ("9", "", "not a whole number"),
        ("3", "x" * 2001, "at most 2000 characters"),
        ("3", 42, "must be text"),
    ],
)
def test_a_bad_score_from_table_cells_is_refused(
    rating: object, note: object, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        score_from_cells(rating, note)


@pytest.mark.parametrize(("value", "expected"), [(0, 0.0), (2.5, 2.5), ("3", 3.0), (1000, 1000.0)])
def test_a_number_in_range_is_read(value: object, expected: float) -> None:
    assert read_number(value, 0, 1000) == expected


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (-1, "out of range"),
        (1001, "out of range"),
        ("abc", "not a number"),
        (None, "can't be empty"),
        ("", "can't be empty"),
        (float("nan"), "can't be empty"),
        (float("inf"), "out of range"),
        (True, "not a number"),
    ],
)
def test_a_number_out_of_range_or_not_a_number_is_refused(value: object, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        read_number(value, 0, 1000)


@pytest.mark.parametrize(
    ("weights", "targets", "problem"),
    [
        ({"security": -1}, {}, "must be a number from 0 to 1000"),
        ({"security": float("nan")}, {}, "must be a number from 0 to 1000"),
        ({}, {"backup": 6}, "must be a number from 0 to 5"),
        ({"made_up": 1}, {}, "must name each item of the checklist exactly once"),
    ],
)
def test_essential_weights_and_targets_out_of_range_are_refused(
    evaluation: Evaluation, weights: dict[str, float], targets: dict[str, float], problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        evaluation.with_essential_settings(weights, targets)


def test_all_essential_weights_zero_is_refused(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="Every essential would weigh 0"):
        evaluation.with_essential_settings({e: 0 for e in evaluation.essential_weights}, {})


def test_all_criterion_weights_of_an_essential_zero_is_refused(evaluation: Evaluation) -> None:
    backup = [c.id for c in evaluation.checklist.essentials[4].criteria]
    with pytest.raises(InvalidInput, match="Every criterion of Backup & disaster recovery"):
        evaluation.with_criterion_weights({c: 0 for c in backup})
