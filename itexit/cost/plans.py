"""How the business leaves its current provider: at the term's end or now, the dates each way
uses, and whether the early-termination fee applies.

The rules (documented, with a worked example, in docs/cost.md):

- Months are counted from the current contract's next monthly billing day (the day of the month
  its contract started, on or after today); without a contract, from today.
- **At the term's end** (the default while notice can still be given in time): the contract
  ends on the last day of the term that the next notice deadline ends (`next_deadline` of the
  exit area; once a deadline has passed the contract renews, so that is the renewed term).
  Where the exit plan has a notice date (given or planned), the deadline is counted from that
  day instead, as long as the term it ends has not ended yet. If
  the exit plan's cut-over is later than the day after that term, the business still needs the
  current provider then, so the term that covers the day before the cut-over is used. The new
  provider starts on the exit plan's start date, else the overlap months before the day after
  the term; it takes over on the exit plan's cut-over, else the day after the term. No fee.
- **Now**: the new provider starts on the first counted month and takes over after the overlap
  months; the current provider is paid until the day before.
- The fee applies exactly when the current provider's last day comes before the end of the
  term it falls in: leaving on the term's last day itself costs no fee.
- Without a contract, or once a non-renewing contract has ended, there is no term to wait for:
  switching is "now", without a fee.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from itexit.exit.dates import add_months, next_deadline, notice_by, terms

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation
    from itexit.exit.models import Contract

__all__ = ["Leaving", "Way", "at_term_end", "first_month", "leaving_now", "month_starts"]

Way = Literal["term end", "now", "free"]
"""At the term's end; now, before the term ends; or freely, with no term to wait for."""
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Leaving:
    """One way of leaving the current provider, with the dates it uses."""

    way: Way
    last_day: date
    """The current provider's last day: it is paid for every month up to and including it."""
    new_start: date
    """The new provider's first day: it is paid for every month from the one holding it."""
    takeover: date
    """The day the new provider takes over the service (the cut-over)."""
    term_end: date | None
    """The last day of the contract's term this way leaves in; None without a term."""
    notice_by: date | None
    """The last day to give notice for this way; None when no notice is needed."""
    missed: date | None = None
    """A notice deadline that has already passed (the contract renewed)."""
    from_plan: tuple[str, ...] = ()
    """Which of the exit plan's dates this way uses ("notice", "start", "cut-over")."""
    notice_date: date | None = None
    """The exit plan's notice date, when the term's end is counted from it (given or planned)."""

    @property
    def early(self) -> bool:
        """Whether the contract ends before its term does: the early-termination fee applies."""
        return self.term_end is not None and self.last_day < self.term_end


def first_month(evaluation: Evaluation, today: date) -> date:
    """The first day of the first month counted: the current contract's next billing day on or
    after today (its start day of the month), or today without a contract."""
    contract = _contract(evaluation)
    if contract is None:
        return today
    if contract.start >= today:
        return contract.start
    months = (today.year - contract.start.year) * 12 + today.month - contract.start.month
    billing = add_months(contract.start, months)
    return billing if billing >= today else add_months(contract.start, months + 1)


def month_starts(first: date, months: int) -> list[date]:
    """The first day of each counted month, and of the month after the last."""
    return [add_months(first, k) for k in range(months + 1)]


def at_term_end(evaluation: Evaluation, today: date) -> Leaving | None:
    """Leaving when the term ends, notice given by its deadline; None without a term ahead."""
    contract = _contract(evaluation)
    plan = evaluation.exit
    deadline = _deadline(contract, plan.notice_date, today) if contract else None
    if contract is None or deadline is None:
        return None
    end = deadline.term_end
    needed = plan.cutover or plan.new_provider_start
    if contract.auto_renews and needed is not None and needed - DAY > end:
        end = next(t.end for t in terms(contract) if t.end >= needed - DAY)
    term = next(t for t in terms(contract) if t.end == end)
    takeover = plan.cutover or end + DAY
    first = first_month(evaluation, today)
    new_start = plan.new_provider_start or add_months(takeover, -evaluation.business.overlap_months)
    new_start = min(max(new_start, first), takeover)
    return Leaving(
        way="term end",
        last_day=end,
        new_start=new_start,
        takeover=max(takeover, new_start),
        term_end=end,
        notice_by=notice_by(contract, term) if contract.auto_renews else None,
        missed=deadline.missed,
        from_plan=tuple(
            name
            for name, day in (
                ("notice", plan.notice_date),
                ("start", plan.new_provider_start),
                ("cut-over", plan.cutover),
            )
            if day is not None
        ),
        notice_date=plan.notice_date if plan.notice_date == deadline.given else None,
    )


@dataclass(frozen=True)
class _Deadline:
    term_end: date
    missed: date | None
    given: date | None
    """The exit plan's notice date, when the deadline is counted from it."""


def _deadline(contract: Contract, notice_date: date | None, today: date) -> _Deadline | None:
    """The end of the term the contract can end with: counted from the exit plan's notice date
    (given or planned) while that term has not ended, else from today."""
    if notice_date is not None:
        planned = next_deadline(contract, notice_date)
        if planned is not None and planned.term_end >= today:
            return _Deadline(planned.term_end, planned.missed, notice_date)
    deadline = next_deadline(contract, today)
    return None if deadline is None else _Deadline(deadline.term_end, deadline.missed, None)


def leaving_now(evaluation: Evaluation, today: date) -> Leaving:
    """Leaving now: the new provider starts at once and takes over after the overlap months;
    the early-termination fee applies when that is before the term ends."""
    contract = _contract(evaluation)
    deadline = next_deadline(contract, today) if contract else None
    first = first_month(evaluation, today)
    takeover = add_months(first, evaluation.business.overlap_months)
    last_day = takeover - DAY
    if deadline is None:
        return Leaving("free", last_day, first, takeover, None, None)
    return Leaving(
        "now",
        min(last_day, deadline.term_end),
        first,
        takeover,
        deadline.term_end,
        None,
        deadline.missed,
    )


def _contract(evaluation: Evaluation) -> Contract | None:
    current = evaluation.current
    return current.contract if current else None
