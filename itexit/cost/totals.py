"""The true cost of staying or switching, in exact money: monthly prices from the business's own
counts, total cost over a horizon for each option, downtime, payback, and the billing check.

The rules (documented in docs/cost.md):

- A provider's monthly price = flat + per user × users + per device × devices + per server ×
  servers + per site × sites + add-ons. Without pricing, the contract's monthly fee is used.
- The price rises by the yearly increase at the start of every 12th month, compounded and
  rounded to the cent each year.
- Staying costs the current provider's price for every month of the horizon.
- Switching to a candidate costs, over the same horizon: the current contract's early-
  termination fee when its current term ends after the overlap; the current price for the
  overlap months; the candidate's onboarding and project fees; the business's own time; then
  the candidate's price for every month of the horizon.
- Downtime costs the business's hourly figure for every expected hour of downtime: from the
  provider's uptime guarantee, and for the current provider from its incident log (the last
  12 months) where that shows more.
- All amounts are Decimals rounded half up to the cent; nothing passes through a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from itexit.cost.models import Business, Pricing
from itexit.exit.dates import add_months, next_deadline

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
]

CENT = Decimal("0.01")
HOURS_PER_YEAR = Decimal(8760)
PARTS = ("fees", "termination", "overlap", "one-off fees", "own time", "downtime")
"""The parts of an option's total cost, in the order charts stack them."""


def cents(amount: Decimal) -> Decimal:
    """An amount rounded half up to the cent, the one rounding rule for money."""
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


def downtime_hours_per_year(
    evaluation: Evaluation, provider: Provider, today: date
) -> Decimal | None:
    """Expected hours of downtime a year: the uptime guarantee, or for the current provider the
    incident log of the last 12 months where it shows more."""
    promised = None
    if provider.service and provider.service.uptime is not None:
        promised = (100 - provider.service.uptime) / 100 * HOURS_PER_YEAR
    if not provider.current:
        return promised
    since = today - timedelta(days=365)
    logged = [i.downtime_hours for i in evaluation.exit.incidents if i.day >= since]
    observed = Decimal(str(sum(logged))) if logged else None
    known = [h for h in (promised, observed) if h is not None]
    return max(known) if known else None


@dataclass(frozen=True)
class Option:
    """Staying with the current provider, or switching to one candidate, over the horizon."""

    provider: Provider
    stay: bool
    parts: dict[str, Decimal]
    cumulative: list[Decimal] = field(repr=False)
    """The total spent by the end of each month."""

    @property
    def total(self) -> Decimal:
        """What the option costs over the whole horizon, all parts together."""
        return sum(self.parts.values(), Decimal(0))

    @property
    def label(self) -> str:
        """'Stay with X' or 'Switch to Y'."""
        return f"Stay with {self.provider.name}" if self.stay else f"Switch to {self.provider.name}"


def options(evaluation: Evaluation, today: date) -> list[Option]:
    """Staying, then switching to each candidate with a known price, over the horizon."""
    current = evaluation.current
    business = evaluation.business
    months = business.horizon_months
    result = []
    stay_fees = monthly_fees(current, business, months) if current else []
    if current and stay_fees:
        result.append(_option(evaluation, current, True, stay_fees, {}, today))
    leaving = _leaving_costs(evaluation, stay_fees, today)
    for candidate in evaluation.ordered_providers:
        if candidate.current:
            continue
        fees = monthly_fees(candidate, business, months)
        if not fees:
            continue
        pricing = candidate.pricing or Pricing()
        one_off = {**leaving, "one-off fees": pricing.onboarding + pricing.projects}
        result.append(_option(evaluation, candidate, False, fees, one_off, today))
    return result


def _leaving_costs(
    evaluation: Evaluation, stay_fees: list[Decimal], today: date
) -> dict[str, Decimal]:
    """What leaving the current provider costs, whichever candidate comes next."""
    business = evaluation.business
    current = evaluation.current
    termination = Decimal(0)
    if current and current.contract:
        deadline = next_deadline(current.contract, today)
        leaving = add_months(today, business.overlap_months)
        if deadline is not None and deadline.term_end >= leaving:
            termination = current.contract.termination_fee
    return {
        "termination": termination,
        "overlap": sum(stay_fees[: business.overlap_months], Decimal(0)),
        "own time": cents(business.hourly_cost * Decimal(str(business.switch_hours))),
    }


def _option(
    evaluation: Evaluation,
    provider: Provider,
    stay: bool,
    fees: list[Decimal],
    one_off: dict[str, Decimal],
    today: date,
) -> Option:
    business = evaluation.business
    hours = downtime_hours_per_year(evaluation, provider, today)
    monthly_downtime = (
        cents(hours * business.downtime_cost_per_hour / 12) if hours is not None else Decimal(0)
    )
    start = sum(one_off.values(), Decimal(0))
    cumulative, running = [], start
    for fee in fees:
        running += fee + monthly_downtime
        cumulative.append(running)
    parts = {
        "fees": sum(fees, Decimal(0)),
        **{
            k: one_off.get(k, Decimal(0))
            for k in ("termination", "overlap", "one-off fees", "own time")
        },
        "downtime": monthly_downtime * len(fees),
    }
    return Option(provider, stay, parts, cumulative)


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

    users: int
    devices: int
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
    # An unknown count bills nothing extra: max(0, 0 - actual) is 0.
    users = max(0, (pricing.billed_users or 0) - business.users)
    devices = max(0, (pricing.billed_devices or 0) - business.devices)
    return Overbilling(
        users, devices, cents(users * pricing.per_user + devices * pricing.per_device)
    )
