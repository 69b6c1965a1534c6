"""The business-hours clock: working days, public holidays, time zones (summer time too),
tickets opened outside working hours, and promises measured on the clock they were made on."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from itexit.service import ServiceLevels, delivered
from itexit.service.clock import business_hours_between, due_after
from itexit.service.models import BusinessHours

LONDON = BusinessHours(time_zone="Europe/London")
ENGLAND = BusinessHours(time_zone="Europe/London", country="GB", region="ENG")


def moments(*local: str, zone: str = "Europe/London") -> pd.Series:
    """Local wall-clock times of a time zone, as the tickets hold them (UTC)."""
    return pd.Series(pd.to_datetime(list(local)).tz_localize(zone).tz_convert("UTC"))


def local(series: pd.Series, zone: str = "Europe/London") -> list[str]:
    return [f"{m:%a %d %b %H:%M}" for m in series.dt.tz_convert(zone)]


def test_four_business_hours_from_friday_half_past_four_fall_due_on_monday_half_past_twelve() -> (
    None
):
    # Half an hour on Friday (16:30 to 17:00), three and a half on Monday (9:00 to 12:30).
    assert local(due_after(moments("2026-11-27 16:30"), 4, LONDON)) == ["Mon 30 Nov 12:30"]


def test_a_public_holiday_on_the_monday_moves_the_deadline_to_tuesday() -> None:
    # 31 August 2026 is the Summer bank holiday in England.
    assert local(due_after(moments("2026-08-28 16:30"), 4, ENGLAND)) == ["Tue 01 Sep 12:30"]
    assert local(due_after(moments("2026-08-28 16:30"), 4, LONDON)) == ["Mon 31 Aug 12:30"]


def test_a_promise_running_out_at_the_end_of_a_day_falls_due_then() -> None:
    assert local(due_after(moments("2026-11-30 09:00"), 8, LONDON)) == ["Mon 30 Nov 17:00"]


@pytest.mark.parametrize(
    ("opened", "answered", "hours"),
    [
        ("2026-11-30 10:00", "2026-11-30 11:30", 1.5),  # within one working day
        ("2026-11-27 16:30", "2026-11-30 10:00", 1.5),  # over a weekend
        ("2026-11-28 10:00", "2026-11-30 10:00", 1.0),  # opened on a Saturday
        ("2026-11-30 07:00", "2026-11-30 09:30", 0.5),  # opened before the day starts
        ("2026-11-30 18:00", "2026-12-01 09:15", 0.25),  # opened after the day ends
        ("2026-11-30 18:00", "2026-11-30 23:00", 0.0),  # all of it outside working hours
        ("2026-11-23 09:00", "2026-11-30 09:00", 40.0),  # a whole working week
    ],
)
def test_working_hours_between_two_moments(opened: str, answered: str, hours: float) -> None:
    assert business_hours_between(moments(opened), moments(answered), LONDON) == [hours]


def test_a_public_holiday_is_not_a_working_day() -> None:
    opened, answered = moments("2026-08-28 16:00"), moments("2026-09-01 10:00")
    assert business_hours_between(opened, answered, LONDON) == [1 + 8 + 1]
    assert business_hours_between(opened, answered, ENGLAND) == [1 + 1]


def test_working_hours_are_counted_on_the_local_clock_across_a_change_to_summer_time() -> None:
    # London moves to summer time on Sunday 29 March 2026: 16:00 on Friday is 16:00 UTC,
    # 10:00 on Monday is 09:00 UTC. On the local clock: an hour on Friday, an hour on Monday.
    opened, answered = moments("2026-03-27 16:00"), moments("2026-03-30 10:00")
    assert business_hours_between(opened, answered, LONDON) == [2.0]
    utc = BusinessHours(time_zone="UTC")
    assert business_hours_between(opened, answered, utc) == [1.0]  # what a UTC clock says


def test_the_business_s_time_zone_decides_when_its_day_starts() -> None:
    new_york = BusinessHours(time_zone="America/New_York")
    opened, answered = (
        moments("2026-11-30 13:00", zone="UTC"),
        moments("2026-11-30 15:00", zone="UTC"),
    )
    # 8:00 to 10:00 in New York: the day starts at 9:00 there.
    assert business_hours_between(opened, answered, new_york) == [1.0]


def test_working_days_and_hours_are_the_business_s_own() -> None:
    six_days = BusinessHours(days=(0, 1, 2, 3, 4, 5), start=time(8), end=time(12, 30))
    opened, answered = (
        moments("2026-11-27 12:00", zone="UTC"),
        moments("2026-11-30 09:00", zone="UTC"),
    )
    assert business_hours_between(opened, answered, six_days) == [0.5 + 4.5 + 1]


def test_a_ticket_not_yet_answered_has_no_working_hours() -> None:
    opened = moments("2026-11-30 10:00", "2026-11-30 10:00")
    answered = pd.Series([pd.Timestamp("2026-11-30 11:00", tz="Europe/London"), pd.NaT])
    hours = business_hours_between(opened, answered.dt.tz_convert("UTC"), LONDON)
    assert hours[0] == 1.0 and pd.isna(hours[1])


@pytest.mark.parametrize("hours", [0.25, 4, 8, 9, 40, 100])
def test_the_deadline_is_exactly_the_promised_working_hours_away(hours: float) -> None:
    opened = moments("2026-08-27 16:30", "2026-08-29 12:00", "2026-08-31 07:00", "2026-12-24 16:59")
    due = due_after(opened, hours, ENGLAND)
    assert list(business_hours_between(opened, due, ENGLAND)) == pytest.approx([hours] * 4)


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        ({"time_zone": "Europe/Londres"}, "not a time zone"),
        ({"start": time(17), "end": time(9)}, "must end after it starts"),
        ({"days": ()}, "at least one working day"),
        ({"country": "XX"}, "not a country"),
        ({"country": "GB", "region": "XYZ"}, "not a region of GB"),
    ],
)
def test_a_working_week_that_cannot_be_is_refused_saying_why(
    settings: dict[str, object], problem: str
) -> None:
    with pytest.raises(ValidationError, match=problem):
        BusinessHours.model_validate(settings)


def test_promises_stored_before_clocks_existed_read_as_24_7() -> None:
    old = ServiceLevels.model_validate({"response_hours": {"P1": 4}, "credits": ""})
    assert old.clock("P1") == "24/7"
    assert old.business_hours == BusinessHours()


def test_a_promise_in_business_hours_is_measured_in_working_hours() -> None:
    tickets = pd.DataFrame(
        {
            "created": moments("2026-11-27 16:30", zone="UTC"),
            "priority": pd.Categorical(["P1"], categories=["P1", "P2", "P3"]),
            "response_hours": [0.25],
            "resolution_hours": [
                (
                    pd.Timestamp("2026-11-30 12:00") - pd.Timestamp("2026-11-27 16:30")
                ).total_seconds()
                / 3600
            ],
            "open": [False],
            "month": ["2026-11"],
        }
    )
    promised = ServiceLevels(resolution_hours={"P1": 4})
    around_the_clock = delivered(tickets, promised).loc["P1"]
    assert around_the_clock["resolution met %"] == 0  # 67.5 hours
    in_business_hours = promised.model_copy(
        update={"clocks": {"P1": "business hours"}, "business_hours": BusinessHours()}
    )
    measured = delivered(tickets, in_business_hours).loc["P1"]
    assert measured["resolution met %"] == 100  # half an hour on Friday, three on Monday
    assert measured["resolution median h"] == 3.5
    assert measured["clock"] == "business hours"


def _by_hand(opened: datetime, answered: datetime, week: BusinessHours) -> float:
    """Working hours counted day by day on the local clock: the rule as a person applies it."""
    zone = ZoneInfo(week.time_zone)
    first, last = opened.astimezone(zone), answered.astimezone(zone)
    free = (
        set(holidays.country_holidays(week.country, subdiv=week.region, years=range(2024, 2029)))
        if week.country
        else set()
    )
    total, day = 0.0, first.date()
    while day <= last.date():
        if day.weekday() in week.days and day not in free:
            begin = max(first.replace(tzinfo=None), datetime.combine(day, week.start))
            end = min(last.replace(tzinfo=None), datetime.combine(day, week.end))
            total += max((end - begin).total_seconds(), 0) / 3600
        day += timedelta(days=1)
    return total


@settings(max_examples=60, deadline=None)
@given(
    opened=st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 1), timezones=st.just(UTC)),
    minutes=st.integers(0, 60 * 24 * 20),
    zone=st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney", "UTC"]),
    country=st.sampled_from([None, "GB", "US"]),
)
def test_the_vectorised_clock_agrees_with_counting_day_by_day(
    opened: datetime, minutes: int, zone: str, country: str | None
) -> None:
    week = BusinessHours(time_zone=zone, start=time(8, 30), end=time(17), country=country)
    answered = opened + timedelta(minutes=minutes)
    counted = business_hours_between(
        pd.Series([pd.Timestamp(opened)]), pd.Series([pd.Timestamp(answered)]), week
    )
    assert counted[0] == pytest.approx(_by_hand(opened, answered, week), abs=1e-6)
