"""Plotly figures of a comparison: data in, `go.Figure` out. Never calls Streamlit.

The current provider always looks the same: a thick crimson line or diamond, and "(current)"
after its name. Candidates get calm, distinct colours; the target is a dashed grey line.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from itexit.cost import PARTS, Option, payback_month
from itexit.decide import ROBUST_CHANGE, Tipping
from itexit.exit import Milestone
from itexit.models import Evaluation, Provider
from itexit.scoring import Comparison, gap_closers

CURRENT_COLOUR = "#B0203A"
TARGET_COLOUR = "#555555"
CANDIDATE_COLOURS = (
    "#1F77B4",
    "#2CA02C",
    "#9467BD",
    "#17BECF",
    "#E6A100",
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#393B79",
)
_FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 14}
_SCORE_SCALE = [
    [0.0, "#C62828"],
    [0.4, "#F4A259"],
    [0.6, "#F2E394"],
    [1.0, "#2E7D32"],
]


def label(provider: Provider) -> str:
    """A provider's name as a chart shows it: text only, '(current)' for the current one."""
    text = html.escape(provider.name, quote=False)
    return f"{text} (current)" if provider.current else text


def colours(evaluation: Evaluation) -> dict[str, str]:
    """One colour per provider id, stable across charts: crimson for the current provider."""
    candidates = [p for p in evaluation.ordered_providers if not p.current]
    palette = {
        p.id: CANDIDATE_COLOURS[i % len(CANDIDATE_COLOURS)] for i, p in enumerate(candidates)
    }
    if evaluation.current:
        palette[evaluation.current.id] = CURRENT_COLOUR
    return palette


def radar(evaluation: Evaluation, comparison: Comparison, provider_ids: Sequence[str]) -> go.Figure:
    """Essential scores per provider on a 0–5 radar, with the target as a dashed outline."""
    essentials = [e.name for e in evaluation.checklist.essentials]
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
            hovertemplate="Target for %{theta}: %{r:.1f}<extra></extra>",
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
                fillcolor=_transparent(CURRENT_COLOUR, 0.12) if provider.current else None,
                line={"color": palette[provider.id], "width": 5 if provider.current else 2.5},
                marker={"size": 9 if provider.current else 6},
                hovertemplate="%{fullData.name}<br>%{theta}: %{r:.2f}<extra></extra>",
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
        font=_FONT,
    )
    return figure


def gap_chart(evaluation: Evaluation, comparison: Comparison) -> go.Figure:
    """Per essential: the current provider's score, the target, the gap between, and candidates.

    A red bar spans each shortfall of the current provider; the text on the right names the
    candidates that reach the target there.
    """
    essentials = evaluation.checklist.essentials
    names = [e.name for e in essentials]
    current = evaluation.current
    closers = gap_closers(evaluation, comparison)
    traces: list[dict[str, Any]] = []
    if current is not None:
        scores = comparison.essential_scores[current.id]
        targets = pd.Series(evaluation.targets)[scores.index]
        short = scores < targets
        xs: list[float | None] = []
        ys: list[str | None] = []
        for essential_id, name in zip(scores.index[short], np.array(names)[short], strict=True):
            xs += [float(scores[essential_id]), float(targets[essential_id]), None]
            ys += [name, name, None]
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                line={"color": _transparent(CURRENT_COLOUR, 0.35), "width": 14},
                name="Gap to target",
                hoverinfo="skip",
            )
        )
    traces.append(
        dict(
            type="scatter",
            x=[evaluation.targets[e.id] for e in essentials],
            y=names,
            mode="markers",
            marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": TARGET_COLOUR}},
            name="Target",
            hovertemplate="%{y}<br>Target: %{x:.1f}<extra></extra>",
        )
    )
    palette = colours(evaluation)
    for provider in evaluation.ordered_providers:
        if provider.current:
            continue
        traces.append(
            dict(
                type="scatter",
                x=comparison.essential_scores[provider.id].tolist(),
                y=names,
                mode="markers",
                marker={"size": 11, "color": palette[provider.id], "opacity": 0.85},
                name=label(provider),
                hovertemplate="%{fullData.name}<br>%{y}: %{x:.2f}<extra></extra>",
            )
        )
    if current is not None:
        traces.append(
            dict(
                type="scatter",
                x=comparison.essential_scores[current.id].tolist(),
                y=names,
                mode="markers",
                marker={
                    "symbol": "diamond",
                    "size": 17,
                    "color": CURRENT_COLOUR,
                    "line": {"width": 1.5, "color": "white"},
                },
                name=label(current),
                hovertemplate="%{fullData.name}<br>%{y}: %{x:.2f}<extra></extra>",
            )
        )
    notes = [
        {
            "x": 0,
            "xref": "x",
            "xanchor": "left",
            "y": name,
            "yshift": 24,
            "text": _closer_text(gap, closing),
            "showarrow": False,
            "align": "left",
            "font": {"size": 12, "color": "#444444"},
        }
        for name, gap, closing in zip(
            closers["essential"], closers["gap"], closers["closers"], strict=True
        )
    ]
    # One Figure call validates everything once; adding traces one by one costs far more.
    return go.Figure(
        data=traces,
        layout=dict(
            annotations=notes,
            xaxis={"range": [0, 5.2], "title": "Score (0–5)", "dtick": 1, "zeroline": False},
            yaxis={"autorange": "reversed", "automargin": True},
            legend={"orientation": "h", "y": -0.25, "x": 0, "xanchor": "left"},
            margin={"l": 10, "r": 20, "t": 30, "b": 40},
            height=160 + 85 * len(essentials),
            font=_FONT,
            hovermode="closest",
        ),
    )


def heatmap(evaluation: Evaluation, comparison: Comparison) -> go.Figure:
    """Every criterion × every provider, coloured by score; '?' is unknown, 'n/a' not relevant."""
    providers = evaluation.ordered_providers
    ids = [p.id for p in providers]
    ratings = comparison.ratings[ids]
    text = np.where(
        comparison.not_applicable[ids].to_numpy(),
        "n/a",
        np.where(
            ratings.isna().to_numpy(),
            "?",
            ratings.to_numpy(dtype=float, na_value=0).astype(int).astype(str),
        ),
    )
    essential_of = {c.id: e.name for e in evaluation.checklist.essentials for c in e.criteria}
    criteria = evaluation.checklist.criteria
    y = [
        [essential_of[c.id] for c in criteria],
        [html.escape(c.name, quote=False) for c in criteria],
    ]
    x = [_wrapped(label(p)) for p in providers]
    figure = go.Figure(
        go.Heatmap(
            z=ratings.to_numpy(dtype=float, na_value=np.nan),
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}" if len(providers) <= 12 else "",
            zmin=0,
            zmax=5,
            colorscale=_SCORE_SCALE,
            xgap=2,
            ygap=2,
            colorbar={
                "title": {"text": "Score"},
                "tickvals": [0, 1, 2, 3, 4, 5],
                "len": min(1.0, 360 / (26 * len(criteria) + 140)),
                "lenmode": "fraction",
                "y": 1,
                "yanchor": "top",
            },
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
        font={**_FONT, "size": 13},
    )
    return figure


def _ordered(evaluation: Evaluation, provider_ids: Sequence[str]) -> list[Provider]:
    wanted = set(provider_ids)
    return [p for p in evaluation.ordered_providers if p.id in wanted]


def _closer_text(gap: float, closers: list[str]) -> str:
    if pd.isna(gap):
        return "<i>current provider not scored</i>"
    if gap <= 0:
        return "on target"
    if not closers:
        return f"short by {gap:.1f} · <b>no candidate reaches the target</b>"
    names = ", ".join(html.escape(_short(n), quote=False) for n in closers[:2])
    more = f" and {len(closers) - 2} more" if len(closers) > 2 else ""
    return f"short by {gap:.1f} · closed by <b>{names}</b>{more}"


def _transparent(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _wrapped(text: str, width: int = 16) -> str:
    """Break a label onto lines of about `width` characters so column labels don't collide."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def exit_timeline(milestones: Sequence[Milestone], today: date) -> go.Figure:
    """The move on one line of dates: notice, overlap, cut-over, access revoked, contract end."""
    rows = [m.label for m in milestones]
    traces: list[dict[str, Any]] = []
    for milestone in milestones:
        if milestone.end is not None:
            traces.append(
                {
                    "type": "scatter",
                    "x": [milestone.start, milestone.end],
                    "y": [milestone.label, milestone.label],
                    "mode": "lines+text",
                    "line": {"color": CANDIDATE_COLOURS[0], "width": 14},
                    "name": milestone.label,
                    "text": [f"{milestone.start:%d %b}", f"{milestone.end:%d %b %Y}"],
                    "textposition": ["middle left", "middle right"],
                    "hovertemplate": "%{y}: %{x|%d %b %Y}<extra></extra>",
                }
            )
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
    days = [today, *(m.start for m in milestones), *(m.end for m in milestones if m.end)]
    span = max((max(days) - min(days)).days, 30)
    layout: dict[str, Any] = {
        "showlegend": False,
        "yaxis": {"autorange": "reversed", "categoryorder": "array", "categoryarray": rows},
        "xaxis": {
            "type": "date",
            "tickformat": "%d %b %Y",
            # Room on the right for the date written beside the last marker.
            "range": [
                min(days) - timedelta(days=span * 0.04),
                max(days) + timedelta(days=span * 0.22),
            ],
        },
        "margin": {"l": 10, "r": 80, "t": 30, "b": 30},
        "height": 120 + 50 * len(rows),
        "font": _FONT,
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


TORNADO_CAP = 1.0
"""Changes beyond ±100 % are drawn at the edge: the leader holds that far at least."""


def tornado(evaluation: Evaluation, tippings: Sequence[Tipping]) -> go.Figure:
    """How far each essential's weight can fall (left) or rise (right) before the leader
    changes; the dashed lines mark ±50 %, the limit for calling the ranking robust."""
    names = {e.id: e.name for e in evaluation.checklist.essentials}
    providers = {p.id: html.escape(p.name, quote=False) for p in evaluation.providers}
    order = sorted(tippings, key=lambda t: min(abs(t.up or 9), abs(t.down or 9)))
    rows = [names[t.essential] for t in order]

    def side(changes: list[float | None], leaders: list[str | None], sign: int) -> dict[str, Any]:
        shown = [
            sign * min(abs(c), TORNADO_CAP) if c is not None else sign * TORNADO_CAP
            for c in changes
        ]
        text = [
            f"{c:+.0%}: {providers[w]} leads" if c is not None and w else "no change"
            for c, w in zip(changes, leaders, strict=True)
        ]
        colours = [
            (CURRENT_COLOUR if abs(c) <= ROBUST_CHANGE else "#E6A100")
            if c is not None
            else "#D9D9D9"
            for c in changes
        ]
        return {
            "type": "bar",
            "orientation": "h",
            "x": shown,
            "y": rows,
            "text": text,
            "textposition": "auto",
            "marker": {"color": colours},
            "name": "weight raised" if sign > 0 else "weight lowered",
            "hovertemplate": "%{y}: %{text}<extra></extra>",
        }

    traces = [
        side([t.down for t in order], [t.down_leader for t in order], -1),
        side([t.up for t in order], [t.up_leader for t in order], 1),
    ]
    lines = [
        {
            "type": "line",
            "x0": x,
            "x1": x,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 1.5},
        }
        for x in (-ROBUST_CHANGE, ROBUST_CHANGE)
    ]
    layout: dict[str, Any] = {
        "barmode": "overlay",
        "showlegend": False,
        "xaxis": {
            "range": [-TORNADO_CAP * 1.05, TORNADO_CAP * 1.05],
            "tickformat": "+.0%",
            "title": "Change in the essential's share of the weight",
            "zeroline": True,
        },
        "yaxis": {"autorange": "reversed", "automargin": True},
        "shapes": lines,
        "margin": {"l": 10, "r": 20, "t": 20, "b": 50},
        "height": 120 + 48 * len(rows),
        "font": _FONT,
    }
    return go.Figure(data=traces, layout=layout)


PART_COLOURS = {
    "fees": "#1F5F8B",
    "termination": CURRENT_COLOUR,
    "overlap": "#E6A100",
    "one-off fees": "#9467BD",
    "own time": "#17BECF",
    "downtime": "#7F7F7F",
}


def cost_stack(options: Sequence[Option], currency: str) -> go.Figure:
    """Each option's total over the horizon, stacked by what it is made of."""
    labels = [html.escape(o.label, quote=False) for o in options]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": part,
            "y": labels,
            "x": [float(o.parts[part]) for o in options],
            "marker": {"color": PART_COLOURS[part]},
            "hovertemplate": f"%{{y}}<br>{part}: %{{x:,.0f}} {currency}<extra></extra>",
        }
        for part in PARTS
        if any(o.parts[part] for o in options)
    ]
    totals = [
        {
            "x": float(o.total),
            "y": label,
            "text": f"{o.total:,.0f}",
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
        "margin": {"l": 10, "r": 80, "t": 20, "b": 40},
        "height": 160 + 60 * len(options),
        "font": _FONT,
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
                "name": html.escape(option.label, quote=False),
                "line": {
                    "color": CURRENT_COLOUR if option.stay else colour,
                    "width": 4 if option.stay else 2.5,
                },
                "hovertemplate": (
                    f"%{{fullData.name}}<br>month %{{x}}: %{{y:,.0f}} {currency}<extra></extra>"
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
                        "textposition": "bottom right",
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
        "font": _FONT,
    }
    return go.Figure(data=traces + markers, layout=layout)


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
        "font": _FONT,
    }
    return go.Figure(data=traces, layout=layout)


def sla_trend(trend: pd.DataFrame) -> go.Figure:
    """Per month, the share of tickets meeting the resolution promise, one line per priority."""
    styles = {"P1": CURRENT_COLOUR, "P2": "#E6A100", "P3": "#1F5F8B"}
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
        "xaxis": {"title": "Month created", "type": "category"},
        "legend": {"orientation": "h", "y": -0.25},
        "margin": {"l": 10, "r": 20, "t": 20, "b": 40},
        "height": 380,
        "font": _FONT,
    }
    return go.Figure(data=traces, layout=layout)
