"""Expected downtime in hours a year, where each figure comes from, and whether downtime can be
counted in the totals at all.

The rules (documented in docs/cost.md):

- A promise of U % uptime leaves (100 - U) % of the 8,760 hours of a year: 99.9 % is 8.76 hours.
- For the current provider, the downtime in its incident log over the last 12 months counts
  instead where it is more. The hours are added exactly as typed (as decimals, never floats).
- A candidate without an uptime promise has unknown downtime. It is never taken as zero: it is
  assumed to match the current provider's promise, which the page says. Where that promise is
  unknown too, or the business chose so, downtime is left out of every total, never of one side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider

__all__ = [
    "HOURS_PER_YEAR",
    "Downtime",
    "downtime_counted",
    "downtime_hours_per_year",
    "expected_downtime",
    "logged_hours",
    "promised_hours",
]

HOURS_PER_YEAR = Decimal(8760)

Source = Literal["promise", "incident log", "assumed", "unknown"]


@dataclass(frozen=True)
class Downtime:
    """A provider's expected downtime a year, and where the figure comes from."""

    hours: Decimal | None
    """Hours a year; None when unknown."""
    source: Source
    uptime: Decimal | None = None
    """The uptime promise the hours come from (the current provider's, when assumed)."""


def promised_hours(provider: Provider) -> Decimal | None:
    """The hours a year the provider's uptime promise leaves; None without a promise."""
    if provider.service is None or provider.service.uptime is None:
        return None
    return (100 - provider.service.uptime) / 100 * HOURS_PER_YEAR


def logged_hours(evaluation: Evaluation, today: date) -> Decimal | None:
    """The downtime in the incident log over the last 12 months, added exactly; None if the
    log holds no incident in that time."""
    since = today - timedelta(days=365)
    logged = [i.downtime_hours for i in evaluation.exit.incidents if i.day >= since]
    # Each entry is the shortest decimal that reads back as the number typed (repr), so the
    # sum is the sum of what the user typed: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
    return sum((Decimal(repr(h)) for h in logged), Decimal(0)) if logged else None


def downtime_hours_per_year(
    evaluation: Evaluation, provider: Provider, today: date
) -> Decimal | None:
    """Expected hours of downtime a year, as known: the uptime promise, or for the current
    provider the incident log of the last 12 months where it shows more. None: unknown."""
    return expected_downtime(evaluation, provider, today, assume=False).hours


def expected_downtime(
    evaluation: Evaluation, provider: Provider, today: date, *, assume: bool = True
) -> Downtime:
    """A provider's expected downtime and its source; a candidate without a promise is assumed
    to match the current provider's promise (unless `assume` is False)."""
    uptime = provider.service.uptime if provider.service else None
    promised = promised_hours(provider)
    if provider.current:
        logged = logged_hours(evaluation, today)
        if logged is not None and (promised is None or logged > promised):
            return Downtime(logged, "incident log", uptime)
    if promised is not None:
        return Downtime(promised, "promise", uptime)
    current = evaluation.current
    if assume and not provider.current and current is not None:
        assumed = promised_hours(current)
        if assumed is not None:
            return Downtime(assumed, "assumed", current.service.uptime if current.service else None)
    return Downtime(None, "unknown")


def downtime_counted(evaluation: Evaluation, providers: list[Provider], today: date) -> bool:
    """Whether downtime enters the totals: the business counts it and every provider compared
    (the current one included) has a known or assumed figure."""
    if evaluation.business.downtime == "left out":
        return False
    involved = [*providers, *([evaluation.current] if evaluation.current else [])]
    return all(expected_downtime(evaluation, p, today).hours is not None for p in involved)
