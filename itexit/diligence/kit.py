"""Due diligence: the questions to ask a candidate before signing (`data/due_diligence.toml`),
its recorded answers, and the printable kit."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from itexit.paths import DATA
from itexit.types import Frozen, Note

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "Answer",
    "Block",
    "BlockKind",
    "Question",
    "Topic",
    "due_diligence_kit",
    "due_diligence_topics",
    "worrying_answers",
]


class Answer(Frozen):
    """A candidate's answer to a due-diligence question."""

    text: Note = ""
    worrying: bool = False


class Question(Frozen):
    """A question to ask, with what a reassuring answer sounds like and what should worry you."""

    id: str = Field(pattern=r"^[a-z0-9_]+\.[a-z0-9_]+$")
    question: str = Field(min_length=1, max_length=300)
    good_answer: str = Field(min_length=1, max_length=500)
    warning_signs: str = Field(min_length=1, max_length=500)


class Topic(Frozen):
    """A group of questions on one subject, such as disasters or who does the work."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1, max_length=60)
    why: str = Field(min_length=1, max_length=300)
    questions: tuple[Question, ...] = Field(min_length=1)


class _DueDiligence(Frozen):
    version: str
    topics: tuple[Topic, ...] = Field(min_length=1)


@cache
def due_diligence_topics() -> tuple[Topic, ...]:
    """The built-in due-diligence questions (`data/due_diligence.toml`), read once."""
    data = tomllib.loads((DATA / "due_diligence.toml").read_text(encoding="utf-8"))
    topics = _DueDiligence.model_validate(data).topics
    ids = [q.id for t in topics for q in t.questions]
    if len(set(ids)) != len(ids) or any(
        not q.id.startswith(f"{t.id}.") for t in topics for q in t.questions
    ):
        raise ValueError("question ids must be unique and start with their topic's id")
    return topics


BlockKind = Literal["title", "heading", "text", "bullet", "small", "answer"]
Block = tuple[BlockKind, str]
"""A piece of a printable document; export.py turns a list of them into .docx or text."""


def due_diligence_kit(evaluation: Evaluation, provider_id: str | None) -> list[Block]:
    """The questions to take into a sales call, with a candidate's recorded answers if given."""
    provider = evaluation.provider(provider_id) if provider_id else None
    who = provider.name if provider else "a candidate provider"
    blocks: list[Block] = [
        ("title", f"Questions to ask {who} before you sign"),
        (
            "small",
            "From ITexit. For each question: what a reassuring answer sounds like, and what "
            "should worry you. Write down what they say, and ask for proof where you can.",
        ),
    ]
    answers = provider.answers if provider else {}
    for topic in due_diligence_topics():
        blocks += [("heading", topic.name), ("small", topic.why)]
        for question in topic.questions:
            blocks += _question_blocks(question, answers.get(question.id))
    return blocks


def _question_blocks(question: Question, answer: Answer | None) -> list[Block]:
    blocks: list[Block] = [
        ("bullet", question.question),
        ("small", f"Good answer: {question.good_answer}"),
        ("small", f"Warning signs: {question.warning_signs}"),
    ]
    if answer and answer.text:
        flag = " (worrying)" if answer.worrying else ""
        return [*blocks, ("answer", f"Their answer{flag}: {answer.text}")]
    return [*blocks, ("answer", "Their answer:")]


def worrying_answers(evaluation: Evaluation, provider_id: str) -> list[tuple[Topic, Question]]:
    """The questions whose answer from this candidate was marked worrying."""
    answers = evaluation.provider(provider_id).answers
    return [
        (topic, question)
        for topic in due_diligence_topics()
        for question in topic.questions
        if question.id in answers and answers[question.id].worrying
    ]
