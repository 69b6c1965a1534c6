"""The Costs and Service levels pages through AppTest."""

from __future__ import annotations

from decimal import Decimal

import pytest

from itexit.evaluation import Evaluation
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import DEMO, click, latest, texts
from tests.app.helpers import widget as field

# Costs -------------------------------------------------------------------------------------------


def test_costs_without_prices_asks_for_them(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(evaluation)
    at = open_page("costs")
    assert "Enter the pricing of your current provider" in texts(at, "info")


def test_costs_compares_staying_with_switching_on_the_demo(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("costs")
    table = at.dataframe[0].value
    assert list(table["Option"]) == [
        "Stay with SwiftNet IT",
        "Switch to Nimbus IT",
        "Switch to Bluegate Technology",
    ]
    assert table.loc[0, "Monthly price now"] == 2150.0  # 35 users × 55 + 225
    assert "Switch to Nimbus IT** costs USD" in texts(at, "markdown")
    assert len(at.get("plotly_chart")) == 3
    assert "billed for 13 user(s)" in texts(at, "warning")


def test_changing_the_business_figures_changes_the_prices(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("costs")
    field(at.number_input, "Users").set_value(20)
    field(at.text_input, "Cost of an hour of downtime").set_value("1,000")
    click(at, "Save")
    business = latest(app_store).business
    assert (business.users, business.downtime_cost_per_hour) == (20, Decimal("1000.00"))
    assert at.dataframe[0].value.loc[0, "Monthly price now"] == 20 * 55 + 225


@pytest.mark.parametrize(
    ("label", "value", "problem"),
    [
        ("Per user, per month", "-5", "Per user can't be negative"),
        ("Flat monthly fee", "cheap", "'cheap' is not an amount"),
        ("Onboarding fee (one-time)", "10.005", "fractions of a cent"),
        ("Yearly price increase (%)", "lots", "'lots' is not a number"),
        ("Yearly price increase (%)", "250", "less than or equal to 100"),
    ],
)
def test_a_bad_price_is_refused_and_nothing_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store, label: str, value: str, problem: str
) -> None:
    at = open_page("costs")
    field(at.text_input, label).set_value(value)
    click(at, "Save pricing")
    assert problem in texts(at, "error")
    assert latest(app_store) == demo


def test_the_billing_check_can_be_logged_as_evidence(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("costs")
    click(at, "Add this to the incident log as evidence")
    logged = latest(app_store).exit.incidents[-1]
    assert logged.grounds == ("billing",)
    assert "13 users" in logged.what


# Service levels ----------------------------------------------------------------------------------

EXPORT = b"""Ticket,Created at,First reply at,Solved at,Priority,Status
1,2026-09-01 09:00,2026-09-01 09:30,2026-09-01 12:00,Urgent,Closed
2,2026-09-02 10:00,2026-09-02 14:00,2026-09-04 10:00,Urgent,Closed
3,2026-09-03 08:00,2026-09-03 08:20,,High,Open
4,not a date,2026-09-03 08:20,,High,Open
"""


def test_service_page_shows_promised_against_delivered_for_the_demo(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("service")
    table = at.dataframe[0].value
    assert list(table["Priority"]) == ["P1", "P2", "P3"]
    assert table["Tickets"].sum() == 420
    assert len(at.get("plotly_chart")) == 1


def test_importing_a_ticket_export_maps_columns_and_reports_skipped_rows(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    at.file_uploader[0].upload("zendesk.csv", EXPORT, "text/csv").run()
    assert "4 rows" in texts(at, "markdown")
    assert field(at.selectbox, "Created").value == "Created at"
    assert field(at.selectbox, "First response").value == "First reply at"
    click(at, "Import these tickets")
    info = latest(app_store).tickets
    assert info is not None
    assert (info.file_name, info.tickets, info.skipped) == ("zendesk.csv", 3, 1)
    assert "1 row with no creation date" in texts(at, "warning")
    assert app_store.tickets(app_store.find(DEMO).id) is not None


AMBIGUOUS = b"""Ticket,Created,Priority
1,05/09/2026 10:00,High
2,03/11/2026 08:30,Low
"""


def test_dates_that_read_either_way_are_shown_both_ways_and_imported_as_chosen(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    at.file_uploader[0].upload("dates.csv", AMBIGUOUS, "text/csv").run()
    both_ways = at.dataframe[1].value
    assert list(both_ways["Read day first"]) == ["5 September 2026 10:00", "3 November 2026 08:30"]
    assert list(both_ways["Read month first"]) == ["9 May 2026 10:00", "11 March 2026 08:30"]
    click(at, "Import these tickets")
    assert "choose how the file writes its dates" in texts(at, "error")
    assert latest(app_store) == demo
    field(at.selectbox, "Dates such as 05/09/2026 10:00 are").set_value("day first")
    click(at, "Import these tickets")
    info = latest(app_store).tickets
    assert info is not None and info.mapping["date_order"] == "day first"
    assert "created 05 Sep 2026 to 03 Nov 2026" in texts(at, "caption")


def test_a_file_with_no_usable_ticket_is_refused_and_nothing_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    before = app_store.tickets(app_store.find(DEMO).id)
    at.file_uploader[0].upload("bad.csv", b"Created at,Priority\nsoon,High\n", "text/csv").run()
    click(at, "Import these tickets")
    assert "Nothing was imported" in texts(at, "error")
    assert latest(app_store) == demo
    assert app_store.tickets(app_store.find(DEMO).id) == before


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "The file is empty"), (b"one column\nx\n", "only one column"), (b"a,b\n", "no tickets")],
    ids=["empty", "wrong delimiter", "header only"],
)
def test_an_unusable_file_is_explained_on_upload(
    open_page: OpenPage, demo: Evaluation, data: bytes, problem: str
) -> None:
    at = open_page("service")
    at.file_uploader[0].upload("tickets.csv", data, "text/csv").run()
    assert problem in texts(at, "error")
    assert not [b for b in at.button if b.label == "Import these tickets"]


def test_cancelling_an_import_saves_nothing(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("service")
    at.file_uploader[0].upload("zendesk.csv", EXPORT, "text/csv").run()
    click(at, "Cancel")
    assert "Import cancelled" in texts(at, "error")
    assert latest(app_store) == demo


def test_saving_promises(open_page: OpenPage, demo: Evaluation, app_store: Store) -> None:
    at = open_page("service")
    field(at.text_input, "Uptime guarantee (%)").set_value("99.95")
    field(at.number_input, "P1 response").set_value(0.25)
    click(at, "Save promises")
    service = latest(app_store).current.service  # type: ignore[union-attr]
    assert service is not None
    assert (service.uptime, service.response_hours["P1"]) == (Decimal("99.95"), 0.25)


@pytest.mark.parametrize(
    ("uptime", "problem"), [("abc", "is not a number"), ("101", "less than or equal to 100")]
)
def test_a_bad_uptime_is_refused(
    open_page: OpenPage, demo: Evaluation, app_store: Store, uptime: str, problem: str
) -> None:
    at = open_page("service")
    field(at.text_input, "Uptime guarantee (%)").set_value(uptime)
    click(at, "Save promises")
    assert problem in texts(at, "error")
    assert latest(app_store) == demo
