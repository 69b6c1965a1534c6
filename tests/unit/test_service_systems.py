# ruff: noqa: E501  (the files are written as each system writes them, one ticket a line)
"""Ticket exports of the well-known ticket systems, each a small file in its own shape (its
header names, status words and date formats, docs/formats.md "Ticket exports"): the columns are
guessed, the dates read, and the open tickets told by the system's own status words."""

from __future__ import annotations

import pandas as pd
import pytest

from itexit.service import TicketColumns, guess_mapping, normalise, read_export

ZENDESK = b"""id,subject,status,priority,created_at,solved_at,first_reply_time_in_minutes,full_resolution_time_in_minutes
101,Printer,solved,urgent,2026-03-02T09:15:00Z,2026-03-02T11:15:00Z,30,120
102,VPN,hold,high,2026-03-03T10:00:00Z,,45,
103,Mail,pending,normal,2026-03-04T08:00:00Z,,90,
104,Laptop,closed,low,2026-03-05T08:00:00Z,2026-03-06T08:00:00Z,600,1440
"""
FRESHDESK = b"""Ticket ID,Subject,Status,Priority,Type,Created time,Resolved time,First response time (in hrs),Resolution time (in hrs)
201,Printer,Resolved,Urgent,Incident,2026-03-02 09:15:00,2026-03-02 11:15:00,0.5,2
202,VPN,Pending,High,Incident,2026-03-03 10:00:00,,0.75,
203,Mail,Open,Medium,Question,2026-03-04 08:00:00,,1.5,
204,Laptop,Closed,Low,Request,2026-03-05 08:00:00,2026-03-06 08:00:00,10,24
"""
JIRA = b"""Summary,Issue key,Issue Type,Status,Priority,Created,Resolved
Printer,ITS-1,Incident,Resolved,Highest,02/Mar/26 9:15 AM,02/Mar/26 11:15 AM
VPN,ITS-2,Incident,Waiting for support,High,03/Mar/26 10:00 AM,
Mail,ITS-3,Service request,Waiting for customer,Medium,04/Mar/26 8:00 AM,
Laptop,ITS-4,Service request,Canceled,Low,05/Mar/26 8:00 AM,06/Mar/26 8:00 AM
"""
HALOPSA = b"""Ticket ID,Summary,Status,Priority,Date Logged,Response Date,Date Closed
301,Printer,Closed,1 - Critical,02/03/2026 09:15,02/03/2026 09:45,02/03/2026 11:15
302,VPN,On Hold,2 - High,03/03/2026 10:00,03/03/2026 10:45,
303,Mail,Waiting on Client,3 - Medium,04/03/2026 08:00,04/03/2026 09:30,
304,Laptop,Resolved,4 - Low,13/03/2026 08:00,13/03/2026 18:00,14/03/2026 08:00
"""
AUTOTASK = b"""Autotask Ticket Number,Title,Status,Priority,Queue,Create Date/Time,First Response Date/Time,Complete Date/Time
T20260302.0001,Printer,Complete,Critical,Help Desk,3/2/2026 9:15 AM,3/2/2026 9:45 AM,3/2/2026 11:15 AM
T20260303.0002,VPN,Waiting Customer,High,Help Desk,3/3/2026 10:00 AM,3/3/2026 10:45 AM,
T20260304.0003,Mail,Escalated,Medium,Help Desk,3/4/2026 8:00 AM,3/4/2026 9:30 AM,
T20260313.0004,Laptop,Complete,Low,Help Desk,3/13/2026 8:00 AM,3/13/2026 6:00 PM,3/14/2026 8:00 AM
"""
CONNECTWISE = b"""Ticket #,Summary,Board,Status,Priority,Date Entered,Date Responded,Date Resolved
401,Printer,Help Desk,>Closed,Priority 1 - Emergency Response,2026-03-02T09:15:00Z,2026-03-02T09:45:00Z,2026-03-02T11:15:00Z
402,VPN,Help Desk,Scheduled,Priority 2 - Quick Response,2026-03-03T10:00:00Z,2026-03-03T10:45:00Z,
403,Mail,Help Desk,Re-opened,Priority 3 - Normal Response,2026-03-04T08:00:00Z,2026-03-04T09:30:00Z,2026-03-04T12:00:00Z
404,Laptop,Help Desk,Completed,Priority 4 - Schedule Maintenance,2026-03-05T08:00:00Z,2026-03-05T18:00:00Z,2026-03-06T08:00:00Z
"""


def read(data: bytes) -> pd.DataFrame:
    """The tickets of an export read with the guessed columns, as the page starts."""
    export = read_export(data)
    guessed = guess_mapping(list(export.columns))
    mapping = TicketColumns.model_validate({k: v for k, v in guessed.items() if v is not None})
    mapping = mapping.model_copy(update={"date_order": export.dates.order_or(None)})
    return normalise(export.table(), mapping).frame


@pytest.mark.parametrize(
    ("data", "first_response_hours", "priorities"),
    [  # "normal" and a third of four numbered levels are routine (P3); "medium" is P2
        (ZENDESK, 0.5, ["P1", "P2", "P3", "P3"]),
        (FRESHDESK, 0.5, ["P1", "P2", "P2", "P3"]),
        (JIRA, None, ["P1", "P2", "P2", "P3"]),
        (HALOPSA, 0.5, ["P1", "P2", "P3", "P3"]),
        (AUTOTASK, 0.5, ["P1", "P2", "P2", "P3"]),
        (CONNECTWISE, 0.5, ["P1", "P2", "P3", "P3"]),
    ],
    ids=["Zendesk", "Freshdesk", "Jira Service Management", "HaloPSA", "Autotask", "ConnectWise"],
)
def test_each_ticket_system_s_export_is_read_in_its_own_shape(
    data: bytes, first_response_hours: float | None, priorities: list[str]
) -> None:
    tickets = read(data)
    assert len(tickets) == 4
    assert tickets["created"].iloc[0] == pd.Timestamp("2026-03-02 09:15", tz="UTC")
    assert list(tickets["priority"].astype(str)) == priorities
    assert list(tickets["open"]) == [False, True, True, False]  # on hold, waiting: still open
    assert tickets["resolution_hours"].iloc[0] == 2
    response = tickets["response_hours"].iloc[0]
    assert pd.isna(response) if first_response_hours is None else response == first_response_hours


@pytest.mark.parametrize(
    ("status", "still_open"),
    [
        ("hold", True),  # Zendesk
        ("On Hold", True),  # HaloPSA
        ("Waiting for support", True),  # Jira Service Management
        ("Escalated", True),  # Autotask
        ("Scheduled", True),  # ConnectWise
        ("Re-opened", True),  # ConnectWise
        ("solved", False),  # Zendesk
        (">Closed", False),  # ConnectWise
        ("Complete", False),  # Autotask
        ("Canceled", False),  # Jira Service Management
    ],
)
def test_a_status_word_of_a_known_system_says_whether_a_resolved_ticket_is_open(
    status: str, still_open: bool
) -> None:
    data = (
        "created_at,solved_at,priority,status\n"
        f"2026-03-02T09:15:00Z,2026-03-02T11:15:00Z,urgent,{status}\n"
    ).encode()
    assert list(read(data)["open"]) == [still_open]


def test_zendesk_s_own_export_headers_are_recognised() -> None:
    guessed = guess_mapping(
        [
            "id",
            "created_at",
            "solved_at",
            "first_reply_time_in_minutes",
            "full_resolution_time_in_minutes",
            "priority",
            "status",
        ]
    )
    assert guessed["first_response"] == "first_reply_time_in_minutes"
    assert guessed["first_response_kind"] == "minutes"
    assert guessed["resolved"] == "full_resolution_time_in_minutes"
    assert guessed["resolved_kind"] == "minutes"
