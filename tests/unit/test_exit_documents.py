"""The exit plan's files: the .ics calendar, the letter and kit documents, the checklist CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import docx
import pytest
import vobject

from itexit.diligence import Answer, due_diligence_topics
from itexit.diligence.views import diligence_view
from itexit.evaluation import Evaluation
from itexit.exit import GroundClaim, Incident, KeyDate, Task, offboarding_plan
from itexit.exit.views import letter_view
from itexit.export import (
    calendar_ics,
    docx_document,
    letter_docx,
    letter_text,
    offboarding_csv,
    text_document,
    writable,
)

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


# Characters a file cannot hold ------------------------------------------------------------------

# What Word (XML 1.0), a calendar or UTF-8 cannot hold, as a letter, an answer or an old name
# may carry it: pasted from elsewhere, or brought by an imported file.
UNWRITABLE = {
    "NUL": "\x00",
    "start of heading": "\x01",
    "escape": "\x1b",
    "unit separator": "\x1f",
    "delete": "\x7f",
    "lone surrogate": "\ud800",
    "non-character U+FFFE": "\ufffe",
}
BREAKS = {"vertical tab": "\v", "form feed": "\f"}


@pytest.mark.parametrize("character", UNWRITABLE.values(), ids=UNWRITABLE.keys())
def test_a_character_no_file_can_hold_is_left_out(character: str) -> None:
    assert writable(f"Dear{character} Oldco IT") == "Dear Oldco IT"


@pytest.mark.parametrize("character", BREAKS.values(), ids=BREAKS.keys())
def test_word_s_own_line_and_page_breaks_become_line_breaks(character: str) -> None:
    assert writable(f"Dear Oldco IT,{character}We") == "Dear Oldco IT,\nWe"


def test_tabs_line_breaks_and_every_printable_character_are_kept() -> None:
    kept = "Tab\there\r\nnext line\u00e9\u2028\U0001f600 \x85"
    assert writable(kept) == kept


HOSTILE_TEXT = "Back\x00up\vfailed\fon\x1b 3 May \x01\x7f\ufffe"  # a model holds no surrogate


def test_a_letter_holding_them_downloads_as_word_and_as_text(evaluation: Evaluation) -> None:
    saved = evaluation.with_letter(f"Dear Oldco IT,\n\n{HOSTILE_TEXT}\n")
    letter = letter_view(saved, date(2026, 11, 27)).text("termination")
    document = docx.Document(io.BytesIO(letter_docx(letter)))
    assert [p.text for p in document.paragraphs] == ["Dear Oldco IT,", "Backup\nfailed\non 3 May"]
    assert letter_text(letter).decode("utf-8") == "Dear Oldco IT,\n\nBackup\nfailed\non 3 May \n"


def test_a_draft_quoting_an_incident_that_holds_them_downloads_as_word(
    evaluation: Evaluation,
) -> None:
    claimed = evaluation.with_grounds({"performance": GroundClaim(applies="yes")}).with_incident(
        Incident(id="i1", day=date(2026, 11, 2), what=HOSTILE_TEXT, grounds=("performance",))
    )
    draft = letter_view(claimed, date(2026, 11, 27)).text("termination")
    assert "\x00" in draft
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter_docx(draft))).paragraphs)
    assert "Backup\nfailed\non 3 May" in text


def test_answers_holding_them_download_in_the_kit_as_word_and_as_text(
    evaluation: Evaluation,
) -> None:
    nimbus = evaluation.providers[1].id
    question = due_diligence_topics()[0].questions[0].id
    answered = evaluation.with_answers(nimbus, {question: Answer(text=HOSTILE_TEXT)})
    kit = diligence_view(answered, nimbus).kit
    document = docx.Document(io.BytesIO(docx_document(kit)))
    assert any("Backup\nfailed\non 3 May" in p.text for p in document.paragraphs)
    assert "Backup\nfailed\non 3 May" in text_document(kit).decode("utf-8")


def test_a_calendar_for_a_name_holding_them_is_still_a_calendar() -> None:
    name = f"Acme{HOSTILE_TEXT}\ud800"  # a name saved before names were checked for them
    dates = [KeyDate(date(2026, 11, 30), f"Notice to Oldco: {HOSTILE_TEXT}", HOSTILE_TEXT, (7,))]
    data = calendar_ics(dates, name)
    assert not set(data.decode("utf-8")) & {*UNWRITABLE.values(), *BREAKS.values()}
    calendar = parsed(data)
    assert calendar.contents["x-wr-calname"][0].value == "AcmeBackup failed on 3 May"
    event = calendar.contents["vevent"][0]
    assert event.summary.value == "Notice to Oldco: Backup failed on 3 May"
    assert event.description.value == "Backup\nfailed\non 3 May "


def test_a_checklist_whose_owner_holds_them_downloads_as_csv(evaluation: Evaluation) -> None:
    tasks = {"restore_test": Task(owner=f"\x00={HOSTILE_TEXT}")}
    data = offboarding_csv(offboarding_plan(evaluation.with_tasks(tasks)))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    owners = [r["owner"] for r in rows if "Back" in r["owner"]]
    assert owners == ["'=Backup\nfailed\non 3 May "]  # and still guarded against formulas
