"""History: every saved version of the evaluation, who saved it and what changed; compare two
versions; restore an old one as a new version."""

import streamlit as st

from itexit import ui
from itexit.history import (
    NOT_RECORDED,
    difference,
    history_rows,
    history_table,
    restore_headline,
    restored,
    revision_label,
)

ui.header(
    "History",
    "ITexit never overwrites anything: every change anyone saves is kept as a new **revision** "
    "of the evaluation, with when it was saved, who saved it and what it changed. Look back at "
    "what changed, compare any two revisions, and **restore** an old one: it becomes the current "
    "version as a new revision, so the restore itself can be undone the same way.",
)
stored = ui.require_evaluation()
revisions = ui.store().history(stored.id)
st.caption(
    f"{len(revisions)} revisions; you are looking at revision {stored.revision}. Times are UTC. "
    f"Revisions saved before ITexit kept authors and summaries say '{NOT_RECORDED}'."
)
st.dataframe(
    history_table(history_rows(revisions)),
    hide_index=True,
    column_config={"What changed": st.column_config.TextColumn(width="large")},
)

labels = {r.revision: revision_label(r) for r in revisions}
numbers = list(labels)
st.subheader("Compare two revisions")
older_col, newer_col = st.columns(2)
older = older_col.selectbox(
    "Older",
    numbers,
    index=min(1, len(numbers) - 1),
    format_func=labels.__getitem__,
    key=ui.widget_key("history-older", stored.id),
)
newer = newer_col.selectbox(
    "Newer",
    numbers,
    index=0,
    format_func=labels.__getitem__,
    key=ui.widget_key("history-newer", stored.id),
)
older_version = ui.store().load(stored.id, older).evaluation
newer_version = ui.store().load(stored.id, newer).evaluation
changed = difference(older_version, newer_version)
if changed.empty:
    st.info("These two revisions are the same.")
else:
    st.caption(f"What is different in revision {newer} from revision {older}.")
    ui.table(changed)

st.subheader("Restore a revision")
st.markdown(
    "Restoring makes an old revision the current version again. It is saved as a **new** "
    "revision, so nothing is lost: the versions in between stay in the list above. Imported "
    "tickets are kept as they are now (they are not part of the history)."
)
picked = st.selectbox(
    "Revision to restore",
    numbers[1:],
    format_func=labels.__getitem__,
    key=ui.widget_key("history-restore", stored.id),
    placeholder="Only one revision so far: nothing to restore",
)
if picked is not None:
    entry = next(r for r in revisions if r.revision == picked)
    old = ui.store().load(stored.id, picked).evaluation
    with st.popover(f"Restore revision {picked}…", icon=":material/history:"):
        st.markdown(f"Make revision {picked} the current version? This is what it changes:")
        ui.table(difference(stored.evaluation, restored(stored.evaluation, old)))
        if st.button("Yes, restore it", type="primary", key=ui.widget_key("restore", picked)):
            ui.change(
                stored,
                lambda e: restored(e, old),
                f"Restored revision {picked}:",
                headline=restore_headline(entry),
            )
