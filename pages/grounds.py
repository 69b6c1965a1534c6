"""Grounds & evidence: which grounds to leave early apply, the incident log, the routes out."""

from datetime import date

import streamlit as st

from itexit import ui
from itexit.exit.views import (
    CLAIM_CHOICES,
    INCIDENT_FORM,
    grounds_claimed,
    grounds_view,
    incident_logged,
    incidents_edited,
)
from itexit.types import NOTE_MAX

ui.header(
    "Grounds & evidence",
    "Can you leave before the contract ends? Mark which of the six usual grounds apply to your "
    "current provider, and log every incident as it happens, with its date, the impact, the "
    "hours of downtime and the ticket number. Dated, specific evidence is what makes a ground "
    "hard to dispute.",
)
st.warning(
    "ITexit helps you organise facts; this is not legal advice. Before you end a contract on "
    "these grounds, have the contract and your evidence checked by a lawyer.",
    icon=":material/gavel:",
)
stored, locked = ui.require_evaluation(), ui.read_only()
current = ui.require_current(stored, "the grounds are about it.")
today = date.today()
view = ui.derived(stored, grounds_view, today)

st.subheader("Your routes out")
for route in view.routes:
    st.markdown(f"**{ui.plain(route.title)}.** {ui.plain(route.detail)}")

st.subheader("Grounds")
with st.form(ui.widget_key("grounds", stored.evaluation.exit.grounds)):
    answers = {}
    for card in view.grounds:
        ground = card.ground
        with st.container(border=True):
            st.markdown(f"**{ground.title}**")
            st.caption(card.about)
            left, right = ui.fields(*st.columns([1, 2]))  # disabled for a viewer
            left.markdown("Does it apply?")
            applies = left.radio(
                f"Does it apply: {ground.title}?",
                CLAIM_CHOICES,
                index=card.choice,
                horizontal=True,
                label_visibility="collapsed",
                key=ui.widget_key(f"applies-{ground.id}", stored.evaluation.exit.grounds),
            )
            notes = right.text_area(
                "Notes",
                value=card.claim.notes,
                max_chars=NOTE_MAX,
                height=68,
                key=ui.widget_key(f"notes-{ground.id}", stored.evaluation.exit.grounds),
                placeholder="What happened, where the proof is (emails, invoices, reports)",
            )
            left.caption(card.strength)
            answers[ground.id] = (str(applies), notes)
    if st.form_submit_button("Save grounds", type="primary", disabled=locked):
        ui.change(stored, lambda e: grounds_claimed(e, answers), "Saved the grounds.")

st.subheader(f"Incident log for {ui.plain(current.name)}")
if not view.incidents.empty:
    log_key = ui.widget_key("incident-log", view.incidents)
    st.data_editor(
        view.incidents,
        key=log_key,
        hide_index=True,
        column_config={
            "Date": st.column_config.DateColumn(format="D MMM YYYY", max_value=today),
            "What happened": st.column_config.TextColumn(max_chars=500, required=True),
            "Impact": st.column_config.TextColumn(max_chars=500),
            "Downtime (hours)": st.column_config.NumberColumn(min_value=0.0, max_value=10000.0),
            "Ticket": st.column_config.TextColumn(max_chars=100),
            "Evidence for": st.column_config.MultiselectColumn(options=view.evidence_titles),
        },
        disabled=locked,
    )
    if edits := ui.editor_changes(log_key):
        ui.change(stored, lambda e: incidents_edited(e, view.incident_ids, edits, today), "Saved.")
    st.caption(f"{view.incident_summary} Change an incident by editing its cells.")
else:
    st.info(
        "No incidents logged yet. Log each outage, missed deadline or billing error here, and "
        "each document that backs a ground (a written agreement, an invoice) with its reference."
    )

with st.form(ui.widget_key("incident", stored.evaluation.exit.incidents), border=True):
    st.markdown("**Log an incident**")
    left, right = ui.fields(*st.columns(2))  # disabled for a viewer
    day = left.date_input("Date", value=today, max_value=today, format="YYYY-MM-DD")
    hours = ui.entry(right, INCIDENT_FORM.hours)
    what, impact = ui.entry(st, INCIDENT_FORM.what), ui.entry(st, INCIDENT_FORM.impact)
    left, right = ui.fields(*st.columns(2))
    ticket = ui.entry(left, INCIDENT_FORM.ticket)
    grounds = right.multiselect(
        "Evidence for",
        list(view.evidence_choices),
        format_func=view.evidence_choices.__getitem__,
        help="Which grounds this incident supports.",
    )
    if st.form_submit_button("Log incident", type="primary", disabled=locked):
        entry = (day, what, impact, hours, ticket, tuple(grounds))
        ui.change(stored, lambda e: incident_logged(e, *entry), "Logged the incident.")

if not view.incidents.empty:
    with st.popover("Remove an incident", icon=":material/delete:"):
        chosen = ui.fields(st).selectbox(
            "Incident",
            list(view.removable),
            format_func=view.removable.__getitem__,
            key=ui.widget_key("incident-to-remove", view.removable),
        )
        if st.button("Remove it", key=ui.widget_key("remove", view.removable), disabled=locked):
            ui.change(stored, lambda e: e.without_incident(chosen), "Removed the incident.")
