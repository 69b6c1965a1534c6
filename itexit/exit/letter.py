"""The notice letter: a neutral, factual draft from the contract, the grounds and the evidence."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from itexit.exit.dates import next_deadline
from itexit.exit.grounds import incidents_for, standing_grounds
from itexit.exit.models import Incident
from itexit.words import long_date

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation
    from itexit.exit.models import Contract

__all__ = ["LetterKind", "incident_line", "notice_letter"]

LetterKind = Literal["termination", "non-renewal"]
"""Termination ends the contract now on grounds; non-renewal at the end of the current term."""

_HANDOVER = (
    "To make the handover orderly, please provide by that date: all administrator accounts and "
    "passwords for our systems, our domain and DNS settings, network and firewall access, "
    "current documentation (network diagram, asset register, configurations), and a full copy "
    "of our data. After the handover, please remove your software from our systems, revoke your "
    "access, and confirm in writing that any copies of our data you hold have been returned or "
    "destroyed."
)


def notice_letter(evaluation: Evaluation, today: date, kind: LetterKind) -> str:
    """A neutral, factual draft of the notice, from the contract, grounds and evidence."""
    current = evaluation.current
    provider = current.name if current else "[Provider name]"
    plan = evaluation.exit
    business = plan.business_name or "[Your company name]"
    contract = current.contract if current else None
    subject = "termination" if kind == "termination" else "non-renewal"
    lines = [business, "", long_date(today), "", provider, ""]
    lines += [f"Subject: Notice of {subject} of our managed IT services agreement"]
    lines += ["", f"Dear {provider},", ""]
    if kind == "non-renewal":
        lines += _non_renewal(business, provider, contract, today)
    else:
        lines += _termination(evaluation, business, provider, contract)
    lines += ["", _HANDOVER, "", "Please confirm receipt of this notice in writing.", ""]
    lines += ["Yours sincerely,", "", plan.signatory or "[Name, title]", business]
    return "\n".join(lines) + "\n"


def _started(contract: Contract | None) -> str:
    return f" that began on {long_date(contract.start)}" if contract else ""


def _non_renewal(business: str, provider: str, contract: Contract | None, today: date) -> list[str]:
    deadline = next_deadline(contract, today) if contract else None
    end = long_date(deadline.term_end) if deadline else "[end date]"
    notice = f" In line with its notice period of {contract.notice_days} days," if contract else ""
    return [
        f"We are writing about the managed IT services agreement between {business} and "
        f"{provider}{_started(contract)}.{notice} we give notice that we will not renew the "
        f"agreement. It will end on {end}."
    ]


def _termination(
    evaluation: Evaluation, business: str, provider: str, contract: Contract | None
) -> list[str]:
    lines = [
        f"We are writing to give notice that {business} is terminating the managed IT "
        f"services agreement with {provider}{_started(contract)}, for the reasons set out below."
    ]
    standing = standing_grounds(evaluation)
    for ground in standing:
        lines += ["", ground.title, "", ground.letter]
        claim = evaluation.exit.grounds[ground.id]
        if claim.notes:
            lines.append(claim.notes)
        lines += ["- " + incident_line(i) for i in incidents_for(evaluation, ground.id)]
    if not standing:
        lines += ["", "[State the grounds for termination here.]"]
    return [*lines, "", "We ask you to confirm the date on which the agreement ends."]


def incident_line(incident: Incident) -> str:
    """One incident as a line of evidence: date, what happened, impact, downtime, ticket."""
    parts = [long_date(incident.day), incident.what]
    if incident.impact:
        parts.append(f"impact: {incident.impact}")
    if incident.downtime_hours:
        parts.append(f"{incident.downtime_hours:g} hours of downtime")
    if incident.ticket:
        parts.append(f"ticket {incident.ticket}")
    return "; ".join(parts)
