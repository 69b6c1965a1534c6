"""Offboarding: the checklist for moving away from the current provider, dated from cut-over."""

from datetime import date

import streamlit as st

from itexit import ui
from itexit.exit import TASK_STATUSES
from itexit.exit.views import move_dates_saved, offboarding_file, offboarding_view, tasks_edited
from itexit.export import file_name

ui.header(
    "Offboarding",
    "Everything to get, check and switch off when you move away from the current provider, so "
    "nothing is lost on the way out: admin accounts, domains, network access, their software on "
    "your computers, licences, documentation, a tested restore of your backups, your data back, "
    "and their access revoked. Set the cut-over date (the day the new provider takes over) and "
    "every item gets a due date; change owners, timing and status as you go.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
view = ui.derived(stored, offboarding_view, date.today())

with st.form(ui.widget_key("move-dates", view.notice, view.new_provider_start, view.cutover)):
    st.markdown("**The dates of the move**")
    left, middle, right = ui.fields(*st.columns(3))  # disabled for a viewer
    notice = left.date_input(
        "Notice given on",
        value=view.notice,
        max_value=view.notice_max,
        format="YYYY-MM-DD",
        help="Leave empty until you send it; the timeline then shows the last day for notice.",
    )
    start = middle.date_input(
        "New provider starts",
        value=view.new_provider_start,
        format="YYYY-MM-DD",
        help="From this day until cut-over you pay both providers (the overlap).",
    )
    cutover = right.date_input(
        "Cut-over",
        value=view.cutover,
        format="YYYY-MM-DD",
        help="The day the new provider takes over.",
    )
    if st.form_submit_button("Save dates", type="primary", disabled=locked):
        ui.change(
            stored,
            lambda e: move_dates_saved(
                e, notice=notice, new_provider_start=start, cutover=cutover, today=date.today()
            ),
            "Saved the dates of the move.",
        )

st.progress(view.done / view.total, text=view.progress)
if view.cutover is None:
    st.info("Set the cut-over date above to give every item a due date.")
if view.late:
    st.error(ui.plain(view.late), icon=":material/event_busy:")
if view.overdue:
    st.warning(ui.plain(view.overdue))

key = ui.widget_key("offboarding", view.table)
st.data_editor(
    view.table,
    key=key,
    hide_index=True,
    width="stretch",
    row_height=52,
    height=40 + 52 * view.total,
    disabled=locked or ["When", "Item", "Due", "Details"],
    column_config={
        "Item": st.column_config.TextColumn(pinned=True, width="large"),
        "When": st.column_config.TextColumn(width="small"),
        "Owner": st.column_config.TextColumn(
            max_chars=100, help="Who does it: you, a colleague, or a provider"
        ),
        "Days from cut-over": st.column_config.NumberColumn(
            min_value=-365,
            max_value=365,
            step=1,
            format="%d",
            help="Negative: before the cut-over; 0: on the day; positive: after.",
        ),
        "Due": st.column_config.DateColumn(format="D MMM YYYY"),
        "Status": st.column_config.SelectboxColumn(options=TASK_STATUSES, required=True),
        "Details": st.column_config.TextColumn(width="large"),
    },
)
if edits := ui.editor_changes(key):
    ui.change(stored, lambda e: tasks_edited(e, edits), "Saved the checklist.")

st.download_button(
    "Download the checklist (CSV)",
    data=lambda: ui.derived(stored, offboarding_file),
    file_name=file_name(stored.evaluation.name, "offboarding", "csv"),
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)

if view.timeline is not None:
    st.subheader("Timeline")
    st.markdown(
        "The dates of the move at a glance; the dotted line is today. The overlap is the time "
        "you pay both providers."
    )
    ui.chart(view.timeline)
