"""The advice in words: the decision of `itexit.decide.decision`, the reasons behind it, and
what would change it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from itexit.compare.findings import must_have_report
from itexit.compare.scoring import Comparison
from itexit.decide.decision import (
    SERIOUS_GAP,
    STAY_MARGIN,
    SWITCH_LEAD,
    THIN_EVIDENCE,
    Advice,
    Standing,
    advise,
    standing,
)
from itexit.decide.sensitivity import ROBUST_CHANGE, Robustness
from itexit.words import percent, plural, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = ["ADVICE_RULES", "Verdict", "verdict"]

ADVICE_RULES = (
    f"- **Switch** when the best candidate that passes its must-haves leads your current "
    f"provider by **{SWITCH_LEAD:g} points** or more (out of 100), and either your current "
    f"provider has a serious problem (a failed must-have or a red flag) or the lead is "
    f"robust (no single weight change within ±{ROBUST_CHANGE:.0%} changes the leader).\n"
    f"- **Stay** when your current provider passes its must-haves, has no red flag and no "
    f"essential {SERIOUS_GAP:g} point or more below target, and no candidate leads it by "
    f"{STAY_MARGIN:g} points or more.\n"
    "- **Renegotiate** otherwise: there are real problems, but no candidate is clearly "
    "better yet. Use the gaps and red flags as the agenda for the talk.\n\n"
    "This is advice from your own scores and weights, not a certainty: check the open "
    "questions below before you act."
)
"""The rules of the advice in words (markdown), from the thresholds `decision` uses."""

_NOT_YET = "Mark your current provider and score it first: the advice compares others with it."


@dataclass(frozen=True)
class Verdict:
    """The advice on the current provider, its reasons, and what would change it."""

    decision: Advice
    reasons: list[str]
    would_change: list[str]


def verdict(
    evaluation: Evaluation, comparison: Comparison, robust: Robustness | None = None
) -> Verdict:
    """Stay, renegotiate or switch, with the reasons and what would change the advice."""
    facts = standing(evaluation, comparison, robust)
    decision = advise(facts)
    if facts is None:
        return Verdict(decision, [_NOT_YET], [])
    names = {p.id: p.name for p in evaluation.providers}
    return Verdict(
        decision,
        _problems(evaluation, facts, names) + _best_candidate(evaluation, comparison, facts, names),
        _would_change(decision, facts, names),
    )


def _problems(evaluation: Evaluation, facts: Standing, names: dict[str, str]) -> list[str]:
    """What is wrong with the current provider: serious gaps, failed must-haves, red flags."""
    current = names[facts.current]
    essentials = {e.id: e.name for e in evaluation.checklist.essentials}
    reasons = []
    if facts.serious_gaps:
        gaps = [essentials[e] for e in facts.serious_gaps]
        reasons.append(
            f"{current} is {SERIOUS_GAP:g} point or more below your target on "
            f"{plural(len(gaps), 'essential')}: {', '.join(gaps)}."
        )
    if facts.must_haves == "fail":
        why = facts.must_have_why
        reasons.append(f"{current} {why[0].lower()}{why[1:]}")
    if facts.flags:
        reasons.append(
            f"Red flag{'' if len(facts.flags) == 1 else 's'} at {current}: "
            + "; ".join(f"{c.name} ({c.red_flag})" for c in facts.flags)
        )
    return reasons


def _best_candidate(
    evaluation: Evaluation, comparison: Comparison, facts: Standing, names: dict[str, str]
) -> list[str]:
    """How the best candidate compares, how far to trust its lead, and how robust it is."""
    best = facts.best
    if best is None:
        return ["No candidate passes its must-haves with a score yet."]
    reasons = [
        f"The best candidate not ruled out by a must-have, {names[best]}, scores "
        f"{rounded(comparison.overall[best], 1)}: {rounded(abs(facts.lead), 1)} points "
        f"{'above' if facts.lead >= 0 else 'below'} {names[facts.current]}."
    ]
    caveats = []
    if must_have_report(evaluation, comparison, best)[0] == "unverified":
        caveats.append("some of its must-haves are not known yet")
    if not comparison.coverage[best] >= THIN_EVIDENCE:
        caveats.append(f"only {percent(comparison.coverage[best])} of its checklist is answered")
    if caveats:
        reasons.append(f"Treat {names[best]}'s lead with care: {' and '.join(caveats)}.")
    return [*reasons, facts.robust.sentence]


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
