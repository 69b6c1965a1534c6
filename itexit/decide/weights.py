"""Weights from pairwise answers: the analytic hierarchy process (Saaty), with a check that the
answers agree with each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from itexit.decide.models import Judgement
from itexit.input import InvalidInput

__all__ = [
    "CONSISTENT_ENOUGH",
    "SCALE",
    "Weighing",
    "pairs",
    "priority_vector",
    "weigh",
]

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
    """The weights a complete set of pairwise answers gives, and how well the answers agree."""

    weights: dict[str, float]
    """Each item's share, summing to 1."""
    consistency_ratio: float
    worst: tuple[str, str, float, float] | None
    """The answer furthest from the weights: (more, less, times said, times the rest imply)."""

    @property
    def consistent(self) -> bool:
        """True when the answers agree well enough (Saaty's consistency ratio ≤ 0.10)."""
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
    # Rounded, so answers that fit equally badly on paper tie and the first question asked wins
    # (float noise in the eigenvector would otherwise pick one at random by platform).
    spread = np.round(np.abs(np.log(matrix / implied)), 9)
    i, j = (int(k) for k in np.unravel_index(int(np.argmax(np.triu(spread, 1))), spread.shape))
    if matrix[i, j] < 1:
        i, j = j, i
    worst = (items[i], items[j], float(matrix[i, j]), float(implied[i, j]))
    return Weighing(dict(zip(items, weights.tolist(), strict=True)), ratio, worst)
