"""The advice in words: the decision of `itexit.decide.decision`, the reasons behind it, and
what would change it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from itexit.compare.findings import must_have_report
from itexit.compare.scoring import Comparison
from itexit.cost.totals import Option
from itexit.cost.views import split
from itexit.decide.decision import (
    PRICE_BAND,
    SERIOUS_GAP,
    SERVICE_SHORTFALL,
    STAY_MARGIN,
    SWITCH_LEAD,
    THIN_EVIDENCE,
    Advice,
    Shortfall,
    Standing,
    advise,
    standing,
)
from itexit.decide.sensitivity import ROBUST_CHANGE, Robustness
from itexit.words import money, percent, plural, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "ADVICE_RULES",
    "COSTS",
    "MUST_HAVES",
    "SCORES",
    "TICKETS",
    "Reason",
    "Verdict",
    "verdict",
]

ADVICE_RULES = (
    f"- **Switch** when the best candidate that passes its must-haves leads your current "
    f"provider by **{SWITCH_LEAD:g} points** or more (out of 100), and either your current "
    f"provider has a serious problem (a failed must-have, a red flag, or a priority's tickets "
    f"handled in time {SERVICE_SHORTFALL:g} points or more below its promise) or the lead is "
    f"robust (no single weight change within ±{ROBUST_CHANGE:.0%} changes the leader).\n"
    f"- **Stay** when your current provider passes its must-haves, has no red flag, no such "
    f"service shortfall and no essential {SERIOUS_GAP:g} point or more below target, and no "
    f"candidate leads it by {STAY_MARGIN:g} points or more.\n"
    "- **Renegotiate** otherwise: there are real problems, but no candidate is clearly "
    "better yet. Use the gaps, red flags and ticket figures as the agenda for the talk.\n\n"
    f"**Which candidate**: of the candidates that fail no must-have, those within "
    f"{PRICE_BAND:g} overall points of the best-scoring one are close enough in quality for "
    "the price to decide: the advice names the cheapest of them over the horizon (Costs page); "
    "the best-scoring one if none of them has a price yet.\n\n"
    "Each reason says which of your inputs it comes from. This is advice from your own "
    "scores, weights, prices and tickets, not a certainty: check the open questions "
    "before you act."
)
"""The rules of the advice in words (markdown), from the thresholds `decision` uses."""

SCORES = "your scores and weights"
MUST_HAVES = "your must-haves"
COSTS = "the Costs page"
TICKETS = "the imported tickets"
"""Where a reason comes from, as the page names it."""

_NOT_YET = (
    "Mark your current provider on the Providers page and score it first: the advice compares "
    "the others with it."
)


@dataclass(frozen=True)
class Reason:
    """One reason for the advice, and the input it comes from."""

    text: str
    source: str

    def __str__(self) -> str:
        return f"{self.text} (From {self.source}.)"


@dataclass(frozen=True)
class Verdict:
    """The advice on the current provider, its reasons, and what would change it."""

    decision: Advice
    reasons: list[Reason]
    would_change: list[str]
    recommended: str | None = None
    """The candidate the advice names (its name), where it names one."""

    @property
    def headline(self) -> str:
        """'Switch to Keystone IT', 'Renegotiate', 'Stay', 'Not yet'."""
        if self.decision == "Switch" and self.recommended:
            return f"Switch to {self.recommended}"
        return self.decision


def verdict(
    evaluation: Evaluation,
    comparison: Comparison,
    robust: Robustness | None = None,
    costs: Mapping[str, Decimal] | None = None,
    shortfalls: Sequence[Shortfall] = (),
    priced: Mapping[str, Option] | None = None,
) -> Verdict:
    """Stay, renegotiate or switch, with the reasons and what would change the advice; with the
    options `priced` (the way of switching each total is for), the money reason names the way
    and says how much of the difference is money paid and how much expected downtime."""
    facts = standing(evaluation, comparison, robust, costs, shortfalls)
    decision = advise(facts)
    if facts is None:
        current = evaluation.current
        first = (
            f"Score {current.name} on the Scorecard first: the advice compares the others with it."
            if current is not None
            else _NOT_YET
        )
        return Verdict(decision, [Reason(first, SCORES)], [])
    names = {p.id: p.name for p in evaluation.providers}
    reasons = [
        *_problems(evaluation, facts, names),
        *_service(facts, names),
        *_best_candidate(evaluation, comparison, facts, names),
        *_money(evaluation, comparison, facts, names, priced or {}),
    ]
    chosen = names[facts.recommended] if facts.recommended else None
    return Verdict(decision, reasons, _would_change(decision, facts, names), chosen)


def _problems(evaluation: Evaluation, facts: Standing, names: dict[str, str]) -> list[Reason]:
    """What is wrong with the current provider: serious gaps, failed must-haves, red flags."""
    current = names[facts.current]
    essentials = {e.id: e.name for e in evaluation.checklist.essentials}
    reasons = []
    if facts.serious_gaps:
        gaps = [essentials[e] for e in facts.serious_gaps]
        text = (
            f"{current} is {SERIOUS_GAP:g} point or more below your target on "
            f"{plural(len(gaps), 'essential')}: {', '.join(gaps)}."
        )
        reasons.append(Reason(text, SCORES))
    if facts.must_haves == "fail":
        why = facts.must_have_why
        reasons.append(Reason(f"{current} {why[0].lower()}{why[1:]}", MUST_HAVES))
    if facts.flags:
        text = f"Red flag{'' if len(facts.flags) == 1 else 's'} at {current}: " + "; ".join(
            f"{c.name} ({c.red_flag})" for c in facts.flags
        )
        reasons.append(Reason(text, SCORES))
    return reasons


def _service(facts: Standing, names: dict[str, str]) -> list[Reason]:
    """The priorities whose tickets the current provider handled in time too rarely, in one
    reason: 'P1 (48 tickets): 23% responded to within 1 hour, 21% resolved within 8 hours'."""
    if not facts.shortfalls:
        return []
    by_priority: dict[str, list[Shortfall]] = {}
    for shortfall in facts.shortfalls:
        by_priority.setdefault(shortfall.priority, []).append(shortfall)
    parts = [
        f"{priority} ({found[0].tickets:,} tickets): "
        + ", ".join(
            f"{percent(s.met)} {s.what} within {rounded(s.promised_hours, 2)} "
            f"{'business ' if s.business_hours else ''}"
            f"hour{'' if s.promised_hours == 1 else 's'}"
            for s in found
        )
        for priority, found in by_priority.items()
    ]
    text = (
        f"{names[facts.current]} handled tickets in time far less often than it promised. A "
        f"promise covers every ticket; these fell {SERVICE_SHORTFALL:g} points or more short: "
        + "; ".join(parts)
        + ". A reason to renegotiate or switch."
    )
    return [Reason(text, TICKETS)]


def _best_candidate(
    evaluation: Evaluation, comparison: Comparison, facts: Standing, names: dict[str, str]
) -> list[Reason]:
    """How the best candidate compares, how far to trust its lead, and how robust it is."""
    best = facts.best
    if best is None:
        return [Reason("No candidate passes its must-haves with a score yet.", MUST_HAVES)]
    text = (
        f"The best-scoring candidate not ruled out by a must-have, {names[best]}, scores "
        f"{rounded(comparison.overall[best], 1)}: {rounded(abs(facts.lead), 1)} points "
        f"{'above' if facts.lead >= 0 else 'below'} {names[facts.current]}."
    )
    reasons = [Reason(text, SCORES)]
    caveats = []
    if must_have_report(evaluation, comparison, best)[0] == "unverified":
        caveats.append("some of its must-haves are not known yet")
    if not comparison.coverage[best] >= THIN_EVIDENCE:
        caveats.append(f"only {percent(comparison.coverage[best])} of its checklist is answered")
    claimed = sum(
        1 for s in evaluation.provider(best).scores.values() if s.source and not s.verified
    )
    if claimed:
        caveats.append(
            f"{plural(claimed, 'score')} {'is' if claimed == 1 else 'are'} its own claim from "
            "its questionnaire, not yet verified"
        )
    if caveats:
        reasons.append(
            Reason(f"Treat {names[best]}'s lead with care: {' and '.join(caveats)}.", SCORES)
        )
    return [*reasons, Reason(facts.robust.sentence, SCORES)]


def _money(
    evaluation: Evaluation,
    comparison: Comparison,
    facts: Standing,
    names: dict[str, str],
    priced: Mapping[str, Option],
) -> list[Reason]:
    """What the recommended candidate costs against staying and against the best-scoring one."""
    chosen, best, costs = facts.recommended, facts.best, facts.costs
    if chosen is None or best is None:
        return []
    horizon = f"over {plural(evaluation.business.horizon_months, 'month')}"
    if chosen not in costs:
        return [
            Reason(f"No price is known for {names[chosen]} yet: enter it to weigh the cost.", COSTS)
        ]
    total = money(costs[chosen], evaluation.currency)
    way, staying = priced.get(chosen), priced.get(facts.current)
    text = f"{way.label if way else f'Switching to {names[chosen]}'} costs {total} {horizon}"
    stay = costs.get(facts.current)
    if stay is not None:
        text += f", {_difference(costs[chosen] - stay, evaluation.currency)} staying"
        if way and staying and staying.total > way.total:
            text += split(staying, way, evaluation.currency)
    reasons = []
    if chosen != best:
        gap = rounded(comparison.overall[best] - comparison.overall[chosen], 1)
        versus = (
            f"; {_difference(costs[chosen] - costs[best], evaluation.currency)} "
            f"{names[best]}, which scores {gap} points higher"
            if best in costs
            else f"; {names[best]} scores {gap} points higher but has no price yet"
        )
        text += versus + f" (within {PRICE_BAND:g} points, so the price decides)"
    reasons.append(Reason(text + ".", COSTS))
    return reasons


def _difference(amount: Decimal, currency: str) -> str:
    """'USD 1,200.00 more than' or 'USD 300.00 less than' or 'the same as'."""
    if amount == 0:
        return "the same as"
    return f"{money(abs(amount), currency)} {'more' if amount > 0 else 'less'} than"


def _would_change(decision: Advice, facts: Standing, names: dict[str, str]) -> list[str]:
    """What would turn the advice into another."""
    best = facts.best
    if decision == "Switch" and best is not None:
        changes = [
            f"{names[best]}'s lead shrank below {SWITCH_LEAD:g} points (for example once its "
            "unknown answers come in lower)",
        ]
        return (
            changes if facts.problem else [*changes, "the lead stopped being robust to the weights"]
        )
    if decision == "Stay":
        return [
            f"a gap of {SERIOUS_GAP:g} point or more opened, a must-have failed or a red "
            "flag appeared",
            f"a candidate came within reach: {STAY_MARGIN:g} points or more ahead",
        ]
    changes = []
    if best is not None and facts.lead < SWITCH_LEAD:
        changes.append(
            f"Switch, if a passing candidate led by {SWITCH_LEAD:g} points or more "
            f"({names[best]} is at {facts.lead:+.1f})"
        )
    elif best is not None:
        changes.append("Switch, if the lead held under other weights or a serious problem showed")
    changes.append(
        f"Stay, if {names[facts.current]} closed its gaps and no candidate led by "
        f"{STAY_MARGIN:g} points or more"
    )
    return changes
