"""An evaluation's history: every saved revision with when, who and what it changed, the
difference between any two, and restoring an old one as a new revision (nothing is deleted)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from itexit.changes import Change, added, changes, parts, removed, summarised
from itexit.evaluation import Evaluation
from itexit.store import Revision
from itexit.words import plural

__all__ = [
    "NOT_RECORDED",
    "HistoryView",
    "Restore",
    "RevisionView",
    "difference",
    "history_rows",
    "history_table",
    "history_text",
    "history_view",
    "restore",
    "restore_headline",
    "restored",
    "revision_label",
    "saved_when",
]

NOT_RECORDED = "not recorded"
"""Said for who saved a revision, or what it changed, when it was saved before ITexit kept them
(schema migration 0005)."""
SHOWN_IN_LIST = 3
"""How many changes a revision's line in the list names before counting the rest."""
VALUE_WIDTH = 80
"""A value in the difference table is cut after this many characters."""


@dataclass(frozen=True)
class RevisionView:
    """One revision as the History page and `itexit history` show it."""

    revision: int
    when: str
    who: str
    changes: tuple[str, ...]
    """Every change the revision's summary names; empty when not recorded."""
    recorded: bool
    """False for revisions saved before ITexit kept authors and summaries."""

    @property
    def in_brief(self) -> str:
        """The first few changes and how many more: one line of a list."""
        if not self.recorded:
            return f"({NOT_RECORDED})"
        if not self.changes:
            return "nothing changed"
        shown = "; ".join(self.changes[:SHOWN_IN_LIST])
        more = len(self.changes) - SHOWN_IN_LIST
        return f"{shown}; and {plural(more, 'more change')}" if more > 0 else shown


@dataclass(frozen=True)
class HistoryView:
    """The History page: the revisions in words, as a table, and as picker labels."""

    rows: list[RevisionView]
    """Newest first, as the table lists them."""
    table: pd.DataFrame
    labels: dict[int, str]
    """Each revision's number and its label in a picker, newest first."""
    caption: str


def history_view(revisions: Sequence[Revision], shown: int) -> HistoryView:
    """What the History page shows of an evaluation's revisions (newest first), `shown` being
    the revision the page is looking at."""
    rows = history_rows(revisions)
    caption = (
        f"{plural(len(revisions), 'revision')}; you are looking at revision {shown}. Times are "
        f"UTC. Revisions saved before ITexit kept authors and summaries say '{NOT_RECORDED}'."
    )
    labels = {r.revision: revision_label(r) for r in revisions}
    return HistoryView(rows, history_table(rows), labels, caption)


def saved_when(moment: datetime) -> str:
    """A save's moment as people read it, in UTC: '27 Nov 2026, 19:38 UTC'."""
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


def revision_label(revision: Revision) -> str:
    """A revision in a picker: 'Revision 3 · 27 Nov 2026, 19:38 UTC · ann@example.com'."""
    return f"Revision {revision.revision} · {saved_when(revision.saved_at)} · {_who(revision)}"


def history_rows(revisions: Sequence[Revision]) -> list[RevisionView]:
    """Every revision, newest first, in words."""
    return [
        RevisionView(
            revision=r.revision,
            when=saved_when(r.saved_at),
            who=_who(r),
            changes=r.summary or (),
            recorded=r.summary is not None,
        )
        for r in revisions
    ]


def history_table(rows: Sequence[RevisionView]) -> pd.DataFrame:
    """The history as a table, newest first: revision, when, who, what changed in brief."""
    return pd.DataFrame(
        {
            "Revision": [row.revision for row in rows],
            "Saved": [row.when for row in rows],
            "By": [row.who for row in rows],
            "What changed": [row.in_brief for row in rows],
        }
    ).astype({"Saved": "str", "By": "str", "What changed": "str"})


def history_text(rows: Sequence[RevisionView]) -> str:
    """The history as `itexit history` prints it: each revision on a line, its changes below."""
    lines = []
    for row in rows:
        lines.append(f"Revision {row.revision} · {row.when} · {row.who}")
        described = row.changes if row.recorded else (f"(what changed: {NOT_RECORDED})",)
        lines.extend(f"  {change}" for change in described or ("(nothing changed)",))
    return "\n".join(lines) + "\n"


def _who(revision: Revision) -> str:
    return revision.author or NOT_RECORDED


def difference(
    older: Evaluation, newer: Evaluation, found: Sequence[Change] | None = None
) -> pd.DataFrame:
    """What differs between two versions of an evaluation, one row per value: where it is, and
    the value in each version ('none' where it was not set; 'added' or 'removed' for a whole
    record such as a provider). `found`: `changes(older, newer)`, when the caller has it."""
    rows = []
    for change in changes(older, newer) if found is None else found:
        what, before, after = parts(change, newer, older, limit=VALUE_WIDTH)
        if added(change):
            before, after = "not there", "added"
        elif removed(change):
            before, after = "there", "removed"
        rows.append((what, before, after))
    return pd.DataFrame(rows, columns=["What", "Before", "After"], dtype="str")


def restored(current: Evaluation, old: Evaluation) -> Evaluation:
    """`old` made the current version again, except for what belongs to the evaluation rather
    than to a version of it: the imported tickets (a ticket set is kept beside the evaluation,
    not in its history, so only today's can be used) and its place in a review series."""
    return old.model_copy(update={"tickets": current.tickets, "review": current.review})


@dataclass(frozen=True)
class Restore:
    """What restoring a revision would save, and what it changes, in a table and in words."""

    evaluation: Evaluation
    changes: pd.DataFrame
    summary: tuple[str, ...]
    """The revision's summary in the history: which revision came back, then each change."""

    @property
    def changes_nothing(self) -> bool:
        """Whether the revision is the same as the version it would replace."""
        return self.changes.empty


def restore(current: Evaluation, old: Evaluation, revision: Revision) -> Restore:
    """Restoring `revision` (`old`) on top of `current`: the page's preview and the command
    line's save."""
    evaluation = restored(current, old)
    found = changes(current, evaluation)
    summary = (restore_headline(revision), *summarised(current, evaluation, found))
    return Restore(evaluation, difference(current, evaluation, found), summary)


def restore_headline(revision: Revision) -> str:
    """The first line of a restore's summary: which revision it brought back."""
    return f"Restored revision {revision.revision} (saved {saved_when(revision.saved_at)})"
