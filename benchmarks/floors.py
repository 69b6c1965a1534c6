"""Floors for `rerun.py`: each page's elements, rendered by a bare script from precomputed data.

A floor makes the calls a page makes — the same elements and widgets, in the same layout, with
data of the same size — but everything it shows (frames, Stylers, figures, bytes, texts) is built
once by `build_floor`, before any timing. No store, no scoring, no table or chart building runs
in the timed region, so a floor measures what Streamlit (and AppTest) alone spend on the page.

The Stylers and figures are the app's own (`itexit.compare.styled`, `itexit.compare.charts`): a
Styler re-applies its styling functions and `st.plotly_chart` serialises its figure on every
run, in the floor as in the app, so that cost belongs to the floor too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from itexit import compare as charts
from itexit.compare import compare, comparison_table, filled_in, gap_table, summary_sentences
from itexit.evaluation import Evaluation
from itexit.export import comparison_csv, file_name
from itexit.types import RATING_CHOICES
from itexit.words import score_text

SCRIPT = "import streamlit as st\n\nst.session_state['benchmark_floor']()\n"
"""The floor app: it renders whatever `build_floor` put in its session state."""
STATE_KEY = "benchmark_floor"

# About as long as the pages' own introductions and help texts.
_INTRO = "An introduction in plain words that tells the reader what this page is for. " * 5
_HELP = "A sentence of help shown on hover. " * 2


@dataclass(frozen=True)
class _Header:
    title: str
    picker_ids: list[int]
    picker_names: dict[int, str]


def _header(header: _Header) -> None:
    st.title(header.title)
    st.markdown(_INTRO)
    with st.sidebar:
        st.selectbox(
            "Evaluation",
            header.picker_ids,
            format_func=header.picker_names.__getitem__,
            key="itexit_picker",
            help=_HELP,
        )


# Evaluations -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Evaluations:
    header: _Header
    table: pd.DataFrame
    columns: dict[str, Any]
    name: str


def _evaluations(data: _Evaluations) -> None:
    _header(data.header)
    st.dataframe(data.table, hide_index=True, column_config=data.columns)
    with st.form("create@0", clear_on_submit=False, border=True):
        st.subheader("New evaluation")
        st.text_input("Name", max_chars=100, placeholder="e.g. Acme Ltd", help=_HELP)
        st.form_submit_button("Create evaluation", type="primary")
    st.subheader("This evaluation")
    st.markdown(f"Working on **{data.name}**.")
    rename_col, duplicate_col, delete_col = st.columns(3)
    with rename_col, st.form("rename@0"):
        st.text_input("Rename to", value=data.name, max_chars=100)
        st.form_submit_button("Rename")
    with duplicate_col, st.form("duplicate@0"):
        st.text_input("Duplicate as", value=f"Copy of {data.name}", max_chars=100, help=_HELP)
        st.form_submit_button("Duplicate")
    with delete_col:
        st.markdown("**Delete**")
        st.caption(_HELP)
        with st.popover("Delete this evaluation…", icon=":material/delete:"):
            st.markdown(f"Delete **{data.name}** for good? This cannot be undone.")
            st.button("Yes, delete it", type="primary", key="confirm-delete@0")


def _build_evaluations(header: _Header, evaluation: Evaluation) -> _Evaluations:
    table = pd.DataFrame(
        {
            "Evaluation": [evaluation.name],
            "Providers": [len(evaluation.providers)],
            "Last change": [datetime.now(UTC)],
            "Open": [True],
        }
    )
    columns = {
        "Last change": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm", timezone="UTC"),
        "Open": st.column_config.CheckboxColumn("Open now", help=_HELP),
    }
    return _Evaluations(header, table, columns, evaluation.name)


# Providers ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Provider:
    id: str
    name: str
    current: bool
    answered: str
    remove: str


@dataclass(frozen=True)
class _Providers:
    header: _Header
    providers: list[_Provider]


def _providers(data: _Providers) -> None:
    _header(data.header)
    for provider in data.providers:
        with st.container(border=True):
            name_col, rename_col, role_col, remove_col = st.columns(
                [5, 2, 2, 2], vertical_alignment="center"
            )
            with name_col:
                st.markdown(f"**{provider.name}**")
                if provider.current:
                    st.badge("Current provider", color="red", icon=":material/home:")
                else:
                    st.badge("Candidate", color="blue")
                st.caption(provider.answered)
            with rename_col, st.popover("Rename", icon=":material/edit:", width="stretch"):
                st.text_input(
                    "New name", value=provider.name, max_chars=100, key=f"name-{provider.id}@0"
                )
                st.button("Save name", key=f"rename-{provider.id}@0")
            with role_col:
                if not provider.current:
                    st.button(
                        "Make current", key=f"current-{provider.id}@0", help=_HELP, width="stretch"
                    )
            with remove_col, st.popover("Remove", icon=":material/delete:", width="stretch"):
                st.markdown(provider.remove)
                st.button("Yes, remove", type="primary", key=f"remove-{provider.id}@0")
    with st.form("add-provider@0", border=True):
        st.subheader("Add a provider")
        st.text_input("Provider name", max_chars=100, placeholder="e.g. Nimbus IT")
        st.checkbox("This is our current provider", value=False, help=_HELP)
        st.form_submit_button("Add provider", type="primary")


def _build_providers(header: _Header, evaluation: Evaluation) -> _Providers:
    providers = []
    for provider in evaluation.ordered_providers:
        answered, total = filled_in(evaluation, provider.id)
        providers.append(
            _Provider(
                id=provider.id,
                name=provider.name,
                current=provider.current,
                answered=f"{answered} of {total} criteria answered",
                remove=f"Remove **{provider.name}** and its {answered} answers? {_HELP}",
            )
        )
    return _Providers(header, providers)


# Priorities --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Priorities:
    header: _Header
    table: pd.DataFrame
    columns: dict[str, Any]
    pairs: list[str]


_PAIRWISE_OPTIONS = [-9, -8, -7, -6, -5, -4, -3, -2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def _priorities(data: _Priorities) -> None:
    _header(data.header)
    st.data_editor(
        data.table,
        key="priorities@0",
        hide_index=True,
        width="stretch",
        row_height=64,
        column_config=data.columns,
        disabled=["Share of overall"],
    )
    st.button("Restore every default weight and target", icon=":material/restart_alt:")
    st.caption(_HELP)
    # The pairwise questions: a form of 15 sliders, as the page shows them.
    st.subheader("Pairwise questions")
    st.markdown(_HELP)
    with st.form("pairwise@0"):
        for label in data.pairs:
            st.select_slider(label, _PAIRWISE_OPTIONS, value=1, key=f"pair-{label}@0")
        st.form_submit_button("Work out the weights", type="primary")


def _build_priorities(header: _Header, evaluation: Evaluation) -> _Priorities:
    essentials = evaluation.checklist.essentials
    weights = [evaluation.essential_weights[e.id] for e in essentials]
    table = pd.DataFrame(
        {
            "Essential": [e.name for e in essentials],
            "Weight": weights,
            "Share of overall": [100 * w / (sum(weights) or 1) for w in weights],
            "Target": [evaluation.targets[e.id] for e in essentials],
            "What it covers": [e.summary for e in essentials],
        }
    )
    number = partial(st.column_config.NumberColumn, step=0.5, format="%.1f", help=_HELP)
    columns = {
        "Essential": st.column_config.TextColumn(disabled=True, pinned=True),
        "Weight": number(min_value=0, max_value=1000),
        "Share of overall": st.column_config.ProgressColumn(
            format="%.0f%%", min_value=0, max_value=100, help=_HELP
        ),
        "Target": number(min_value=0, max_value=5),
        "What it covers": st.column_config.TextColumn(disabled=True, width="large"),
    }
    names = [e.name for e in essentials]
    pairs = [f"{a} or {b}?" for i, a in enumerate(names) for b in names[i + 1 :]]
    return _Priorities(header, table, columns, pairs)


# Scorecard ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tab:
    caption: str
    key: str
    editor: pd.DataFrame
    meanings: pd.DataFrame


@dataclass(frozen=True)
class _Scorecard:
    header: _Header
    provider_ids: list[str]
    provider_names: dict[str, str]
    progress: float
    progress_text: str
    tab_labels: list[str]
    tabs: list[_Tab]
    columns: dict[str, Any]


_ROW_HEIGHT = 84


def _scorecard(data: _Scorecard) -> None:
    _header(data.header)
    st.selectbox(
        "Provider",
        data.provider_ids,
        format_func=data.provider_names.__getitem__,
        key="itexit_picker_Provider",
    )
    st.progress(data.progress, text=data.progress_text)
    with st.expander("How to score", icon=":material/help:"):
        st.markdown(_INTRO)
    for tab, content in zip(st.tabs(data.tab_labels), data.tabs, strict=True):
        with tab:
            st.caption(content.caption)
            st.data_editor(
                content.editor,
                key=content.key,
                hide_index=True,
                column_config=data.columns,
                row_height=_ROW_HEIGHT,
                height=44 + _ROW_HEIGHT * len(content.editor),
                width="stretch",
            )
            st.markdown("**What the scores mean**")
            st.table(content.meanings, hide_index=True)


def _build_scorecard(header: _Header, evaluation: Evaluation) -> _Scorecard:
    provider = evaluation.ordered_providers[0]
    scores = compare(evaluation).essential_scores[provider.id]
    answered, total = filled_in(evaluation, provider.id)
    tabs = []
    for essential in evaluation.checklist.essentials:
        criteria = essential.criteria
        editor = pd.DataFrame(
            {
                "Criterion": [c.name for c in criteria],
                "Score": [str(provider.score(c.id).rating) for c in criteria],
                "Evidence / note": [provider.score(c.id).note for c in criteria],
                "Ask the provider": [c.question for c in criteria],
            }
        )
        meanings = pd.DataFrame(
            {
                "Criterion": [c.name for c in criteria],
                "0 means": [c.means_0 for c in criteria],
                "3 means": [c.means_3 for c in criteria],
                "5 means": [c.means_5 for c in criteria],
            }
        )
        key = f"scores-{provider.id}-{essential.id}@0"
        tabs.append(_Tab(essential.summary, key, editor, meanings))
    columns = {
        "Criterion": st.column_config.TextColumn(disabled=True, width="medium", pinned=True),
        "Score": st.column_config.SelectboxColumn(
            options=RATING_CHOICES, required=True, width="small", help=_HELP
        ),
        "Evidence / note": st.column_config.TextColumn(width="medium", max_chars=2000, help=_HELP),
        "Ask the provider": st.column_config.TextColumn(disabled=True, width="large"),
    }
    return _Scorecard(
        header=header,
        provider_ids=[p.id for p in evaluation.ordered_providers],
        provider_names={p.id: p.name for p in evaluation.ordered_providers},
        progress=answered / total,
        progress_text=f"**{answered} of {total}** criteria answered for {provider.name}",
        tab_labels=[
            f"{e.name} · {score_text(scores[e.id])}" for e in evaluation.checklist.essentials
        ],
        tabs=tabs,
        columns=columns,
    )


# Compare -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compare:
    header: _Header
    summary: str
    comparison: Styler
    comparison_columns: dict[str, Any]
    csv: bytes
    csv_name: str
    gap_figure: go.Figure
    gaps: Styler
    gap_columns: dict[str, Any]
    radar_ids: list[str]
    radar_names: dict[str, str]
    radar_figure: go.Figure
    heatmap: go.Figure


_CHART_CONFIG = {"displaylogo": False}


def _compare(data: _Compare) -> None:
    _header(data.header)
    st.markdown(data.summary)
    st.subheader("Side by side")
    st.dataframe(
        data.comparison, hide_index=True, width="stretch", column_config=data.comparison_columns
    )
    st.download_button(
        "Download the comparison (CSV)",
        data=data.csv,
        file_name=data.csv_name,
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        help=_HELP,
    )
    st.subheader("Gaps to target")
    st.markdown(_INTRO)
    st.plotly_chart(data.gap_figure, width="stretch", config=_CHART_CONFIG)
    st.dataframe(data.gaps, hide_index=True, width="stretch", column_config=data.gap_columns)
    st.subheader("Essential scores")
    if len(data.radar_ids) > 5:
        st.multiselect(
            "Providers on the radar",
            data.radar_ids,
            default=data.radar_ids[:5],
            format_func=data.radar_names.__getitem__,
            help=_HELP,
        )
    st.markdown(_HELP)
    st.plotly_chart(data.radar_figure, width="stretch", config=_CHART_CONFIG)
    st.subheader("Every criterion")
    st.markdown(_HELP)
    st.plotly_chart(data.heatmap, width="stretch", config=_CHART_CONFIG)


def _build_compare(header: _Header, evaluation: Evaluation) -> _Compare:
    comparison = compare(evaluation)
    names = [e.name for e in evaluation.checklist.essentials]
    ranked = sorted(
        evaluation.ordered_providers, key=lambda p: (not p.current, comparison.rank[p.id])
    )
    radar_ids = [p.id for p in ranked]
    return _Compare(
        header=header,
        summary="\n".join(f"- {s}" for s in summary_sentences(evaluation, comparison)),
        comparison=charts.styled(comparison_table(evaluation, comparison), names),
        comparison_columns={"Provider": st.column_config.TextColumn(pinned=True)},
        csv=comparison_csv(evaluation, comparison),
        csv_name=file_name(evaluation.name, "comparison", "csv"),
        gap_figure=charts.gap_chart(evaluation, comparison),
        gaps=charts.styled(gap_table(evaluation, comparison), names, gaps=True),
        gap_columns={"Provider": st.column_config.TextColumn(pinned=True)},
        radar_ids=radar_ids,
        radar_names={p.id: p.name for p in ranked},
        radar_figure=charts.radar(evaluation, comparison, radar_ids[:5]),
        heatmap=charts.heatmap(evaluation, comparison),
    )


# Building ----------------------------------------------------------------------------------------

_PAGES: dict[str, tuple[Callable[[_Header, Evaluation], Any], Callable[[Any], None]]] = {
    "evaluations": (_build_evaluations, _evaluations),
    "providers": (_build_providers, _providers),
    "priorities": (_build_priorities, _priorities),
    "scorecard": (_build_scorecard, _scorecard),
    "compare": (_build_compare, _compare),
}
PAGES = tuple(_PAGES)


def build_floor(page: str, title: str, evaluation: Evaluation) -> Callable[[], None]:
    """The floor of `page` for `evaluation`: a call that renders it from data built here, now."""
    build, render = _PAGES[page]
    header = _Header(title, [1], {1: evaluation.name})
    return partial(render, build(header, evaluation))
