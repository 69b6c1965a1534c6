"""Ticket exports: the column guesser, every accepted shape, bad rows and files, and the SLA
figures checked against a small file computed by hand."""

from __future__ import annotations

import gzip
import json
import math
from typing import Any

import pandas as pd
import pytest

from itexit.input import InvalidInput
from itexit.service import (
    ServiceLevels,
    TicketColumns,
    TicketSet,
    delivered,
    guess_mapping,
    monthly_trend,
    normalise,
    normalise_priorities,
    read_export,
    sla_trend,
    tickets_from_bytes,
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
    frame = read_export(SMALL).table()
    mapping = TicketColumns(
        created="Created at",
        first_response="First response at",
        resolved="Solved at",
        priority="Priority",
        status="Status",
    )
    return normalise(frame, mapping).frame


def test_bad_rows_are_skipped_and_reported_with_their_row_numbers() -> None:
    frame = read_export(SMALL).table()
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
    frame = read_export(DURATIONS).table()
    guessed = guess_mapping(list(frame.columns))
    assert guessed["first_response_kind"] == guessed["resolved_kind"] == "hours"
    mapping = TicketColumns(**guessed, date_order="day first")  # type: ignore[arg-type]
    tickets = normalise(frame, mapping).frame
    assert list(tickets["response_hours"]) == [0.5, 4.0]
    assert delivered(tickets, PROMISED).loc["P1", "resolution met %"] == 50


def test_durations_in_minutes() -> None:
    export = b"Created at,First reply time in minutes,Full resolution time in minutes,Priority\n"
    export += b"2026-01-05T10:00:00Z,30,600,high\n"
    frame = read_export(export).table()
    guessed = guess_mapping(list(frame.columns))
    assert guessed["first_response_kind"] == "minutes"
    tickets = normalise(frame, TicketColumns(**guessed)).frame  # type: ignore[arg-type]
    assert (tickets.loc[0, "response_hours"], tickets.loc[0, "resolution_hours"]) == (0.5, 10.0)


def test_status_only_tells_what_is_still_open() -> None:
    export = b"opened_at,priority,state\n2026-01-05 10:00:00,1 - Critical,New\n"
    export += b"2026-01-06 10:00:00,3 - Moderate,Closed\n"
    frame = read_export(export).table()
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
                "id": "Id",
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
                "id": "Ticket ID",
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
                "id": "Ticket #",
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
                "id": "Ticket Number",
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
                "id": "number",
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
                "id": "Issue key",
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
                "id": "Ticket ID",
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
    frame = read_export(SMALL).table()
    with pytest.raises(InvalidInput, match="no column called 'Opened'"):
        normalise(frame, TicketColumns(created="Opened", priority="Priority"))


def test_a_file_with_no_usable_row_is_refused_saying_why() -> None:
    frame = read_export(b"Created at,Priority\nsoon,Urgent\nlater,High\n").table()
    with pytest.raises(
        InvalidInput, match="No ticket in the file could be used: 2 rows with no creation date"
    ):
        normalise(frame, TicketColumns(created="Created at", priority="Priority"))


def test_a_windows_spreadsheet_export_is_read() -> None:
    export = "Created at,Priority,Subject\n2026-01-05 10:00,High,Café printer\n".encode("cp1252")
    assert read_export(export).table().loc[0, "Subject"] == "Café printer"


def test_progress_is_reported_while_reading() -> None:
    steps: list[float] = []
    normalise(
        read_export(SMALL).table(),
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
    frame = read_export(f"Created at,Priority\n{lines}\n".encode()).table()
    tickets = normalise(frame, TicketColumns(created="Created at", priority="Priority")).frame
    assert tickets.loc[0, "created"].strftime("%Y-%m-%d") == first


def test_an_id_column_is_not_taken_for_dates() -> None:
    frame = read_export(
        b"Ref,Logged on,Urgency\nT-101,2026-01-05 10:00,High\nT-102,2026-01-06 10:00,Low\n"
    ).table()
    with pytest.raises(
        InvalidInput, match="No ticket in the file could be used: 2 rows with no creation date"
    ):
        normalise(frame, TicketColumns(created="Ref", priority="Urgency"))


@pytest.mark.parametrize("field", ["created", "resolved"])
def test_a_column_of_numbers_read_as_dates_is_refused_saying_what_to_choose(field: str) -> None:
    frame = read_export(
        b"Logged on,Urgency,Hours to fix\n2026-01-05 10:00,High,6\n2026-01-06 10:00,Low,7.5\n"
    ).table()
    created = "Hours to fix" if field == "created" else "Logged on"
    resolved = None if field == "created" else "Hours to fix"
    with pytest.raises(InvalidInput, match="'Hours to fix' holds numbers, not dates"):
        normalise(frame, TicketColumns(created=created, priority="Urgency", resolved=resolved))


def test_a_short_id_name_is_not_looked_for_inside_other_names() -> None:
    guessed = guess_mapping(["Provider", "Phone number", "Created", "Priority"])
    assert guessed["id"] is None


# The order of day and month ----------------------------------------------------------------------

AMBIGUOUS = b"Created,Priority\n05/09/2026 10:00,High\n03/11/2026 08:30,Low\n01/01/2026 09:00,Low\n"


def test_dates_that_read_either_way_are_not_guessed_the_user_is_asked() -> None:
    frame = read_export(AMBIGUOUS).table()
    with pytest.raises(InvalidInput) as asked:
        normalise(frame, TicketColumns(created="Created", priority="Priority"))
    assert str(asked.value) == (
        "Dates such as 05/09/2026 10:00 (row 2) could be 5 September 2026 10:00 (day first) or "
        "9 May 2026 10:00 (month first): choose how the file writes its dates."
    )


@pytest.mark.parametrize(
    ("order", "first"), [("day first", "2026-09-05"), ("month first", "2026-05-09")]
)
def test_dates_that_read_either_way_are_read_as_the_user_chose(order: str, first: str) -> None:
    frame = read_export(AMBIGUOUS).table()
    mapping = TicketColumns(created="Created", priority="Priority", date_order=order)  # type: ignore[arg-type]
    assert normalise(frame, mapping).frame.loc[0, "created"].strftime("%Y-%m-%d") == first


def test_what_a_file_s_dates_tell_comes_from_every_column_with_two_examples_to_show() -> None:
    export = read_export(AMBIGUOUS)
    assert export.dates.ambiguous and export.dates.order is None
    # 01/01/2026 reads the same either way, so it is no example.
    assert export.dates.examples == ((2, "05/09/2026 10:00"), (3, "03/11/2026 08:30"))
    told = read_export(b"Created,Priority,Closed\n05/09/2026,High,14/09/2026\n")
    assert (told.dates.ambiguous, told.dates.order) == (False, "day first")


def test_a_day_over_twelve_in_a_later_row_still_tells_the_order() -> None:
    rows = "".join(f"0{1 + i % 9}/0{1 + i % 8}/2026 10:00,High\n" for i in range(70_000))
    export = read_export(f"Created,Priority\n{rows}13/01/2026 10:00,Low\n".encode())
    assert export.dates.order == "day first"


def test_dates_that_read_the_same_either_way_need_no_choice() -> None:
    export = read_export(b"Created,Priority\n01/01/2026,High\n02/02/2026,Low\n")
    assert not export.dates.ambiguous


# Spreadsheet serial numbers ----------------------------------------------------------------------


def test_spreadsheet_serial_numbers_in_a_date_column_are_read_as_dates() -> None:
    frame = read_export(
        b"Created,Priority,Resolved\n46211.5,High,46212.25\n46213.75,Low,46214\n"
    ).table()
    mapping = TicketColumns(created="Created", priority="Priority", resolved="Resolved")
    tickets = normalise(frame, mapping).frame
    assert tickets.loc[0, "created"] == pd.Timestamp("2026-07-08 12:00", tz="UTC")
    assert list(tickets["resolution_hours"]) == [18.0, 6.0]


def test_spreadsheet_dates_chosen_as_hours_after_creation_are_refused_saying_what_to_choose() -> (
    None
):
    frame = read_export(
        b"Created,Priority,Resolved\n2026-07-08 12:00,High,46212.25\n2026-07-10,Low,46214\n"
    ).table()
    mapping = TicketColumns(
        created="Created", priority="Priority", resolved="Resolved", resolved_kind="hours"
    )
    with pytest.raises(
        InvalidInput,
        match="'Resolved' holds dates written as spreadsheet numbers, not hours after creation: "
        "choose 'a date and time'",
    ):
        normalise(frame, mapping)


def test_ticket_numbers_are_not_taken_for_spreadsheet_dates() -> None:
    frame = read_export(b"Id,Priority\n48001,High\n48002,Low\n48003,Low\n").table()
    with pytest.raises(InvalidInput, match="'Id' holds numbers, not dates"):
        normalise(frame, TicketColumns(created="Id", priority="Priority"))


# Repeated tickets --------------------------------------------------------------------------------


def test_a_ticket_repeated_in_several_rows_is_counted_once_and_reported() -> None:
    frame = read_export(
        b"Id,Created,Priority\n7,2026-07-07,High\n 7 ,2026-07-08,Low\n8,2026-07-08,Low\n"
        b",2026-07-09,High\n,2026-07-09,High\n7,2026-07-10,Low\n"
    ).table()
    tickets = normalise(frame, TicketColumns(id="Id", created="Created", priority="Priority"))
    assert (len(tickets.frame), tickets.skipped) == (4, 2)  # rows without an id all count
    assert [p.sentence() for p in tickets.problems] == [
        "2 rows repeating an earlier row's ticket id (row 3, 7)"
    ]


def test_a_ticket_repeated_after_a_row_that_cannot_be_used_counts_once() -> None:
    frame = read_export(b"Id,Created,Priority\n7,soon,High\n7,2026-07-08,Low\n").table()
    tickets = normalise(frame, TicketColumns(id="Id", created="Created", priority="Priority"))
    assert len(tickets.frame) == 1
    assert [p.reason for p in tickets.problems] == ["with no creation date that can be read"]


# Text encodings ----------------------------------------------------------------------------------

TEXT = "Created,Priority,Subject\n2026-01-05 10:00,High,Café printer\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-8-sig", "cp1252"])
def test_utf16_with_or_without_a_byte_order_mark_is_read(encoding: str) -> None:
    export = read_export(TEXT.encode(encoding))
    assert export.columns == ("Created", "Priority", "Subject")
    assert export.table().loc[0, "Subject"] == "Café printer"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (TEXT.encode("utf-16-le")[:-3] + b"\x00\xd8", "looks like UTF-16 text but cannot be read"),
        (b"Created,Priority\n2026-01-05,\x00High\n", "holds NUL characters"),
    ],
    ids=["broken UTF-16", "NUL"],
)
def test_a_file_that_is_not_text_is_refused_saying_how_to_save_it(
    data: bytes, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        read_export(data)


def test_a_file_with_more_rows_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("itexit.service.reading.MAX_ROWS", 2)
    with pytest.raises(InvalidInput, match="more than 2 rows; export a shorter period"):
        read_export(b"Created,Priority\n2026-01-05,High\n2026-01-06,High\n2026-01-07,High\n")


def test_a_row_with_more_cells_than_the_header_is_refused_naming_it() -> None:
    with pytest.raises(
        InvalidInput, match=r"not a readable CSV table: .*Expected 2 columns, got 3"
    ):
        read_export(b"Created,Priority\n2026-01-05,High,extra\n")


def test_repeated_and_empty_column_names_are_told_apart() -> None:
    export = read_export(b"Notes,Notes,,Created\na,b,c,2026-01-05\n")
    assert export.columns == ("Notes", "Notes.1", "Unnamed: 2", "Created")
    assert export.rows == 1 and list(export.preview.iloc[0]) == ["a", "b", "c", "2026-01-05"]


# Keeping the export whole ------------------------------------------------------------------------

KEPT = TicketColumns(
    id="Ticket",
    created="Created at",
    first_response="First response at",
    resolved="Solved at",
    priority="Priority",
    status="Status",
)


def test_the_mapped_columns_are_kept_as_the_file_wrote_them_and_nothing_else() -> None:
    kept = TicketSet.from_export(read_export(SMALL), KEPT)
    columns = kept.document()["columns"]
    assert list(columns) == [
        "Ticket",
        "Created at",
        "Priority",
        "Status",
        "First response at",
        "Solved at",
    ]
    assert columns["Created at"][3] == "2026-10-01 08:00+02:00"  # the zone as written
    assert columns["Priority"][:3] == ["Urgent", "Urgent", "High"]  # the words as written
    assert columns["Solved at"][2] == ""  # an empty cell stays empty
    assert kept.rows == 9


def test_the_figures_are_derived_from_the_kept_set_through_its_mapping() -> None:
    kept = TicketSet.from_bytes(TicketSet.from_export(read_export(SMALL), KEPT).to_bytes())
    assert kept.mapping == KEPT
    pd.testing.assert_frame_equal(tickets_from_bytes(kept.to_bytes()), small())


def test_a_kept_set_travels_as_a_document_and_back_unchanged() -> None:
    kept = TicketSet.from_export(read_export(SMALL), KEPT)
    again = TicketSet.from_document(json.loads(json.dumps(kept.document())))
    assert again.document() == kept.document()
    assert again.to_bytes() == kept.to_bytes()


def old_body(tickets: pd.DataFrame) -> bytes:
    """A ticket set as ITexit kept it before sets were kept whole (its tickets_to_bytes)."""
    frame = tickets[["created", "priority", "response_hours", "resolution_hours", "open"]].copy()
    frame["created"] = frame["created"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return gzip.compress(frame.to_csv(index=False).encode("utf-8"), compresslevel=5)


def test_a_set_kept_the_old_way_still_gives_the_same_tickets() -> None:
    again = tickets_from_bytes(old_body(small()))
    pd.testing.assert_frame_equal(again, small(), check_exact=False)


def test_a_set_kept_the_old_way_reads_as_the_columns_it_holds() -> None:
    kept = TicketSet.from_bytes(old_body(small()))
    assert list(kept.document()["columns"]) == [
        "created",
        "priority",
        "status",
        "response_hours",
        "resolution_hours",
    ]
    assert kept.document()["columns"]["status"][:3] == ["closed", "closed", "open"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"not a ticket set", "a format ITexit does not know"),
        (b"", "a format ITexit does not know"),
    ],
)
def test_kept_tickets_of_an_unknown_format_are_refused(body: bytes, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        TicketSet.from_bytes(body)


def test_kept_tickets_of_a_newer_format_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("itexit.service.kept.SET_FORMAT", 3)
    newer = TicketSet.from_export(read_export(SMALL), KEPT).to_bytes()
    monkeypatch.undo()
    with pytest.raises(InvalidInput, match="kept by a newer ITexit"):
        TicketSet.from_bytes(newer)


def _document(**change: Any) -> dict[str, Any]:
    document = TicketSet.from_export(read_export(SMALL), KEPT).document()
    return {**document, **change}


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ([], "not valid"),
        (
            _document(columns={"Created at": ["x"], "Priority": ["High"]}),
            "mapping reads Ticket, Created at",
        ),
        (_document(extra=1), "not valid: Extra: Extra inputs are not permitted"),
        (
            _document(columns={**_document()["columns"], "Priority": ["High"]}),
            "the same number of rows",
        ),
        (_document(columns={**_document()["columns"], "Priority": [1] * 9}), "not valid"),
        (_document(columns={c: [] for c in _document()["columns"]}), "from 1 to 1,000,000"),
    ],
    ids=["not an object", "other columns", "unknown field", "uneven", "numbers", "empty"],
)
def test_a_ticket_set_document_that_breaks_a_rule_is_refused(document: Any, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        TicketSet.from_document(document)


def test_the_month_chart_runs_in_calendar_order_when_a_priority_misses_some_months() -> None:
    trend = pd.DataFrame(
        {
            "month": ["2026-03", "2026-04", "2026-01", "2026-02", "2026-03", "2026-04"],
            "priority": ["P1", "P1", "P2", "P2", "P2", "P2"],
            "tickets": [1, 2, 3, 4, 5, 6],
            "resolution met %": [100.0, 50.0, 0.0, 25.0, 40.0, 50.0],
        }
    )
    axis = sla_trend(trend).layout.xaxis
    assert axis.categoryorder == "array"
    assert list(axis.categoryarray) == ["2026-01", "2026-02", "2026-03", "2026-04"]
