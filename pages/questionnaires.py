"""Questionnaires: send a candidate the questionnaire to fill in itself; read its answers back."""

from datetime import date

import streamlit as st

from itexit import ui
from itexit.questionnaire import XLSX_MIME, views

ui.header(
    "Questionnaires",
    "Instead of typing in every candidate's answers yourself, send each candidate a "
    "questionnaire: an Excel workbook it fills in and sends back. Read the returned file here: "
    "you see each answer beside what you have recorded before anything is saved, and accept "
    "all of them or some. Accepted answers count as the candidate's **claims** (not verified) "
    "until you have seen proof; a score you marked **verified** stays unless you tick it.",
)
stored, locked = ui.require_evaluation(), ui.read_only()
provider = ui.require_candidate(
    stored, "Add the candidates you are considering on the Providers page first."
)
today = date.today()
sending = ui.derived(stored, views.sending_view, provider.id, today)

st.subheader("1. Send the questionnaire")
st.markdown(ui.plain(sending.explained))
left, right = st.columns(2)
include = left.checkbox(
    ui.plain(sending.include_label),
    disabled=not sending.can_include,
    help="Your company's name as written on the Notice letter page. Without it, the file "
    "says the questions come from 'the client'.",
)
due = right.date_input("Answer by", value=sending.due, min_value=today, format="YYYY-MM-DD")
st.download_button(
    ui.plain(sending.button),
    data=lambda: views.questionnaire_file(
        stored.evaluation, stored.id, provider.id, include, due, today
    ),
    file_name=sending.file_name,
    mime=XLSX_MIME,
    icon=":material/download:",
    on_click="ignore",
)
st.caption(
    "The questions are locked so they are not changed by accident; this is not security, "
    "and ITexit checks every question cell when the file comes back."
)

st.subheader("2. Read the answers back")
upload = st.file_uploader(
    f"The questionnaire {ui.plain(provider.name)} sent back (.xlsx, up to 10 MB)",
    type=["xlsx"],
    key=ui.widget_key(f"questionnaire-{provider.id}"),
    max_upload_size=views.UPLOAD_MB,
    disabled=locked,  # the uploader says the same limit as the label
)
if upload is None:
    st.stop()
preview = ui.derived(stored, views.questionnaire_preview, stored.id, provider.id, upload.getvalue())
if preview.problem is not None:
    st.error(f"{ui.plain(upload.name)}: {ui.plain(preview.problem)}", icon=":material/error:")
    st.stop()
st.markdown(ui.plain(preview.summary))
if preview.differing is not None:
    st.warning(ui.plain(preview.differing), icon=":material/rule:")
if preview.table.empty:
    st.info("Every answer in the file matches what is recorded already: nothing to accept.")
    st.stop()

st.caption(
    'Untick the answers you do not want. A verified score and a "not applicable" are '
    "unticked: tick them only if the candidate's answer should replace what you have. A "
    '"don\'t know" never takes away a score.'
)
key = ui.widget_key(f"accept-{provider.id}", preview.table)
st.data_editor(
    preview.table,
    key=key,
    hide_index=True,
    width="stretch",
    disabled=locked or list(views.COLUMNS[1:]),
    column_config={
        "Accept": st.column_config.CheckboxColumn(width="small"),
        "Criterion or question": st.column_config.TextColumn(width="medium", pinned=True),
        "Their evidence and link": st.column_config.TextColumn(width="large"),
        "Note or answer now": st.column_config.TextColumn(width="large"),
        "What would change": st.column_config.TextColumn(width="large"),
    },
)
ticked = views.accepted_items(preview, ui.editor_changes(key))
if st.button(
    f"Accept the {len(ticked)} ticked answers",
    type="primary",
    disabled=locked or not ticked,
    icon=":material/done_all:",
):
    ui.change(
        stored,
        lambda e: views.answers_accepted(e, provider.id, preview.returned, ticked, today),
        f"Accepted {provider.name}'s answers as claims.",
    )
