"""Ticket exports: the column guesser, every accepted shape, bad rows and files, and the SLA
figures checked against a small file computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from itexit.input import InvalidInput
from itexit.service import (
    ServiceLevels,
    TicketColumns,
    delivered,
    guess_mapping,
    monthly_trend,
    normalise,
    normalise_priorities,
    read_export,
    tickets_from_bytes,
    tickets_to_bytes,
)

PROMISED = ServiceLevels(
    response_hours={"P1": 1, "P2": 4, "P3": 8},
    resolution_hours={"P1": 8, "P2": 24, "P3": 72},
)

# Six usable tickets and three bad rows, worked out by hand below.
SMALL = b"""Ticket,Created at,First response at,Solved at,Priority,Status
1,2026-09-01 09:00,2026-09-01 09:30,2026-09-01 12:00,Urgent,Closed
2,2026-09-02 10:00,2026-09-02 14:00,2026-09-04 10:00,Urgent,Closed
3,2026-09-03 08:00,2026-09-03 08:20,,High,Open
4,2026-10-01 08:00+02:00,2026-10-01 09:00+02:00,2026-10-01 10:00+02:00,Low,Closed
5,not a date,2026-10-01 09:00,2026-10-01 10:00,Low,Closed
6,2026-10-05 08:00,2026-10-05 07:00,2026-10-05 10:00,Normal,Closed
7,2026-10-06 08:00,2026-10-06 09:00,2026-10-06 10:00,Whenever,Closed
8,2026-10-07 08:00,2026-10-07 18:00,2026-10-12 08:00,Normal,Closed
9,2026-10-08 08:00,2026-10-08 08:05,2026-10-08 09:00,High,Resolved
"""


def small() -> pd.DataFrame:
    frame = read_export(SMALL)
    mapping = TicketColumns(
        created="Created at",
        first_response="First response at",
        resolved="Solved at",
        priority="Priority",
        status="Status",
    )
    return normalise(frame, mapping).frame


def test_bad_rows_are_skipped_and_reported_with_their_row_numbers() -> None:
    frame = read_export(SMALL)
    tickets = normalise(frame, TicketColumns(**guess_mapping(list(frame.columns))))  # type: ignore[arg-type]
    assert (len(tickets.frame), tickets.skipped) == (6, 3)
    assert [p.sentence() for p in tickets.problems] == [
        "1 row with no creation date that can be read (row 6)",
        "1 row with a priority that is not recognised (row 8)",
        "1 row with a first response before the ticket was created (row 7)",
    ]


def test_promised_against_delivered_per_priority_computed_by_hand() -> None:
    table = delivered(small(), PROMISED)
    # P1: tickets 1 and 2: responses 0.5 h and 4 h (promise 1 h: 1 of 2 met), resolutions
    # 3 h and 48 h (promise 8 h: 1 of 2 met); medians 2.25 h and 25.5 h.
    p1 = table.loc["P1"]
    assert (p1["tickets"], p1["open"]) == (2, 0)
    assert (p1["response met %"], p1["resolution met %"]) == (50, 50)
    assert (p1["response median h"], p1["resolution median h"]) == (2.25, 25.5)
    assert p1["response p90 h"] == pytest.approx(0.5 + 0.9 * 3.5)
    # P2: tickets 3 (open, response 20 min) and 9 (5 min, resolved in 1 h).
    p2 = table.loc["P2"]
    assert (p2["tickets"], p2["open"], p2["response met %"], p2["resolution met %"]) == (
        2,
        1,
        100,
        100,
    )
    # P3: tickets 4 (time zone +02:00: 1 h response, 2 h resolution) and 8 (10 h, 120 h).
    p3 = table.loc["P3"]
    assert (p3["response met %"], p3["resolution met %"]) == (50, 50)
    assert p3["resolution promised h"] == 72


def test_the_trend_by_month() -> None:
    trend = monthly_trend(small(), PROMISED).set_index(["month", "priority"])
    assert trend.loc[("2026-09", "P1"), "tickets"] == 2
    assert trend.loc[("2026-09", "P1"), "response met %"] == 50
    assert trend.loc[("2026-10", "P3"), "resolution met %"] == 50
    assert math.isnan(trend.loc[("2026-09", "P2"), "resolution met %"])  # only open ticket 3


def test_time_zones_are_read_and_kept_in_utc() -> None:
    ticket = small().iloc[3]
    assert ticket["created"] == pd.Timestamp("2026-10-01 06:00", tz="UTC")


DURATIONS = b"""Id;Created time;First response time (in hrs);Resolution time (in hrs);Priority
1;01/09/2026 09:00;0,5;3;Urgent
2;02/09/2026 10:00;4;48;Urgent
"""


def test_durations_in_hours_with_a_semicolon_and_decimal_commas() -> None:
    frame = read_export(DURATIONS)
    guessed = guess_mapping(list(frame.columns))
    assert guessed["first_response_kind"] == guessed["resolved_kind"] == "hours"
    tickets = normalise(frame, TicketColumns(**guessed)).frame  # type: ignore[arg-type]
    assert list(tickets["response_hours"]) == [0.5, 4.0]
    assert delivered(tickets, PROMISED).loc["P1", "resolution met %"] == 50


def test_durations_in_minutes() -> None:
    export = b"Created at,First reply time in minutes,Full resolution time in minutes,Priority\n"
    export += b"2026-01-05T10:00:00Z,30,600,high\n"
    frame = read_export(export)
    guessed = guess_mapping(list(frame.columns))
    assert guessed["first_response_kind"] == "minutes"
    tickets = normalise(frame, TicketColumns(**guessed)).frame  # type: ignore[arg-type]
    assert (tickets.loc[0, "response_hours"], tickets.loc[0, "resolution_hours"]) == (0.5, 10.0)


def test_status_only_tells_what_is_still_open() -> None:
    export = b"opened_at,priority,state\n2026-01-05 10:00:00,1 - Critical,New\n"
    export += b"2026-01-06 10:00:00,3 - Moderate,Closed\n"
    frame = read_export(export)
    guessed = guess_mapping(list(frame.columns))
    tickets = normalise(frame, TicketColumns(**guessed)).frame  # type: ignore[arg-type]
    assert list(tickets["open"]) == [True, False]
    assert delivered(tickets, PROMISED).loc["P1", "open"] == 1


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (  # Zendesk
            [
                "Id",
                "Subject",
                "Created at",
                "First reply time in minutes",
                "Full resolution time in minutes",
                "Priority",
                "Status",
            ],
            {
                "created": "Created at",
                "first_response": "First reply time in minutes",
                "resolved": "Full resolution time in minutes",
                "priority": "Priority",
                "first_response_kind": "minutes",
            },
        ),
        (  # Freshdesk
            [
                "Ticket ID",
                "Subject",
                "Status",
                "Priority",
                "Created time",
                "First response time (in hrs)",
                "Resolution time (in hrs)",
                "Type",
            ],
            {
                "created": "Created time",
                "first_response": "First response time (in hrs)",
                "resolved": "Resolution time (in hrs)",
                "priority": "Priority",
                "resolved_kind": "hours",
                "category": "Type",
            },
        ),
        (  # ConnectWise Manage
            [
                "Ticket #",
                "Summary",
                "Board",
                "Status",
                "Priority",
                "Date Entered",
                "Date Responded",
                "Date Resolved",
            ],
            {
                "created": "Date Entered",
                "first_response": "Date Responded",
                "resolved": "Date Resolved",
                "priority": "Priority",
                "category": "Board",
            },
        ),
        (  # Autotask
            [
                "Ticket Number",
                "Title",
                "Priority",
                "Status",
                "Create Date",
                "First Response Date",
                "Complete Date",
                "Queue",
            ],
            {
                "created": "Create Date",
                "first_response": "First Response Date",
                "resolved": "Complete Date",
                "priority": "Priority",
                "category": "Queue",
            },
        ),
        (  # ServiceNow
            [
                "number",
                "short_description",
                "priority",
                "state",
                "opened_at",
                "resolved_at",
                "category",
            ],
            {
                "created": "opened_at",
                "resolved": "resolved_at",
                "priority": "priority",
                "status": "state",
                "first_response": None,
            },
        ),
        (  # Jira Service Management
            [
                "Issue key",
                "Summary",
                "Issue Type",
                "Status",
                "Priority",
                "Created",
                "Resolved",
                "Time to first response",
            ],
            {
                "created": "Created",
                "resolved": "Resolved",
                "priority": "Priority",
                "first_response": "Time to first response",
                "category": "Issue Type",
            },
        ),
        (  # HaloPSA
            [
                "Ticket ID",
                "Summary",
                "Priority",
                "Status",
                "Date Logged",
                "Response Date",
                "Date Closed",
            ],
            {
                "created": "Date Logged",
                "first_response": "Response Date",
                "resolved": "Date Closed",
            },
        ),
    ],
    ids=["Zendesk", "Freshdesk", "ConnectWise", "Autotask", "ServiceNow", "Jira", "HaloPSA"],
)
def test_the_guesser_knows_the_column_names_of_well_known_ticket_systems(
    columns: list[str], expected: dict[str, str | None]
) -> None:
    guessed = guess_mapping(columns)
    assert {key: guessed[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("value", "priority"),
    [
        ("Urgent", "P1"),
        ("critical", "P1"),
        ("High", "P2"),
        ("Medium", "P2"),
        ("Normal", "P3"),
        ("Low", "P3"),
        ("1", "P1"),
        ("P2", "P2"),
        ("4", "P3"),
        ("Priority 1 - Emergency Response", "P1"),
        ("Priority 3 - Normal Response", "P3"),
        ("2 - High", "P2"),
        ("5 - Planning", "P3"),
        ("Sev 1", "P1"),
        ("Whenever", None),
        ("", None),
    ],
)
def test_priorities_come_as_words_numbers_or_long_labels(value: str, priority: str | None) -> None:
    result = normalise_priorities(pd.Series([value]))[0]
    assert (None if pd.isna(result) else result) == priority


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "The file is empty"),
        (b"   \n  ", "The file is empty"),
        (b"Created at,Priority\n", "no tickets"),
        (b"just one column\nvalue\n", "only one column"),
        (b'a,b\n1,2,3,4\n"unclosed', "not a readable CSV"),
    ],
    ids=["empty", "blank", "header only", "wrong delimiter", "malformed"],
)
def test_a_file_that_cannot_be_used_is_refused_with_what_to_do(data: bytes, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        read_export(data)


def test_a_mapped_column_the_file_lacks_is_named() -> None:
    frame = read_export(SMALL)
    with pytest.raises(InvalidInput, match="no column called 'Opened'"):
        normalise(frame, TicketColumns(created="Opened", priority="Priority"))


def test_a_file_with_no_usable_row_is_refused_saying_why() -> None:
    frame = read_export(b"Created at,Priority\nsoon,Urgent\nlater,High\n")
    with pytest.raises(
        InvalidInput, match="No ticket in the file could be used: 2 rows with no creation date"
    ):
        normalise(frame, TicketColumns(created="Created at", priority="Priority"))


def test_a_windows_spreadsheet_export_is_read() -> None:
    export = "Created at,Priority,Subject\n2026-01-05 10:00,High,Café printer\n".encode("cp1252")
    assert read_export(export).loc[0, "Subject"] == "Café printer"


def test_the_tickets_are_kept_and_read_back_unchanged() -> None:
    tickets = small()
    again = tickets_from_bytes(tickets_to_bytes(tickets))
    pd.testing.assert_frame_equal(again[tickets.columns], tickets, check_dtype=False)


def test_progress_is_reported_while_reading() -> None:
    steps: list[float] = []
    normalise(
        read_export(SMALL),
        TicketColumns(created="Created at", priority="Priority"),
        lambda share, _text: steps.append(share),
    )
    assert steps == sorted(steps) and steps[-1] == 1.0


@pytest.mark.parametrize(
    ("dates", "first"),
    [
        (["05/09/2026 10:00", "13/09/2026 10:00"], "2026-09-05"),
        (["05/09/2026 10:00", "09/13/2026 10:00"], "2026-05-09"),
        (["05.09.2026 10:00", "06.09.2026 10:00"], "2026-09-05"),
        (["2026-09-05 10:00", "2026-09-13 10:00"], "2026-09-05"),
    ],
    ids=["day first, shown by a 13", "month first, shown by a 13", "dots: day first", "ISO"],
)
def test_the_order_of_day_and_month_is_read_from_the_file(dates: list[str], first: str) -> None:
    lines = "\n".join(f"{d},High" for d in dates)
    frame = read_export(f"Created at,Priority\n{lines}\n".encode())
    tickets = normalise(frame, TicketColumns(created="Created at", priority="Priority")).frame
    assert tickets.loc[0, "created"].strftime("%Y-%m-%d") == first


def test_an_id_column_is_not_taken_for_dates() -> None:
    frame = read_export(
        b"Ref,Logged on,Urgency\nT-101,2026-01-05 10:00,High\nT-102,2026-01-06 10:00,Low\n"
    )
    with pytest.raises(
        InvalidInput, match="No ticket in the file could be used: 2 rows with no creation date"
    ):
        normalise(frame, TicketColumns(created="Ref", priority="Urgency"))


@pytest.mark.parametrize("field", ["created", "resolved"])
def test_a_column_of_numbers_read_as_dates_is_refused_saying_what_to_choose(field: str) -> None:
    frame = read_export(
        b"Logged on,Urgency,Hours to fix\n2026-01-05 10:00,High,6\n2026-01-06 10:00,Low,7.5\n"
    )
    created = "Hours to fix" if field == "created" else "Logged on"
    resolved = None if field == "created" else "Hours to fix"
    with pytest.raises(InvalidInput, match="'Hours to fix' holds numbers, not dates"):
        normalise(frame, TicketColumns(created=created, priority="Urgency", resolved=resolved))
