"""The Streamlit adapter: the store, the evaluation being worked on, saving, the per-revision
cache, and the widgets several pages share. The one module of ITexit that imports Streamlit.

Pages talk to the store only through here. Every change follows one path: the page hands a
change function of the domain to `change`, which applies it to the revision the user was looking
at and saves the result; the next run shows the saved revision. A save names the revision the
user saw, so a change made on a stale view is refused, never merged.

Saved revisions never change, so whatever the domain derives from one (a page's view, a chart, a
file) is computed once per revision by `derived`, and a rerun that changes nothing costs little.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
import weakref
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal, NoReturn, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit.runtime.uploaded_file_manager import UploadedFile

from itexit import service
from itexit.access import Access, TurnedAway, access, allow_list, none_exists_yet
from itexit.changes import (
    ABSENT,
    Change,
    applied,
    changes,
    described,
    in_words,
    summarised,
    value_at,
)
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation, Provider
from itexit.input import Choice, Entry, InvalidInput
from itexit.service import Progress
from itexit.store import (
    ENV_VAR,
    Conflict,
    NotFound,
    Revision,
    Store,
    Stored,
    Summary,
    database_url,
    saved_by,
)

__all__ = [
    "EVALUATIONS_PAGE",
    "PROVIDERS_PAGE",
    "act",
    "change",
    "chart",
    "choice",
    "choose_provider",
    "current_evaluation",
    "delete",
    "derived",
    "derived_from_tickets",
    "editor_changes",
    "entry",
    "fields",
    "header",
    "menu_position",
    "none_of_yours_yet",
    "plain",
    "read_only",
    "reject",
    "require_current",
    "require_evaluation",
    "require_providers",
    "revision",
    "run",
    "selected_id",
    "signed_in_email",
    "store",
    "summaries",
    "table",
    "tabs",
    "text_key",
    "tickets",
    "uploaded_tickets",
    "widget_key",
    "with_progress",
    "work_on",
]

EVALUATIONS_PAGE = "pages/evaluations.py"
PROVIDERS_PAGE = "pages/providers.py"

_SELECTED = "itexit_evaluation_id"
_PAGE = "itexit_page"
_PINS = "itexit_pins"
_FLASH = "itexit_flash"
_GENERATION = "itexit_editor_generation"
_REFUSED = "itexit_refused"
_LAST_SAVE = "itexit_last_save"
_ADDRESS_READ = "itexit_address_read"
_NONE_YET = "itexit_none_yet"
_TEXT_KEYS = "itexit_text_keys"
_ROLE = "itexit_role"
_RETURNED = "itexit_returned"
_VIEW_ONLY = "You can view this evaluation but not change it, so nothing was saved."
_RENAME_ONLY = (
    "Only an editor of every evaluation may rename one: the sign-in allow-list can name "
    "evaluations by name, so a new name could show it to someone else. Nothing was saved."
)
_LOG = logging.getLogger("itexit")
_CONFLICT = (
    "Someone else changed this evaluation while you were working on it, so your last change "
    "was not saved. Nothing is lost: your change is listed here, to make again on the latest "
    "version or to let go."
)
T = TypeVar("T")


# The store and the per-revision cache -----------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    today = date.today()
    seeded = store.seed_once(lambda: demo_evaluation(today), f"The demo, made on {today}")
    if seeded is not None:
        store.save_tickets(seeded.id, demo_ticket_set(today))
    return store


def store() -> Store:
    """The store for $ITEXIT_DATABASE_URL (the embedded SQLite file by default), one per process."""
    try:
        return _store(database_url())
    except InvalidInput as exc:
        st.error(
            f"The database is not answering. {plain(str(exc))}\n\nITexit tries again on your "
            f"next click; if this stays, check the {ENV_VAR} setting.",
            icon=":material/cloud_off:",
        )
        st.stop()


@dataclass(frozen=True)
class _Pin:
    """A revision as the page holds it: its number, and when it was saved. An evaluation's id
    and revision numbers can mean something else after a database is recreated; the time it
    was saved tells them apart, so no cache ever serves a revision that no longer exists."""

    revision: int
    saved_at: str

    @classmethod
    def of(cls, stored: Stored) -> _Pin:
        return cls(stored.revision, stored.saved_at.isoformat())


@st.cache_resource(show_spinner=False, max_entries=64)
def _revision(url: str, evaluation_id: int, pin: _Pin) -> Stored:
    return _store(url).load(evaluation_id, pin.revision)


@st.cache_resource(show_spinner=False, max_entries=256)
def _derived(
    url: str,
    evaluation_id: int,
    pin: _Pin,
    name: str,
    args: tuple[Any, ...],
    _what: Callable[..., Any],
) -> Any:
    # Streamlit does not hash functions: `name` tells them apart (they are module-level).
    return _what(_revision(url, evaluation_id, pin).evaluation, *args)


def revision(stored: Stored, wanted: Revision) -> Evaluation:
    """Another revision of the evaluation `stored` is a revision of (one listed in its
    history), read once per revision, like the one the page shows."""
    pin = _Pin(wanted.revision, wanted.saved_at.isoformat())
    return _revision(database_url(), stored.id, pin).evaluation


def derived(stored: Stored, what: Callable[..., T], *args: Hashable) -> T:
    """`what(evaluation, *args)`, computed once per revision and arguments, shared by sessions.

    `what` is a domain function (a page's view, a chart, a file); its result is shared, so it
    must never be changed by the caller.
    """
    name = f"{what.__module__}.{what.__qualname__}"
    result: T = _derived(database_url(), stored.id, _Pin.of(stored), name, args, what)
    return result


@st.cache_resource(show_spinner=False, max_entries=32)
def _series_derived(
    url: str, pins: tuple[tuple[int, _Pin], ...], name: str, _what: Callable[..., Any]
) -> Any:
    return _what(tuple(_revision(url, i, pin).evaluation for i, pin in pins))


def derived_from_series(stored: Stored, what: Callable[[Sequence[Evaluation]], T]) -> tuple[T, int]:
    """`what(reviews)` over every review of the series `stored` belongs to that this person may
    see (this page's revision of it, the latest of the others; itself alone when it is in no
    series), computed once per set of revisions; and how many reviews of the series are left
    out because the person may not see them (a client limited to its own evaluation never sees
    another's through a shared series). The store finds the series' reviews by an index."""
    review = stored.evaluation.review
    everyone = store().series(review.series) if review is not None else []
    others = _visible(everyone)
    pins = [(s.id, _Pin(s.revision, s.updated_at.isoformat())) for s in others]
    mine = (stored.id, _Pin.of(stored))
    chosen = tuple(sorted([mine, *(p for p in pins if p[0] != stored.id)], key=lambda p: p[0]))
    name = f"{what.__module__}.{what.__qualname__}"
    result: T = _series_derived(database_url(), chosen, name, what)
    return result, len(everyone) - len(others)


# A resource, not data: an export of a million rows is not copied on every rerun.
@st.cache_resource(show_spinner="Reading the file…", max_entries=2)
def _read_tickets(data: bytes) -> service.Export:
    return service.read_export(data)


def uploaded_tickets(upload: UploadedFile) -> service.Export | None:
    """An uploaded ticket export, read once per file; if it cannot be used, the reason on the
    page, and None."""
    try:
        return _read_tickets(upload.getvalue())
    except InvalidInput as exc:
        st.error(f"{plain(upload.name)}: {plain(str(exc))}")
        return None


def with_progress(work: Callable[[Progress], T], start: str, refused: str) -> T | None:
    """Run a long task with a progress bar; if it refuses (InvalidInput), say so after
    `refused` and give None."""
    bar = st.progress(0.0, text=start)

    def show(share: float, text: str) -> None:
        bar.progress(share, text=text)

    try:
        return work(show)
    except InvalidInput as exc:
        bar.empty()
        st.error(f"{refused} {plain(str(exc))}")
        return None


def read_tickets(stored: Stored, work: Callable[[Progress], Any], start: str) -> None:
    """Read tickets with a progress bar (`work` gives a service.views.TicketUpload), then save
    them with the facts about them; if they cannot be read, say why and save nothing."""
    upload = with_progress(work, start, "Nothing was saved.")
    if upload:
        change(
            stored, lambda e: e.with_tickets(upload.summary), upload.message, tickets=upload.body
        )


@st.cache_resource(show_spinner=False, max_entries=8)
def _tickets(url: str, evaluation_id: int, imported_at: str) -> pd.DataFrame | None:
    body = _store(url).tickets(evaluation_id)
    return service.tickets_from_bytes(body) if body is not None else None


def tickets(stored: Stored) -> pd.DataFrame | None:
    """The current provider's imported tickets, read from the store once per import."""
    info = stored.evaluation.tickets
    if info is None:
        return None
    return _tickets(database_url(), stored.id, info.imported_at.isoformat())


def ticket_body(stored: Stored) -> bytes:
    """The ticket set kept beside the evaluation, as the store keeps it (b"" if none)."""
    return store().tickets(stored.id) or b""


def derived_from_tickets(stored: Stored, what: Callable[[Evaluation, pd.DataFrame], T]) -> T | None:
    """`what(evaluation, tickets)` for the imported tickets, computed once per revision like
    `derived`; None while no tickets are imported."""
    frame = tickets(stored)
    if frame is None:
        return None
    name = f"{what.__module__}.{what.__qualname__}"
    result: T = _derived(
        database_url(), stored.id, _Pin.of(stored), name, (), lambda e: what(e, frame)
    )
    return result


# The evaluation being worked on ------------------------------------------------------------------
#
# Each page shows one revision of the evaluation: the latest when the page opens (or the user
# switches evaluation), then that same revision (its *pin*) until the user saves a change or asks
# for the latest. Every editable widget's key names the evaluation and the pin, so switching
# evaluation never shows another evaluation's values, and a save names the revision the user's
# screen was built from: if the evaluation changed since, the save is refused, never merged,
# and what the user typed stays on screen.


def selected_id() -> int | None:
    """The id of the evaluation this session works on, if any."""
    value = st.session_state.get(_SELECTED)
    return value if isinstance(value, int) else None


def work_on(evaluation_id: int | None) -> None:
    """Work on another evaluation from the next run on, at its latest revision."""
    st.session_state[_SELECTED] = evaluation_id
    st.session_state[_PINS] = {}


def _pins() -> dict[int, _Pin]:
    pins: dict[int, _Pin] = st.session_state.setdefault(_PINS, {})
    return pins


def current_evaluation() -> Stored | None:
    """The revision of the evaluation being worked on that this page shows (its pin), after
    the sidebar picker; a note when someone else has saved a newer one since."""
    try:
        summaries = list(_visible(store().summaries()))
    except SQLAlchemyError:
        return _while_the_database_is_away()
    st.session_state[_NONE_YET] = not summaries
    ids = [s.id for s in summaries]
    if not _follow_address(ids) and selected_id() not in ids:
        if selected_id() is None:
            work_on(ids[0] if ids else None)
        else:
            _lost()
    _picker(summaries)
    evaluation_id = selected_id()
    if evaluation_id is None:
        return None
    st.query_params["evaluation"] = str(evaluation_id)
    summary = next(s for s in summaries if s.id == evaluation_id)
    _show_role(summary)
    stored = _open(evaluation_id, _Pin(summary.revision, summary.updated_at.isoformat()))
    if stored is None:
        return None
    latest = summary.revision
    _show_refusal(stored, latest)
    if latest > stored.revision and _refused(stored) is None:
        _offer_latest(stored, latest)
    _offer_undo(stored, latest)
    return stored


def _open(evaluation_id: int, latest: _Pin) -> Stored | None:
    """The revision the page holds (the latest if it holds none, or holds one that no longer
    exists as it was); None, said on the page, if it cannot be read."""
    pin = _pins().setdefault(evaluation_id, latest)
    try:
        stored = _revision(database_url(), evaluation_id, pin)
        if _Pin.of(stored) != pin:  # the database was made anew: this revision is another
            _revision.clear()
            _derived.clear()
            _pins()[evaluation_id] = latest
            stored = _revision(database_url(), evaluation_id, latest)
    except (InvalidInput, NotFound) as exc:
        st.error(f"This evaluation cannot be opened: {plain(str(exc))}", icon=":material/error:")
        return None
    return stored


def _lost() -> None:
    """Say so when the evaluation worked on is gone (someone deleted it), rather than move to
    another one without a word."""
    work_on(None)
    st.warning(
        "The evaluation you were working on has been deleted, so nothing more can be saved in "
        "it. Pick an evaluation in the sidebar.",
        icon=":material/delete:",
    )


def _while_the_database_is_away() -> Stored | None:
    """The revision this page already holds, from memory, while the database does not answer:
    what the user typed stays on screen, and a save says it could not be made."""
    _store.clear()
    evaluation_id = selected_id()
    pin = _pins().get(evaluation_id) if evaluation_id is not None else None
    st.warning(
        "The database is not answering. You see the version loaded before; changes cannot be "
        "saved until it answers again, and what you type stays here.",
        icon=":material/cloud_off:",
    )
    if evaluation_id is None or pin is None:
        st.stop()
    try:
        return _revision(database_url(), evaluation_id, pin)
    except SQLAlchemyError:
        st.stop()


def _follow_address(ids: Sequence[int]) -> bool:
    """Open the evaluation the address names (`?evaluation=<id>`: a reload, a bookmark, a link);
    False when it names none. An id that is not here gets a message, never another evaluation."""
    if st.session_state.get(_ADDRESS_READ):  # read once, when the page is loaded
        return False
    st.session_state[_ADDRESS_READ] = True
    named = st.query_params.get("evaluation")
    if named is None:
        return False
    if named.isdigit() and int(named) in ids:
        work_on(int(named))
        return True
    work_on(None)
    st.error(
        f"There is no evaluation {plain(named)} here: it may have been deleted, or the link "
        "comes from another ITexit. Pick an evaluation in the sidebar.",
        icon=":material/link_off:",
    )
    del st.query_params["evaluation"]
    return True


def _picker(summaries: Sequence[Summary]) -> None:
    if not summaries:
        return
    names = {s.id: s.name for s in summaries}
    with st.sidebar:
        st.session_state["itexit_picker"] = selected_id()
        st.selectbox(
            "Evaluation",
            list(names),
            index=None,
            placeholder="Choose an evaluation",
            format_func=names.__getitem__,
            key="itexit_picker",
            on_change=lambda: work_on(st.session_state["itexit_picker"]),
            help="The evaluation every page works on. Manage them on the Evaluations page.",
        )


def _offer_latest(stored: Stored, latest: int) -> None:
    st.info(
        "Someone else has saved a newer version of this evaluation since you opened this page. "
        "You still see the version you started from, and a change you make here is checked "
        "against theirs before it is saved.",
        icon=":material/sync_problem:",
    )
    if st.button("Show the latest version", icon=":material/refresh:"):
        _pins()[stored.id] = _Pin.of(store().load(stored.id, latest))
        _rerun()


def require_evaluation() -> Stored:
    """The evaluation to work on; without one, a pointer to where to create it, and stop."""
    stored = current_evaluation()
    if stored is None:
        if st.session_state.get(_NONE_YET):
            st.info(
                none_of_yours_yet()
                or "There is no evaluation yet. Start by creating one on the Evaluations page."
            )
        st.page_link(EVALUATIONS_PAGE, label="Go to Evaluations", icon=":material/folder_open:")
        st.stop()
    return stored


def require_providers(stored: Stored) -> None:
    """Stop with a pointer to the Providers page while the evaluation has no providers."""
    if not stored.evaluation.providers:
        st.info(
            "This evaluation has no providers yet. Add your current provider and the candidates "
            "you are considering first."
        )
        st.page_link(PROVIDERS_PAGE, label="Go to Providers", icon=":material/groups:")
        st.stop()


def require_current(stored: Stored, why: str) -> Provider:
    """The current provider; without one, `why` it is needed, a pointer to Providers, and stop."""
    current = stored.evaluation.current
    if current is None:
        st.info(f"Mark your current provider on the Providers page first: {why}")
        st.page_link(PROVIDERS_PAGE, label="Go to Providers", icon=":material/groups:")
        st.stop()
    return current


def require_candidate(stored: Stored, why: str) -> Provider:
    """The candidate picked in the page's "Candidate" picker; without any candidate, `why`
    one is needed, a pointer to Providers, and stop."""
    candidates = stored.evaluation.candidates
    if not candidates:
        st.info(why)
        st.page_link(PROVIDERS_PAGE, label="Go to Providers", icon=":material/groups:")
        st.stop()
    return stored.evaluation.provider(choose_provider(candidates, "Candidate"))


# Saving ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Refusal:
    """A change that was made on the screen but not saved, kept so it can be made again."""

    evaluation_id: int
    base: int
    """The revision the change was made on."""
    found: tuple[Change, ...]
    words: tuple[str, ...]
    """Each change in words, named as in the user's version."""
    reason: str
    done: str
    headline: str | None = None


@dataclass(frozen=True)
class _Save:
    """This session's last save, which Undo can take back while it is the latest revision."""

    evaluation_id: int
    page: str
    before: int
    after: int
    words: str


def change(
    stored: Stored,
    edit: Callable[[Evaluation], Evaluation],
    done: str = "Saved.",
    *,
    tickets: bytes | None = None,
    headline: str | None = None,
) -> None:
    """Apply `edit` to the revision the page shows and save the result on top of it.

    Saved: the page runs afresh on the new revision and confirms what changed. Refused because
    the input breaks a rule: the reason shows here, and the input stays as typed. Refused because
    someone else saved meanwhile or the database failed: the input stays, and the top of the page
    offers to make the same change again on the latest version. `tickets` replaces the ticket
    set kept beside the evaluation, in the same transaction (such a save has no Undo).
    `headline` opens the revision's summary in the history ("Restored revision 3"), before
    what the change did. A viewer's change is refused, whatever the page showed.
    """
    if not _may_change(stored.id):
        st.error(_VIEW_ONLY, icon=":material/visibility:")
        return
    try:
        changed = edit(stored.evaluation)
    except (InvalidInput, NotFound) as exc:
        st.error(plain(str(exc)), icon=":material/error:")
        return
    found = tuple(changes(stored.evaluation, changed))
    refusal = _refused(stored)
    if refusal is not None:
        _fold(refusal, stored, changed, found)
    elif not found:
        st.info("Nothing changed, so nothing was saved.")
    else:
        problem = _save(stored, changed, found, done, tickets, headline=headline)
        st.error(plain(problem), icon=":material/error:")


def _fold(
    refusal: _Refusal, stored: Stored, changed: Evaluation, found: tuple[Change, ...]
) -> None:
    """A change made while an earlier one waits, unsaved, at the top of the page joins it, so
    making the change again makes both (and nothing typed is lost)."""
    paths = {c.path for c in found}
    kept = [
        (c, w) for c, w in zip(refusal.found, refusal.words, strict=True) if c.path not in paths
    ]
    words = [described(c, changed, stored.evaluation) for c in found]
    merged = replace(
        refusal,
        found=(*(c for c, _ in kept), *found),
        words=(*(w for _, w in kept), *words),
    )
    if merged.found != refusal.found:
        st.session_state[_REFUSED] = merged
        st.rerun()
    st.info("This is part of your change that was not saved yet: see the top of the page.")


def _save(
    stored: Stored,
    changed: Evaluation,
    found: tuple[Change, ...],
    done: str,
    tickets: bytes | None,
    *,
    undoable: bool = True,
    headline: str | None = None,
) -> str:
    """Save and run the page afresh, showing the outcome; only a change the store itself
    refuses (a name another evaluation took meanwhile) returns, with the reason."""
    if not _may_change(stored.id):  # Undo and "make my change again" come here too
        return _VIEW_ONLY
    if changed.name != stored.evaluation.name and not _may_change(None):  # a restore too
        return _RENAME_ONLY
    summary = summarised(stored.evaluation, changed)
    try:
        saved = store().save(
            stored.id,
            changed,
            base_revision=stored.revision,
            tickets=tickets,
            summary=(headline, *summary) if headline else summary,
        )
    except InvalidInput as exc:
        return str(exc)
    except Conflict:
        _refuse(stored, changed, found, _CONFLICT, done, headline)
    except NotFound as exc:
        _flash("error", str(exc))
    except SQLAlchemyError as exc:
        _refuse(stored, changed, found, _database_trouble(exc), done, headline)
    else:
        _saved(stored, saved, found, done, undoable=undoable and tickets is None)
    st.rerun()


def _saved(
    stored: Stored, saved: Stored, found: tuple[Change, ...], done: str, *, undoable: bool
) -> None:
    _pins()[stored.id] = _Pin.of(saved)
    st.session_state.pop(_REFUSED, None)
    words = "; ".join(described(c, saved.evaluation, stored.evaluation) for c in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    _flash("success", f"{done} {words}{more}.")
    page = str(st.session_state.get(_PAGE, ""))
    last = _Save(stored.id, page, stored.revision, saved.revision, f"{words}{more}")
    st.session_state[_LAST_SAVE] = last if undoable else None


def _refuse(
    stored: Stored,
    changed: Evaluation,
    found: tuple[Change, ...],
    reason: str,
    done: str,
    headline: str | None,
) -> None:
    words = tuple(described(c, changed, stored.evaluation) for c in found)
    refusal = _Refusal(stored.id, stored.revision, found, words, reason, done, headline)
    st.session_state[_REFUSED] = refusal


def _refused(stored: Stored) -> _Refusal | None:
    refusal = st.session_state.get(_REFUSED)
    if isinstance(refusal, _Refusal) and refusal.evaluation_id == stored.id:
        return refusal
    return None


def _show_refusal(stored: Stored, latest: int) -> None:
    """The change that was not saved: why, what it was, what is saved there now, and the
    choice to make it again on the latest version or to let it go."""
    refusal = _refused(stored)
    if refusal is None:
        return
    now = store().load(stored.id, latest).evaluation if latest > refusal.base else None
    lines = [f"**Not saved.** {plain(refusal.reason)}", "", "Your change:"]
    for found, words in list(zip(refusal.found, refusal.words, strict=True))[:8]:
        line = f"- {plain(words)}"
        if now is not None:
            saved_now = value_at(now, found.path)
            line += f" (saved now: {plain(_value(saved_now))}"
            if saved_now != found.before:
                line += "; someone else changed this too, and yours would replace theirs"
            line += ")"
        lines.append(line)
    st.warning("\n".join(lines), icon=":material/warning:")
    again, drop = st.columns(2)
    if again.button("Make my change again on the latest version", type="primary"):
        _again(refusal, latest)
    if drop.button("Let my change go"):
        st.session_state.pop(_REFUSED, None)
        _pins()[stored.id] = _Pin.of(store().load(stored.id, latest))
        _rerun()


def _again(refusal: _Refusal, latest: int) -> NoReturn:
    current = store().load(refusal.evaluation_id, latest)
    st.session_state.pop(_REFUSED, None)
    try:
        changed = applied(refusal.found, current.evaluation)
    except InvalidInput as exc:  # show the latest version beside the reason
        st.session_state[_REFUSED] = replace(refusal, base=current.revision, reason=str(exc))
        _pins()[current.id] = _Pin.of(current)
        st.rerun()
    problem = _save(current, changed, refusal.found, refusal.done, None, headline=refusal.headline)
    st.session_state[_REFUSED] = replace(refusal, base=current.revision, reason=problem)
    _pins()[current.id] = _Pin.of(current)
    st.rerun()


def _value(value: object) -> str:
    if value is ABSENT:
        return "not there"
    return "there" if isinstance(value, dict) else in_words(value)


def _offer_undo(stored: Stored, latest: int) -> None:
    """In the sidebar (so the page below does not move): take back this session's last save on
    this page while it is still the latest revision."""
    last = st.session_state.get(_LAST_SAVE)
    if not isinstance(last, _Save) or last.evaluation_id != stored.id:
        return
    if last.page != st.session_state.get(_PAGE):
        return
    if last.after != latest:
        st.sidebar.caption(
            f"Your last change ({plain(last.words)}) can no longer be undone here: someone "
            "else has saved a change since."
        )
        return
    with st.sidebar:
        st.caption(f"Last change: {plain(last.words)}")
        undo = st.button("Undo it", icon=":material/undo:", key="itexit_undo")
    if undo:
        before = store().load(stored.id, last.before).evaluation
        found = tuple(changes(stored.evaluation, before))
        st.session_state[_LAST_SAVE] = None
        problem = _save(stored, before, found, "Undone:", None, undoable=False)
        st.sidebar.error(plain(problem), icon=":material/error:")


def _database_trouble(error: SQLAlchemyError) -> str:
    _store.clear()  # the next attempt opens the database afresh (and upgrades it if need be)
    reason = " ".join(str(getattr(error, "orig", None) or error).split())[:300]
    return (
        f"The database did not take the change ({reason}). Nothing is lost: try again once it "
        "answers."
    )


def act(action: Callable[[], object], done: str) -> None:
    """Run a change that is not an edit of the evaluation on screen (create, duplicate, delete
    an evaluation); then the page runs afresh showing `done`, or says here why it was refused.
    Only an editor of every evaluation may."""
    if not _may_change(None):
        st.error(
            "Only an editor of every evaluation may create, duplicate or delete evaluations, "
            "so nothing was changed.",
            icon=":material/visibility:",
        )
        return
    try:
        action()
    except (InvalidInput, NotFound, Conflict) as exc:
        st.error(plain(str(exc)), icon=":material/error:")
        return
    except SQLAlchemyError as exc:
        st.error(plain(_database_trouble(exc)), icon=":material/error:")
        return
    _flash("success", done)
    _rerun()


def delete(evaluation_id: int) -> None:
    """Delete an evaluation for good; this session then works on another one."""
    store().delete(evaluation_id)
    work_on(None)


def reject(message: str) -> NoReturn:
    """Refuse a change: nothing is saved, the message is shown, the widgets start afresh."""
    _flash("error", message)
    _rerun()


def _rerun() -> NoReturn:
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1
    st.rerun()


@dataclass(frozen=True)
class _Flash:
    kind: Literal["success", "error", "info"]
    text: str


def _flash(kind: Literal["success", "error", "info"], text: str) -> None:
    """A message for the next run to show (a change always ends with a rerun)."""
    st.session_state[_FLASH] = _Flash(kind, text)


# Sign-in -----------------------------------------------------------------------------------------
#
# With an `[auth]` section in the secrets file, people sign in through the organisation's
# identity provider (Streamlit's st.login), and the allow-list (itexit/access.py) decides who
# enters and what each may change. Without one, ITexit serves this machine only (`itexit run`
# sees to it) and everyone is an editor, as before.

_NOBODY = Access("", ())
_DESTINATION_S = 15 * 60


def _sign_in_configured() -> bool:
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def _signed_in() -> bool:
    return st.user.to_dict().get("is_logged_in") is True


def _person() -> Access | None:
    """What the signed-in person may do; None when sign-in is not configured; nobody's access
    (which sees and changes nothing) when the person may not enter."""
    if not _sign_in_configured():
        return None
    try:
        allowed = allow_list(st.secrets.to_dict())
        return access(allowed, st.user.to_dict()) if _signed_in() else _NOBODY
    except InvalidInput:
        return _NOBODY


def signed_in_email() -> str | None:
    """The signed-in person's verified e-mail address (lower case), to name who saved a
    revision; None without sign-in."""
    person = _person()
    return person.email if person is not None and person.email else None


def _visible(found: Sequence[Summary]) -> list[Summary]:
    person = _person()
    return [s for s in found if person is None or person.role(s.id, s.name) is not None]


def summaries() -> list[Summary]:
    """The evaluations this person may see (every one without sign-in)."""
    return _visible(store().summaries())


def _may_change(evaluation_id: int | None) -> bool:
    """Whether this person may change that evaluation (None: create, duplicate and delete
    evaluations), decided afresh on the server at each save."""
    person = _person()
    if person is None:
        return True
    if evaluation_id is None:
        return person.manages
    try:
        summary = store().summary(evaluation_id)
    except NotFound:
        return False
    return person.role(summary.id, summary.name) == "editor"


def read_only(*, evaluations: bool = False) -> bool:
    """Whether this person may only look at the evaluation worked on: pass it as `disabled=`
    to every control that changes data (pickers, tabs and downloads stay usable). With
    `evaluations=True`, whether they may not create, duplicate or delete evaluations. Always
    False without sign-in. The server refuses a viewer's change whatever the page shows."""
    person = _person()
    if person is None:
        return False
    if evaluations:
        return not person.manages
    return st.session_state.get(_ROLE) != (selected_id(), "editor")


def _show_role(summary: Summary) -> None:
    """The person's role on the evaluation worked on, in the sidebar; for a viewer, one line
    on the page saying they can view only."""
    person = _person()
    if person is None:
        return
    role = person.role(summary.id, summary.name)
    st.session_state[_ROLE] = (summary.id, role)
    st.sidebar.caption(f"You are {'an editor' if role == 'editor' else 'a viewer'} here.")
    if role != "editor":
        ask = allow_list(st.secrets.to_dict()).ask
        st.info(
            f"You can view this evaluation but not change it. To change it, ask {plain(ask)}.",
            icon=":material/visibility:",
        )


def menu_position() -> Literal["sidebar", "hidden"]:
    """Where the navigation goes: hidden from a visitor who may not enter."""
    person = _person()
    return "hidden" if person is not None and not person.email else "sidebar"


def _let_in(page: Any) -> bool:
    """Without sign-in configured, let everyone in. With it: a visitor who has not signed in
    sees what ITexit is and how to sign in; a person the allow-list refuses is told why and
    who to ask; a person let in sees who they are and how to sign out, in the sidebar."""
    if not _sign_in_configured():
        return True
    try:
        allowed = allow_list(st.secrets.to_dict())
    except InvalidInput as exc:
        st.error(f"ITexit cannot let anyone in yet. {plain(str(exc))}", icon=":material/lock:")
        return False
    if not _signed_in():
        _remember_destination(page)
        _welcome()
        return False
    try:
        person = access(allowed, st.user.to_dict())
    except TurnedAway as exc:
        st.title("ITexit")
        st.error(plain(str(exc)), icon=":material/block:")
        _sign_out_button("Sign out to use another account")
        return False
    _return_to_destination(page)
    with st.sidebar:
        st.caption(f"Signed in as {plain(person.email)}")
        _sign_out_button("Sign out")
    return True


def none_of_yours_yet() -> str | None:
    """For a person whose allow-list lines name only evaluations that do not exist (a typo, or
    one not created yet): the sentence saying so and who to ask, for markdown; None otherwise."""
    person = _person()
    if person is None or not person.email:
        return None
    known = [(s.id, s.name) for s in store().summaries()]
    said = none_exists_yet(person, known, allow_list(st.secrets.to_dict()).ask)
    return None if said is None else plain(said)


def _sign_out_button(label: str) -> None:
    if st.button(label, icon=":material/logout:", key="itexit_sign_out"):
        st.logout()


def _welcome() -> None:
    st.title("ITexit")
    st.markdown(
        "ITexit helps a business leave an IT provider that is failing it, with evidence: it "
        "scores your current provider and the candidates against the essentials every business "
        "should expect, compares them, and plans the exit.\n\n"
        "This ITexit is shared by a team, so sign in with your work account to continue."
    )
    auth = st.secrets.to_dict().get("auth", {})
    named = [name for name, value in auth.items() if isinstance(value, dict)]
    for provider in named if named and "client_id" not in auth else [None]:
        label = f"Sign in with {provider}" if provider and len(named) > 1 else "Sign in"
        if st.button(label, type="primary", icon=":material/login:", key=f"sign-in-{provider}"):
            st.login(provider)


# Streamlit always returns to the app's home page after sign-in (streamlit issue #10162), in
# a new session. The page and evaluation a link named are remembered on the server for a
# quarter of an hour, under the token of Streamlit's XSRF cookie: the one value the browser
# keeps across the round trip through the identity provider (Streamlit turns XSRF protection
# on whenever sign-in is configured, and keeps the token across page loads, masked anew).


@st.cache_resource(show_spinner=False)
def _destinations() -> dict[str, tuple[str, dict[str, str], float]]:
    return {}


def _browser() -> str | None:
    parts = str(st.context.cookies.get("_streamlit_xsrf") or "").strip("\"'").split("|")
    if len(parts) != 4 or parts[0] != "2":
        return None
    try:
        mask, masked = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
    except ValueError:
        return None
    if not mask:
        return None
    token = bytes(b ^ mask[i % len(mask)] for i, b in enumerate(masked))
    return hashlib.blake2b(token, digest_size=16).hexdigest()


def _remember_destination(page: Any) -> None:
    browser, now = _browser(), time.monotonic()
    params = st.query_params.to_dict()
    if browser is None or not (page.url_path or params):
        return
    kept = _destinations()
    for stale in [k for k, (_, _, at) in kept.items() if now - at > _DESTINATION_S]:
        kept.pop(stale, None)
    if len(kept) < 10_000:
        kept[browser] = (page.url_path, params, now)


def _return_to_destination(page: Any) -> None:
    """Once per session, on the home page without parameters (where sign-in lands): go on to
    the page and evaluation this browser's link named before signing in."""
    if st.session_state.get(_RETURNED):
        return
    st.session_state[_RETURNED] = True
    browser = _browser()
    found = _destinations().pop(browser, None) if browser else None
    if found is None or page.url_path or st.query_params.to_dict():
        return
    url_path, params, at = found
    if time.monotonic() - at <= _DESTINATION_S:
        # Every page is pages/<its url path>.py (app.py names them so).
        st.switch_page(
            f"pages/{url_path}.py" if url_path else EVALUATIONS_PAGE, query_params=params
        )


# What every page shows ---------------------------------------------------------------------------


def run(page: Any) -> None:
    """Run the page the navigation chose. An unexpected error shows one plain sentence with a
    reference that matches the server log, where the details go; a database that failed is
    opened afresh on the next run, so the app recovers by itself once it answers again.
    With sign-in configured, only a person the allow-list lets in gets that far."""
    if not _let_in(page):
        return
    try:
        with saved_by(signed_in_email()):  # without sign-in: the OS user
            page.run()
    except SQLAlchemyError:
        _store.clear()
        reference = _logged("The database failed")
        st.error(
            "The database is not answering, so this page cannot be shown. Nothing you saved is "
            f"lost: try again in a moment. (Reference {reference}.)",
            icon=":material/cloud_off:",
        )
    except Exception:
        reference = _logged("A page failed")
        st.error(
            "Something went wrong on our side and this page could not be shown. Nothing you "
            f"saved is lost. If it happens again, give this reference to whoever runs ITexit: "
            f"{reference}.",
            icon=":material/error:",
        )


def _logged(what: str) -> str:
    """Log the error being handled, with its traceback, under a short reference; the reference."""
    reference = secrets.token_hex(4)
    _LOG.exception("%s (reference %s)", what, reference)
    return reference


def header(title: str, intro: str) -> None:
    """The page title, a plain-words introduction, and the outcome of the last change."""
    _run_through_router()
    if st.session_state.get(_PAGE) != title:  # a page opens on the latest revisions
        st.session_state[_PAGE] = title
        st.session_state[_PINS] = {}
        st.session_state.pop(_REFUSED, None)
    st.title(title)
    st.markdown(intro)
    _show_flash()


def _run_through_router() -> None:
    """Make sure a page runs inside app.py's `st.navigation`, never in the old pages/ mode.

    Until some session calls `st.navigation`, Streamlit treats `pages/` as an old-style
    multipage folder, so when the first visitor after a server start opens a deep link such as
    /compare, the page runs without app.py (no page config, a navigation of file names).
    Streamlit has no setting for this, so we leave that mode and run again through app.py.
    AppTest re-enters that mode on every run by design; there the rerun would only lose clicks.
    """
    from streamlit import config
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()


def _show_flash() -> None:
    message = st.session_state.pop(_FLASH, None)
    if message is None:
        return
    text = plain(message.text)  # messages quote names users typed
    if message.kind == "success":
        st.toast(text, icon=":material/check_circle:", duration="long")  # 10 s: time to read
    elif message.kind == "error":
        st.error(text, icon=":material/error:")
    else:
        st.info(text)


def tabs(name: str, labels: Sequence[str], ids: Sequence[str]) -> Sequence[Any]:
    """Tabs that stay on the one the user chose, across saves and reruns, even when their
    labels change (a score in a label); `ids` name the tabs for good."""
    chosen_key = f"itexit_tab_{name}"
    label_of = dict(zip(ids, labels, strict=True))
    id_of = dict(zip(labels, ids, strict=True))
    key = f"{name}-tabs-{abs(hash(tuple(labels)))}"

    def remember() -> None:
        st.session_state[chosen_key] = id_of.get(st.session_state[key])

    return st.tabs(
        list(labels),
        default=label_of.get(st.session_state.get(chosen_key, ""), labels[0]),
        key=key,
        on_change=remember,
    )


def chart(figure: go.Figure) -> None:
    """A plotly figure, as wide as the page, without plotly's logo."""
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})


# The input widgets whose value a form or a page saves: made through `fields`, they are disabled
# for a viewer. Pickers of what to look at (a provider, a revision, a tab) are made as usual.
_INPUTS = frozenset(
    {
        "checkbox",
        "color_picker",
        "date_input",
        "multiselect",
        "number_input",
        "radio",
        "select_slider",
        "selectbox",
        "slider",
        "text_area",
        "text_input",
        "time_input",
        "toggle",
    }
)


class _Fields:
    """A place for widgets (`st`, a column, a container) whose input widgets come out disabled
    when `locked`; everything else it makes is as usual."""

    def __init__(self, where: Any, locked: bool) -> None:
        self._where, self._locked = where, locked

    def __getattr__(self, name: str) -> Any:
        made = getattr(self._where, name)
        if name not in _INPUTS or not self._locked:
            return made
        return lambda *args, **kwargs: made(*args, **{**kwargs, "disabled": True})


def fields(*where: Any, locked: bool | None = None) -> Any:
    """`where` (`st`, or columns), for the inputs of what will be saved: every text box,
    number box, date, select, radio, checkbox or toggle made through it is disabled when
    `locked` (by default: for a viewer, see `read_only`). One place gives one back, several a
    tuple: `left, right = ui.fields(*st.columns(2))`."""
    disabled = read_only() if locked is None else locked
    made = tuple(_Fields(w, disabled) for w in where)
    return made[0] if len(made) == 1 else made


def entry(where: Any, field: Entry, *, locked: bool | None = None) -> Any:
    """The input box a form field asks for, in `where` (a column, or `st` itself); its value.
    Disabled when `locked` (by default: for a viewer)."""
    shown: Literal["visible", "collapsed"] = "visible" if field.show_label else "collapsed"
    disabled = read_only() if locked is None else locked
    if field.text:
        return where.text_input(
            field.label,
            field.value,
            max_chars=field.max_chars,
            help=field.help,
            placeholder=field.placeholder,
            label_visibility=shown,
            disabled=disabled,
        )
    return where.number_input(
        field.label,
        field.low,
        field.high,
        field.value,
        step=field.step,
        help=field.help,
        placeholder=field.placeholder,
        label_visibility=shown,
        disabled=disabled,
    )


def choice(where: Any, pick: Choice, *, locked: bool | None = None) -> str:
    """The picker a form offers, in `where` (a column, or `st` itself); the option picked.
    Disabled when `locked` (by default: for a viewer)."""
    words = (pick.words or {}).get
    disabled = read_only() if locked is None else locked
    if pick.buttons:
        chosen = where.radio(
            pick.label,
            pick.options,
            index=pick.index,
            help=pick.help,
            horizontal=True,
            format_func=lambda o: plain(str(words(o, o))),  # radio options are Markdown
            disabled=disabled,
        )
    else:
        chosen = where.selectbox(
            pick.label,
            pick.options,
            index=pick.index,
            help=pick.help,
            format_func=lambda o: words(o, o),  # a drop-down shows its options as typed
            disabled=disabled,
        )
    return str(chosen)


def table(frame: pd.DataFrame) -> None:
    """A small static table whose cells wrap, without its index. `st.table` renders every cell
    and header as Markdown, so each text goes through `plain` (`st.dataframe` needs none)."""
    shown = frame.rename(columns=lambda c: plain(str(c)))
    st.table(
        shown.map(lambda cell: plain(cell) if isinstance(cell, str) else cell), hide_index=True
    )


def widget_key(name: str, *shown: object) -> str:
    """A key naming the evaluation and what the widget shows, so an edit widget starts from
    that evaluation's saved data, keeps what the user typed until that data changes (its own
    save, or the latest version asked for), and starts afresh then. Without `shown`, any saved
    change of the evaluation starts it afresh."""
    evaluation = selected_id()
    if shown:
        version = _digest(shown)
    else:
        pin = _pins().get(evaluation) if evaluation is not None else None
        version = str(pin.revision if pin is not None else 0)
    return f"{name}@{evaluation}.{version}.{st.session_state.get(_GENERATION, 0)}"


def text_key(name: str, shown: str) -> str:
    """The key of a text box outside a form, such as the letter: it follows the text shown
    while the box holds just that, and keeps what the user typed (unsaved) otherwise."""
    remembered: dict[str, tuple[str, str]] = st.session_state.setdefault(_TEXT_KEYS, {})
    name = f"{name}@{selected_id()}"
    before = remembered.get(name)
    if before is not None and st.session_state.get(before[0], before[1]) != before[1]:
        return before[0]
    key = widget_key(name, shown)
    remembered[name] = (key, shown)
    return key


def _digest(shown: tuple[object, ...]) -> str:
    text = "|".join(_frame_digest(s) if isinstance(s, pd.DataFrame) else repr(s) for s in shown)
    return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def _frame_digest(frame: pd.DataFrame) -> str:
    # A view's tables are cached and never change, so each is read through once.
    known = _FRAME_DIGESTS.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1]
    digest = hashlib.blake2b(frame.to_json().encode(), digest_size=6).hexdigest()
    if len(_FRAME_DIGESTS) > 4096:
        _FRAME_DIGESTS.clear()
    _FRAME_DIGESTS[id(frame)] = (weakref.ref(frame), digest)
    return digest


_FRAME_DIGESTS: dict[int, tuple[weakref.ref[pd.DataFrame], str]] = {}


def editor_changes(key: str) -> dict[int, dict[str, Any]]:
    """The cells changed in a fixed-rows `st.data_editor`, by row position."""
    state = st.session_state.get(key) or {}
    return {int(row): dict(cells) for row, cells in (state.get("edited_rows") or {}).items()}


# Streamlit renders Markdown in every label, caption, message, tab, expander, radio option and
# st.table cell. Backslash escapes stop what Markdown parses: emphasis, code, links, images,
# HTML, LaTeX, strikethrough, tables and entities anywhere in a line; headings, lists, quotes and
# underlines at its start. Streamlit's own extensions rewrite the text after parsing, where
# escapes are gone: material icons (:material/home:, :material_home:), emoji shortcodes (:smile:),
# colours (:red[x]), bare addresses made links (https://x, www.x, a@x) and typographic arrows
# (->). An invisible word joiner (U+2060) inside each such pattern stops those. Only what
# matters is escaped, because Streamlit also reads a widget's label aloud (its aria-label) as
# written, backslashes included.
_INLINE = re.compile(r"([\\`*_\[\]<!$~|]|&(?=#|\w+;))")
_LINE_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")
_REWRITTEN = re.compile(r"(?<=[:@])(?=\S)|(?i:(?<=www))(?=\.)|(?<=[-<>~])(?=[-<>=~])")
_WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Untrusted text (a name, a note, an imported text) made safe to put inside Streamlit's
    Markdown: shown as the characters typed, never interpreted, with line breaks kept.

    The one escaping path for everything Streamlit renders as Markdown; charts have
    `style.escaped`, and plain-text places (select boxes, tables, text boxes) need neither.
    """
    lines = (line.strip() for line in text.splitlines())
    return "  \n".join(_literal(line) for line in lines if line)


def _literal(line: str) -> str:
    escaped = _INLINE.sub(r"\\\1", _REWRITTEN.sub(_WORD_JOINER, line))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def choose_provider(providers: Sequence[Provider], label: str = "Provider") -> str:
    """A provider picker that remembers its choice across pages; returns the provider id.

    Each label is its own picker: the Scorecard's "Provider" and Due diligence's "Candidate"
    remember different choices.
    """
    durable, widget = f"itexit_choice_{label}", f"itexit_picker_{label}"
    ids = [p.id for p in providers]
    named = st.query_params.get("provider")
    if durable not in st.session_state and named in ids:  # a reload or a link names it
        st.session_state[durable] = named
    if st.session_state.get(durable) not in ids:
        st.session_state[durable] = ids[0]
    names = {p.id: f"{p.name} (current)" if p.current else p.name for p in providers}
    st.session_state[widget] = st.session_state[durable]
    st.selectbox(
        label,
        ids,
        format_func=names.__getitem__,
        key=widget,
        on_change=lambda: st.session_state.update({durable: st.session_state[widget]}),
    )
    st.query_params["provider"] = str(st.session_state[durable])
    return str(st.session_state[durable])
