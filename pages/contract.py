"""Contract & deadlines: a provider's contract, what locks you in, and when you can leave."""

from datetime import date
from typing import Any

import streamlit as st

from itexit import ui
from itexit.exit.views import (
    DATE_RULES,
    NOTICE_UNITS,
    ContractForm,
    calendar_file,
    contract_saved,
    contract_view,
)
from itexit.export import file_name

DATE_RANGE: dict[str, Any] = {"min_value": date(1990, 1, 1), "max_value": date(2100, 12, 31)}

ui.header(
    "Contract & deadlines",
    "Enter your provider's contract as it stands on paper. ITexit works out when the current "
    "term ends, the **last day to give notice** so it does not renew, and what in the contract "
    "makes leaving hard. Add the dates to your calendar so the deadline cannot slip by.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
ui.require_providers(stored)
evaluation = stored.evaluation
provider = evaluation.provider(ui.choose_provider(evaluation.ordered_providers, "Whose contract"))
view = ui.derived(stored, contract_view, provider.id, date.today())

if view.missing:
    st.info(ui.plain(view.missing))
if view.over:
    st.success(view.over)
if view.ends:
    st.info(view.ends)
if view.missed:
    st.error(view.missed)
if view.metrics:
    for column, m in zip(st.columns(len(view.metrics)), view.metrics, strict=True):
        column.metric(m.label, m.value, m.delta, delta_color=m.delta_color, delta_arrow="off")
if view.near:
    st.warning(view.near)
for warning in view.lock_in:
    st.warning(warning, icon=":material/lock:")
if view.fees:
    st.caption(ui.plain(f"{view.notice_period} {view.fees}"))
if view.calendar_offered:
    st.download_button(
        "Add the key dates to your calendar (.ics)",
        data=lambda: ui.derived(stored, calendar_file, date.today()),
        file_name=file_name(evaluation.name, "key-dates", "ics"),
        mime="text/calendar",
        icon=":material/calendar_month:",
        on_click="ignore",
        help="Opens in Outlook, Google Calendar or Apple Calendar, with reminders before "
        "each date.",
    )

form = view.form
with st.form(ui.widget_key(f"contract-{provider.id}", form)):
    st.subheader(f"Contract with {ui.plain(provider.name)}")
    left, right = ui.fields(*st.columns(2))  # disabled for a viewer
    entered = ContractForm(
        start=left.date_input("Start date", value=form.start, format="YYYY-MM-DD", **DATE_RANGE),
        term_months=right.number_input(
            "Term in months",
            min_value=1,
            max_value=600,
            value=form.term_months,
            help="How long the first term lasts, e.g. 36 for three years.",
        ),
        states_end=left.checkbox(
            "The contract states the end date of the first term",
            value=form.states_end,
            help="Tick this only if the contract names a different end date than start + term.",
        ),
        end=right.date_input(
            "End date as stated in the contract", value=form.end, format="YYYY-MM-DD", **DATE_RANGE
        ),
        auto_renews=left.checkbox(
            "Renews automatically unless notice is given", value=form.auto_renews
        ),
        renewal_months=right.number_input(
            "Each renewal lasts (months)", min_value=1, max_value=120, value=form.renewal_months
        ),
        notice=left.number_input(
            "Notice period",
            min_value=0,
            max_value=3650,
            value=form.notice,
            help="How long before the end of a term notice must be given, as the contract says.",
        ),
        notice_in=left.radio(
            "Counted in", NOTICE_UNITS, NOTICE_UNITS.index(form.notice_in), horizontal=True
        ),
        currency=right.text_input(
            "Currency (3-letter code)", value=form.currency, max_chars=3, help="e.g. USD, EUR, GBP"
        ),
        monthly_fee=left.text_input("Monthly fee", value=form.monthly_fee, placeholder="1450.00"),
        termination_fee=right.text_input(
            "Early-termination fee",
            value=form.termination_fee,
            placeholder="0.00",
            help="What the contract says you pay to leave before the end of a term.",
        ),
    )
    if st.form_submit_button("Save contract", type="primary", disabled=locked):
        ui.change(
            stored,
            lambda e: contract_saved(e, provider.id, entered),
            f"Saved the contract with {provider.name}.",
        )

if view.has_contract:
    with st.popover("Remove this contract", icon=":material/delete:"):
        st.markdown(f"Remove the contract recorded for **{ui.plain(provider.name)}**?")
        if st.button("Yes, remove it", key=ui.widget_key("remove-contract"), disabled=locked):
            ui.change(stored, lambda e: e.with_contract(provider.id, None), "Removed the contract.")

with st.expander("How ITexit counts the dates", icon=":material/help:"):
    st.markdown(DATE_RULES)
