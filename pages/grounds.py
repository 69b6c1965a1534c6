"""Grounds & evidence: which grounds to leave early apply, the incident log, the routes out."""

from datetime import date

import pandas as pd
import streamlit as st

from itexit import ui
from itexit.evaluation import Evaluation
from itexit.exit import (
    GROUND_BY_ID,
    GROUNDS,
    STRENGTH_WORDS,
    GroundClaim,
    Incident,
    evidence_strength,
    exit_routes,
)
from itexit.input import InvalidInput, validated
from itexit.types import new_id

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
stored = ui.require_evaluation()
evaluation = stored.evaluation
today = date.today()
current = evaluation.current
if current is None:
    st.info("Mark your current provider on the Providers page first: the grounds are about it.")
    st.page_link(ui.PROVIDERS_PAGE, label="Go to Providers", icon=":material/groups:")
    st.stop()

st.subheader("Your routes out")
for route in exit_routes(evaluation, today):
    st.markdown(f"**{ui.plain(route.title)}.** {ui.plain(route.detail)}")

st.subheader("Grounds")
with st.form(ui.widget_key("grounds")):
    answers: dict[str, tuple[str, str]] = {}
    for ground in GROUNDS:
        claim = evaluation.exit.grounds.get(ground.id, GroundClaim())
        with st.container(border=True):
            st.markdown(f"**{ground.title}**")
            st.caption(f"{ground.explanation} Evidence that helps: {ground.evidence_hint}")
            left, right = st.columns([1, 2])
            left.markdown("Does it apply?")
            applies = left.radio(
                f"Does it apply: {ground.title}?",
                ["yes", "no", "unsure"],
                index=["yes", "no", "unsure"].index(claim.applies),
                horizontal=True,
                label_visibility="collapsed",
                key=ui.widget_key(f"applies-{ground.id}"),
            )
            notes = right.text_area(
                "Notes",
                value=claim.notes,
                max_chars=2000,
                height=68,
                key=ui.widget_key(f"notes-{ground.id}"),
                placeholder="What happened, where the proof is (emails, invoices, reports)",
            )
            left.caption(STRENGTH_WORDS[evidence_strength(evaluation, ground.id)].capitalize())
            answers[ground.id] = (str(applies), notes)
    if st.form_submit_button("Save grounds", type="primary"):

        def edit(evaluation: Evaluation) -> Evaluation:
            claims = {
                gid: validated(GroundClaim, applies=a, notes=n) for gid, (a, n) in answers.items()
            }
            return evaluation.with_grounds(claims)

        ui.change(stored, edit, "Saved the grounds.", from_form=True)

st.subheader(f"Incident log for {ui.plain(current.name)}")
incidents = sorted(evaluation.exit.incidents, key=lambda i: i.day, reverse=True)
if incidents:
    st.dataframe(
        pd.DataFrame(
            {
                "Date": [i.day for i in incidents],
                "What happened": [i.what for i in incidents],
                "Impact": [i.impact for i in incidents],
                "Downtime (hours)": [i.downtime_hours for i in incidents],
                "Ticket": [i.ticket for i in incidents],
                "Evidence for": [
                    ", ".join(GROUND_BY_ID[g].title for g in i.grounds) for i in incidents
                ],
            }
        ),
        hide_index=True,
        column_config={"Date": st.column_config.DateColumn(format="D MMM YYYY")},
    )
    st.caption(
        f"{len(incidents)} incident{'s' if len(incidents) != 1 else ''}, "
        f"{sum(i.downtime_hours for i in incidents):g} hours of "
        "downtime in all."
    )
else:
    st.info("No incidents logged yet. Log each outage, missed deadline or billing error here.")

with st.form(ui.widget_key("incident"), border=True):
    st.markdown("**Log an incident**")
    left, right = st.columns(2)
    day = left.date_input("Date", value=today, max_value=today, format="YYYY-MM-DD")
    hours = right.number_input("Hours of downtime", min_value=0.0, max_value=10000.0, step=0.5)
    what = st.text_input("What happened", max_chars=500, placeholder="e.g. Server down all morning")
    impact = st.text_input(
        "Impact on the business", max_chars=500, placeholder="e.g. 12 staff could not work"
    )
    left, right = st.columns(2)
    ticket = left.text_input("Ticket or reference", max_chars=100)
    grounds = right.multiselect(
        "Evidence for",
        [g.id for g in GROUNDS],
        format_func=lambda g: GROUND_BY_ID[g].title,
        help="Which grounds this incident supports.",
    )
    if st.form_submit_button("Log incident", type="primary"):

        def log(evaluation: Evaluation) -> Evaluation:
            if not what.strip():
                raise InvalidInput("What happened: describe the incident in a few words.")
            entry = validated(
                Incident,
                id=new_id(),
                day=day,
                what=what.strip(),
                impact=impact.strip(),
                downtime_hours=hours,
                ticket=ticket.strip(),
                grounds=tuple(grounds),
            )
            return evaluation.with_incident(entry)

        ui.change(stored, log, "Logged the incident.", from_form=True)

if incidents:
    with st.popover("Remove an incident", icon=":material/delete:"):
        chosen = st.selectbox(
            "Incident",
            [i.id for i in incidents],
            format_func={i.id: f"{i.day.isoformat()}: {i.what}" for i in incidents}.__getitem__,
            key=ui.widget_key("incident-to-remove"),
        )
        if st.button("Remove it", key=ui.widget_key("remove-incident")):
            ui.change(
                stored,
                lambda e: e.without_incident(chosen),
                "Removed the incident.",
            )
