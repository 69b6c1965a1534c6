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

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NoReturn, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit.runtime.uploaded_file_manager import UploadedFile

from itexit import service
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation, Provider
from itexit.input import Choice, Entry, InvalidInput
from itexit.service import Progress
from itexit.store import ENV_VAR, Conflict, NotFound, Store, Stored, database_url

__all__ = [
    "EVALUATIONS_PAGE",
    "PROVIDERS_PAGE",
    "act",
    "change",
    "chart",
    "choice",
    "choose_provider",
    "current_evaluation",
    "derived",
    "derived_from_tickets",
    "editor_changes",
    "entry",
    "header",
    "plain",
    "reject",
    "require_current",
    "require_evaluation",
    "require_providers",
    "selected_id",
    "store",
    "tickets",
    "uploaded_tickets",
    "widget_key",
    "with_progress",
    "work_on",
]

EVALUATIONS_PAGE = "pages/evaluations.py"
PROVIDERS_PAGE = "pages/providers.py"

_SELECTED = "itexit_evaluation_id"
_SEEN = "itexit_seen_revision"
_BASE = "itexit_base_revision"
_FLASH = "itexit_flash"
_GENERATION = "itexit_editor_generation"
_CONFLICT = (
    "Someone else changed this evaluation while you were working on it, so your last change "
    "was not saved. The page now shows their version: check it and make your change again."
)
T = TypeVar("T")


# The store and the per-revision cache -----------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    store = Store(url)
    seeded = store.seed_once(demo_evaluation)
    if seeded is not None:
        store.save_tickets(seeded.id, demo_ticket_set())
    return store


def store() -> Store:
    """The store for $ITEXIT_DATABASE_URL (the embedded SQLite file by default), one per process."""
    try:
        return _store(database_url())
    except InvalidInput as exc:
        st.error(f"{plain(str(exc))}\n\nCheck the {ENV_VAR} setting, then reload this page.")
        st.stop()


@st.cache_resource(show_spinner=False, max_entries=64)
def _revision(url: str, evaluation_id: int, revision: int) -> Stored:
    return _store(url).load(evaluation_id, revision)


@st.cache_resource(show_spinner=False, max_entries=256)
def _derived(
    url: str,
    evaluation_id: int,
    revision: int,
    name: str,
    args: tuple[Any, ...],
    _what: Callable[..., Any],
) -> Any:
    # Streamlit does not hash functions: `name` tells them apart (they are module-level).
    return _what(_revision(url, evaluation_id, revision).evaluation, *args)


def derived(stored: Stored, what: Callable[..., T], *args: Hashable) -> T:
    """`what(evaluation, *args)`, computed once per revision and arguments, shared by sessions.

    `what` is a domain function (a page's view, a chart, a file); its result is shared, so it
    must never be changed by the caller.
    """
    name = f"{what.__module__}.{what.__qualname__}"
    result: T = _derived(database_url(), stored.id, stored.revision, name, args, what)
    return result


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


def derived_from_tickets(stored: Stored, what: Callable[[Evaluation, pd.DataFrame], T]) -> T | None:
    """`what(evaluation, tickets)` for the imported tickets, computed once per revision like
    `derived`; None while no tickets are imported."""
    frame = tickets(stored)
    if frame is None:
        return None
    name = f"{what.__module__}.{what.__qualname__}"
    result: T = _derived(
        database_url(), stored.id, stored.revision, name, (), lambda e: what(e, frame)
    )
    return result


# The evaluation being worked on ------------------------------------------------------------------


def selected_id() -> int | None:
    """The id of the evaluation this session works on, if any."""
    value = st.session_state.get(_SELECTED)
    return value if isinstance(value, int) else None


def work_on(evaluation_id: int | None) -> None:
    """Work on another evaluation from the next run on."""
    st.session_state[_SELECTED] = evaluation_id


def current_evaluation() -> Stored | None:
    """The latest revision of the evaluation being worked on, after the sidebar picker.

    Remembers which revision the previous run showed: a change made in this run was made on
    that view, and `change` builds on it.
    """
    summaries = store().summaries()
    ids = [s.id for s in summaries]
    if selected_id() not in ids:
        work_on(ids[0] if ids else None)
    with st.sidebar:
        if summaries:
            names = {s.id: s.name for s in summaries}
            st.session_state["itexit_picker"] = selected_id()
            st.selectbox(
                "Evaluation",
                ids,
                format_func=names.__getitem__,
                key="itexit_picker",
                on_change=lambda: work_on(st.session_state["itexit_picker"]),
                help="The evaluation every page works on. Manage them on the Evaluations page.",
            )
    evaluation_id = selected_id()
    if evaluation_id is None:
        return None
    summary = next(s for s in summaries if s.id == evaluation_id)
    stored = _revision(database_url(), evaluation_id, summary.revision)
    seen: dict[int, int] = st.session_state.setdefault(_SEEN, {})
    st.session_state[_BASE] = seen.get(evaluation_id, stored.revision)
    seen[evaluation_id] = stored.revision
    return stored


def require_evaluation() -> Stored:
    """The evaluation to work on; without one, a pointer to where to create it, and stop."""
    stored = current_evaluation()
    if stored is None:
        st.info("There is no evaluation yet. Start by creating one on the Evaluations page.")
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


# Saving ------------------------------------------------------------------------------------------


def change(
    stored: Stored,
    edit: Callable[[Evaluation], Evaluation],
    done: str = "Saved.",
    *,
    from_form: bool = False,
    then: Callable[[Store], object] | None = None,
) -> NoReturn:
    """Apply `edit` to the evaluation and save it on top of the revision the user saw.

    Whatever happens, the page then runs afresh from the store and shows the outcome: the
    saved change, or why nothing was saved. `then` writes what is kept beside the evaluation,
    only once the evaluation itself is saved. See `act` for `from_form`.
    """
    base = st.session_state.get(_BASE, stored.revision)

    def save() -> None:
        saved = store().save(stored.id, edit(stored.evaluation), base_revision=base)
        st.session_state.setdefault(_SEEN, {})[stored.id] = saved.revision
        if then is not None:
            then(store())

    act(save, done, from_form=from_form)


def act(action: Callable[[], object], done: str, *, from_form: bool = False) -> NoReturn:
    """Run a change, then rerun showing `done` or the reason it was refused.

    Afterwards the edit widgets start afresh from the store, with one exception: when a form's
    submission is refused, the form keeps what the user typed so they can correct it. (A form
    submits once; a data editor would submit its edits again on every run, so editors always
    start afresh.)
    """
    try:
        action()
    except Conflict:
        _flash("error", _CONFLICT)
    except (InvalidInput, NotFound) as exc:
        _flash("error", str(exc))
        if from_form:
            st.rerun()
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        _flash(
            "error",
            f"The database did not take the change ({reason}). Nothing was saved; try again.",
        )
    else:
        _flash("success", done)
    _rerun()


def reject(message: str) -> NoReturn:
    """Refuse a change: nothing is saved, the message is shown, the widgets reset."""
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


# What every page shows ---------------------------------------------------------------------------


def header(title: str, intro: str) -> None:
    """The page title, a plain-words introduction, and the outcome of the last change."""
    _run_through_router()
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
        st.toast(text, icon=":material/check_circle:")
    elif message.kind == "error":
        st.error(text, icon=":material/error:")
    else:
        st.info(text)


def chart(figure: go.Figure) -> None:
    """A plotly figure, as wide as the page, without plotly's logo."""
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})


def entry(where: Any, field: Entry) -> Any:
    """The input box a form field asks for, in `where` (a column, or `st` itself); its value."""
    shown: Literal["visible", "collapsed"] = "visible" if field.show_label else "collapsed"
    if field.text:
        return where.text_input(
            field.label,
            field.value,
            max_chars=field.max_chars,
            help=field.help,
            placeholder=field.placeholder,
            label_visibility=shown,
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
    )


def choice(where: Any, pick: Choice) -> str:
    """The picker a form offers, in `where` (a column, or `st` itself); the option picked."""
    words = (pick.words or {}).get
    if pick.buttons:
        chosen = where.radio(
            pick.label,
            pick.options,
            index=pick.index,
            help=pick.help,
            horizontal=True,
            format_func=lambda o: words(o, o),
        )
    else:
        chosen = where.selectbox(
            pick.label,
            pick.options,
            index=pick.index,
            help=pick.help,
            format_func=lambda o: words(o, o),
        )
    return str(chosen)


def widget_key(name: str) -> str:
    """A key that changes after every save or refusal, so edit widgets start from saved data."""
    return f"{name}@{st.session_state.get(_GENERATION, 0)}"


def editor_changes(key: str) -> dict[int, dict[str, Any]]:
    """The cells changed in a fixed-rows `st.data_editor`, by row position."""
    state = st.session_state.get(key) or {}
    return {int(row): dict(cells) for row, cells in (state.get("edited_rows") or {}).items()}


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def plain(text: str) -> str:
    """User text made safe to put inside markdown: shown exactly as typed, never interpreted."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def choose_provider(providers: Sequence[Provider], label: str = "Provider") -> str:
    """A provider picker that remembers its choice across pages; returns the provider id.

    Each label is its own picker: the Scorecard's "Provider" and Due diligence's "Candidate"
    remember different choices.
    """
    durable, widget = f"itexit_choice_{label}", f"itexit_picker_{label}"
    ids = [p.id for p in providers]
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
    return str(st.session_state[durable])
