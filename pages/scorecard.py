"""Scorecard: score one provider on every criterion of the checklist, with notes as evidence."""

import pandas as pd
import streamlit as st

from itexit import ui
from itexit.compare import filled_in
from itexit.evaluation import Score, score_from_cells
from itexit.input import InvalidInput
from itexit.types import RATING_CHOICES

ui.header(
    "Scorecard",
    "Score a provider on each criterion, essential by essential. Ask it the question in the "
    "**Ask the provider** column, then pick the score whose description fits best. Leave a "
    "criterion at **unknown** until you have an answer; choose **n/a** when it does not apply to "
    "your business. Both are left out of the scores. Write down where the answer came from in "
    "**Evidence / note**: a report, a test, a reference, or the provider's own words.",
)
stored = ui.require_evaluation()
ui.require_providers(stored)
evaluation = stored.evaluation
providers = evaluation.ordered_providers
comparison = ui.comparison(stored)

provider_id = ui.choose_provider(providers)
provider = evaluation.provider(provider_id)
answered, total = filled_in(evaluation, provider.id)
st.progress(
    answered / total,
    text=f"**{answered} of {total}** criteria answered ({answered / total:.0%}) for "
    f"{ui.plain(provider.name)}",
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
    "Evidence / note": st.column_config.TextColumn(
        width="medium", max_chars=2000, help="Where the answer comes from; up to 2,000 characters"
    ),
    "Ask the provider": st.column_config.TextColumn(disabled=True, width="large"),
}
ROW_HEIGHT = 84

scores = comparison.essential_scores[provider.id]
tabs = st.tabs(
    [f"{e.name} · {ui.score_text(scores[e.id])}" for e in evaluation.checklist.essentials]
)
changes: dict[str, Score] = {}
problems: list[str] = []
for tab, essential in zip(tabs, evaluation.checklist.essentials, strict=True):
    with tab:
        st.caption(essential.summary)
        criteria = essential.criteria
        table = pd.DataFrame(
            {
                "Criterion": [c.name for c in criteria],
                "Score": [str(provider.score(c.id).rating) for c in criteria],
                "Verified": [provider.score(c.id).verified for c in criteria],
                "Evidence / note": [provider.score(c.id).note for c in criteria],
                "Ask the provider": [c.question for c in criteria],
            }
        )
        key = ui.widget_key(f"scores-{provider.id}-{essential.id}")
        st.data_editor(
            table,
            key=key,
            hide_index=True,
            column_config=COLUMNS,
            row_height=ROW_HEIGHT,
            height=44 + ROW_HEIGHT * len(criteria),
            width="stretch",
        )
        st.markdown("**What the scores mean**")
        st.table(
            pd.DataFrame(
                {
                    "Criterion": [c.name for c in criteria],
                    "0 means": [c.means_0 for c in criteria],
                    "3 means": [c.means_3 for c in criteria],
                    "5 means": [c.means_5 for c in criteria],
                }
            ),
            hide_index=True,
        )
        for row, cells in ui.editor_changes(key).items():
            criterion = criteria[row]
            old = provider.score(criterion.id)
            try:
                changes[criterion.id] = score_from_cells(
                    cells.get("Score", old.rating),
                    cells.get("Evidence / note", old.note),
                    cells.get("Verified", old.verified),
                )
            except InvalidInput as exc:
                problems.append(f"{criterion.name}: {exc}")

if problems:
    ui.reject("Nothing was saved. " + " ".join(problems))
if changes:
    ui.change(
        stored, lambda e: e.with_scores(provider.id, changes), f"Saved {provider.name}'s scores."
    )
