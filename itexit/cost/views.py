"""What the Costs page shows (the cost of each option, the charts, the billing check), and the
changes it sends back (the business's figures, a provider's pricing, overbilling as evidence).

Each view takes the evaluation (and the page's choices) and returns everything the page lays
out; the page never computes. The app caches each view per saved revision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import pandas as pd
import plotly.graph_objects as go

from itexit.compare.scoring import compare
from itexit.cost.charts import cost_over_time, cost_stack, value_map
from itexit.cost.models import Business, Pricing
from itexit.cost.totals import (
    PARTS,
    Option,
    Overbilling,
    billing_check,
    downtime_hours_per_year,
    monthly_price,
    options,
    payback_month,
)
from itexit.exit.grounds import new_incident
from itexit.exit.models import Incident
from itexit.input import Entry, InvalidInput, read_decimal, read_money, validated
from itexit.words import money

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "PAYBACK_COLUMN",
    "PRICE_FIELDS",
    "BillingView",
    "CostsView",
    "PriceField",
    "PricingForm",
    "Saving",
    "billing_incident",
    "billing_logged",
    "billing_view",
    "business_entered",
    "business_form",
    "cost_table",
    "costs_view",
    "downtime_sentence",
    "pricing_entered",
    "pricing_form",
    "saving",
    "value_prices",
]

PAYBACK_COLUMN = "Pays for itself in month"
"""The column of the cost table that holds the month switching pays for itself."""


# The forms ---------------------------------------------------------------------------------------


def business_form(evaluation: Evaluation) -> dict[str, Entry]:
    """The business form as it starts, field by field (keyword → entry): four counts, then the
    money and time figures, then the overlap."""
    business = evaluation.business
    return {
        "users": Entry("Users", business.users, 0, 1_000_000),
        "devices": Entry(
            "Devices",
            business.devices,
            0,
            1_000_000,
            help="Computers, laptops, phones the provider manages",
        ),
        "servers": Entry("Servers", business.servers, 0, 1_000_000),
        "sites": Entry("Sites", business.sites, 0, 10_000),
        "downtime_cost": Entry(
            "Cost of an hour of downtime",
            f"{business.downtime_cost_per_hour}",
            help="Lost work and sales when systems are down for an hour: staff × hourly cost, "
            "plus lost revenue.",
            text=True,
        ),
        "switch_hours": Entry(
            "Staff hours the switch takes", business.switch_hours, 0.0, 100_000.0, step=1.0
        ),
        "hourly_cost": Entry("Cost of a staff hour", f"{business.hourly_cost}", text=True),
        "horizon_months": Entry(
            "Horizon (months)",
            business.horizon_months,
            6,
            120,
            help="How far ahead to add up the costs; 36 months is usual.",
        ),
        "overlap_months": Entry(
            "Months of paying both providers during the move", business.overlap_months, 0, 12
        ),
    }


def business_entered(
    evaluation: Evaluation,
    *,
    users: int,
    devices: int,
    servers: int,
    sites: int,
    downtime_cost: str,
    switch_hours: float,
    hourly_cost: str,
    horizon_months: int,
    overlap_months: int,
) -> Evaluation:
    """The evaluation with the business's own figures as typed on the form (amounts as text);
    InvalidInput says what to fix, and nothing changes."""
    business = validated(
        Business,
        users=users,
        devices=devices,
        servers=servers,
        sites=sites,
        downtime_cost_per_hour=read_money(downtime_cost, "Cost of an hour of downtime"),
        switch_hours=switch_hours,
        hourly_cost=read_money(hourly_cost, "Cost of a staff hour"),
        horizon_months=horizon_months,
        overlap_months=overlap_months,
    )
    return evaluation.with_business(business)


@dataclass(frozen=True)
class PriceField:
    """One amount of a provider's price list: which price it is, its label on the form, and
    what a message about a wrong amount calls it."""

    name: str
    """The field of `Pricing`."""
    label: str
    subject: str
    help: str | None = None


PRICE_FIELDS = (
    PriceField("flat_monthly", "Flat monthly fee", "Flat monthly fee"),
    PriceField("per_user", "Per user, per month", "Per user"),
    PriceField("per_device", "Per device, per month", "Per device"),
    PriceField("per_server", "Per server, per month", "Per server"),
    PriceField("per_site", "Per site, per month", "Per site"),
    PriceField(
        "add_ons", "Add-ons, per month", "Add-ons", "Backup storage, security extras and the like"
    ),
    PriceField("onboarding", "Onboarding fee (one-time)", "Onboarding fee"),
    PriceField("projects", "Project fees (one-time)", "Project fees"),
)
"""The amounts of the pricing form, in the order it shows them."""


@dataclass(frozen=True)
class PricingForm:
    """A provider's pricing as its form starts: the amounts as text, the counts on its invoice."""

    name: str
    """The provider's name."""
    amounts: dict[str, str]
    """The `PriceField` name → the amount saved, as the form shows it."""
    increase: str
    billed: dict[str, Entry]
    """The counts on the provider's invoice, for the billing check (keyword → entry)."""
    expanded: bool
    """Open at first while nothing is entered for this provider."""


def pricing_form(evaluation: Evaluation, provider_id: str) -> PricingForm:
    """What the pricing form of one provider starts with: its saved pricing, or zeros."""
    provider = evaluation.provider(provider_id)
    pricing = provider.pricing or Pricing()
    return PricingForm(
        name=provider.name,
        amounts={f.name: f"{getattr(pricing, f.name)}" for f in PRICE_FIELDS},
        increase=f"{pricing.yearly_increase}",
        billed={
            "billed_users": Entry(
                "Users on their invoice",
                pricing.billed_users,
                0,
                1_000_000,
                help="For the billing check: how many users the provider charges you for.",
                placeholder="leave empty if unknown",
            ),
            "billed_devices": Entry(
                "Devices on their invoice",
                pricing.billed_devices,
                0,
                1_000_000,
                placeholder="leave empty if unknown",
            ),
        },
        expanded=provider.pricing is None,
    )


def pricing_entered(
    evaluation: Evaluation,
    provider_id: str,
    amounts: Mapping[str, str],
    increase: str,
    billed_users: int | None,
    billed_devices: int | None,
) -> Evaluation:
    """The evaluation with a provider's pricing as typed (amounts by `PriceField` name; an empty
    increase is 0 %); InvalidInput names the first amount to fix, and nothing changes."""
    read = {f.name: read_money(amounts[f.name], f.subject) for f in PRICE_FIELDS}
    pricing = validated(
        Pricing,
        **read,
        yearly_increase=read_decimal(increase, "Yearly price increase") or Decimal(0),
        billed_users=billed_users,
        billed_devices=billed_devices,
    )
    return evaluation.with_pricing(provider_id, pricing)


# Staying against switching -----------------------------------------------------------------------


@dataclass(frozen=True)
class Saving:
    """What choosing the cheapest option saves over staying."""

    option: str | None
    """The cheapest option when it is not staying ('Switch to Y'); None when staying is."""
    sentence: str
    """The rest of the sentence: '... costs USD 1,000.00 less than staying over 36 months.'"""


@dataclass(frozen=True)
class BillingView:
    """The billing check as it came out, in words."""

    outcome: Literal["unknown", "matches", "overbilled"]
    """unknown: the invoice's counts are not entered; overbilled: evidence worth logging."""
    message: str


@dataclass(frozen=True)
class CostsView:
    """Everything the Costs page shows below its forms."""

    horizon_months: int
    compared: bool
    """Whether any option has a price; without one there is nothing to compare."""
    table: pd.DataFrame
    """Per option: the monthly price now, each part of the total, the total, the payback month."""
    money_columns: list[str]
    """The columns of the table that hold amounts."""
    saving: Saving | None
    """None without a price for staying."""
    downtime: str | None
    """The expected downtime with the current provider, when it is known."""
    stack: go.Figure
    over_time: go.Figure
    value_map: go.Figure
    billing: BillingView


def costs_view(evaluation: Evaluation, today: date) -> CostsView:
    """The cost of staying and of switching to each candidate over the horizon, worked out once."""
    choices = options(evaluation, today)
    stay = next((o for o in choices if o.stay), None)
    currency = evaluation.currency
    table = cost_table(evaluation, choices)
    return CostsView(
        horizon_months=evaluation.business.horizon_months,
        compared=bool(choices),
        table=table,
        money_columns=[c for c in table.columns if c not in ("Option", PAYBACK_COLUMN)],
        saving=saving(choices, currency, evaluation.business.horizon_months),
        downtime=downtime_sentence(evaluation, stay, today),
        stack=cost_stack(choices, currency),
        over_time=cost_over_time(evaluation, choices, currency),
        value_map=value_map(evaluation, compare(evaluation), value_prices(evaluation), currency),
        billing=billing_view(evaluation),
    )


def cost_table(evaluation: Evaluation, choices: list[Option]) -> pd.DataFrame:
    """Per option: its monthly price now, each part of its total, the total, and the month
    switching pays for itself against staying (empty for staying, or without a price for it)."""
    stay = next((o for o in choices if o.stay), None)
    business = evaluation.business
    return pd.DataFrame(
        {
            "Option": [o.label for o in choices],
            "Monthly price now": [float(monthly_price(o.provider, business) or 0) for o in choices],
            **{part.capitalize(): [float(o.parts[part]) for o in choices] for part in PARTS},
            "Total": [float(o.total) for o in choices],
            PAYBACK_COLUMN: [
                (payback_month(stay, o) if stay and not o.stay else None) for o in choices
            ],
        }
    )


def saving(choices: list[Option], currency: str, horizon_months: int) -> Saving | None:
    """The cheapest option and what it saves over staying; None without a price for staying."""
    stay = next((o for o in choices if o.stay), None)
    if stay is None:
        return None
    cheapest = min(choices, key=lambda o: o.total)
    if cheapest is stay:
        return Saving(None, f"Staying is the cheapest option over {horizon_months} months.")
    return Saving(
        cheapest.label,
        f"costs {money(stay.total - cheapest.total, currency)} less than staying over "
        f"{horizon_months} months.",
    )


def downtime_sentence(evaluation: Evaluation, stay: Option | None, today: date) -> str | None:
    """How many hours of downtime a year staying is expected to bring, and from what; None when
    that is not known."""
    if stay is None:
        return None
    hours = downtime_hours_per_year(evaluation, stay.provider, today)
    if hours is None:
        return None
    return (
        f"Expected downtime with {stay.provider.name}: {hours:.1f} hours a year (from its uptime "
        "guarantee, or your incident log of the last 12 months where that shows more)."
    )


def value_prices(evaluation: Evaluation) -> dict[str, Decimal | None]:
    """Each provider's monthly price for this business now, for the value map (None: unknown)."""
    return {p.id: monthly_price(p, evaluation.business) for p in evaluation.providers}


# The billing check -------------------------------------------------------------------------------


def _overbilled(check: Overbilling | None) -> bool:
    return check is not None and bool(check.monthly or check.users or check.devices)


def billing_view(evaluation: Evaluation) -> BillingView:
    """Whether the current provider bills for more users and devices than the business has, and
    what that costs, in words."""
    check = billing_check(evaluation)
    if check is None:
        return BillingView(
            "unknown",
            "Enter the users and devices on your current provider's invoice in its pricing above "
            "to compare them with your own counts.",
        )
    if not _overbilled(check):
        return BillingView(
            "matches",
            "The invoice matches your counts: no users or devices billed that you don't have.",
        )
    currency = evaluation.currency
    return BillingView(
        "overbilled",
        f"You are billed for {check.users} user(s) and {check.devices} device(s) more than you "
        f"have: {money(check.monthly, currency)} a month, "
        f"{money(check.monthly * 12, currency)} a year. "
        "That is evidence for the ground 'billed for services you did not receive'.",
    )


def billing_incident(check: Overbilling, currency: str, today: date) -> Incident:
    """Overbilling as a dated entry of the incident log, evidence for the 'billing' ground."""
    return new_incident(
        day=today,
        what=f"Billed for {check.users} users and {check.devices} devices more than we have",
        impact=f"Overbilled by {money(check.monthly, currency)} a month",
        grounds=("billing",),
    )


def billing_logged(evaluation: Evaluation, today: date) -> Evaluation:
    """The evaluation with today's overbilling added to the incident log; InvalidInput when the
    invoice shows nothing billed beyond the business's counts."""
    check = billing_check(evaluation)
    if check is None or not _overbilled(check):
        raise InvalidInput("The invoice shows nothing billed beyond your counts: nothing to log.")
    return evaluation.with_incident(billing_incident(check, evaluation.currency, today))
