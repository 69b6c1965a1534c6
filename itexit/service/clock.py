"""The business-hours clock: how many working hours lie between two moments, and when a number
of working hours after a moment falls, for many tickets at once.

A working day runs from `start` to `end` in the business's time zone on its working days, less
the public holidays of its country (and region). Moments are converted to the business's local
time first (so a change to or from summer time moves nothing: 9 to 17 is 8 working hours either
way), then each moment is given its working-hour count since a fixed day: the working days
before it (numpy's `busday_count`, with the weekdays and holidays) times the hours of a day,
plus the working hours already passed on its own day. The hours between two moments are the
difference of their counts. Everything is vectorised: a million tickets take a fraction of a
second (docs/performance.md).
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from itexit.service.models import BusinessHours

__all__ = ["business_hours_between", "due_after"]


def business_hours_between(
    start: pd.Series | np.ndarray, end: pd.Series | np.ndarray, hours: BusinessHours
) -> np.ndarray:
    """Working hours from each `start` to its `end` (time zone aware, or numpy time stamps in
    UTC); NaN where either is missing. A moment outside working hours counts from the next
    working hour."""
    begins, ends = _utc(start), _utc(end)
    known = ~(np.isnat(begins) | np.isnat(ends))
    result = np.full(len(begins), np.nan)
    if not known.any():
        return result
    rows = np.flatnonzero(known)
    calendar = _Calendar.of(hours, begins[rows].min(), ends[rows].max())
    for first in range(0, len(rows), _CHUNK):  # a chunk at a time: few megabytes in flight
        chunk = rows[first : first + _CHUNK]
        result[chunk] = calendar.count(ends[chunk]) - calendar.count(begins[chunk])
    return result


_CHUNK = 131_072


def _utc(moments: pd.Series | np.ndarray) -> np.ndarray:
    """Time stamps as numpy's, in UTC without a zone (a view where the moments are already)."""
    stamps: np.ndarray = (
        moments if isinstance(moments, np.ndarray) else moments.dt.tz_convert("UTC").array._ndarray
    )
    return stamps.astype("datetime64[us]", copy=False)


def due_after(start: pd.Series, working_hours: float, hours: BusinessHours) -> pd.Series:
    """The moment (UTC) `working_hours` of business hours after each `start`: when a promise in
    business hours falls due. A promise that runs out exactly at the end of a working day falls
    due then, not at the next day's start."""
    begins = _utc(start)
    calendar = _Calendar.of(hours, begins.min(), begins.max() + np.timedelta64(400, "D"))
    target = calendar.count(begins) + working_hours
    length = calendar.day_hours
    days = np.ceil(target / length) - 1  # the working day, counted from the origin, it ends on
    left = target - days * length
    day = np.busday_offset(
        calendar.origin, days.astype(np.int64), roll="forward", busdaycal=calendar.week
    )
    local = pd.Series(day.astype("datetime64[us]")) + pd.to_timedelta(
        calendar.first_hour + left, unit="h"
    )
    zoned = local.dt.tz_localize(hours.time_zone, ambiguous="NaT", nonexistent="shift_forward")
    due: pd.Series = zoned.dt.tz_convert("UTC").set_axis(start.index)
    return due


class _Calendar:
    """The working week of a business over the years some moments span."""

    def __init__(self, hours: BusinessHours, years: range, origin: np.datetime64) -> None:
        self.hours = hours
        self.origin = origin
        self.first_hour = hours.start.hour + hours.start.minute / 60
        self.day_hours = hours.end.hour + hours.end.minute / 60 - self.first_hour
        mask = "".join("1" if d in hours.days else "0" for d in range(7))
        self.week = np.busdaycalendar(weekmask=mask, holidays=_holidays(hours, years))

    @classmethod
    def of(
        cls, hours: BusinessHours, first_utc: np.datetime64, last_utc: np.datetime64
    ) -> _Calendar:
        """The calendar for moments from `first_utc` to `last_utc`."""
        first = pd.Timestamp(first_utc, tz="UTC").tz_convert(hours.time_zone)
        last = pd.Timestamp(last_utc, tz="UTC").tz_convert(hours.time_zone)
        origin = np.datetime64(first.date() - timedelta(days=7), "D")
        return cls(hours, range(first.year - 1, last.year + 2), origin)

    def count(self, moments: np.ndarray) -> np.ndarray:
        """Each moment's (numpy, UTC) working hours since the origin."""
        zoned = pd.DatetimeIndex(moments).tz_localize("UTC").tz_convert(self.hours.time_zone)
        stamps = zoned.tz_localize(None).to_numpy("datetime64[us]")
        days = stamps.astype("datetime64[D]")
        clock = (stamps - days).astype("timedelta64[us]").astype(np.float64) / 3.6e9
        whole = np.busday_count(self.origin, days, busdaycal=self.week).astype(np.float64)
        today = np.clip(clock - self.first_hour, 0, self.day_hours)
        working = np.is_busday(days, busdaycal=self.week)
        counted: np.ndarray = whole * self.day_hours + np.where(working, today, 0.0)
        return counted


def _holidays(hours: BusinessHours, years: range) -> np.ndarray:
    """The public holidays of the business's country (and region) over some years."""
    if hours.country is None:
        return np.array([], dtype="datetime64[D]")
    import holidays  # imported when needed: its country tables take a moment to load

    days = holidays.country_holidays(hours.country, subdiv=hours.region, years=years)
    return np.array(sorted(days), dtype="datetime64[D]")
