"""The decision's chart: how far each essential's weight can move before the leader changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from itexit.decide.sensitivity import ROBUST_CHANGE, Tipping
from itexit.style import CURRENT_COLOUR, FONT, TARGET_COLOUR, WARNING_COLOUR, escaped

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = ["TORNADO_CAP", "tornado"]


TORNADO_CAP = 1.0
"""Changes beyond ±100 % are drawn at the edge: the leader holds that far at least."""


def tornado(evaluation: Evaluation, tippings: Sequence[Tipping]) -> go.Figure:
    """How far each essential's weight can fall (left) or rise (right) before the leader
    changes; the dashed lines mark ±50 %, the limit for calling the ranking robust."""
    names = {e.id: escaped(e.name) for e in evaluation.checklist.essentials}
    providers = {p.id: escaped(p.name) for p in evaluation.providers}
    order = sorted(tippings, key=lambda t: min(abs(t.up or 9), abs(t.down or 9)))
    rows = [names[t.essential] for t in order]
    traces = [
        _side(rows, [(t.down, t.down_leader) for t in order], providers, -1),
        _side(rows, [(t.up, t.up_leader) for t in order], providers, 1),
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
        "font": FONT,
    }
    return go.Figure(data=traces, layout=layout)


def _side(
    rows: list[str],
    moves: list[tuple[float | None, str | None]],
    providers: dict[str, str],
    sign: int,
) -> dict[str, Any]:
    """The bars of one side: each essential's change (capped) and who leads after it."""
    changes = [c for c, _ in moves]
    return {
        "type": "bar",
        "orientation": "h",
        "x": [
            sign * min(abs(c), TORNADO_CAP) if c is not None else sign * TORNADO_CAP
            for c in changes
        ],
        "y": rows,
        "text": [
            f"{c:+.0%}: {providers[w]} leads" if c is not None and w else "no change"
            for c, w in moves
        ],
        "textposition": "auto",
        "marker": {
            "color": [
                (CURRENT_COLOUR if abs(c) <= ROBUST_CHANGE else WARNING_COLOUR)
                if c is not None
                else "#D9D9D9"
                for c in changes
            ]
        },
        "name": "weight raised" if sign > 0 else "weight lowered",
        "hovertemplate": "%{y}: %{text}<extra></extra>",
    }
