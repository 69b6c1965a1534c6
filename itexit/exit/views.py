"""What the Contract, Grounds, Notice letter and Offboarding pages show, and the changes they send.

Each view takes the evaluation (and the page's choices, and today where dates matter) and returns
everything one page lays out; each change function takes what the user entered, checks it, and
returns the changed evaluation or raises InvalidInput saying what to fix. The pages never compute.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd
import plotly.graph_objects as go

from itexit.exit.charts import exit_timeline
from itexit.exit.dates import (
    Deadline,
    current_term,
    ends_after_notice,
    lock_in,
    next_deadline,
    notice_by,
)
from itexit.exit.grounds import (
    GROUND_BY_ID,
    GROUNDS,
    Ground,
    Route,
    checked_incident,
    evidence_strength,
    exit_routes,
    new_incident,
    standing_grounds,
    strength_words,
    stronger,
)
from itexit.exit.keydates import key_dates
from itexit.exit.letter import END_PLACEHOLDER, LetterKind, notice_letter, requested_end
from itexit.exit.models import TASK_STATUSES, Contract, GroundClaim, GroundId, Incident, Task
from itexit.exit.offboarding import PlannedTask, offboarding_plan, progress, timeline
from itexit.export import calendar_ics, offboarding_csv
from itexit.input import (
    AllOrNothing,
    Entry,
    InvalidInput,
    read_money,
    read_number,
    validated,
)
from itexit.words import days_left, long_date, money, plural, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "CLAIM_CHOICES",
    "DATE_RULES",
    "GROUND_TITLES",
    "INCIDENT_FORM",
    "LETTER_KINDS",
    "NOTICE_UNITS",
    "ContractForm",
    "ContractView",
    "GroundCard",
    "GroundsView",
    "IncidentForm",
    "LetterView",
    "Metric",
    "OffboardingView",
    "calendar_file",
    "contract_from_form",
    "contract_saved",
    "contract_view",
    "grounds_claimed",
    "grounds_view",
    "incident_logged",
    "incident_table",
    "incidents_edited",
    "late_sentence",
    "letter_view",
    "move_dates_saved",
    "offboarding_file",
    "offboarding_view",
    "overdue_sentence",
    "task_table",
    "tasks_edited",
]


# Contract & deadlines ----------------------------------------------------------------------------


DATE_RULES = (
    "- A term of N months starting on a day ends the day before the same day N months "
    "later: 12 months from 1 March 2025 end on 28 February 2026.\n"
    "- When a month has no such day, the month's last day is used: a term starting "
    "31 January renews on 28 February (29 in a leap year), then 31 March.\n"
    "- Renewals are counted from the first renewal date, so month ends don't drift.\n"
    "- Notice is counted back from the last day of the term, in calendar days or calendar "
    "months as the contract states it: 30 days' notice for a term ending 31 December means "
    "notice by 1 December; 3 months' notice for a term ending 31 May means notice by "
    "28 February (29 in a leap year), and for a term ending 30 June, by 30 March. Notice "
    "given on that day itself is on time.\n"
    "- If the contract states the end date of the first term, that date is used.\n"
    "- Once you record the day you gave notice (on the Offboarding page), the contract ends at "
    "the end of the first term whose last day to give notice is that day or later.\n\n"
    "Contracts differ: check the wording of yours, and take advice when in doubt."
)
"""How ITexit counts a contract's dates (the rules of `itexit.exit.dates`), in plain words."""


NOTICE_UNITS: tuple[Literal["days", "months"], ...] = ("days", "months")
"""The units a notice period can be counted in, in the order the Contract page offers them."""


@dataclass(frozen=True)
class ContractForm:
    """The contract form as the user fills it in: dates and counts as picked, fees as typed."""

    start: date | None = None
    term_months: int = 12
    states_end: bool = False
    """Whether the contract names the end of its first term (else start + term counts)."""
    end: date | None = None
    auto_renews: bool = False
    renewal_months: int = 12
    notice: int = 30
    """The notice period, in `notice_in` units."""
    notice_in: Literal["days", "months"] = "days"
    currency: str = "USD"
    monthly_fee: str = ""
    termination_fee: str = ""


@dataclass(frozen=True)
class Metric:
    """One figure of the notice deadline, with how far off it is where that matters."""

    label: str
    value: str
    delta: str | None = None
    delta_color: Literal["red", "gray"] = "gray"


@dataclass(frozen=True)
class ContractView:
    """A provider's contract as the Contract page shows it, and its form filled in from it."""

    form: ContractForm
    """The contract form, filled in from the saved contract (or blank)."""
    has_contract: bool = False
    missing: str | None = None
    """Without a contract: that it is missing and what to enter (names the provider)."""
    over: str | None = None
    """The term is over and nothing renews: the business can leave."""
    ends: str | None = None
    """The contract ends on a date and does not renew, or notice was given (on the Offboarding
    page) and when it ends the contract (markdown)."""
    missed: str | None = None
    """A notice deadline has just passed: the contract renews."""
    metrics: tuple[Metric, ...] = ()
    """The last day to give notice, when the contract ends with notice, when it renews."""
    near: str | None = None
    """The notice deadline is near: what to do now."""
    lock_in: tuple[str, ...] = ()
    """What in the contract makes leaving hard."""
    fees: str | None = None
    """The monthly and early-termination fees (quotes the currency the user typed)."""
    calendar_offered: bool = False
    """The current provider's key dates can go into a calendar."""
    notice_period: str | None = None
    """The notice period as the contract states it, and how it is counted."""


def contract_view(evaluation: Evaluation, provider_id: str, today: date) -> ContractView:
    """The Contract page for one provider: where the deadline stands, lock-in, fees, the form."""
    provider = evaluation.provider(provider_id)
    contract = provider.contract
    form = _contract_form(contract, evaluation.currency)
    if contract is None:
        return ContractView(
            form,
            missing=f"No contract recorded for {provider.name} yet. Fill in the form below from "
            "the signed contract (the start date, the term, renewal and notice clauses, the fees).",
        )
    deadline = next_deadline(contract, today)
    fees = (
        f"Monthly fee {money(contract.monthly_fee, evaluation.currency)}; early-termination fee "
        f"{money(contract.termination_fee, evaluation.currency)}."
    )
    known = ContractView(
        form,
        has_contract=True,
        lock_in=tuple(lock_in(contract)),
        fees=fees,
        calendar_offered=provider.current and bool(key_dates(evaluation, today)),
        notice_period=f"Notice period: {contract.notice_words}, counted back from the last "
        "day of a term.",
    )
    given = evaluation.exit.notice_date if provider.current else None
    if deadline is None:
        return replace(known, over=_OVER)
    if deadline.notice_by is None:
        return replace(known, ends=_ends(deadline))
    if given is not None and (end := ends_after_notice(contract, given)) is not None:
        return replace(
            known, ends=_given(contract, given, end, today), metrics=_given_metrics(given, end)
        )
    return replace(
        known, missed=_missed(deadline), metrics=_metrics(deadline), near=_near(deadline)
    )


def _given(contract: Contract, given: date, end: date, today: date) -> str:
    said = f"You gave notice on {long_date(given)} (as recorded on the Offboarding page)"
    term = current_term(contract, given)
    if end < today:
        return f"{said}: the contract ended on **{long_date(end)}**."
    if term is None or term.end == end:
        return f"{said}, in time: the contract ends on **{long_date(end)}** and does not renew."
    return (
        f"{said}, after the last day to give notice for the term ending {long_date(term.end)}, "
        f"which was {long_date(notice_by(contract, term))}. So the contract renews, and your "
        f"notice ends it on **{long_date(end)}**, unless the provider agrees in writing to an "
        "earlier end."
    )


def _given_metrics(given: date, end: date) -> tuple[Metric, ...]:
    return (Metric("Notice given on", long_date(given)), Metric("Contract ends", long_date(end)))


_OVER = (
    "The contract's term is over and it does not renew by itself: you can leave with "
    "reasonable notice. Check that nothing was signed since."
)


def _ends(deadline: Deadline) -> str:
    return f"The contract ends on **{long_date(deadline.term_end)}** and does not renew by itself."


def _missed(deadline: Deadline) -> str | None:
    if deadline.missed is None:
        return None
    return (
        f"The last day to give notice, {long_date(deadline.missed)}, has passed, so the "
        "contract renews. The next window is below."
    )


def _metrics(deadline: Deadline) -> tuple[Metric, ...]:
    assert deadline.notice_by is not None
    return (
        Metric(
            "Last day to give notice",
            long_date(deadline.notice_by),
            days_left(deadline.days_left) if deadline.days_left else "today",
            "red" if deadline.near else "gray",
        ),
        Metric("Contract ends (with notice)", long_date(deadline.term_end)),
        Metric("Renews, without notice, on", long_date(deadline.renewal or deadline.term_end)),
    )


def _near(deadline: Deadline) -> str | None:
    if not deadline.near:
        return None
    return (
        f"The notice deadline is near: {days_left(deadline.days_left)}. Send your notice in "
        "writing (see the Notice letter page) and keep proof that it arrived."
    )


def _contract_form(contract: Contract | None, currency: str) -> ContractForm:
    if contract is None:
        return ContractForm(currency=currency)
    return ContractForm(
        start=contract.start,
        term_months=contract.term_months,
        states_end=contract.end is not None,
        end=contract.end,
        auto_renews=contract.auto_renews,
        renewal_months=contract.renewal_months,
        notice=contract.notice_days if contract.notice_months is None else contract.notice_months,
        notice_in="days" if contract.notice_months is None else "months",
        currency=currency,
        monthly_fee=f"{contract.monthly_fee}",
        termination_fee=f"{contract.termination_fee}",
    )


def calendar_file(evaluation: Evaluation, today: date) -> bytes:
    """The current provider's key dates as a calendar file (.ics), with reminders."""
    return calendar_ics(key_dates(evaluation, today), f"ITexit: {evaluation.name}")


def contract_from_form(form: ContractForm) -> Contract:
    """The contract the user entered, checked: a start is required, a stated end needs a date,
    fees are amounts; InvalidInput names the field to fix."""
    if form.start is None:
        raise InvalidInput("Start date: enter the date the contract started.")
    if form.states_end and form.end is None:
        raise InvalidInput("End date: enter it, or untick 'The contract states the end date'.")
    monthly = read_money(form.monthly_fee, "Monthly fee")
    termination = read_money(form.termination_fee, "Early-termination fee")
    return validated(
        Contract,
        start=form.start,
        term_months=form.term_months,
        auto_renews=form.auto_renews,
        renewal_months=form.renewal_months,
        notice_days=form.notice if form.notice_in == "days" else 0,
        notice_months=form.notice if form.notice_in == "months" and form.notice else None,
        end=form.end if form.states_end else None,
        monthly_fee=monthly,
        termination_fee=termination,
    )


def contract_saved(evaluation: Evaluation, provider_id: str, form: ContractForm) -> Evaluation:
    """The evaluation with the provider's contract as entered, amounts in the currency given."""
    changed = evaluation.with_contract(provider_id, contract_from_form(form))
    return changed.with_currency(form.currency)


# Grounds & evidence ------------------------------------------------------------------------------

CLAIM_CHOICES: tuple[Literal["yes", "no", "unsure"], ...] = ("yes", "no", "unsure")


@dataclass(frozen=True)
class IncidentForm:
    """The boxes of the form that logs an incident (its date and grounds apart)."""

    hours: Entry
    what: Entry
    impact: Entry
    ticket: Entry


INCIDENT_FORM = IncidentForm(
    hours=Entry("Hours of downtime", 0.0, low=0.0, high=10000.0, step=0.5),
    what=Entry(
        "What happened", "", placeholder="e.g. Server down all morning", text=True, max_chars=500
    ),
    impact=Entry(
        "Impact on the business",
        "",
        placeholder="e.g. 12 staff could not work",
        text=True,
        max_chars=500,
    ),
    ticket=Entry("Ticket or reference", "", text=True, max_chars=100),
)
"""The answers to "does this ground apply?", in the order the page offers them."""
GROUND_TITLES: dict[GroundId, str] = {g.id: g.title for g in GROUNDS}
"""Each ground's title, by id, in the order of GROUNDS."""


@dataclass(frozen=True)
class GroundCard:
    """One ground as the Grounds page asks about it: what it means, the claim, its evidence."""

    ground: Ground
    about: str
    """What the ground means, and the evidence that helps."""
    claim: GroundClaim
    choice: int
    """The position of the claim's answer in CLAIM_CHOICES."""
    strength: str
    """How well the incident log backs it, and what would make it stronger, in sentences."""


@dataclass(frozen=True)
class GroundsView:
    """The Grounds page: the routes out, the grounds, the incident log."""

    routes: list[Route]
    grounds: list[GroundCard]
    incidents: pd.DataFrame
    """The incident log, newest first, as the page's table shows it (empty: no incidents)."""
    incident_summary: str
    """How many incidents, and the hours of downtime in all."""
    incident_ids: tuple[str, ...]
    """The incidents' ids in the order of the table's rows (for `incidents_edited`)."""
    removable: dict[str, str]
    """The incidents that can be removed, id → date and what happened, newest first."""
    evidence_choices: dict[GroundId, str]
    """The grounds a new incident can back, id → title."""
    evidence_titles: list[str]
    """The grounds an incident in the log can back, by title (the editor's choices)."""


def grounds_view(evaluation: Evaluation, today: date) -> GroundsView:
    """Everything the Grounds page shows, for the current provider's contract as of today."""
    claims = evaluation.exit.grounds
    cards = []
    for ground in GROUNDS:
        claim = claims.get(ground.id, GroundClaim())
        level = evidence_strength(evaluation, ground.id)
        strength = strength_words(ground.id, level).capitalize() + "."
        if more := stronger(evaluation, ground.id):
            strength += f" {more}"
        about = f"{ground.explanation} Evidence that helps: {ground.evidence_hint}"
        choice = CLAIM_CHOICES.index(claim.applies)
        cards.append(GroundCard(ground, about, claim, choice, strength))
    incidents = sorted(evaluation.exit.incidents, key=lambda i: i.day, reverse=True)
    return GroundsView(
        routes=exit_routes(evaluation, today),
        grounds=cards,
        incidents=incident_table(incidents),
        incident_summary=_incident_summary(incidents),
        incident_ids=tuple(i.id for i in incidents),
        removable={i.id: f"{i.day.isoformat()}: {i.what}" for i in incidents},
        evidence_choices=GROUND_TITLES,
        evidence_titles=list(GROUND_TITLES.values()),
    )


def _incident_summary(incidents: list[Incident]) -> str:
    hours = rounded(sum(i.downtime_hours for i in incidents), 2)
    return (
        f"{plural(len(incidents), 'incident')}, {hours} hour{'' if hours == '1' else 's'} of "
        "downtime in all."
    )


def incident_table(incidents: list[Incident]) -> pd.DataFrame:
    """Incidents as rows: date, what happened, impact, downtime, ticket, the grounds backed (a
    list of their titles), as the page's editor shows them."""
    return pd.DataFrame(
        {
            "Date": [i.day for i in incidents],
            "What happened": [i.what for i in incidents],
            "Impact": [i.impact for i in incidents],
            "Downtime (hours)": [i.downtime_hours for i in incidents],
            "Ticket": [i.ticket for i in incidents],
            "Evidence for": [[GROUND_BY_ID[g].title for g in i.grounds] for i in incidents],
        }
    )


def grounds_claimed(
    evaluation: Evaluation, answers: Mapping[GroundId, tuple[str, str]]
) -> Evaluation:
    """The evaluation with each ground's answer (yes, no, unsure) and notes, as entered."""
    claims = {
        ground: validated(GroundClaim, applies=applies, notes=notes)
        for ground, (applies, notes) in answers.items()
    }
    return evaluation.with_grounds(claims)


def incident_logged(
    evaluation: Evaluation,
    day: date,
    what: str,
    impact: str,
    downtime_hours: float,
    ticket: str,
    grounds: tuple[GroundId, ...],
) -> Evaluation:
    """The evaluation with a new incident in its log, as the user described it."""
    entry = new_incident(
        day=day,
        what=what,
        impact=impact,
        downtime_hours=downtime_hours,
        ticket=ticket,
        grounds=grounds,
    )
    return evaluation.with_incident(entry)


def incidents_edited(
    evaluation: Evaluation,
    ids: Sequence[str],
    edits: Mapping[int, Mapping[str, Any]],
    today: date,
) -> Evaluation:
    """The evaluation with the incident log's cells edited (row → column → value; rows in the
    order of `ids`), each changed incident checked by the rules for a new one; InvalidInput
    naming each bad row, and nothing changed."""
    by_id = {i.id: i for i in evaluation.exit.incidents}
    changed: dict[str, Incident] = {}
    reading = AllOrNothing()
    for row, cells in edits.items():
        incident = by_id.get(ids[row]) if row < len(ids) else None
        if incident is None:
            raise InvalidInput("That incident was removed meanwhile; reload to see the log.")
        with reading.reading(f"{incident.day.isoformat()} {incident.what}"):
            changed[incident.id] = _incident(incident, cells, today)
    reading.check()
    plan = evaluation.exit
    incidents = tuple(changed.get(i.id, i) for i in plan.incidents)
    return evaluation.with_exit_plan(plan.model_copy(update={"incidents": incidents}))


_TITLE_TO_GROUND: dict[str, GroundId] = {g.title: g.id for g in GROUNDS}


def _day(value: object) -> date:
    """A date from an editor cell: a date, or the ISO text the browser sends."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        raise InvalidInput("Date: enter the day it happened") from None


def _incident(incident: Incident, cells: Mapping[str, Any], today: date) -> Incident:
    day = _day(cells.get("Date", incident.day))
    if day > today:
        raise InvalidInput(f"Date: {long_date(day)} is in the future")
    titles = cells.get("Evidence for")
    grounds = incident.grounds
    if titles is not None:
        unknown = [t for t in titles if t not in _TITLE_TO_GROUND]
        if unknown:
            raise InvalidInput(f"Evidence for: '{unknown[0]}' is not one of the grounds")
        grounds = tuple(_TITLE_TO_GROUND[t] for t in titles)
    return checked_incident(
        incident.id,
        day=day,
        what=str(cells.get("What happened", incident.what) or ""),
        impact=str(cells.get("Impact", incident.impact) or ""),
        downtime_hours=read_number(
            cells.get("Downtime (hours)", incident.downtime_hours), 0, 10_000
        ),
        ticket=str(cells.get("Ticket", incident.ticket) or ""),
        grounds=grounds,
    )


# Notice letter -----------------------------------------------------------------------------------

LETTER_KINDS: dict[LetterKind, str] = {
    "non-renewal": "Non-renewal: leave at the end of the current term",
    "termination": "Termination for cause: leave now, on the grounds you marked",
    "convenience": "Termination for convenience: leave early and pay the fee",
}
"""The kinds of notice, in the order the page offers them, with what each means."""


@dataclass(frozen=True)
class LetterView:
    """The Notice letter page: who sends it, the saved version or the drafts of each kind."""

    business_name: str
    signatory: str
    contract_missing: bool
    """The current provider has no contract recorded: the letter cannot quote its dates."""
    default_kind: LetterKind
    """Termination for cause when a cause (damage, billing, performance) applies with strong
    evidence, else non-renewal."""
    saved: str | None
    """The user's own version; None while the draft is used."""
    drafts: dict[LetterKind, str]
    end_note: str | None
    """Shown beside the letters that leave early when they leave the end date to the user (no
    cut-over before the term's end); None when they ask for the day before the cut-over."""

    def note(self, kind: str) -> str | None:
        """The end-date note for the kind chosen: only letters that leave early have one."""
        return self.end_note if kind in ("termination", "convenience") else None

    @property
    def default_index(self) -> int:
        """The position of the default kind in LETTER_KINDS."""
        return list(LETTER_KINDS).index(self.default_kind)

    def text(self, kind: str) -> str:
        """What the letter box shows: the saved version, else the draft of the kind chosen."""
        if self.saved is not None:
            return self.saved
        chosen: LetterKind = next((k for k in self.drafts if k == kind), "non-renewal")
        return self.drafts[chosen]

    def key(self, kind: str) -> str:
        """The letter box's name: one for the saved version, one per kind of draft, so
        switching kind shows that kind's draft rather than what was typed in the other."""
        return "letter-saved" if self.saved is not None else f"letter-{kind}"

    def unsaved(self, kind: str, edited: str) -> bool:
        """Whether the box holds changes that are not saved yet."""
        return edited != self.text(kind)


def letter_view(evaluation: Evaluation, today: date) -> LetterView:
    """The notice letter as of today, for the current provider."""
    plan = evaluation.exit
    current = evaluation.current
    grounds_apply = any(
        evidence_strength(evaluation, ground.id) == "strong"
        for ground in standing_grounds(evaluation)
        if ground.cause
    )
    return LetterView(
        business_name=plan.business_name,
        signatory=plan.signatory,
        contract_missing=current is not None and current.contract is None,
        default_kind="termination" if grounds_apply else "non-renewal",
        saved=plan.letter,
        drafts={kind: notice_letter(evaluation, today, kind) for kind in LETTER_KINDS},
        end_note=_end_note(evaluation, today),
    )


def _end_note(evaluation: Evaluation, today: date) -> str | None:
    if requested_end(evaluation, today) is not None:
        return None
    current = evaluation.current
    contract = current.contract if current else None
    deadline = next_deadline(contract, today) if contract else None
    before = f", before {long_date(deadline.term_end)} when the term ends" if deadline else ""
    return (
        f"This letter leaves early, so it must ask for an end date before the term ends. Replace "
        f"'{END_PLACEHOLDER}' with the date you want the agreement to end{before}, or set a "
        "planned cut-over on the Offboarding page: the draft then asks for the day before it."
    )


# Offboarding -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OffboardingView:
    """The Offboarding page: the dates of the move, progress, what is overdue, the checklist."""

    notice: date | None
    notice_max: date
    """The latest date the notice box offers: today (or a later date saved before)."""
    new_provider_start: date | None
    cutover: date | None
    done: int
    total: int
    progress: str
    """How many items are done or not needed (markdown)."""
    overdue: str | None
    """The items past their due date and not finished, in a sentence (quotes the checklist)."""
    late: str | None
    """The items due after a contract deadline they depend on, in sentences (quotes the
    checklist); None when there are none."""
    table: pd.DataFrame
    """When, Item, Owner, Days from cut-over, Due, Status, Details: the editable checklist."""
    timeline: go.Figure | None
    """The dates of the move on a line; None while there are none."""


def offboarding_view(evaluation: Evaluation, today: date) -> OffboardingView:
    """Everything the Offboarding page shows, as of today."""
    plan = evaluation.exit
    tasks = offboarding_plan(evaluation)
    done, total = progress(tasks)
    milestones = timeline(evaluation, today)
    return OffboardingView(
        notice=plan.notice_date,
        notice_max=max(today, plan.notice_date or today),
        new_provider_start=plan.new_provider_start,
        cutover=plan.cutover,
        done=done,
        total=total,
        progress=f"**{done} of {total}** items done or not needed",
        overdue=overdue_sentence(tasks, today),
        late=late_sentence(tasks),
        table=task_table(tasks),
        timeline=exit_timeline(milestones, today) if milestones else None,
    )


def move_dates_saved(
    evaluation: Evaluation,
    *,
    notice: date | None,
    new_provider_start: date | None,
    cutover: date | None,
    today: date,
) -> Evaluation:
    """The evaluation with the dates of the move as entered; notice cannot have been given in
    the future (InvalidInput says so)."""
    if notice is not None and notice > today:
        raise InvalidInput(
            f"Notice given on: {long_date(notice)} is in the future. Enter the date once the "
            "notice is sent; until then, leave it empty."
        )
    return evaluation.with_move_dates(
        notice=notice, new_provider_start=new_provider_start, cutover=cutover
    )


def overdue_sentence(tasks: list[PlannedTask], today: date) -> str | None:
    """The unfinished items due before today, named; None when nothing is overdue."""
    overdue = [t for t in tasks if t.due and t.due < today and not t.finished]
    if not overdue:
        return None
    verb = "s are" if len(overdue) != 1 else " is"
    return f"{len(overdue)} item{verb} overdue: " + "; ".join(t.item.title for t in overdue)


def late_sentence(tasks: list[PlannedTask]) -> str | None:
    """The unfinished items due after the contract deadline they depend on, each named with
    both dates and what to do; None when none is."""
    late = [t for t in tasks if t.late and t.due and t.deadline]
    if not late:
        return None
    return " ".join(
        f"“{t.item.title}” is due {long_date(t.due)}, after the last day to give notice, "
        f"{long_date(t.deadline)}: notice given after that day does not end the contract in "
        "time. Set its days from cut-over so it is due on that day or earlier."
        for t in late
        if t.due and t.deadline
    )


def task_table(tasks: list[PlannedTask]) -> pd.DataFrame:
    """The offboarding checklist as the page's editor shows it, one row per item."""
    return pd.DataFrame(
        {
            "When": [t.item.phase.replace("cutover", "cut-over") for t in tasks],
            "Item": [t.item.title for t in tasks],
            "Owner": [t.owner for t in tasks],
            "Days from cut-over": [t.days_from_cutover for t in tasks],
            "Due": [t.due for t in tasks],
            "Status": [t.status for t in tasks],
            "Details": [t.item.detail for t in tasks],
        }
    )


def offboarding_file(evaluation: Evaluation) -> bytes:
    """The offboarding checklist as a CSV for a spreadsheet."""
    return offboarding_csv(offboarding_plan(evaluation))


def tasks_edited(evaluation: Evaluation, edits: Mapping[int, Mapping[str, Any]]) -> Evaluation:
    """The evaluation with the checklist cells edited (row → column → value), every cell checked;
    InvalidInput naming each bad item, and nothing changed.

    An owner or timing set back to the checklist's own is stored as "the default", so a later
    change to the checklist reaches it.
    """
    tasks = offboarding_plan(evaluation)
    changed: dict[str, Task] = {}
    reading = AllOrNothing()
    for row, cells in edits.items():
        task = tasks[row]
        with reading.reading(task.item.title):
            changed[task.item.id] = _task(task, cells)
    reading.check()
    return evaluation.with_tasks(changed)


def _task(task: PlannedTask, cells: Mapping[str, Any]) -> Task:
    owner = cells.get("Owner", task.owner)
    status = cells.get("Status", task.status)
    if status not in TASK_STATUSES:
        raise InvalidInput(f"status '{status}' is not one of {', '.join(TASK_STATUSES)}")
    timing = task.days_from_cutover if task.timing_set else None
    if "Days from cut-over" in cells:
        offset = int(read_number(cells["Days from cut-over"], -365, 365))
        timing = None if offset == task.item.days_from_cutover else offset
    return validated(
        Task,
        owner="" if owner in (None, task.item.owner) else str(owner).strip(),
        days_from_cutover=timing,
        status=status,
    )
