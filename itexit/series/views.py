"""What the Reviews over time page and the Evaluations page's "Start next review" show and do:
the current provider's scores across a series of reviews, and starting the next review."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from itexit.compare.scoring import compare
from itexit.input import Entry
from itexit.series.charts import OVERALL_LINE, Point, trend_chart
from itexit.series.reviews import next_review, review_name, series_started
from itexit.store import Conflict
from itexit.style import distinct
from itexit.types import name_key
from itexit.words import figure_number, plural, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider
    from itexit.store import Store, Stored

__all__ = [
    "NEXT_REVIEW_HELP",
    "ONE_REVIEW",
    "ReviewsView",
    "hidden_sentence",
    "next_review_entry",
    "reviews_view",
    "start_next_review",
    "started_message",
]

NEXT_REVIEW_HELP = (
    "Copies this evaluation as the next dated review of the same series (say, a year on): the "
    "same providers, weights, targets, contracts and checklist, with every score carried over "
    "as the starting point and marked 'from the last review' until you re-check it. Tickets, "
    "grounds, the notice letter and the offboarding plan start afresh; the incident log is kept. "
    "The Reviews over time page then charts how your current provider did across the reviews."
)


def hidden_sentence(hidden: int) -> str:
    """Said when some reviews of the series are not the person's to see (sign-in)."""
    left_out = "it is" if hidden == 1 else "they are"
    return (
        f"This series has {plural(hidden, 'other review')} you may not see: {left_out} left "
        "out here, so the figures below are only the reviews you may see."
    )


ONE_REVIEW = (
    "One review so far: start the next review in a year to see the trend (Evaluations page, "
    "'Start next review')."
)


def started_message(name: str) -> str:
    """What the app says once the next review is started (`name` as the user typed it)."""
    return (
        f"Started the next review, '{name.strip()}', and opened it. Its scores are the last "
        "review's: re-check each on the Scorecard (those not yet re-checked are marked 'from "
        "the review of …'), then see the trend on Reviews over time."
    )


def next_review_entry(evaluation: Evaluation, today: date, taken: Iterable[str] = ()) -> Entry:
    """The box asking for the next review's name, offered as 'Its name — review 2027-11', or
    with ' (2)' … added when an evaluation already has that name (`taken`)."""
    return Entry(
        "Next review as",
        review_name(evaluation.name, today, taken),
        help=NEXT_REVIEW_HELP,
        text=True,
    )


def start_next_review(store: Store, stored: Stored, name: str, today: date) -> Stored:
    """Start the next review of a stored revision of an evaluation under `name`, held
    `today`, and return it.

    Conflict if that revision is no longer the latest (the copy would leave out what someone
    saved since). An evaluation not yet in a series first becomes the first review of one,
    dated the day that revision was saved (saved as a new revision on top of it). InvalidInput
    for a bad or taken name (the first review then stays marked as such, which changes nothing
    else).
    """
    if store.summary(stored.id).revision != stored.revision:  # the copy would miss it
        raise Conflict(
            "Someone saved a newer version of this evaluation since you opened it, so the next "
            "review was not started: show the latest version, then start it again."
        )
    first = series_started(stored.evaluation, stored.saved_at.date())
    following = next_review(first, name, today)  # the name is checked before anything is saved
    if first is not stored.evaluation:
        became = "Became the first review of a series: its next review was started"
        store.save(stored.id, first, stored.revision, summary=(became,))
    return store.create(following, summary=(f"Started as the next review of '{first.name}'",))


@dataclass(frozen=True)
class ReviewsView:
    """The Reviews over time page: sentences, the chart (None with one review), the table."""

    sentences: list[str]
    """Plain sentences holding names: show them as untrusted text."""
    chart: go.Figure | None
    table: pd.DataFrame
    one_review: bool


COLUMNS = (
    "Review",
    "Evaluation",
    "Current provider",
    "Overall (0–100)",
    "Scores not re-checked",
    OVERALL_LINE,
)
"""The table's columns and the chart's line beside the essentials' (which never take them)."""


@dataclass(frozen=True)
class _Row:
    label: str
    evaluation: Evaluation
    provider: Provider | None
    overall: float
    essentials: tuple[float, ...]
    carried: int


def reviews_view(reviews: Sequence[Evaluation]) -> ReviewsView:
    """The current provider's overall and essential scores across the reviews of a series
    (each review's own current provider, so a change of provider shows), oldest first."""
    ordered = sorted(reviews, key=lambda e: e.review.held if e.review else date.max)
    latest = ordered[-1]
    essentials = [e.id for e in latest.checklist.essentials]
    names = distinct([e.name for e in latest.checklist.essentials], COLUMNS)
    rows = _rows(ordered, essentials)
    runs, switches = _runs(rows)
    table = pd.DataFrame(
        {
            "Review": [r.label for r in rows],
            "Evaluation": [r.evaluation.name for r in rows],
            "Current provider": [r.provider.name if r.provider else "none marked" for r in rows],
            "Overall (0–100)": [r.overall for r in rows],
            **{name: [r.essentials[i] for r in rows] for i, name in enumerate(names)},
            "Scores not re-checked": [r.carried for r in rows],
        }
    )
    if len(rows) < 2:
        return ReviewsView(_carried_sentences(rows), None, table, True)
    points = [
        Point(r.label, run, r.provider.name if r.provider else "", r.overall, r.essentials)
        for r, run in zip(rows, runs, strict=True)
    ]
    switched = [(i, _name(rows[i])) for i in switches]
    sentences = [
        *_trend_sentences(rows, names, switches),
        *_carried_sentences(rows),
    ]
    return ReviewsView(sentences, trend_chart(points, names, switched), table, False)


def _rows(ordered: Sequence[Evaluation], essentials: Sequence[str]) -> list[_Row]:
    rows: list[_Row] = []
    labels = distinct([_held(evaluation) for evaluation in ordered], mark=" · {}")
    for evaluation, label in zip(ordered, labels, strict=True):
        current = evaluation.current
        overall, scores, carried = float("nan"), (float("nan"),) * len(essentials), 0
        if current is not None:
            comparison = compare(evaluation)
            overall = figure_number(comparison.overall[current.id], 1)
            by_id = comparison.essential_scores[current.id]
            scores = tuple(figure_number(by_id.get(e), 2) for e in essentials)
            carried = sum(s.carried is not None for s in current.scores.values())
        rows.append(_Row(label, evaluation, current, overall, scores, carried))
    return rows


def _held(evaluation: Evaluation) -> str:
    """When a review was held, as its row and the chart name it ('2 Nov 2027')."""
    held = evaluation.review.held if evaluation.review else None
    return f"{held.day} {held:%b %Y}" if held else "This evaluation"


def _same(one: Provider | None, other: Provider | None) -> bool:
    if one is None or other is None:
        return False
    return one.id == other.id or name_key(one.name) == name_key(other.name)


def _runs(rows: Sequence[_Row]) -> tuple[list[int | None], list[int]]:
    """Each review's run of the same current provider (None: none marked), and the reviews
    where the provider differs from the one before."""
    runs: list[int | None] = []
    switches: list[int] = []
    run = -1
    for index, row in enumerate(rows):
        before = rows[index - 1].provider if index else None
        if row.provider is None:
            runs.append(None)
            continue
        if not _same(before, row.provider):
            run += 1
            if before is not None:
                switches.append(index)
        runs.append(run)
    return runs, switches


def _trend_sentences(rows: Sequence[_Row], names: Sequence[str], switches: list[int]) -> list[str]:
    first, last = rows[0], rows[-1]
    sentences = [
        f"{plural(len(rows), 'review')} in this series, from {first.label} to {last.label}."
    ]
    for index in switches:
        old, new = rows[index - 1], rows[index]
        sentences.append(
            f"You changed provider between the review of {old.label} and that of {new.label} "
            f"({_name(old)} → {_name(new)}): the lines break there, since the scores before and "
            "after are of different providers."
        )
    before = rows[-2]
    if last.provider is None:
        return [
            *sentences,
            "The latest review has no current provider marked: mark it on Providers.",
        ]
    if not _same(before.provider, last.provider):
        return sentences
    sentences.append(
        f"Since the review of {before.label}, {_name(last)}'s overall score "
        + _moved(before.overall, last.overall, 1)
        + "."
    )
    better = [
        f"{name} ({rounded(b, 2)} → {rounded(a, 2)})"
        for name, b, a in zip(names, before.essentials, last.essentials, strict=True)
        if a > b
    ]
    worse = [
        f"{name} ({rounded(b, 2)} → {rounded(a, 2)})"
        for name, b, a in zip(names, before.essentials, last.essentials, strict=True)
        if a < b
    ]
    if better:
        sentences.append(f"Better than at the review before: {', '.join(better)}.")
    if worse:
        sentences.append(f"Worse than at the review before: {', '.join(worse)}.")
    return sentences


def _moved(before: float, after: float, decimals: int) -> str:
    if before != before or after != after:
        return "cannot be compared (a review has no overall score yet: score it on the Scorecard)"
    if after == before:
        return f"stayed at {rounded(after, decimals)}"
    direction = "up" if after > before else "down"
    change = rounded(abs(after - before), decimals)
    moved = f"{rounded(before, decimals)} to {rounded(after, decimals)}"
    return f"went from {moved} ({direction} {change})"


def _carried_sentences(rows: Sequence[_Row]) -> list[str]:
    last = rows[-1]
    if not last.carried:
        return []
    return [
        f"{plural(last.carried, 'score')} of {_name(last)} in the latest review are still the "
        "last review's, not re-checked, so the latest point may only repeat the one before: "
        "re-check them on the Scorecard (marked 'from the review of …')."
    ]


def _name(row: _Row) -> str:
    return row.provider.name if row.provider else "none marked"
