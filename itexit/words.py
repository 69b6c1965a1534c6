"""Numbers, money and dates as people read them, and the one rounding rule every file shares."""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["days_left", "long_date", "money", "plural", "rounded", "score_text"]


def money(amount: Decimal, currency: str) -> str:
    """An amount as a person reads it: 'USD 1,450.00'."""
    return f"{currency} {amount:,.2f}"


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


def score_text(score: float) -> str:
    """An essential score as people read it: '3.2', or 'not scored'."""
    return "not scored" if math.isnan(score) else f"{score:.1f}"


def rounded(value: float | int | None, decimals: int) -> str:
    """A number rounded half away from zero, without trailing zeros ('' for a missing value)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
