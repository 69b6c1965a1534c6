"""Grounds for leaving early, the evidence behind each, and the routes out open today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from itexit.exit.dates import Deadline, next_deadline
from itexit.exit.models import GroundId, Incident
from itexit.input import InvalidInput, validated
from itexit.types import new_id
from itexit.words import days_left, long_date, money, plural

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation
    from itexit.exit.models import Contract

__all__ = [
    "DOCUMENT_STRENGTH_WORDS",
    "GROUNDS",
    "GROUND_BY_ID",
    "STRENGTH_ORDER",
    "STRENGTH_WORDS",
    "Backing",
    "Ground",
    "Route",
    "Strength",
    "checked_incident",
    "evidence_strength",
    "exit_routes",
    "incidents_for",
    "new_incident",
    "standing_grounds",
    "strength_words",
    "stronger",
]


Backing = Literal["incidents", "document"]
"""What backs a ground: several dated incidents, or one dated document with its reference."""


@dataclass(frozen=True)
class Ground:
    """A reason a business may have to end a contract early, explained for a non-lawyer."""

    id: GroundId
    title: str
    explanation: str
    evidence_hint: str
    letter: str
    """A neutral sentence for the notice letter, addressed to the provider ("you")."""
    backing: Backing
    """What backs it: dated incidents (performance, damage) or a dated document (the rest)."""
    record: str
    """The document that backs a document-backed ground, as advice names it; "" for the
    incident-backed grounds."""
    cause: bool
    """A cause for termination (the for-cause letter states it); the others are routes of
    their own (an agreement, a sale, no contract), not causes."""


GROUNDS: tuple[Ground, ...] = (
    Ground(
        "mutual",
        "Both sides agree to end it",
        "You and the provider agree in writing to end the contract early, on terms you both "
        "accept. Often the simplest and cheapest way out.",
        "An email or letter in which the provider agrees, with the agreed end date and costs.",
        "As discussed and agreed between us, the agreement ends early by mutual consent.",
        "document",
        "the provider's written agreement (the email or letter with the agreed end date)",
        False,
    ),
    Ground(
        "damage",
        "They caused damage to your property or reputation",
        "The provider's actions or neglect damaged your equipment, data, or your reputation "
        "with customers (for example a breach or data loss they caused).",
        "Dated incidents with what was damaged, what it cost, and customer complaints.",
        "Your actions or omissions have caused damage to our property and to our reputation.",
        "incidents",
        "",
        True,
    ),
    Ground(
        "billing",
        "You were billed for services you did not receive",
        "Invoices charge for users, devices or services you do not have or never got.",
        "Invoices compared with your actual user and device counts, and your queries about them.",
        "You have invoiced us for services that were not provided.",
        "document",
        "the invoice that charges for what you did not get",
        True,
    ),
    Ground(
        "performance",
        "They will not or cannot do what the contract says",
        "The provider repeatedly fails to deliver the agreed service: missed response times, "
        "long outages, work not done, requests ignored.",
        "Dated incidents with downtime and ticket numbers; missed service levels.",
        "You have repeatedly not provided the services set out in the agreement.",
        "incidents",
        "",
        True,
    ),
    Ground(
        "acquired",
        "The provider was bought by another company",
        "Ownership changed. Some contracts let you leave when the provider is sold; check the "
        "'change of control' or 'assignment' clause.",
        "The announcement of the sale or merger, and the contract clause.",
        "You have been acquired by another company, which changes the basis on which we entered "
        "the agreement.",
        "document",
        "the announcement of the sale or merger",
        False,
    ),
    Ground(
        "no_contract",
        "There is no signed contract, or it has expired",
        "Without a signed contract in force, you can usually end the service with reasonable "
        "notice.",
        "Proof that no contract was signed, or the expired contract's end date.",
        "There is no signed agreement currently in force between us.",
        "document",
        "the expired contract (its end date), or your unanswered written request for a signed copy",
        False,
    ),
)
GROUND_BY_ID = {ground.id: ground for ground in GROUNDS}

Strength = Literal["none", "weak", "some", "strong"]
"""How well a ground is backed by evidence (the rule is `evidence_strength`)."""
STRONG_INCIDENTS = 3
"""Days with a dated incident (one incident at least with a ticket or reference) that make the
evidence for an incident-backed ground strong."""
STRENGTH_WORDS: dict[Strength, str] = {
    "none": "no evidence recorded yet",
    "weak": "weak evidence: notes only, no dated incidents",
    "some": "some evidence: dated incidents, not yet enough to be strong",
    "strong": "strong evidence: dated incidents on several days, with a ticket reference",
}
"""The levels in words, for the incident-backed grounds (performance, damage)."""
DOCUMENT_STRENGTH_WORDS: dict[Strength, str] = {
    "none": "no evidence recorded yet",
    "weak": "weak evidence: notes only, nothing dated in the log",
    "some": "some evidence: a dated entry in the log, without the document's reference yet",
    "strong": "strong evidence: a dated document with its reference",
}
"""The levels in words, for the document-backed grounds."""
STRENGTH_ORDER: tuple[Strength, ...] = ("none", "weak", "some", "strong")
"""The levels from the weakest to the strongest."""


def incidents_for(evaluation: Evaluation, ground: GroundId) -> list[Incident]:
    """The incidents logged as evidence for a ground, oldest first."""
    return sorted(
        (i for i in evaluation.exit.incidents if ground in i.grounds), key=lambda i: i.day
    )


def strength_words(ground: GroundId, level: Strength) -> str:
    """A level of evidence in words, as it reads for that ground."""
    words = (
        STRENGTH_WORDS if GROUND_BY_ID[ground].backing == "incidents" else DOCUMENT_STRENGTH_WORDS
    )
    return words[level]


def evidence_strength(evaluation: Evaluation, ground: GroundId) -> Strength:
    """How well a ground is backed. Incident-backed grounds: strong with dated incidents on 3
    or more different days, one at least with a ticket or reference; document-backed grounds:
    strong with one dated entry that gives the document's reference (an email's date, an
    invoice number). Either: some with a dated entry short of that; weak with notes only;
    none without either."""
    incidents = incidents_for(evaluation, ground)
    claim = evaluation.exit.grounds.get(ground)
    referenced = any(i.ticket for i in incidents)
    if GROUND_BY_ID[ground].backing == "incidents":
        strong = referenced and len({i.day for i in incidents}) >= STRONG_INCIDENTS
    else:
        strong = referenced
    if strong:
        return "strong"
    if incidents:
        return "some"
    if claim is not None and claim.notes:
        return "weak"
    return "none"


def stronger(evaluation: Evaluation, ground: GroundId) -> str | None:
    """What evidence would make a ground's backing stronger, as a sentence fit for that
    ground; None once strong."""
    level = evidence_strength(evaluation, ground)
    if level == "strong":
        return None
    record = GROUND_BY_ID[ground].record
    if record:
        match level:
            case "none":
                return f"To back it, log in the incident log {record}, with its date and reference."
            case "weak":
                return f"To make it stronger, log {record} behind your notes, with its reference."
        return f"To make it strong, add the reference of {record} to its entry."
    return _more_incidents(incidents_for(evaluation, ground), level)


def _more_incidents(incidents: list[Incident], level: Strength) -> str:
    """The advice for an incident-backed ground short of strong."""
    days = len({i.day for i in incidents})
    missing = STRONG_INCIDENTS - days
    ticket = any(i.ticket for i in incidents)
    if missing <= 0:
        return "To make it strong, add a ticket or reference to an incident."
    wanted = plural(missing, "more dated incident" if incidents else "dated incident")
    if days < len(incidents):
        wanted += " on other days (incidents on the same day count once)"
    wanted += "" if ticket else ", one at least with a ticket or reference number"
    match level:
        case "none":
            return f"To back it, log {wanted}."
        case "weak":
            return f"To make it stronger, log the incidents behind your notes: {wanted}."
    return f"To make it strong, log {wanted}."


def standing_grounds(evaluation: Evaluation) -> list[Ground]:
    """The grounds the business says apply ("yes"), in the order of GROUNDS."""
    claims = evaluation.exit.grounds
    return [g for g in GROUNDS if g.id in claims and claims[g.id].applies == "yes"]


@dataclass(frozen=True)
class Route:
    """One way out of the contract, in plain words."""

    kind: Literal["grounds", "wait", "fee", "ended"]
    title: str
    detail: str


def exit_routes(evaluation: Evaluation, today: date) -> list[Route]:
    """The ways out of the current provider's contract that are open today: the grounds with
    strong evidence as a route to leave now, the others apart with what would back them."""
    current = evaluation.current
    contract = current.contract if current else None
    routes = _grounds_routes(evaluation)
    if contract is None:
        return [*routes, _NO_CONTRACT]
    deadline = next_deadline(contract, today)
    if deadline is None:
        return [*routes, _ENDED]
    return [*routes, _wait_route(deadline), _fee_route(contract, deadline, evaluation.currency)]


_NO_CONTRACT = Route(
    "wait",
    "Record the contract to see your dates",
    "Enter the current provider's contract on the Contract page to see when you can leave "
    "without a fee.",
)
_ENDED = Route(
    "ended",
    "The contract has ended",
    "Its term is over and it does not renew by itself: you can leave with reasonable notice. "
    "Check that nothing was signed since.",
)


_GROUNDS_TITLES: dict[Strength, str] = {
    "some": "These grounds may let you leave early, once the evidence is stronger",
    "weak": "These grounds are not yet backed by evidence",
    "none": "These grounds are not yet backed by evidence",
}
"""The title of the grounds not yet strong follows the best-backed of them."""


def _grounds_routes(evaluation: Evaluation) -> list[Route]:
    """The grounds the business stands on: the strongly backed ones (the only route to leave
    now), then the others, each with what would back it."""
    levels = {g.id: evidence_strength(evaluation, g.id) for g in standing_grounds(evaluation)}
    strong = [g for g in standing_grounds(evaluation) if levels[g.id] == "strong"]
    others = [g for g in standing_grounds(evaluation) if levels[g.id] != "strong"]
    routes = []
    if strong:
        sentences = [f"{g.title} ({strength_words(g.id, 'strong')})." for g in strong]
        sentences.append(
            "The stronger the evidence, the harder it is for the provider to dispute. Take "
            "advice before relying on it."
        )
        routes.append(
            Route("grounds", "You may be able to leave now on these grounds", " ".join(sentences))
        )
    if others:
        sentences = []
        for ground in others:
            sentences.append(f"{ground.title} ({strength_words(ground.id, levels[ground.id])}).")
            sentences.append(stronger(evaluation, ground.id) or "")
        sentences.append(
            "Until the evidence is stronger, the provider can easily dispute these grounds: do "
            "not rely on them alone to leave early. Take advice."
        )
        best = max((levels[g.id] for g in others), key=STRENGTH_ORDER.index)
        routes.append(Route("grounds", _GROUNDS_TITLES[best], " ".join(sentences)))
    return routes


def _wait_route(deadline: Deadline) -> Route:
    if deadline.notice_by is None:
        detail = (
            f"The contract ends on {long_date(deadline.term_end)} and does not renew by itself."
        )
    else:
        detail = (
            f"Give notice by {long_date(deadline.notice_by)} ({days_left(deadline.days_left)}) "
            f"and the contract ends on {long_date(deadline.term_end)}."
        )
        if deadline.missed:
            detail += f" The last deadline, {long_date(deadline.missed)}, has passed."
    return Route("wait", "Wait until the end of the term", detail)


def _fee_route(contract: Contract, deadline: Deadline, currency: str) -> Route:
    if contract.termination_fee > 0:
        fee = f"the fee in the contract, {money(contract.termination_fee, currency)}"
    else:
        fee = "an early-termination fee (none is recorded: check the contract)"
    return Route(
        "fee",
        "Pay to leave early",
        f"Leave before {long_date(deadline.term_end)} by paying {fee}. Check whether the "
        "remaining monthly fees are due on top.",
    )


def new_incident(
    *,
    day: date,
    what: str,
    impact: str = "",
    downtime_hours: float = 0.0,
    ticket: str = "",
    grounds: tuple[GroundId, ...] = (),
) -> Incident:
    """A new entry for the incident log, with an id of its own, checked; it must say what
    happened (InvalidInput says what to fix)."""
    return checked_incident(
        new_id(),
        day=day,
        what=what,
        impact=impact,
        downtime_hours=downtime_hours,
        ticket=ticket,
        grounds=grounds,
    )


def checked_incident(
    incident_id: str,
    *,
    day: date,
    what: str,
    impact: str = "",
    downtime_hours: float = 0.0,
    ticket: str = "",
    grounds: tuple[GroundId, ...] = (),
) -> Incident:
    """An incident as entered (new, or an existing one changed), checked by the rules every
    entry follows: it says what happened, its date is not in the future, the downtime is 0 to
    10,000 hours, the texts fit; InvalidInput says what to fix."""
    if not what.strip():
        raise InvalidInput("What happened: describe the incident in a few words.")
    return validated(
        Incident,
        id=incident_id,
        day=day,
        what=what.strip(),
        impact=impact.strip(),
        downtime_hours=downtime_hours,
        ticket=ticket.strip(),
        grounds=tuple(grounds),
    )
