"""The notice letter: a neutral, factual draft addressed to the provider ("you"), from the
contract, the kind of notice, the grounds and the dated evidence."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from itexit.exit.dates import next_deadline
from itexit.exit.grounds import incidents_for, standing_grounds
from itexit.exit.models import Incident
from itexit.words import long_date, money, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation
    from itexit.exit.models import Contract

__all__ = [
    "END_PLACEHOLDER",
    "LETTER_SUBJECTS",
    "LetterKind",
    "incident_line",
    "notice_letter",
    "requested_end",
]

LetterKind = Literal["non-renewal", "termination", "convenience"]
"""Non-renewal ends the contract at the end of the current term; termination (for cause) ends
it now on grounds; convenience ends it early, paying the early-termination fee."""

LETTER_SUBJECTS: dict[LetterKind, str] = {
    "non-renewal": "Notice of non-renewal of our managed IT services agreement",
    "termination": "Notice of termination for cause of our managed IT services agreement",
    "convenience": "Notice of early termination of our managed IT services agreement",
}
"""Each kind of notice's subject line."""

_HANDOVER = (
    "To make the handover orderly, please provide by that date: all administrator accounts and "
    "passwords for our systems, our domain and DNS settings, network and firewall access, "
    "current documentation (network diagram, asset register, configurations), and a full copy "
    "of our data. After the handover, please remove your software from our systems, revoke your "
    "access, and confirm in writing that any copies of our data you hold have been returned or "
    "destroyed."
)


def notice_letter(evaluation: Evaluation, today: date, kind: LetterKind) -> str:
    """A neutral, factual draft of the notice, addressed to the current provider as "you"."""
    current = evaluation.current
    provider = current.name if current else "[Provider name]"
    plan = evaluation.exit
    business = plan.business_name or "[Your company name]"
    contract = current.contract if current else None
    lines = [business, "", long_date(today), "", provider, ""]
    lines += [f"Subject: {LETTER_SUBJECTS[kind]}", "", f"Dear {provider},", ""]
    if kind == "non-renewal":
        lines += _non_renewal(contract, today)
    elif kind == "convenience":
        lines += _convenience(evaluation, contract, today)
    else:
        lines += _termination(evaluation, contract, today)
    lines += ["", _HANDOVER, "", "Please confirm receipt of this notice in writing.", ""]
    lines += ["Yours sincerely,", "", plan.signatory or "[Name, title]", business]
    return "\n".join(lines) + "\n"


def _agreement(contract: Contract | None) -> str:
    started = f", which began on {long_date(contract.start)}" if contract else ""
    return f"our managed IT services agreement with you{started}"


END_PLACEHOLDER = "[the date you want it to end]"
"""What a letter that leaves early asks for when ITexit has no date before the term's end."""


def requested_end(evaluation: Evaluation, today: date) -> date | None:
    """The end date a letter that leaves early (for cause, for convenience) asks for: the day
    before the planned cut-over, the last day the business needs the provider, when that is
    not before today and is before the current term ends; else None (the user sets it)."""
    cutover = evaluation.exit.cutover
    if cutover is None or cutover - timedelta(days=1) < today:
        return None
    current = evaluation.current
    contract = current.contract if current else None
    deadline = next_deadline(contract, today) if contract else None
    last = cutover - timedelta(days=1)
    if deadline is not None and last >= deadline.term_end:
        return None
    return last


def _requested_end(evaluation: Evaluation, today: date) -> str:
    end = requested_end(evaluation, today)
    return long_date(end) if end else END_PLACEHOLDER


def _non_renewal(contract: Contract | None, today: date) -> list[str]:
    deadline = next_deadline(contract, today) if contract else None
    opening = f"We are writing about {_agreement(contract)}."
    if contract is None or deadline is None:
        return [
            f"{opening} We give you notice that we will not renew it. It will end on [end date]."
        ]
    if deadline.notice_by is None:
        return [
            f"{opening} It ends on {long_date(deadline.term_end)}, and we give you notice that we "
            "will not renew or extend it."
        ]
    given = f"{opening} In line with its notice period ({contract.notice_words}), we give you "
    given += "notice that we will not renew it."
    if deadline.missed:
        return [
            f"{given} As the last day to give notice for the current term, "
            f"{long_date(deadline.missed)}, has passed, the agreement will end on "
            f"{long_date(deadline.term_end)}, at the end of the following term."
        ]
    return [
        f"{given} This notice is given by the last day to give notice, "
        f"{long_date(deadline.notice_by)}, so the agreement will end on "
        f"{long_date(deadline.term_end)}, at the end of its current term."
    ]


def _termination(evaluation: Evaluation, contract: Contract | None, today: date) -> list[str]:
    lines = [
        f"We are writing to give you notice that we are terminating {_agreement(contract)}, "
        "for cause, on the grounds set out below."
    ]
    standing = [g for g in standing_grounds(evaluation) if g.cause]
    for ground in standing:
        incidents = incidents_for(evaluation, ground.id)
        lines += ["", ground.letter + (" We have recorded the following:" if incidents else "")]
        lines += ["- " + incident_line(i) for i in incidents]
    if not standing:
        lines += ["", "[State the grounds for termination here, each with its dated evidence.]"]
    return [
        *lines,
        "",
        f"We ask that the agreement end on {_requested_end(evaluation, today)}. Please confirm "
        "the end date in writing, with any amount you consider still due.",
    ]


def _convenience(evaluation: Evaluation, contract: Contract | None, today: date) -> list[str]:
    deadline = next_deadline(contract, today) if contract else None
    term = ""
    if deadline is not None:
        term = f", before the end of its current term on {long_date(deadline.term_end)}"
    fee = "the early-termination fee set out in the agreement"
    if contract is not None and contract.termination_fee > 0:
        fee += f", {money(contract.termination_fee, evaluation.currency)}"
    return [
        f"We are writing to give you notice that we are ending {_agreement(contract)}"
        f"{',' if contract else ''} early"
        f"{term}, as the agreement allows. We ask that the agreement end on "
        f"{_requested_end(evaluation, today)}.",
        "",
        f"We will pay {fee}. Please confirm in writing the end date and the final amount due, "
        "including any fees that remain payable.",
    ]


def incident_line(incident: Incident) -> str:
    """One incident as dated evidence: the date and what happened, then the impact, the
    downtime and the reference in brackets, the user's text exactly as typed ("14 September
    2026: server down (impact: nobody could work; downtime: 4 hours; your reference:
    SN-4471)")."""
    details = [f"impact: {incident.impact.strip()}"] if incident.impact.strip() else []
    if incident.downtime_hours:
        hours = rounded(incident.downtime_hours, 2)
        details.append(f"downtime: {hours} hour{'' if hours == '1' else 's'}")
    if incident.ticket.strip():
        details.append(f"your reference: {incident.ticket.strip()}")
    line = f"{long_date(incident.day)}: {incident.what.strip()}"
    return f"{line} ({'; '.join(details)})" if details else line
