"""ITexit: the router. Page setup and navigation only; every screen lives in pages/."""

import streamlit as st

from itexit import ui

st.set_page_config(page_title="ITexit", page_icon=":material/logout:", layout="wide")

page = st.navigation(
    {
        "Set up": [
            st.Page(
                "pages/evaluations.py",
                title="Evaluations",
                icon=":material/folder_open:",
                default=True,
            ),
            st.Page("pages/providers.py", title="Providers", icon=":material/groups:"),
            st.Page("pages/priorities.py", title="Priorities", icon=":material/tune:"),
            st.Page("pages/criteria.py", title="Criteria & must-haves", icon=":material/rule:"),
            st.Page("pages/history.py", title="History", icon=":material/history:"),
        ],
        "Compare providers": [
            st.Page("pages/scorecard.py", title="Scorecard", icon=":material/checklist:"),
            st.Page("pages/questionnaires.py", title="Questionnaires", icon=":material/send:"),
            st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
            st.Page("pages/reviews.py", title="Reviews over time", icon=":material/timeline:"),
            st.Page("pages/costs.py", title="Costs", icon=":material/payments:"),
            st.Page("pages/service.py", title="Service levels", icon=":material/timer:"),
            st.Page("pages/decide.py", title="Decide", icon=":material/balance:"),
            st.Page("pages/due_diligence.py", title="Due diligence", icon=":material/quiz:"),
        ],
        "Leave": [
            st.Page("pages/contract.py", title="Contract & deadlines", icon=":material/event:"),
            st.Page("pages/grounds.py", title="Grounds & evidence", icon=":material/gavel:"),
            st.Page("pages/letter.py", title="Notice letter", icon=":material/mail:"),
            st.Page("pages/offboarding.py", title="Offboarding", icon=":material/logout:"),
        ],
    },
    expanded=True,  # every page in view: the sidebar is the map of the whole exit
    position=ui.menu_position(),  # hidden from a visitor who has not signed in
)
ui.run(page)
