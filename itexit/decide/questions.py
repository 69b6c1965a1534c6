"""The unanswered questions whose answers could move a provider's overall score most."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import pandas as pd

from itexit.checklist import Criterion
from itexit.compare.scoring import Comparison

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = ["OpenQuestion", "open_questions"]


@dataclass(frozen=True)
class OpenQuestion:
    """A criterion not yet answered by a provider, and how much its answer could matter."""

    provider: str
    criterion: Criterion
    swing: float
    """How many overall points the answer could move the provider (from a 0 to a 5)."""


def open_questions(
    evaluation: Evaluation, comparison: Comparison, providers: Sequence[str] | None = None
) -> list[OpenQuestion]:
    """The unanswered criteria whose answer could move an overall score most, biggest first.

    For an unknown criterion c in essential e of provider p, with the criterion weight w, the
    weight B of e's criteria already rated, the essential weight W and the total U of the
    weights of p's scored essentials (counting e): a 5 instead of a 0 moves the overall by
    100 · W · w / ((B + w) · U).
    """
    ids = list(providers) if providers is not None else list(comparison.overall.index)
    if not ids:
        return []
    criteria = evaluation.checklist.criteria
    essential_of = pd.Series(
        {c.id: e.id for e in evaluation.checklist.essentials for c in e.criteria}
    )
    ratings = comparison.ratings[ids]
    unknown = ratings.isna() & ~comparison.not_applicable[ids]
    w = pd.Series(evaluation.criterion_weights).reindex(ratings.index)
    rated_weight = ratings.notna().mul(w, axis=0).groupby(essential_of).sum()  # essentials × p
    essential_weight = pd.Series(evaluation.essential_weights)
    scored = comparison.essential_scores[ids].notna()
    total = scored.mul(essential_weight.reindex(scored.index), axis=0).sum()  # per provider
    per_cell_b = rated_weight.reindex(essential_of.reindex(ratings.index)).set_axis(ratings.index)
    per_cell_scored = scored.reindex(essential_of.reindex(ratings.index)).set_axis(ratings.index)
    big_w = essential_weight.reindex(essential_of.reindex(ratings.index)).set_axis(ratings.index)
    u = per_cell_scored.rsub(1).mul(big_w, axis=0).add(total, axis=1)
    swing = 100 * per_cell_b.add(w, axis=0).rdiv(1).mul(w * big_w, axis=0) / u
    swing = swing.where(unknown & (w > 0).to_numpy()[:, None] & (u > 0))
    cells = cast(pd.Series, swing.stack()).sort_values(ascending=False, kind="stable")
    by_id = {c.id: c for c in criteria}
    return [
        OpenQuestion(str(p), by_id[str(c)], float(s))
        for (c, p), s in cast(dict[tuple[str, str], float], cells.to_dict()).items()
        if s > 0
    ]
