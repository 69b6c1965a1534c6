"""Criteria & must-haves: criterion weights, the must-haves, and criteria of the user's own."""

import pandas as pd
import streamlit as st

from itexit import ui
from itexit.checklist import RED_FLAG_AT
from itexit.evaluation import Evaluation
from itexit.input import InvalidInput, read_number

ui.header(
    "Criteria & must-haves",
    "Fine-tune the checklist for your business. **Weights** say how much each criterion counts "
    "within its essential (2 counts twice as much as 1; 0 leaves it out). Mark a criterion as "
    "a **must-have** when a provider below a minimum score is out of the running whatever its "
    "total: it then ranks after every provider that passes. Add **criteria of your own** where "
    "the checklist misses something that matters to you.",
)
stored = ui.require_evaluation()
evaluation = stored.evaluation

st.caption(
    f"⚑ marks a red flag: a rating of {RED_FLAG_AT} or less on it is dangerous whatever the "
    "weights, and the Compare page lists it first."
)
tabs = st.tabs([e.name for e in evaluation.checklist.essentials])
weights: dict[str, float] = {}
must_haves: dict[str, int | None] = {}
problems: list[str] = []
for tab, essential in zip(tabs, evaluation.checklist.essentials, strict=True):
    with tab:
        criteria = essential.criteria
        table = pd.DataFrame(
            {
                "Criterion": [("⚑ " if c.red_flag else "") + c.name for c in criteria],
                "Weight": [evaluation.criterion_weights[c.id] for c in criteria],
                "Must-have": [c.id in evaluation.must_haves for c in criteria],
                "Minimum": [evaluation.must_haves.get(c.id) for c in criteria],
                "Yours": [c.custom for c in criteria],
                "Default weight": [c.weight for c in criteria],
            }
        )
        key = ui.widget_key(f"criteria-{essential.id}")
        st.data_editor(
            table,
            key=key,
            hide_index=True,
            width="stretch",
            disabled=["Criterion", "Yours", "Default weight"],
            column_config={
                "Criterion": st.column_config.TextColumn(width="large", pinned=True),
                "Weight": st.column_config.NumberColumn(
                    min_value=0,
                    max_value=1000,
                    step=0.5,
                    format="%.1f",
                    help="How much this criterion counts within its essential; 0 leaves it out.",
                ),
                "Must-have": st.column_config.CheckboxColumn(
                    help="A provider rated below the minimum fails and ranks after all that pass."
                ),
                "Minimum": st.column_config.NumberColumn(
                    min_value=0,
                    max_value=5,
                    step=1,
                    format="%d",
                    help="The lowest acceptable rating for a must-have, 0 to 5 (3 if left empty).",
                ),
                "Yours": st.column_config.CheckboxColumn(help="A criterion you added yourself"),
            },
        )
        for row, cells in ui.editor_changes(key).items():
            criterion = criteria[row]
            try:
                if "Weight" in cells:
                    weights[criterion.id] = read_number(cells["Weight"], 0, 1000)
                marked = cells.get("Must-have", criterion.id in evaluation.must_haves)
                if not isinstance(marked, bool):
                    raise InvalidInput("must-have is ticked or not")
                minimum = cells.get("Minimum", evaluation.must_haves.get(criterion.id))
                if marked:
                    number = 3.0 if minimum is None else read_number(minimum, 0, 5)
                    if number != int(number):
                        raise InvalidInput(
                            f"the minimum {number:g} is not a whole number from 0 to 5"
                        )
                    must_haves[criterion.id] = int(number)
                else:
                    must_haves[criterion.id] = None
            except InvalidInput as exc:
                problems.append(f"{criterion.name}: {exc}")

if problems:
    ui.reject("Nothing was saved. " + " ".join(problems))
if weights or must_haves:

    def edit(evaluation: Evaluation) -> Evaluation:
        return evaluation.with_criterion_weights(weights).with_must_haves(must_haves)

    ui.change(stored, edit, "Saved the criteria.")

if evaluation.must_haves:
    names = {c.id: c.name for c in evaluation.checklist.criteria}
    listed = ", ".join(
        f"{ui.plain(names[c])} (at least {m})" for c, m in evaluation.must_haves.items()
    )
    st.markdown(f"**Must-haves:** {listed}.")

if st.button("Restore every default weight and target", icon=":material/restart_alt:"):
    ui.change(stored, lambda e: e.with_defaults(), "Restored the default weights and targets.")

st.subheader("Criteria of your own")
custom = [c for c in evaluation.checklist.criteria if c.custom]
for criterion in custom:
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.markdown(f"**{ui.plain(criterion.name)}**: {ui.plain(criterion.question)}")
    with right.popover("Remove", icon=":material/delete:"):
        st.markdown(f"Remove **{ui.plain(criterion.name)}** and every score given on it?")
        if st.button("Yes, remove", key=ui.widget_key(f"remove-{criterion.id}")):
            ui.change(
                stored,
                lambda e, c=criterion.id: e.without_criterion(c),
                f"Removed '{criterion.name}'.",
            )
if not custom:
    st.caption("None yet. Add one below; it is scored and exported like the built-in ones.")

with st.form(ui.widget_key("custom"), border=True):
    st.markdown("**Add a criterion**")
    essentials = {e.id: e.name for e in evaluation.checklist.essentials}
    left, right = st.columns([2, 1])
    essential_id = left.selectbox("Essential", list(essentials), format_func=essentials.__getitem__)
    weight = right.number_input("Weight", min_value=0.0, max_value=1000.0, value=1.0, step=0.5)
    name = st.text_input("Name", max_chars=100, placeholder="e.g. Knows our practice software")
    question = st.text_input(
        "Question to ask the provider",
        max_chars=500,
        placeholder="e.g. Have you supported Dentrix before, for how many clients?",
    )
    means = [
        st.text_input(f"What {n} means", max_chars=500, key=ui.widget_key(f"means-{n}"))
        for n in (0, 3, 5)
    ]
    if st.form_submit_button("Add criterion", type="primary"):
        ui.change(
            stored,
            lambda e: e.with_custom_criterion(
                essential_id,
                name=name,
                question=question.strip(),
                means_0=means[0].strip(),
                means_3=means[1].strip(),
                means_5=means[2].strip(),
                weight=weight,
            ),
            f"Added '{name.strip()}'. Score it on the Scorecard page.",
            from_form=True,
        )
