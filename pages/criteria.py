"""Criteria & must-haves: criterion weights, the must-haves, and criteria of the user's own."""

import streamlit as st

from itexit import ui
from itexit.checklist import RED_FLAG_AT
from itexit.decide.priorities import criteria_edited, criteria_view
from itexit.types import WEIGHT_MAX

ui.header(
    "Criteria & must-haves",
    "Fine-tune the checklist for your business. **Weights** say how much each criterion counts "
    "within its essential (2 counts twice as much as 1; 0 leaves it out). Mark a criterion as "
    "a **must-have** when a provider below a minimum score is out of the running whatever its "
    "total: it then ranks after every provider that passes. Add **criteria of your own** where "
    "the checklist misses something that matters to you.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
view = ui.derived(stored, criteria_view)

st.caption(
    f"⚑ marks a red flag: a rating of {RED_FLAG_AT} or less on it is dangerous whatever the "
    "weights, and the Compare page lists it first."
)
COLUMNS = {
    "Criterion": st.column_config.TextColumn(width="large", pinned=True),
    "Weight": st.column_config.NumberColumn(
        min_value=0,
        max_value=WEIGHT_MAX,
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
}
edits = {}
labels, ids = [ui.plain(t.name) for t in view.tabs], [t.essential for t in view.tabs]
for tab, essential in zip(ui.tabs("criteria", labels, ids), view.tabs, strict=True):
    with tab:
        key = ui.widget_key(f"criteria-{essential.essential}", essential.table)
        st.data_editor(
            essential.table,
            key=key,
            hide_index=True,
            width="stretch",
            disabled=locked or ["Criterion", "Yours", "Default weight"],
            column_config=COLUMNS,
        )
        edits[essential.essential] = ui.editor_changes(key)
if any(edits.values()):
    ui.change(stored, lambda e: criteria_edited(e, edits), "Saved the criteria.")

if view.must_haves:
    st.markdown(f"**Must-haves:** {ui.plain(view.must_haves)}")

if st.button(
    "Restore every default weight and target", icon=":material/restart_alt:", disabled=locked
):
    ui.change(stored, lambda e: e.with_defaults(), "Restored the default weights and targets.")

st.subheader("Criteria of your own")
for criterion in view.custom:
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.markdown(f"**{ui.plain(criterion.name)}**: {ui.plain(criterion.question)}")
    with right.popover("Remove", icon=":material/delete:"):
        st.markdown(f"Remove **{ui.plain(criterion.name)}** and every score given on it?")
        if st.button("Yes, remove", key=ui.widget_key(f"remove-{criterion.id}"), disabled=locked):
            ui.change(
                stored,
                lambda e, c=criterion.id: e.without_criterion(c),
                f"Removed '{criterion.name}'.",
            )
if not view.custom:
    st.caption("None yet. Add one below; it is scored and exported like the built-in ones.")

with st.form(ui.widget_key("custom"), border=True):
    st.markdown("**Add a criterion**")
    inputs = ui.fields(st)  # disabled for a viewer, as are the columns
    left, right = ui.fields(*st.columns([2, 1]))
    essential_id = left.selectbox(
        "Essential", list(view.essentials), format_func=view.essentials.__getitem__
    )
    weight = right.number_input("Weight", min_value=0.0, max_value=WEIGHT_MAX, value=1.0, step=0.5)
    name = inputs.text_input("Name", placeholder="e.g. Knows our practice software")
    question = inputs.text_input(
        "Question to ask the provider",
        max_chars=500,
        placeholder="e.g. Have you supported Dentrix before, for how many clients?",
    )
    means = [
        inputs.text_input(f"What {n} means", max_chars=500, key=ui.widget_key(f"means-{n}"))
        for n in (0, 3, 5)
    ]
    if st.form_submit_button("Add criterion", type="primary", disabled=locked):
        ui.change(
            stored,
            lambda e: e.with_custom_criterion(
                essential_id,
                name=name,
                question=question,
                means_0=means[0],
                means_3=means[1],
                means_5=means[2],
                weight=weight,
            ),
            f"Added '{name.strip()}'. Score it on the Scorecard page.",
        )
