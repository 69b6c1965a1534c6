"""The current provider's scores across a series of reviews: the overall score and each
essential's, review by review, the line broken where the business changed provider."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from itexit.style import CANDIDATE_COLOURS, CURRENT_COLOUR, FONT, escaped, short

__all__ = ["OVERALL_LINE", "Point", "trend_chart"]

OVERALL_LINE = "Overall (right axis)"
"""The legend entry of the overall score's line."""


@dataclass(frozen=True)
class Point:
    """One review as the chart draws it: its label on the axis, the run of reviews with the
    same current provider it belongs to (None: no current provider), and its figures, already
    rounded as the table shows them (NaN where there is no score)."""

    label: str
    run: int | None
    provider: str
    overall: float
    essentials: tuple[float, ...]


def trend_chart(
    points: Sequence[Point], essentials: Sequence[str], switches: Sequence[tuple[int, str]]
) -> go.Figure:
    """Overall (right axis, 0–100) and each essential (left axis, 0–5) by review; one line per
    run of reviews with the same current provider, and a dashed mark where it changed
    (`switches`: the index of the first review with the new provider, and its name)."""
    figure = go.Figure()
    labels = [p.label for p in points]
    for column, name in enumerate(essentials):
        colour = CANDIDATE_COLOURS[column % len(CANDIDATE_COLOURS)]
        values = [p.essentials[column] for p in points]
        _lines(figure, points, values, escaped(name), colour, "y")
    overall = [p.overall for p in points]
    _lines(figure, points, overall, OVERALL_LINE, CURRENT_COLOUR, "y2")
    for index, provider in switches:
        figure.add_vline(
            x=index - 0.5,
            line={"color": "#555555", "dash": "dash", "width": 1.5},
            annotation_text=f"Switched to {escaped(short(provider))}",
            annotation_position="top",
        )
    figure.update_layout(
        font=FONT,
        height=480,
        margin={"l": 60, "r": 70, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        hovermode="x unified",
        xaxis={"title": {"text": "Review"}, "type": "category", "categoryarray": labels},
        yaxis={
            "title": {"text": "Essential score (0–5)"},
            "range": [-0.15, 5.15],
            "tickvals": [0, 1, 2, 3, 4, 5],
            "zeroline": False,
        },
        yaxis2={
            "title": {"text": "Overall score (0–100)", "font": {"color": CURRENT_COLOUR}},
            "range": [-3, 103],
            "tickvals": [0, 20, 40, 60, 80, 100],
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "zeroline": False,
        },
    )
    return figure


def _lines(
    figure: go.Figure,
    points: Sequence[Point],
    values: Sequence[float],
    name: str,
    colour: str,
    axis: str,
) -> None:
    """One trace per run of the same current provider, sharing one legend entry."""
    runs = sorted({p.run for p in points if p.run is not None})
    overall = axis == "y2"
    for number, run in enumerate(runs):
        members = [i for i, p in enumerate(points) if p.run == run]
        figure.add_trace(
            go.Scatter(
                x=[points[i].label for i in members],
                y=[values[i] for i in members],
                name=name,
                legendgroup=name,
                showlegend=number == 0,
                mode="lines+markers",
                yaxis=axis,
                connectgaps=False,
                line={"color": colour, "width": 4 if overall else 2},
                marker={"size": 11 if overall else 7, "symbol": "diamond" if overall else "circle"},
                hovertemplate="%{y}",
            )
        )
