"""What the Due diligence page shows for a candidate, and the answers it sends back.

Apart from `itexit.diligence` because the evaluation imports that module's `Answer`: this one
builds tables (pandas) that the aggregate has no need to load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from itexit.diligence import (
    Answer,
    Block,
    Question,
    due_diligence_kit,
    due_diligence_topics,
    worrying_answers,
)
from itexit.input import AllOrNothing, InvalidInput, validated
from itexit.words import plural

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "DiligenceView",
    "TopicTable",
    "answer_from_cells",
    "answers_edited",
    "diligence_view",
]


@dataclass(frozen=True)
class TopicTable:
    """One topic's questions with the candidate's answers, as the page's editor shows them."""

    id: str
    name: str
    why: str
    table: pd.DataFrame
    """Question, Their answer, Worrying, A good answer, Warning signs."""
    expanded: bool
    """Open at first: the first topic."""


@dataclass(frozen=True)
class DiligenceView:
    """A candidate's due diligence: how much is answered, what worries, the questions by topic."""

    answered: int
    total: int
    progress: str
    """How many questions the candidate answered (names the candidate)."""
    worrying: str | None
    """The answers marked worrying, in a sentence (quotes the questions); None when none are."""
    topics: list[TopicTable]
    kit: list[Block]
    """The printable questions with the candidate's answers."""


def diligence_view(evaluation: Evaluation, provider_id: str) -> DiligenceView:
    """The Due diligence page for one candidate."""
    provider = evaluation.provider(provider_id)
    topics = due_diligence_topics()
    total = sum(len(t.questions) for t in topics)
    answered = sum(1 for a in provider.answers.values() if a.text)
    worrying = worrying_answers(evaluation, provider.id)
    tables = [
        TopicTable(t.id, t.name, t.why, _answer_table(t.questions, provider.answers), i == 0)
        for i, t in enumerate(topics)
    ]
    return DiligenceView(
        answered=answered,
        total=total,
        progress=f"{answered} of {total} questions answered by {provider.name}",
        worrying=f"{plural(len(worrying), 'worrying answer')}: "
        + "; ".join(q.question for _, q in worrying)
        if worrying
        else None,
        topics=tables,
        kit=due_diligence_kit(evaluation, provider.id),
    )


def _answer_table(questions: tuple[Question, ...], answers: Mapping[str, Answer]) -> pd.DataFrame:
    given = [answers.get(q.id, Answer()) for q in questions]
    return pd.DataFrame(
        {
            "Question": [q.question for q in questions],
            "Their answer": [a.text for a in given],
            "Worrying": [a.worrying for a in given],
            "A good answer": [q.good_answer for q in questions],
            "Warning signs": [q.warning_signs for q in questions],
        }
    )


def answer_from_cells(old: Answer, cells: Mapping[str, Any]) -> Answer:
    """An answer with the cells edited in its row: the text as typed, worrying ticked or not."""
    text = cells.get("Their answer", old.text)
    flag = cells.get("Worrying", old.worrying)
    if not isinstance(flag, bool):
        raise InvalidInput("'Worrying' must be ticked or not")
    return validated(Answer, text=text if isinstance(text, str) else "", worrying=flag)


def answers_edited(
    evaluation: Evaluation,
    provider_id: str,
    edits: Mapping[str, Mapping[int, Mapping[str, Any]]],
) -> Evaluation:
    """The evaluation with the candidate's answers edited (topic id → row → column → value),
    every row checked; InvalidInput naming each bad question, and nothing changed."""
    provider = evaluation.provider(provider_id)
    questions = {t.id: t.questions for t in due_diligence_topics()}
    changes: dict[str, Answer] = {}
    reading = AllOrNothing()
    for topic_id, rows in edits.items():
        for row, cells in rows.items():
            question = questions[topic_id][row]
            with reading.reading(question.question, " "):
                changes[question.id] = answer_from_cells(
                    provider.answers.get(question.id, Answer()), cells
                )
    reading.check()
    return evaluation.with_answers(provider.id, changes)
