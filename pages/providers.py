"""Providers: add, rename and remove providers, and mark which one is the current provider."""

import streamlit as st

from itexit import ui
from itexit.compare.views import ROLES, provider_added, provider_cards, role_default

ui.header(
    "Providers",
    "List the provider you have now (your **current provider**) and every provider you are "
    "considering instead (**candidates**). Exactly one can be the current provider; the "
    "comparison measures each candidate against it.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
evaluation = stored.evaluation

if not evaluation.providers:
    st.info("No providers yet. Add your current provider first, then the candidates.")
elif evaluation.current is None:
    st.warning(
        "No provider is marked as your current one. Mark it with **Make current**, so the "
        "comparison can show where it falls short."
    )

for card in ui.derived(stored, provider_cards):
    with st.container(border=True):
        name_col, rename_col, role_col, remove_col = st.columns(
            [5, 2, 2, 2], vertical_alignment="center"
        )
        with name_col:
            st.markdown(f"**{ui.plain(card.name)}**")
            if card.current:
                st.badge("Current provider", color="red", icon=":material/home:")
            else:
                st.badge("Candidate", color="blue")
            st.caption(card.answered.sentence())
        with rename_col, st.popover("Rename", icon=":material/edit:", width="stretch"):
            new_name = st.text_input(
                "New name",
                value=card.name,
                key=ui.widget_key(f"name-{card.id}"),
                disabled=locked,
            )
            if st.button("Save name", key=ui.widget_key(f"rename-{card.id}"), disabled=locked):
                ui.change(
                    stored,
                    lambda e, p=card.id, n=new_name: e.with_provider_renamed(p, n),
                    f"Renamed to '{new_name.strip()}'.",
                )
        with role_col:
            if not card.current and st.button(
                "Make current",
                key=ui.widget_key(f"current-{card.id}"),
                help="Mark this as the provider you have now; the others become candidates.",
                width="stretch",
                disabled=locked,
            ):
                ui.change(
                    stored,
                    lambda e, p=card.id: e.with_current(p),
                    f"'{card.name}' is now your current provider.",
                )
        with remove_col, st.popover("Remove", icon=":material/delete:", width="stretch"):
            st.markdown(
                f"Remove **{ui.plain(card.name)}** and its {card.answered.entered} answers from "
                "this evaluation? Other providers are not touched."
            )
            if st.button(
                "Yes, remove",
                type="primary",
                key=ui.widget_key(f"remove-{card.id}"),
                disabled=locked,
            ):
                ui.change(
                    stored,
                    lambda e, p=card.id: e.without_provider(p),
                    f"Removed '{card.name}'.",
                )

with st.form(ui.widget_key("add-provider"), border=True):
    st.subheader("Add a provider")
    name = st.text_input("Provider name", placeholder="e.g. Nimbus IT", disabled=locked)
    default = role_default(evaluation)
    role = st.radio(
        "Its part",
        list(ROLES),
        index=None if default is None else list(ROLES).index(default),
        format_func=ROLES.__getitem__,
        horizontal=True,
        help="Your current provider is the one you have now; a candidate is one you might move "
        "to. Choosing the current provider makes the one marked now a candidate.",
        disabled=locked,
    )
    if st.form_submit_button("Add provider", type="primary", disabled=locked):
        ui.change(
            stored,
            lambda e: provider_added(e, name, role),
            f"Added '{name.strip()}'. Next: score it on the Scorecard page.",
        )
