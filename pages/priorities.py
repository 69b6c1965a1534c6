"""Priorities: how much each essential matters to this business, and the level it expects."""

import pandas as pd
import streamlit as st

from itexit import ui
from itexit.models import InvalidInput, read_number

ui.header(
    "Priorities",
    "Tell ITexit what matters most to your business. The **weight** says how much an essential "
    "counts towards a provider's overall score: an essential with weight 2 counts twice as much "
    "as one with weight 1, and weight 0 leaves it out. The **target** is the score (0 to 5) you "
    "expect a good provider to reach; the Compare page shows every gap below it.",
)
stored = ui.require_evaluation()
evaluation = stored.evaluation
essentials = evaluation.checklist.essentials
weights = [evaluation.essential_weights[e.id] for e in essentials]
total = sum(weights)

table = pd.DataFrame(
    {
        "Essential": [e.name for e in essentials],
        "Weight": weights,
        "Share of overall": [100 * w / total if total else 0.0 for w in weights],
        "Target": [evaluation.targets[e.id] for e in essentials],
        "What it covers": [e.summary for e in essentials],
    }
)
key = ui.widget_key("priorities")
st.data_editor(
    table,
    key=key,
    hide_index=True,
    width="stretch",
    row_height=64,
    column_config={
        "Essential": st.column_config.TextColumn(disabled=True, pinned=True),
        "Weight": st.column_config.NumberColumn(
            min_value=0,
            max_value=1000,
            step=0.5,
            format="%.1f",
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
    disabled=["Share of overall"],
)
if total == 0:
    st.warning(
        "Every weight is 0, so no provider gets an overall score. Give at least one "
        "essential a weight above 0."
    )

edits = ui.editor_changes(key)
if edits:
    new_weights: dict[str, float] = {}
    new_targets: dict[str, float] = {}
    problems = []
    for row, cells in edits.items():
        essential = essentials[row]
        for column, limit, into in (("Weight", 1000, new_weights), ("Target", 5, new_targets)):
            if column in cells:
                try:
                    into[essential.id] = read_number(cells[column], 0, limit)
                except InvalidInput as exc:
                    problems.append(f"{essential.name}, {column.lower()}: {exc}")
    if problems:
        ui.reject("Nothing was saved. " + " ".join(problems))
    ui.change(
        stored,
        lambda e: e.with_essential_settings(new_weights, new_targets),
        "Saved your priorities.",
    )

defaults_weights = {e.id: e.weight for e in essentials}
defaults_targets = {e.id: e.target for e in essentials}
if st.button(
    "Restore default weights and targets",
    icon=":material/restart_alt:",
    disabled=evaluation.essential_weights == defaults_weights
    and evaluation.targets == defaults_targets,
):
    ui.change(
        stored,
        lambda e: e.with_essential_settings(defaults_weights, defaults_targets),
        "Restored the default weights and targets.",
    )

st.caption(
    "Within each essential, the criteria have weights of their own (the ones that matter most "
    "count up to twice as much). The overall score runs from 0 to 100: 20 × the weighted average "
    "of the essential scores."
)
