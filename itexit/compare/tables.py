"""The Compare page's tables as pandas data: providers side by side, and the gaps to target."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import pandas as pd
from pandas.io.formats.style import Styler

from itexit.compare.findings import must_have_report
from itexit.compare.scoring import Comparison, ranked_providers
from itexit.style import CURRENT_COLOUR, CURRENT_TINT, MET_COLOUR
from itexit.words import figure_number, percent, score_text

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider

__all__ = [
    "CANDIDATE",
    "CURRENT",
    "PERCENT_COLUMNS",
    "comparison_table",
    "gap_table",
    "role",
    "styled",
]

CURRENT = "Current"
CANDIDATE = "Candidate"


def role(provider: Provider) -> str:
    """How a table names a provider's part: the current one, or a candidate."""
    return CURRENT if provider.current else CANDIDATE


def comparison_table(evaluation: Evaluation, comparison: Comparison) -> pd.DataFrame:
    """One row per provider, best rank first: role, rank, overall, coverage, essential scores."""
    providers = ranked_providers(evaluation, comparison)
    ids = [p.id for p in providers]
    table = pd.DataFrame(
        {
            "Provider": [p.name for p in providers],
            "Role": [role(p) for p in providers],
            "Rank": comparison.rank[ids].to_numpy(),
            "Overall": [figure_number(v, 1) for v in comparison.overall[ids]],
            "Coverage": [figure_number(v, 0) for v in comparison.coverage[ids]],
            "Verified": [figure_number(v, 0) for v in comparison.verified[ids]],
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
            "Role": [role(p) for p in providers],
            "Essentials below target": below.to_numpy(),
        }
    )
    return pd.concat([table, gaps], axis=1)


PERCENT_COLUMNS = {"Coverage", "Verified"}
"""The side-by-side table's shares, shown as the CSV writes them: '47%'."""


def styled(table: pd.DataFrame, score_columns: Sequence[Hashable], gaps: bool = False) -> Styler:
    """The table with the current provider's row tinted crimson, scores shown to 2 decimals.

    Missing scores read "not scored" (a dataframe would show "None"); in a gap table every gap
    is crimson and every met target green.
    """
    shown = table.copy()
    for column in score_columns:
        shown[column] = [score_text(v) for v in table[column]]
    for column in PERCENT_COLUMNS & set(table.columns):  # "—" where there is nothing to count
        shown[column] = [percent(v) or "—" for v in table[column]]
    current_rows = (table["Role"] == CURRENT).to_numpy()
    styler = shown.style.apply(
        lambda column: [
            f"background-color: {CURRENT_TINT}; font-weight: bold" if is_current else ""
            for is_current in current_rows
        ],
        axis=0,
    )
    if gaps:
        styler = styler.apply(
            lambda column: [
                "" if pd.isna(v) else f"color: {MET_COLOUR if v <= 0 else CURRENT_COLOUR}"
                for v in table[column.name]
            ],
            subset=list(score_columns),
            axis=0,
        )
    return styler
