"""The Service levels page's clocks through AppTest: how each priority's hours are counted, the
business's working week and public holidays, saved with the promises and shown with the
delivered figures."""

from __future__ import annotations

from datetime import time

from itexit.evaluation import Evaluation
from itexit.service.models import BusinessHours
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import as_read, click, latest, texts
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
    table = at.dataframe[-1].value
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
