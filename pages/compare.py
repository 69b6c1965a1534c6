"""Compare: every provider side by side, the gaps, the charts, and the CSV and Excel downloads."""

from datetime import date

import streamlit as st

from itexit import ui, workbook
from itexit.compare import Scenario
from itexit.compare.views import RADAR_AT_FIRST, compare_view, comparison_file, radar_chart
from itexit.decide.delivery import service_shortfalls as shortfalls
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
verified_only = st.toggle(
    "Rank on verified scores only",
    key="itexit_verified_only",
    help="Count only the ratings backed by proof you have seen (a report, a test, a reference), "
    "not the provider's own claims.",
)
scenario: Scenario = "verified only" if verified_only else "as scored"
view = ui.derived(stored, compare_view, scenario)

st.markdown("\n".join(f"- {ui.plain(s)}" for s in view.summary))
if view.alerts:
    st.warning("\n".join(f"- {ui.plain(line)}" for line in view.alerts), icon=":material/flag:")

st.subheader("Side by side")
st.dataframe(
    view.side_by_side(),
    hide_index=True,
    width="stretch",
    column_config={
        "Provider": st.column_config.TextColumn(pinned=True),
        "Rank": st.column_config.NumberColumn(
            format="%d", help="1 is best; equal scores share a rank"
        ),
        "Overall": st.column_config.ProgressColumn(
            "Overall (0–100)",
            min_value=0,
            max_value=100,
            format="%.1f",
            help="20 × the weighted average of the essential scores",
        ),
        "Coverage": st.column_config.TextColumn(
            help="Share of the criteria that apply which have a 0–5 answer"
        ),
        "Verified": st.column_config.TextColumn(
            help="Share of the 0–5 ratings backed by proof you have seen"
        ),
        "Must-haves": st.column_config.TextColumn(
            help="pass, fail (below a minimum: ranked after all that pass) or unverified "
            "(not known)"
        ),
    },
)
files = st.container(horizontal=True)  # the two downloads side by side
files.download_button(
    "Download the comparison (CSV)",
    data=lambda: ui.derived(stored, comparison_file, date.today()),
    file_name=file_name(stored.evaluation.name, "comparison", "csv"),
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
    help="Every criterion score, essential score, overall, rank and coverage, for a spreadsheet.",
)
files.download_button(  # built when clicked (the callable runs then), never on a rerun
    "Download the comparison (Excel)",
    data=lambda: ui.derived(
        stored, workbook.comparison_xlsx, date.today(), ui.derived_from_tickets(stored, shortfalls)
    ),
    file_name=file_name(stored.evaluation.name, "comparison", "xlsx"),
    mime=workbook.XLSX_MIME,
    icon=":material/download:",
    on_click="ignore",
    help="A sheet each: advice, side by side, every criterion, costs, service levels, deadlines.",
)

st.subheader("Gaps to target")
st.markdown(
    "How far each provider falls below the target you set for each essential (0 means it "
    "reaches it). The chart shows your current provider's shortfalls as crimson bars and names "
    "the candidates that close each one."
)
ui.chart(view.gap_chart)
st.dataframe(
    view.gaps(),
    hide_index=True,
    width="stretch",
    column_config={
        "Provider": st.column_config.TextColumn(pinned=True),
        **{name: st.column_config.TextColumn(help=help) for name, help in view.gap_help.items()},
    },
)

st.subheader("Essential scores")
shown = list(view.radar_choices)
if len(shown) > RADAR_AT_FIRST:
    shown = st.multiselect(
        "Providers on the radar",
        shown,
        default=view.radar_default,
        format_func=view.radar_choices.__getitem__,
        help="A radar with many providers is hard to read: it starts with your current provider "
        "and the four best-ranked candidates.",
    )
st.markdown(
    "Each axis is one essential, from 0 at the centre to 5 at the edge; the dashed line is "
    "your target."
)
ui.chart(ui.derived(stored, radar_chart, scenario, tuple(shown)))

st.subheader("Every criterion")
st.markdown(
    "Each cell is one criterion for one provider: green is strong, red is weak, **?** means "
    "not asked yet and **n/a** does not apply."
)
ui.chart(view.heatmap)
