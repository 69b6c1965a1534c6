"""Service levels: what each provider promises, and what the current one actually delivered."""

from datetime import UTC, datetime

import streamlit as st

from itexit import ui
from itexit.service import views

ui.header(
    "Service levels",
    "What each provider **promises**: uptime, how fast it responds to and resolves a ticket "
    "of each priority (P1 urgent, P2 important, P3 routine), and the service credits if it "
    "misses. For your current provider, import a ticket export from its ticket system to see "
    "what it actually **delivered**, month by month, beside what it promised.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
ui.require_providers(stored)
evaluation = stored.evaluation
provider_id = ui.choose_provider(evaluation.ordered_providers, "Promises of")
promises = ui.derived(stored, views.promises_form, provider_id)


with st.form(ui.widget_key(f"service-{provider_id}", promises), border=True):
    st.markdown(f"**What {ui.plain(promises.name)} promises**")
    uptime = ui.entry(st, promises.uptime)
    header = st.columns([1, 2, 2])
    header[1].markdown("Respond within (hours)")
    header[2].markdown("Resolve within (hours)")
    times = {}
    for priority, (respond, resolve) in promises.hours.items():
        row = st.columns([1, 2, 2], vertical_alignment="center")
        row[0].markdown(f"**{priority}**")
        times[priority] = (ui.entry(row[1], respond), ui.entry(row[2], resolve))
    picks = zip(promises.clocks.items(), st.columns(len(promises.clocks)), strict=True)
    clocks = {priority: ui.choice(cell, pick) for (priority, pick), cell in picks}
    with st.expander(ui.plain(promises.week_title)):
        week = {key: ui.choice(st, pick) for key, pick in promises.week.items()}
        week["region"] = ui.entry(st, promises.region)
    credits = ui.entry(st, promises.credits)
    if st.form_submit_button("Save promises", type="primary", disabled=locked):
        ui.change(
            stored,
            lambda e: views.promises_entered(e, provider_id, uptime, times, credits, clocks, week),
            f"Saved the promises of {promises.name}.",
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
    disabled=locked,
)
export = ui.uploaded_tickets(upload) if upload is not None else None
if upload is not None and export is not None:
    mapping = views.mapping_form(evaluation, export)
    st.markdown(
        f"**{mapping.rows}** in {ui.plain(upload.name)}. Tell ITexit which column holds "
        "what; its guesses (or your choices from the last import) are filled in."
    )
    st.dataframe(mapping.preview, hide_index=True)
    if mapping.dates is not None:  # the file cannot tell the order of day and month: ask
        st.dataframe(mapping.dates, hide_index=True)
    with st.form(ui.widget_key("mapping"), border=True):
        picked: dict[str, dict[str, str]] = {"columns": {}, "kinds": {}, "words": {}}
        for cell, pickers in zip(st.columns(2), mapping.layout(), strict=True):
            for part, field, choice in pickers:
                picked[part][field] = ui.choice(cell, choice)
        go_on, cancel = st.columns(2)
        do_import = go_on.form_submit_button("Import these tickets", type="primary")
        do_cancel = cancel.form_submit_button("Cancel")
    if do_cancel:
        ui.reject("Import cancelled; nothing was saved.")
    columns, kinds, words = picked.values()
    if do_import:
        ui.read_tickets(
            stored,
            lambda progress: views.import_tickets(
                export, columns, kinds, upload.name, datetime.now(UTC), progress, words
            ),
            "Reading the tickets",
        )

view = ui.derived_from_tickets(stored, views.delivered_view)
if view is None:
    st.info(views.NO_TICKETS)
    st.stop()

st.caption(ui.plain(view.caption))
if view.skipped is not None:
    st.warning(ui.plain(view.skipped))
if view.hint is not None:
    st.info(ui.plain(view.hint))
share = st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)
st.dataframe(view.table, hide_index=True, column_config=dict.fromkeys(views.MET_COLUMNS, share))
st.caption(ui.plain(view.explained))
if view.words is not None:  # how the file's priority words were read; the user may change it
    st.caption(views.WORDS_EXPLAINED)
    readings = st.column_config.SelectboxColumn(options=list(views.READINGS.values()))
    words = st.data_editor(
        view.words,
        hide_index=True,
        disabled=locked or views.WORDS_FIXED,
        column_config={"Read as": readings},
        key=ui.widget_key("words", view.words),
    )
    if st.button("Read the priorities this way", disabled=locked or words.equals(view.words)):
        ui.read_tickets(
            stored,
            lambda p: views.priorities_reread(
                evaluation, ui.ticket_body(stored), words, datetime.now(UTC), p
            ),
            "Reading the tickets again",
        )
if view.trend is not None:
    st.markdown("**Month by month**")
    ui.chart(view.trend)
