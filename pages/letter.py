"""Notice letter: a neutral draft of the notice to the current provider, editable, to download."""

from datetime import date

import streamlit as st

from itexit import ui
from itexit.exit.views import LETTER_KINDS, letter_view
from itexit.export import DOCX_MIME, file_name, letter_docx, letter_text

ui.header(
    "Notice letter",
    "A draft of the letter that ends the contract, addressed to your provider, built from the "
    "contract, the grounds you marked and your incident log. Fill in your company's name and who "
    "signs, choose the kind of notice, adjust the wording, then download it as a Word document "
    "or plain text. Send it the way the contract asks (often by email and recorded post) and "
    "keep proof it arrived.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
ui.require_current(stored, "the letter is addressed to it.")
view = ui.derived(stored, letter_view, date.today())
if view.contract_missing:
    st.info("Tip: record the contract on the Contract page, and the letter will quote its dates.")

with st.form(ui.widget_key("sender", view.business_name, view.signatory)):
    left, right = ui.fields(*st.columns(2))  # disabled for a viewer
    business = left.text_input("Your company's name", value=view.business_name, max_chars=200)
    signatory = right.text_input(
        "Signed by (name and title)",
        value=view.signatory,
        max_chars=200,
        placeholder="Jo Bloggs, Director",
    )
    if st.form_submit_button("Save", disabled=locked):
        ui.change(
            stored,
            lambda e: e.with_sender(business, signatory),
            "Saved. The draft now uses these details.",
        )

kind = st.radio(
    "Kind of notice",
    list(LETTER_KINDS),
    index=view.default_index,
    format_func=LETTER_KINDS.__getitem__,
    horizontal=True,
    key="itexit_letter_kind",
    disabled=view.saved is not None,
    help="To switch, start again from the draft: your saved version is one kind already.",
)
if view.saved is not None:
    st.info(
        "You are seeing your saved version of the letter. 'Start again from the draft' brings "
        "back the draft."
    )

st.warning(
    "This is a draft, not legal advice. Have it checked against your contract before you send "
    "it; for a termination for cause, have a lawyer check your grounds and evidence too.",
    icon=":material/gavel:",
)
if (end_note := view.note(kind)) is not None and view.saved is None:
    st.info(end_note, icon=":material/event:")
edited = st.text_area(
    "The letter",
    value=view.text(kind),
    height=520,
    max_chars=50_000,
    key=ui.text_key(view.key(kind), view.text(kind)),
    disabled=locked,
)
unsaved = view.unsaved(kind, edited)
if unsaved:
    st.caption("You have changes that are not saved yet. The downloads already include them.")

left, middle, right = st.columns(3)
if left.button("Save my edits", type="primary", icon=":material/save:", disabled=locked):
    if unsaved:
        ui.change(stored, lambda e: e.with_letter(edited), "Saved your version of the letter.")
    else:
        st.info("The letter is as saved: there is nothing new to save.")
middle.download_button(
    "Download as Word (.docx)",
    data=lambda: letter_docx(edited),
    file_name=file_name(stored.evaluation.name, "notice-letter", "docx"),
    mime=DOCX_MIME,
    icon=":material/description:",
    on_click="ignore",
)
right.download_button(
    "Download as text (.txt)",
    data=letter_text(edited),
    file_name=file_name(stored.evaluation.name, "notice-letter", "txt"),
    mime="text/plain",
    icon=":material/download:",
    on_click="ignore",
)
if view.saved is not None and st.button(
    "Start again from the draft", icon=":material/restart_alt:", disabled=locked
):
    ui.change(stored, lambda e: e.with_letter(None), "Back to the draft.")
