"""The comparison's charts: essential scores on a radar, the current provider's gaps and the
candidates that close them, and every criterion in a heatmap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from itexit.compare.scoring import Comparison, gap_closers
from itexit.style import (
    CURRENT_COLOUR,
    FONT,
    SCORE_SCALE,
    TARGET_COLOUR,
    colours,
    escaped,
    label,
    short,
    transparent,
    wrapped,
)
from itexit.words import rounded, score_text

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider

__all__ = ["gap_chart", "heatmap", "radar"]


def radar(evaluation: Evaluation, comparison: Comparison, provider_ids: Sequence[str]) -> go.Figure:
    """Essential scores per provider on a 0–5 radar, with the target as a dashed outline."""
    essentials = [escaped(e.name) for e in evaluation.checklist.essentials]
    theta = [*essentials, essentials[0]]
    figure = go.Figure()
    targets = [evaluation.targets[e.id] for e in evaluation.checklist.essentials]
    figure.add_trace(
        go.Scatterpolar(
            r=[*targets, targets[0]],
            theta=theta,
            name="Target",
            mode="lines",
            line={"color": TARGET_COLOUR, "dash": "dash", "width": 2},
            customdata=[rounded(t, 2) for t in [*targets, targets[0]]],
            hovertemplate="Target for %{theta}: %{customdata}<extra></extra>",
        )
    )
    palette = colours(evaluation)
    for provider in _ordered(evaluation, provider_ids):
        scores = comparison.essential_scores[provider.id].tolist()
        figure.add_trace(
            go.Scatterpolar(
                r=[*scores, scores[0]],
                theta=theta,
                name=label(provider),
                mode="lines+markers",
                connectgaps=False,
                fill="toself" if provider.current else "none",
                fillcolor=transparent(CURRENT_COLOUR, 0.12) if provider.current else None,
                line={"color": palette[provider.id], "width": 5 if provider.current else 2.5},
                marker={"size": 9 if provider.current else 6},
                customdata=[score_text(s) for s in [*scores, scores[0]]],
                hovertemplate="%{fullData.name}<br>%{theta}: %{customdata}<extra></extra>",
            )
        )
    figure.update_layout(
        polar={
            "radialaxis": {"range": [0, 5], "tickvals": [0, 1, 2, 3, 4, 5], "angle": 90},
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        legend={"orientation": "h", "y": -0.12, "x": 0.5, "xanchor": "center"},
        margin={"l": 70, "r": 70, "t": 30, "b": 40},
        height=520,
        font=FONT,
    )
    return figure


def gap_chart(evaluation: Evaluation, comparison: Comparison) -> go.Figure:
    """Per essential: the current provider's score, the target, the gap between, and candidates.

    A red bar spans each shortfall of the current provider; the text on the right names the
    candidates that reach the target there.
    """
    essentials = evaluation.checklist.essentials
    names = [escaped(e.name) for e in essentials]
    current = evaluation.current
    traces = [_gap_bars(evaluation, comparison, names)] if current is not None else []
    traces.append(
        dict(
            type="scatter",
            x=[evaluation.targets[e.id] for e in essentials],
            y=names,
            mode="markers",
            marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": TARGET_COLOUR}},
            name="Target",
            customdata=[rounded(evaluation.targets[e.id], 2) for e in essentials],
            hovertemplate="%{y}<br>Target: %{customdata}<extra></extra>",
        )
    )
    traces += [_score_marks(evaluation, comparison, p, names) for p in evaluation.candidates]
    if current is not None:
        traces.append(_score_marks(evaluation, comparison, current, names))
    # One Figure call validates everything once; adding traces one by one costs far more.
    return go.Figure(
        data=traces,
        layout=dict(
            annotations=_closer_notes(evaluation, comparison),
            xaxis={"range": [0, 5.2], "title": "Score (0–5)", "dtick": 1, "zeroline": False},
            yaxis={"autorange": "reversed", "automargin": True},
            legend={"orientation": "h", "y": -0.25, "x": 0, "xanchor": "left"},
            margin={"l": 10, "r": 20, "t": 30, "b": 40},
            height=160 + 85 * len(essentials),
            font=FONT,
            hovermode="closest",
        ),
    )


def _gap_bars(evaluation: Evaluation, comparison: Comparison, names: list[str]) -> dict[str, Any]:
    """One thick crimson line per shortfall of the current provider, from its score to target."""
    current = evaluation.current
    assert current is not None
    scores = comparison.essential_scores[current.id]
    targets = pd.Series(evaluation.targets)[scores.index]
    short = scores < targets
    xs: list[float | None] = []
    ys: list[str | None] = []
    for essential_id, name in zip(scores.index[short], np.array(names)[short], strict=True):
        xs += [float(scores[essential_id]), float(targets[essential_id]), None]
        ys += [name, name, None]
    return dict(
        type="scatter",
        x=xs,
        y=ys,
        mode="lines",
        line={"color": transparent(CURRENT_COLOUR, 0.35), "width": 14},
        name="Gap to target",
        hoverinfo="skip",
    )


def _score_marks(
    evaluation: Evaluation, comparison: Comparison, provider: Provider, names: list[str]
) -> dict[str, Any]:
    """A provider's essential scores as dots; the current provider's as crimson diamonds."""
    if provider.current:
        marker = {
            "symbol": "diamond",
            "size": 17,
            "color": CURRENT_COLOUR,
            "line": {"width": 1.5, "color": "white"},
        }
    else:
        marker = {"size": 11, "color": colours(evaluation)[provider.id], "opacity": 0.85}
    return dict(
        type="scatter",
        x=comparison.essential_scores[provider.id].tolist(),
        y=names,
        mode="markers",
        marker=marker,
        name=label(provider),
        customdata=[score_text(s) for s in comparison.essential_scores[provider.id]],
        hovertemplate="%{fullData.name}<br>%{y}: %{customdata}<extra></extra>",
    )


def _closer_notes(evaluation: Evaluation, comparison: Comparison) -> list[dict[str, Any]]:
    """Above each essential: the shortfall and the candidates that close it."""
    closers = gap_closers(evaluation, comparison)
    return [
        {
            "x": 0,
            "xref": "x",
            "xanchor": "left",
            "y": escaped(name),  # the category, as the axis names it
            "yshift": 24,
            "text": _closer_text(gap, closing, pd.notna(best)),
            "showarrow": False,
            "align": "left",
            "font": {"size": 12, "color": "#444444"},
        }
        for name, gap, closing, best in zip(
            closers["essential"],
            closers["gap"],
            closers["closers"],
            closers["best_candidate"],
            strict=True,
        )
    ]


def heatmap(evaluation: Evaluation, comparison: Comparison) -> go.Figure:
    """Every criterion × every provider, coloured by score; '?' is unknown, 'n/a' not relevant."""
    providers = evaluation.ordered_providers
    ids = [p.id for p in providers]
    ratings = comparison.ratings[ids]
    criteria = evaluation.checklist.criteria
    essential_of = {
        c.id: escaped(e.name) for e in evaluation.checklist.essentials for c in e.criteria
    }
    figure = go.Figure(
        go.Heatmap(
            z=ratings.to_numpy(dtype=float, na_value=np.nan),
            x=[wrapped(label(p)) for p in providers],
            y=[[essential_of[c.id] for c in criteria], [escaped(c.name) for c in criteria]],
            text=_cell_texts(comparison, ids),
            texttemplate="%{text}" if len(providers) <= 12 else "",
            zmin=0,
            zmax=5,
            colorscale=SCORE_SCALE,
            xgap=2,
            ygap=2,
            colorbar=_score_bar(len(criteria)),
            hovertemplate="%{x}<br>%{y}<br>Score: %{text}<extra></extra>",
        )
    )
    if evaluation.current is not None:
        figure.add_shape(
            type="rect",
            xref="x",
            yref="paper",
            x0=-0.5,
            x1=0.5,
            y0=0,
            y1=1,
            line={"color": CURRENT_COLOUR, "width": 4},
        )
    figure.update_layout(
        xaxis={"side": "top", "tickangle": 0 if len(providers) <= 6 else -45},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 10, "r": 10, "t": 40 if len(providers) <= 6 else 160, "b": 10},
        height=max(420, 26 * len(criteria) + 140),
        plot_bgcolor="#EEEEEE",
        font={**FONT, "size": 13},
    )
    return figure


def _cell_texts(comparison: Comparison, ids: list[str]) -> np.ndarray:
    """Each cell's text: the rating, '?' for unknown, 'n/a' where it does not apply."""
    ratings = comparison.ratings[ids]
    cells: np.ndarray = np.where(
        comparison.not_applicable[ids].to_numpy(),
        "n/a",
        np.where(
            ratings.isna().to_numpy(),
            "?",
            ratings.to_numpy(dtype=float, na_value=0).astype(int).astype(str),
        ),
    )
    return cells


def _score_bar(criteria: int) -> dict[str, Any]:
    """The colour bar: 0 to 5, as tall as fits the top of a long heatmap."""
    return {
        "title": {"text": "Score"},
        "tickvals": [0, 1, 2, 3, 4, 5],
        "len": min(1.0, 360 / (26 * criteria + 140)),
        "lenmode": "fraction",
        "y": 1,
        "yanchor": "top",
    }


def _ordered(evaluation: Evaluation, provider_ids: Sequence[str]) -> list[Provider]:
    wanted = set(provider_ids)
    return [p for p in evaluation.ordered_providers if p.id in wanted]


def _closer_text(gap: float, closers: list[str], candidates_scored: bool) -> str:
    """The note above an essential: claims about candidates only where a candidate is scored."""
    if pd.isna(gap):
        return "<i>current provider not scored</i>"
    if gap <= 0:
        return "on target"
    short_by = f"short by {rounded(gap, 2)}"
    if not candidates_scored:
        return f"{short_by} · <i>no candidate scored here yet</i>"
    if not closers:
        return f"{short_by} · <b>no candidate reaches the target</b>"
    names = ", ".join(escaped(short(n)) for n in closers[:2])
    more = f" and {len(closers) - 2} more" if len(closers) > 2 else ""
    return f"{short_by} · closed by <b>{names}</b>{more}"
