"""What the current provider delivered against what it promised, per priority and per month.

A priority whose promises are in business hours is measured on the business-hours clock
(`itexit.service.clock`): its tickets' hours to respond and to resolve are the working hours
between the moments, and its medians and percentiles are in working hours too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from itexit.service.clock import business_hours_between
from itexit.service.models import ServiceLevels
from itexit.types import PRIORITIES, Priority

__all__ = ["Hours", "delivered", "measured", "measured_hours", "monthly_trend"]


def measured_hours(tickets: pd.DataFrame, column: str, promised: ServiceLevels) -> np.ndarray:
    """Each ticket's hours to respond or resolve (`column`) on its priority's clock: elapsed
    hours for a 24/7 promise, working hours for a promise in business hours."""
    hours = tickets[column].to_numpy(float)
    business = [p for p in PRIORITIES if promised.clock(p) == "business hours"]
    rows = tickets["priority"].isin(business).to_numpy() & ~np.isnan(hours)
    if not rows.any():
        return hours
    created = tickets["created"].array._ndarray  # the UTC time stamps themselves, no copy
    counted = hours.copy()
    for first in range(0, len(hours), _CHUNK):  # a chunk at a time: few megabytes in flight
        chosen = first + np.flatnonzero(rows[first : first + _CHUNK])
        start = created[chosen].astype("datetime64[us]")
        end = start + (hours[chosen] * 3.6e9).round().astype("timedelta64[us]")
        counted[chosen] = business_hours_between(start, end, promised.business_hours)
    return counted


_CHUNK = 131_072

Hours = Mapping[str, np.ndarray]
"""Each ticket's hours to respond and to resolve on its priority's clock (`measured`)."""


def measured(tickets: pd.DataFrame, promised: ServiceLevels | None) -> Hours:
    """Each ticket's hours to respond and to resolve on its priority's clock: computed once,
    for both `delivered` and `monthly_trend`."""
    promised = promised or ServiceLevels()
    return {c: measured_hours(tickets, c, promised) for c in ("response_hours", "resolution_hours")}


def delivered(
    tickets: pd.DataFrame, promised: ServiceLevels | None, hours: Hours | None = None
) -> pd.DataFrame:
    """Per priority: tickets, still open, share meeting the response and resolution promises,
    median and 90th-percentile hours (on each priority's clock), beside the promises."""
    promised = promised or ServiceLevels()
    codes = _codes(tickets["priority"], list(PRIORITIES))
    table = pd.DataFrame(
        {
            "tickets": np.bincount(codes[codes >= 0], minlength=len(PRIORITIES)),
            "open": np.bincount(codes[tickets["open"].to_numpy(bool) & (codes >= 0)], minlength=3),
        },
        index=pd.Index(list(PRIORITIES), name="priority"),
    )
    hours_of = hours if hours is not None else measured(tickets, promised)
    for field, column in (("response", "response_hours"), ("resolution", "resolution_hours")):
        spent = hours_of[column]
        middle, high = zip(*(_quantiles(spent[codes == k]) for k in range(3)), strict=True)
        table[f"{field} median h"], table[f"{field} p90 h"] = middle, high
    table["clock"] = [promised.clock(p) for p in PRIORITIES]
    table["response promised h"] = [promised.response_hours.get(p) for p in PRIORITIES]
    table["resolution promised h"] = [promised.resolution_hours.get(p) for p in PRIORITIES]
    for field, column, promises in (
        ("response", "response_hours", promised.response_hours),
        ("resolution", "resolution_hours", promised.resolution_hours),
    ):
        met, counted = _met_flags(hours_of[column], codes, promises)
        table[f"{field} met %"] = _share(codes, met, counted, len(PRIORITIES))
    return table


def _codes(column: pd.Series, categories: list[str]) -> np.ndarray:
    """Each row's position among `categories` (-1 for none), from a categorical column as
    the tickets hold it, or any other."""
    return np.asarray(pd.Categorical(column, categories=categories).codes, dtype=np.int64)


def _quantiles(hours: np.ndarray) -> tuple[float, float]:
    """The median and the 90th percentile of the hours known (NaN if none)."""
    known = hours[~np.isnan(hours)]
    if not len(known):
        return math.nan, math.nan
    middle, high = np.quantile(known, [0.5, 0.9])
    return float(middle), float(high)


def _met_flags(
    hours: np.ndarray, codes: np.ndarray, promises: dict[Priority, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Per ticket: whether its hours met the promise, and whether they could be measured
    against one."""
    limits = np.array([promises.get(p, math.nan) for p in PRIORITIES] + [math.nan])
    limit = limits[codes]  # codes of -1 take the last: no promise
    measured = ~np.isnan(hours) & ~np.isnan(limit)
    return (hours <= limit) & measured, measured


def _share(codes: np.ndarray, met: np.ndarray, measured: np.ndarray, groups: int) -> np.ndarray:
    """Per group, the share of the measured tickets that met the promise, in percent (NaN
    where none was measured)."""
    hits = np.bincount(codes[met], minlength=groups)[:groups].astype(float)
    counted = np.bincount(codes[measured], minlength=groups)[:groups].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counted > 0, 100 * hits / counted, np.nan)


def monthly_trend(
    tickets: pd.DataFrame, promised: ServiceLevels | None, hours: Hours | None = None
) -> pd.DataFrame:
    """Per month and priority: the tickets, and the share meeting the response and resolution
    promises in percent (NaN where there is no promise or nothing to measure)."""
    promised = promised or ServiceLevels()
    hours_of = hours if hours is not None else measured(tickets, promised)
    codes = _codes(tickets["priority"], list(PRIORITIES))
    months = pd.Categorical(tickets["month"])
    months = months.reorder_categories(sorted(months.categories))
    # One group per month and priority, numbered month by month, priority by priority.
    groups = np.where(codes >= 0, np.asarray(months.codes) * len(PRIORITIES) + codes, -1)
    count = len(months.categories) * len(PRIORITIES)
    trend = pd.DataFrame(
        {
            "month": np.repeat(np.asarray(months.categories, dtype=object), len(PRIORITIES)),
            "priority": list(PRIORITIES) * len(months.categories),
            "tickets": np.bincount(groups[groups >= 0], minlength=count)[:count],
        }
    )
    for field, column, promises in (
        ("response", "response_hours", promised.response_hours),
        ("resolution", "resolution_hours", promised.resolution_hours),
    ):
        met, counted = _met_flags(hours_of[column], codes, promises)
        known = groups >= 0
        trend[f"{field} met %"] = _share(groups, met & known, counted & known, count)
    return trend[trend["tickets"] > 0].reset_index(drop=True)
