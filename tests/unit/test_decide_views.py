"""What the Decide page shows: the advice, the scenarios and the questions to ask first."""

from __future__ import annotations

from datetime import date

from itexit.compare import compare
from itexit.cost.totals import options, switch_now_options
from itexit.decide import verdict
from itexit.decide.views import (
    SCENARIOS,
    cheapest_ways,
    decide_view,
    questions_to_ask,
    scenario_table,
    scenarios_said,
)
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score


def test_the_decide_view_gives_the_verdict_of_the_evaluation() -> None:
    demo = demo_evaluation()
    view = decide_view(demo, date(2026, 11, 27))
    priced = cheapest_ways(demo, date(2026, 11, 27))
    costs = {provider: o.total for provider, o in priced.items()}
    assert view.verdict == verdict(demo, compare(demo), costs=costs, priced=priced)
    assert view.robustness in [r.text for r in view.verdict.reasons]


def test_the_scenario_table_has_rank_and_overall_for_each_reading_of_the_unknowns() -> None:
    demo = demo_evaluation()
    table = scenario_table(demo).set_index("Provider")
    assert list(table.columns) == [
        f"{label}: {what}" for label in SCENARIOS.values() for what in ("rank", "overall")
    ]
    assert table.at["SwiftNet IT", "As scored: overall"] == "28.7"
    assert table.at["SwiftNet IT", "Every unknown a 0: overall"] == "25"  # 6 unknowns
    assert table.at["Bluegate Technology", "Verified scores only: overall"] == "not scored"


def test_the_page_says_whether_the_open_questions_could_change_the_leader(
    evaluation: Evaluation,
) -> None:
    demo = demo_evaluation()  # on verified ratings alone, Castle leads
    said = scenarios_said(demo)
    assert said.startswith("The open questions could change the outcome. Who leads as scored: ")
    assert "verified scores only: Castle Managed Services" in said
    old, nimbus = evaluation.providers[0].id, evaluation.providers[1].id
    settled = evaluation.with_scores(
        old, {c.id: Score(rating=1) for c in evaluation.checklist.criteria}
    ).with_scores(
        nimbus, {c.id: Score(rating=5, verified=True) for c in evaluation.checklist.criteria}
    )
    assert scenarios_said(settled) == (
        "Nimbus IT leads in every column: the open questions can't change the outcome."
    )
    assert scenarios_said(evaluation).startswith("No provider can lead as scored yet")


def test_no_tornado_is_drawn_until_two_providers_can_lead(evaluation: Evaluation) -> None:
    old = evaluation.providers[0].id
    one = evaluation.with_scores(
        old, {c.id: Score(rating=3) for c in evaluation.checklist.criteria}
    )
    view = decide_view(one, date(2026, 11, 27))
    assert view.tornado is None
    assert view.robustness.startswith("Only Oldco IT has a score")
    assert decide_view(demo_evaluation(), date(2026, 11, 27)).tornado is not None


def test_unknowns_as_zero_pull_a_half_answered_provider_down(evaluation: Evaluation) -> None:
    old = evaluation.providers[0].id
    half = {c.id: Score(rating=5) for c in evaluation.checklist.criteria[::2]}
    table = scenario_table(evaluation.with_scores(old, half)).set_index("Provider")
    assert table.at["Oldco IT", "As scored: overall"] == "100"
    assert float(table.at["Oldco IT", "Every unknown a 0: overall"]) < 100.0
    assert table.at["Oldco IT", "Every unknown a 5: overall"] == "100"


def test_the_questions_to_ask_first_are_the_biggest_swings_of_the_leaders_and_the_current() -> None:
    demo = demo_evaluation()
    questions = questions_to_ask(demo, compare(demo))
    assert list(questions.columns) == ["Ask", "About", "Question", "Could move its overall by"]
    assert 0 < len(questions) <= 10
    swings = list(questions["Could move its overall by"])
    assert swings == sorted(swings, reverse=True)
    assert set(questions["Ask"]) <= {p.name for p in demo.providers}


def test_with_nothing_open_there_are_no_questions_to_ask(evaluation: Evaluation) -> None:
    rated = evaluation
    for provider in evaluation.providers:
        rated = rated.with_scores(
            provider.id, {c.id: Score(rating=3) for c in evaluation.checklist.criteria}
        )
    assert questions_to_ask(rated, compare(rated)).empty


def test_the_advice_rules_in_words_quote_the_thresholds_the_decision_uses() -> None:
    from itexit.decide import ROBUST_CHANGE, SERIOUS_GAP, STAY_MARGIN, SWITCH_LEAD
    from itexit.decide.verdict import ADVICE_RULES

    assert f"**{SWITCH_LEAD:g} points** or more" in ADVICE_RULES
    assert f"±{ROBUST_CHANGE:.0%}" in ADVICE_RULES
    assert f"essential {SERIOUS_GAP:g} point or more below target" in ADVICE_RULES
    assert f"leads it by {STAY_MARGIN:g} points or more" in ADVICE_RULES


def test_the_advice_prices_each_candidate_the_cheaper_way_the_costs_page_compares() -> None:
    demo = demo_evaluation()  # as written: notice due by 30 Nov 2026; on 15 Dec it has passed
    late = date(2026, 12, 15)
    ways = cheapest_ways(demo, late)
    nimbus = demo.providers[1].id
    default = next(o for o in options(demo, late) if o.provider.id == nimbus)
    now = next(o for o in switch_now_options(demo, late) if o.provider.id == nimbus)
    assert ways[nimbus].total == min(default.total, now.total)
    assert now.total < default.total  # the renewed term makes waiting dearer
    reason = next(
        r for r in decide_view(demo, late).verdict.reasons if r.source == "the Costs page"
    )
    assert reason.text.startswith(f"{now.label} costs ")
