"""The Service levels page's clocks through AppTest: how each priority's hours are counted, the
business's working week and public holidays, saved with the promises and shown with the
delivered figures."""

from __future__ import annotations

from datetime import time

from itexit.evaluation import Evaluation
from itexit.service.models import BusinessHours
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import as_read, click, edit, latest, texts
from tests.app.helpers import widget as field


def test_promises_start_counted_24_7_on_a_working_week_of_monday_to_friday(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("service")
    assert [field(at.radio, f"{p} hours are counted").value for p in ("P1", "P2", "P3")] == [
        "24/7"
    ] * 3
    assert field(at.selectbox, "Working days").value == "0,1,2,3,4"
    assert "Business hours: Monday to Friday, 09:00 to 17:00 (UTC)" in [
        as_read(e.label) for e in at.expander
    ]


def test_a_promise_in_business_hours_is_saved_with_the_business_s_working_week(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    field(at.radio, "P2 hours are counted").set_value("business hours")
    field(at.selectbox, "Time zone").set_value("Europe/London")
    field(at.selectbox, "Working day starts").set_value("08:30")
    field(at.selectbox, "Public holidays of").set_value("GB")
    field(at.text_input, "Region (for regional holidays)").set_value("eng")
    click(at, "Save promises")
    assert not texts(at, "error")
    service = latest(app_store).current.service  # type: ignore[union-attr]
    assert service is not None
    assert service.clocks == {"P2": "business hours"}
    assert service.business_hours == BusinessHours(
        time_zone="Europe/London", start=time(8, 30), country="GB", region="ENG"
    )
    table = next(d.value for d in at.dataframe if "Counted" in d.value.columns)
    assert list(table["Counted"]) == [
        "24/7 (every hour counts)",
        "business hours only",
        "24/7 (every hour counts)",
    ]
    assert "P2 hours are business hours only (Monday to Friday, 08:30 to 17:00" in texts(
        at, "caption"
    )


def test_a_region_the_country_does_not_have_is_refused_and_nothing_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    field(at.selectbox, "Public holidays of").set_value("GB")
    field(at.text_input, "Region (for regional holidays)").set_value("XYZ")
    click(at, "Save promises")
    assert "'XYZ' is not a region of GB" in texts(at, "error")
    assert latest(app_store) == demo


def test_a_working_day_that_ends_before_it_starts_is_refused(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    field(at.selectbox, "Working day ends").set_value("08:00")
    click(at, "Save promises")
    assert "must end after it starts" in texts(at, "error")
    assert latest(app_store) == demo


EXPORT = b"""Ticket,Created at,Solved at,Priority,Status
1,2026-09-01 09:00,2026-09-01 12:00,Urgent,Closed
2,2026-09-02 10:00,2026-09-04 10:00,Urgent,Closed
3,2026-09-03 08:00,,Sev A,Open
"""


def test_the_demo_shows_how_its_priority_words_were_read(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("service")
    words = next(d.value for d in at.data_editor if "Priority in the file" in d.value.columns)
    assert list(words["Priority in the file"]) == ["3 - Normal", "2 - High", "1 - Critical"]
    assert list(words["Read as"]) == ["P3 (routine)", "P2 (important)", "P1 (urgent)"]
    assert "How the priorities written in the file became P1, P2 and P3" in texts(at, "caption")


def test_a_priority_word_not_recognised_can_be_read_as_the_user_says_on_import(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    at.file_uploader[0].upload("tickets.csv", EXPORT, "text/csv").run()
    sev_a = field(at.selectbox, "Priority word 2 of 2 (1 row)")
    assert sev_a.value == "left out"
    sev_a.set_value("P1")
    click(at, "Import these tickets")
    assert not texts(at, "error")
    info = latest(app_store).tickets
    assert info is not None and (info.tickets, info.skipped) == (3, 0)
    assert info.mapping["priority_words"] == {"Sev A": "P1"}
    words = next(d.value for d in at.data_editor if "Priority in the file" in d.value.columns)
    assert list(words["Decided by"]) == ["ITexit", "you"]


def test_after_import_a_priority_word_can_be_read_otherwise_without_uploading_again(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    at.file_uploader[0].upload("tickets.csv", EXPORT, "text/csv").run()
    click(at, "Import these tickets")  # "Sev A" is not recognised: its ticket is left out
    info = latest(app_store).tickets
    assert info is not None and (info.tickets, info.skipped) == (2, 1)
    at.file_uploader[0].clear().run()
    words = next(i for i, d in enumerate(at.data_editor) if "Read as" in d.value.columns)
    rows = list(at.data_editor[words].value["Priority in the file"])
    edit(at, words, {rows.index("Sev A"): {"Read as": "P1 (urgent)"}})
    click(at, "Read the priorities this way")
    assert not texts(at, "error")
    info = latest(app_store).tickets
    assert info is not None and (info.tickets, info.skipped) == (3, 0)
    assert info.mapping["priority_words"] == {"Sev A": "P1"}
    assert info.file_name == "tickets.csv"
