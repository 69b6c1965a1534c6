"""Scores providers against the checklist: essential scores, overall, gaps, coverage and rank.

The rules, exactly (the comparison CSV exposes them):

- a criterion's rating is 0–5, "unknown" or "n/a";
- essential score (0–5) = Σ w·s / Σ w over the essential's criteria rated 0–5 (w = criterion
  weight); no rated criterion with a weight above 0: no essential score;
- overall (0–100) = 20 · Σ W·S / Σ W over the essentials that have a score (W = essential weight);
- gap = max(0, target − essential score), none where there is no essential score;
- coverage = criteria rated 0–5 ÷ criteria that apply (not marked n/a), in percent; weights
  play no part, and this is the one "how much is answered" every page and file shows;
- rank by overall, highest first, equal overall sharing a rank (1, 2, 2, 4); providers failing
  a must-have after every provider that fails none; providers with no overall last of all.

Everything is computed on whole matrices (criteria × providers), never cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

import numpy as np
import pandas as pd

from itexit.types import NOT_APPLICABLE, UNKNOWN
from itexit.words import percent

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider

__all__ = [
    "Answered",
    "Comparison",
    "Scenario",
    "answered",
    "compare",
    "gap_closers",
    "must_have_status",
    "rank",
    "ranked_providers",
    "rating_frames",
]

# Two overall scores closer than this are equal: float sums must not break a real tie.
_TIE_DECIMALS = 9


@dataclass(frozen=True)
class Comparison:
    """Every figure of an evaluation, providers as columns (ids), current provider first."""

    ratings: pd.DataFrame
    """criteria × providers: the 0–5 rating, NaN for unknown and n/a."""
    not_applicable: pd.DataFrame
    """criteria × providers: True where the criterion is marked n/a."""
    essential_scores: pd.DataFrame
    """essentials × providers, 0–5 or NaN."""
    gaps: pd.DataFrame
    """essentials × providers: how far below target, 0 at or above it, NaN without a score."""
    overall: pd.Series
    rank: pd.Series
    """By overall, after every provider that fails a must-have comes every one that passes."""
    coverage: pd.Series
    verified: pd.Series
    """Share of each provider's 0–5 ratings marked verified, in percent."""
    must_have: pd.DataFrame
    """must-have criteria × providers: "pass", "fail" (below the minimum) or "unknown"."""

    @property
    def failed(self) -> pd.Series:
        """True for the providers below the minimum on any must-have."""
        return (self.must_have == "fail").any()


Scenario = Literal["as scored", "unknown as 0", "unknown as 5", "verified only"]
"""How unanswered or unproven ratings are read: the 'what if' views of the Decide page."""


def rating_frames(
    evaluation: Evaluation, scenario: Scenario = "as scored"
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The ratings as a criteria × providers float matrix (NaN if not rated), the n/a mask, and
    the mask of verified ratings, read as the scenario says."""
    criteria = [c.id for c in evaluation.checklist.criteria]
    providers = evaluation.ordered_providers
    index = pd.Index(criteria, name="criterion")
    columns = pd.Index([p.id for p in providers], name="provider")
    raw = pd.DataFrame(
        {p.id: {cid: s.rating for cid, s in p.scores.items()} for p in providers},
        index=index,
        columns=columns,
        dtype=object,
    )
    verified = (
        pd.DataFrame(
            {p.id: {cid: s.verified for cid, s in p.scores.items()} for p in providers},
            index=index,
            columns=columns,
            dtype=object,
        )
        .fillna(False)
        .astype(bool)
    )
    not_applicable = raw.isin([NOT_APPLICABLE])
    unknown = raw.isin([UNKNOWN]) | raw.isna()
    ratings = raw.mask(not_applicable | unknown).astype(float)
    if scenario == "unknown as 0":
        ratings = ratings.mask(unknown, 0.0)
    elif scenario == "unknown as 5":
        ratings = ratings.mask(unknown, 5.0)
    elif scenario == "verified only":
        ratings = ratings.where(verified)
    return ratings, not_applicable, verified


def compare(evaluation: Evaluation, scenario: Scenario = "as scored") -> Comparison:
    """Every figure of the evaluation, with unanswered or unproven ratings read as the scenario
    says: essential scores, overall, gaps, coverage, verified share, must-haves and rank."""
    ratings, not_applicable, verified = rating_frames(evaluation, scenario)
    essentials = _essential_of_criterion(evaluation)
    essential_scores = _weighted_mean(
        ratings, pd.Series(evaluation.criterion_weights).reindex(ratings.index), by=essentials
    ).reindex([e.id for e in evaluation.checklist.essentials])
    essential_scores.index.name = "essential"
    weights = pd.Series(evaluation.essential_weights).reindex(essential_scores.index)
    overall = 20 * _weighted_mean(essential_scores, weights, by=None).iloc[0]
    overall.name = "overall"
    targets = pd.Series(evaluation.targets).reindex(essential_scores.index)
    gaps = essential_scores.rsub(targets, axis=0).clip(lower=0)
    rated = ratings.notna()
    applicable = (~not_applicable).sum()
    coverage = (100 * rated.sum() / applicable.where(applicable > 0)).rename("coverage")
    proven = (100 * (rated & verified).sum() / rated.sum().where(rated.sum() > 0)).rename(
        "verified"
    )
    must_have = must_have_status(evaluation, ratings, not_applicable)
    return Comparison(
        ratings=ratings,
        not_applicable=not_applicable,
        essential_scores=essential_scores,
        gaps=gaps,
        overall=overall,
        rank=rank(overall, (must_have == "fail").any()),
        coverage=coverage,
        verified=proven,
        must_have=must_have,
    )


def must_have_status(
    evaluation: Evaluation, ratings: pd.DataFrame, not_applicable: pd.DataFrame
) -> pd.DataFrame:
    """Per must-have and provider: "pass" (at or above the minimum, or n/a), "fail", "unknown"."""
    criteria = [c.id for c in evaluation.checklist.criteria if c.id in evaluation.must_haves]
    minimums = pd.Series(evaluation.must_haves, dtype=float).reindex(criteria)
    values = ratings.loc[criteria]
    status = pd.DataFrame("pass", index=values.index, columns=values.columns, dtype=object)
    status = status.mask(values.lt(minimums, axis=0), "fail")
    return status.mask(values.isna() & ~not_applicable.loc[criteria], "unknown")


def rank(overall: pd.Series, failed: pd.Series | None = None) -> pd.Series:
    """1 for the highest overall; ties share the lower rank (1, 2, 2, 4).

    Providers that fail a must-have rank after all that don't, in the same way among themselves;
    providers with no overall (nothing scored) come last of all, sharing that place: nothing is
    known of them, so they never rank above one that was measured.
    """
    failing = failed.reindex(overall.index, fill_value=False) if failed is not None else False
    # One sortable key: having an overall first decides, then failing, then the overall itself.
    key = (
        1000.0 * overall.isna()
        + 500.0 * failing
        + (100.0 - overall.round(_TIE_DECIMALS)).fillna(0.0)
    )
    return key.rank(method="min").astype("int64").rename("rank")


def ranked_providers(evaluation: Evaluation, comparison: Comparison) -> list[Provider]:
    """Providers by rank, best first; ties keep the current provider first, then entry order."""
    order = {p.id: i for i, p in enumerate(evaluation.ordered_providers)}
    return sorted(evaluation.providers, key=lambda p: (comparison.rank[p.id], order[p.id]))


def _weighted_mean(values: pd.DataFrame, weights: pd.Series, by: pd.Series | None) -> pd.DataFrame:
    """Σ w·v / Σ w per group over the cells that have a value; NaN where Σ w is 0."""
    present = values.notna()
    weighted = values.mul(weights, axis=0).where(present, 0.0)
    weight_present = present.mul(weights, axis=0)
    key = by if by is not None else np.zeros(len(values), dtype=int)
    numerator = weighted.groupby(key).sum()
    denominator = weight_present.groupby(key).sum()
    return numerator / denominator.where(denominator > 0)


def _essential_of_criterion(evaluation: Evaluation) -> pd.Series:
    return pd.Series(evaluation.checklist.essential_of(), name="essential")


@dataclass(frozen=True)
class Answered:
    """How much of the checklist a provider has answered: the counts behind its coverage."""

    scored: int
    """Criteria rated 0–5."""
    applicable: int
    """Criteria that apply: not marked n/a."""
    not_applicable: int

    @property
    def coverage(self) -> float:
        """Scored ÷ applicable, in percent (NaN when nothing applies), as `compare` has it."""
        return 100 * self.scored / self.applicable if self.applicable else float("nan")

    @property
    def entered(self) -> int:
        """Every answer given, n/a included: what removing the provider would lose."""
        return self.scored + self.not_applicable

    def sentence(self) -> str:
        """'17 of 36 criteria that apply are scored (47%); 1 marked n/a'."""
        text = f"{self.scored} of {self.applicable} criteria that apply are scored"
        text += f" ({percent(self.coverage)})" if self.applicable else ""
        return text + (f"; {self.not_applicable} marked n/a" if self.not_applicable else "")


def answered(evaluation: Evaluation, provider_id: str) -> Answered:
    """How much of the checklist the provider has answered, by the one rule of coverage."""
    provider = evaluation.provider(provider_id)
    ratings = [provider.score(c.id).rating for c in evaluation.checklist.criteria]
    not_applicable = sum(r == NOT_APPLICABLE for r in ratings)
    scored = sum(r not in (NOT_APPLICABLE, UNKNOWN) for r in ratings)
    return Answered(scored, len(ratings) - not_applicable, not_applicable)


def gap_closers(evaluation: Evaluation, comparison: Comparison) -> pd.DataFrame:
    """Per essential: the current provider's score and gap, and the candidates reaching target.

    Columns: essential, target, current_score, gap, best_candidate, best_score, closers
    (names of the candidates at or above target, best first).
    """
    current = evaluation.current
    candidates = [p for p in evaluation.ordered_providers if not p.current]
    names = {p.id: p.name for p in evaluation.providers}
    scores = comparison.essential_scores
    rows = []
    for essential in evaluation.checklist.essentials:
        target = evaluation.targets[essential.id]
        row_scores = cast(pd.Series, scores.loc[essential.id, [p.id for p in candidates]])
        row_scores = row_scores.dropna().sort_values(ascending=False, kind="stable")
        best = row_scores.index[0] if len(row_scores) else None
        rows.append(
            {
                "essential": essential.name,
                "target": target,
                "current_score": scores.at[essential.id, current.id] if current else np.nan,
                "gap": comparison.gaps.at[essential.id, current.id] if current else np.nan,
                "best_candidate": names[best] if best else None,
                "best_score": row_scores.iloc[0] if best else np.nan,
                "closers": [names[str(p)] for p, s in row_scores.items() if s >= target],
            }
        )
    return pd.DataFrame(rows)
