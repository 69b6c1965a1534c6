"""Deciding with confidence: weights from pairwise answers (AHP), how sure the ranking is, which
unanswered questions matter, red flags, and the stay / renegotiate / switch verdict.

Everything here reads a `Comparison` (itexit/scoring.py) and works on whole arrays.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal, cast

import numpy as np
import pandas as pd

from itexit.models import RED_FLAG_AT, Criterion, Evaluation, InvalidInput, Judgement
from itexit.scoring import Comparison

# Pairwise weighting (the analytic hierarchy process) ---------------------------------------------

RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45}
"""Saaty's random consistency index by matrix size (Saaty, The Analytic Hierarchy Process, 1980)."""
CONSISTENT_ENOUGH = 0.10
"""Saaty's limit: above this consistency ratio the answers contradict each other."""
SCALE = {
    1: "equally",
    2: "a little more",
    3: "a little more",
    4: "clearly more",
    5: "clearly more",
    6: "much more",
    7: "much more",
    8: "overwhelmingly more",
    9: "overwhelmingly more",
}
"""Saaty's 1–9 scale in plain words (even numbers sit between their neighbours)."""


@dataclass(frozen=True)
class Weighing:
    weights: dict[str, float]
    """Each item's share, summing to 1."""
    consistency_ratio: float
    worst: tuple[str, str, float, float] | None
    """The answer furthest from the weights: (more, less, times said, times the rest imply)."""

    @property
    def consistent(self) -> bool:
        return self.consistency_ratio <= CONSISTENT_ENOUGH


def priority_vector(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """The principal eigenvector of a reciprocal matrix (summing to 1) and its consistency ratio."""
    n = len(matrix)
    values, vectors = np.linalg.eig(matrix)
    principal = int(np.argmax(values.real))
    weights: np.ndarray = np.abs(vectors[:, principal].real)
    weights = weights / weights.sum()
    if n < 3:
        return weights, 0.0
    index = (values[principal].real - n) / (n - 1)
    return weights, max(0.0, float(index / RANDOM_INDEX[n]))


def pairs(items: Sequence[str]) -> list[tuple[str, str]]:
    """Every pair of items, each once, in a stable order: the questions to ask."""
    return list(combinations(items, 2))


def weigh(items: Sequence[str], judgements: Sequence[Judgement]) -> Weighing:
    """Weights from a complete set of pairwise answers; InvalidInput if any pair is missing."""
    position = {item: i for i, item in enumerate(items)}
    matrix = np.ones((len(items), len(items)))
    answered = set()
    for judgement in judgements:
        i, j = position[judgement.more], position[judgement.less]
        matrix[i, j], matrix[j, i] = judgement.times, 1 / judgement.times
        answered.add(frozenset((i, j)))
    missing = len(pairs(items)) - len(answered)
    if missing:
        raise InvalidInput(f"Answer all the questions first: {missing} still open.")
    weights, ratio = priority_vector(matrix)
    # How far each answer is from what the weights (i.e. all the other answers) imply.
    implied = weights[:, None] / weights[None, :]
    spread = np.abs(np.log(matrix / implied))
    i, j = (int(k) for k in np.unravel_index(int(np.argmax(np.triu(spread, 1))), spread.shape))
    if matrix[i, j] < 1:
        i, j = j, i
    worst = (items[i], items[j], float(matrix[i, j]), float(implied[i, j]))
    return Weighing(dict(zip(items, weights.tolist(), strict=True)), ratio, worst)


# How sure the ranking is -------------------------------------------------------------------------


def contenders(comparison: Comparison) -> pd.Index:
    """Providers that can lead: an overall score and no failed must-have."""
    return comparison.overall.index[comparison.overall.notna() & ~comparison.failed]


def leader(comparison: Comparison) -> str | None:
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
    scored = ~np.isnan(scores)
    values = np.where(scored, scores, 0.0)
    weighted = share[:, None] * values
    present = share[:, None] * scored
    rest = np.where(share < 1, 1 - share, np.nan)[:, None]
    # Numerator and denominator of each provider's overall/20 as n0 + n1·x and d0 + d1·x.
    n0 = (weighted.sum(axis=0)[None, :] - weighted) / rest
    d0 = (present.sum(axis=0)[None, :] - present) / rest
    n1, d1 = values - n0, scored - d0
    lead = ids.index(top)
    a = n1 * d1[:, [lead]] - n1[:, [lead]] * d1
    b = n0 * d1[:, [lead]] + n1 * d0[:, [lead]] - n0[:, [lead]] * d1 - n1[:, [lead]] * d0
    c = n0 * d0[:, [lead]] - n0[:, [lead]] * d0
    roots = _quadratic_roots(a, b, c)  # essentials × providers × 2

    def ahead(x: np.ndarray) -> np.ndarray:
        gain = a[..., None] * x**2 + b[..., None] * x + c[..., None]
        defined = (d0[..., None] + d1[..., None] * x > 1e-12) & (
            d0[:, [lead], None] + d1[:, [lead], None] * x > 1e-12
        )
        result: np.ndarray = (gain > 1e-12) & defined
        return result

    here = share[:, None, None]
    step = 1e-9
    # A break-point counts when the other provider is ahead just past it, inside 0 ≤ share ≤ 1.
    up_ok = (roots >= here - 1e-12) & (roots + step <= 1) & ahead(roots + step)
    down_ok = (roots <= here + 1e-12) & (roots - step >= 0) & ahead(roots - step)
    up = np.where(up_ok, roots, np.inf)
    down = np.where(down_ok, roots, -np.inf)
    up_at, down_at = up.min(axis=2), down.max(axis=2)
    tippings = []
    for i, essential in enumerate(essentials):
        if share[i] == 0 or share[i] == 1:
            tippings.append(Tipping(essential, None, None, None, None))
            continue
        q_up, q_down = int(np.argmin(up_at[i])), int(np.argmax(down_at[i]))
        rise, cut = up_at[i, q_up], down_at[i, q_down]
        tippings.append(
            Tipping(
                essential,
                down=float(cut / share[i] - 1) if math.isfinite(cut) else None,
                down_leader=ids[q_down] if math.isfinite(cut) else None,
                up=float(rise / share[i] - 1) if math.isfinite(rise) else None,
                up_leader=ids[q_up] if math.isfinite(rise) else None,
            )
        )
    return tippings


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


# Unknowns and evidence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenQuestion:
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
            f"Fails {len(failing)} must-have{'s' if len(failing) != 1 else ''}: "
            + "; ".join(parts)
            + ".",
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


# The verdict -------------------------------------------------------------------------------------

SWITCH_LEAD = 10.0
"""Overall points a passing candidate must lead the current provider by to advise switching."""
STAY_MARGIN = 5.0
"""A candidate within this many points of the current provider is no reason to move."""
SERIOUS_GAP = 1.0
"""An essential this far or further below its target is a serious gap."""
THIN_EVIDENCE = 50.0
"""A candidate with less of its checklist answered (in percent) rests on thin evidence."""


@dataclass(frozen=True)
class Verdict:
    decision: Literal["Stay", "Renegotiate", "Switch", "Not yet"]
    reasons: list[str]
    would_change: list[str]


def verdict(
    evaluation: Evaluation, comparison: Comparison, robust: Robustness | None = None
) -> Verdict:
    """Stay, renegotiate or switch, with the reasons and what would change the advice.

    The rules (shown on the Decide page): Switch when the best passing candidate leads the
    current provider by at least SWITCH_LEAD points and either the current provider has a
    serious problem (a failed must-have, a red flag) or the lead is robust. Stay when the
    current provider passes its must-haves, has no red flag and no gap of SERIOUS_GAP or more,
    and no candidate leads it by STAY_MARGIN points or more. Renegotiate otherwise.
    """
    current = evaluation.current
    if current is None or math.isnan(comparison.overall.get(current.id, math.nan)):
        return Verdict(
            "Not yet",
            ["Mark your current provider and score it first: the advice compares others with it."],
            [],
        )
    names = {p.id: p.name for p in evaluation.providers}
    essentials = {e.id: e.name for e in evaluation.checklist.essentials}
    flags = red_flags(evaluation, comparison)[current.id]
    standing, why = must_have_report(evaluation, comparison, current.id)
    gaps = comparison.gaps[current.id]
    serious = [essentials[e] for e in gaps.index if gaps[e] >= SERIOUS_GAP]
    candidates = [p for p in contenders(comparison) if p != current.id]
    best = max(candidates, key=lambda p: comparison.overall[p], default=None)
    lead = comparison.overall[best] - comparison.overall[current.id] if best else -math.inf
    problem = standing == "fail" or bool(flags)
    robust = robust or robustness(evaluation, comparison, sensitivity(evaluation, comparison))
    robust_lead = robust.robust and best is not None and leader(comparison) == best

    reasons = []
    if serious:
        reasons.append(
            f"{names[current.id]} is {SERIOUS_GAP:g} point or more below your target on "
            f"{len(serious)} essential{'s' if len(serious) != 1 else ''}: {', '.join(serious)}."
        )
    if standing == "fail":
        reasons.append(f"{names[current.id]} {why[0].lower()}{why[1:]}")
    if flags:
        reasons.append(
            f"Red flag{'s' if len(flags) != 1 else ''} at {names[current.id]}: "
            + "; ".join(f"{c.name} ({c.red_flag})" for c in flags)
        )
    if best is not None:
        reasons.append(
            f"The best candidate not ruled out by a must-have, {names[best]}, scores "
            f"{comparison.overall[best]:.1f}: {abs(lead):.1f} points "
            f"{'above' if lead >= 0 else 'below'} {names[current.id]}."
        )
        caveats = []
        if must_have_report(evaluation, comparison, best)[0] == "unverified":
            caveats.append("some of its must-haves are not known yet")
        if not comparison.coverage[best] >= THIN_EVIDENCE:
            caveats.append(f"only {comparison.coverage[best]:.0f}% of its checklist is answered")
        if caveats:
            reasons.append(f"Treat {names[best]}'s lead with care: {' and '.join(caveats)}.")
        reasons.append(robust.sentence)
    else:
        reasons.append("No candidate passes its must-haves with a score yet.")

    if best is not None and lead >= SWITCH_LEAD and (problem or robust_lead):
        changes = [
            f"{names[best]}'s lead shrank below {SWITCH_LEAD:g} points (for example once its "
            "unknown answers come in lower)",
        ]
        if not problem:
            changes.append("the lead stopped being robust to the weights")
        return Verdict("Switch", reasons, changes)
    if standing != "fail" and not flags and not serious and lead < STAY_MARGIN:
        return Verdict(
            "Stay",
            reasons,
            [
                f"a gap of {SERIOUS_GAP:g} point or more opened, a must-have failed or a red "
                "flag appeared",
                f"a candidate came within reach: {STAY_MARGIN:g} points or more ahead",
            ],
        )
    changes = []
    if best is not None and lead < SWITCH_LEAD:
        changes.append(
            f"Switch, if a passing candidate led by {SWITCH_LEAD:g} points or more "
            f"({names[best]} is at {lead:+.1f})"
        )
    elif best is not None:
        changes.append("Switch, if the lead held under other weights or a serious problem showed")
    changes.append(
        f"Stay, if {names[current.id]} closed its gaps and no candidate led by "
        f"{STAY_MARGIN:g} points or more"
    )
    return Verdict("Renegotiate", reasons, changes)
