"""What the comparison means in words: who leads, where evidence is thin, red flags, and each
provider's standing on the must-haves."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pandas as pd

from itexit.checklist import RED_FLAG_AT, Criterion
from itexit.compare.scoring import Comparison, ranked_providers
from itexit.words import plural, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "LOW_COVERAGE",
    "alerts",
    "must_have_cell",
    "must_have_report",
    "red_flags",
    "summary_sentences",
]

LOW_COVERAGE = 50.0
"""Below this share of answered criteria, a provider's score rests on too little evidence."""


def red_flags(evaluation: Evaluation, comparison: Comparison) -> dict[str, list[Criterion]]:
    """Per provider, the red-flag criteria it is rated at or below the danger level on."""
    flagged = [c for c in evaluation.checklist.criteria if c.red_flag]
    low = comparison.ratings.loc[[c.id for c in flagged]] <= RED_FLAG_AT
    return {
        str(p): [c for c in flagged if bool(low.at[c.id, p])] for p in comparison.ratings.columns
    }


def must_have_report(
    evaluation: Evaluation, comparison: Comparison, provider: str
) -> tuple[str, str]:
    """A provider's must-have standing ("pass", "fail", "unverified") and, in words, why."""
    status = _must_have_states(comparison, provider)
    by_id = {c.id: c for c in evaluation.checklist.criteria}
    failing = [c for c, state in status.items() if state == "fail"]
    unknown = [c for c, state in status.items() if state == "unknown"]
    if failing:
        parts = []
        for c in failing:
            rating = float(cast(float, comparison.ratings.at[c, provider]))
            minimum = evaluation.must_haves[c]
            parts.append(
                f"{by_id[c].name} (rated {rating:g}, needs {minimum}: {minimum - rating:g} short)"
            )
        return (
            "fail",
            f"Fails {plural(len(failing), 'must-have')}: " + "; ".join(parts) + ".",
        )
    if unknown:
        asks = "; ".join(f"{by_id[c].name}: ask \u201c{by_id[c].question}\u201d" for c in unknown)
        return "unverified", f"Not known yet: {asks}"
    return "pass", "Meets every must-have." if status else "No must-haves set."


def must_have_cell(evaluation: Evaluation, comparison: Comparison, provider: str) -> str:
    """The CSV cell: pass, fail: <criteria> or unverified: <criteria>."""
    status = _must_have_states(comparison, provider)
    names = {c.id: c.name for c in evaluation.checklist.criteria}
    for label, wanted in (("fail", "fail"), ("unverified", "unknown")):
        hit = [names[c] for c, state in status.items() if state == wanted]
        if hit:
            return f"{label}: {'; '.join(hit)}"
    return "pass"


def _must_have_states(comparison: Comparison, provider: str) -> dict[str, str]:
    if provider not in comparison.must_have.columns:
        return {}
    return {str(c): str(v) for c, v in comparison.must_have[provider].items()}


def summary_sentences(evaluation: Evaluation, comparison: Comparison) -> list[str]:
    """A few plain sentences: who leads, how the current provider does, where evidence is thin."""
    providers = ranked_providers(evaluation, comparison)
    current = evaluation.current
    candidates = [p for p in providers if not p.current]
    sentences = []
    leader = next((p for p in candidates if pd.notna(comparison.overall[p.id])), None)
    if current is not None:
        overall = comparison.overall[current.id]
        if pd.isna(overall):
            sentences.append(
                f"Your current provider, {current.name}, has no scores yet: score it on the "
                "Scorecard page to see where it falls short."
            )
        else:
            gaps = comparison.gaps[current.id]
            below, scored = int((gaps > 0).sum()), int(gaps.notna().sum())
            unscored = len(gaps) - scored
            sentence = (
                f"Your current provider, {current.name}, scores {rounded(overall, 1)} out of 100 "
                f"(rank {comparison.rank[current.id]} of {len(providers)}) and is below your "
                f"target on {below} of the {scored} essentials scored"
            )
            if unscored:
                sentence += f"; {unscored} more {'is' if unscored == 1 else 'are'} not scored yet"
            sentences.append(sentence + ".")
    else:
        sentences.append("No provider is marked as current: mark yours on the Providers page.")
    if leader is not None:
        best = rounded(comparison.overall[leader.id], 1)
        lead = f"The best-ranked candidate is {leader.name} with {best}"
        if current is not None and pd.notna(comparison.overall[current.id]):
            difference = comparison.overall[leader.id] - comparison.overall[current.id]
            side = "above" if difference >= 0 else "below"
            lead += f", {rounded(abs(difference), 1)} points {side} your current provider"
        sentences.append(lead + ".")
    elif candidates:
        sentences.append("No candidate has scores yet: score them on the Scorecard page.")
    else:
        sentences.append("There are no candidates yet: add some on the Providers page.")
    thin = [p.name for p in providers if not comparison.coverage[p.id] >= LOW_COVERAGE]
    if thin:
        sentences.append(
            f"Treat these scores with care, as fewer than half of the criteria are answered: "
            f"{', '.join(thin)}."
        )
    return sentences


def alerts(evaluation: Evaluation, comparison: Comparison) -> list[str]:
    """Red flags first, then failed and unverified must-haves, provider by provider in rank
    order: what rules a provider out or needs asking, whatever the totals say."""
    flags = red_flags(evaluation, comparison)
    lines = []
    for provider in ranked_providers(evaluation, comparison):
        for criterion in flags[provider.id]:
            rating = float(cast(float, comparison.ratings.at[criterion.id, provider.id]))
            lines.append(
                f"Red flag at {provider.name}: {criterion.name} is rated {rating:g}. "
                f"{criterion.red_flag}"
            )
    for provider in ranked_providers(evaluation, comparison):
        standing, why = must_have_report(evaluation, comparison, provider.id)
        if standing != "pass":
            lines.append(f"{provider.name}: {why}")
    return lines
