"""The decision about the current provider: stay, renegotiate or switch, from the facts alone.

The rules (shown on the Decide page): Switch when the best passing candidate leads the current
provider by at least SWITCH_LEAD points and either the current provider has a serious problem (a
failed must-have, a red flag, or a priority's tickets handled in time SERVICE_SHORTFALL points or
more below its promise) or the lead is robust. Stay when the current provider passes its
must-haves, has no red flag, no service shortfall and no gap of SERIOUS_GAP or more, and no
candidate leads it by STAY_MARGIN points or more. Renegotiate otherwise.

The candidate to recommend: among the candidates that fail no must-have, the cheapest over the
horizon of those within PRICE_BAND overall points of the best-scoring one (the best-scoring one
where no price in the band is known). The words that explain a decision are in
`itexit.decide.verdict`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from itexit.checklist import Criterion
from itexit.compare.findings import must_have_report, red_flags
from itexit.compare.scoring import Comparison
from itexit.decide.sensitivity import Robustness, contenders, leader, robustness, sensitivity

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "PRICE_BAND",
    "SERIOUS_GAP",
    "SERVICE_SHORTFALL",
    "STAY_MARGIN",
    "SWITCH_LEAD",
    "THIN_EVIDENCE",
    "Advice",
    "Shortfall",
    "Standing",
    "advise",
    "recommended",
    "standing",
]

SWITCH_LEAD = 10.0
"""Overall points a passing candidate must lead the current provider by to advise switching."""
STAY_MARGIN = 5.0
"""A candidate within this many points of the current provider is no reason to move."""
SERIOUS_GAP = 1.0
"""An essential this far or further below its target is a serious gap."""
THIN_EVIDENCE = 50.0
"""A candidate with less of its checklist answered (in percent) rests on thin evidence."""
PRICE_BAND = 5.0
"""Candidates within this many overall points of the best-scoring one compete on price."""
SERVICE_SHORTFALL = 10.0
"""Percentage points below a promise (every ticket in time: 100 %) that make a shortfall."""


@dataclass(frozen=True)
class Shortfall:
    """A priority whose tickets the current provider handled in time too rarely."""

    priority: str
    what: Literal["responded to", "resolved"]
    met: float
    """The share of the measured tickets handled within the promised hours, in percent."""
    promised_hours: float
    tickets: int
    """The tickets of that priority imported."""
    business_hours: bool = False
    """The promise runs on the business's working hours, not around the clock."""


Advice = Literal["Stay", "Renegotiate", "Switch", "Not yet"]


@dataclass(frozen=True)
class Standing:
    """The facts the advice rests on: how the current provider stands, and the best candidate."""

    current: str
    """The current provider's id."""
    must_haves: str
    """The current provider's must-have standing: "pass", "fail" or "unverified"."""
    must_have_why: str
    flags: list[Criterion]
    """The red flags raised at the current provider."""
    serious_gaps: list[str]
    """The essentials (ids) SERIOUS_GAP or more below target at the current provider."""
    best: str | None
    """The best-scoring candidate not ruled out by a must-have; None if there is none."""
    lead: float
    """Overall points `best` leads the current provider by (negative: behind; -inf: no best)."""
    best_leads: bool
    """`best` is the leader of the whole ranking, the current provider included."""
    robust: Robustness
    recommended: str | None = None
    """The candidate to recommend: the cheapest of those within PRICE_BAND points of `best`."""
    costs: Mapping[str, Decimal] = field(default_factory=dict)
    """Each option's total over the horizon where known: staying under the current provider's
    id, switching under each candidate's."""
    shortfalls: Sequence[Shortfall] = ()

    @property
    def problem(self) -> bool:
        """A serious problem with the current provider: a failed must-have, a red flag, or
        tickets handled in time far less often than promised."""
        return self.must_haves == "fail" or bool(self.flags) or bool(self.shortfalls)

    @property
    def robust_lead(self) -> bool:
        """The best candidate leads, and no single weight change within reason changes that."""
        return self.robust.robust and self.best is not None and self.best_leads


def standing(
    evaluation: Evaluation,
    comparison: Comparison,
    robust: Robustness | None = None,
    costs: Mapping[str, Decimal] | None = None,
    shortfalls: Sequence[Shortfall] = (),
) -> Standing | None:
    """The facts about the current provider and the candidates, with the totals over the horizon
    (`costs`, by provider id) and the service shortfalls where known; None until the current
    provider is marked and scored."""
    current = evaluation.current
    if current is None or math.isnan(comparison.overall.get(current.id, math.nan)):
        return None
    gaps = comparison.gaps[current.id]
    candidates = [p for p in contenders(comparison) if p != current.id]
    best = max(candidates, key=lambda p: comparison.overall[p], default=None)
    must_haves, why = must_have_report(evaluation, comparison, current.id)
    return Standing(
        current=current.id,
        must_haves=must_haves,
        must_have_why=why,
        flags=red_flags(evaluation, comparison)[current.id],
        serious_gaps=[str(e) for e in gaps.index if gaps[e] >= SERIOUS_GAP],
        best=best,
        lead=comparison.overall[best] - comparison.overall[current.id] if best else -math.inf,
        best_leads=best is not None and leader(comparison) == best,
        robust=robust or robustness(evaluation, comparison, sensitivity(evaluation, comparison)),
        recommended=recommended(comparison, candidates, costs or {}),
        costs=dict(costs or {}),
        shortfalls=tuple(shortfalls),
    )


def recommended(
    comparison: Comparison, candidates: Sequence[str], costs: Mapping[str, Decimal]
) -> str | None:
    """Of the candidates within PRICE_BAND overall points of the best-scoring one, the cheapest
    over the horizon; the best-scoring one where none of them has a known total."""
    if not candidates:
        return None
    overall = comparison.overall
    best = max(candidates, key=lambda p: overall[p])
    band = [p for p in candidates if overall[best] - overall[p] <= PRICE_BAND + 1e-9]
    priced = [p for p in band if p in costs]
    if not priced:
        return best
    # Equal totals: the higher overall, then the order the candidates came in.
    return min(priced, key=lambda p: (costs[p], -overall[p]))


def advise(facts: Standing | None) -> Advice:
    """Stay, renegotiate or switch, by the rules above; "Not yet" without the facts."""
    if facts is None:
        return "Not yet"
    if (
        facts.best is not None
        and facts.lead >= SWITCH_LEAD
        and (facts.problem or facts.robust_lead)
    ):
        return "Switch"
    if not facts.problem and not facts.serious_gaps and facts.lead < STAY_MARGIN:
        return "Stay"
    return "Renegotiate"
