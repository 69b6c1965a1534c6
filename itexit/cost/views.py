"""What the Costs page shows (the cost of each option, the charts, the billing check), and the
changes it sends back (the business's figures, a provider's pricing, overbilling as evidence).

Each view takes the evaluation (and the page's choices) and returns everything the page lays
out; the page never computes. The app caches each view per saved revision.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import pandas as pd
import plotly.graph_objects as go

from itexit.compare.scoring import compare
from itexit.cost.charts import cost_over_time, cost_stack, value_map
from itexit.cost.downtime import expected_downtime
from itexit.cost.models import DOWNTIME_CHOICES, Business, DowntimeChoice, Pricing
from itexit.cost.plans import Leaving, at_term_end, leaving_now
from itexit.cost.totals import (
    PARTS,
    Option,
    Overbilling,
    billing_check,
    monthly_price,
    options,
    payback_month,
    remaining_fees,
    switch_now_options,
)
from itexit.exit.grounds import new_incident
from itexit.exit.models import Incident
from itexit.input import Choice, Entry, InvalidInput, read_decimal, read_money, validated
from itexit.words import days_left, long_date, money, plural, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider

__all__ = [
    "DOWNTIME_WORDS",
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
    "can_switch_now",
    "cost_table",
    "costs_view",
    "downtime_choice",
    "downtime_sentences",
    "leaving_sentences",
    "payback_words",
    "pricing_entered",
    "pricing_form",
    "saving",
    "split",
    "unpriced_sentences",
    "value_prices",
]

PAYBACK_COLUMN = "Pays for itself in month"
"""The column of the cost table that holds the month switching pays for itself."""


# The forms ---------------------------------------------------------------------------------------


def business_form(evaluation: Evaluation) -> dict[str, Entry]:
    """The business form as it starts, field by field (keyword → entry): four counts, then the
    currency, the money and time figures, then the horizon and the overlap."""
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
        "currency": Entry(
            "Currency",
            evaluation.currency,
            max_chars=3,
            help="The 3-letter code every amount is in (USD, EUR, GBP...). It is the one currency "
            "of this evaluation, the same as on the Contract page; changing it converts nothing.",
            text=True,
        ),
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
            "Months of paying both providers during the move",
            business.overlap_months,
            0,
            12,
            help="Used when your exit plan gives no start date for the new provider.",
        ),
    }


DOWNTIME_WORDS: dict[DowntimeChoice, str] = {
    "counted": "Count it; a candidate without an uptime promise is assumed to match your current "
    "provider's promise",
    "left out": "Leave downtime out of every total",
}


def downtime_choice(evaluation: Evaluation) -> Choice:
    """How downtime enters the totals, as the business form offers it."""
    return Choice(
        "Downtime in the totals",
        list(DOWNTIME_CHOICES),
        DOWNTIME_CHOICES.index(evaluation.business.downtime),
        help="A candidate's downtime is unknown until it states an uptime promise (Service "
        "levels page). It is never taken as zero.",
        words={str(k): v for k, v in DOWNTIME_WORDS.items()},
        buttons=True,
    )


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
    currency: str | None = None,
    downtime: str = "counted",
) -> Evaluation:
    """The evaluation with the business's own figures as typed on the form (amounts as text),
    and the currency they are in (None: unchanged); InvalidInput says what to fix, and nothing
    changes."""
    if downtime == "counted" and not downtime_cost.strip():
        raise InvalidInput(
            "Cost of an hour of downtime: enter an amount (0 if an hour of downtime costs you "
            "nothing), or choose to leave downtime out of every total."
        )
    code = (currency if currency is not None else evaluation.currency).strip().upper()
    if not re.fullmatch("[A-Z]{3}", code):
        raise InvalidInput(
            f"Currency: '{code}' is not a 3-letter code; use one such as USD, EUR or GBP."
        )
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
        downtime=downtime,
    )
    return evaluation.with_business(business).with_currency(code)


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
    """Per option: the monthly price now, each part of the total, the total, the payback month
    (no downtime column when downtime is left out of the totals)."""
    money_columns: list[str]
    """The columns of the table that hold amounts."""
    saving: Saving | None
    """None without a price for staying."""
    leaving: list[str]
    """How switching is planned: the notice deadline, the dates, the two ways compared."""
    downtime: list[str]
    """Each provider's expected downtime and where it comes from, or why it is left out."""
    unpriced: list[str]
    """A line for each provider left out of the comparison for want of a price."""
    stack: go.Figure
    over_time: go.Figure
    value_map: go.Figure
    billing: BillingView


def can_switch_now(evaluation: Evaluation, today: date) -> bool:
    """Whether switching now differs from the default: a contract term is still to run."""
    return at_term_end(evaluation, today) is not None


def costs_view(evaluation: Evaluation, today: date, now: bool = False) -> CostsView:
    """The cost of staying and of switching to each candidate over the horizon, worked out once;
    with `now`, switching now (before the term ends) beside switching at the term's end."""
    default = options(evaluation, today)
    early = switch_now_options(evaluation, today)
    choices = _beside(default, early) if now else default
    currency = evaluation.currency
    table = cost_table(evaluation, choices)
    return CostsView(
        horizon_months=evaluation.business.horizon_months,
        compared=bool(choices),
        table=table,
        money_columns=[c for c in table.columns if c not in ("Option", PAYBACK_COLUMN)],
        saving=saving(default, currency, evaluation.business.horizon_months),
        leaving=leaving_sentences(evaluation, today, default, early),
        downtime=downtime_sentences(evaluation, default, today),
        unpriced=unpriced_sentences(evaluation),
        stack=cost_stack(choices, currency),
        over_time=cost_over_time(evaluation, choices, currency),
        value_map=value_map(evaluation, compare(evaluation), value_prices(evaluation), currency),
        billing=billing_view(evaluation),
    )


def _beside(default: list[Option], early: list[Option]) -> list[Option]:
    """Each candidate's default way followed by its switching now."""
    now = {o.provider.id: o for o in early}
    return [x for o in default for x in (o, now.get(o.provider.id)) if x is not None]


def cost_table(evaluation: Evaluation, choices: list[Option]) -> pd.DataFrame:
    """Per option: its monthly price now, each part of its total, the total, and the month
    switching pays for itself against staying (empty for staying, or without a price for it).
    Every amount is already rounded to the cent, so the float shown has the same digits."""
    stay = next((o for o in choices if o.stay), None)
    business = evaluation.business
    counted = all(o.downtime_counted for o in choices)
    shown = [part for part in PARTS if counted or part != "downtime"]
    return pd.DataFrame(
        {
            "Option": [o.label for o in choices],
            "Monthly price now": [float(monthly_price(o.provider, business) or 0) for o in choices],
            **{part.capitalize(): [float(o.parts[part]) for o in choices] for part in shown},
            "Total": [float(o.total) for o in choices],
            PAYBACK_COLUMN: [payback_words(stay, o, business.horizon_months) for o in choices],
        }
    )


def payback_words(stay: Option | None, option: Option, horizon_months: int) -> str:
    """The month switching pays for itself, as the table shows it: '7'; 'not within 36 months'
    when it does not within the horizon; '—' for staying, or without a price for staying."""
    if stay is None or option.stay:
        return "—"
    month = payback_month(stay, option)
    return str(month) if month is not None else f"not within {horizon_months} months"


def unpriced_sentences(evaluation: Evaluation) -> list[str]:
    """A line for each provider the costs leave out because it has no price yet, saying what to
    enter; a candidate without a price never silently disappears from the comparison."""
    business = evaluation.business
    return [
        f"{p.name}: no price yet — enter its pricing (or the monthly fee in its contract) to "
        f"compare {'staying with it' if p.current else 'it'}."
        for p in evaluation.ordered_providers
        if monthly_price(p, business) is None
    ]


def saving(choices: list[Option], currency: str, horizon_months: int) -> Saving | None:
    """The cheapest option and what it saves over staying, saying when downtime is left out or
    assumed; None without a price for staying."""
    stay = next((o for o in choices if o.stay), None)
    if stay is None:
        return None
    cheapest = min(choices, key=lambda o: o.total)
    basis = "" if stay.downtime_counted else " Downtime is left out of both."
    if cheapest.downtime_assumed:
        basis = (
            f" Its downtime is unknown: this assumes it matches {stay.provider.name}'s uptime "
            "promise."
        )
    if cheapest is stay:
        return Saving(None, f"Staying is the cheapest option over {horizon_months} months.{basis}")
    return Saving(
        cheapest.label,
        f"costs {money(stay.total - cheapest.total, currency)} less than staying over "
        f"{horizon_months} months{split(stay, cheapest, currency)}.{basis}",
    )


def split(dearer: Option, cheaper: Option, currency: str) -> str:
    """How much of the difference between two totals is money paid and how much is expected
    downtime (a risk estimate): ': USD 11,747.15 less in money paid (...) and USD 37,376.00
    less expected downtime (...)', said of `cheaper`; ': all of it money paid (...)' when the
    expected downtime is the same; '' when downtime is left out (all of it is money paid)."""
    if not (dearer.downtime_counted and cheaper.downtime_counted):
        return ""
    paid, lost = dearer.paid - cheaper.paid, dearer.downtime - cheaper.downtime
    if not lost:
        return ": all of it money paid (the expected downtime is the same)"
    return (
        f": {_less(paid, currency)} in money paid (fees, one-off fees, staff time) and "
        f"{_less(lost, currency)} expected downtime (a risk estimate, not money paid)"
    )


def _less(amount: Decimal, currency: str) -> str:
    """'USD 10.00 less' for a saving, 'USD 10.00 more' for a cost."""
    return f"{money(abs(amount), currency)} {'less' if amount >= 0 else 'more'}"


def leaving_sentences(
    evaluation: Evaluation, today: date, default: list[Option], early: list[Option]
) -> list[str]:
    """How switching is planned, in words: when notice must be given, the dates used, and for
    each candidate whether switching at the term's end or now is cheaper."""
    current = evaluation.current
    if current is None or not [o for o in default if not o.stay]:
        return []
    planned = at_term_end(evaluation, today)
    if planned is None:
        return [_free(evaluation, leaving_now(evaluation, today), current.name)]
    said = [*_renewed(planned, current.name), _term_end(planned, current.name, today)]
    said.append(_dates(evaluation, planned))
    now = {o.provider.id: o for o in early}
    currency = evaluation.currency
    if early:
        said.append(_now(evaluation, today, current.name))
    for option in default:
        if not option.stay and option.provider.id in now:
            said.append(_which_way(option, now[option.provider.id], currency))
    return said


def _renewed(planned: Leaving, name: str) -> list[str]:
    """Why the term's end is a renewed term's, when notice comes too late for the current one."""
    if planned.missed is None:
        return []
    return [
        f"Notice given after {long_date(planned.missed)} is too late for the current term, so "
        f"the contract with {name} renews: switching at the term's end means at the end of the "
        f"renewed term, {long_date(planned.last_day)}."
    ]


def _term_end(planned: Leaving, name: str, today: date) -> str:
    """When notice must be given (or was) to leave at the term's end, with no fee."""
    end = long_date(planned.last_day)
    if planned.notice_by is None:
        return (
            f"The contract with {name} does not renew: it ends on {end}, so switching then needs "
            "no notice and costs no early-termination fee."
        )
    last = long_date(planned.notice_by)
    given = planned.notice_date
    if given is not None and given <= today:
        return (
            f"You gave {name} notice on {long_date(given)}, in time for the term ending on "
            f"{end} (the last day was {last}): the contract ends then, with no "
            "early-termination fee."
        )
    if given is not None:
        return (
            f"Your exit plan gives {name} notice on {long_date(given)}; the last day for it is "
            f"{last} ({days_left((planned.notice_by - today).days)}). The contract then ends on "
            f"{end}, with no early-termination fee."
        )
    return (
        f"To switch at the term's end, give {name} written notice by {last} "
        f"({days_left((planned.notice_by - today).days)}); the contract then ends on {end}, "
        "with no early-termination fee."
    )


def _dates(evaluation: Evaluation, planned: Leaving) -> str:
    """The new provider's start and take-over, and where those dates come from."""
    source = (
        "from your exit plan"
        if {"start", "cut-over"} & set(planned.from_plan)
        else f"{plural(evaluation.business.overlap_months, 'month')} of paying both providers, "
        "as set on the Costs page; enter the dates in your exit plan to use them"
    )
    return (
        f"The new provider starts on {long_date(planned.new_start)} and takes over on "
        f"{long_date(planned.takeover)} ({source})."
    )


def _now(evaluation: Evaluation, today: date, name: str) -> str:
    """What switching now assumes: when the new provider starts and takes over, the current
    provider's last day, where the fee comes from, and the rule about the remaining fees."""
    now = leaving_now(evaluation, today)
    both = plural(evaluation.business.overlap_months, "month")
    said = (
        f"Switching now: the new provider starts on {long_date(now.new_start)} and takes over on "
        f"{long_date(now.takeover)} ({both} of paying both providers, as set on the Costs "
        f"page); {name} is paid until {long_date(now.last_day)}."
    )
    if not now.early or now.term_end is None:
        return said + " That is the term's last day, so no early-termination fee is due."
    contract = evaluation.current.contract if evaluation.current else None
    fee = contract.termination_fee if contract else Decimal(0)
    currency = evaluation.currency
    said += f" That is before the term ends on {long_date(now.term_end)}, so " + (
        f"the early-termination fee in your contract, {money(fee, currency)}, is counted."
        if fee
        else "an early-termination fee applies, but none is recorded on the Contract page: "
        "check your contract (0.00 is counted)."
    )
    months, due = remaining_fees(evaluation, now, today)
    if not months:
        return said
    return said + (
        " The totals assume the fee replaces the monthly fees for the rest of the term. If your "
        f"contract makes those due on top ({plural(months, 'month')}, {money(due, currency)}), "
        f"switching now costs {money(due, currency)} more."
    )


def _free(evaluation: Evaluation, leaving: Leaving, name: str) -> str:
    """Switching when no contract term binds the business."""
    both = plural(evaluation.business.overlap_months, "month")
    return (
        f"No contract term with {name} is left to wait for: switching starts on "
        f"{long_date(leaving.new_start)}, with {both} of paying both providers and no "
        "early-termination fee."
    )


def _which_way(later: Option, now: Option, currency: str) -> str:
    """Whether switching to one candidate at the term's end or now is cheaper, and by how much."""
    name = later.provider.name
    fee = now.parts["termination"]
    with_fee = f", which pays the early-termination fee of {money(fee, currency)}" if fee else ""
    if later.total <= now.total:
        return (
            f"Switching to {name} at the term's end costs "
            f"{money(now.total - later.total, currency)} less than switching now{with_fee}"
            f"{split(now, later, currency)}."
        )
    return (
        f"Switching to {name} now{with_fee + ',' if fee else ''} costs "
        f"{money(later.total - now.total, currency)} "
        f"less than waiting for the term's end{split(later, now, currency)}."
    )


def downtime_sentences(evaluation: Evaluation, choices: list[Option], today: date) -> list[str]:
    """Each compared provider's expected downtime a year and where it comes from; or why
    downtime is left out of every total."""
    if not choices:
        return []
    if evaluation.business.downtime == "left out":
        return ["Downtime is left out of every total, as you chose above."]
    providers = [o.provider for o in choices]
    if evaluation.current is not None and evaluation.current not in providers:
        providers.insert(0, evaluation.current)
    if not choices[0].downtime_counted:
        unknown = [
            p.name for p in providers if expected_downtime(evaluation, p, today).hours is None
        ]
        return [
            f"Downtime is left out of every total: it is unknown for {', '.join(unknown)}, and "
            "a total with it on one side only would mislead. Enter the uptime promises on the "
            "Service levels page to count it."
        ]
    said = [_downtime_of(evaluation, p, today) for p in providers]
    if not evaluation.business.downtime_cost_per_hour:
        said.append(
            "An hour of downtime costs 0.00 as entered above, so downtime adds nothing to any "
            "total."
        )
    return said


def _downtime_of(evaluation: Evaluation, provider: Provider, today: date) -> str:
    """One provider's expected downtime a year, and where the figure comes from."""
    expected = expected_downtime(evaluation, provider, today)
    hours = f"{rounded(float(expected.hours or 0), 2)} hours a year"
    uptime = rounded(float(expected.uptime), 3) if expected.uptime is not None else ""
    if expected.source == "incident log":
        return f"{provider.name}: {hours}, from your incident log of the last 12 months" + (
            f" (more than its {uptime} % uptime promise allows)." if uptime else "."
        )
    if expected.source == "promise":
        return f"{provider.name}: {hours}, from its {uptime} % uptime promise."
    current = evaluation.current.name if evaluation.current else "your current provider"
    return (
        f"{provider.name}: unknown, it states no uptime promise; assumed to match {current}'s "
        f"{uptime} % promise, {hours}. Ask for its promise, or leave downtime out above."
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
    unknown = " The devices on the invoice are not entered, so they are not checked." * (
        check.devices is None
    ) + " The users on the invoice are not entered, so they are not checked." * (
        check.users is None
    )
    return BillingView(
        "overbilled",
        f"You are billed for {_extra(check)} more than you have: "
        f"{money(check.monthly, currency)} a month, "
        f"{money(check.monthly * 12, currency)} a year. "
        "That is evidence for the ground 'billed for services you did not receive'." + unknown,
    )


def _extra(check: Overbilling) -> str:
    """'8 users and 2 devices', '8 users', '1 device': only what is billed beyond the counts
    (an unknown count on the invoice claims nothing)."""
    counts = [(check.users, "user"), (check.devices, "device")]
    return " and ".join(plural(n, word) for n, word in counts if n)


def billing_incident(check: Overbilling, currency: str, today: date) -> Incident:
    """Overbilling as a dated entry of the incident log, evidence for the 'billing' ground."""
    return new_incident(
        day=today,
        what=f"Billed for {_extra(check)} more than we have",
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
