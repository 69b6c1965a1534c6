"""Evaluations: create, pick, rename, duplicate and delete the reviews a user works on."""

from datetime import date

import streamlit as st

from itexit import ui
from itexit.demo import reset_demo
from itexit.listing import (
    NEW_EVALUATION,
    duplicate_entry,
    evaluation_list,
    new_evaluation,
    rename_entry,
)
from itexit.series.views import next_review_entry, start_next_review, started_message

ui.header(
    "Evaluations",
    "An **evaluation** is one review of your IT provider: the provider you have now, the "
    "candidates you are considering, and how each scores against the essentials every business "
    "should expect. Consultants keep one evaluation per client. Pick the one to work on in the "
    "sidebar; every page works on it, and every change is saved as you make it.",
)
stored = ui.current_evaluation()
fixed = ui.read_only(evaluations=True)  # create, rename, copy, delete: an editor of all
store = ui.store()
summaries = ui.summaries()

if summaries:
    st.dataframe(
        evaluation_list(summaries, ui.selected_id()),
        hide_index=True,
        column_config={
            "Last change": st.column_config.DatetimeColumn(
                format="D MMM YYYY, HH:mm", timezone="UTC"
            ),
            "Open": st.column_config.CheckboxColumn(
                "Open now", help="The evaluation the other pages show"
            ),
        },
    )
else:
    st.info(
        ui.none_of_yours_yet()
        or "There are no evaluations yet. Create your first one below: give it a name such as "
        "your company's name and the year."
    )

with st.form(ui.widget_key("create"), clear_on_submit=False, border=True):
    st.subheader("New evaluation")
    name = ui.entry(st, NEW_EVALUATION, locked=fixed)
    if st.form_submit_button("Create evaluation", type="primary", disabled=fixed):
        ui.act(
            lambda: ui.work_on(store.create(new_evaluation(name)).id),
            f"Created the evaluation '{name.strip()}'. Next: add its providers.",
        )

if stored is not None:
    evaluation = stored.evaluation
    st.subheader("This evaluation")
    st.markdown(f"Working on **{ui.plain(evaluation.name)}**.")
    rename_col, duplicate_col, review_col, delete_col = st.columns(4)
    with rename_col, st.form(ui.widget_key("rename")):
        new_name = ui.entry(st, rename_entry(evaluation.name), locked=fixed)
        if st.form_submit_button("Rename", disabled=fixed):
            ui.change(
                stored,
                lambda e: e.renamed(new_name),
                f"Renamed to '{new_name.strip()}'.",
            )
    with duplicate_col, st.form(ui.widget_key("duplicate")):
        copy_as = ui.entry(st, duplicate_entry(evaluation.name), locked=fixed)
        if st.form_submit_button("Duplicate", disabled=fixed):
            ui.act(
                lambda: ui.work_on(store.duplicate(stored.id, copy_as).id),
                f"Duplicated as '{copy_as.strip()}'; you are now working on the copy.",
            )
    with review_col, st.form(ui.widget_key("next-review")):
        next_name = ui.entry(
            st,
            next_review_entry(evaluation, date.today(), (s.name for s in summaries)),
            locked=fixed,
        )
        if st.form_submit_button(
            "Start next review", icon=":material/event_repeat:", disabled=fixed
        ):
            ui.act(
                lambda: ui.work_on(start_next_review(store, stored, next_name, date.today()).id),
                started_message(next_name),
            )
    with delete_col:
        st.markdown("**Delete**")
        st.caption(
            "Removes this evaluation with all its providers, scores and history. "
            "Other evaluations are not touched."
        )
        with st.popover("Delete this evaluation…", icon=":material/delete:"):
            st.markdown(f"Delete **{ui.plain(evaluation.name)}** for good? This cannot be undone.")
            if st.button(
                "Yes, delete it",
                type="primary",
                key=ui.widget_key("confirm-delete"),
                disabled=fixed,
            ):
                ui.act(lambda: ui.delete(stored.id), f"Deleted '{evaluation.name}'.")

with st.expander("The demo", icon=":material/school:"):
    st.markdown(
        "**The demo** shows ITexit with a made-up dental practice leaving its provider. Its "
        "dates are set from the day it is made, so its notice deadline is a few weeks ahead and "
        "every page tells the same story. Reset it to start again from today: whatever was "
        "changed in it is replaced; your other evaluations are not touched."
    )
    with st.popover("Reset the demo to today…", icon=":material/restart_alt:"):
        st.markdown("Replace everything in the demo with a fresh one, dated from today?")
        if st.button(
            "Yes, reset the demo", type="primary", key=ui.widget_key("reset-demo"), disabled=fixed
        ):
            ui.act(
                lambda: ui.work_on(reset_demo(store, date.today()).id),
                "The demo starts again from today; you are working on it.",
            )
