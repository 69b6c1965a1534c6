"""Contract & deadlines: a provider's contract, what locks you in, and when you can leave."""

from datetime import date
from typing import Any

import streamlit as st

from itexit import ui
from itexit.evaluation import Evaluation
from itexit.exit import Contract, key_dates, lock_in, next_deadline
from itexit.export import calendar_ics, file_name
from itexit.input import InvalidInput, read_money, validated
from itexit.words import long_date, money

DATE_RANGE: dict[str, Any] = {
    "min_value": date(1990, 1, 1),
    "max_value": date(2100, 12, 31),
    "format": "YYYY-MM-DD",
}

ui.header(
    "Contract & deadlines",
    "Enter your provider's contract as it stands on paper. ITexit works out when the current "
    "term ends, the **last day to give notice** so it does not renew, and what in the contract "
    "makes leaving hard. Add the dates to your calendar so the deadline cannot slip by.",
)
stored = ui.require_evaluation()
ui.require_providers(stored)
evaluation = stored.evaluation
today = date.today()

provider = evaluation.provider(ui.choose_provider(evaluation.ordered_providers, "Whose contract"))
contract = provider.contract

if contract is None:
    st.info(
        f"No contract recorded for {ui.plain(provider.name)} yet. Fill in the form below from "
        "the signed contract (the start date, the term, renewal and notice clauses, the fees)."
    )
else:
    deadline = next_deadline(contract, today)
    if deadline is None:
        st.success(
            "The contract's term is over and it does not renew by itself: you can leave with "
            "reasonable notice. Check that nothing was signed since."
        )
    elif deadline.notice_by is None:
        st.info(
            f"The contract ends on **{long_date(deadline.term_end)}** and does not renew by itself."
        )
    else:
        if deadline.missed:
            st.error(
                f"The last day to give notice, {long_date(deadline.missed)}, has passed, so the "
                f"contract renews. The next window is below."
            )
        columns = st.columns(3)
        columns[0].metric(
            "Last day to give notice",
            long_date(deadline.notice_by),
            f"{deadline.days_left} days left" if deadline.days_left else "today",
            delta_color="red" if deadline.near else "gray",
            delta_arrow="off",
        )
        columns[1].metric("Contract ends (with notice)", long_date(deadline.term_end))
        columns[2].metric(
            "Renews, without notice, on", long_date(deadline.renewal or deadline.term_end)
        )
        if deadline.near:
            st.warning(
                f"The notice deadline is near: {deadline.days_left} days left. Send your notice "
                "in writing (see the Notice letter page) and keep proof that it arrived."
            )
    for warning in lock_in(contract):
        st.warning(warning, icon=":material/lock:")
    st.caption(
        f"Monthly fee {money(contract.monthly_fee, evaluation.currency)}; early-termination fee "
        f"{money(contract.termination_fee, evaluation.currency)}."
    )
    dates = key_dates(evaluation, today) if provider.current else []
    if dates:
        st.download_button(
            "Add the key dates to your calendar (.ics)",
            data=calendar_ics(dates, f"ITexit: {evaluation.name}"),
            file_name=file_name(evaluation.name, "key-dates", "ics"),
            mime="text/calendar",
            icon=":material/calendar_month:",
            on_click="ignore",
            help="Opens in Outlook, Google Calendar or Apple Calendar, with reminders before "
            "each date.",
        )

with st.form(ui.widget_key(f"contract-{provider.id}")):
    st.subheader(f"Contract with {ui.plain(provider.name)}")
    left, right = st.columns(2)
    start = left.date_input(
        "Start date",
        value=contract.start if contract else None,
        **DATE_RANGE,
    )
    term = right.number_input(
        "Term in months",
        min_value=1,
        max_value=600,
        step=1,
        value=contract.term_months if contract else 12,
        help="How long the first term lasts, e.g. 36 for three years.",
    )
    states_end = left.checkbox(
        "The contract states the end date of the first term",
        value=bool(contract and contract.end),
        help="Tick this only if the contract names a different end date than start + term.",
    )
    end = right.date_input(
        "End date as stated in the contract",
        value=contract.end if contract and contract.end else None,
        **DATE_RANGE,
    )
    renews = left.checkbox(
        "Renews automatically unless notice is given",
        value=bool(contract and contract.auto_renews),
    )
    renewal = right.number_input(
        "Each renewal lasts (months)",
        min_value=1,
        max_value=120,
        step=1,
        value=contract.renewal_months if contract else 12,
    )
    notice = left.number_input(
        "Notice period in days",
        min_value=0,
        max_value=3650,
        step=1,
        value=contract.notice_days if contract else 30,
        help="Calendar days before the end of a term by which notice must be given.",
    )
    currency = right.text_input(
        "Currency (3-letter code)",
        value=evaluation.currency,
        max_chars=3,
        help="e.g. USD, EUR, GBP",
    )
    monthly = left.text_input(
        "Monthly fee", value=f"{contract.monthly_fee}" if contract else "", placeholder="1450.00"
    )
    termination = right.text_input(
        "Early-termination fee",
        value=f"{contract.termination_fee}" if contract else "",
        placeholder="0.00",
        help="What the contract says you pay to leave before the end of a term.",
    )
    if st.form_submit_button("Save contract", type="primary"):

        def edit(evaluation: Evaluation) -> Evaluation:
            if start is None:
                raise InvalidInput("Start date: enter the date the contract started.")
            if states_end and end is None:
                raise InvalidInput(
                    "End date: enter it, or untick 'The contract states the end date'."
                )
            entered = validated(
                Contract,
                start=start,
                term_months=term,
                auto_renews=renews,
                renewal_months=renewal,
                notice_days=notice,
                end=end if states_end else None,
                monthly_fee=read_money(monthly, "Monthly fee"),
                termination_fee=read_money(termination, "Early-termination fee"),
            )
            changed = evaluation.with_contract(provider.id, entered)
            return changed.with_currency(currency)

        ui.change(stored, edit, f"Saved the contract with {provider.name}.", from_form=True)

if contract is not None:
    with st.popover("Remove this contract", icon=":material/delete:"):
        st.markdown(f"Remove the contract recorded for **{ui.plain(provider.name)}**?")
        if st.button("Yes, remove it", key=ui.widget_key("remove-contract")):
            ui.change(
                stored,
                lambda e: e.with_contract(provider.id, None),
                "Removed the contract.",
            )

with st.expander("How ITexit counts the dates", icon=":material/help:"):
    st.markdown(
        "- A term of N months starting on a day ends the day before the same day N months "
        "later: 12 months from 1 March 2025 end on 28 February 2026.\n"
        "- When a month has no such day, the month's last day is used: a term starting "
        "31 January renews on 28 February (29 in a leap year), then 31 March.\n"
        "- Renewals are counted from the first renewal date, so month ends don't drift.\n"
        "- Notice is counted in calendar days back from the last day of the term: 30 days' "
        "notice for a term ending 31 December means notice by 1 December. Notice given on that "
        "day itself is on time.\n"
        "- If the contract states the end date of the first term, that date is used.\n\n"
        "Contracts differ: check the wording of yours, and take advice when in doubt."
    )
