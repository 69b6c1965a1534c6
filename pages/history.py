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
from itexit.words import plural

ui.header(
    "History",
    "ITexit never overwrites anything: every change anyone saves is kept as a new **revision** "
    "of the evaluation, with when it was saved, who saved it and what it changed. Look back at "
    "what changed, compare any two revisions, and **restore** an old one: it becomes the current "
    "version as a new revision, so the restore itself can be undone the same way.",
)
stored = ui.require_evaluation()
revisions = ui.store().history(stored.id)
# The pickers' keys name the revision on screen: after a save or a restore they start afresh
# (the latest against the one before), but not when someone else saves meanwhile.
st.caption(
    f"{plural(len(revisions), 'revision')}; you are looking at revision {stored.revision}. "
    "Times are UTC. "
    f"Revisions saved before ITexit kept authors and summaries say '{NOT_RECORDED}'."
)
rows = history_rows(revisions)
chosen = st.dataframe(
    history_table(rows),
    hide_index=True,
    column_config={"What changed": st.column_config.TextColumn(width="large")},
    on_select="rerun",
    selection_mode="single-row",
    key=ui.widget_key("history-list", stored.id, stored.revision),
)
row = rows[chosen.selection.rows[0]] if chosen.selection.rows else rows[0]
st.markdown(
    f"**What revision {row.revision} changed** (saved {row.when} by {ui.plain(row.who)}; tick "
    "another row above to see what it changed):"
)
if not row.recorded:
    st.caption(f"What it changed was {NOT_RECORDED}: it was saved before ITexit kept that.")
st.markdown("\n".join(f"- {ui.plain(change)}" for change in row.changes) or "- nothing")

labels = {r.revision: revision_label(r) for r in revisions}
numbers = list(labels)
st.subheader("Compare two revisions")
older_col, newer_col = st.columns(2)
older = older_col.selectbox(
    "Older",
    numbers,
    index=min(1, len(numbers) - 1),
    format_func=labels.__getitem__,
    key=ui.widget_key("history-older", stored.id, stored.revision),
)
newer = newer_col.selectbox(
    "Newer",
    numbers,
    index=0,
    format_func=labels.__getitem__,
    key=ui.widget_key("history-newer", stored.id, stored.revision),
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
    key=ui.widget_key("history-restore", stored.id, stored.revision),
    placeholder="Only one revision so far: nothing to restore",
)
if picked is not None:
    entry = next(r for r in revisions if r.revision == picked)
    old = ui.store().load(stored.id, picked).evaluation
    undoing = difference(stored.evaluation, restored(stored.evaluation, old))
    if undoing.empty:
        st.info(f"Revision {picked} is the same as the version you are looking at.")
    else:
        st.markdown(f"Restoring revision {picked} changes this:")
        ui.table(undoing)
    with st.popover(
        f"Restore revision {picked}…", icon=":material/history:", disabled=undoing.empty
    ):
        st.markdown(f"Make revision {picked} the current version, as a new revision?")
        if st.button(
            "Yes, restore it",
            type="primary",
            key=ui.widget_key("restore", picked),
            disabled=ui.read_only(),
        ):
            ui.change(
                stored,
                lambda e: restored(e, old),
                f"Restored revision {picked}:",
                headline=restore_headline(entry),
            )
