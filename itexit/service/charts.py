"""The service-level chart: month by month, the share of tickets resolved within the promise."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from itexit.style import CURRENT_COLOUR, FONT, WARNING_COLOUR

__all__ = ["sla_trend"]


def sla_trend(trend: pd.DataFrame) -> go.Figure:
    """Per month, the share of tickets meeting the resolution promise, one line per priority."""
    styles = {"P1": CURRENT_COLOUR, "P2": WARNING_COLOUR, "P3": "#1F5F8B"}
    traces = []
    for priority, colour in styles.items():
        rows = trend[trend["priority"] == priority]
        if rows.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": list(rows["month"]),
                "y": [None if pd.isna(v) else float(v) for v in rows["resolution met %"]],
                "name": f"{priority}: resolved in time",
                "line": {"color": colour, "width": 2.5},
                "customdata": list(rows["tickets"]),
                "hovertemplate": (
                    "%{x}: %{y:.0f}% of %{customdata} tickets<extra>%{fullData.name}</extra>"
                ),
            }
        )
    layout: dict[str, Any] = {
        "yaxis": {"title": "Resolved within the promise (%)", "range": [0, 105]},
        # Calendar order, whichever priority has tickets in which month: a category axis
        # otherwise orders months as the traces first name them.
        "xaxis": {
            "title": "Month created",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": sorted(set(trend["month"].astype(str))),
        },
        "legend": {"orientation": "h", "y": -0.25},
        "margin": {"l": 10, "r": 20, "t": 20, "b": 40},
        "height": 380,
        "font": FONT,
    }
    return go.Figure(data=traces, layout=layout)
