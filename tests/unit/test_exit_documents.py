"""The exit plan's files: the .ics calendar, the letter and kit documents, the checklist CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import docx
import vobject

from itexit.evaluation import Evaluation
from itexit.exit import KeyDate, Task, offboarding_plan
from itexit.export import calendar_ics, docx_document, letter_docx, offboarding_csv, text_document

DATES = [
    KeyDate(date(2026, 11, 30), "Last day to give notice to Oldco IT", "Give notice.", (30, 7, 1)),
    KeyDate(
        date(2027, 2, 28), "Contract with Oldco IT ends", 'Last day, "quoted"; with, commas', ()
    ),
]


def parsed(data: bytes) -> vobject.base.Component:
    """Read the calendar with vobject, a parser independent of the icalendar writer."""
    return vobject.readOne(data.decode("utf-8"))


def test_the_calendar_has_one_all_day_event_per_key_date() -> None:
    calendar = parsed(calendar_ics(DATES, "Acme exit plan"))
    events = calendar.contents["vevent"]
    assert [e.summary.value for e in events] == [d.title for d in DATES]
    assert [e.dtstart.value for e in events] == [d.day for d in DATES]
    assert [e.dtend.value for e in events] == [d.day + timedelta(days=1) for d in DATES]
    assert events[1].description.value == 'Last day, "quoted"; with, commas'
    assert calendar.version.value == "2.0"
    assert calendar.prodid.value.startswith("-//ITexit")


def test_every_event_has_its_reminders_before_the_day() -> None:
    events = parsed(calendar_ics(DATES, "Acme exit plan")).contents["vevent"]
    alarms = events[0].contents["valarm"]
    assert [a.trigger.value for a in alarms] == [timedelta(days=-n) for n in (30, 7, 1)]
    assert all(a.action.value == "DISPLAY" for a in alarms)
    assert "valarm" not in events[1].contents


def test_event_ids_are_stable_so_a_new_export_replaces_the_old_entries() -> None:
    first = parsed(calendar_ics(DATES, "Acme exit plan")).contents["vevent"]
    again = parsed(calendar_ics(DATES, "Acme exit plan")).contents["vevent"]
    assert [e.uid.value for e in first] == [e.uid.value for e in again]
    assert len({e.uid.value for e in first}) == 2


def test_the_calendar_file_uses_crlf_lines_as_the_standard_asks() -> None:
    data = calendar_ics(DATES, "Acme exit plan")
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def test_the_letter_document_keeps_its_paragraphs_and_lines() -> None:
    text = "Acme Ltd\n\n26 November 2026\n\nDear Oldco IT,\n\nLine one\nLine two\n"
    document = docx.Document(io.BytesIO(letter_docx(text)))
    assert [p.text for p in document.paragraphs] == [
        "Acme Ltd",
        "26 November 2026",
        "Dear Oldco IT,",
        "Line one\nLine two",
    ]


def test_a_document_of_blocks_in_word_and_as_text() -> None:
    blocks = [
        ("title", "Questions"),
        ("heading", "Disasters"),
        ("bullet", "Who does what?"),
        ("answer", "Their answer:"),
    ]
    document = docx.Document(io.BytesIO(docx_document(blocks)))  # type: ignore[arg-type]
    assert [p.text.split("\n")[0] for p in document.paragraphs] == [
        "Questions",
        "Disasters",
        "Who does what?",
        "Their answer:",
    ]
    assert document.paragraphs[2].style.name == "List Bullet"
    text = text_document(blocks).decode("utf-8")  # type: ignore[arg-type]
    assert text.startswith("Questions\n=========\n")
    assert "* Who does what?" in text


def test_the_offboarding_csv_lists_every_task_with_its_due_date(evaluation: Evaluation) -> None:
    planned = offboarding_plan(
        evaluation.with_move_dates(
            notice=None, new_provider_start=None, cutover=date(2027, 3, 1)
        ).with_tasks({"restore_test": Task(owner="=cmd|' /C calc'!A0", status="done")})
    )
    data = offboarding_csv(planned)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(planned)
    assert list(rows[0]) == [
        "phase",
        "item",
        "details",
        "owner",
        "days_from_cutover",
        "due",
        "status",
    ]
    restore = next(r for r in rows if r["status"] == "done")
    assert restore["owner"] == "'=cmd|' /C calc'!A0"
    assert restore["due"] == "2027-02-22"  # the checklist's default: 7 days before cut-over
