"""Offboarding: the checklist for moving away from the current provider, dated from cut-over."""

from datetime import date

import pandas as pd
import streamlit as st

from itexit import ui
from itexit.evaluation import Evaluation
from itexit.exit import Task, exit_timeline, offboarding_plan, progress, timeline
from itexit.export import file_name, offboarding_csv
from itexit.input import InvalidInput, read_number, validated

STATUSES = ["to do", "in progress", "done", "not needed"]

ui.header(
    "Offboarding",
    "Everything to get, check and switch off when you move away from the current provider, so "
    "nothing is lost on the way out: admin accounts, domains, network access, their software on "
    "your computers, licences, documentation, a tested restore of your backups, your data back, "
    "and their access revoked. Set the cut-over date (the day the new provider takes over) and "
    "every item gets a due date; change owners, timing and status as you go.",
)
stored = ui.require_evaluation()
evaluation = stored.evaluation
plan = evaluation.exit
today = date.today()

with st.form(ui.widget_key("move-dates")):
    st.markdown("**The dates of the move**")
    left, middle, right = st.columns(3)
    notice = left.date_input(
        "Notice given on",
        value=plan.notice_date,
        format="YYYY-MM-DD",
        help="Leave empty until you send it; the timeline then shows the last day for notice.",
    )
    start = middle.date_input(
        "New provider starts",
        value=plan.new_provider_start,
        format="YYYY-MM-DD",
        help="From this day until cut-over you pay both providers (the overlap).",
    )
    cutover = right.date_input(
        "Cut-over",
        value=plan.cutover,
        format="YYYY-MM-DD",
        help="The day the new provider takes over.",
    )
    if st.form_submit_button("Save dates", type="primary"):
        ui.change(
            stored,
            lambda e: e.with_move_dates(notice=notice, new_provider_start=start, cutover=cutover),
            "Saved the dates of the move.",
            from_form=True,
        )

tasks = offboarding_plan(evaluation)
done, total = progress(tasks)
st.progress(done / total, text=f"**{done} of {total}** items done or not needed")
if plan.cutover is None:
    st.info("Set the cut-over date above to give every item a due date.")
overdue = [t for t in tasks if t.due and t.due < today and not t.finished]
if overdue:
    st.warning(
        f"{len(overdue)} item{'s are' if len(overdue) != 1 else ' is'} overdue: "
        + "; ".join(t.item.title for t in overdue)
    )

table = pd.DataFrame(
    {
        "When": [t.item.phase.replace("cutover", "cut-over") for t in tasks],
        "Item": [t.item.title for t in tasks],
        "Owner": [t.owner for t in tasks],
        "Days from cut-over": [t.days_from_cutover for t in tasks],
        "Due": [t.due for t in tasks],
        "Status": [t.status for t in tasks],
        "Details": [t.item.detail for t in tasks],
    }
)
key = ui.widget_key("offboarding")
st.data_editor(
    table,
    key=key,
    hide_index=True,
    width="stretch",
    row_height=52,
    height=40 + 52 * len(tasks),
    disabled=["When", "Item", "Due", "Details"],
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
        "Status": st.column_config.SelectboxColumn(options=STATUSES, required=True),
        "Details": st.column_config.TextColumn(width="large"),
    },
)
edits = ui.editor_changes(key)
if edits:
    changed: dict[str, Task] = {}
    problems: list[str] = []
    for row, cells in edits.items():
        task = tasks[row]
        try:
            owner = cells.get("Owner", task.owner)
            status = cells.get("Status", task.status)
            if status not in STATUSES:
                raise InvalidInput(f"status '{status}' is not one of {', '.join(STATUSES)}")
            offset = int(
                read_number(cells.get("Days from cut-over", task.days_from_cutover), -365, 365)
            )
            changed[task.item.id] = validated(
                Task,
                owner="" if owner in (None, task.item.owner) else str(owner).strip(),
                days_from_cutover=None if offset == task.item.days_from_cutover else offset,
                status=status,
            )
        except InvalidInput as exc:
            problems.append(f"{task.item.title}: {exc}")
    if problems:
        ui.reject("Nothing was saved. " + " ".join(problems))

    def edit(evaluation: Evaluation) -> Evaluation:
        return evaluation.with_tasks(changed)

    ui.change(stored, edit, "Saved the checklist.")

st.download_button(
    "Download the checklist (CSV)",
    data=lambda: offboarding_csv(tasks),
    file_name=file_name(evaluation.name, "offboarding", "csv"),
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)

milestones = timeline(evaluation, today)
if milestones:
    st.subheader("Timeline")
    st.markdown(
        "The dates of the move at a glance; the dotted line is today. The overlap is the time "
        "you pay both providers."
    )
    st.plotly_chart(
        exit_timeline(milestones, today), width="stretch", config={"displaylogo": False}
    )
