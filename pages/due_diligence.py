"""Due diligence: the questions to ask a candidate before signing, and its answers."""

import streamlit as st

from itexit import ui
from itexit.diligence import due_diligence_kit
from itexit.diligence.views import answers_edited, diligence_view
from itexit.export import DOCX_MIME, docx_document, file_name, text_document
from itexit.types import NOTE_MAX

ui.header(
    "Due diligence",
    "Before you sign with a new provider, ask the questions a sales pitch skips: what happens "
    "in a disaster or when equipment breaks, who will actually work on your systems, how "
    "maintenance is done, who owns the company, how flexible the contract is, and what help "
    "you get when you leave. Record each candidate's answers and tick the ones that worry you. "
    "Print the question list to take into a sales call.",
)
stored, locked = ui.require_evaluation(), ui.read_only()

st.download_button(
    "Download the question list to print (.docx)",
    data=lambda: docx_document(ui.derived(stored, due_diligence_kit, None)),
    file_name="itexit-due-diligence-questions.docx",
    mime=DOCX_MIME,
    icon=":material/print:",
    on_click="ignore",
    help="Every question with what a good answer sounds like and the warning signs, with room "
    "to write the answers.",
)
provider = ui.require_candidate(
    stored, "Add the candidates you are considering on the Providers page to record their answers."
)
view = ui.derived(stored, diligence_view, provider.id)
st.progress(view.answered / view.total, text=ui.plain(view.progress))
if view.worrying:
    st.warning(ui.plain(view.worrying))

edits = {}
for topic in view.topics:
    with st.expander(ui.plain(topic.name), expanded=topic.expanded):
        st.caption(ui.plain(topic.why))
        key = ui.widget_key(f"answers-{provider.id}-{topic.id}", topic.table)
        st.data_editor(
            topic.table,
            key=key,
            hide_index=True,
            width="stretch",
            row_height=112,
            height=44 + 112 * len(topic.table),
            column_config={
                "Question": st.column_config.TextColumn(disabled=True, width=320, pinned=True),
                "Their answer": st.column_config.TextColumn(width=280, max_chars=NOTE_MAX),
                "Worrying": st.column_config.CheckboxColumn(
                    width=90, help="Tick an answer that worries you"
                ),
                "A good answer": st.column_config.TextColumn(disabled=True, width="large"),
                "Warning signs": st.column_config.TextColumn(disabled=True, width="large"),
            },
            disabled=locked,
        )
        edits[topic.id] = ui.editor_changes(key)
if any(edits.values()):
    ui.change(
        stored,
        lambda e: answers_edited(e, provider.id, edits),
        f"Saved {provider.name}'s answers.",
    )

left, right = st.columns(2)
left.download_button(
    f"Download with {ui.plain(provider.name)}'s answers (.docx)",
    data=lambda: docx_document(view.kit),
    file_name=file_name(provider.name, "due-diligence", "docx"),
    mime=DOCX_MIME,
    icon=":material/description:",
    on_click="ignore",
)
right.download_button(
    "… or as text (.txt)",
    data=lambda: text_document(view.kit),
    file_name=file_name(provider.name, "due-diligence", "txt"),
    mime="text/plain",
    icon=":material/download:",
    on_click="ignore",
)
