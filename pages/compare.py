"""Compare: every provider side by side, the gaps to target, the charts and the CSV download."""

import streamlit as st

from itexit import ui
from itexit.compare import Scenario, alerts, summary_sentences
from itexit.export import file_name

ui.header(
    "Compare",
    "All providers side by side. The **overall score** (0 to 100) weighs each essential by the "
    "priorities you set; **coverage** shows how much of the checklist each provider has answers "
    "for, so a high score on little evidence stands out. Your current provider is marked in "
    "crimson everywhere.",
)
stored = ui.require_evaluation()
ui.require_providers(stored)
evaluation = stored.evaluation
verified_only = st.toggle(
    "Rank on verified scores only",
    key="itexit_verified_only",
    help="Count only the ratings backed by proof you have seen (a report, a test, a reference), "
    "not the provider's own claims.",
)
scenario: Scenario = "verified only" if verified_only else "as scored"
comparison = ui.comparison(stored, scenario)
side_by_side, gaps = ui.comparison_tables(stored, scenario)

st.markdown("\n".join(f"- {ui.plain(s)}" for s in summary_sentences(evaluation, comparison)))
alerts_ = alerts(evaluation, comparison)
if alerts_:
    st.warning("\n".join(f"- {ui.plain(line)}" for line in alerts_), icon=":material/flag:")

st.subheader("Side by side")
st.dataframe(
    side_by_side,
    hide_index=True,
    width="stretch",
    column_config=ui.COMPARISON_COLUMNS,
)
st.download_button(
    "Download the comparison (CSV)",
    data=lambda: ui.comparison_csv(stored),
    file_name=file_name(evaluation.name, "comparison", "csv"),
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
    help="Every criterion score, essential score, overall, rank and coverage, for a spreadsheet.",
)

st.subheader("Gaps to target")
st.markdown(
    "How far each provider falls below the target you set for each essential (0 means it "
    "reaches it). The chart shows your current provider's shortfalls as crimson bars and names "
    "the candidates that close each one."
)
st.plotly_chart(
    ui.figure(stored, "gaps", scenario=scenario), width="stretch", config={"displaylogo": False}
)
st.dataframe(
    gaps,
    hide_index=True,
    width="stretch",
    column_config=ui.gap_columns(evaluation),
)

st.subheader("Essential scores")
ranked = sorted(evaluation.ordered_providers, key=lambda p: (not p.current, comparison.rank[p.id]))
shown = [p.id for p in ranked]
if len(ranked) > 5:
    shown = st.multiselect(
        "Providers on the radar",
        [p.id for p in ranked],
        default=[p.id for p in ranked[:5]],
        format_func={p.id: p.name for p in ranked}.__getitem__,
        help="A radar with many providers is hard to read: it starts with your current provider "
        "and the four best-ranked candidates.",
    )
st.markdown(
    "Each axis is one essential, from 0 at the centre to 5 at the edge; the dashed line is "
    "your target."
)
st.plotly_chart(
    ui.figure(stored, "radar", tuple(shown), scenario),
    width="stretch",
    config={"displaylogo": False},
)

st.subheader("Every criterion")
st.markdown(
    "Each cell is one criterion for one provider: green is strong, red is weak, **?** means "
    "not asked yet and **n/a** does not apply."
)
st.plotly_chart(
    ui.figure(stored, "heatmap", scenario=scenario), width="stretch", config={"displaylogo": False}
)
