"""Decide: the stay / renegotiate / switch advice, how sure the ranking is, what to ask next."""

import streamlit as st

from itexit import ui
from itexit.decide import ROBUST_CHANGE, SERIOUS_GAP, STAY_MARGIN, SWITCH_LEAD
from itexit.decide.views import decide_view

ui.header(
    "Decide",
    "A weighted total alone doesn't make a decision. This page gives the advice on your current "
    "provider (**stay**, **renegotiate** or **switch**) with its reasons, shows how sure the "
    "ranking is if your weights were a little different, and which unanswered questions could "
    "still change the outcome.",
)
stored = ui.require_evaluation()
ui.require_providers(stored)
view = ui.derived(stored, decide_view)
advice = view.verdict

st.subheader(f"Advice: {advice.decision}")
show = {"Switch": st.error, "Renegotiate": st.warning, "Stay": st.success}.get(
    advice.decision, st.info
)
show("\n".join(f"- {ui.plain(reason)}" for reason in advice.reasons), icon=":material/lightbulb:")
if advice.would_change:
    st.markdown(
        "**What would change this advice:** "
        + "; ".join(ui.plain(change) for change in advice.would_change)
        + "."
    )
with st.expander("How the advice is worked out", icon=":material/help:"):
    st.markdown(
        f"- **Switch** when the best candidate that passes its must-haves leads your current "
        f"provider by **{SWITCH_LEAD:g} points** or more (out of 100), and either your current "
        f"provider has a serious problem (a failed must-have or a red flag) or the lead is "
        f"robust (no single weight change within ±{ROBUST_CHANGE:.0%} changes the leader).\n"
        f"- **Stay** when your current provider passes its must-haves, has no red flag and no "
        f"essential {SERIOUS_GAP:g} point or more below target, and no candidate leads it by "
        f"{STAY_MARGIN:g} points or more.\n"
        "- **Renegotiate** otherwise: there are real problems, but no candidate is clearly "
        "better yet. Use the gaps and red flags as the agenda for the talk.\n\n"
        "This is advice from your own scores and weights, not a certainty: check the open "
        "questions below before you act."
    )

st.subheader("How sure is the ranking?")
st.markdown(ui.plain(view.robustness))
st.markdown(
    "Each bar shows how far one essential's share of the weight can fall (left) or rise "
    "(right), the others keeping their proportions, before another provider comes first. "
    "Crimson bars change the leader within ±50 %; grey means no change even at the edge."
)
ui.chart(view.tornado)

st.subheader("What the unanswered questions could change")
st.dataframe(
    view.scenarios,
    hide_index=True,
    width="stretch",
    column_config={"Provider": st.column_config.TextColumn(pinned=True)},
)
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
