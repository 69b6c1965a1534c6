"""One rounding rule for every figure: half-way figures round as written, away from zero, and the
page shows what the files write."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itexit.checklist import Checklist, builtin_checklist
from itexit.compare import compare
from itexit.compare.tables import comparison_table, styled
from itexit.evaluation import Evaluation, Score
from itexit.export import comparison_rows
from itexit.words import figure, figure_number, percent, rounded, score_text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (62.25, 1, "62.3"),
        (62.24999999999999, 1, "62.3"),  # 62.25 as float sums may leave it
        (4.125, 2, "4.13"),
        (2.675, 2, "2.68"),  # stored as 2.67499999999999982236431605997495353221893310546875
        (1.005, 2, "1.01"),
        (0.05, 1, "0.1"),
        (-0.5, 0, "-1"),
        (-0.04, 1, "0"),
        (62.2, 1, "62.2"),
        (3.0, 2, "3"),
        (Decimal("719.285"), 2, "719.29"),
        (None, 1, ""),
        (math.nan, 1, ""),
    ],
)
def test_half_way_figures_round_away_from_zero_as_written(
    value: float | None, decimals: int, text: str
) -> None:
    assert rounded(value, decimals) == text


def test_a_figure_stays_a_number_with_the_digits_the_text_shows() -> None:
    assert figure(62.24999999999999, 1) == Decimal("62.3")
    assert figure(math.nan, 1) is None
    assert figure_number(62.24999999999999, 1) == 62.3
    assert math.isnan(figure_number(None, 1))


def test_percent_and_score_text_use_the_same_rule() -> None:
    assert percent(46.5) == "47%"
    assert percent(None) == ""
    assert score_text(4.125) == "4.13"
    assert score_text(math.nan) == "not scored"


def _exact_half_up(value: Fraction, decimals: int) -> str:
    number = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


WEIGHTS = [Fraction(w) for w in ("0.5", "1", "1.5", "2", "2.5", "3")]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_overall_shown_is_the_exact_overall_rounded_half_up(data: st.DataObject) -> None:
    checklist = builtin_checklist()
    essentials = checklist.essentials
    weights = {e.id: data.draw(st.sampled_from(WEIGHTS)) for e in essentials}
    ratings = {
        c.id: data.draw(st.integers(0, 5))
        for e in essentials
        for c in e.criteria[: data.draw(st.integers(0, 3))]
    }
    evaluation = Evaluation.new("Rounding", checklist).with_provider("Oldco IT", current=True)
    provider = evaluation.providers[0].id
    evaluation = evaluation.with_essential_settings(
        {e: float(w) for e, w in weights.items()}, evaluation.targets
    ).with_scores(provider, {c: Score(rating=r) for c, r in ratings.items()})
    scores = {}
    for essential in essentials:
        rated = [c.id for c in essential.criteria if c.id in ratings]
        weight = {c: Fraction(repr(evaluation.criterion_weights[c])) for c in rated}
        if rated and sum(weight.values()):
            scores[essential.id] = sum(weight[c] * ratings[c] for c in rated) / sum(weight.values())
    overall = compare(evaluation).overall[provider]
    if not scores:
        assert math.isnan(overall)
        return
    exact = 20 * sum(weights[e] * s for e, s in scores.items()) / sum(weights[e] for e in scores)
    assert rounded(overall, 1) == _exact_half_up(exact, 1)


def test_an_overall_of_exactly_62_25_reads_62_3_on_the_page_and_in_the_csv(
    checklist: Checklist,
) -> None:
    # Security 3.25 (weight 1) and maintenance 2.975 (weight 1): 20 × 6.225 / 2 = 62.25.
    evaluation = Evaluation.new("Half way", checklist).with_provider("Oldco IT", current=True)
    provider = evaluation.providers[0].id
    security = [c.id for c in checklist.essentials[0].criteria[:4]]
    maintenance = [c.id for c in checklist.essentials[1].criteria[:2]]
    evaluation = evaluation.with_criterion_weights(
        {maintenance[0]: 0.975, maintenance[1]: 0.025}
    ).with_scores(
        provider,
        {
            **{c: Score(rating=r) for c, r in zip(security, [3, 3, 3, 4], strict=True)},
            maintenance[0]: Score(rating=3),
            maintenance[1]: Score(rating=2),
        },
    )
    weights = {e.id: 0.0 for e in checklist.essentials} | {
        checklist.essentials[0].id: 1.0,
        checklist.essentials[1].id: 1.0,
    }
    evaluation = evaluation.with_essential_settings(weights, evaluation.targets)
    comparison = compare(evaluation)
    written = comparison_rows(evaluation, comparison)
    first = written[0].index("Oldco IT")
    rows = {row[0]: row[first:] for row in written}
    table = comparison_table(evaluation, comparison)
    assert rows["overall"] == ["62.3"]
    assert table["Overall"].tolist() == [62.3]
    essential_cells = [row[first] for row in written[1:] if row[0] == "essential"]
    shown = styled(table, [e.name for e in checklist.essentials]).data
    assert [shown.at[0, e.name] for e in checklist.essentials[:2]] == essential_cells[:2]
