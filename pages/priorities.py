"""Priorities: how much each essential matters to this business, and the level it expects."""

import streamlit as st

from itexit import ui
from itexit.decide.priorities import (
    PAIRWISE_OPTIONS,
    pairwise_answered,
    priorities_edited,
    priorities_view,
    weights_from_answers_used,
)
from itexit.types import WEIGHT_MAX

ui.header(
    "Priorities",
    "Tell ITexit what matters most to your business. The **weight** says how much an essential "
    "counts towards a provider's overall score: an essential with weight 2 counts twice as much "
    "as one with weight 1, and weight 0 leaves it out. The **target** is the score (0 to 5) you "
    "expect a good provider to reach; the Compare page shows every gap below it.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
view = ui.derived(stored, priorities_view)

key = ui.widget_key("priorities", view.table)
st.data_editor(
    view.table,
    key=key,
    hide_index=True,
    width="stretch",
    row_height=64,
    column_config={
        "Essential": st.column_config.TextColumn(disabled=True, pinned=True),
        "Weight": st.column_config.NumberColumn(
            min_value=0,
            max_value=WEIGHT_MAX,
            step=0.01,
            format="plain",
            help="How much this essential counts: 0 leaves it out, 2 counts double.",
        ),
        "Share of overall": st.column_config.ProgressColumn(
            format="%.0f%%",
            min_value=0,
            max_value=100,
            help="This essential's part of the overall score, from the weights.",
        ),
        "Target": st.column_config.NumberColumn(
            min_value=0,
            max_value=5,
            step=0.5,
            format="%.1f",
            help="The score you expect a good provider to reach, 0 to 5.",
        ),
        "What it covers": st.column_config.TextColumn(disabled=True, width="large"),
    },
    disabled=locked or ["Share of overall"],
)
if view.warning:
    st.warning(ui.plain(view.warning))

edits = ui.editor_changes(key)
if edits:
    ui.change(stored, lambda e: priorities_edited(e, edits), "Saved your priorities.")

if st.button(
    "Restore every default weight and target", icon=":material/restart_alt:", disabled=locked
):
    ui.change(stored, lambda e: e.with_defaults(), "Restored the default weights and targets.")

st.caption(
    "Within each essential the criteria have weights of their own, set on the Criteria & "
    "must-haves page. The overall score runs from 0 to 100: 20 × the weighted average of the "
    "essential scores."
)

st.subheader("Not sure about numbers? Answer a few questions")
st.markdown(
    "Compare the essentials two at a time: which matters more to your business, and how much "
    f"more? From your {len(view.questions)} answers ITexit works out the weights (the analytic "
    "hierarchy process) and checks that the answers agree with each other."
)
with st.form(ui.widget_key("pairwise", stored.evaluation.judgements)):
    answers = {
        (q.first, q.second): st.select_slider(
            ui.plain(q.label),
            PAIRWISE_OPTIONS,
            value=q.start,
            format_func=lambda value, q=q: ui.plain(q.words(value)),
            key=ui.widget_key(f"pair-{q.first}-{q.second}", stored.evaluation.judgements),
            disabled=locked,
        )
        for q in view.questions
    }
    if st.form_submit_button("Work out the weights", type="primary", disabled=locked):
        ui.change(
            stored,
            lambda e: pairwise_answered(e, answers),
            "Saved your answers.",
        )

if view.answered is not None:
    st.dataframe(
        view.answered.table,
        hide_index=True,
        column_config={
            column: st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)
            for column in ("Weight from your answers", "Weight now")
        },
    )
    show = st.success if view.answered.agree else st.warning
    show(ui.plain(view.answered.consistency))
    if st.button("Use these weights", icon=":material/check:", disabled=locked):
        ui.change(
            stored, weights_from_answers_used, "The essential weights now come from your answers."
        )
