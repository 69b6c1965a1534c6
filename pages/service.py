"""Service levels: what each provider promises, and what the current one actually delivered."""

from datetime import UTC, datetime

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from itexit import ui
from itexit.input import InvalidInput
from itexit.service.views import (
    DURATION_KINDS,
    HOURS_COLUMNS,
    MET_COLUMNS,
    delivered_view,
    import_tickets,
    mapping_form,
    promises_entered,
    promises_form,
)
from itexit.types import PRIORITIES

ui.header(
    "Service levels",
    "What each provider **promises**: uptime, how fast it responds to and resolves a ticket "
    "of each priority (P1 urgent, P2 important, P3 routine), and the service credits if it "
    "misses. For your current provider, import a ticket export from its ticket system to see "
    "what it actually **delivered**, month by month, beside what it promised.",
)
stored = ui.require_evaluation()
ui.require_providers(stored)
evaluation = stored.evaluation

provider_id = ui.choose_provider(evaluation.ordered_providers, "Promises of")
promises = ui.derived(stored, promises_form, provider_id)


def hours(cell: DeltaGenerator, label: str, value: float | None) -> float | None:
    """A number of hours promised, in a cell of the promises table (empty: not promised)."""
    return cell.number_input(
        label,
        0.0,
        10_000.0,
        value,
        step=0.5,
        label_visibility="collapsed",
        placeholder="not promised",
    )


with st.form(ui.widget_key(f"service-{provider_id}"), border=True):
    st.markdown(f"**What {ui.plain(promises.name)} promises**")
    uptime = st.text_input(
        "Uptime guarantee (%)",
        promises.uptime,
        placeholder="e.g. 99.9",
        help="99.9 % allows about 8.8 hours of downtime a year; 99.5 % about 44 hours.",
    )
    header = st.columns([1, 2, 2])
    header[1].markdown("Respond within (hours)")
    header[2].markdown("Resolve within (hours)")
    times = {}
    for priority in PRIORITIES:
        row = st.columns([1, 2, 2], vertical_alignment="center")
        row[0].markdown(f"**{priority}**")
        times[priority] = (
            hours(row[1], f"{priority} response", promises.response_hours[priority]),
            hours(row[2], f"{priority} resolution", promises.resolution_hours[priority]),
        )
    credits = st.text_input(
        "Service credits",
        promises.credits,
        max_chars=500,
        placeholder="e.g. 5 % of the monthly fee for each hour below the uptime guarantee",
    )
    if st.form_submit_button("Save promises", type="primary"):
        ui.change(
            stored,
            lambda e: promises_entered(e, provider_id, uptime, times, credits),
            f"Saved the promises of {promises.name}.",
            from_form=True,
        )

current = evaluation.current
st.subheader("What your current provider delivered")
if current is None:
    st.info("Mark your current provider on the Providers page to import its tickets.")
    st.stop()

upload = st.file_uploader(
    f"Ticket export from {ui.plain(current.name)} (CSV)",
    type=["csv", "txt"],
    key=ui.widget_key("tickets-file"),
    help="Export all tickets of the last 12 months or more from the provider's portal or "
    "ticket system (Zendesk, Freshdesk, ConnectWise, Autotask, ServiceNow, Jira, HaloPSA...).",
)
if upload is not None:
    try:
        export = ui.uploaded_tickets(upload.getvalue())
    except InvalidInput as exc:
        st.error(f"{ui.plain(upload.name)}: {ui.plain(str(exc))}")
    else:
        mapping = mapping_form(evaluation, export)
        st.markdown(
            f"**{mapping.rows}** in {ui.plain(upload.name)}. Tell ITexit which column holds "
            "what; its guesses (or your choices from the last import) are filled in."
        )
        st.dataframe(mapping.preview, hide_index=True)
        with st.form(ui.widget_key("mapping"), border=True):

            def pick(label: str, field: str, help: str | None = None) -> str | None:
                choice = mapping.columns[field]
                return st.selectbox(label, choice.options, index=choice.index, help=help)

            def kind(label: str, field: str) -> str | None:
                choice = mapping.kinds[field]
                return st.radio(
                    label,
                    choice.options,
                    index=choice.index,
                    horizontal=True,
                    format_func=DURATION_KINDS.__getitem__,
                )

            left, right = st.columns(2)
            with left:
                columns = {
                    "created": pick("Created", "created"),
                    "priority": pick("Priority", "priority"),
                    "status": pick(
                        "Status", "status", help="Used to tell which tickets are still open"
                    ),
                    "category": pick("Category", "category"),
                }
            with right:
                columns["first_response"] = pick("First response", "first_response")
                kinds = {"first_response": kind("First response is", "first_response")}
                columns["resolved"] = pick("Resolved", "resolved")
                kinds["resolved"] = kind("Resolved is", "resolved")
            go_on, cancel = st.columns(2)
            do_import = go_on.form_submit_button("Import these tickets", type="primary")
            do_cancel = cancel.form_submit_button("Cancel")
        if do_cancel:
            ui.reject("Import cancelled; nothing was saved.")
        if do_import:
            bar = st.progress(0.0, text="Reading the tickets")
            try:
                imported = import_tickets(
                    export,
                    columns,
                    kinds,
                    upload.name,
                    datetime.now(UTC),
                    lambda share, text: bar.progress(share, text=text),
                )
            except InvalidInput as exc:
                bar.empty()
                st.error(f"Nothing was imported. {ui.plain(str(exc))}")
            else:
                ui.change(
                    stored,
                    lambda e: e.with_tickets(imported.summary),
                    imported.message,
                    then=lambda store: store.save_tickets(stored.id, imported.body),
                )

tickets = ui.tickets(stored)
if tickets is None:
    st.info(
        "No tickets imported yet. Export the tickets from your provider's system as CSV and "
        "drop the file above: ITexit measures them against the promises."
    )
    st.stop()

view = delivered_view(evaluation, tickets)
st.caption(ui.plain(view.caption))
if view.skipped is not None:
    st.warning(ui.plain(view.skipped))
if view.hint is not None:
    st.info(ui.plain(view.hint))
hours_format = st.column_config.NumberColumn(format="%.1f")
share_format = st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)
st.dataframe(
    view.table,
    hide_index=True,
    width="stretch",
    column_config={
        **{column: share_format for column in MET_COLUMNS},
        **{column: hours_format for column in HOURS_COLUMNS},
    },
)
st.caption(
    "'Met' is the share of tickets answered or resolved within the promised hours (open "
    "tickets have no resolution time yet). Half of the tickets took less than the median; 9 "
    "in 10 took less than the '90 %' figure."
)
if view.trend is not None:
    st.markdown("**Month by month**")
    ui.chart(view.trend)
