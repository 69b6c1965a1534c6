"""Floors for `rerun.py`: each page's elements, rendered by a bare script from precomputed data.

A floor makes the calls a page makes — the same elements and widgets, in the same layout, with
data of the same size — but everything it shows (frames, Stylers, figures, bytes, texts) is built
once by `build_floor`, before any timing. No store, no scoring, no table or chart building runs
in the timed region, so a floor measures what Streamlit (and AppTest) alone spend on the page.

The Stylers and figures are the app's own (`itexit.compare.styled` and the areas' charts): a
Styler re-applies its styling functions and `st.plotly_chart` serialises its figure on every
run, in the floor as in the app, so that cost belongs to the floor too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from itexit import compare as comparing
from itexit import cost, decide, diligence, export, service, words
from itexit import exit as exit_plan
from itexit.compare import (
    Scenario,
    alerts,
    answered,
    compare,
    comparison_table,
    gap_table,
    summary_sentences,
)
from itexit.cost import Business, Pricing
from itexit.diligence import Answer
from itexit.evaluation import Evaluation, Provider
from itexit.exit import Contract, ExitPlan, GroundClaim
from itexit.export import comparison_csv, file_name
from itexit.service import ServiceLevels
from itexit.types import PRIORITIES, RATING_CHOICES

SCRIPT = "import streamlit as st\n\nst.session_state['benchmark_floor']()\n"
"""The floor app: it renders whatever `build_floor` put in its session state."""
STATE_KEY = "benchmark_floor"

# About as long as the pages' own introductions and help texts.
_INTRO = "An introduction in plain words that tells the reader what this page is for. " * 5
_HELP = "A sentence of help shown on hover. " * 2


COMPARISON_COLUMNS: dict[str, Any] = {
    "Provider": st.column_config.TextColumn(pinned=True),
    "Rank": st.column_config.NumberColumn(format="%d", help="1 is best; equal scores share a rank"),
    "Overall": st.column_config.ProgressColumn(
        "Overall (0–100)", min_value=0, max_value=100, format="%.1f", help=_HELP
    ),
    "Coverage": st.column_config.NumberColumn(format="%.0f%%", help=_HELP),
    "Verified": st.column_config.NumberColumn(format="%.0f%%", help=_HELP),
    "Must-haves": st.column_config.TextColumn(help=_HELP),
}
"""The Compare page's column settings for the side-by-side table."""


def gap_columns(evaluation: Evaluation) -> dict[str, Any]:
    """The Compare page's column settings for the gap table: a help line per essential."""
    columns: dict[str, Any] = {"Provider": st.column_config.TextColumn(pinned=True)}
    for essential in evaluation.checklist.essentials:
        columns[essential.name] = st.column_config.TextColumn(help=_HELP)
    return columns


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


def _names(providers: Sequence[Provider]) -> dict[str, str]:
    return {p.id: f"{p.name} (current)" if p.current else p.name for p in providers}


def _picker(label: str, ids: list[str], names: dict[str, str]) -> None:
    """A provider picker, as `itexit.ui.choose_provider` shows it."""
    st.selectbox(label, ids, format_func=names.__getitem__, key=f"itexit_picker_{label}")


@dataclass(frozen=True)
class _Alert:
    """A message box: `kind` is st.info, st.success, st.warning or st.error."""

    kind: Literal["info", "success", "warning", "error"]
    text: str
    icon: str | None = None

    def show(self) -> None:
        getattr(st, self.kind)(self.text, icon=self.icon)


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
        counts = answered(evaluation, provider.id)
        answered_, total = counts.scored, counts.applicable
        providers.append(
            _Provider(
                id=provider.id,
                name=provider.name,
                current=provider.current,
                answered=f"{answered_} of {total} criteria that apply are scored",
                remove=f"Remove **{provider.name}** and its {answered_} answers? {_HELP}",
            )
        )
    return _Providers(header, providers)


# Priorities --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Priorities:
    header: _Header
    table: pd.DataFrame
    columns: dict[str, Any]
    pairs: list[tuple[str, dict[int, str]]]
    """Each pairwise question and the words for each of its answers."""


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
        for label, words in data.pairs:
            st.select_slider(
                label,
                _PAIRWISE_OPTIONS,
                value=1,
                format_func=words.__getitem__,
                key=f"pair-{label}@0",
            )
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
    number = partial(st.column_config.NumberColumn, help=_HELP)
    columns = {
        "Essential": st.column_config.TextColumn(disabled=True, pinned=True),
        "Weight": number(min_value=0, max_value=1000, step=0.01, format="%.2f"),
        "Share of overall": st.column_config.ProgressColumn(
            format="%.0f%%", min_value=0, max_value=100, help=_HELP
        ),
        "Target": number(min_value=0, max_value=5, step=0.5, format="%.1f"),
        "What it covers": st.column_config.TextColumn(disabled=True, width="large"),
    }
    names = [e.name for e in essentials]
    pairs = [
        (f"{a} or {b}?", {v: f"{a if v < 0 else b} matters ({abs(v)}×)" for v in _PAIRWISE_OPTIONS})
        for i, a in enumerate(names)
        for b in names[i + 1 :]
    ]
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
    _picker("Provider", data.provider_ids, data.provider_names)
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
    counts = answered(evaluation, provider.id)
    answered_, total = counts.scored, counts.applicable
    tabs = []
    for essential in evaluation.checklist.essentials:
        criteria = essential.criteria
        editor = pd.DataFrame(
            {
                "Criterion": [c.name for c in criteria],
                "Score": [str(provider.score(c.id).rating) for c in criteria],
                "Verified": [provider.score(c.id).verified for c in criteria],
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
        "Verified": st.column_config.CheckboxColumn(width="small", help=_HELP),
        "Evidence / note": st.column_config.TextColumn(width="medium", max_chars=2000, help=_HELP),
        "Ask the provider": st.column_config.TextColumn(disabled=True, width="large"),
    }
    return _Scorecard(
        header=header,
        provider_ids=[p.id for p in evaluation.ordered_providers],
        provider_names=_names(evaluation.ordered_providers),
        progress=answered_ / total,
        progress_text=f"**{provider.name}**: {answered_} of {total} criteria that apply are scored",
        tab_labels=[
            f"{e.name} · {words.score_text(scores[e.id])}" for e in evaluation.checklist.essentials
        ],
        tabs=tabs,
        columns=columns,
    )


# Compare -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compare:
    header: _Header
    summary: str
    alerts: str | None
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
    st.toggle("Rank on verified scores only", key="itexit_verified_only", help=_HELP)
    st.markdown(data.summary)
    if data.alerts is not None:
        st.warning(data.alerts, icon=":material/flag:")
    st.subheader("Side by side")
    st.dataframe(
        data.comparison, hide_index=True, width="stretch", column_config=data.comparison_columns
    )
    st.download_button(
        "Download the comparison (CSV)",
        data=lambda: data.csv,  # the page, too, makes its CSV only when clicked
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
    flags = alerts(evaluation, comparison)
    return _Compare(
        header=header,
        summary="\n".join(f"- {s}" for s in summary_sentences(evaluation, comparison)),
        alerts="\n".join(f"- {line}" for line in flags) if flags else None,
        comparison=comparing.styled(comparison_table(evaluation, comparison), names),
        comparison_columns=COMPARISON_COLUMNS,
        csv=comparison_csv(evaluation, comparison),
        csv_name=file_name(evaluation.name, "comparison", "csv"),
        gap_figure=comparing.gap_chart(evaluation, comparison),
        gaps=comparing.styled(gap_table(evaluation, comparison), names, gaps=True),
        gap_columns=gap_columns(evaluation),
        radar_ids=radar_ids,
        radar_names={p.id: p.name for p in ranked},
        radar_figure=comparing.radar(evaluation, comparison, radar_ids[:5]),
        heatmap=comparing.heatmap(evaluation, comparison),
    )


# Criteria & must-haves ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _CriteriaTab:
    key: str
    table: pd.DataFrame


@dataclass(frozen=True)
class _Criteria:
    header: _Header
    caption: str
    tab_labels: list[str]
    tabs: list[_CriteriaTab]
    columns: dict[str, Any]
    must_haves: str | None
    custom: list[tuple[str, str, str]]
    """Each criterion of the user's own: its id, its line, the removal question."""
    essential_ids: list[str]
    essential_names: dict[str, str]


def _criteria(data: _Criteria) -> None:
    _header(data.header)
    st.caption(data.caption)
    for tab, content in zip(st.tabs(data.tab_labels), data.tabs, strict=True):
        with tab:
            st.data_editor(
                content.table,
                key=content.key,
                hide_index=True,
                width="stretch",
                disabled=["Criterion", "Yours", "Default weight"],
                column_config=data.columns,
            )
    if data.must_haves:
        st.markdown(data.must_haves)
    st.button("Restore every default weight and target", icon=":material/restart_alt:")
    st.subheader("Criteria of your own")
    for criterion_id, line, question in data.custom:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(line)
        with right.popover("Remove", icon=":material/delete:"):
            st.markdown(question)
            st.button("Yes, remove", key=f"remove-{criterion_id}@0")
    if not data.custom:
        st.caption(_HELP)
    with st.form("custom@0", border=True):
        st.markdown("**Add a criterion**")
        left, right = st.columns([2, 1])
        left.selectbox(
            "Essential", data.essential_ids, format_func=data.essential_names.__getitem__
        )
        right.number_input("Weight", min_value=0.0, max_value=1000.0, value=1.0, step=0.5)
        st.text_input("Name", max_chars=100, placeholder="e.g. Knows our practice software")
        st.text_input("Question to ask the provider", max_chars=500, placeholder=_HELP)
        for n in (0, 3, 5):
            st.text_input(f"What {n} means", max_chars=500, key=f"means-{n}@0")
        st.form_submit_button("Add criterion", type="primary")


def _build_criteria(header: _Header, evaluation: Evaluation) -> _Criteria:
    tabs = []
    for essential in evaluation.checklist.essentials:
        criteria = essential.criteria
        table = pd.DataFrame(
            {
                "Criterion": [("⚑ " if c.red_flag else "") + c.name for c in criteria],
                "Weight": [evaluation.criterion_weights[c.id] for c in criteria],
                "Must-have": [c.id in evaluation.must_haves for c in criteria],
                "Minimum": [evaluation.must_haves.get(c.id) for c in criteria],
                "Yours": [c.custom for c in criteria],
                "Default weight": [c.weight for c in criteria],
            }
        )
        tabs.append(_CriteriaTab(f"criteria-{essential.id}@0", table))
    columns = {
        "Criterion": st.column_config.TextColumn(width="large", pinned=True),
        "Weight": st.column_config.NumberColumn(
            min_value=0, max_value=1000, step=0.5, format="%.1f", help=_HELP
        ),
        "Must-have": st.column_config.CheckboxColumn(help=_HELP),
        "Minimum": st.column_config.NumberColumn(
            min_value=0, max_value=5, step=1, format="%d", help=_HELP
        ),
        "Yours": st.column_config.CheckboxColumn(help=_HELP),
    }
    names = {c.id: c.name for c in evaluation.checklist.criteria}
    listed = ", ".join(f"{names[c]} (at least {m})" for c, m in evaluation.must_haves.items())
    custom = [
        (c.id, f"**{c.name}**: {c.question}", f"Remove **{c.name}** and every score given on it?")
        for c in evaluation.checklist.criteria
        if c.custom
    ]
    essentials = {e.id: e.name for e in evaluation.checklist.essentials}
    return _Criteria(
        header=header,
        caption=_HELP,
        tab_labels=list(essentials.values()),
        tabs=tabs,
        columns=columns,
        must_haves=f"**Must-haves:** {listed}." if listed else None,
        custom=custom,
        essential_ids=list(essentials),
        essential_names=essentials,
    )


# Costs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Costs:
    header: _Header
    business: Business
    currency: str
    provider_ids: list[str]
    provider_names: dict[str, str]
    pricing_title: str
    pricing_expanded: bool
    pricing_key: str
    pricing: Pricing
    table: pd.DataFrame | None
    """None when no option has a price: the page then stops after the forms."""
    columns: dict[str, Any]
    cheapest: str | None
    downtime: str | None
    stack: go.Figure | None
    over_time: go.Figure | None
    value: go.Figure | None
    billing: _Alert | None
    """A warning with a button to log it, a success, or (None) a caption."""


def _costs(data: _Costs) -> None:
    _header(data.header)
    business = data.business
    with st.form("business@0", border=True):
        st.markdown(f"**Your business** (amounts in {data.currency}; {_HELP})")
        counts = st.columns(4)
        counts[0].number_input("Users", 0, 1_000_000, business.users)
        counts[1].number_input("Devices", 0, 1_000_000, business.devices, help=_HELP)
        counts[2].number_input("Servers", 0, 1_000_000, business.servers)
        counts[3].number_input("Sites", 0, 10_000, business.sites)
        money_row = st.columns(4)
        money_row[0].text_input(
            "Cost of an hour of downtime", f"{business.downtime_cost_per_hour}", help=_HELP
        )
        money_row[1].number_input(
            "Staff hours the switch takes", 0.0, 100_000.0, business.switch_hours, step=1.0
        )
        money_row[2].text_input("Cost of a staff hour", f"{business.hourly_cost}")
        money_row[3].number_input("Horizon (months)", 6, 120, business.horizon_months, help=_HELP)
        st.number_input("Months of paying both providers", 0, 12, business.overlap_months)
        st.form_submit_button("Save", type="primary")
    _picker("Pricing of", data.provider_ids, data.provider_names)
    pricing = data.pricing
    with (
        st.expander(data.pricing_title, expanded=data.pricing_expanded, icon=":material/payments:"),
        st.form(data.pricing_key),
    ):
        st.caption(_HELP)
        left, middle, right = st.columns(3)
        left.text_input("Flat monthly fee", f"{pricing.flat_monthly}")
        middle.text_input("Per user, per month", f"{pricing.per_user}")
        right.text_input("Per device, per month", f"{pricing.per_device}")
        left.text_input("Per server, per month", f"{pricing.per_server}")
        middle.text_input("Per site, per month", f"{pricing.per_site}")
        right.text_input("Add-ons, per month", f"{pricing.add_ons}", help=_HELP)
        left.text_input("Onboarding fee (one-time)", f"{pricing.onboarding}")
        middle.text_input("Project fees (one-time)", f"{pricing.projects}")
        right.text_input("Yearly price increase (%)", f"{pricing.yearly_increase}")
        billed = st.columns(2)
        billed[0].number_input(
            "Users on their invoice",
            0,
            1_000_000,
            pricing.billed_users,
            placeholder="leave empty if unknown",
            help=_HELP,
        )
        billed[1].number_input(
            "Devices on their invoice",
            0,
            1_000_000,
            pricing.billed_devices,
            placeholder="leave empty if unknown",
        )
        st.form_submit_button("Save pricing", type="primary")
    if data.table is None:
        st.info(_HELP)
        return
    st.subheader(f"Over {business.horizon_months} months")
    st.dataframe(data.table, hide_index=True, width="stretch", column_config=data.columns)
    if data.cheapest is not None:
        st.markdown(data.cheapest)
    if data.downtime is not None:
        st.caption(data.downtime)
    st.plotly_chart(data.stack, width="stretch", config=_CHART_CONFIG)
    st.markdown(_HELP)
    st.plotly_chart(data.over_time, width="stretch", config=_CHART_CONFIG)
    st.subheader("What the money buys")
    st.markdown(_HELP)
    st.plotly_chart(data.value, width="stretch", config=_CHART_CONFIG)
    st.subheader("Billing check")
    if data.billing is None:
        st.caption(_HELP)
    else:
        data.billing.show()
        if data.billing.kind == "warning":
            st.button("Add this to the incident log as evidence", icon=":material/gavel:")


def _build_costs(header: _Header, evaluation: Evaluation) -> _Costs:
    today = date.today()
    business, currency = evaluation.business, evaluation.currency
    provider = evaluation.ordered_providers[0]
    choices = cost.options(evaluation, today)
    stay = next((o for o in choices if o.stay), None)
    table = pd.DataFrame(
        {
            "Option": [o.label for o in choices],
            "Monthly price now": [
                float(cost.monthly_price(o.provider, business) or 0) for o in choices
            ],
            **{part.capitalize(): [float(o.parts[part]) for o in choices] for part in cost.PARTS},
            "Total": [float(o.total) for o in choices],
            "Pays for itself in month": [
                (cost.payback_month(stay, o) if stay and not o.stay else None) for o in choices
            ],
        }
    )
    money_column = st.column_config.NumberColumn(format=f"%,.2f {currency}")
    columns = {
        "Option": st.column_config.TextColumn(pinned=True),
        **{
            c: money_column
            for c in table.columns
            if c not in ("Option", "Pays for itself in month")
        },
        "Pays for itself in month": st.column_config.NumberColumn(format="%d", help=_HELP),
    }
    cheapest = downtime = None
    if stay is not None:
        best = min(choices, key=lambda o: o.total)
        cheapest = f"**{best.label}** costs {words.money(stay.total - best.total, currency)} less"
        hours = cost.downtime_hours_per_year(evaluation, stay.provider, today)
        if hours is not None:
            downtime = f"Expected downtime with {stay.provider.name}: {hours:.1f} hours. {_HELP}"
    prices = {p.id: cost.monthly_price(p, business) for p in evaluation.providers}
    check = cost.billing_check(evaluation)
    billing = None
    if check is not None:
        clean = check.monthly == 0 and not (check.users or check.devices)
        billing = _Alert("success", _HELP) if clean else _Alert("warning", _INTRO)
    return _Costs(
        header=header,
        business=business,
        currency=currency,
        provider_ids=[p.id for p in evaluation.ordered_providers],
        provider_names=_names(evaluation.ordered_providers),
        pricing_title=f"Pricing of {provider.name}",
        pricing_expanded=provider.pricing is None,
        pricing_key=f"pricing-{provider.id}@0",
        pricing=provider.pricing or Pricing(),
        table=table if choices else None,
        columns=columns,
        cheapest=cheapest,
        downtime=downtime,
        stack=cost.cost_stack(choices, currency),
        over_time=cost.cost_over_time(evaluation, choices, currency),
        value=cost.value_map(evaluation, compare(evaluation), prices, currency),
        billing=billing,
    )


# Service levels ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Service:
    header: _Header
    provider_ids: list[str]
    provider_names: dict[str, str]
    form_key: str
    promises: str
    service: ServiceLevels
    uploader: str | None
    """The ticket uploader's label; None without a current provider (the page stops)."""
    imported: str | None
    """What was imported; None without tickets (the page stops)."""
    alerts: list[_Alert]
    table: pd.DataFrame
    columns: dict[str, Any]
    trend: go.Figure | None


def _service(data: _Service) -> None:
    _header(data.header)
    _picker("Promises of", data.provider_ids, data.provider_names)
    service = data.service
    with st.form(data.form_key, border=True):
        st.markdown(data.promises)
        st.text_input(
            "Uptime guarantee (%)",
            "" if service.uptime is None else f"{service.uptime}",
            placeholder="e.g. 99.9",
            help=_HELP,
        )
        header = st.columns([1, 2, 2])
        header[1].markdown("Respond within (hours)")
        header[2].markdown("Resolve within (hours)")
        for priority in PRIORITIES:
            row = st.columns([1, 2, 2], vertical_alignment="center")
            row[0].markdown(f"**{priority}**")
            for column, kind, hours in (
                (row[1], "response", service.response_hours),
                (row[2], "resolution", service.resolution_hours),
            ):
                column.number_input(
                    f"{priority} {kind}",
                    0.0,
                    10_000.0,
                    hours.get(priority),
                    step=0.5,
                    label_visibility="collapsed",
                    placeholder="not promised",
                )
        st.text_input("Service credits", service.credits, max_chars=500, placeholder=_HELP)
        st.form_submit_button("Save promises", type="primary")
    st.subheader("What your current provider delivered")
    if data.uploader is None:
        st.info(_HELP)
        return
    st.file_uploader(data.uploader, type=["csv", "txt"], key="tickets-file@0", help=_HELP)
    if data.imported is None:
        st.info(_HELP)
        return
    st.caption(data.imported)
    for alert in data.alerts:
        alert.show()
    st.dataframe(data.table, hide_index=True, width="stretch", column_config=data.columns)
    st.caption(_INTRO)
    if data.trend is not None:
        st.markdown("**Month by month**")
        st.plotly_chart(data.trend, width="stretch", config=_CHART_CONFIG)


def _build_service(
    header: _Header, evaluation: Evaluation, tickets: pd.DataFrame | None
) -> _Service:
    provider = evaluation.ordered_providers[0]
    current = evaluation.current
    promised = current.service if current else None
    info = evaluation.tickets
    alerts = []
    if info is not None and info.problems:
        alerts.append(_Alert("warning", "; ".join(info.problems)))
    if promised is None or not (promised.response_hours or promised.resolution_hours):
        alerts.append(_Alert("info", _HELP))
    table = shown = pd.DataFrame()
    trend = None
    if tickets is not None:
        table = service.delivered(tickets, promised)
        shown = pd.DataFrame(
            {
                "Priority": table.index,
                "Tickets": table["tickets"],
                "Still open": table["open"],
                "Respond: promised (h)": table["response promised h"],
                "Respond: met": table["response met %"],
                "Respond: median (h)": table["response median h"],
                "Respond: 90 % within (h)": table["response p90 h"],
                "Resolve: promised (h)": table["resolution promised h"],
                "Resolve: met": table["resolution met %"],
                "Resolve: median (h)": table["resolution median h"],
                "Resolve: 90 % within (h)": table["resolution p90 h"],
            }
        )
        monthly = service.monthly_trend(tickets, promised)
        trend = service.sla_trend(monthly) if monthly["resolution met %"].notna().any() else None
    hours_format = st.column_config.NumberColumn(format="%.1f")
    share_format = st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)
    columns = {
        "Respond: met": share_format,
        "Resolve: met": share_format,
        **{c: hours_format for c in shown.columns if c.endswith("(h)")},
    }
    imported = None
    if info is not None and tickets is not None:
        first, last = tickets["created"].min(), tickets["created"].max()
        imported = (
            f"{info.tickets:,} tickets from {info.file_name}, imported "
            f"{info.imported_at:%d %b %Y}; created {first:%d %b %Y} to {last:%d %b %Y}."
        )
    return _Service(
        header=header,
        provider_ids=[p.id for p in evaluation.ordered_providers],
        provider_names=_names(evaluation.ordered_providers),
        form_key=f"service-{provider.id}@0",
        promises=f"**What {provider.name} promises**",
        service=provider.service or ServiceLevels(),
        uploader=f"Ticket export from {current.name} (CSV)" if current else None,
        imported=imported,
        alerts=alerts,
        table=shown,
        columns=columns,
        trend=trend,
    )


# Decide ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Decide:
    header: _Header
    advice: str
    reasons: _Alert
    would_change: str | None
    robustness: str
    tornado: go.Figure
    scenarios: pd.DataFrame
    questions: pd.DataFrame | None


def _decide(data: _Decide) -> None:
    _header(data.header)
    st.subheader(data.advice)
    data.reasons.show()
    if data.would_change is not None:
        st.markdown(data.would_change)
    with st.expander("How the advice is worked out", icon=":material/help:"):
        st.markdown(_INTRO * 2)
    st.subheader("How sure is the ranking?")
    st.markdown(data.robustness)
    st.markdown(_INTRO)
    st.plotly_chart(data.tornado, width="stretch", config=_CHART_CONFIG)
    st.subheader("What the unanswered questions could change")
    st.dataframe(
        data.scenarios,
        hide_index=True,
        width="stretch",
        column_config={"Provider": st.column_config.TextColumn(pinned=True)},
    )
    st.caption(_INTRO)
    st.markdown("**The questions that matter most**")
    if data.questions is None:
        st.caption(_HELP)
        return
    st.dataframe(
        data.questions,
        hide_index=True,
        width="stretch",
        column_config={
            "Could move its overall by": st.column_config.NumberColumn(format="up to %.1f points"),
            "Question": st.column_config.TextColumn(width="large"),
        },
    )


_ADVICE_KINDS: dict[str, Literal["error", "warning", "success"]] = {
    "Switch": "error",
    "Renegotiate": "warning",
    "Stay": "success",
}
_SCENARIOS: dict[Scenario, str] = {
    "as scored": "As scored",
    "unknown as 0": "Every unknown a 0",
    "unknown as 5": "Every unknown a 5",
    "verified only": "Verified scores only",
}


def _build_decide(header: _Header, evaluation: Evaluation) -> _Decide:
    comparison = compare(evaluation)
    tippings = decide.sensitivity(evaluation, comparison)
    robustness = decide.robustness(evaluation, comparison, tippings)
    advice = decide.verdict(evaluation, comparison, robustness)
    kind = _ADVICE_KINDS.get(advice.decision, "info")
    ids = [p.id for p in evaluation.ordered_providers]
    scenarios = pd.DataFrame({"Provider": [p.name for p in evaluation.ordered_providers]})
    for scenario, label in _SCENARIOS.items():
        result = compare(evaluation, scenario)
        scenarios[f"{label}: rank"] = result.rank[ids].to_numpy()
        scenarios[f"{label}: overall"] = result.overall[ids].round(1).to_numpy()
    contenders = set(decide.contenders(comparison))
    top = [p for p in comparison.rank.sort_values(kind="stable").index if p in contenders][:3]
    if evaluation.current and evaluation.current.id not in top:
        top.append(evaluation.current.id)
    asked = decide.open_questions(evaluation, comparison, top)[:10]
    names = {p.id: p.name for p in evaluation.providers}
    questions = pd.DataFrame(
        {
            "Ask": [names[q.provider] for q in asked],
            "About": [q.criterion.name for q in asked],
            "Question": [q.criterion.question for q in asked],
            "Could move its overall by": [q.swing for q in asked],
        }
    )
    return _Decide(
        header=header,
        advice=f"Advice: {advice.decision}",
        reasons=_Alert(
            kind, "\n".join(f"- {r}" for r in advice.reasons), icon=":material/lightbulb:"
        ),
        would_change=(
            "**What would change this advice:** " + "; ".join(advice.would_change) + "."
            if advice.would_change
            else None
        ),
        robustness=robustness.sentence,
        tornado=decide.tornado(evaluation, tippings),
        scenarios=scenarios,
        questions=questions if asked else None,
    )


# Due diligence -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Topic:
    name: str
    key: str
    table: pd.DataFrame


@dataclass(frozen=True)
class _DueDiligence:
    header: _Header
    kit: bytes
    provider_ids: list[str]
    provider_names: dict[str, str]
    progress: float
    progress_text: str
    worrying: str | None
    topics: list[_Topic]
    columns: dict[str, Any]
    answers_label: str
    answers_docx: bytes
    answers_text: bytes


def _due_diligence(data: _DueDiligence) -> None:
    _header(data.header)
    # The page hands its documents over as callables, made only when clicked.
    st.download_button(
        "Download the question list to print (.docx)",
        data=lambda: data.kit,
        file_name="itexit-due-diligence-questions.docx",
        mime=export.DOCX_MIME,
        icon=":material/print:",
        on_click="ignore",
        help=_HELP,
    )
    if not data.provider_ids:
        st.info(_HELP)
        return
    _picker("Candidate", data.provider_ids, data.provider_names)
    st.progress(data.progress, text=data.progress_text)
    if data.worrying is not None:
        st.warning(data.worrying)
    for topic in data.topics:
        with st.expander(topic.name, expanded=topic is data.topics[0]):
            st.caption(_HELP)
            st.data_editor(
                topic.table,
                key=topic.key,
                hide_index=True,
                width="stretch",
                row_height=112,
                height=44 + 112 * len(topic.table),
                column_config=data.columns,
            )
    left, right = st.columns(2)
    left.download_button(
        data.answers_label,
        data=lambda: data.answers_docx,
        file_name="answers.docx",
        mime=export.DOCX_MIME,
        icon=":material/description:",
        on_click="ignore",
    )
    right.download_button(
        "… or as text (.txt)",
        data=lambda: data.answers_text,
        file_name="answers.txt",
        mime="text/plain",
        icon=":material/download:",
        on_click="ignore",
    )


def _build_due_diligence(header: _Header, evaluation: Evaluation) -> _DueDiligence:
    candidates = [p for p in evaluation.ordered_providers if not p.current]
    provider = candidates[0] if candidates else None
    topics = diligence.due_diligence_topics()
    total = sum(len(t.questions) for t in topics)
    answers = provider.answers if provider else {}
    answered = sum(1 for a in answers.values() if a.text)
    worrying = diligence.worrying_answers(evaluation, provider.id) if provider else []
    shown = []
    for topic in topics:
        questions = topic.questions
        table = pd.DataFrame(
            {
                "Question": [q.question for q in questions],
                "Their answer": [answers.get(q.id, Answer()).text for q in questions],
                "Worrying": [answers.get(q.id, Answer()).worrying for q in questions],
                "A good answer": [q.good_answer for q in questions],
                "Warning signs": [q.warning_signs for q in questions],
            }
        )
        key = f"answers-{provider.id if provider else ''}-{topic.id}@0"
        shown.append(_Topic(topic.name, key, table))
    columns = {
        "Question": st.column_config.TextColumn(disabled=True, width=320, pinned=True),
        "Their answer": st.column_config.TextColumn(width=280, max_chars=2000),
        "Worrying": st.column_config.CheckboxColumn(width=90, help=_HELP),
        "A good answer": st.column_config.TextColumn(disabled=True, width="large"),
        "Warning signs": st.column_config.TextColumn(disabled=True, width="large"),
    }
    blocks = diligence.due_diligence_kit(evaluation, provider.id if provider else None)
    return _DueDiligence(
        header=header,
        kit=export.docx_document(diligence.due_diligence_kit(evaluation, None)),
        provider_ids=[p.id for p in candidates],
        provider_names=_names(candidates),
        progress=answered / total,
        progress_text=f"{answered} of {total} questions answered",
        worrying="; ".join(q.question for _, q in worrying) if worrying else None,
        topics=shown,
        columns=columns,
        answers_label=f"Download with {provider.name if provider else ''}'s answers (.docx)",
        answers_docx=export.docx_document(blocks),
        answers_text=export.text_document(blocks),
    )


# Contract & deadlines ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Metric:
    label: str
    value: str
    options: dict[str, Any]
    """The delta and how to show it, for the first metric."""


@dataclass(frozen=True)
class _ContractPage:
    header: _Header
    provider_ids: list[str]
    provider_names: dict[str, str]
    contract: Contract | None
    before: list[_Alert]
    """What comes before the metrics: no contract yet, no deadline, a missed deadline."""
    metrics: list[_Metric]
    after: list[_Alert]
    """What follows the metrics: a near deadline, then what locks the business in."""
    fees: str
    ics: bytes | None
    form_key: str
    form_title: str
    currency: str
    remove: str


_DATE_RANGE: dict[str, Any] = {
    "min_value": date(1990, 1, 1),
    "max_value": date(2100, 12, 31),
    "format": "YYYY-MM-DD",
}


def _contract(data: _ContractPage) -> None:
    _header(data.header)
    _picker("Whose contract", data.provider_ids, data.provider_names)
    contract = data.contract
    for alert in data.before:
        alert.show()
    if data.metrics:
        for column, metric in zip(st.columns(3), data.metrics, strict=True):
            column.metric(metric.label, metric.value, **metric.options)
    for alert in data.after:
        alert.show()
    if contract is not None:
        st.caption(data.fees)
    if data.ics is not None:
        st.download_button(
            "Add the key dates to your calendar (.ics)",
            data=data.ics,
            file_name="key-dates.ics",
            mime="text/calendar",
            icon=":material/calendar_month:",
            on_click="ignore",
            help=_HELP,
        )
    with st.form(data.form_key):
        st.subheader(data.form_title)
        left, right = st.columns(2)
        left.date_input("Start date", value=contract.start if contract else None, **_DATE_RANGE)
        right.number_input(
            "Term in months",
            min_value=1,
            max_value=600,
            step=1,
            value=contract.term_months if contract else 12,
            help=_HELP,
        )
        left.checkbox("The contract states the end date", value=bool(contract and contract.end))
        right.date_input(
            "End date as stated in the contract",
            value=contract.end if contract and contract.end else None,
            **_DATE_RANGE,
        )
        left.checkbox("Renews automatically", value=bool(contract and contract.auto_renews))
        right.number_input(
            "Each renewal lasts (months)",
            min_value=1,
            max_value=120,
            step=1,
            value=contract.renewal_months if contract else 12,
        )
        left.number_input(
            "Notice period in days",
            min_value=0,
            max_value=3650,
            step=1,
            value=contract.notice_days if contract else 30,
            help=_HELP,
        )
        right.text_input("Currency (3-letter code)", value=data.currency, max_chars=3, help=_HELP)
        left.text_input(
            "Monthly fee",
            value=f"{contract.monthly_fee}" if contract else "",
            placeholder="1450.00",
        )
        right.text_input(
            "Early-termination fee",
            value=f"{contract.termination_fee}" if contract else "",
            placeholder="0.00",
            help=_HELP,
        )
        st.form_submit_button("Save contract", type="primary")
    if contract is not None:
        with st.popover("Remove this contract", icon=":material/delete:"):
            st.markdown(data.remove)
            st.button("Yes, remove it", key="remove-contract@0")
    with st.expander("How ITexit counts the dates", icon=":material/help:"):
        st.markdown(_INTRO * 2)


def _build_contract(header: _Header, evaluation: Evaluation) -> _ContractPage:
    today = date.today()
    provider = evaluation.ordered_providers[0]
    contract = provider.contract
    before: list[_Alert] = []
    metrics: list[_Metric] = []
    after: list[_Alert] = []
    deadline = exit_plan.next_deadline(contract, today) if contract else None
    if contract is None:
        before.append(_Alert("info", _HELP))
    elif deadline is None:
        before.append(_Alert("success", _HELP))
    elif deadline.notice_by is None:
        before.append(_Alert("info", f"The contract ends on {deadline.term_end}."))
    else:
        if deadline.missed:
            before.append(_Alert("error", f"The last day, {deadline.missed}, has passed."))
        long_date = words.long_date
        metrics = [
            _Metric(
                "Last day to give notice",
                long_date(deadline.notice_by),
                {
                    "delta": f"{deadline.days_left} days left" if deadline.days_left else "today",
                    "delta_color": "red" if deadline.near else "gray",
                    "delta_arrow": "off",
                },
            ),
            _Metric("Contract ends (with notice)", long_date(deadline.term_end), {}),
            _Metric(
                "Renews, without notice, on",
                long_date(deadline.renewal or deadline.term_end),
                {},
            ),
        ]
        if deadline.near:
            after.append(_Alert("warning", f"The notice deadline is near. {_HELP}"))
    if contract is not None:
        after += [_Alert("warning", w, ":material/lock:") for w in exit_plan.lock_in(contract)]
    dates = exit_plan.key_dates(evaluation, today) if contract and provider.current else []
    money = words.money
    return _ContractPage(
        header=header,
        provider_ids=[p.id for p in evaluation.ordered_providers],
        provider_names=_names(evaluation.ordered_providers),
        contract=contract,
        before=before,
        metrics=metrics,
        after=after,
        fees=(
            f"Monthly fee {money(contract.monthly_fee, evaluation.currency)}; early-termination "
            f"fee {money(contract.termination_fee, evaluation.currency)}."
            if contract
            else ""
        ),
        ics=export.calendar_ics(dates, f"ITexit: {evaluation.name}") if dates else None,
        form_key=f"contract-{provider.id}@0",
        form_title=f"Contract with {provider.name}",
        currency=evaluation.currency,
        remove=f"Remove the contract recorded for **{provider.name}**?",
    )


# Grounds & evidence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ground:
    id: str
    title: str
    caption: str
    applies: int
    notes: str
    strength: str


@dataclass(frozen=True)
class _Grounds:
    header: _Header
    routes: list[str]
    """Empty without a current provider: the page then stops."""
    grounds: list[_Ground]
    log_title: str
    incidents: pd.DataFrame | None
    summary: str
    incident_ids: list[str]
    incident_names: dict[str, str]
    ground_ids: list[str]
    ground_titles: dict[str, str]


_APPLIES = ["yes", "no", "unsure"]


def _grounds(data: _Grounds) -> None:
    _header(data.header)
    st.warning(_HELP, icon=":material/gavel:")
    if not data.routes:
        st.info(_HELP)
        st.page_link("pages/providers.py", label="Go to Providers", icon=":material/groups:")
        return
    st.subheader("Your routes out")
    for route in data.routes:
        st.markdown(route)
    st.subheader("Grounds")
    with st.form("grounds@0"):
        for ground in data.grounds:
            with st.container(border=True):
                st.markdown(f"**{ground.title}**")
                st.caption(ground.caption)
                left, right = st.columns([1, 2])
                left.markdown("Does it apply?")
                left.radio(
                    f"Does it apply: {ground.title}?",
                    _APPLIES,
                    index=ground.applies,
                    horizontal=True,
                    label_visibility="collapsed",
                    key=f"applies-{ground.id}@0",
                )
                right.text_area(
                    "Notes",
                    value=ground.notes,
                    max_chars=2000,
                    height=68,
                    key=f"notes-{ground.id}@0",
                    placeholder=_HELP,
                )
                left.caption(ground.strength)
        st.form_submit_button("Save grounds", type="primary")
    st.subheader(data.log_title)
    if data.incidents is not None:
        st.dataframe(
            data.incidents,
            hide_index=True,
            column_config={"Date": st.column_config.DateColumn(format="D MMM YYYY")},
        )
        st.caption(data.summary)
    else:
        st.info(_HELP)
    today = date.today()
    with st.form("incident@0", border=True):
        st.markdown("**Log an incident**")
        left, right = st.columns(2)
        left.date_input("Date", value=today, max_value=today, format="YYYY-MM-DD")
        right.number_input("Hours of downtime", min_value=0.0, max_value=10000.0, step=0.5)
        st.text_input("What happened", max_chars=500, placeholder=_HELP)
        st.text_input("Impact on the business", max_chars=500, placeholder=_HELP)
        left, right = st.columns(2)
        left.text_input("Ticket or reference", max_chars=100)
        right.multiselect(
            "Evidence for", data.ground_ids, format_func=data.ground_titles.__getitem__, help=_HELP
        )
        st.form_submit_button("Log incident", type="primary")
    if data.incident_ids:
        with st.popover("Remove an incident", icon=":material/delete:"):
            st.selectbox(
                "Incident",
                data.incident_ids,
                format_func=data.incident_names.__getitem__,
                key="incident-to-remove@0",
            )
            st.button("Remove it", key="remove-incident@0")


def _build_grounds(header: _Header, evaluation: Evaluation) -> _Grounds:
    today = date.today()
    current = evaluation.current
    routes = exit_plan.exit_routes(evaluation, today) if current else []
    grounds = []
    for ground in exit_plan.GROUNDS:
        claim = evaluation.exit.grounds.get(ground.id, GroundClaim())
        strength = exit_plan.evidence_strength(evaluation, ground.id)
        grounds.append(
            _Ground(
                id=ground.id,
                title=ground.title,
                caption=f"{ground.explanation} Evidence that helps: {ground.evidence_hint}",
                applies=_APPLIES.index(claim.applies),
                notes=claim.notes,
                strength=exit_plan.STRENGTH_WORDS[strength].capitalize(),
            )
        )
    incidents = sorted(evaluation.exit.incidents, key=lambda i: i.day, reverse=True)
    titles = {g.id: g.title for g in exit_plan.GROUNDS}
    table = pd.DataFrame(
        {
            "Date": [i.day for i in incidents],
            "What happened": [i.what for i in incidents],
            "Impact": [i.impact for i in incidents],
            "Downtime (hours)": [i.downtime_hours for i in incidents],
            "Ticket": [i.ticket for i in incidents],
            "Evidence for": [", ".join(titles[g] for g in i.grounds) for i in incidents],
        }
    )
    return _Grounds(
        header=header,
        routes=[f"**{r.title}.** {r.detail}" for r in routes],
        grounds=grounds,
        log_title=f"Incident log for {current.name if current else ''}",
        incidents=table if incidents else None,
        summary=f"{len(incidents)} incidents, {sum(i.downtime_hours for i in incidents):g} hours",
        incident_ids=[i.id for i in incidents],
        incident_names={i.id: f"{i.day.isoformat()}: {i.what}" for i in incidents},
        ground_ids=list(titles),
        ground_titles=titles,
    )


# Notice letter -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Letter:
    header: _Header
    current: bool
    """Without a current provider the page stops after a pointer to Providers."""
    tip: bool
    business: str
    signatory: str
    kind: int
    saved: bool
    text: str
    text_bytes: bytes
    docx: bytes


_KINDS = {
    "non-renewal": "Non-renewal: leave at the end of the current term",
    "termination": "Termination: leave now, on the grounds you marked",
}


def _letter(data: _Letter) -> None:
    _header(data.header)
    st.warning(_HELP, icon=":material/gavel:")
    if not data.current:
        st.info(_HELP)
        st.page_link("pages/providers.py", label="Go to Providers", icon=":material/groups:")
        return
    if data.tip:
        st.info(_HELP)
    with st.form("sender@0"):
        left, right = st.columns(2)
        left.text_input("Your company's name", value=data.business, max_chars=200)
        right.text_input(
            "Signed by (name and title)",
            value=data.signatory,
            max_chars=200,
            placeholder="Jo Bloggs, Director",
        )
        st.form_submit_button("Save")
    st.radio(
        "Kind of notice",
        list(_KINDS),
        index=data.kind,
        format_func=_KINDS.__getitem__,
        horizontal=True,
        key="itexit_letter_kind",
        disabled=data.saved,
        help=_HELP,
    )
    if data.saved:
        st.info(_HELP)
    st.text_area("The letter", value=data.text, height=520, max_chars=50_000, key="letter@0")
    left, middle, right = st.columns(3)
    left.button("Save my edits", type="primary", disabled=True, icon=":material/save:")
    middle.download_button(
        "Download as Word (.docx)",
        data=lambda: data.docx,
        file_name="notice-letter.docx",
        mime=export.DOCX_MIME,
        icon=":material/description:",
        on_click="ignore",
    )
    right.download_button(
        "Download as text (.txt)",
        data=data.text_bytes,
        file_name="notice-letter.txt",
        mime="text/plain",
        icon=":material/download:",
        on_click="ignore",
    )
    if data.saved:
        st.button("Start again from the draft", icon=":material/restart_alt:")


def _build_letter(header: _Header, evaluation: Evaluation) -> _Letter:
    plan = evaluation.exit
    current = evaluation.current
    grounds_apply = any(claim.applies == "yes" for claim in plan.grounds.values())
    kind = "termination" if grounds_apply else "non-renewal"
    draft = exit_plan.notice_letter(evaluation, date.today(), kind) if current else ""
    text = plan.letter if plan.letter is not None else draft
    return _Letter(
        header=header,
        current=current is not None,
        tip=current is not None and current.contract is None,
        business=plan.business_name,
        signatory=plan.signatory,
        kind=list(_KINDS).index(kind),
        saved=plan.letter is not None,
        text=text,
        text_bytes=text.encode("utf-8"),
        docx=export.letter_docx(text),
    )


# Offboarding -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Offboarding:
    header: _Header
    plan: ExitPlan
    progress: float
    progress_text: str
    overdue: str | None
    table: pd.DataFrame
    columns: dict[str, Any]
    csv: bytes
    timeline: go.Figure | None


_STATUSES = ["to do", "in progress", "done", "not needed"]


def _offboarding(data: _Offboarding) -> None:
    _header(data.header)
    plan = data.plan
    with st.form("move-dates@0"):
        st.markdown("**The dates of the move**")
        left, middle, right = st.columns(3)
        left.date_input("Notice given on", value=plan.notice_date, format="YYYY-MM-DD", help=_HELP)
        middle.date_input(
            "New provider starts", value=plan.new_provider_start, format="YYYY-MM-DD", help=_HELP
        )
        right.date_input("Cut-over", value=plan.cutover, format="YYYY-MM-DD", help=_HELP)
        st.form_submit_button("Save dates", type="primary")
    st.progress(data.progress, text=data.progress_text)
    if plan.cutover is None:
        st.info(_HELP)
    if data.overdue is not None:
        st.warning(data.overdue)
    rows = len(data.table)
    st.data_editor(
        data.table,
        key="offboarding@0",
        hide_index=True,
        width="stretch",
        row_height=52,
        height=40 + 52 * rows,
        disabled=["When", "Item", "Due", "Details"],
        column_config=data.columns,
    )
    st.download_button(
        "Download the checklist (CSV)",
        data=lambda: data.csv,
        file_name="offboarding.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    if data.timeline is not None:
        st.subheader("Timeline")
        st.markdown(_HELP)
        st.plotly_chart(data.timeline, width="stretch", config=_CHART_CONFIG)


def _build_offboarding(header: _Header, evaluation: Evaluation) -> _Offboarding:
    today = date.today()
    tasks = exit_plan.offboarding_plan(evaluation)
    done, total = exit_plan.progress(tasks)
    overdue = [t for t in tasks if t.due and t.due < today and not t.finished]
    table = pd.DataFrame(
        {
            "When": [t.item.phase.replace("cutover", "cut-over") for t in tasks],
            "Item": [t.item.title for t in tasks],
            "Owner": [t.owner for t in tasks],
            "Days from cut-over": [t.days_from_cutover for t in tasks],
            "Due": [t.due for t in tasks],
            "Status": [t.status for t in tasks],
            "Details": [t.item.detail for t in tasks],
        }
    )
    columns = {
        "Item": st.column_config.TextColumn(pinned=True, width="large"),
        "When": st.column_config.TextColumn(width="small"),
        "Owner": st.column_config.TextColumn(max_chars=100, help=_HELP),
        "Days from cut-over": st.column_config.NumberColumn(
            min_value=-365, max_value=365, step=1, format="%d", help=_HELP
        ),
        "Due": st.column_config.DateColumn(format="D MMM YYYY"),
        "Status": st.column_config.SelectboxColumn(options=_STATUSES, required=True),
        "Details": st.column_config.TextColumn(width="large"),
    }
    milestones = exit_plan.timeline(evaluation, today)
    return _Offboarding(
        header=header,
        plan=evaluation.exit,
        progress=done / total,
        progress_text=f"**{done} of {total}** items done or not needed",
        overdue="; ".join(t.item.title for t in overdue) if overdue else None,
        table=table,
        columns=columns,
        csv=export.offboarding_csv(tasks),
        timeline=exit_plan.exit_timeline(milestones, today) if milestones else None,
    )


# Building ----------------------------------------------------------------------------------------

_PAGES: dict[str, tuple[Callable[[_Header, Evaluation], Any], Callable[[Any], None]]] = {
    "evaluations": (_build_evaluations, _evaluations),
    "providers": (_build_providers, _providers),
    "priorities": (_build_priorities, _priorities),
    "criteria": (_build_criteria, _criteria),
    "scorecard": (_build_scorecard, _scorecard),
    "compare": (_build_compare, _compare),
    "costs": (_build_costs, _costs),
    "service": (_build_service, _service),
    "decide": (_build_decide, _decide),
    "due_diligence": (_build_due_diligence, _due_diligence),
    "contract": (_build_contract, _contract),
    "grounds": (_build_grounds, _grounds),
    "letter": (_build_letter, _letter),
    "offboarding": (_build_offboarding, _offboarding),
}
PAGES = tuple(_PAGES)


def build_floor(
    page: str, title: str, evaluation: Evaluation, tickets: pd.DataFrame | None = None
) -> Callable[[], None]:
    """The floor of `page` for `evaluation`: a call that renders it from data built here, now.

    `tickets` are the current provider's tickets as the store keeps them beside the evaluation;
    only the Service levels page shows them.
    """
    build, render = _PAGES[page]
    header = _Header(title, [1], {1: evaluation.name})
    if page == "service":
        return partial(render, _build_service(header, evaluation, tickets))
    return partial(render, build(header, evaluation))
