"""Costs: the true cost of staying or switching over a horizon, and what the money buys."""

from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st

from itexit import ui
from itexit.compare import compare
from itexit.cost import (
    PARTS,
    Business,
    Pricing,
    billing_check,
    cost_over_time,
    cost_stack,
    downtime_hours_per_year,
    monthly_price,
    options,
    payback_month,
    value_map,
)
from itexit.evaluation import Evaluation
from itexit.exit import Incident
from itexit.input import InvalidInput, read_money, validated
from itexit.types import new_id
from itexit.words import money

ui.header(
    "Costs",
    "What staying with your current provider really costs, against switching to each "
    "candidate, over the same number of months: the monthly prices worked out from your own "
    "numbers of users and devices, the yearly price rises, the early-termination fee and the "
    "months of paying both providers, the new provider's set-up fees, your own staff's time, "
    "and what the expected downtime costs your business.",
)
stored = ui.require_evaluation()
ui.require_providers(stored)
evaluation = stored.evaluation
business = evaluation.business
currency = evaluation.currency
today = date.today()

with st.form(ui.widget_key("business"), border=True):
    st.markdown(
        f"**Your business** (amounts in {currency}; change the currency on the Contract page)"
    )
    counts = st.columns(4)
    users = counts[0].number_input("Users", 0, 1_000_000, business.users)
    devices = counts[1].number_input(
        "Devices",
        0,
        1_000_000,
        business.devices,
        help="Computers, laptops, phones the provider manages",
    )
    servers = counts[2].number_input("Servers", 0, 1_000_000, business.servers)
    sites = counts[3].number_input("Sites", 0, 10_000, business.sites)
    money_row = st.columns(4)
    downtime = money_row[0].text_input(
        "Cost of an hour of downtime",
        f"{business.downtime_cost_per_hour}",
        help="Lost work and sales when systems are down for an hour: staff × hourly cost, "
        "plus lost revenue.",
    )
    hours = money_row[1].number_input(
        "Staff hours the switch takes", 0.0, 100_000.0, business.switch_hours, step=1.0
    )
    hourly = money_row[2].text_input("Cost of a staff hour", f"{business.hourly_cost}")
    horizon = money_row[3].number_input(
        "Horizon (months)",
        6,
        120,
        business.horizon_months,
        help="How far ahead to add up the costs; 36 months is usual.",
    )
    overlap = st.number_input(
        "Months of paying both providers during the move", 0, 12, business.overlap_months
    )
    if st.form_submit_button("Save", type="primary"):

        def edit(evaluation: Evaluation) -> Evaluation:
            return evaluation.with_business(
                validated(
                    Business,
                    users=users,
                    devices=devices,
                    servers=servers,
                    sites=sites,
                    downtime_cost_per_hour=read_money(downtime, "Cost of an hour of downtime"),
                    switch_hours=hours,
                    hourly_cost=read_money(hourly, "Cost of a staff hour"),
                    horizon_months=horizon,
                    overlap_months=overlap,
                )
            )

        ui.change(stored, edit, "Saved your figures.", from_form=True)

provider = evaluation.provider(ui.choose_provider(evaluation.ordered_providers, "Pricing of"))
pricing = provider.pricing or Pricing()
with (
    st.expander(
        f"Pricing of {ui.plain(provider.name)}",
        expanded=provider.pricing is None,
        icon=":material/payments:",
    ),
    st.form(ui.widget_key(f"pricing-{provider.id}")),
):
    st.caption(
        "Fill in what the price list or contract says; leave what does not apply at 0. "
        "Mixed pricing (a flat fee plus per user) is fine."
    )
    left, middle, right = st.columns(3)
    fields = {
        "flat_monthly": left.text_input("Flat monthly fee", f"{pricing.flat_monthly}"),
        "per_user": middle.text_input("Per user, per month", f"{pricing.per_user}"),
        "per_device": right.text_input("Per device, per month", f"{pricing.per_device}"),
        "per_server": left.text_input("Per server, per month", f"{pricing.per_server}"),
        "per_site": middle.text_input("Per site, per month", f"{pricing.per_site}"),
        "add_ons": right.text_input(
            "Add-ons, per month",
            f"{pricing.add_ons}",
            help="Backup storage, security extras and the like",
        ),
        "onboarding": left.text_input("Onboarding fee (one-time)", f"{pricing.onboarding}"),
        "projects": middle.text_input("Project fees (one-time)", f"{pricing.projects}"),
    }
    increase = right.text_input("Yearly price increase (%)", f"{pricing.yearly_increase}")
    billed = st.columns(2)
    billed_users = billed[0].number_input(
        "Users on their invoice",
        0,
        1_000_000,
        pricing.billed_users,
        placeholder="leave empty if unknown",
        help="For the billing check: how many users the provider charges you for.",
    )
    billed_devices = billed[1].number_input(
        "Devices on their invoice",
        0,
        1_000_000,
        pricing.billed_devices,
        placeholder="leave empty if unknown",
    )
    if st.form_submit_button("Save pricing", type="primary"):

        def price(evaluation: Evaluation) -> Evaluation:
            amounts = {
                key: read_money(value, label)
                for (key, value), label in zip(
                    fields.items(),
                    [
                        "Flat monthly fee",
                        "Per user",
                        "Per device",
                        "Per server",
                        "Per site",
                        "Add-ons",
                        "Onboarding fee",
                        "Project fees",
                    ],
                    strict=True,
                )
            }
            try:
                rise = Decimal(increase.strip() or "0")
            except ArithmeticError:
                raise InvalidInput(
                    f"Yearly price increase: '{increase}' is not a number."
                ) from None
            entered = validated(
                Pricing,
                **amounts,
                yearly_increase=rise,
                billed_users=billed_users,
                billed_devices=billed_devices,
            )
            return evaluation.with_pricing(provider.id, entered)

        ui.change(stored, price, f"Saved the pricing of {provider.name}.", from_form=True)

choices = options(evaluation, today)
if not choices:
    st.info(
        "Enter the pricing of your current provider and at least one candidate (or the monthly "
        "fee in their contracts) to compare the costs."
    )
    st.stop()

st.subheader(f"Over {business.horizon_months} months")
stay = next((o for o in choices if o.stay), None)
table = pd.DataFrame(
    {
        "Option": [o.label for o in choices],
        "Monthly price now": [float(monthly_price(o.provider, business) or 0) for o in choices],
        **{part.capitalize(): [float(o.parts[part]) for o in choices] for part in PARTS},
        "Total": [float(o.total) for o in choices],
        "Pays for itself in month": [
            (payback_month(stay, o) if stay and not o.stay else None) for o in choices
        ],
    }
)
money_column = st.column_config.NumberColumn(format=f"%,.2f {currency}")
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "Option": st.column_config.TextColumn(pinned=True),
        **{
            c: money_column
            for c in table.columns
            if c not in ("Option", "Pays for itself in month")
        },
        "Pays for itself in month": st.column_config.NumberColumn(
            format="%d", help="The month by whose end switching has cost no more than staying"
        ),
    },
)
if stay is not None:
    cheapest = min(choices, key=lambda o: o.total)
    if cheapest is stay:
        st.markdown(f"Staying is the cheapest option over {business.horizon_months} months.")
    else:
        saving = stay.total - cheapest.total
        st.markdown(
            f"**{ui.plain(cheapest.label)}** costs {money(saving, currency)} less than "
            f"staying over {business.horizon_months} months."
        )
    hours_now = downtime_hours_per_year(evaluation, stay.provider, today)
    if hours_now is not None:
        st.caption(
            f"Expected downtime with {ui.plain(stay.provider.name)}: {hours_now:.1f} hours a year "
            "(from its uptime guarantee, or your incident log of the last 12 months where that "
            "shows more)."
        )
st.plotly_chart(cost_stack(choices, currency), width="stretch", config={"displaylogo": False})
st.markdown(
    "**What each option has cost by each month**; a star marks the month switching pays for itself."
)
st.plotly_chart(
    cost_over_time(evaluation, choices, currency), width="stretch", config={"displaylogo": False}
)

st.subheader("What the money buys")
st.markdown(
    "Overall score against monthly price: up and to the left is good value. Bigger bubbles "
    "rest on more answers."
)
prices = {p.id: monthly_price(p, business) for p in evaluation.providers}
st.plotly_chart(
    value_map(evaluation, ui.derived(stored, compare), prices, currency),
    width="stretch",
    config={"displaylogo": False},
)

st.subheader("Billing check")
check = billing_check(evaluation)
if check is None:
    st.caption(
        "Enter the users and devices on your current provider's invoice in its pricing above to "
        "compare them with your own counts."
    )
elif check.monthly == 0 and not (check.users or check.devices):
    st.success("The invoice matches your counts: no users or devices billed that you don't have.")
else:
    st.warning(
        f"You are billed for {check.users} user(s) and {check.devices} device(s) more than you "
        f"have: {money(check.monthly, currency)} a month, "
        f"{money(check.monthly * 12, currency)} a year. "
        "That is evidence for the ground 'billed for services you did not receive'."
    )
    if st.button("Add this to the incident log as evidence", icon=":material/gavel:"):

        def log(evaluation: Evaluation) -> Evaluation:
            entry = validated(
                Incident,
                id=new_id(),
                day=today,
                what=(
                    f"Billed for {check.users} users and {check.devices} devices more than we have"
                ),
                impact=f"Overbilled by {money(check.monthly, currency)} a month",
                grounds=("billing",),
            )
            return evaluation.with_incident(entry)

        ui.change(stored, log, "Added to the incident log on the Grounds & evidence page.")
