"""History: every saved version of the evaluation, who saved it and what changed; compare two
versions; restore an old one as a new version."""

import streamlit as st

from itexit import ui
from itexit.history import (
    NOT_RECORDED,
    difference,
    history_view,
    restore,
    restore_headline,
    restored,
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
view = history_view(revisions, stored.revision)
by_number = {r.revision: r for r in revisions}
st.caption(view.caption)
chosen = st.dataframe(
    view.table,
    hide_index=True,
    column_config={"What changed": st.column_config.TextColumn(width="large")},
    on_select="rerun",
    selection_mode="single-row",
    # A row is picked by its position: a new revision on top starts the list afresh.
    key=ui.widget_key("history-list", stored.id, revisions[0].revision),
)
row = view.rows[chosen.selection.rows[0]] if chosen.selection.rows else view.rows[0]
st.markdown(
    f"**What revision {row.revision} changed** (saved {row.when} by {ui.plain(row.who)}; tick "
    "another row above to see what it changed):"
)
if not row.recorded:
    st.caption(f"What it changed was {NOT_RECORDED}: it was saved before ITexit kept that.")
st.markdown("\n".join(f"- {ui.plain(change)}" for change in row.changes) or "- nothing")

# The pickers' keys name the revision on screen: after your own save or restore they start
# afresh (the latest against the one before), but not when someone else saves meanwhile.
numbers = list(view.labels)
st.subheader("Compare two revisions")
older_col, newer_col = st.columns(2)
older = older_col.selectbox(
    "Older",
    numbers,
    index=min(1, len(numbers) - 1),
    format_func=view.labels.__getitem__,
    key=ui.widget_key("history-older", stored.id, stored.revision),
)
newer = newer_col.selectbox(
    "Newer",
    numbers,
    index=0,
    format_func=view.labels.__getitem__,
    key=ui.widget_key("history-newer", stored.id, stored.revision),
)
changed = difference(ui.revision(stored, by_number[older]), ui.revision(stored, by_number[newer]))
if changed.empty:
    st.info("These two revisions are the same.")
else:
    st.caption(f"What is different in revision {newer} from revision {older}.")
    ui.table(changed)

st.subheader("Restore a revision")
st.markdown(
    "Restoring makes an old revision the current version again. It is saved as a **new** "
    "revision, so nothing is lost: the versions in between stay in the list above. Imported "
    "tickets, and the evaluation's place in a series of reviews, stay as they are now (they are "
    "not part of the history)."
)
picked = st.selectbox(
    "Revision to restore",
    numbers[1:],
    format_func=view.labels.__getitem__,
    key=ui.widget_key("history-restore", stored.id, stored.revision),
    placeholder="Only one revision so far: nothing to restore",
)
if picked is not None:
    old = ui.revision(stored, by_number[picked])
    plan = restore(stored.evaluation, old, by_number[picked])
    if plan.changes_nothing:
        st.info(f"Revision {picked} is the same as the version you are looking at.")
    else:
        st.markdown(f"Restoring revision {picked} changes this:")
        ui.table(plan.changes)
        renaming_refused = plan.evaluation.name != stored.evaluation.name and ui.read_only(
            evaluations=True
        )
        if renaming_refused:
            st.caption("It brings back an older name: only an editor of every evaluation may.")
        with st.popover(
            f"Restore revision {picked}…", icon=":material/history:", disabled=renaming_refused
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
                    headline=restore_headline(by_number[picked]),
                )
