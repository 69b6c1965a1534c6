"""The Streamlit adapter: the cached store, session state, and the widgets several pages share.

Pages talk to the store only through here. Every change follows one path: the page builds the
changed `Evaluation`, calls `save`, and the next run shows the saved revision. A save names the
revision the user was looking at, so a change made on a stale view is refused, never merged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, NoReturn

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from sqlalchemy.exc import SQLAlchemyError

from itexit import compare as comparing
from itexit import decide, export, service
from itexit.compare import CURRENT, Comparison, Scenario, compare
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation, Provider
from itexit.input import InvalidInput
from itexit.store import ENV_VAR, Conflict, NotFound, Store, Stored, database_url
from itexit.style import CURRENT_COLOUR, CURRENT_TINT, MET_COLOUR

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


# Revisions never change, so what is derived from one is cached by its number.
@st.cache_resource(show_spinner=False, max_entries=64)
def _revision(url: str, evaluation_id: int, revision: int) -> Stored:
    return _store(url).load(evaluation_id, revision)


@st.cache_resource(show_spinner=False, max_entries=64)
def _comparison(
    url: str, evaluation_id: int, revision: int, scenario: Scenario = "as scored"
) -> Comparison:
    return compare(_revision(url, evaluation_id, revision).evaluation, scenario)


def comparison(stored: Stored, scenario: Scenario = "as scored") -> Comparison:
    return _comparison(database_url(), stored.id, stored.revision, scenario)


@dataclass(frozen=True)
class Decision:
    tippings: list[decide.Tipping]
    robustness: decide.Robustness
    verdict: decide.Verdict


@st.cache_resource(show_spinner=False, max_entries=64)
def _decision(url: str, evaluation_id: int, revision: int) -> Decision:
    evaluation = _revision(url, evaluation_id, revision).evaluation
    result = _comparison(url, evaluation_id, revision)
    tippings = decide.sensitivity(evaluation, result)
    robust = decide.robustness(evaluation, result, tippings)
    return Decision(tippings, robust, decide.verdict(evaluation, result, robust))


def decision(stored: Stored) -> Decision:
    """Sensitivity, robustness and the verdict, worked out once per revision."""
    return _decision(database_url(), stored.id, stored.revision)


@st.cache_resource(show_spinner=False, max_entries=64)
def _csv(url: str, evaluation_id: int, revision: int, today: date) -> bytes:
    stored = _revision(url, evaluation_id, revision)
    result = _comparison(url, evaluation_id, revision)
    return export.comparison_csv(stored.evaluation, result, today)


def comparison_csv(stored: Stored) -> bytes:
    # The total-cost row depends on the date (is the early-termination fee still due?).
    return _csv(database_url(), stored.id, stored.revision, date.today())


@st.cache_resource(show_spinner=False, max_entries=64)
def _tables(
    url: str, evaluation_id: int, revision: int, scenario: Scenario
) -> tuple[Styler, Styler]:
    evaluation = _revision(url, evaluation_id, revision).evaluation
    result = _comparison(url, evaluation_id, revision, scenario)
    names = [e.name for e in evaluation.checklist.essentials]
    return (
        styled_current(comparing.comparison_table(evaluation, result), names),
        styled_current(comparing.gap_table(evaluation, result), names, gaps=True),
    )


def comparison_tables(stored: Stored, scenario: Scenario = "as scored") -> tuple[Styler, Styler]:
    """The side-by-side table and the gap table, styled, built once per revision."""
    return _tables(database_url(), stored.id, stored.revision, scenario)


@st.cache_resource(show_spinner=False, max_entries=128)
def _figure(
    url: str,
    evaluation_id: int,
    revision: int,
    kind: str,
    shown: tuple[str, ...],
    scenario: Scenario,
) -> go.Figure:
    evaluation = _revision(url, evaluation_id, revision).evaluation
    result = _comparison(url, evaluation_id, revision, scenario)
    if kind == "tornado":
        return decide.tornado(evaluation, _decision(url, evaluation_id, revision).tippings)
    if kind == "radar":
        return comparing.radar(evaluation, result, shown)
    if kind == "gaps":
        return comparing.gap_chart(evaluation, result)
    return comparing.heatmap(evaluation, result)


def figure(
    stored: Stored,
    kind: Literal["radar", "gaps", "heatmap", "tornado"],
    shown: tuple[str, ...] = (),
    scenario: Scenario = "as scored",
) -> go.Figure:
    """A chart of the evaluation, built once per revision (plotly figures are slow to build)."""
    return _figure(database_url(), stored.id, stored.revision, kind, shown, scenario)


@st.cache_data(show_spinner="Reading the file…", max_entries=4)
def ticket_frame(data: bytes) -> pd.DataFrame:
    """An uploaded ticket export as a table, read once per file (InvalidInput if unusable)."""
    return service.read_export(data)


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


# The evaluation being worked on ------------------------------------------------------------------


def selected_id() -> int | None:
    value = st.session_state.get(_SELECTED)
    return value if isinstance(value, int) else None


def select(evaluation_id: int | None) -> None:
    st.session_state[_SELECTED] = evaluation_id


def current_evaluation() -> Stored | None:
    """The latest revision of the evaluation being worked on, after the sidebar picker.

    Remembers which revision the previous run showed: a change made in this run was made on
    that view, and `save` builds on it.
    """
    summaries = store().summaries()
    ids = [s.id for s in summaries]
    if selected_id() not in ids:
        select(ids[0] if ids else None)
    with st.sidebar:
        if summaries:
            names = {s.id: s.name for s in summaries}
            st.session_state["itexit_picker"] = selected_id()
            st.selectbox(
                "Evaluation",
                ids,
                format_func=names.__getitem__,
                key="itexit_picker",
                on_change=lambda: select(st.session_state["itexit_picker"]),
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
    if not stored.evaluation.providers:
        st.info(
            "This evaluation has no providers yet. Add your current provider and the candidates "
            "you are considering first."
        )
        st.page_link(PROVIDERS_PAGE, label="Go to Providers", icon=":material/groups:")
        st.stop()


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
        flash("error", _CONFLICT)
    except (InvalidInput, NotFound) as exc:
        flash("error", str(exc))
        if from_form:
            st.rerun()
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        flash(
            "error",
            f"The database did not take the change ({reason}). Nothing was saved; try again.",
        )
    else:
        flash("success", done)
    _rerun()


def reject(message: str) -> NoReturn:
    """Refuse a change: nothing is saved, the message is shown, the widgets reset."""
    flash("error", message)
    _rerun()


def _rerun() -> NoReturn:
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1
    st.rerun()


@dataclass(frozen=True)
class _Flash:
    kind: Literal["success", "error", "info"]
    text: str


def flash(kind: Literal["success", "error", "info"], text: str) -> None:
    """A message for the next run to show (a change always ends with a rerun)."""
    st.session_state[_FLASH] = _Flash(kind, text)


def header(title: str, intro: str) -> None:
    """The page title, a plain-words introduction, and the outcome of the last change."""
    _run_through_router()
    st.title(title)
    st.markdown(intro)
    show_flash()


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


def show_flash() -> None:
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


def score_text(score: float) -> str:
    """An essential score as people read it: '3.2', or 'not scored'."""
    return "not scored" if pd.isna(score) else f"{score:.1f}"


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


COMPARISON_COLUMNS = {
    "Provider": st.column_config.TextColumn(pinned=True),
    "Rank": st.column_config.NumberColumn(format="%d", help="1 is best; equal scores share a rank"),
    "Overall": st.column_config.ProgressColumn(
        "Overall (0–100)",
        min_value=0,
        max_value=100,
        format="%.1f",
        help="20 × the weighted average of the essential scores",
    ),
    "Coverage": st.column_config.NumberColumn(
        format="%.0f%%", help="Share of the criteria that apply which have a 0–5 answer"
    ),
    "Verified": st.column_config.NumberColumn(
        format="%.0f%%", help="Share of the 0–5 ratings backed by proof you have seen"
    ),
    "Must-haves": st.column_config.TextColumn(
        help="pass, fail (below a minimum: ranked after all that pass) or unverified (not known)"
    ),
}


def gap_columns(evaluation: Evaluation) -> dict[str, Any]:
    columns: dict[str, Any] = {"Provider": st.column_config.TextColumn(pinned=True)}
    for essential in evaluation.checklist.essentials:
        target = evaluation.targets[essential.id]
        columns[essential.name] = st.column_config.TextColumn(
            help=f"Target {target:g}: how far below it the provider scores (0.00: reaches it)"
        )
    return columns


def styled_current(
    table: pd.DataFrame, score_columns: Sequence[Hashable], gaps: bool = False
) -> Styler:
    """The table with the current provider's row tinted crimson, scores shown to 2 decimals.

    Missing scores read "not scored" (a dataframe would show "None"); in a gap table every gap
    is crimson and every met target green.
    """
    shown = table.copy()
    for column in score_columns:
        shown[column] = ["not scored" if pd.isna(v) else f"{v:.2f}" for v in table[column]]
    current_rows = (table["Role"] == CURRENT).to_numpy()
    styler = shown.style.apply(
        lambda column: [
            f"background-color: {CURRENT_TINT}; font-weight: bold" if is_current else ""
            for is_current in current_rows
        ],
        axis=0,
    )
    if gaps:
        styler = styler.apply(
            lambda column: [
                "" if pd.isna(v) else f"color: {MET_COLOUR if v <= 0 else CURRENT_COLOUR}"
                for v in table[column.name]
            ],
            subset=list(score_columns),
            axis=0,
        )
    return styler
