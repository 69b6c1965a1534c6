"""The cost charts: each option's total by part, spending month by month, value for money."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from itexit.cost.totals import PARTS, Option, payback_month
from itexit.style import CURRENT_COLOUR, FONT, WARNING_COLOUR, colours, escaped, label

if TYPE_CHECKING:
    from itexit.compare.scoring import Comparison
    from itexit.evaluation import Evaluation

__all__ = ["PART_COLOURS", "cost_over_time", "cost_stack", "value_map"]


PART_COLOURS = {
    "fees": "#1F5F8B",
    "until the switch": "#AEC7E8",
    "termination": CURRENT_COLOUR,
    "overlap": WARNING_COLOUR,
    "one-off fees": "#9467BD",
    "own time": "#17BECF",
    "downtime": "#7F7F7F",
}


def cost_stack(options: Sequence[Option], currency: str) -> go.Figure:
    """Each option's total over the horizon, stacked by what it is made of."""
    labels = [escaped(o.label) for o in options]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": part,
            "y": labels,
            "x": [float(o.parts[part]) for o in options],
            "marker": {"color": PART_COLOURS[part]},
            "hovertemplate": f"%{{y}}<br>{part}: %{{x:,.2f}} {currency}<extra></extra>",
        }
        for part in PARTS
        if any(o.parts[part] for o in options)
    ]
    totals = [
        {
            "x": float(o.total),
            "y": label,
            # The total to the cent, as the table and the CSV give it (never re-rounded here).
            "text": f"{o.total:,.2f}",
            "showarrow": False,
            "xanchor": "left",
            "xshift": 6,
        }
        for o, label in zip(options, labels, strict=True)
    ]
    layout: dict[str, Any] = {
        "barmode": "stack",
        "xaxis": {"title": f"Total over the horizon ({currency})", "tickformat": ",.0f"},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "legend": {"orientation": "h", "y": -0.3},
        "annotations": totals,
        "margin": {"l": 10, "r": 100, "t": 20, "b": 40},
        "height": 160 + 60 * len(options),
        "font": FONT,
    }
    return go.Figure(data=traces, layout=layout)


def cost_over_time(evaluation: Evaluation, options: Sequence[Option], currency: str) -> go.Figure:
    """What each option has cost by the end of each month; a marker where switching pays off."""
    stay = next((o for o in options if o.stay), None)
    provider_colours = colours(evaluation)
    palette = [provider_colours[o.provider.id] for o in options]
    traces: list[dict[str, Any]] = []
    markers: list[dict[str, Any]] = []
    for option, colour in zip(options, palette, strict=True):
        months = list(range(1, len(option.cumulative) + 1))
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": months,
                "y": [float(v) for v in option.cumulative],
                "name": escaped(option.label),
                "line": {
                    "color": CURRENT_COLOUR if option.stay else colour,
                    "width": 4 if option.stay else 2.5,
                    "dash": "dash" if option.leaving and option.leaving.way == "now" else "solid",
                },
                "hovertemplate": (
                    f"%{{fullData.name}}<br>month %{{x}}: %{{y:,.2f}} {currency}<extra></extra>"
                ),
            }
        )
        if stay is not None and not option.stay:
            month = payback_month(stay, option)
            if month is not None:
                markers.append(
                    {
                        "type": "scatter",
                        "mode": "markers+text",
                        "x": [month],
                        "y": [float(option.cumulative[month - 1])],
                        "marker": {"size": 14, "color": colour, "symbol": "star"},
                        "text": [f"pays off in month {month}"],
                        # Near the right edge the label goes left of the star, so it stays
                        # inside the plot ("pays off in month 34" is never cut off).
                        "textposition": _beside_star(month, len(option.cumulative)),
                        "showlegend": False,
                        "hoverinfo": "skip",
                    }
                )
    layout: dict[str, Any] = {
        "xaxis": {"title": "Month", "dtick": 6},
        "yaxis": {"title": f"Spent so far ({currency})", "tickformat": ",.0f"},
        "legend": {"orientation": "h", "y": -0.25},
        "margin": {"l": 10, "r": 20, "t": 20, "b": 40},
        "height": 420,
        "font": FONT,
    }
    return go.Figure(data=traces + markers, layout=layout)


def _beside_star(month: int, months: int) -> str:
    """Where a payback label goes: below right of its star in the first 60 % of the months, else
    above left (the lines rise to the right, so either way it stays clear of them)."""
    return "bottom right" if month <= 0.6 * months else "top left"


def value_map(
    evaluation: Evaluation,
    comparison: Comparison,
    prices: dict[str, Decimal | None],
    currency: str,
) -> go.Figure:
    """Overall score against monthly price, one bubble per provider (bigger: more answered)."""
    palette = colours(evaluation)
    shown = [
        p
        for p in evaluation.ordered_providers
        if prices.get(p.id) is not None and pd.notna(comparison.overall[p.id])
    ]
    traces = [
        {
            "type": "scatter",
            "mode": "markers+text",
            "x": [float(prices[p.id] or 0)],
            "y": [float(comparison.overall[p.id])],
            "text": [label(p)],
            "textposition": "top center",
            "name": label(p),
            "marker": {
                "size": 18 + 0.4 * float(comparison.coverage[p.id] or 0),
                "color": palette[p.id],
                "opacity": 0.8,
                "line": {"width": 3 if p.current else 1, "color": "white"},
                "symbol": "diamond" if p.current else "circle",
            },
            "hovertemplate": (
                f"%{{text}}<br>%{{x:,.0f}} {currency} a month<br>overall %{{y:.1f}}<extra></extra>"
            ),
        }
        for p in shown
    ]
    layout: dict[str, Any] = {
        "showlegend": False,
        "xaxis": {
            "title": f"Monthly price ({currency})",
            "tickformat": ",.0f",
            "rangemode": "tozero",
        },
        "yaxis": {"title": "Overall score (0–100)", "range": [0, 105]},
        "margin": {"l": 10, "r": 20, "t": 30, "b": 40},
        "height": 420,
        "font": FONT,
    }
    return go.Figure(data=traces, layout=layout)
