"""The decision about the current provider: stay, renegotiate or switch, from the facts alone.

The rules (shown on the Decide page): Switch when the best passing candidate leads the current
provider by at least SWITCH_LEAD points and either the current provider has a serious problem (a
failed must-have, a red flag) or the lead is robust. Stay when the current provider passes its
must-haves, has no red flag and no gap of SERIOUS_GAP or more, and no candidate leads it by
STAY_MARGIN points or more. Renegotiate otherwise. The words that explain a decision are in
`itexit.decide.verdict`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from itexit.checklist import Criterion
from itexit.compare.findings import must_have_report, red_flags
from itexit.compare.scoring import Comparison
from itexit.decide.sensitivity import Robustness, contenders, leader, robustness, sensitivity

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "SERIOUS_GAP",
    "STAY_MARGIN",
    "SWITCH_LEAD",
    "THIN_EVIDENCE",
    "Advice",
    "Standing",
    "advise",
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

    @property
    def problem(self) -> bool:
        """A serious problem with the current provider: a failed must-have or a red flag."""
        return self.must_haves == "fail" or bool(self.flags)

    @property
    def robust_lead(self) -> bool:
        """The best candidate leads, and no single weight change within reason changes that."""
        return self.robust.robust and self.best is not None and self.best_leads


def standing(
    evaluation: Evaluation, comparison: Comparison, robust: Robustness | None = None
) -> Standing | None:
    """The facts about the current provider and the best candidate; None until the current
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
    )


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
