"""Numbers, money and dates as people read them, and the one rounding rule every file shares."""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "days_left",
    "figure",
    "figure_number",
    "long_date",
    "money",
    "percent",
    "plural",
    "rounded",
    "score_text",
]

# Scores are computed in binary floating point, where 62.25 may come out as 62.24999999999999.
# Every figure is first snapped to this many decimals, then rounded half away from zero, so a
# figure that is half-way on paper rounds as written (62.25 → 62.3, 4.125 → 4.13).
SNAP_DECIMALS = 9


def money(amount: Decimal, currency: str) -> str:
    """An amount as a person reads it: 'USD 1,450.00' (to the cent by the one rounding rule)."""
    return f"{currency} {figure(amount, 2) or Decimal(0):,.2f}"


def long_date(day: date) -> str:
    """A date as people write it in a letter: 1 December 2026."""
    return f"{day.day} {day:%B %Y}"


def days_left(days: int | None) -> str:
    """How long until a deadline: '12 days left', 'today is the last day', or ''."""
    if days is None:
        return ""
    if days == 0:
        return "today is the last day"
    return f"{plural(days, 'day')} left"


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count with its noun: '1 day', '3 days' (or `many` where the plural is irregular)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def score_text(score: float, decimals: int = 2) -> str:
    """An essential score as people read it and the CSV writes it: '3.25', or 'not scored'."""
    return rounded(score, decimals) or "not scored"


def figure(value: float | int | Decimal | None, decimals: int) -> Decimal | None:
    """The one rounding rule of every figure on screen and in every file: snapped to
    `SNAP_DECIMALS`, then rounded half away from zero to `decimals` (None for a missing value)."""
    if value is None or (not isinstance(value, Decimal) and math.isnan(value)):
        return None
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    snapped = exact.quantize(Decimal(1).scaleb(-SNAP_DECIMALS), rounding=ROUND_HALF_UP)
    return snapped.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def figure_number(value: float | int | Decimal | None, decimals: int) -> float:
    """A figure rounded by `figure` and kept a number, for a table that sorts it (NaN when
    missing): the digits the files write."""
    number = figure(value, decimals)
    return float("nan") if number is None else float(number)


def rounded(value: float | int | Decimal | None, decimals: int) -> str:
    """A figure as text, rounded by `figure`, without trailing zeros ('' for a missing value)."""
    number = figure(value, decimals)
    if number is None:
        return ""
    text = format(number, "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def percent(value: float | None) -> str:
    """A share already in percent as people read it: '47%' ('' for a missing value)."""
    text = rounded(value, 0)
    return f"{text}%" if text else ""
