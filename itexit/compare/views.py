"""What the Providers, Scorecard and Compare pages show, and the changes they send back.

Each view takes the evaluation (and the page's choices) and returns everything one page lays
out; the pages never compute. The app caches each view per saved revision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from itexit.compare.charts import gap_chart, heatmap, radar
from itexit.compare.findings import alerts, summary_sentences
from itexit.compare.scoring import Answered, Scenario, answered, compare
from itexit.compare.tables import comparison_table, gap_table, styled
from itexit.evaluation import Score, score_from_cells
from itexit.export import comparison_csv
from itexit.input import AllOrNothing, InvalidInput
from itexit.words import score_text

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "RADAR_AT_FIRST",
    "ROLES",
    "CompareView",
    "ProviderCard",
    "ScorecardTab",
    "ScorecardView",
    "compare_view",
    "comparison_file",
    "provider_added",
    "provider_cards",
    "radar_chart",
    "role_default",
    "scorecard_view",
    "scores_edited",
]

RADAR_AT_FIRST = 5
"""A radar shows this many providers at first: more are hard to tell apart."""

ROLES = {"current": "Our current provider", "candidate": "A candidate we are considering"}
"""The part a new provider plays, as the Providers page offers it."""


def role_default(evaluation: Evaluation) -> str | None:
    """The role the form starts on: none until a current provider is marked (the user says which
    the first one is, so a click never saves the role not meant), then a candidate."""
    return "candidate" if evaluation.current is not None else None


def provider_added(evaluation: Evaluation, name: str, role: str | None) -> Evaluation:
    """The evaluation with a new provider in the role chosen; InvalidInput if none is chosen."""
    if role not in ROLES:
        raise InvalidInput(
            "Choose whether this is your current provider or a candidate, then add it."
        )
    return evaluation.with_provider(name, current=role == "current")


@dataclass(frozen=True)
class ProviderCard:
    """One provider as the Providers page lists it."""

    id: str
    name: str
    current: bool
    answered: Answered


def provider_cards(evaluation: Evaluation) -> list[ProviderCard]:
    """Every provider, the current one first, with how much of the checklist is answered."""
    cards = []
    for provider in evaluation.ordered_providers:
        cards.append(
            ProviderCard(
                provider.id, provider.name, provider.current, answered(evaluation, provider.id)
            )
        )
    return cards


# Scorecard ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScorecardTab:
    """One essential's tab: its label with the provider's score, and the criteria to score."""

    essential: str
    """The essential's id."""
    label: str
    summary: str
    table: pd.DataFrame
    """Criterion, Score, Verified, Evidence / note, Ask the provider, Rests on: the editable
    table (the last two read-only)."""
    meanings: pd.DataFrame
    """What 0, 3 and 5 mean for each criterion."""


@dataclass(frozen=True)
class ScorecardView:
    """One provider's scorecard: how much is answered, and a tab per essential."""

    answered: Answered
    tabs: list[ScorecardTab]

    @property
    def share(self) -> float:
        """How much of the checklist is answered (the coverage), from 0 to 1."""
        coverage = self.answered.coverage
        return 0.0 if coverage != coverage else coverage / 100

    def progress(self, name: str) -> str:
        """'Nimbus IT: 30 of 36 criteria that apply are scored (83%)' (`name` as shown)."""
        return f"**{name}**: {self.answered.sentence()}"


def scorecard_view(evaluation: Evaluation, provider_id: str) -> ScorecardView:
    """The scorecard of one provider, essential by essential."""
    provider = evaluation.provider(provider_id)
    scores = compare(evaluation).essential_scores[provider.id]
    tabs = []
    for essential in evaluation.checklist.essentials:
        criteria = essential.criteria
        given = [provider.score(c.id) for c in criteria]
        table = pd.DataFrame(
            {
                "Criterion": [c.name for c in criteria],
                "Score": [str(s.rating) for s in given],
                "Verified": [s.verified for s in given],
                "Whose word": [_whose_word(s) for s in given],
                "Evidence / note": [s.note for s in given],
                "Ask the provider": [c.question for c in criteria],
                "Rests on": [c.rests_on or ("Your own" if c.custom else "") for c in criteria],
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
        label = f"{essential.name} · {score_text(scores[essential.id])}"
        tabs.append(ScorecardTab(essential.id, label, essential.summary, table, meanings))
    return ScorecardView(answered(evaluation, provider.id), tabs)


def _whose_word(score: Score) -> str:
    """'their questionnaire (3 Nov 2026)' for a score that is the candidate's own claim, 'from
    the review of 12 Nov 2026: re-check' for one carried from an earlier review, else ''."""
    if score.carried is not None:
        return f"from the review of {score.carried.day} {score.carried:%b %Y}: re-check"
    if score.source is None or score.verified:
        return ""
    return f"their questionnaire ({score.source.made.day} {score.source.made:%b %Y})"


def scores_edited(
    evaluation: Evaluation,
    provider_id: str,
    edits: Mapping[str, Mapping[int, Mapping[str, Any]]],
) -> Evaluation:
    """The evaluation with the cells edited on the scorecard (essential id → row → column →
    value), every cell checked; InvalidInput naming each bad cell, and nothing changed."""
    provider = evaluation.provider(provider_id)
    criteria = {e.id: e.criteria for e in evaluation.checklist.essentials}
    changes: dict[str, Score] = {}
    reading = AllOrNothing()
    for essential_id, rows in edits.items():
        for row, cells in rows.items():
            criterion = criteria[essential_id][row]
            old = provider.score(criterion.id)
            with reading.reading(criterion.name):
                score = score_from_cells(
                    cells.get("Score", old.rating),
                    cells.get("Evidence / note", old.note),
                    cells.get("Verified", old.verified),
                )
                # A questionnaire's claim stays its claim until the rating changes or is verified.
                kept = score.rating == old.rating and not score.verified
                changes[criterion.id] = score.model_copy(
                    update={"source": old.source if kept else None}
                )
    reading.check()
    return evaluation.with_scores(provider.id, changes)


# Compare -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareView:
    """Everything the Compare page shows, but the radar (its providers are the user's choice)."""

    summary: list[str]
    alerts: list[str]
    """Red flags, failed and unverified must-haves: what rules a provider out or needs asking."""
    table: pd.DataFrame
    """One row per provider, best rank first: role, rank, overall, coverage, essential scores."""
    gap_table: pd.DataFrame
    """One row per provider: the gap to target of each essential."""
    essentials: list[str]
    """The essentials' names: the score columns of both tables."""
    gap_help: dict[str, str]
    """A line of help per essential column of the gap table: its target."""
    gap_chart: go.Figure
    heatmap: go.Figure
    radar_choices: dict[str, str]
    """The providers the radar can show, id → name: the current one first, then by rank."""
    radar_default: list[str]

    # A Styler is changed by every page that draws it, so each run gets its own; the frames
    # beneath are shared.
    def side_by_side(self) -> Styler:
        """The side-by-side table, the current provider's row tinted, scores to 2 decimals."""
        return styled(self.table, self.essentials)

    def gaps(self) -> Styler:
        """The gap table, gaps in crimson and targets met in green."""
        return styled(self.gap_table, self.essentials, gaps=True)


def compare_view(evaluation: Evaluation, scenario: Scenario) -> CompareView:
    """The Compare page: findings, the side-by-side and gap tables, the gap chart, the heatmap."""
    comparison = compare(evaluation, scenario)
    names = [e.name for e in evaluation.checklist.essentials]
    ranked = sorted(
        evaluation.ordered_providers, key=lambda p: (not p.current, comparison.rank[p.id])
    )
    return CompareView(
        summary=summary_sentences(evaluation, comparison),
        alerts=alerts(evaluation, comparison),
        table=comparison_table(evaluation, comparison),
        gap_table=gap_table(evaluation, comparison),
        essentials=names,
        gap_help={
            e.name: f"Target {evaluation.targets[e.id]:g}: how far below it the provider scores "
            "(0.00: reaches it)"
            for e in evaluation.checklist.essentials
        },
        gap_chart=gap_chart(evaluation, comparison),
        heatmap=heatmap(evaluation, comparison),
        radar_choices={p.id: p.name for p in ranked},
        radar_default=[p.id for p in ranked[:RADAR_AT_FIRST]],
    )


def radar_chart(evaluation: Evaluation, scenario: Scenario, shown: tuple[str, ...]) -> go.Figure:
    """The essential scores of the providers chosen, on a radar with the targets."""
    return radar(evaluation, compare(evaluation, scenario), shown)


def comparison_file(evaluation: Evaluation, today: date) -> bytes:
    """The comparison CSV as the Compare page downloads it (its cost rows depend on the date)."""
    return comparison_csv(evaluation, compare(evaluation), today)
