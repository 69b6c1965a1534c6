"""The exit plan's chart: the dates of the move on one line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from itexit.exit.offboarding import Milestone
from itexit.style import CANDIDATE_COLOURS, CURRENT_COLOUR, FONT, TARGET_COLOUR

__all__ = ["exit_timeline"]


def exit_timeline(milestones: Sequence[Milestone], today: date) -> go.Figure:
    """The move on one line of dates: notice, overlap, cut-over, access revoked, contract end."""
    rows = [m.label for m in milestones]
    traces = [_period(m) for m in milestones if m.end is not None]
    singles = [m for m in milestones if m.end is None]
    traces.append(
        {
            "type": "scatter",
            "x": [m.start for m in singles],
            "y": [m.label for m in singles],
            "mode": "markers+text",
            "marker": {"size": 16, "symbol": "diamond", "color": CURRENT_COLOUR},
            "text": [f"{m.start:%d %b %Y}" for m in singles],
            "textposition": "middle right",
            "name": "Dates",
            "hovertemplate": "%{y}: %{x|%d %b %Y}<extra></extra>",
        }
    )
    layout: dict[str, Any] = {
        "showlegend": False,
        "yaxis": {"autorange": "reversed", "categoryorder": "array", "categoryarray": rows},
        "xaxis": {
            "type": "date",
            "tickformat": "%d %b %Y",
            "range": _date_range(milestones, today),
        },
        "margin": {"l": 10, "r": 80, "t": 30, "b": 30},
        "height": 120 + 50 * len(rows),
        "font": FONT,
        "shapes": [
            {
                "type": "line",
                "x0": today,
                "x1": today,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": TARGET_COLOUR, "dash": "dot", "width": 2},
            }
        ],
        "annotations": [
            {
                "x": today,
                "yref": "paper",
                "y": 1.02,
                "text": "today",
                "showarrow": False,
                "font": {"color": TARGET_COLOUR},
            }
        ],
    }
    return go.Figure(data=traces, layout=layout)


def _period(milestone: Milestone) -> dict[str, Any]:
    """A period (the overlap) as a thick bar with its first and last day written beside it."""
    assert milestone.end is not None
    return {
        "type": "scatter",
        "x": [milestone.start, milestone.end],
        "y": [milestone.label, milestone.label],
        "mode": "lines+text",
        "line": {"color": CANDIDATE_COLOURS[0], "width": 14},
        "name": milestone.label,
        "text": [f"{milestone.start:%d %b %Y}", f"{milestone.end:%d %b %Y}"],
        "textposition": ["middle left", "middle right"],
        "hovertemplate": "%{y}: %{x|%d %b %Y}<extra></extra>",
    }


def _date_range(milestones: Sequence[Milestone], today: date) -> list[date]:
    """From a little before the first date to well after the last: room for its label."""
    days = [today, *(m.start for m in milestones), *(m.end for m in milestones if m.end)]
    span = max((max(days) - min(days)).days, 30)
    return [min(days) - timedelta(days=span * 0.04), max(days) + timedelta(days=span * 0.22)]
