"""Deciding: AHP weights against published examples, sensitivity against brute force,
must-have ordering, open questions, red flags and the verdict."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itexit.compare import compare, red_flags
from itexit.decide import (
    Judgement,
    leader,
    open_questions,
    pairs,
    priority_vector,
    robustness,
    sensitivity,
    verdict,
    weigh,
)
from itexit.decide.charts import TORNADO_CAPTION, tornado
from itexit.decide.decision import PRICE_BAND, Shortfall, recommended
from itexit.decide.delivery import service_shortfalls
from itexit.decide.sensitivity import Tipping
from itexit.decide.verdict import COSTS, MUST_HAVES, SCORES, TICKETS
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation, Score, ScoreSource
from itexit.input import InvalidInput
from itexit.service import TicketColumns, normalise, read_export, tickets_from_bytes
from itexit.style import CURRENT_COLOUR, WARNING_COLOUR
from itexit.words import rounded

# Published worked examples ---------------------------------------------------------------------

LEADER = (  # Wikipedia, "Analytic hierarchy process – leader example": the criteria
    ["Experience", "Education", "Charisma", "Age"],
    [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]],
    [0.548, 0.127, 0.270, 0.056],
    0.044,
)
DRINKS = (  # Saaty, "Decision making with the analytic hierarchy process", 2008: drinks
    ["coffee", "wine", "tea", "beer", "soda", "milk", "water"],
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ],
    [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327],
    0.022,
)


@pytest.mark.parametrize("example", [LEADER, DRINKS], ids=["Wikipedia leader", "Saaty drinks"])
def test_ahp_reproduces_published_weights_and_consistency(example: tuple) -> None:  # type: ignore[type-arg]
    _, matrix, weights, ratio = example
    derived, consistency = priority_vector(np.array(matrix, dtype=float))
    assert derived.round(3).tolist() == weights
    assert round(consistency, 3) == ratio


def judgements_from(items: list[str], matrix: list[list[float]]) -> list[Judgement]:
    answers = []
    for i, j in combinations(range(len(items)), 2):
        value = matrix[i][j]
        if value >= 1:
            answers.append(Judgement(more=items[i], less=items[j], times=round(value)))
        else:
            answers.append(Judgement(more=items[j], less=items[i], times=round(1 / value)))
    return answers


def test_weighing_from_answers_matches_the_matrix_method() -> None:
    items, matrix, weights, ratio = LEADER
    ids = [i.lower() for i in items]
    weighing = weigh(ids, judgements_from(ids, matrix))
    assert [round(weighing.weights[i], 3) for i in ids] == weights
    assert weighing.consistent and round(weighing.consistency_ratio, 3) == ratio


def test_contradicting_answers_are_flagged_with_the_most_inconsistent_pair() -> None:
    ids = ["a", "b", "c"]
    answers = [  # a > b, b > c, yet c > a: a cycle
        Judgement(more="a", less="b", times=5),
        Judgement(more="b", less="c", times=5),
        Judgement(more="c", less="a", times=5),
    ]
    weighing = weigh(ids, answers)
    assert weighing.consistency_ratio > 0.10 and not weighing.consistent
    assert weighing.worst is not None
    _more, _less, said, implied = weighing.worst
    assert said == 5 and implied < 1.5


def test_weighing_needs_every_pair_answered() -> None:
    with pytest.raises(InvalidInput, match="1 still open"):
        weigh(
            ["a", "b", "c"],
            [Judgement(more="a", less="b", times=2), Judgement(more="a", less="c", times=2)],
        )


def test_there_are_fifteen_questions_for_six_essentials() -> None:
    assert len(pairs(["1", "2", "3", "4", "5", "6"])) == 15


@pytest.mark.parametrize(
    "fields",
    [
        {"more": "a", "less": "a", "times": 3},
        {"more": "a", "less": "b", "times": 10},
        {"more": "a", "less": "b", "times": 0},
    ],
    ids=["same essential", "above 9", "below 1"],
)
def test_pairwise_answers_off_the_scale_are_refused(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Judgement.model_validate(fields)


# Sensitivity against brute force ---------------------------------------------------------------


def leader_with_share(evaluation: Evaluation, essential: str, change: float) -> str | None:
    """Recompute from scratch with one essential's share changed by `change` (relative)."""
    weights = evaluation.essential_weights
    total = sum(weights.values())
    share = weights[essential] / total
    new_share = share * (1 + change)
    if not 0 <= new_share <= 1:
        return None
    others = (1 - new_share) / (1 - share)
    new = {e: (new_share if e == essential else w / total * others) for e, w in weights.items()}
    return leader(compare(evaluation.with_essential_settings(new, {})))


def random_evaluation(seed: int, providers: int) -> Evaluation:
    rng = np.random.default_rng(seed)
    evaluation = demo_evaluation()
    evaluation = evaluation.with_essential_settings(
        {e.id: float(rng.choice([0.5, 1, 1.5, 2, 3])) for e in evaluation.checklist.essentials}, {}
    )
    for n in range(providers):
        evaluation = evaluation.with_provider(f"Extra {n}")
        ratings = rng.choice([0, 1, 2, 3, 4, 5, -1], size=len(evaluation.checklist.criteria))
        evaluation = evaluation.with_scores(
            evaluation.providers[-1].id,
            {
                c.id: Score(rating=int(r) if r >= 0 else "unknown")
                for c, r in zip(evaluation.checklist.criteria, ratings, strict=True)
            },
        )
    return evaluation


@pytest.mark.slow
@settings(max_examples=8, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10_000), providers=st.integers(0, 4))
def test_sensitivity_break_points_match_brute_force_on_a_fine_grid(
    seed: int, providers: int
) -> None:
    evaluation = random_evaluation(seed, providers)
    comparison = compare(evaluation)
    top = leader(comparison)
    for tipping in sensitivity(evaluation, comparison):
        for change, who in ((tipping.up, tipping.up_leader), (tipping.down, tipping.down_leader)):
            sign = 1 if change is tipping.up else -1
            grid = np.linspace(0, 1, 201)[1:] * (
                abs(change) if change is not None else (5 if sign > 0 else 1)
            )
            before = [g for g in grid if change is None or g < abs(change) - 1e-6]
            for step in before[:: max(1, len(before) // 10)]:
                assert leader_with_share(evaluation, tipping.essential, sign * step) in (top, None)
            if change is not None:
                beyond = max(change + sign * 1e-4, -1.0)  # a cut can go no further than to 0
                after = leader_with_share(evaluation, tipping.essential, beyond)
                assert after == who and after != top


def test_the_demo_leader_and_its_robustness() -> None:
    demo = demo_evaluation()
    comparison = compare(demo)
    robust = robustness(demo, comparison, sensitivity(demo, comparison))
    assert leader(comparison) == demo.providers[1].id  # Nimbus IT
    assert robust.sentence.startswith(("Robust:", "Close call:"))


# Must-haves ---------------------------------------------------------------------------------------


def must_have_case(ratings: dict[str, object], minimum: int = 3) -> Evaluation:
    evaluation = demo_evaluation().with_must_haves({"backup.restore_testing": minimum})
    for provider, rating in ratings.items():
        pid = next(p.id for p in evaluation.providers if p.name == provider)
        evaluation = evaluation.with_scores(pid, {"backup.restore_testing": Score(rating=rating)})  # type: ignore[arg-type]
    return evaluation


@pytest.mark.parametrize(
    ("ratings", "order"),
    [
        ({}, ["Nimbus IT", "Castle Managed Services", "Bluegate Technology", "SwiftNet IT"]),
        (
            {"Nimbus IT": 2},
            ["Castle Managed Services", "Bluegate Technology", "Nimbus IT", "SwiftNet IT"],
        ),
        (
            {"Nimbus IT": 2, "Bluegate Technology": 1},
            ["Castle Managed Services", "Nimbus IT", "Bluegate Technology", "SwiftNet IT"],
        ),
        (
            {"Nimbus IT": 3},
            ["Nimbus IT", "Castle Managed Services", "Bluegate Technology", "SwiftNet IT"],
        ),
        (
            {"Nimbus IT": "n/a"},
            ["Nimbus IT", "Castle Managed Services", "Bluegate Technology", "SwiftNet IT"],
        ),
    ],
    ids=[
        "SwiftNet fails (0), Castle unverified: order by overall otherwise",
        "a failing leader drops behind every passing provider",
        "failing providers are ordered by overall among themselves",
        "at the minimum passes",
        "n/a passes",
    ],
)
def test_providers_failing_a_must_have_rank_after_those_that_pass(
    ratings: dict[str, object], order: list[str]
) -> None:
    evaluation = must_have_case(ratings)
    comparison = compare(evaluation)
    names = {p.id: p.name for p in evaluation.providers}
    ranked = comparison.rank.sort_values(kind="stable")
    assert [names[p] for p in ranked.index] == order


def test_an_unknown_must_have_is_unverified_not_failed() -> None:
    evaluation = must_have_case({})
    comparison = compare(evaluation)
    castle = evaluation.providers[3].id
    assert comparison.must_have.at["backup.restore_testing", castle] == "unknown"
    assert not comparison.failed[castle]


# Open questions, red flags ------------------------------------------------------------------------


def test_open_questions_swing_matches_recomputing_the_overall() -> None:
    demo = demo_evaluation()
    comparison = compare(demo)
    questions = open_questions(demo, comparison)
    assert questions == sorted(questions, key=lambda q: -q.swing)
    for question in questions[:5] + questions[-3:]:
        low = compare(demo.with_scores(question.provider, {question.criterion.id: Score(rating=0)}))
        high = compare(
            demo.with_scores(question.provider, {question.criterion.id: Score(rating=5)})
        )
        assert question.swing == pytest.approx(
            high.overall[question.provider] - low.overall[question.provider]
        )


def test_red_flags_are_low_ratings_on_marked_criteria() -> None:
    demo = demo_evaluation()
    flags = red_flags(demo, compare(demo))
    swiftnet = demo.providers[0].id
    assert {c.id for c in flags[swiftnet]} >= {"backup.restore_testing", "security.provider_mfa"}
    assert flags[demo.providers[1].id] == []


# The verdict --------------------------------------------------------------------------------------


def test_the_demo_advises_switching_with_reasons() -> None:
    demo = demo_evaluation()
    advice = verdict(demo, compare(demo))
    assert advice.decision == "Switch"
    text = " ".join(str(r) for r in advice.reasons)
    assert "Red flag" in text and "Nimbus IT" in text
    assert advice.headline == "Switch to Nimbus IT"
    assert advice.would_change


def test_a_good_current_provider_is_advised_to_stay() -> None:
    demo = demo_evaluation()
    swiftnet = demo.providers[0].id
    perfect = demo.with_scores(swiftnet, {c.id: Score(rating=5) for c in demo.checklist.criteria})
    assert verdict(perfect, compare(perfect)).decision == "Stay"


def test_gaps_without_a_clearly_better_candidate_mean_renegotiate() -> None:
    demo = demo_evaluation()
    middling = demo.with_scores(
        demo.providers[0].id, {c.id: Score(rating=3) for c in demo.checklist.criteria}
    )
    weak = middling
    for p in demo.providers[1:]:
        weak = weak.with_scores(p.id, {c.id: Score(rating=3) for c in demo.checklist.criteria})
    assert verdict(weak, compare(weak)).decision == "Renegotiate"


def test_no_verdict_before_the_current_provider_is_scored(evaluation: Evaluation) -> None:
    assert verdict(evaluation, compare(evaluation)).decision == "Not yet"


def test_verified_only_ranks_on_verified_scores() -> None:
    demo = demo_evaluation()
    swiftnet = demo.providers[0].id
    proven = demo.with_scores(swiftnet, {"backup.restore_testing": Score(rating=0, verified=True)})
    comparison = compare(proven, "verified only")
    # The demo has SwiftNet's MFA, 24/7, restore and password ratings verified.
    assert comparison.ratings[swiftnet].notna().sum() == 4
    assert math.isclose(compare(proven).verified[swiftnet], 100 * 4 / 32)


def _costs(demo: Evaluation, **totals: str) -> dict[str, Decimal]:
    ids = {p.name.split()[0].lower(): p.id for p in demo.providers}
    return {ids[name]: Decimal(total) for name, total in totals.items()}


def test_the_cheapest_candidate_within_five_points_of_the_best_is_recommended() -> None:
    demo = demo_evaluation()  # Nimbus 85.3, Castle 77.5, Bluegate 69.0
    castle = demo.providers[3].id
    # Castle: 5 on security, 4 elsewhere: 20 × 27.5 / 6.5 = 84.6, Nimbus 85.3 just ahead.
    close = demo.with_scores(
        castle,
        {
            c.id: Score(rating=5 if c.id.startswith("security.") else 4)
            for c in demo.checklist.criteria
        },
    )
    comparison = compare(close)
    assert comparison.overall[demo.providers[1].id] - comparison.overall[castle] <= PRICE_BAND
    costs = _costs(close, swiftnet="100000", nimbus="90000", castle="70000", bluegate="1")
    advice = verdict(close, comparison, costs=costs)
    assert advice.headline == "Switch to Castle Managed Services"
    money_reason = next(r for r in advice.reasons if r.source == COSTS)
    assert money_reason.text == (
        "Switching to Castle Managed Services costs USD 70,000.00 over 36 months, "
        "USD 30,000.00 less than staying; USD 20,000.00 less than Nimbus IT, which scores "
        f"{rounded(comparison.overall[demo.providers[1].id] - comparison.overall[castle], 1)} "
        "points higher (within 5 points, so the price decides)."
    )


def test_a_cheaper_candidate_more_than_five_points_behind_is_not_recommended() -> None:
    demo = demo_evaluation()
    costs = _costs(demo, swiftnet="100000", nimbus="90000", castle="70000", bluegate="1")
    assert verdict(demo, compare(demo), costs=costs).headline == "Switch to Nimbus IT"


def test_without_prices_in_the_band_the_best_scoring_candidate_is_recommended() -> None:
    demo = demo_evaluation()
    comparison = compare(demo)
    candidates = [p.id for p in demo.providers[1:]]
    assert recommended(comparison, candidates, {}) == demo.providers[1].id
    castle_only = _costs(demo, castle="1")
    assert recommended(comparison, candidates, castle_only) == demo.providers[1].id


def test_equal_totals_go_to_the_higher_overall() -> None:
    demo = demo_evaluation()
    comparison = compare(demo)
    nimbus, castle = demo.providers[1].id, demo.providers[3].id
    tied = {nimbus: Decimal(5), castle: Decimal(5)}
    assert recommended(comparison, [castle, nimbus], tied) == nimbus


def test_a_candidate_without_a_price_is_said_and_named_by_the_costs_page() -> None:
    demo = demo_evaluation()
    advice = verdict(demo, compare(demo), costs=_costs(demo, swiftnet="100"))
    reason = next(r for r in advice.reasons if r.source == COSTS)
    assert reason.text == "No price is known for Nimbus IT yet: enter it to weigh the cost."


def test_every_reason_names_the_input_it_comes_from() -> None:
    demo = demo_evaluation()
    tickets = tickets_from_bytes(demo_ticket_set())
    advice = verdict(
        demo,
        compare(demo),
        costs=_costs(demo, swiftnet="100", nimbus="90"),
        shortfalls=service_shortfalls(demo, tickets),
    )
    assert {r.source for r in advice.reasons} == {SCORES, MUST_HAVES, COSTS, TICKETS}
    assert all(str(r).endswith(f"(From {r.source}.)") for r in advice.reasons)


def test_tickets_handled_in_time_ten_points_below_the_promise_are_a_reason_with_figures() -> None:
    demo = demo_evaluation()
    found = service_shortfalls(demo, tickets_from_bytes(demo_ticket_set()))
    assert [(s.priority, s.what, rounded(s.met, 0)) for s in found][:2] == [
        ("P1", "responded to", "23"),
        ("P1", "resolved", "21"),
    ]
    advice = verdict(demo, compare(demo), shortfalls=found)
    reason = next(r for r in advice.reasons if r.source == TICKETS)
    assert reason.text.startswith(
        "SwiftNet IT handled tickets in time far less often than it promised. A promise covers "
        "every ticket; these fell 10 points or more short: P1 (48 tickets): 23% responded to "
        "within 1 hour, 21% resolved within 8 hours; P2 (121 tickets): "
    )


def test_a_shortfall_on_business_hours_says_business_hours() -> None:
    demo = demo_evaluation()
    late = Shortfall("P3", "responded to", 82.0, 8.0, 251, business_hours=True)
    advice = verdict(demo, compare(demo), shortfalls=[late])
    reason = next(r for r in advice.reasons if r.source == TICKETS)
    assert "P3 (251 tickets): 82% responded to within 8 business hours." in reason.text


def test_a_service_shortfall_alone_keeps_a_good_provider_from_stay() -> None:
    demo = demo_evaluation()
    swiftnet = demo.providers[0].id
    perfect = demo.with_scores(swiftnet, {c.id: Score(rating=5) for c in demo.checklist.criteria})
    late = Shortfall("P1", "resolved", 85.0, 8.0, 40)
    assert verdict(perfect, compare(perfect)).decision == "Stay"
    assert verdict(perfect, compare(perfect), shortfalls=[late]).decision == "Renegotiate"


def _p1_tickets(late: int, total: int) -> pd.DataFrame:
    """`total` P1 tickets answered within 30 minutes, `late` of them after 2 hours instead."""
    rows = ["Created,First response,Priority"]
    for n in range(total):
        answered = "11:00" if n < late else "09:30"
        rows.append(f"2026-09-{n % 28 + 1:02d} 09:00,2026-09-{n % 28 + 1:02d} {answered},P1")
    frame = read_export("\n".join(rows).encode()).table()
    mapping = TicketColumns(created="Created", first_response="First response", priority="Priority")
    return normalise(frame, mapping).frame


def test_a_share_exactly_ten_points_short_is_a_shortfall_and_nine_is_not() -> None:
    demo = demo_evaluation()  # SwiftNet promises a P1 response within 1 hour
    assert [s.met for s in service_shortfalls(demo, _p1_tickets(1, 10))] == [90.0]
    assert service_shortfalls(demo, _p1_tickets(1, 11)) == ()


def test_the_tornado_axis_covers_its_longest_bar_and_the_caption_names_its_colours() -> None:
    demo = demo_evaluation()
    nimbus = demo.providers[1].id
    tippings = [
        Tipping("security", -0.2, nimbus, 1.31, nimbus),
        Tipping("backup", None, None, 0.7, nimbus),
    ]
    figure = tornado(demo, tippings)
    low, high = figure.layout.xaxis.range
    bars = [x for trace in figure.data for x in trace.x]
    assert max(abs(x) for x in bars) <= high and low == -high
    assert 1.31 in bars
    colours = {c for trace in figure.data for c in trace.marker.color}
    assert colours == {CURRENT_COLOUR, WARNING_COLOUR, "#D9D9D9"}
    for word in ("Crimson", "amber", "grey"):
        assert word in TORNADO_CAPTION


def test_tickets_imported_for_another_provider_are_not_held_against_the_new_current_one() -> None:
    demo = demo_evaluation()
    tickets = tickets_from_bytes(demo_ticket_set())
    assert demo.tickets is not None and demo.tickets.provider == demo.providers[0].id
    assert service_shortfalls(demo, tickets)
    bluegate_current = demo.with_current(demo.providers[2].id)
    assert not bluegate_current.tickets_current
    assert service_shortfalls(bluegate_current, tickets) == ()
    # Imports recorded before the provider was kept count as the current provider's.
    unmarked = demo.tickets.model_copy(update={"provider": None})
    older = bluegate_current._with(tickets=unmarked)
    assert older.tickets_current


def test_the_advice_says_when_the_best_candidate_s_scores_are_its_own_claims() -> None:
    demo = demo_evaluation()
    nimbus = demo.providers[1]
    source = ScoreSource(
        questionnaire="q-0123abcd", made=date(2026, 11, 2), accepted=date(2026, 11, 3)
    )
    claimed = {
        c: s.model_copy(update={"source": source, "verified": False})
        for c, s in list(nimbus.scores.items())[:3]
    }
    advice = verdict(demo.with_scores(nimbus.id, claimed), compare(demo))
    care = next(r.text for r in advice.reasons if r.text.startswith("Treat Nimbus IT's lead"))
    assert "3 scores are its own claim from its questionnaire, not yet verified" in care
