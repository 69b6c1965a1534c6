"""Contract dates: terms and renewals, the last day to give notice, and what locks a business in.

The rules, exactly (documented in docs/exit-plan.md):

- A term of N months starting on day S ends the day before S + N months. Adding months keeps
  the day of the month; a day the month lacks becomes its last day (a term starting 31 January
  renews on 28 or 29 February, 31 March, ...).
- Renewals are counted from the first renewal date, not from each other, so month ends do not
  drift: a 1-month term from 31 January renews on 28 Feb, 31 Mar, 30 Apr, 31 May, ...
- Where the contract states the end of its first term, that date is used, and renewals start
  the day after it.
- Notice is counted back from the last day of the term: in calendar days (30 days' notice
  and a term ending 31 December: notice by 1 December), or, where the contract states it in
  months, in calendar months with the same month-end rule (3 months' notice and a term ending
  31 May: notice by 28 February, 29 in a leap year; ending 30 June: by 30 March). Notice given
  on that day itself is on time.
- Notice given on a day ends the contract with the first term whose last day to give notice
  is that day or later.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from itexit.words import plural

if TYPE_CHECKING:
    from itexit.exit.models import Contract

__all__ = [
    "NEAR_DAYS",
    "Deadline",
    "Term",
    "add_months",
    "current_term",
    "ends_after_notice",
    "lock_in",
    "next_deadline",
    "notice_before",
    "notice_by",
    "terms",
]

NEAR_DAYS = 30
"""A notice deadline this many days away or fewer is near."""
LONG_NOTICE_DAYS = 90
LONG_NOTICE_MONTHS = 3
LONG_TERM_MONTHS = 24


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a missing day becomes the month's last (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Term:
    """One period of a contract, from its first day to its last, both included."""

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
    return notice_before(contract, term.end)


def notice_before(contract: Contract, last_day: date) -> date:
    """The last day to give notice for a contract to end on `last_day`: its notice period
    back from that day, in calendar days or in calendar months (31 May - 3 months: 28 Feb)."""
    if contract.notice_months is not None:
        return add_months(last_day, -contract.notice_months)
    return last_day - timedelta(days=contract.notice_days)


def ends_after_notice(contract: Contract, given: date) -> date | None:
    """The day the contract ends when notice is given on `given`: the end of the first term
    whose last day to give notice is `given` or later; None for a contract that does not renew
    and ends anyway (notice does not change its end) or has ended."""
    if not contract.auto_renews:
        return None
    for term in terms(contract):
        if notice_by(contract, term) >= given:
            return term.end
    raise AssertionError("an automatically renewing contract always has a next term")


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
        """True when the last day to give notice is NEAR_DAYS away or fewer."""
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
    found = []
    months = contract.notice_months
    days = contract.notice_days if months is None else 0
    if (months or 0) >= LONG_NOTICE_MONTHS or days >= LONG_NOTICE_DAYS:
        found.append(
            f"Long notice period: you must give {contract.notice_words}. Decide to leave "
            "months before the end of a term."
        )
    if contract.term_months >= LONG_TERM_MONTHS:
        found.append(
            f"Long term: {contract.term_months} months. Leaving before the end usually costs a fee."
        )
    if contract.auto_renews:
        found.append(
            f"Automatic renewal: unless you give notice in time, the contract renews for "
            f"another {plural(contract.renewal_months, 'month')}."
        )
    return found
