"""Reviews over time: the current provider's scores across the dated reviews of a series."""

import streamlit as st

from itexit import ui
from itexit.series.views import ONE_REVIEW, hidden_sentence, reviews_view

ui.header(
    "Reviews over time",
    "Review your provider again each year with **Start next review** on the Evaluations page: "
    "it copies this evaluation as the next dated review. This page follows your current "
    "provider across those reviews: its **overall score** (0 to 100, the thick crimson line, "
    "right axis) and its score on each **essential** (0 to 5, left axis), so you see whether "
    "it improved.",
)
stored = ui.require_evaluation()
view, hidden = ui.derived_from_series(stored, reviews_view)

if hidden:
    st.info(hidden_sentence(hidden), icon=":material/visibility_off:")
if view.sentences:
    st.markdown("\n".join(f"- {ui.plain(s)}" for s in view.sentences))
if view.one_review and not hidden:
    st.info(ONE_REVIEW, icon=":material/event_repeat:")
    st.page_link("pages/evaluations.py", label="Go to Evaluations", icon=":material/folder_open:")
elif view.chart is not None:
    ui.chart(view.chart)

st.subheader("The figures")
st.markdown(
    "The same figures as the chart, one row per review: the overall score to one decimal, each "
    "essential to two. **Scores not re-checked** counts the current provider's scores still "
    "carried from an earlier review."
)
st.dataframe(
    view.table,
    hide_index=True,
    width="stretch",
    column_config={
        "Review": st.column_config.TextColumn(pinned=True, help="The day the review was held"),
        "Overall (0–100)": st.column_config.NumberColumn(format="%.1f"),
        **{name: st.column_config.NumberColumn(format="%.2f") for name in view.table.columns[4:-1]},
    },
)
