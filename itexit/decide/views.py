"""What the Decide page shows: the advice and its reasons, how sure the ranking is, the ranking
under other readings of the unknowns, and the questions that matter most."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from itexit.compare.scoring import Comparison, Scenario, compare
from itexit.cost.totals import Option, options, switch_now_options
from itexit.decide.charts import tornado
from itexit.decide.decision import Shortfall
from itexit.decide.questions import open_questions
from itexit.decide.sensitivity import contenders, leader, robustness, sensitivity
from itexit.decide.verdict import Verdict, verdict
from itexit.words import figure_number, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "QUESTIONS_SHOWN",
    "SCENARIOS",
    "DecideView",
    "cheapest_ways",
    "decide_view",
    "questions_to_ask",
    "scenario_table",
    "scenarios_said",
]

SCENARIOS: dict[Scenario, str] = {
    "as scored": "As scored",
    "unknown as 0": "Every unknown a 0",
    "unknown as 5": "Every unknown a 5",
    "verified only": "Verified scores only",
}
"""The readings of unanswered and unproven ratings, as the scenario table names them."""
QUESTIONS_SHOWN = 10
CONTENDERS_ASKED = 3
"""The open questions are asked of the best-ranked contenders (and the current provider)."""


@dataclass(frozen=True)
class DecideView:
    """The Decide page: the advice, the robustness of the ranking, scenarios, open questions."""

    verdict: Verdict
    robustness: str
    """How sure the ranking is, in a sentence."""
    tornado: go.Figure | None
    """None until two providers that pass their must-haves have a score: nothing to weigh."""
    scenarios: pd.DataFrame
    """Per provider, rank and overall (as text: 'not scored' where none) in each scenario."""
    scenarios_said: str
    """Whether the open questions could change the leader, in a sentence."""
    questions: pd.DataFrame
    """The questions that could move an overall most: who to ask, about what, how much."""


def decide_view(
    evaluation: Evaluation, today: date, shortfalls: Sequence[Shortfall] = ()
) -> DecideView:
    """Everything the Decide page shows, worked out once: the advice weighs the scores, the
    must-haves, the totals over the horizon as of `today` and the service `shortfalls`."""
    readings = {scenario: compare(evaluation, scenario) for scenario in SCENARIOS}
    comparison = readings["as scored"]
    tippings = sensitivity(evaluation, comparison)
    robust = robustness(evaluation, comparison, tippings)
    priced = cheapest_ways(evaluation, today)
    costs = {provider: option.total for provider, option in priced.items()}
    return DecideView(
        verdict=verdict(evaluation, comparison, robust, costs, shortfalls, priced),
        robustness=robust.sentence,
        tornado=tornado(evaluation, tippings) if len(contenders(comparison)) > 1 else None,
        scenarios=scenario_table(evaluation, readings),
        scenarios_said=scenarios_said(evaluation, readings),
        questions=questions_to_ask(evaluation, comparison),
    )


def cheapest_ways(evaluation: Evaluation, today: date) -> dict[str, Option]:
    """Staying (under the current provider's id), and for each priced candidate the cheaper of
    switching at the term's end and switching now, as the Costs page compares them."""
    ways = {option.provider.id: option for option in options(evaluation, today)}
    for option in switch_now_options(evaluation, today):
        if option.total < ways[option.provider.id].total:
            ways[option.provider.id] = option
    return ways


def scenario_table(
    evaluation: Evaluation, readings: Mapping[Scenario, Comparison] | None = None
) -> pd.DataFrame:
    """Each provider's rank and overall (to 1 decimal) as scored, with every unknown a 0 or a
    5, and on verified scores only (from `readings`, the comparison of each, if given)."""
    providers = evaluation.ordered_providers
    ids = [p.id for p in providers]
    table = pd.DataFrame({"Provider": [p.name for p in providers]})
    for scenario, label in SCENARIOS.items():
        result = readings[scenario] if readings else compare(evaluation, scenario)
        table[f"{label}: rank"] = result.rank[ids].to_numpy()
        table[f"{label}: overall"] = [rounded(v, 1) or "not scored" for v in result.overall[ids]]
    return table


def scenarios_said(
    evaluation: Evaluation, readings: Mapping[Scenario, Comparison] | None = None
) -> str:
    """Whether the leader is the same however the open questions are answered: 'The open
    questions can't change the leader' or which provider leads in which reading (from
    `readings`, the comparison of each, if given)."""
    names = {p.id: p.name for p in evaluation.providers}
    leaders = {
        label: leader(readings[s] if readings else compare(evaluation, s))
        for s, label in SCENARIOS.items()
    }
    found = {who for who in leaders.values() if who is not None}
    if leaders[SCENARIOS["as scored"]] is None:
        return "No provider can lead as scored yet: score the providers first."
    if len(found) == 1 and None not in leaders.values():
        return (
            f"{names[found.pop()]} leads in every column: the open questions can't change the "
            "outcome."
        )
    who = "; ".join(
        f"{label.lower()}: {names[w] if w else 'nobody'}" for label, w in leaders.items()
    )
    return f"The open questions could change the outcome. Who leads {who}."


def questions_to_ask(evaluation: Evaluation, comparison: Comparison) -> pd.DataFrame:
    """The open questions worth asking first: of the best-ranked contenders and the current
    provider, those whose answer could move an overall most."""
    ranked = comparison.rank.sort_values(kind="stable").index
    able = set(contenders(comparison))
    asked = [p for p in ranked if p in able][:CONTENDERS_ASKED]
    if evaluation.current and evaluation.current.id not in asked:
        asked.append(evaluation.current.id)
    questions = open_questions(evaluation, comparison, asked)[:QUESTIONS_SHOWN]
    names = {p.id: p.name for p in evaluation.providers}
    return pd.DataFrame(
        {
            "Ask": [names[q.provider] for q in questions],
            "About": [q.criterion.name for q in questions],
            "Question": [q.criterion.question for q in questions],
            "Could move its overall by": [figure_number(q.swing, 1) for q in questions],
        }
    )
