"""Due diligence: the questions to ask a candidate before signing, and its answers."""

import pandas as pd
import streamlit as st

from itexit import ui
from itexit.diligence import Answer, due_diligence_kit, due_diligence_topics, worrying_answers
from itexit.export import DOCX_MIME, docx_document, file_name, text_document
from itexit.input import InvalidInput, validated

ui.header(
    "Due diligence",
    "Before you sign with a new provider, ask the questions a sales pitch skips: what happens "
    "in a disaster or when equipment breaks, who will actually work on your systems, how "
    "maintenance is done, who owns the company, how flexible the contract is, and what help "
    "you get when you leave. Record each candidate's answers and tick the ones that worry you. "
    "Print the question list to take into a sales call.",
)
stored = ui.require_evaluation()
evaluation = stored.evaluation
candidates = [p for p in evaluation.ordered_providers if not p.current]

st.download_button(
    "Download the question list to print (.docx)",
    data=lambda: docx_document(due_diligence_kit(evaluation, None)),
    file_name="itexit-due-diligence-questions.docx",
    mime=DOCX_MIME,
    icon=":material/print:",
    on_click="ignore",
    help="Every question with what a good answer sounds like and the warning signs, with room "
    "to write the answers.",
)
if not candidates:
    st.info("Add the candidates you are considering on the Providers page to record their answers.")
    st.page_link(ui.PROVIDERS_PAGE, label="Go to Providers", icon=":material/groups:")
    st.stop()

provider = evaluation.provider(ui.choose_provider(candidates, "Candidate"))
topics = due_diligence_topics()
total = sum(len(t.questions) for t in topics)
answered = sum(1 for a in provider.answers.values() if a.text)
st.progress(
    answered / total, text=f"{answered} of {total} questions answered by {ui.plain(provider.name)}"
)
worrying = worrying_answers(evaluation, provider.id)
if worrying:
    st.warning(
        f"{len(worrying)} worrying answer{'s' if len(worrying) != 1 else ''}: "
        + "; ".join(ui.plain(q.question) for _, q in worrying)
    )

changes: dict[str, Answer] = {}
problems: list[str] = []
for topic in topics:
    with st.expander(f"{topic.name}", expanded=topic is topics[0]):
        st.caption(topic.why)
        questions = topic.questions
        table = pd.DataFrame(
            {
                "Question": [q.question for q in questions],
                "Their answer": [provider.answers.get(q.id, Answer()).text for q in questions],
                "Worrying": [provider.answers.get(q.id, Answer()).worrying for q in questions],
                "A good answer": [q.good_answer for q in questions],
                "Warning signs": [q.warning_signs for q in questions],
            }
        )
        key = ui.widget_key(f"answers-{provider.id}-{topic.id}")
        st.data_editor(
            table,
            key=key,
            hide_index=True,
            width="stretch",
            row_height=112,
            height=44 + 112 * len(questions),
            column_config={
                "Question": st.column_config.TextColumn(disabled=True, width=320, pinned=True),
                "Their answer": st.column_config.TextColumn(width=280, max_chars=2000),
                "Worrying": st.column_config.CheckboxColumn(
                    width=90, help="Tick an answer that worries you"
                ),
                "A good answer": st.column_config.TextColumn(disabled=True, width="large"),
                "Warning signs": st.column_config.TextColumn(disabled=True, width="large"),
            },
        )
        for row, cells in ui.editor_changes(key).items():
            question = questions[row]
            old = provider.answers.get(question.id, Answer())
            text = cells.get("Their answer", old.text)
            flag = cells.get("Worrying", old.worrying)
            try:
                if not isinstance(flag, bool):
                    raise InvalidInput("'Worrying' must be ticked or not")
                changes[question.id] = validated(
                    Answer, text=text if isinstance(text, str) else "", worrying=flag
                )
            except InvalidInput as exc:
                problems.append(f"{question.question} {exc}")

if problems:
    ui.reject("Nothing was saved. " + " ".join(problems))
if changes:
    ui.change(
        stored,
        lambda e: e.with_answers(provider.id, changes),
        f"Saved {provider.name}'s answers.",
    )

blocks = due_diligence_kit(evaluation, provider.id)
left, right = st.columns(2)
left.download_button(
    f"Download with {ui.plain(provider.name)}'s answers (.docx)",
    data=lambda: docx_document(blocks),
    file_name=file_name(provider.name, "due-diligence", "docx"),
    mime=DOCX_MIME,
    icon=":material/description:",
    on_click="ignore",
)
right.download_button(
    "… or as text (.txt)",
    data=lambda: text_document(blocks),
    file_name=file_name(provider.name, "due-diligence", "txt"),
    mime="text/plain",
    icon=":material/download:",
    on_click="ignore",
)
