"""The scoring rules, as tables: essential scores, overall, gaps, coverage and rank."""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itexit.checklist import Checklist
from itexit.compare import answered, compare, gap_closers, rank
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score


def _criterion(cid: str, weight: float = 1.0) -> dict[str, object]:
    return {
        "id": cid,
        "name": cid,
        "question": "?",
        "weight": weight,
        "means_0": "none",
        "means_3": "some",
        "means_5": "all",
    }


def two_essentials(weights: tuple[float, float, float] = (1, 1, 1)) -> Checklist:
    """Essential a has criteria a.1 and a.2; essential b has b.1. Criterion weights as given."""
    return Checklist(
        version="test",
        essentials=(
            {
                "id": "a",
                "name": "A",
                "summary": "s",
                "target": 4,
                "criteria": [_criterion("a.1", weights[0]), _criterion("a.2", weights[1])],
            },
            {
                "id": "b",
                "name": "B",
                "summary": "s",
                "target": 3,
                "criteria": [_criterion("b.1", weights[2])],
            },
        ),
    )


def scored(ratings: dict[str, object], **kwargs: object) -> Evaluation:
    """An evaluation of `two_essentials` with one provider rated as given."""
    checklist = two_essentials(kwargs.pop("criterion_weights", (1, 1, 1)))  # type: ignore[arg-type]
    evaluation = Evaluation.new("Test", checklist).with_provider("P")
    if "essential_weights" in kwargs:
        # model_copy: an imported document may hold weights the editing screens would refuse.
        evaluation = evaluation.model_copy(
            update={"essential_weights": kwargs["essential_weights"]}
        )
    scores = {cid: Score(rating=r) for cid, r in ratings.items()}  # type: ignore[arg-type]
    return evaluation.with_scores(evaluation.providers[0].id, scores)


def first(series: pd.Series) -> float:
    return float(series.iloc[0])


@pytest.mark.parametrize(
    ("ratings", "criterion_weights", "expected_a"),
    [
        ({"a.1": 4, "a.2": 2}, (1, 1, 1), 3.0),
        ({"a.1": 4, "a.2": 2}, (3, 1, 1), 3.5),
        ({"a.1": 4, "a.2": "unknown"}, (1, 1, 1), 4.0),
        ({"a.1": 4, "a.2": "n/a"}, (1, 1, 1), 4.0),
        ({"a.1": 0, "a.2": 5}, (1, 1, 1), 2.5),
        ({"a.1": 4, "a.2": 2}, (0, 1, 1), 2.0),
        ({"a.1": 4, "a.2": 2}, (0, 0, 1), math.nan),
        ({"a.1": "unknown", "a.2": "n/a"}, (1, 1, 1), math.nan),
        ({}, (1, 1, 1), math.nan),
    ],
    ids=[
        "plain mean",
        "weighted mean",
        "unknown left out",
        "n/a left out",
        "zero counts as a score",
        "weight 0 leaves a criterion out",
        "all weights 0 gives no score",
        "nothing rated gives no score",
        "nothing entered gives no score",
    ],
)
def test_an_essential_score_is_the_weighted_mean_of_its_rated_criteria(
    ratings: dict[str, object], criterion_weights: tuple[float, ...], expected_a: float
) -> None:
    result = compare(scored(ratings, criterion_weights=criterion_weights))
    assert first(result.essential_scores.loc["a"]) == pytest.approx(expected_a, nan_ok=True)


@pytest.mark.parametrize(
    ("ratings", "essential_weights", "expected"),
    [
        ({"a.1": 4, "a.2": 2, "b.1": 5}, {"a": 1, "b": 1}, 20 * (3 + 5) / 2),
        ({"a.1": 4, "a.2": 2, "b.1": 5}, {"a": 3, "b": 1}, 20 * (3 * 3 + 5) / 4),
        ({"a.1": 4, "a.2": 2}, {"a": 1, "b": 1}, 60.0),
        ({"a.1": 4, "a.2": 2, "b.1": 5}, {"a": 0, "b": 1}, 100.0),
        ({"a.1": 4, "a.2": 2, "b.1": 5}, {"a": 0, "b": 0}, math.nan),
        ({"a.1": "unknown", "b.1": "n/a"}, {"a": 1, "b": 1}, math.nan),
        ({"a.1": 5, "a.2": 5, "b.1": 5}, {"a": 1, "b": 2}, 100.0),
        ({"a.1": 0, "a.2": 0, "b.1": 0}, {"a": 1, "b": 2}, 0.0),
    ],
    ids=[
        "equal weights",
        "weighted",
        "essential without a score is left out",
        "weight 0 leaves an essential out",
        "all essential weights 0 gives no overall",
        "everything unknown gives no overall",
        "all fives is 100",
        "all zeros is 0",
    ],
)
def test_overall_is_twenty_times_the_weighted_mean_of_essential_scores(
    ratings: dict[str, object], essential_weights: dict[str, float], expected: float
) -> None:
    result = compare(scored(ratings, essential_weights=essential_weights))
    assert first(result.overall) == pytest.approx(expected, nan_ok=True)


@pytest.mark.parametrize(
    ("ratings", "gap_a", "gap_b"),
    [
        ({"a.1": 2, "a.2": 2, "b.1": 1}, 2.0, 2.0),
        ({"a.1": 5, "a.2": 5, "b.1": 3}, 0.0, 0.0),
        ({"a.1": 4, "a.2": 3, "b.1": 5}, 0.5, 0.0),
        ({"b.1": 0}, math.nan, 3.0),
    ],
    ids=["below target", "at or above target", "half a point short", "no score, no gap"],
)
def test_a_gap_is_how_far_the_essential_score_is_below_its_target(
    ratings: dict[str, object], gap_a: float, gap_b: float
) -> None:
    gaps = compare(scored(ratings)).gaps
    assert first(gaps.loc["a"]) == pytest.approx(gap_a, nan_ok=True)
    assert first(gaps.loc["b"]) == pytest.approx(gap_b, nan_ok=True)


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({"a.1": 4, "a.2": 2, "b.1": 1}, 100.0),
        ({"a.1": 4}, 100 / 3),
        ({"a.1": 4, "a.2": "n/a"}, 50.0),
        ({"a.1": "n/a", "a.2": "n/a", "b.1": 3}, 100.0),
        ({}, 0.0),
        ({"a.1": "n/a", "a.2": "n/a", "b.1": "n/a"}, math.nan),
    ],
    ids=[
        "all rated",
        "one of three",
        "n/a is not counted",
        "only the applicable one counts",
        "nothing rated",
        "nothing applies",
    ],
)
def test_coverage_is_the_share_of_applicable_criteria_that_are_rated(
    ratings: dict[str, object], expected: float
) -> None:
    assert first(compare(scored(ratings)).coverage) == pytest.approx(expected, nan_ok=True)


def test_coverage_does_not_depend_on_weights() -> None:
    result = compare(scored({"a.1": 4}, criterion_weights=(0, 0, 0)))
    assert first(result.coverage) == pytest.approx(100 / 3)


@pytest.mark.parametrize(
    ("overall", "expected"),
    [
        ([90, 80, 70], [1, 2, 3]),
        ([70, 80, 90], [3, 2, 1]),
        ([90, 80, 80, 70], [1, 2, 2, 4]),
        ([80, 80, 80], [1, 1, 1]),
        ([math.nan, 50, 60], [3, 2, 1]),
        ([math.nan, math.nan, 10], [2, 2, 1]),
        ([math.nan], [1]),
        ([0.1 + 0.2, 0.3, 0.2], [1, 1, 3]),
    ],
    ids=[
        "highest first",
        "order of entry does not matter",
        "ties share the lower rank",
        "all tied",
        "no overall comes last",
        "several without overall share last place",
        "single provider without overall",
        "float noise does not break a tie",
    ],
)
def test_rank_orders_by_overall_with_ties_sharing_a_rank(
    overall: list[float], expected: list[int]
) -> None:
    assert rank(pd.Series(overall)).tolist() == expected


def test_the_current_provider_comes_first_in_every_result(evaluation: Evaluation) -> None:
    moved = evaluation.with_current(evaluation.providers[2].id)
    result = compare(moved)
    assert next(iter(result.overall.index)) == moved.providers[2].id
    assert next(iter(result.essential_scores.columns)) == moved.providers[2].id


def test_a_provider_with_everything_unknown_has_no_scores_and_ranks_last(
    evaluation: Evaluation,
) -> None:
    rated = evaluation.with_scores(
        evaluation.providers[1].id,
        {c.id: Score(rating=3) for c in evaluation.checklist.criteria},
    )
    result = compare(rated)
    unknown = evaluation.providers[0].id
    assert result.essential_scores[unknown].isna().all()
    assert math.isnan(result.overall[unknown])
    assert result.coverage[unknown] == 0
    assert result.rank[unknown] == 2
    assert result.rank[evaluation.providers[1].id] == 1


def test_an_evaluation_without_providers_compares_to_empty_results(checklist: Checklist) -> None:
    result = compare(Evaluation.new("Empty", checklist))
    assert result.overall.empty
    assert result.rank.empty
    assert list(result.essential_scores.index) == [e.id for e in checklist.essentials]


def test_answered_counts_scores_among_the_criteria_that_apply_as_coverage_does(
    evaluation: Evaluation,
) -> None:
    provider = evaluation.providers[0].id
    changed = evaluation.with_scores(
        provider,
        {
            "security.encryption": Score(rating=0),
            "security.edr": Score(rating="n/a"),
            "security.provider_mfa": Score(rating="unknown", note="asked, no answer yet"),
        },
    )
    counts = answered(changed, provider)
    total = len(evaluation.checklist.criteria)
    assert (counts.scored, counts.applicable, counts.not_applicable) == (1, total - 1, 1)
    assert counts.entered == 2
    assert counts.coverage == compare(changed).coverage[provider]
    assert (
        counts.sentence() == f"1 of {total - 1} criteria that apply are scored (3%); 1 marked n/a"
    )


def test_every_page_s_answered_figure_is_the_comparison_s_coverage() -> None:
    demo = demo_evaluation()
    comparison = compare(demo)
    for provider in demo.providers:
        assert answered(demo, provider.id).coverage == comparison.coverage[provider.id]


def test_gap_closers_name_the_candidates_that_reach_the_target_best_first() -> None:
    checklist = two_essentials()
    evaluation = (
        Evaluation.new("Test", checklist)
        .with_provider("Old", current=True)
        .with_provider("Good")
        .with_provider("Better")
        .with_provider("Weak")
    )
    old, good, better, weak = (p.id for p in evaluation.providers)
    evaluation = (
        evaluation.with_scores(old, {"a.1": Score(rating=1), "a.2": Score(rating=1)})
        .with_scores(good, {"a.1": Score(rating=4), "a.2": Score(rating=4)})
        .with_scores(better, {"a.1": Score(rating=5), "a.2": Score(rating=5)})
        .with_scores(weak, {"a.1": Score(rating=2), "a.2": Score(rating=2)})
    )
    table = gap_closers(evaluation, compare(evaluation)).set_index("essential")
    assert table.at["A", "gap"] == 3
    assert table.at["A", "closers"] == ["Better", "Good"]
    assert table.at["A", "best_candidate"] == "Better"
    assert math.isnan(table.at["B", "gap"])
    assert table.at["B", "closers"] == []


# The vectorised scoring must agree with the rules written out plainly, one cell at a time.


def reference_overall(evaluation: Evaluation) -> dict[str, float]:
    result = {}
    for provider in evaluation.providers:
        numerator = denominator = 0.0
        for essential in evaluation.checklist.essentials:
            num = den = 0.0
            for criterion in essential.criteria:
                rating = provider.score(criterion.id).rating
                if isinstance(rating, int):
                    weight = evaluation.criterion_weights[criterion.id]
                    num += weight * rating
                    den += weight
            if den > 0:
                weight = evaluation.essential_weights[essential.id]
                numerator += weight * num / den
                denominator += weight
        result[provider.id] = 20 * numerator / denominator if denominator > 0 else math.nan
    return result


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), providers=st.integers(1, 6))
def test_vectorised_scores_match_the_rules_computed_cell_by_cell(seed: int, providers: int) -> None:
    from itexit.checklist import builtin_checklist

    rng = random.Random(seed)
    checklist = builtin_checklist()
    evaluation = Evaluation.new("Random", checklist)
    for i in range(providers):
        evaluation = evaluation.with_provider(f"P{i}")
    choices: list[int | str] = [0, 1, 2, 3, 4, 5, "unknown", "n/a"]
    for provider in evaluation.providers:
        scores = {c.id: Score(rating=rng.choice(choices)) for c in checklist.criteria}  # type: ignore[arg-type]
        evaluation = evaluation.with_scores(provider.id, scores)
    weights = {e.id: rng.choice([0, 0.5, 1, 2, 7]) for e in checklist.essentials}
    weights["security"] = weights["security"] or 1  # never all zero: that is refused
    evaluation = evaluation.with_essential_settings(weights, {})
    expected = reference_overall(evaluation)
    actual = compare(evaluation).overall
    for provider_id, value in expected.items():
        assert actual[provider_id] == pytest.approx(value, nan_ok=True)
