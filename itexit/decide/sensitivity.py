"""How sure the ranking is: how far each essential's weight can move before the leader changes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from itexit.compare.scoring import Comparison

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "ROBUST_CHANGE",
    "Robustness",
    "Tipping",
    "contenders",
    "leader",
    "robustness",
    "sensitivity",
]


def contenders(comparison: Comparison) -> pd.Index:
    """Providers that can lead: an overall score and no failed must-have."""
    return comparison.overall.index[comparison.overall.notna() & ~comparison.failed]


def leader(comparison: Comparison) -> str | None:
    """The best-ranked contender: the provider the advice measures the others against."""
    ids = contenders(comparison)
    if ids.empty:
        return None
    return str(comparison.rank[ids].sort_values(kind="stable").index[0])


@dataclass(frozen=True)
class Tipping:
    """How far one essential's weight can move before the leader changes."""

    essential: str
    down: float | None
    """Relative change of its share (−0.35: 35 % less) at which another provider leads; None:
    even at weight 0 the leader stays."""
    down_leader: str | None
    up: float | None
    """Relative increase (0.12: 12 % more) at which another provider leads; None: never."""
    up_leader: str | None


def sensitivity(evaluation: Evaluation, comparison: Comparison) -> list[Tipping]:
    """For each essential: the smallest raise and cut of its share of the total weight (the
    others rescaled to keep their proportions) that puts another provider first.

    Exact: with the share x of one essential, a provider's overall is a ratio of two linear
    functions of x, so "q overtakes the leader" is a quadratic inequality, solved for every
    essential and provider at once.
    """
    top = leader(comparison)
    ids = list(contenders(comparison))
    essentials = [e.id for e in evaluation.checklist.essentials]
    if top is None or len(ids) < 2:
        return [Tipping(e, None, None, None, None) for e in essentials]
    raw = np.array([evaluation.essential_weights[e] for e in essentials])
    share = raw / raw.sum()
    scores = comparison.essential_scores.loc[essentials, ids].to_numpy(dtype=float)
    up_at, down_at = _break_points(_Overalls.of(share, scores, ids.index(top)), share)
    return [
        _tipping(essential, share[i], up_at[i], down_at[i], ids)
        for i, essential in enumerate(essentials)
    ]


@dataclass(frozen=True)
class _Overalls:
    """Each provider's overall/20 as (n0 + n1·x) / (d0 + d1·x), x the share of one essential
    (essentials × providers), and the leader's column."""

    n0: np.ndarray
    n1: np.ndarray
    d0: np.ndarray
    d1: np.ndarray
    lead: int

    @classmethod
    def of(cls, share: np.ndarray, scores: np.ndarray, lead: int) -> _Overalls:
        scored = ~np.isnan(scores)
        values = np.where(scored, scores, 0.0)
        weighted = share[:, None] * values
        present = share[:, None] * scored
        rest = np.where(share < 1, 1 - share, np.nan)[:, None]
        n0 = (weighted.sum(axis=0)[None, :] - weighted) / rest
        d0 = (present.sum(axis=0)[None, :] - present) / rest
        return cls(n0, values - n0, d0, scored - d0, lead)

    def gain(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """a, b, c of a·x² + b·x + c: positive where a provider is ahead of the leader."""
        n0, n1, d0, d1, lead = self.n0, self.n1, self.d0, self.d1, self.lead
        a = n1 * d1[:, [lead]] - n1[:, [lead]] * d1
        b = n0 * d1[:, [lead]] + n1 * d0[:, [lead]] - n0[:, [lead]] * d1 - n1[:, [lead]] * d0
        c = n0 * d0[:, [lead]] - n0[:, [lead]] * d0
        return a, b, c

    def ahead(self, x: np.ndarray) -> np.ndarray:
        """Where a provider is ahead of the leader at share x (both overalls defined)."""
        a, b, c = self.gain()
        gain = a[..., None] * x**2 + b[..., None] * x + c[..., None]
        lead = self.lead
        defined = (self.d0[..., None] + self.d1[..., None] * x > 1e-12) & (
            self.d0[:, [lead], None] + self.d1[:, [lead], None] * x > 1e-12
        )
        result: np.ndarray = (gain > 1e-12) & defined
        return result


def _break_points(overalls: _Overalls, share: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per essential and provider: the nearest share above and below today's at which the
    provider overtakes the leader (inf / -inf: never)."""
    roots = _quadratic_roots(*overalls.gain())  # essentials × providers × 2
    here = share[:, None, None]
    step = 1e-9
    # A break-point counts when the other provider is ahead just past it, inside 0 ≤ share ≤ 1.
    up_ok = (roots >= here - 1e-12) & (roots + step <= 1) & overalls.ahead(roots + step)
    down_ok = (roots <= here + 1e-12) & (roots - step >= 0) & overalls.ahead(roots - step)
    up = np.where(up_ok, roots, np.inf)
    down = np.where(down_ok, roots, -np.inf)
    return up.min(axis=2), down.max(axis=2)


def _tipping(
    essential: str, share: float, up_at: np.ndarray, down_at: np.ndarray, ids: list[str]
) -> Tipping:
    if share == 0 or share == 1:
        return Tipping(essential, None, None, None, None)
    q_up, q_down = int(np.argmin(up_at)), int(np.argmax(down_at))
    rise, cut = up_at[q_up], down_at[q_down]
    return Tipping(
        essential,
        down=float(cut / share - 1) if math.isfinite(cut) else None,
        down_leader=ids[q_down] if math.isfinite(cut) else None,
        up=float(rise / share - 1) if math.isfinite(rise) else None,
        up_leader=ids[q_up] if math.isfinite(rise) else None,
    )


def _quadratic_roots(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Real roots of a·x² + b·x + c = 0 elementwise, NaN where there is none (last axis: 2)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        linear = np.abs(a) < 1e-14
        disc = b**2 - 4 * a * c
        root = np.sqrt(np.where(disc >= 0, disc, np.nan))
        first = np.where(linear, -c / b, (-b - root) / (2 * a))
        second = np.where(linear, np.nan, (-b + root) / (2 * a))
    roots: np.ndarray = np.stack([first, second], axis=-1)
    return np.where(np.isfinite(roots), roots, np.nan)


ROBUST_CHANGE = 0.5
"""A leader that no single weight change within ±50 % dethrones is robust."""


@dataclass(frozen=True)
class Robustness:
    """Whether the leader holds under other weights, in a sentence, with the closest call."""

    robust: bool
    sentence: str
    closest: Tipping | None


def robustness(
    evaluation: Evaluation, comparison: Comparison, tippings: list[Tipping]
) -> Robustness:
    """One line on how sure the leader is, naming the smallest weight change that matters."""
    names = {p.id: p.name for p in evaluation.providers}
    essentials = {e.id: e.name for e in evaluation.checklist.essentials}
    top = leader(comparison)
    if top is None:
        return Robustness(
            False, "No provider can lead yet: score at least one that passes its must-haves.", None
        )
    if len(contenders(comparison)) < 2:
        return Robustness(
            False,
            f"Only {names[top]} has a score and passes its must-haves: score another provider to "
            "see how sure the ranking is.",
            None,
        )
    moves = [(abs(t.up), "raising", t.up, t.up_leader, t) for t in tippings if t.up is not None]
    moves += [
        (abs(t.down), "lowering", t.down, t.down_leader, t) for t in tippings if t.down is not None
    ]
    if not moves:
        return Robustness(
            True, f"Robust: no change to a single weight puts anyone ahead of {names[top]}.", None
        )
    size, verb, _, who, tipping = min(moves, key=lambda m: m[0])
    change = f"{verb} {essentials[tipping.essential]}'s weight by {size:.0%}"
    if size > ROBUST_CHANGE:
        return Robustness(
            True,
            f"Robust: no single weight change within ±{ROBUST_CHANGE:.0%} changes the leader "
            f"({names[top]}); the smallest that does is {change}.",
            tipping,
        )
    return Robustness(False, f"Close call: {change} puts {names[who or '']} first.", tipping)
