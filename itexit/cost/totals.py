"""The true cost of staying or switching, in exact money: monthly prices from the business's own
counts, total cost over a horizon for each option, payback, and the billing check.

The rules (documented, with worked examples, in docs/cost.md):

- A provider's monthly price = flat + per user × users + per device × devices + per server ×
  servers + per site × sites + add-ons. Without pricing, the contract's monthly fee is used.
- The price rises by the yearly increase at the start of every 12th month, compounded; a
  price is money, so each year's new price is rounded to the cent.
- Months are counted as `itexit.cost.plans` says; a provider is paid its full monthly price
  for every month it serves on at least one day.
- Staying costs the current provider's price for every month of the horizon.
- Switching to a candidate costs, over the same horizon: the current price for the months
  before the new provider starts ("until the switch") and for the months both are paid
  ("overlap"); the early-termination fee when the way of leaving ends the contract before its
  term (`Leaving.early`); the candidate's onboarding and project fees; the business's own time;
  then the candidate's price for every month from its start.
- Downtime costs the business's hourly figure for every expected hour (`itexit.cost.downtime`):
  the current provider's until the new one takes over, the candidate's after; or nothing in
  any total when it is left out.
- Amounts are Decimals and nothing passes through a float. Prices are whole cents; the own
  time and the downtime are worked out exactly and each rounded once, half away from zero, to
  the cent over the whole horizon (never month by month). A total is the exact sum of its
  rounded parts, so the parts shown add up to the total shown, digit for digit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from itexit.cost.downtime import downtime_counted, downtime_hours_per_year, expected_downtime
from itexit.cost.models import Business, Pricing
from itexit.cost.plans import Leaving, at_term_end, first_month, leaving_now, month_starts

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider

__all__ = [
    "PARTS",
    "Option",
    "Overbilling",
    "billing_check",
    "cents",
    "downtime_hours_per_year",
    "monthly_fees",
    "monthly_price",
    "options",
    "payback_month",
    "remaining_fees",
    "switch_now_options",
]

CENT = Decimal("0.01")
PARTS = (
    "fees",
    "until the switch",
    "termination",
    "overlap",
    "one-off fees",
    "own time",
    "downtime",
)
"""The parts of an option's total cost, in the order charts stack them."""
MONTHLY = ("fees", "until the switch", "overlap")
"""The parts paid month by month; the others are paid at the start."""


def cents(amount: Decimal) -> Decimal:
    """An amount rounded to the cent, half away from zero: the one rounding rule for money."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_price(provider: Provider, business: Business) -> Decimal | None:
    """The provider's monthly price for this business today; None if nothing is known."""
    pricing = provider.pricing
    if pricing is None:
        return provider.contract.monthly_fee if provider.contract else None
    return cents(
        pricing.flat_monthly
        + pricing.per_user * business.users
        + pricing.per_device * business.devices
        + pricing.per_server * business.servers
        + pricing.per_site * business.sites
        + pricing.add_ons
    )


def monthly_fees(provider: Provider, business: Business, months: int) -> list[Decimal]:
    """The price of each month from now, with the yearly increase applied every 12 months."""
    price = monthly_price(provider, business)
    if price is None:
        return []
    increase = (provider.pricing.yearly_increase if provider.pricing else Decimal(0)) / 100
    fees = []
    for month in range(months):
        if month and month % 12 == 0:
            price = cents(price * (1 + increase))
        fees.append(price)
    return fees


@dataclass(frozen=True)
class Option:
    """Staying with the current provider, or switching to one candidate one way, over the
    horizon."""

    provider: Provider
    stay: bool
    parts: dict[str, Decimal]
    """Each part of the total (see PARTS), each rounded once, to the cent."""
    cumulative: list[Decimal] = field(repr=False)
    """The total spent by the end of each month; the last is the total."""
    leaving: Leaving | None = None
    """How the current provider is left; None for staying."""
    downtime_counted: bool = True
    """False when downtime is left out of every total (unknown, or by the business's choice)."""
    downtime_assumed: bool = False
    """True when the provider's downtime is unknown and counted as the current promise."""

    @property
    def total(self) -> Decimal:
        """What the option costs over the whole horizon: the sum of its parts, exact."""
        return sum(self.parts.values(), Decimal(0))

    @property
    def downtime(self) -> Decimal:
        """The expected downtime part of the total: a risk estimate from uptime promises or the
        incident log, not money paid (0 when downtime is left out)."""
        return self.parts["downtime"]

    @property
    def paid(self) -> Decimal:
        """The money actually paid over the horizon (fees, the termination fee, one-offs, own
        time): the total without expected downtime. `paid + downtime == total`, exactly."""
        return self.total - self.downtime

    @property
    def label(self) -> str:
        """'Stay with X', 'Switch to Y at the term's end', 'Switch to Y now' or 'Switch to Y'."""
        if self.stay:
            return f"Stay with {self.provider.name}"
        way = self.leaving.way if self.leaving else "free"
        suffix = {"term end": " at the term's end", "now": " now", "free": ""}[way]
        return f"Switch to {self.provider.name}{suffix}"


def options(evaluation: Evaluation, today: date) -> list[Option]:
    """Staying, then switching to each candidate with a known price the default way: at the
    term's end while notice can be given in time, else now (the way the page presents first)."""
    leaving = at_term_end(evaluation, today) or leaving_now(evaluation, today)
    return [
        *_staying(evaluation, today),
        *(_switching(evaluation, c, leaving, today) for c in _candidates(evaluation)),
    ]


def switch_now_options(evaluation: Evaluation, today: date) -> list[Option]:
    """Switching to each priced candidate now, before the term ends (with the fee where it
    applies); empty when there is no term to wait for (switching now is then the default)."""
    if at_term_end(evaluation, today) is None:
        return []
    leaving = leaving_now(evaluation, today)
    return [_switching(evaluation, c, leaving, today) for c in _candidates(evaluation)]


def _candidates(evaluation: Evaluation) -> list[Provider]:
    """The candidates with a known price, in the evaluation's order."""
    business = evaluation.business
    return [
        p
        for p in evaluation.ordered_providers
        if not p.current and monthly_price(p, business) is not None
    ]


def _counted(evaluation: Evaluation, today: date) -> bool:
    """Whether downtime enters the totals, for the providers the options compare."""
    return downtime_counted(evaluation, _candidates(evaluation), today)


def _yearly_cost(evaluation: Evaluation, provider: Provider | None, today: date) -> Decimal:
    """What the provider's expected downtime costs a year, exact (0 when it is not counted)."""
    if provider is None or not _counted(evaluation, today):
        return Decimal(0)
    hours = expected_downtime(evaluation, provider, today).hours or Decimal(0)
    return hours * evaluation.business.downtime_cost_per_hour


def _staying(evaluation: Evaluation, today: date) -> list[Option]:
    current = evaluation.current
    months = evaluation.business.horizon_months
    fees = monthly_fees(current, evaluation.business, months) if current else []
    if current is None or not fees:
        return []
    downtime = [_yearly_cost(evaluation, current, today) / 12] * months
    parts = {"fees": sum(fees, Decimal(0))}
    return [_option(current, True, parts, fees, downtime, None, _counted(evaluation, today))]


def _switching(
    evaluation: Evaluation, candidate: Provider, leaving: Leaving, today: date
) -> Option:
    """Switching to `candidate` the way `leaving` says, part by part and month by month."""
    business, current = evaluation.business, evaluation.current
    months = business.horizon_months
    starts = month_starts(first_month(evaluation, today), months)
    old = monthly_fees(current, business, months) if current else []
    kept = [i for i in range(months) if old and starts[i] <= leaving.last_day]
    moved = [i for i in range(months) if starts[i + 1] > leaving.new_start]
    new = dict(zip(moved, monthly_fees(candidate, business, len(moved)), strict=True))
    both = [i for i in kept if i in new]
    contract = current.contract if current else None
    pricing = candidate.pricing or Pricing()
    parts = {
        "fees": sum(new.values(), Decimal(0)),
        "until the switch": sum((old[i] for i in kept if i not in new), Decimal(0)),
        "termination": contract.termination_fee if contract and leaving.early else Decimal(0),
        "overlap": sum((old[i] for i in both), Decimal(0)),
        "one-off fees": pricing.onboarding + pricing.projects,
        "own time": cents(business.hourly_cost * Decimal(repr(business.switch_hours))),
    }
    spent = [(old[i] if i in kept else Decimal(0)) + new.get(i, Decimal(0)) for i in range(months)]
    before, after = (_yearly_cost(evaluation, p, today) / 12 for p in (current, candidate))
    downtime = [before if starts[i] < leaving.takeover else after for i in range(months)]
    counted = _counted(evaluation, today)
    option = _option(candidate, False, parts, spent, downtime, leaving, counted)
    assumed = counted and expected_downtime(evaluation, candidate, today).source == "assumed"
    return replace(option, downtime_assumed=assumed)


def _option(
    provider: Provider,
    stay: bool,
    parts: dict[str, Decimal],
    spent: list[Decimal],
    downtime: list[Decimal],
    leaving: Leaving | None,
    counted: bool,
) -> Option:
    """An option from its parts without downtime, what it spends each month and the exact
    downtime cost of each month; downtime is rounded once, over the whole horizon."""
    one_off = sum((v for k, v in parts.items() if k not in MONTHLY), Decimal(0))
    cumulative, paid, lost = [], one_off, Decimal(0)
    for fee, cost in zip(spent, downtime, strict=True):
        paid += fee
        lost += cost
        cumulative.append(paid + cents(lost))
    full = {part: cents(parts.get(part, Decimal(0))) for part in PARTS if part != "downtime"}
    return Option(provider, stay, {**full, "downtime": cents(lost)}, cumulative, leaving, counted)


def remaining_fees(evaluation: Evaluation, leaving: Leaving, today: date) -> tuple[int, Decimal]:
    """The current provider's monthly fees for the rest of the term after its last day (how
    many months, and what they add up to): the totals assume the early-termination fee replaces
    them; this is what switching would cost more if the contract makes them due on top."""
    current = evaluation.current
    if current is None or not leaving.early or leaving.term_end is None:
        return 0, Decimal(0)
    months = evaluation.business.horizon_months
    starts = month_starts(first_month(evaluation, today), months)
    fees = monthly_fees(current, evaluation.business, months)
    due = [fees[i] for i in range(len(fees)) if leaving.last_day < starts[i] <= leaving.term_end]
    return len(due), sum(due, Decimal(0))


def payback_month(stay: Option, switch: Option) -> int | None:
    """The first month (1-based) by whose end switching has cost no more than staying; None if
    that never happens within the horizon."""
    for month, (kept, moved) in enumerate(zip(stay.cumulative, switch.cumulative, strict=True), 1):
        if moved <= kept:
            return month
    return None


@dataclass(frozen=True)
class Overbilling:
    """Users and devices on the invoice beyond the business's own counts, and their cost."""

    users: int | None
    """Users billed beyond the business's count; None when the invoice's count is not known."""
    devices: int | None
    """Devices billed beyond the business's count; None when the invoice's count is not known."""
    monthly: Decimal
    """What the extra users and devices cost each month at the contract's unit prices."""


def billing_check(evaluation: Evaluation) -> Overbilling | None:
    """Users and devices the current provider bills for beyond the business's actual counts."""
    current = evaluation.current
    if current is None or current.pricing is None:
        return None
    pricing, business = current.pricing, evaluation.business
    if pricing.billed_users is None and pricing.billed_devices is None:
        return None
    # An unknown count stays unknown (None): nothing is claimed about it, and it costs nothing.
    users = _beyond(pricing.billed_users, business.users)
    devices = _beyond(pricing.billed_devices, business.devices)
    return Overbilling(
        users, devices, cents((users or 0) * pricing.per_user + (devices or 0) * pricing.per_device)
    )


def _beyond(billed: int | None, actual: int) -> int | None:
    """How many are billed beyond the actual count (never below 0); None when billed is unknown."""
    return None if billed is None else max(0, billed - actual)
