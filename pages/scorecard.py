"""Scorecard: score one provider on every criterion of the checklist, with notes as evidence."""

import streamlit as st

from itexit import ui
from itexit.checklist import builtin_checklist, guidance_text, offered_update
from itexit.compare.views import scorecard_view, scores_edited
from itexit.types import NOTE_MAX, RATING_CHOICES

ui.header(
    "Scorecard",
    "Score a provider on each criterion, essential by essential. Ask it the question in the "
    "**Ask the provider** column, then pick the score whose description fits best. Leave a "
    "criterion at **unknown** until you have an answer; choose **n/a** when it does not apply to "
    "your business. Both are left out of the scores. Write down where the answer came from in "
    "**Evidence / note**: a report, a test, a reference, or the provider's own words. "
    "**Rests on** names the public guidance each question comes from.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
ui.require_providers(stored)
provider = stored.evaluation.provider(ui.choose_provider(stored.evaluation.ordered_providers))
view = ui.derived(stored, scorecard_view, provider.id)
st.progress(view.share, text=view.progress(ui.plain(provider.name)))
st.page_link(
    "pages/questionnaires.py", label="Let a candidate answer it all itself", icon=":material/send:"
)

update = ui.derived(stored, offered_update)
if update.pending:
    with st.container(border=True):
        st.markdown(ui.plain(update.summary()))
        if st.button(
            "Update this evaluation's checklist",
            icon=":material/update:",
            key=ui.widget_key("checklist-update"),
            disabled=locked,
        ):
            ui.change(
                stored,
                lambda e: e.with_checklist_update(builtin_checklist()),
                "Updated this evaluation's checklist; every score stays as it was.",
            )

with st.expander("How to score", icon=":material/help:"):
    st.markdown(
        "- **0 to 5**: read the descriptions of 0, 3 and 5 for the criterion and pick the "
        "closest; 1, 2 and 4 sit between them.\n"
        "- **unknown**: not asked yet, or no answer. It counts against *coverage* on the Compare "
        "page, not against the score.\n"
        "- **n/a**: does not apply to your business (for example, no servers of your own). It is "
        "left out of the score and of coverage.\n"
        "- Scores you set are saved at once. Essential scores are weighted averages of the "
        "criteria you scored; set how much each criterion and essential counts on the "
        "Priorities page."
    )

with st.expander("Where the questions come from", icon=":material/menu_book:"):
    st.markdown(
        "Each question rests on public guidance for businesses that use a managed IT "
        "provider. **Rests on** cites it by identifier: *NIST CSF 2.0 GV.SC-07* is outcome "
        "GV.SC-07 of the NIST Cybersecurity Framework, *CIS 15.4* safeguard 15.4 of the CIS "
        "Controls, *ISO 27001 A.5.20* control 5.20 of ISO/IEC 27001's Annex A.\n\n"
        + guidance_text()
    )

COLUMNS = {
    "Criterion": st.column_config.TextColumn(disabled=True, width="medium", pinned=True),
    "Score": st.column_config.SelectboxColumn(
        options=RATING_CHOICES,
        required=True,
        width="small",
        help="0–5, unknown (not asked yet) or n/a (does not apply)",
    ),
    "Verified": st.column_config.CheckboxColumn(
        width="small",
        help="Tick when you have seen proof (a report, a test, a reference), not just their word",
    ),
    "Whose word": st.column_config.TextColumn(
        disabled=True,
        help="A score the candidate claimed in its own questionnaire, not yet verified by you, or "
        "one carried from the last review: edit the row (score, note or Verified) once re-checked",
    ),
    "Evidence / note": st.column_config.TextColumn(
        width="medium",
        max_chars=NOTE_MAX,
        help="Where the answer comes from; up to 2,000 characters",
    ),
    "Ask the provider": st.column_config.TextColumn(disabled=True, width="large"),
    "Rests on": st.column_config.TextColumn(
        disabled=True,
        width="medium",
        help="The public guidance the question comes from (see 'Where the questions come from')",
    ),
}
ROW_HEIGHT = 84

edits = {}
labels, ids = [ui.plain(t.label) for t in view.tabs], [t.essential for t in view.tabs]
for tab, essential in zip(ui.tabs("scorecard", labels, ids), view.tabs, strict=True):
    with tab:
        st.caption(ui.plain(essential.summary))
        key = ui.widget_key(f"scores-{provider.id}-{essential.essential}", essential.table)
        st.data_editor(
            essential.table,
            key=key,
            hide_index=True,
            column_config=COLUMNS,
            row_height=ROW_HEIGHT,
            height=44 + ROW_HEIGHT * len(essential.table),
            width="stretch",
            disabled=locked,
        )
        st.markdown("**What the scores mean**")
        ui.table(essential.meanings)
        edits[essential.essential] = ui.editor_changes(key)

if any(edits.values()):
    ui.change(
        stored,
        lambda e: scores_edited(e, provider.id, edits),
        f"Saved {provider.name}'s scores.",
    )
