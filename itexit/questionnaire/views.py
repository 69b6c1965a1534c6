"""What the Questionnaires page shows of a returned questionnaire (each answer beside the current
score and note, and what accepting it would change), and accepting some or all of its answers
as the candidate's claimed scores and due-diligence answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from itexit.diligence import Answer, due_diligence_topics
from itexit.evaluation import Evaluation, Provider, Score, ScoreSource
from itexit.export import file_name
from itexit.input import InvalidInput
from itexit.questionnaire.workbook import (
    DUE_DAYS,
    MAX_BYTES,
    Claim,
    Reply,
    Returned,
    make_questionnaire,
    read_questionnaire,
)
from itexit.types import NOT_APPLICABLE, NOTE_MAX, UNKNOWN
from itexit.words import long_date, plural

__all__ = [
    "COLUMNS",
    "UPLOAD_MB",
    "Preview",
    "Sending",
    "accepted_items",
    "answers_accepted",
    "claimed_note",
    "claimed_score",
    "questionnaire_file",
    "questionnaire_preview",
    "rating_words",
    "sending_view",
]

UPLOAD_MB = MAX_BYTES // 2**20
"""The largest questionnaire the page takes, in MB, as the uploader says it."""

COLUMNS = (
    "Accept",
    "Criterion or question",
    "Their answer",
    "Their evidence and link",
    "Score now",
    "Note or answer now",
    "What would change",
)


@dataclass(frozen=True)
class Preview:
    """A returned questionnaire as the page shows it before anything is saved."""

    problem: str | None
    """Why the file cannot be read (then nothing else is shown), or None."""
    summary: str = ""
    differing: str | None = None
    """The criteria and questions that changed since the file was made, left out; or None."""
    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(COLUMNS)))
    """One row per answer that would change something, ticked to accept but for verified
    scores and "not applicable" claims, which stay as they are unless the user ticks them."""
    items: tuple[str, ...] = ()
    """The criterion or question id of each row of `table`."""
    returned: Returned | None = None


@dataclass(frozen=True)
class Sending:
    """The part of the page that makes a candidate's questionnaire."""

    explained: str
    """What the file holds and what it leaves out (names the candidate)."""
    include_label: str
    """The choice to name your company as the asker (quotes its name, if there is one)."""
    can_include: bool
    """Only with a company name in the exit plan (Notice letter page)."""
    due: date
    file_name: str
    button: str


def sending_view(evaluation: Evaluation, provider_id: str, today: date) -> Sending:
    """What the page offers for sending one candidate its questionnaire."""
    provider = evaluation.provider(provider_id)
    business = evaluation.exit.business_name
    return Sending(
        explained=(
            f"The workbook asks {provider.name} every criterion of this evaluation's checklist "
            f"({plural(len(evaluation.checklist.criteria), 'question')}, your own included), "
            "each with what 0, 3 and 5 mean and a drop-down to answer, with cells for the "
            "evidence and a link to a document, then the due-diligence questions. It does not "
            "show your other candidates, your current provider, anyone's answers or scores, or "
            "the name of this evaluation. Unless you include your company's name, it says the "
            "questions come from 'the client'."
        ),
        include_label=f"Include our name ({business})" if business else "Include our name",
        can_include=bool(business),
        due=today + timedelta(days=DUE_DAYS),
        file_name=file_name(provider.name, "questionnaire", "xlsx"),
        button=f"Download the questionnaire for {provider.name} (.xlsx)",
    )


def questionnaire_file(
    evaluation: Evaluation,
    evaluation_id: int,
    provider_id: str,
    include_name: bool,
    due: date,
    today: date,
) -> bytes:
    """The questionnaire workbook, naming your company as the asker if asked to."""
    asker = evaluation.exit.business_name if include_name else None
    return make_questionnaire(
        evaluation, evaluation_id, provider_id, made=today, due=due, asker=asker or None
    )


def rating_words(rating: object) -> str:
    """A rating as the questionnaire words it: 0–5, "don't know", "not applicable"."""
    return {"unknown": "don't know", "n/a": "not applicable"}.get(str(rating), str(rating))


def claimed_note(old: str, claim: Claim, made: date) -> str:
    """The note of a claimed score: the note kept, then what the questionnaire said (once, even
    if the same answers are accepted again), cut to fit 2,000 characters."""
    said = f"Questionnaire of {long_date(made)}: " + (claim.evidence or "no evidence given.")
    said += f" Document: {claim.link}" if claim.link else ""
    old = old.strip()
    if said in old:
        return old
    if not old:
        return said[:NOTE_MAX]
    room = NOTE_MAX - len(said) - 1
    if len(old) > room:
        old = old[: max(room - 1, 0)] + "…" if room > 1 else ""
    return f"{old}\n{said}".strip()[:NOTE_MAX]


def claimed_score(old: Score, claim: Claim, returned: Returned, accepted: date) -> Score:
    """The score a claim becomes: its rating, the note with its evidence, unverified, and the
    questionnaire recorded as its source."""
    source = ScoreSource(questionnaire=returned.reference, made=returned.made, accepted=accepted)
    if claim.rating == UNKNOWN:  # "don't know" never takes away a score: only its note is added
        return old.model_copy(update={"note": claimed_note(old.note, claim, returned.made)})
    return Score(
        rating=claim.rating,
        note=claimed_note(old.note, claim, returned.made),
        verified=False,
        source=source,
    )


def questionnaire_preview(
    evaluation: Evaluation, evaluation_id: int, provider_id: str | None, data: bytes
) -> Preview:
    """What a returned file holds for the candidate (None: the one it names), beside what is
    recorded now; or why it cannot be read."""
    try:
        returned = read_questionnaire(evaluation, evaluation_id, provider_id, data)
    except InvalidInput as exc:
        return Preview(problem=str(exc))
    provider = evaluation.provider(returned.provider)
    rows = [*_claim_rows(evaluation, provider, returned), *_reply_rows(provider, returned)]
    table = pd.DataFrame([row for _, row in rows], columns=list(COLUMNS))
    verified = sum(1 for _, row in rows if not row[0])
    same = len(returned.claims) + len(returned.replies) - len(rows)
    summary = (
        f"{provider.name} answered {plural(len(returned.claims), 'criterion', 'criteria')} and "
        f"{plural(len(returned.replies), 'due-diligence question')} in the questionnaire of "
        f"{long_date(returned.made)} ({returned.reference}). "
        f"{plural(len(rows), 'answer')} would change what is recorded"
        + (f"; {same} match it already" if same else "")
        + "."
        + (
            f" {plural(verified, 'verified score')} "
            + (
                "stays as it is unless you tick it."
                if verified == 1
                else "stay as they are unless you tick them."
            )
            if verified
            else ""
        )
    )
    differing = (
        "Left out, because the checklist changed since the file was made: "
        + "; ".join(returned.differing)
        + "."
        if returned.differing
        else None
    )
    return Preview(None, summary, differing, table, tuple(i for i, _ in rows), returned)


def _claim_rows(
    evaluation: Evaluation, provider: Provider, returned: Returned
) -> list[tuple[str, list[Any]]]:
    names = {c.id: c.name for c in evaluation.checklist.criteria}
    rows = []
    for claim in returned.claims:
        old = provider.score(claim.criterion)
        if claim.rating == UNKNOWN and not (claim.evidence or claim.link):
            continue  # "don't know" and nothing more: nothing to record
        new = claimed_score(old, claim, returned, returned.made)
        if (new.rating, new.note) == (old.rating, old.note):
            continue  # already recorded (or verified as it is)
        now = f"{rating_words(old.rating) if old.rating != UNKNOWN else 'unknown'}"
        change = _score_change(old, new)
        rows.append(
            (
                claim.criterion,
                [
                    not old.verified and claim.rating != NOT_APPLICABLE,
                    names[claim.criterion],
                    rating_words(claim.rating),
                    " ".join(t for t in (claim.evidence, claim.link) if t),
                    f"{now} (verified)" if old.verified else now,
                    old.note,
                    f"Verified: kept unless you tick it. {change}" if old.verified else change,
                ],
            )
        )
    return rows


def _score_change(old: Score, new: Score) -> str:
    said = []
    if new.rating == NOT_APPLICABLE and old.rating != NOT_APPLICABLE:
        said.append(
            "they say it does not apply, which would leave it out of their score: tick it only "
            "if you agree it does not apply to your business"
        )
    elif new.rating != old.rating:
        said.append(f"score {rating_words(old.rating)} → {rating_words(new.rating)} (claimed)")
    else:
        said.append("score stays, now marked as their claim")
    if new.note != old.note:
        said.append("their evidence added to the note")
    return "; ".join(said).capitalize()


def _reply_rows(provider: Provider, returned: Returned) -> list[tuple[str, list[Any]]]:
    questions = {q.id: q.question for t in due_diligence_topics() for q in t.questions}
    rows = []
    for reply in returned.replies:
        old = provider.answers.get(reply.question, Answer())
        if old.text == reply.text:
            continue
        change = "Answer recorded" if not old.text else "Answer replaced"
        rows.append(
            (
                reply.question,
                [True, questions[reply.question], reply.text, "", "", old.text, change],
            )
        )
    return rows


def accepted_items(preview: Preview, edits: Mapping[int, Mapping[str, Any]]) -> tuple[str, ...]:
    """The rows ticked to accept: as the preview ticked them, with the user's ticks on top."""
    ticks = preview.table["Accept"].tolist()
    return tuple(
        item
        for row, (item, ticked) in enumerate(zip(preview.items, ticks, strict=True))
        if edits.get(row, {}).get("Accept", ticked) is True
    )


def answers_accepted(
    evaluation: Evaluation,
    provider_id: str,
    returned: Returned,
    accepted: Iterable[str],
    today: date,
) -> Evaluation:
    """The evaluation with the accepted answers of a questionnaire: each accepted criterion
    becomes the candidate's claimed score (unverified, the questionnaire its source, its
    evidence and link in the note), each accepted due-diligence answer is recorded (whether it
    worries you stays as it was). A verified score is replaced only if it is named in
    `accepted`; nothing else changes."""
    provider = evaluation.provider(provider_id)
    if returned.provider != provider.id:
        raise InvalidInput("These answers are another provider's; read the file again.")
    chosen = set(accepted)
    if not chosen:
        raise InvalidInput("Tick at least one answer to accept, or leave the file unread.")
    scores = {
        c.criterion: claimed_score(provider.score(c.criterion), c, returned, today)
        for c in returned.claims
        if c.criterion in chosen
    }
    answers = {r.question: _answer(provider, r) for r in returned.replies if r.question in chosen}
    return evaluation.with_scores(provider.id, scores).with_answers(provider.id, answers)


def _answer(provider: Provider, reply: Reply) -> Answer:
    old = provider.answers.get(reply.question, Answer())
    return Answer(text=reply.text, worrying=old.worrying)
