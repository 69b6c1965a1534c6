"""What the Due diligence page shows for a candidate, and the answers it accepts."""

from __future__ import annotations

from typing import Any

import pytest

from itexit.diligence import Answer, due_diligence_topics
from itexit.diligence.views import answer_from_cells, answers_edited, diligence_view
from itexit.evaluation import Evaluation
from itexit.input import InvalidInput

TOPICS = due_diligence_topics()
FIRST, SECOND = TOPICS[0].questions[0], TOPICS[0].questions[1]
TOTAL = sum(len(t.questions) for t in TOPICS)


@pytest.fixture
def nimbus(evaluation: Evaluation) -> str:
    return evaluation.providers[1].id


def test_progress_counts_the_questions_with_an_answer(evaluation: Evaluation, nimbus: str) -> None:
    some = evaluation.with_answers(
        nimbus,
        {FIRST.id: Answer(text="Within 4 hours"), SECOND.id: Answer(worrying=True)},
    )
    view = diligence_view(some, nimbus)
    assert (view.answered, view.total) == (1, TOTAL)
    assert view.progress == f"1 of {TOTAL} questions answered by Nimbus IT"


@pytest.mark.parametrize("count", [0, 1, 2])
def test_the_worrying_answers_are_named_by_their_questions(
    evaluation: Evaluation, nimbus: str, count: int
) -> None:
    worrying = TOPICS[0].questions[:count]
    some = evaluation.with_answers(
        nimbus, {q.id: Answer(text="?", worrying=True) for q in worrying}
    )
    expected = {
        0: None,
        1: f"1 worrying answer: {FIRST.question}",
        2: f"2 worrying answers: {FIRST.question}; {SECOND.question}",
    }[count]
    assert diligence_view(some, nimbus).worrying == expected


def test_each_topic_lists_its_questions_with_the_candidate_s_answers(
    evaluation: Evaluation, nimbus: str
) -> None:
    some = evaluation.with_answers(nimbus, {SECOND.id: Answer(text="Yes, yearly", worrying=True)})
    topics = diligence_view(some, nimbus).topics
    assert [t.id for t in topics] == [t.id for t in TOPICS]
    assert [t.expanded for t in topics] == [True] + [False] * (len(TOPICS) - 1)
    table = topics[0].table
    assert list(table.columns) == [
        "Question",
        "Their answer",
        "Worrying",
        "A good answer",
        "Warning signs",
    ]
    assert table.iloc[1].to_dict() == {
        "Question": SECOND.question,
        "Their answer": "Yes, yearly",
        "Worrying": True,
        "A good answer": SECOND.good_answer,
        "Warning signs": SECOND.warning_signs,
    }
    assert (table.iloc[0]["Their answer"], table.iloc[0]["Worrying"]) == ("", False)


def test_the_printable_kit_carries_the_candidate_s_answers(
    evaluation: Evaluation, nimbus: str
) -> None:
    some = evaluation.with_answers(nimbus, {FIRST.id: Answer(text="Within 4 hours")})
    kit = diligence_view(some, nimbus).kit
    assert kit[0] == ("title", "Questions to ask Nimbus IT before you sign")
    assert ("answer", "Their answer: Within 4 hours") in kit


def test_edited_answers_are_saved_with_their_flag(evaluation: Evaluation, nimbus: str) -> None:
    edits = {TOPICS[0].id: {0: {"Their answer": " Within 4 hours ", "Worrying": True}}}
    saved = answers_edited(evaluation, nimbus, edits).provider(nimbus).answers
    assert saved == {FIRST.id: Answer(text="Within 4 hours", worrying=True)}


def test_a_cell_not_edited_keeps_the_answer_it_had() -> None:
    old = Answer(text="Within 4 hours", worrying=False)
    assert answer_from_cells(old, {"Worrying": True}) == Answer(
        text="Within 4 hours", worrying=True
    )
    assert answer_from_cells(old, {"Their answer": None}) == Answer(text="", worrying=False)


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"Their answer": "x" * 2001}, "at most 2000 characters"),
        ({"Worrying": "yes"}, "'Worrying' must be ticked or not"),
    ],
)
def test_a_bad_answer_is_refused_naming_its_question_and_nothing_is_saved(
    evaluation: Evaluation, nimbus: str, cells: dict[str, Any], problem: str
) -> None:
    edits = {TOPICS[0].id: {0: cells, 1: {"Their answer": "Fine"}}}
    with pytest.raises(InvalidInput) as refused:
        answers_edited(evaluation, nimbus, edits)
    message = str(refused.value)
    assert message.startswith(f"Nothing was saved. {FIRST.question} ")
    assert problem in message and SECOND.question not in message


def test_every_bad_answer_is_named(evaluation: Evaluation, nimbus: str) -> None:
    last = TOPICS[-1]
    edits = {
        TOPICS[0].id: {0: {"Worrying": "yes"}},
        last.id: {0: {"Their answer": "x" * 2001}},
    }
    with pytest.raises(InvalidInput) as refused:
        answers_edited(evaluation, nimbus, edits)
    assert FIRST.question in str(refused.value)
    assert last.questions[0].question in str(refused.value)
