"""ITexit: the router. Page setup and navigation only; every screen lives in pages/."""

import streamlit as st

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
        ],
        "Score and compare": [
            st.Page("pages/scorecard.py", title="Scorecard", icon=":material/checklist:"),
            st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
        ],
    }
)
page.run()
