"""The contract's dates worth a calendar entry, with reminders before each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from itexit.exit.dates import next_deadline
from itexit.words import long_date

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = ["KeyDate", "key_dates"]


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
