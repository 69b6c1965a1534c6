"""The tables and plain-words findings the Compare page shows, as pandas data. No Streamlit."""

from __future__ import annotations

from typing import cast

import pandas as pd

from itexit.decide import must_have_report, red_flags
from itexit.models import Evaluation, Provider
from itexit.scoring import Comparison

CURRENT = "Current"
CANDIDATE = "Candidate"
LOW_COVERAGE = 50.0
"""Below this share of answered criteria, a provider's score rests on too little evidence."""


def ranked_providers(evaluation: Evaluation, comparison: Comparison) -> list[Provider]:
    """Providers by rank, best first; ties keep the current provider first, then entry order."""
    order = {p.id: i for i, p in enumerate(evaluation.ordered_providers)}
    return sorted(evaluation.providers, key=lambda p: (comparison.rank[p.id], order[p.id]))


def comparison_table(evaluation: Evaluation, comparison: Comparison) -> pd.DataFrame:
    """One row per provider, best rank first: role, rank, overall, coverage, essential scores."""
    providers = ranked_providers(evaluation, comparison)
    ids = [p.id for p in providers]
    table = pd.DataFrame(
        {
            "Provider": [p.name for p in providers],
            "Role": [CURRENT if p.current else CANDIDATE for p in providers],
            "Rank": comparison.rank[ids].to_numpy(),
            "Overall": comparison.overall[ids].to_numpy(),
            "Coverage": comparison.coverage[ids].to_numpy(),
            "Verified": comparison.verified[ids].to_numpy(),
            "Must-haves": [must_have_report(evaluation, comparison, p)[0] for p in ids],
        }
    )
    scores = comparison.essential_scores[ids].T.reset_index(drop=True)
    scores.columns = [e.name for e in evaluation.checklist.essentials]
    return pd.concat([table, scores], axis=1)


def gap_table(evaluation: Evaluation, comparison: Comparison) -> pd.DataFrame:
    """One row per provider, best rank first: the gap to target for each essential."""
    providers = ranked_providers(evaluation, comparison)
    ids = [p.id for p in providers]
    gaps = comparison.gaps[ids].T.reset_index(drop=True)
    gaps.columns = [e.name for e in evaluation.checklist.essentials]
    below = (gaps > 0).sum(axis=1)
    table = pd.DataFrame(
        {
            "Provider": [p.name for p in providers],
            "Role": [CURRENT if p.current else CANDIDATE for p in providers],
            "Essentials below target": below.to_numpy(),
        }
    )
    return pd.concat([table, gaps], axis=1)


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
                f"Your current provider, {current.name}, scores {overall:.1f} out of 100 "
                f"(rank {comparison.rank[current.id]} of {len(providers)}) and is below your "
                f"target on {below} of the {scored} essentials scored"
            )
            if unscored:
                sentence += f"; {unscored} more {'is' if unscored == 1 else 'are'} not scored yet"
            sentences.append(sentence + ".")
    else:
        sentences.append("No provider is marked as current: mark yours on the Providers page.")
    if leader is not None:
        lead = (
            f"The best-ranked candidate is {leader.name} with {comparison.overall[leader.id]:.1f}"
        )
        if current is not None and pd.notna(comparison.overall[current.id]):
            difference = comparison.overall[leader.id] - comparison.overall[current.id]
            side = "above" if difference >= 0 else "below"
            lead += f", {abs(difference):.1f} points {side} your current provider"
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


def warnings(evaluation: Evaluation, comparison: Comparison) -> list[str]:
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
