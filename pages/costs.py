"""Costs: the true cost of staying or switching over a horizon, and what the money buys."""

from datetime import date

import streamlit as st

from itexit import ui
from itexit.cost.views import (
    PAYBACK_COLUMN,
    PRICE_FIELDS,
    billing_logged,
    business_entered,
    costs_view,
    pricing_entered,
    pricing_form,
)

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

with st.form(ui.widget_key("business"), border=True):
    st.markdown(
        f"**Your business** (amounts in {currency}; change the currency on the Contract page)"
    )
    counts, money_row = st.columns(4), st.columns(4)
    figures = {
        "users": counts[0].number_input("Users", 0, 1_000_000, business.users),
        "devices": counts[1].number_input(
            "Devices",
            0,
            1_000_000,
            business.devices,
            help="Computers, laptops, phones the provider manages",
        ),
        "servers": counts[2].number_input("Servers", 0, 1_000_000, business.servers),
        "sites": counts[3].number_input("Sites", 0, 10_000, business.sites),
        "downtime_cost": money_row[0].text_input(
            "Cost of an hour of downtime",
            f"{business.downtime_cost_per_hour}",
            help="Lost work and sales when systems are down for an hour: staff × hourly cost, "
            "plus lost revenue.",
        ),
        "switch_hours": money_row[1].number_input(
            "Staff hours the switch takes", 0.0, 100_000.0, business.switch_hours, step=1.0
        ),
        "hourly_cost": money_row[2].text_input("Cost of a staff hour", f"{business.hourly_cost}"),
        "horizon_months": money_row[3].number_input(
            "Horizon (months)",
            6,
            120,
            business.horizon_months,
            help="How far ahead to add up the costs; 36 months is usual.",
        ),
        "overlap_months": st.number_input(
            "Months of paying both providers during the move", 0, 12, business.overlap_months
        ),
    }
    if st.form_submit_button("Save", type="primary"):
        ui.change(
            stored, lambda e: business_entered(e, **figures), "Saved your figures.", from_form=True
        )

provider_id = ui.choose_provider(evaluation.ordered_providers, "Pricing of")
pricing = ui.derived(stored, pricing_form, provider_id)
with (
    st.expander(
        f"Pricing of {ui.plain(pricing.name)}",
        expanded=pricing.expanded,
        icon=":material/payments:",
    ),
    st.form(ui.widget_key(f"pricing-{provider_id}")),
):
    st.caption(
        "Fill in what the price list or contract says; leave what does not apply at 0. "
        "Mixed pricing (a flat fee plus per user) is fine."
    )
    thirds = st.columns(3)
    amounts = {
        field.name: thirds[i % 3].text_input(
            field.label, pricing.amounts[field.name], help=field.help
        )
        for i, field in enumerate(PRICE_FIELDS)
    }
    increase = thirds[2].text_input("Yearly price increase (%)", pricing.increase)
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
        ui.change(
            stored,
            lambda e: pricing_entered(
                e, provider_id, amounts, increase, billed_users, billed_devices
            ),
            f"Saved the pricing of {pricing.name}.",
            from_form=True,
        )

today = date.today()
view = ui.derived(stored, costs_view, today)
if not view.compared:
    st.info(
        "Enter the pricing of your current provider and at least one candidate (or the monthly "
        "fee in their contracts) to compare the costs."
    )
    st.stop()

st.subheader(f"Over {view.horizon_months} months")
money_column = st.column_config.NumberColumn(format=f"%,.2f {currency}")
st.dataframe(
    view.table,
    hide_index=True,
    width="stretch",
    column_config={
        "Option": st.column_config.TextColumn(pinned=True),
        **{column: money_column for column in view.money_columns},
        PAYBACK_COLUMN: st.column_config.NumberColumn(
            format="%d", help="The month by whose end switching has cost no more than staying"
        ),
    },
)
if view.saving is not None:
    cheapest = f"**{ui.plain(view.saving.option)}** " if view.saving.option else ""
    st.markdown(cheapest + ui.plain(view.saving.sentence))
if view.downtime is not None:
    st.caption(ui.plain(view.downtime))
ui.chart(view.stack)
st.markdown(
    "**What each option has cost by each month**; a star marks the month switching pays for itself."
)
ui.chart(view.over_time)

st.subheader("What the money buys")
st.markdown(
    "Overall score against monthly price: up and to the left is good value. Bigger bubbles "
    "rest on more answers."
)
ui.chart(view.value_map)

st.subheader("Billing check")
show = {"unknown": st.caption, "matches": st.success, "overbilled": st.warning}
show[view.billing.outcome](view.billing.message)
if view.billing.outcome == "overbilled" and st.button(
    "Add this to the incident log as evidence", icon=":material/gavel:"
):
    ui.change(
        stored,
        lambda e: billing_logged(e, today),
        "Added to the incident log on the Grounds & evidence page.",
    )
