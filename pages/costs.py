"""Costs: the true cost of staying or switching over a horizon, and what the money buys."""

from datetime import date

import streamlit as st

from itexit import ui
from itexit.cost import views

ui.header(
    "Costs",
    "What staying with your current provider really costs, against switching to each "
    "candidate, over the same months: prices from your own numbers of users and devices, yearly "
    "rises, the months of paying both providers, the early-termination fee when you leave before "
    "the term ends, set-up fees, your staff's time, and what expected downtime costs you.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
ui.require_providers(stored)
evaluation = stored.evaluation
currency = evaluation.currency

with st.form(ui.widget_key("business", stored.evaluation.business), border=True):
    st.markdown(f"**Your business** (every amount in {currency}, the currency set here)")
    cells = [*st.columns(4), *st.columns(4), *st.columns(2)]
    fields = ui.derived(stored, views.business_form).items()
    figures = {name: ui.entry(cell, e) for (name, e), cell in zip(fields, cells, strict=True)}
    figures["downtime"] = ui.choice(st, ui.derived(stored, views.downtime_choice))
    if st.form_submit_button("Save", type="primary", disabled=locked):
        ui.change(stored, lambda e: views.business_entered(e, **figures), "Saved your figures.")

provider_id = ui.choose_provider(evaluation.ordered_providers, "Pricing of")
pricing = ui.derived(stored, views.pricing_form, provider_id)
with (
    st.expander(
        f"Pricing of {ui.plain(pricing.name)}",
        expanded=pricing.expanded,
        icon=":material/payments:",
    ),
    st.form(ui.widget_key(f"pricing-{provider_id}", pricing)),
):
    st.caption(
        "Fill in what the price list or contract says; leave what does not apply at 0. "
        "Mixed pricing (a flat fee plus per user) is fine."
    )
    thirds = ui.fields(*st.columns(3))  # disabled for a viewer
    amounts = {
        field.name: thirds[i % 3].text_input(
            field.label, pricing.amounts[field.name], help=field.help
        )
        for i, field in enumerate(views.PRICE_FIELDS)
    }
    increase = thirds[2].text_input("Yearly price increase (%)", pricing.increase)
    billed = {
        name: ui.entry(cell, field)
        for (name, field), cell in zip(pricing.billed.items(), st.columns(2), strict=True)
    }
    if st.form_submit_button("Save pricing", type="primary", disabled=locked):
        ui.change(
            stored,
            lambda e: views.pricing_entered(e, provider_id, amounts, increase, **billed),
            f"Saved the pricing of {pricing.name}.",
        )

today = date.today()
now = ui.derived(stored, views.can_switch_now, today) and st.toggle(
    "Also show switching now, before the term ends",
    key="itexit_switch_now",
    help="Leaving before the contract's term ends pays its early-termination fee.",
)
view = ui.derived(stored, views.costs_view, today, now)
for line in view.unpriced:
    st.info(ui.plain(line), icon=":material/price_check:")
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
        views.PAYBACK_COLUMN: st.column_config.TextColumn(
            help="The month by whose end switching has cost no more than staying"
        ),
    },
)
if view.saving is not None:
    cheapest = f"**{ui.plain(view.saving.option)}** " if view.saving.option else ""
    st.markdown(cheapest + ui.plain(view.saving.sentence))
st.markdown("\n".join(f"- {ui.plain(line)}" for line in view.leaving))
st.caption("**Expected downtime.** " + " ".join(ui.plain(line) for line in view.downtime))
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
    "Add this to the incident log as evidence", icon=":material/gavel:", disabled=locked
):
    ui.change(
        stored,
        lambda e: views.billing_logged(e, today),
        "Added to the incident log on the Grounds & evidence page.",
    )
