"""The exit plan's rules: contract dates and deadlines, lock-in, grounds and evidence, the routes
out, the notice letter, and the offboarding and due-diligence lists.

Date rules (exact, and documented in docs/exit-plan.md):

- A term of N months starting on day S ends the day before S + N months. Adding months keeps
  the day of the month; a day the month lacks becomes its last day (a term starting 31 January
  renews on 28 or 29 February, 31 March, ...).
- Renewals are counted from the first renewal date, not from each other, so month ends do not
  drift: a 1-month term from 31 January renews on 28 Feb, 31 Mar, 30 Apr, 31 May, ...
- Where the contract states the end of its first term, that date is used, and renewals start
  the day after it.
- Notice is counted in calendar days back from the last day of the term: with 30 days' notice
  and a term ending 31 December, the last day to give notice is 1 December; notice given on
  that day itself is on time.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from itexit.checklist import DATA_DIR
from itexit.models import Contract, Evaluation, GroundId, Incident, add_months

NEAR_DAYS = 30
"""A notice deadline this many days away or fewer is near."""
LONG_NOTICE_DAYS = 90
LONG_TERM_MONTHS = 24


# Contract dates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    start: date
    end: date
    """The last day of the term, inclusive."""


def terms(contract: Contract) -> Iterator[Term]:
    """The contract's terms in order: the first, then each automatic renewal (endlessly)."""
    yield Term(contract.start, contract.first_end)
    if not contract.auto_renews:
        return
    renewal = contract.first_end + timedelta(1)
    count = 0
    while True:
        start = add_months(renewal, count * contract.renewal_months)
        end = add_months(renewal, (count + 1) * contract.renewal_months) - timedelta(1)
        yield Term(start, end)
        count += 1


def notice_by(contract: Contract, term: Term) -> date:
    """The last day to give notice so that the contract ends with `term`."""
    return term.end - timedelta(days=contract.notice_days)


@dataclass(frozen=True)
class Deadline:
    """The next date that matters for leaving at the end of a term."""

    term_end: date
    """The contract ends on this day if notice is given in time."""
    notice_by: date | None
    """Last day to give notice; None when the contract does not renew (it just ends)."""
    days_left: int | None
    """Days from today to `notice_by` (0: today is the last day)."""
    renewal: date | None
    """The day it renews if no notice is given."""
    missed: date | None = None
    """A notice deadline that has just passed; this deadline is then the next window."""

    @property
    def near(self) -> bool:
        return self.days_left is not None and self.days_left <= NEAR_DAYS


def next_deadline(contract: Contract, today: date) -> Deadline | None:
    """When the business can next leave at the end of a term; None if the contract has ended."""
    for term in terms(contract):
        if not contract.auto_renews:
            return None if term.end < today else Deadline(term.end, None, None, None)
        last_day = notice_by(contract, term)
        if last_day >= today:
            current = current_term(contract, today)
            missed = notice_by(contract, current) if current and current != term else None
            return Deadline(
                term_end=term.end,
                notice_by=last_day,
                days_left=(last_day - today).days,
                renewal=term.end + timedelta(1),
                missed=missed,
            )
    raise AssertionError("an automatically renewing contract always has a next term")


def current_term(contract: Contract, today: date) -> Term | None:
    """The term `today` falls in; None before the start or after a non-renewing end."""
    if today < contract.start:
        return None
    for term in terms(contract):
        if term.end >= today:
            return term
        if not contract.auto_renews:
            return None
    return None  # pragma: no cover - renewing terms never run out


def lock_in(contract: Contract) -> list[str]:
    """What in the contract makes leaving hard, in plain words."""
    warnings = []
    if contract.notice_days >= LONG_NOTICE_DAYS:
        warnings.append(
            f"Long notice period: {contract.notice_days} days. You must decide to leave "
            "months before the end of a term."
        )
    if contract.term_months >= LONG_TERM_MONTHS:
        warnings.append(
            f"Long term: {contract.term_months} months. Leaving before the end usually costs a fee."
        )
    if contract.auto_renews:
        warnings.append(
            f"Automatic renewal: unless you give notice in time, the contract renews for "
            f"another {contract.renewal_months} months."
        )
    return warnings


# Grounds and evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Ground:
    id: GroundId
    title: str
    explanation: str
    evidence_hint: str
    letter: str
    """A neutral sentence for the notice letter."""


GROUNDS: tuple[Ground, ...] = (
    Ground(
        "mutual",
        "Both sides agree to end it",
        "You and the provider agree in writing to end the contract early, on terms you both "
        "accept. Often the simplest and cheapest way out.",
        "An email or letter in which the provider agrees, with the agreed end date and costs.",
        "Further to our discussions, both parties have agreed to end the agreement early.",
    ),
    Ground(
        "damage",
        "They caused damage to your property or reputation",
        "The provider's actions or neglect damaged your equipment, data, or your reputation "
        "with customers (for example a breach or data loss they caused).",
        "Dated incidents with what was damaged, what it cost, and customer complaints.",
        "The provider's actions or omissions have caused damage to our property and reputation, "
        "as set out below.",
    ),
    Ground(
        "billing",
        "You were billed for services you did not receive",
        "Invoices charge for users, devices or services you do not have or never got.",
        "Invoices compared with your actual user and device counts, and your queries about them.",
        "We have been invoiced for services that were not provided, as set out below.",
    ),
    Ground(
        "performance",
        "They will not or cannot do what the contract says",
        "The provider repeatedly fails to deliver the agreed service: missed response times, "
        "long outages, work not done, requests ignored.",
        "Dated incidents with downtime and ticket numbers; missed service levels.",
        "The provider has repeatedly failed to perform the services set out in the agreement, "
        "as documented below.",
    ),
    Ground(
        "acquired",
        "The provider was bought by another company",
        "Ownership changed. Some contracts let you leave when the provider is sold; check the "
        "'change of control' or 'assignment' clause.",
        "The announcement of the sale or merger, and the contract clause.",
        "The provider has been acquired by another company, which changes the basis on which we "
        "entered the agreement.",
    ),
    Ground(
        "no_contract",
        "There is no signed contract, or it has expired",
        "Without a signed contract in force, you can usually end the service with reasonable "
        "notice.",
        "Proof that no contract was signed, or the expired contract's end date.",
        "There is no signed agreement currently in force between us.",
    ),
)
GROUND_BY_ID = {ground.id: ground for ground in GROUNDS}

Strength = Literal["none", "weak", "moderate", "strong"]
STRONG_INCIDENTS = 3
"""Dated incidents (one at least with a ticket or reference) that make evidence strong."""


def incidents_for(evaluation: Evaluation, ground: GroundId) -> list[Incident]:
    """The incidents logged as evidence for a ground, oldest first."""
    return sorted(
        (i for i in evaluation.exit.incidents if ground in i.grounds), key=lambda i: i.day
    )


def evidence_strength(evaluation: Evaluation, ground: GroundId) -> Strength:
    """How well a ground is backed: none, weak (notes only), moderate (1–2 dated incidents),
    strong (3 or more, at least one with a ticket or reference)."""
    incidents = incidents_for(evaluation, ground)
    claim = evaluation.exit.grounds.get(ground)
    if len(incidents) >= STRONG_INCIDENTS and any(i.ticket for i in incidents):
        return "strong"
    if incidents:
        return "moderate"
    if claim is not None and claim.notes:
        return "weak"
    return "none"


STRENGTH_WORDS: dict[Strength, str] = {
    "none": "no evidence recorded yet",
    "weak": "weak evidence: notes only, no dated incidents",
    "moderate": "some evidence: one or two dated incidents",
    "strong": "strong evidence: several dated incidents with ticket references",
}


@dataclass(frozen=True)
class Route:
    """One way out of the contract, in plain words."""

    kind: Literal["grounds", "wait", "fee", "ended"]
    title: str
    detail: str


def exit_routes(evaluation: Evaluation, today: date) -> list[Route]:
    """The ways out of the current provider's contract that are open today."""
    current = evaluation.current
    contract = current.contract if current else None
    routes = []
    claimed = [g for g in GROUNDS if evaluation.exit.grounds.get(g.id, None) is not None]
    standing = [g for g in claimed if evaluation.exit.grounds[g.id].applies == "yes"]
    if standing:
        parts = [
            f"{g.title.lower()} ({STRENGTH_WORDS[evidence_strength(evaluation, g.id)]})"
            for g in standing
        ]
        listed = "; ".join(parts)
        routes.append(
            Route(
                "grounds",
                "You can leave now on these grounds",
                listed[:1].upper() + listed[1:] + ". The stronger the evidence, the harder it is "
                "for the provider to dispute. Take advice before relying on it.",
            )
        )
    if contract is None:
        routes.append(
            Route(
                "wait",
                "Record the contract to see your dates",
                "Enter the current provider's contract on the Contract page to see when you "
                "can leave without a fee.",
            )
        )
        return routes
    deadline = next_deadline(contract, today)
    if deadline is None:
        routes.append(
            Route(
                "ended",
                "The contract has ended",
                "Its term is over and it does not renew by itself: you can leave with "
                "reasonable notice. Check that nothing was signed since.",
            )
        )
        return routes
    if deadline.notice_by is None:
        detail = (
            f"The contract ends on {long_date(deadline.term_end)} and does not renew by itself."
        )
    else:
        detail = (
            f"Give notice by {long_date(deadline.notice_by)} ({_days(deadline.days_left)}) and the "
            f"contract ends on {long_date(deadline.term_end)}."
        )
        if deadline.missed:
            detail += f" The last deadline, {long_date(deadline.missed)}, has passed."
    routes.append(Route("wait", "Wait until the end of the term", detail))
    if contract.termination_fee > 0:
        fee = f"the fee in the contract, {money(contract.termination_fee, evaluation.currency)}"
    else:
        fee = "an early-termination fee (none is recorded: check the contract)"
    routes.append(
        Route(
            "fee",
            "Pay to leave early",
            f"Leave before {long_date(deadline.term_end)} by paying {fee}. Check whether the "
            "remaining monthly fees are due on top.",
        )
    )
    return routes


def money(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount:,.2f}"


def long_date(day: date) -> str:
    """A date as people write it in a letter: 1 December 2026."""
    return f"{day.day} {day:%B %Y}"


def _days(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "today is the last day"
    return f"{days} day{'s' if days != 1 else ''} left"


# Calendar ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyDate:
    """A date for the user's calendar, with reminders so many days before it."""

    day: date
    title: str
    description: str
    reminders: tuple[int, ...] = ()


def key_dates(evaluation: Evaluation, today: date) -> list[KeyDate]:
    """The current provider's contract dates worth a calendar entry."""
    current = evaluation.current
    if current is None or current.contract is None:
        return []
    deadline = next_deadline(current.contract, today)
    dates: list[KeyDate] = []
    name = current.name
    if deadline is not None and deadline.notice_by is not None:
        dates.append(
            KeyDate(
                deadline.notice_by,
                f"Last day to give notice to {name}",
                f"Give written notice to {name} by the end of this day, or the contract renews "
                f"on {long_date(deadline.renewal or deadline.term_end)}.",
                (60, 30, 7, 1),
            )
        )
    if deadline is not None:
        dates.append(
            KeyDate(
                deadline.term_end,
                f"Contract with {name} ends" + (" (if notice given)" if deadline.notice_by else ""),
                f"Last day of the current term of the contract with {name}.",
                (30, 7),
            )
        )
    plan = evaluation.exit
    if plan.cutover:
        dates.append(
            KeyDate(plan.cutover, f"Cut-over from {name}", "The new provider takes over.", (14, 1))
        )
    return dates


# Notice letter -----------------------------------------------------------------------------------


def notice_letter(
    evaluation: Evaluation, today: date, kind: Literal["termination", "non-renewal"]
) -> str:
    """A neutral, factual draft of the notice, from the contract, grounds and evidence."""
    current = evaluation.current
    provider = current.name if current else "[Provider name]"
    plan = evaluation.exit
    business = plan.business_name or "[Your company name]"
    contract = current.contract if current else None
    deadline = next_deadline(contract, today) if contract else None
    lines = [business, "", long_date(today), "", provider, ""]
    if kind == "non-renewal":
        lines.append("Subject: Notice of non-renewal of our managed IT services agreement")
    else:
        lines.append("Subject: Notice of termination of our managed IT services agreement")
    lines += ["", f"Dear {provider},", ""]
    started = f" that began on {long_date(contract.start)}" if contract else ""
    if kind == "non-renewal":
        end = long_date(deadline.term_end) if deadline else "[end date]"
        notice = (
            f" In line with its notice period of {contract.notice_days} days," if contract else ""
        )
        lines.append(
            f"We are writing about the managed IT services agreement between {business} and "
            f"{provider}{started}.{notice} we give notice that we will not renew the agreement. "
            f"It will end on {end}."
        )
    else:
        lines.append(
            f"We are writing to give notice that {business} is terminating the managed IT "
            f"services agreement with {provider}{started}, for the reasons set out below."
        )
        standing = [
            g for g in GROUNDS if plan.grounds.get(g.id) and plan.grounds[g.id].applies == "yes"
        ]
        for ground in standing:
            lines += ["", ground.title, "", ground.letter]
            claim = plan.grounds[ground.id]
            if claim.notes:
                lines.append(claim.notes)
            for incident in incidents_for(evaluation, ground.id):
                lines.append("- " + incident_line(incident))
        if not standing:
            lines += ["", "[State the grounds for termination here.]"]
        lines += ["", "We ask you to confirm the date on which the agreement ends."]
    lines += [
        "",
        "To make the handover orderly, please provide by that date: all administrator "
        "accounts and passwords for our systems, our domain and DNS settings, network and "
        "firewall access, current documentation (network diagram, asset register, "
        "configurations), and a full copy of our data. After the handover, please remove your "
        "software from our systems, revoke your access, and confirm in writing that any copies "
        "of our data you hold have been returned or destroyed.",
        "",
        "Please confirm receipt of this notice in writing.",
        "",
        "Yours sincerely,",
        "",
        plan.signatory or "[Name, title]",
        business,
    ]
    return "\n".join(lines) + "\n"


def incident_line(incident: Incident) -> str:
    parts = [long_date(incident.day), incident.what]
    if incident.impact:
        parts.append(f"impact: {incident.impact}")
    if incident.downtime_hours:
        parts.append(f"{incident.downtime_hours:g} hours of downtime")
    if incident.ticket:
        parts.append(f"ticket {incident.ticket}")
    return "; ".join(parts)


# Offboarding and due diligence -------------------------------------------------------------------


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OffboardingItem(_Data):
    id: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    phase: Literal["before", "cutover", "after"]
    title: str = Field(min_length=1, max_length=100)
    detail: str = Field(min_length=1, max_length=500)
    owner: Literal["You", "Current provider", "New provider"]
    days_from_cutover: int = Field(ge=-365, le=365)


class _Offboarding(_Data):
    version: str
    items: tuple[OffboardingItem, ...] = Field(min_length=1)


class Question(_Data):
    id: str = Field(pattern=r"^[a-z0-9_]+\.[a-z0-9_]+$")
    question: str = Field(min_length=1, max_length=300)
    good_answer: str = Field(min_length=1, max_length=500)
    warning_signs: str = Field(min_length=1, max_length=500)


class Topic(_Data):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1, max_length=60)
    why: str = Field(min_length=1, max_length=300)
    questions: tuple[Question, ...] = Field(min_length=1)


class _DueDiligence(_Data):
    version: str
    topics: tuple[Topic, ...] = Field(min_length=1)


@cache
def offboarding_items() -> tuple[OffboardingItem, ...]:
    """The built-in offboarding checklist (`data/offboarding.toml`), read once."""
    data = tomllib.loads((DATA_DIR / "offboarding.toml").read_text(encoding="utf-8"))
    items = _Offboarding.model_validate(data).items
    if len({i.id for i in items}) != len(items):
        raise ValueError("offboarding item ids must be unique")
    return items


@cache
def due_diligence_topics() -> tuple[Topic, ...]:
    """The built-in due-diligence questions (`data/due_diligence.toml`), read once."""
    data = tomllib.loads((DATA_DIR / "due_diligence.toml").read_text(encoding="utf-8"))
    topics = _DueDiligence.model_validate(data).topics
    ids = [q.id for t in topics for q in t.questions]
    if len(set(ids)) != len(ids) or any(
        not q.id.startswith(f"{t.id}.") for t in topics for q in t.questions
    ):
        raise ValueError("question ids must be unique and start with their topic's id")
    return topics


@dataclass(frozen=True)
class PlannedTask:
    """An offboarding item as this evaluation plans it."""

    item: OffboardingItem
    owner: str
    days_from_cutover: int
    status: Literal["to do", "in progress", "done", "not needed"]
    due: date | None
    """cut-over + days_from_cutover; None until the cut-over date is set."""

    @property
    def finished(self) -> bool:
        return self.status in ("done", "not needed")


def offboarding_plan(evaluation: Evaluation) -> list[PlannedTask]:
    """The built-in checklist with this evaluation's owners, timing, status and due dates."""
    plan = evaluation.exit
    rows = []
    for item in offboarding_items():
        task = plan.tasks.get(item.id)
        owner = task.owner if task and task.owner else item.owner
        offset = (
            task.days_from_cutover
            if task and task.days_from_cutover is not None
            else item.days_from_cutover
        )
        due = plan.cutover + timedelta(days=offset) if plan.cutover else None
        rows.append(PlannedTask(item, owner, offset, task.status if task else "to do", due))
    return rows


def progress(tasks: list[PlannedTask]) -> tuple[int, int]:
    """How many tasks are done (or not needed), out of all."""
    return sum(t.finished for t in tasks), len(tasks)


@dataclass(frozen=True)
class Milestone:
    label: str
    start: date
    end: date | None = None
    """For a period (the overlap); None for a single day."""


def timeline(evaluation: Evaluation, today: date) -> list[Milestone]:
    """The dates of the move, in order: notice, overlap, cut-over, access revoked, contract end."""
    plan = evaluation.exit
    current = evaluation.current
    deadline = next_deadline(current.contract, today) if current and current.contract else None
    milestones = []
    notice = plan.notice_date or (deadline.notice_by if deadline else None)
    if notice:
        milestones.append(
            Milestone("Notice given" if plan.notice_date else "Last day for notice", notice)
        )
    if plan.new_provider_start and plan.cutover:
        milestones.append(
            Milestone("Both providers (overlap)", plan.new_provider_start, plan.cutover)
        )
    elif plan.new_provider_start:
        milestones.append(Milestone("New provider starts", plan.new_provider_start))
    if plan.cutover:
        milestones.append(Milestone("Cut-over", plan.cutover))
        revoke = next(
            (t for t in offboarding_plan(evaluation) if t.item.id == "access_revocation"), None
        )
        if revoke and revoke.due:
            milestones.append(Milestone("Their access revoked", revoke.due))
    if deadline:
        milestones.append(Milestone("Contract ends", deadline.term_end))
    return sorted(milestones, key=lambda m: m.start)


# Documents ----------------------------------------------------------------------------------------

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
    for topic in due_diligence_topics():
        blocks += [("heading", topic.name), ("small", topic.why)]
        for question in topic.questions:
            blocks.append(("bullet", question.question))
            blocks.append(("small", f"Good answer: {question.good_answer}"))
            blocks.append(("small", f"Warning signs: {question.warning_signs}"))
            answer = provider.answers.get(question.id) if provider else None
            if answer and answer.text:
                flag = " (worrying)" if answer.worrying else ""
                blocks.append(("answer", f"Their answer{flag}: {answer.text}"))
            else:
                blocks.append(("answer", "Their answer:"))
    return blocks


def worrying_answers(evaluation: Evaluation, provider_id: str) -> list[tuple[Topic, Question]]:
    """The questions whose answer from this candidate was marked worrying."""
    answers = evaluation.provider(provider_id).answers
    return [
        (topic, question)
        for topic in due_diligence_topics()
        for question in topic.questions
        if question.id in answers and answers[question.id].worrying
    ]
