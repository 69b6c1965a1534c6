"""Priorities: how much each essential matters to this business, and the level it expects."""

import pandas as pd
import streamlit as st

from itexit import ui
from itexit.decide import SCALE, Judgement, pairs, weigh
from itexit.evaluation import Evaluation
from itexit.input import InvalidInput, read_number, validated

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
            step=0.01,
            format="%.2f",
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

if st.button("Restore every default weight and target", icon=":material/restart_alt:"):
    ui.change(stored, lambda e: e.with_defaults(), "Restored the default weights and targets.")

st.caption(
    "Within each essential the criteria have weights of their own, set on the Criteria & "
    "must-haves page. The overall score runs from 0 to 100: 20 × the weighted average of the "
    "essential scores."
)

st.subheader("Not sure about numbers? Answer a few questions")
st.markdown(
    "Compare the essentials two at a time: which matters more to your business, and how much "
    "more? From your 15 answers ITexit works out the weights (the analytic hierarchy process) "
    "and checks that the answers agree with each other."
)
names = {e.id: e.name for e in essentials}
given = {frozenset((j.more, j.less)): j for j in evaluation.judgements}
OPTIONS = [-9, -8, -7, -6, -5, -4, -3, -2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
with st.form(ui.widget_key("pairwise")):
    answers: dict[tuple[str, str], int] = {}
    for first, second in pairs([e.id for e in essentials]):
        old = given.get(frozenset((first, second)))
        start_at = (
            1 if old is None or old.times == 1 else (-old.times if old.more == first else old.times)
        )
        answers[(first, second)] = st.select_slider(
            f"{names[first]} or {names[second]}?",
            OPTIONS,
            value=start_at,
            format_func=lambda v, a=names[first], b=names[second]: (
                "Both matter equally"
                if v == 1
                else f"{a if v < 0 else b} matters {SCALE[abs(v)]} ({abs(v)}×)"
            ),
            key=ui.widget_key(f"pair-{first}-{second}"),
        )
    if st.form_submit_button("Work out the weights", type="primary"):

        def answer(evaluation: Evaluation) -> Evaluation:
            judgements = [
                validated(
                    Judgement,
                    more=a if v < 0 else b,
                    less=b if v < 0 else a,
                    times=abs(v),
                )
                for (a, b), v in answers.items()
            ]
            return evaluation.with_judgements(judgements)

        ui.change(stored, answer, "Saved your answers.", from_form=True)

if len(evaluation.judgements) == len(names) * (len(names) - 1) // 2:
    weighing = weigh([e.id for e in essentials], evaluation.judgements)
    st.dataframe(
        pd.DataFrame(
            {
                "Essential": [names[e] for e in weighing.weights],
                "Weight from your answers": [100 * w for w in weighing.weights.values()],
                "Weight now": [
                    100 * evaluation.essential_weights[e] / (total or 1) for e in weighing.weights
                ],
            }
        ),
        hide_index=True,
        column_config={
            "Weight from your answers": st.column_config.ProgressColumn(
                format="%.0f%%", min_value=0, max_value=100
            ),
            "Weight now": st.column_config.ProgressColumn(
                format="%.0f%%", min_value=0, max_value=100
            ),
        },
    )
    ratio = f"consistency ratio {weighing.consistency_ratio:.2f}"
    if weighing.consistent:
        st.success(f"Your answers agree with each other ({ratio}; up to 0.10 is fine).")
    else:
        more, less, said, implied = weighing.worst or ("", "", 1.0, 1.0)
        told = (
            f"{names[more]} and {names[less]} matter equally"
            if said == 1
            else f"{names[more]} matters {said:g}× as much as {names[less]}"
        )
        if implied >= 1:
            meant = f"{names[more]} matters about {implied:.1f}× as much"
        else:
            meant = f"{names[less]} matters about {1 / implied:.1f}× as much"
        st.warning(
            f"Some answers contradict each other ({ratio}; above 0.10 means the weights are "
            f"shaky). The one that fits least: you said {told}, but your other answers imply "
            f"{meant}. Look at that question again."
        )
    if st.button("Use these weights", icon=":material/check:"):
        derived = {e: round(w * len(names), 2) for e, w in weighing.weights.items()}
        ui.change(
            stored,
            lambda e: e.with_essential_settings(derived, {}),
            "The essential weights now come from your answers.",
        )
