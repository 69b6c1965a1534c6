"""Decide: the stay / renegotiate / switch advice, how sure the ranking is, what to ask next."""

from datetime import date

import streamlit as st

from itexit import ui
from itexit.decide import TORNADO_CAPTION
from itexit.decide.delivery import service_shortfalls
from itexit.decide.verdict import ADVICE_RULES
from itexit.decide.views import decide_view
from itexit.export import file_name

ui.header(
    "Decide",
    "A weighted total alone doesn't make a decision. This page gives the advice on your current "
    "provider (**stay**, **renegotiate** or **switch**) with its reasons, shows how sure the "
    "ranking is if your weights were a little different, and which unanswered questions could "
    "still change the outcome.",
)
stored = ui.require_evaluation()
ui.require_providers(stored)
shortfalls = ui.derived_from_tickets(stored, service_shortfalls) or ()
view = ui.derived(stored, decide_view, date.today(), shortfalls)
advice = view.verdict

st.subheader(f"Advice: {ui.plain(advice.headline)}")
show = {"Switch": st.error, "Renegotiate": st.warning, "Stay": st.success}.get(
    advice.decision, st.info
)
show(
    "\n".join(f"- {ui.plain(r.text)} *(from {r.source})*" for r in advice.reasons),
    icon=":material/lightbulb:",
)
if advice.would_change:
    st.markdown(
        "**What would change this advice:** "
        + "; ".join(ui.plain(change) for change in advice.would_change)
        + "."
    )
with st.expander("How the advice is worked out", icon=":material/help:"):
    st.markdown(ADVICE_RULES)


def board_report() -> bytes:
    """The board report, built only when asked for (its PDF and chart libraries load then)."""
    from itexit.report import board_report_pdf

    return ui.derived(stored, board_report_pdf, date.today(), shortfalls)


st.download_button(
    "Download the board report (PDF)",
    data=board_report,
    file_name=file_name(stored.evaluation.name, "board-report", "pdf"),
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
    help="Two to six pages for the people who sign: the advice and its reasons, the scores side "
    "by side, the charts, staying against switching, the notice deadline, red flags and the "
    "open questions, with the same figures as the app and the CSV.",
)

st.subheader("How sure is the ranking?")
st.markdown(ui.plain(view.robustness))
if view.tornado is not None:
    st.caption(TORNADO_CAPTION)
    ui.chart(view.tornado)

st.subheader("What the unanswered questions could change")
st.dataframe(
    view.scenarios,
    hide_index=True,
    width="stretch",
    column_config={"Provider": st.column_config.TextColumn(pinned=True)},
)
st.markdown(ui.plain(view.scenarios_said))
st.caption(
    "Pessimistic: every question not answered yet counts as a 0. Optimistic: as a 5. "
    "Verified only: only ratings backed by proof you have seen count. If the leader is the same "
    "in every column, the open questions can't change the outcome."
)

st.markdown("**The questions that matter most**")
if not view.questions.empty:
    st.dataframe(
        view.questions,
        hide_index=True,
        width="stretch",
        column_config={
            "Could move its overall by": st.column_config.NumberColumn(format="up to %.1f points"),
            "Question": st.column_config.TextColumn(width="large"),
        },
    )
else:
    st.caption("Every question that counts is answered for the leading providers.")
