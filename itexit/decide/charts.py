"""The decision's chart: how far each essential's weight can move before the leader changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from itexit.decide.sensitivity import ROBUST_CHANGE, Tipping
from itexit.style import CURRENT_COLOUR, FONT, TARGET_COLOUR, WARNING_COLOUR, escaped

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = ["TORNADO_CAPTION", "TORNADO_MIN_RANGE", "tornado", "tornado_range"]


TORNADO_MIN_RANGE = 1.0
"""The axis shows at least ±100 %, and wider where a bar is longer: it always covers the bars.
A weight whose change never changes the leader is drawn grey, out to the edge."""

TORNADO_CAPTION = (
    "Each bar shows how far one essential's share of the weight can fall (left) or rise "
    "(right), the others keeping their proportions, before another provider comes first. "
    f"Crimson bars change the leader within ±{ROBUST_CHANGE:.0%} (the dashed lines); amber bars "
    f"only beyond ±{ROBUST_CHANGE:.0%}; grey bars never change it."
)
"""The caption under the chart: its colours, as `_side` draws them."""


def tornado_range(tippings: Sequence[Tipping]) -> float:
    """Half the axis width: ±100 %, or the longest bar (plus a margin) where that is longer."""
    changes = [abs(c) for t in tippings for c in (t.up, t.down) if c is not None]
    return max([TORNADO_MIN_RANGE, *changes]) * 1.05


def tornado(evaluation: Evaluation, tippings: Sequence[Tipping]) -> go.Figure:
    """How far each essential's weight can fall (left) or rise (right) before the leader
    changes; the dashed lines mark ±50 %, the limit for calling the ranking robust."""
    names = {e.id: escaped(e.name) for e in evaluation.checklist.essentials}
    providers = {p.id: escaped(p.name) for p in evaluation.providers}
    order = sorted(tippings, key=lambda t: min(abs(t.up or 9), abs(t.down or 9)))
    rows = [names[t.essential] for t in order]
    edge = tornado_range(tippings)
    traces = [
        _side(rows, [(t.down, t.down_leader) for t in order], providers, -1, edge),
        _side(rows, [(t.up, t.up_leader) for t in order], providers, 1, edge),
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
            "range": [-edge, edge],
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
    edge: float,
) -> dict[str, Any]:
    """The bars of one side: each essential's change and who leads after it; a change that
    never comes is drawn grey out to the `edge`."""
    changes = [c for c, _ in moves]
    return {
        "type": "bar",
        "orientation": "h",
        "x": [sign * abs(c) if c is not None else sign * edge for c in changes],
        "y": rows,
        "text": [
            f"{c:+.0%}: {providers[w]} leads" if c is not None and w else "no change"
            for c, w in moves
        ],
        "textposition": "inside",
        "insidetextanchor": "middle",
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
