"""What the Priorities and Criteria & must-haves pages show, and the changes they send back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from itexit.decide.models import Judgement
from itexit.decide.weights import SCALE, Weighing, pairs, weigh
from itexit.input import AllOrNothing, InvalidInput, read_number, validated
from itexit.types import WEIGHT_MAX
from itexit.words import figure

if TYPE_CHECKING:
    from itexit.checklist import Criterion, Essential
    from itexit.evaluation import Evaluation

__all__ = [
    "DEFAULT_MINIMUM",
    "EQUALLY",
    "NO_WEIGHT",
    "PAIRWISE_OPTIONS",
    "TARGET_MAX",
    "AnsweredWeights",
    "CriteriaTab",
    "CriteriaView",
    "PairQuestion",
    "PrioritiesView",
    "answered_weights",
    "criteria_edited",
    "criteria_view",
    "must_haves_listed",
    "pairwise_answered",
    "pairwise_questions",
    "priorities_edited",
    "priorities_table",
    "priorities_view",
    "said_in_words",
    "weights_from_answers_used",
]

PAIRWISE_OPTIONS = (-9, -8, -7, -6, -5, -4, -3, -2, 1, 2, 3, 4, 5, 6, 7, 8, 9)
"""A pairwise slider's stops: -9 to -2 lean to the first essential, 2 to 9 to the second,
1 says both matter equally."""
EQUALLY = "Both matter equally"
"""What a pairwise slider at 1 says."""
NO_WEIGHT = (
    "Every weight is 0, so no provider gets an overall score. Give at least one essential a "
    "weight above 0."
)
"""The warning while every essential weighs 0."""
DEFAULT_MINIMUM = 3
"""The minimum rating a must-have gets when none is given."""
TARGET_MAX = 5.0
"""The highest target an essential can have: the top of the 0–5 scale."""


# Priorities: weights and targets -----------------------------------------------------------------


@dataclass(frozen=True)
class PairQuestion:
    """One pairwise question, "first or second?", and where its slider starts."""

    first: str
    """The first essential's id (a slider value below 0 leans to it)."""
    second: str
    label: str
    start: int
    """The slider's value from the earlier answer to this pair; 1 (equally) if none."""
    first_name: str
    second_name: str

    def words(self, value: int) -> str:
        """A slider value in plain words, such as "Security matters clearly more (5×)"."""
        return said_in_words(value, self.first_name, self.second_name)


@dataclass(frozen=True)
class AnsweredWeights:
    """The weights the pairwise answers give, beside today's, and whether the answers agree."""

    table: pd.DataFrame
    """Essential, Weight from your answers, Weight now (both in percent of the overall)."""
    agree: bool
    consistency: str
    """That the answers agree, or which one fits the others least, in words."""


@dataclass(frozen=True)
class PrioritiesView:
    """The Priorities page: the weights and targets, the pairwise questions, their weights."""

    table: pd.DataFrame
    """Essential, Weight, Share of overall, Target, What it covers: the editable table."""
    warning: str | None
    """Why no provider gets an overall score (every weight is 0), if so."""
    questions: list[PairQuestion]
    answered: AnsweredWeights | None
    """Once every pairwise question is answered: the weights those answers give."""


def priorities_view(evaluation: Evaluation) -> PrioritiesView:
    """Everything the Priorities page shows, worked out once."""
    no_weight = sum(evaluation.essential_weights.values()) == 0
    return PrioritiesView(
        table=priorities_table(evaluation),
        warning=NO_WEIGHT if no_weight else None,
        questions=pairwise_questions(evaluation),
        answered=answered_weights(evaluation),
    )


def priorities_table(evaluation: Evaluation) -> pd.DataFrame:
    """Each essential's weight, its share of the overall score in percent, its target and what
    it covers."""
    essentials = evaluation.checklist.essentials
    weights = [evaluation.essential_weights[e.id] for e in essentials]
    total = sum(weights)
    return pd.DataFrame(
        {
            "Essential": [e.name for e in essentials],
            "Weight": weights,
            "Share of overall": [100 * w / total if total else 0.0 for w in weights],
            "Target": [evaluation.targets[e.id] for e in essentials],
            "What it covers": [e.summary for e in essentials],
        }
    )


def priorities_edited(evaluation: Evaluation, edits: Mapping[int, Mapping[str, Any]]) -> Evaluation:
    """The evaluation with the weights (0 to WEIGHT_MAX) and targets (0 to 5) edited in the
    priorities table (row → column → value); InvalidInput naming each bad cell, nothing changed."""
    essentials = evaluation.checklist.essentials
    weights: dict[str, float] = {}
    targets: dict[str, float] = {}
    reading = AllOrNothing()
    for row, cells in edits.items():
        essential = essentials[row]
        for column, limit, into in (
            ("Weight", WEIGHT_MAX, weights),
            ("Target", TARGET_MAX, targets),
        ):
            if column in cells:
                with reading.reading(f"{essential.name}, {column.lower()}"):
                    into[essential.id] = read_number(cells[column], 0, limit)
    reading.check()
    return evaluation.with_essential_settings(weights, targets)


# Priorities: the pairwise questions --------------------------------------------------------------


def said_in_words(value: int, first: str, second: str) -> str:
    """What a pairwise slider at `value` says about "first or second?"."""
    if value == 1:
        return EQUALLY
    return f"{first if value < 0 else second} matters {SCALE[abs(value)]} ({abs(value)}×)"


def pairwise_questions(evaluation: Evaluation) -> list[PairQuestion]:
    """The 15 questions "which essential matters more, and how much?", each starting from the
    answer given before."""
    names = {e.id: e.name for e in evaluation.checklist.essentials}
    given = {frozenset((j.more, j.less)): j for j in evaluation.judgements}
    questions = []
    for first, second in pairs(list(names)):
        old = given.get(frozenset((first, second)))
        if old is None or old.times == 1:
            start = 1
        else:
            start = -old.times if old.more == first else old.times
        label = f"{names[first]} or {names[second]}?"
        questions.append(PairQuestion(first, second, label, start, names[first], names[second]))
    return questions


def pairwise_answered(evaluation: Evaluation, answers: Mapping[tuple[str, str], int]) -> Evaluation:
    """The evaluation with the answers to the pairwise questions ((first, second) → slider
    value), replacing the earlier ones."""
    judgements = [
        validated(
            Judgement,
            more=first if value < 0 else second,
            less=second if value < 0 else first,
            times=abs(value),
        )
        for (first, second), value in answers.items()
    ]
    return evaluation.with_judgements(judgements)


def answered_weights(evaluation: Evaluation) -> AnsweredWeights | None:
    """The weights the pairwise answers give, beside today's; None until all are answered."""
    essentials = evaluation.checklist.essentials
    if len(evaluation.judgements) != len(pairs([e.id for e in essentials])):
        return None
    names = {e.id: e.name for e in essentials}
    weighing = weigh(list(names), evaluation.judgements)
    total = sum(evaluation.essential_weights.values()) or 1
    table = pd.DataFrame(
        {
            "Essential": [names[e] for e in weighing.weights],
            "Weight from your answers": [100 * w for w in weighing.weights.values()],
            "Weight now": [100 * evaluation.essential_weights[e] / total for e in weighing.weights],
        }
    )
    return AnsweredWeights(table, weighing.consistent, _consistency(weighing, names))


def _consistency(weighing: Weighing, names: Mapping[str, str]) -> str:
    ratio = f"consistency ratio {weighing.consistency_ratio:.2f}"
    if weighing.consistent:
        return f"Your answers agree with each other ({ratio}; up to 0.10 is fine)."
    more, less, said, implied = weighing.worst or ("", "", 1.0, 1.0)
    if said == 1:
        told = f"{names[more]} and {names[less]} matter equally"
    else:
        told = f"{names[more]} matters {said:g}× as much as {names[less]}"
    if implied >= 1:
        meant = f"{names[more]} matters about {implied:.1f}× as much"
    else:
        meant = f"{names[less]} matters about {1 / implied:.1f}× as much"
    return (
        f"Some answers contradict each other ({ratio}; above 0.10 means the weights are "
        f"shaky). The one that fits least: you said {told}, but your other answers imply "
        f"{meant}. Look at that question again."
    )


def weights_from_answers_used(evaluation: Evaluation) -> Evaluation:
    """The evaluation with the essential weights the pairwise answers give, scaled to an
    average of 1, to the 6 decimals the CSV writes weights with (the shares they give equal the
    pairwise answers' to well under 0.01 %); InvalidInput while a question is unanswered."""
    essentials = [e.id for e in evaluation.checklist.essentials]
    weighing = weigh(essentials, evaluation.judgements)
    used = {e: float(figure(w * len(essentials), 6) or 0) for e, w in weighing.weights.items()}
    return evaluation.with_essential_settings(used, {})


# Criteria & must-haves ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriteriaTab:
    """One essential's tab: its criteria with their weights and must-have minimums."""

    essential: str
    """The essential's id."""
    name: str
    table: pd.DataFrame
    """Criterion (⚑ marks a red flag), Weight, Must-have, Minimum, Yours, Default weight."""


@dataclass(frozen=True)
class CriteriaView:
    """The Criteria & must-haves page: a tab per essential, the must-haves, your own criteria."""

    tabs: list[CriteriaTab]
    must_haves: str | None
    """The must-haves with their minimums, in a sentence; None without any."""
    custom: list[Criterion]
    """The criteria the user added, in checklist order."""
    essentials: dict[str, str]
    """The essentials a new criterion can go under, id → name."""


def criteria_view(evaluation: Evaluation) -> CriteriaView:
    """Everything the Criteria & must-haves page shows, worked out once."""
    essentials = evaluation.checklist.essentials
    return CriteriaView(
        tabs=[CriteriaTab(e.id, e.name, _criteria_table(evaluation, e)) for e in essentials],
        must_haves=must_haves_listed(evaluation),
        custom=[c for c in evaluation.checklist.criteria if c.custom],
        essentials={e.id: e.name for e in essentials},
    )


def _criteria_table(evaluation: Evaluation, essential: Essential) -> pd.DataFrame:
    criteria = essential.criteria
    return pd.DataFrame(
        {
            "Criterion": [("⚑ " if c.red_flag else "") + c.name for c in criteria],
            "Weight": [evaluation.criterion_weights[c.id] for c in criteria],
            "Must-have": [c.id in evaluation.must_haves for c in criteria],
            "Minimum": [evaluation.must_haves.get(c.id) for c in criteria],
            "Yours": [c.custom for c in criteria],
            "Default weight": [c.weight for c in criteria],
        }
    )


def must_haves_listed(evaluation: Evaluation) -> str | None:
    """The must-haves with their minimums, such as "Restores tested regularly (at least 3).";
    None when there are none."""
    if not evaluation.must_haves:
        return None
    names = {c.id: c.name for c in evaluation.checklist.criteria}
    return ", ".join(f"{names[c]} (at least {m})" for c, m in evaluation.must_haves.items()) + "."


def criteria_edited(
    evaluation: Evaluation, edits: Mapping[str, Mapping[int, Mapping[str, Any]]]
) -> Evaluation:
    """The evaluation with the criterion weights and must-haves edited in the criteria tables
    (essential id → row → column → value); InvalidInput naming each bad cell, nothing changed."""
    criteria = {e.id: e.criteria for e in evaluation.checklist.essentials}
    weights: dict[str, float] = {}
    must_haves: dict[str, int | None] = {}
    reading = AllOrNothing()
    for essential_id, rows in edits.items():
        for row, cells in rows.items():
            criterion = criteria[essential_id][row]
            with reading.reading(criterion.name):
                if "Weight" in cells:
                    weights[criterion.id] = read_number(cells["Weight"], 0, WEIGHT_MAX)
                must_haves[criterion.id] = _minimum(evaluation, criterion, cells)
    reading.check()
    return evaluation.with_criterion_weights(weights).with_must_haves(must_haves)


def _minimum(evaluation: Evaluation, criterion: Criterion, cells: Mapping[str, Any]) -> int | None:
    """A criterion's must-have minimum after an edit: None when not a must-have, 3 when left
    empty, otherwise a whole number from 0 to 5."""
    marked = cells.get("Must-have", criterion.id in evaluation.must_haves)
    if not isinstance(marked, bool):
        raise InvalidInput("must-have is ticked or not")
    if not marked:
        return None
    minimum = cells.get("Minimum", evaluation.must_haves.get(criterion.id))
    number = DEFAULT_MINIMUM if minimum is None else read_number(minimum, 0, 5)
    if number != int(number):
        raise InvalidInput(f"the minimum {number:g} is not a whole number from 0 to 5")
    return int(number)
