"""The look every chart and table shares: the palette, the font and how providers are labelled.

The current provider always looks the same: crimson, a thick line or a diamond, and "(current)"
after its name. Candidates get calm, distinct colours; the target is a dashed grey line. Names
reach plotly as text only: HTML-escaped, never inside a hover template.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider

__all__ = [
    "CANDIDATE_COLOURS",
    "CURRENT_COLOUR",
    "CURRENT_TINT",
    "FONT",
    "MET_COLOUR",
    "SCORE_SCALE",
    "TARGET_COLOUR",
    "WARNING_COLOUR",
    "colours",
    "distinct",
    "escaped",
    "label",
    "short",
    "transparent",
    "wrapped",
]

CURRENT_COLOUR = "#B0203A"
CURRENT_TINT = "rgba(176, 32, 58, 0.10)"
"""The background of the current provider's row in a table."""
TARGET_COLOUR = "#555555"
MET_COLOUR = "#2E7D32"
"""Green: a target met."""
WARNING_COLOUR = "#E6A100"
"""Amber: worth a look, not yet a problem."""
CANDIDATE_COLOURS = (
    "#1F77B4",
    "#2CA02C",
    "#9467BD",
    "#17BECF",
    WARNING_COLOUR,
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#393B79",
)
FONT: dict[str, Any] = {"family": "Source Sans Pro, Arial, sans-serif", "size": 14}
SCORE_SCALE = [
    [0.0, "#C62828"],
    [0.4, "#F4A259"],
    [0.6, "#F2E394"],
    [1.0, MET_COLOUR],
]
"""Red for 0 through amber to green for 5."""


def escaped(value: str) -> str:
    """User text made safe for a chart: plotly renders a few HTML tags, so escape them."""
    return html.escape(value, quote=False)


def label(provider: Provider) -> str:
    """A provider's name as a chart shows it: text only, '(current)' for the current one."""
    name = escaped(provider.name)
    return f"{name} (current)" if provider.current else name


def colours(evaluation: Evaluation) -> dict[str, str]:
    """One colour per provider id, stable across charts: crimson for the current provider."""
    candidates = [p for p in evaluation.ordered_providers if not p.current]
    palette = {
        p.id: CANDIDATE_COLOURS[i % len(CANDIDATE_COLOURS)] for i, p in enumerate(candidates)
    }
    if evaluation.current:
        palette[evaluation.current.id] = CURRENT_COLOUR
    return palette


def transparent(colour: str, alpha: float) -> str:
    """A '#RRGGBB' colour see-through by `alpha` (0 invisible, 1 solid)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def wrapped(value: str, width: int = 16) -> str:
    """Break a label onto lines of about `width` characters so column labels don't collide."""
    lines: list[str] = []
    for word in value.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def distinct(labels: Sequence[str], taken: Iterable[str] = (), mark: str = " ({})") -> list[str]:
    """The labels made distinct, in order: a repeat, or one of `taken` (a table's other
    columns, a chart's other lines), gets `mark` with its number (' (2)', ' (3)'…), so no
    column or legend entry ever stands for two things (names come from users and files)."""
    used = set(taken)
    result = []
    for text in labels:
        shown, number = text, 1
        while shown in used:
            number += 1
            shown = text + mark.format(number)
        used.add(shown)
        result.append(shown)
    return result


def short(name: str, limit: int = 24) -> str:
    """A long name cut to `limit` characters with an ellipsis, for tight places in a chart."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
