"""The Costs and Service levels pages through AppTest."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from itexit.cost import Business, Pricing, options, payback_month
from itexit.evaluation import Evaluation
from itexit.exit import Contract
from itexit.exit.dates import add_months
from itexit.export import comparison_csv
from itexit.service import ServiceLevels
from itexit.store import Store
from itexit.words import money
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
        "Switch to Nimbus IT at the term's end",
        "Switch to Bluegate Technology at the term's end",
    ]
    assert table.loc[0, "Monthly price now"] == 2150.0  # 35 users × 55 + 225
    # The demo's dates move with the day, so its figures are the domain's for today; on the
    # story day (1 Nov 2026) they are 49,123.15 = 11,747.15 money paid + 37,376.00 downtime.
    stay, nimbus, _ = options(demo, date.today())
    assert (
        f"Switch to Nimbus IT at the term's end** costs {money(stay.total - nimbus.total, 'USD')} "
        f"less than staying over 36 months: {money(stay.paid - nimbus.paid, 'USD')} less in money "
        f"paid (fees, one-off fees, staff time) and {money(stay.downtime - nimbus.downtime, 'USD')}"
        " less expected downtime (a risk estimate, not money paid)."
    ) in texts(at, "markdown")
    assert len(at.get("plotly_chart")) == 3
    assert "You are billed for 13 users more than you have: USD 715.00 a month" in texts(
        at, "warning"
    )
    assert "device" not in texts(at, "warning").split("a year.")[0]


def test_costs_name_a_candidate_without_a_price_and_show_no_raw_none(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("costs")
    stay, *switching = options(demo, date.today())
    assert (
        "Castle Managed Services: no price yet — enter its pricing (or the monthly fee in its "
        "contract) to compare it."
    ) in texts(at, "info")
    payback = at.dataframe[0].value["Pays for itself in month"]
    assert list(payback) == ["—", *(str(payback_month(stay, o)) for o in switching)]
    field(at.toggle, "Also show switching now, before the term ends").set_value(True).run()
    payback = at.dataframe[0].value["Pays for itself in month"]
    assert list(payback)[-1] == "not within 36 months"
    assert "Switching now: the new provider starts on" in texts(at, "markdown")
    assert "The totals assume the fee replaces the monthly fees for the rest of the term" in texts(
        at, "markdown"
    )


def test_an_empty_cost_of_an_hour_of_downtime_is_refused_and_nothing_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("costs")
    field(at.text_input, "Cost of an hour of downtime").set_value("")
    click(at, "Save")
    assert "Cost of an hour of downtime: enter an amount" in texts(at, "error")
    assert latest(app_store) == demo


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


def test_the_page_s_cost_figures_are_the_comparison_csv_s_digit_for_digit(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("costs")
    table = at.dataframe[0].value.set_index("Option")
    written = comparison_csv(latest(app_store), today=date.today()).decode("utf-8-sig")
    rows = {r["level"]: r for r in csv.DictReader(io.StringIO(written))}
    for provider in ("SwiftNet IT", "Nimbus IT", "Bluegate Technology"):
        option = next(o for o in table.index if o.endswith(provider) or provider + " at" in o)
        assert f"{table.loc[option, 'Total']:.2f}" == rows["total_cost"][provider]
        assert f"{table.loc[option, 'Monthly price now']:.2f}" == rows["monthly_cost"][provider]


def term_ahead(evaluation: Evaluation) -> Evaluation:
    """Oldco on a renewing 36-month contract with half a year to run whenever the test runs
    (30 days' notice, a fee of 5,000), 99.5 % uptime; Nimbus priced, with no uptime promise."""
    old, nimbus, _ = (p.id for p in evaluation.providers)
    start = add_months(date.today(), -30).replace(day=1)
    contract = Contract(
        start=start, term_months=36, auto_renews=True, notice_days=30, termination_fee=Decimal(5000)
    )
    return (
        evaluation.with_business(Business(users=10, downtime_cost_per_hour=Decimal(100)))
        .with_contract(old, contract)
        .with_pricing(old, Pricing(per_user=Decimal(60)))
        .with_service_levels(old, ServiceLevels(uptime=Decimal("99.5")))
        .with_pricing(nimbus, Pricing(per_user=Decimal(50), onboarding=Decimal(500)))
    )


def test_costs_say_by_when_to_give_notice_and_can_show_switching_now(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(term_ahead(evaluation))
    at = open_page("costs")
    said = texts(at, "markdown")
    assert "To switch at the term's end, give Oldco IT written notice by" in said
    assert "with no early-termination fee" in said
    assert "less than switching now, which pays the early-termination fee of USD 5,000.00" in said
    assert list(at.dataframe[0].value["Option"]) == [
        "Stay with Oldco IT",
        "Switch to Nimbus IT at the term's end",
    ]
    field(at.toggle, "Also show switching now, before the term ends").set_value(True).run()
    table = at.dataframe[0].value
    assert list(table["Option"])[2] == "Switch to Nimbus IT now"
    assert list(table["Termination"]) == [0.0, 0.0, 5000.0]


def test_costs_say_a_candidate_s_downtime_is_unknown_and_what_is_assumed(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(term_ahead(evaluation))
    at = open_page("costs")
    assert (
        "Nimbus IT: unknown, it states no uptime promise; assumed to match Oldco IT's 99.5 % "
        "promise, 43.8 hours a year." in texts(at, "caption")
    )
    assert "Downtime" in at.dataframe[0].value.columns


def test_downtime_can_be_left_out_of_every_total(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(term_ahead(evaluation))
    at = open_page("costs")
    field(at.radio, "Downtime in the totals").set_value("left out")
    click(at, "Save")
    assert latest(app_store, "Acme review").business.downtime == "left out"
    assert "Downtime is left out of every total, as you chose above." in texts(at, "caption")
    assert "Downtime" not in at.dataframe[0].value.columns


def test_the_currency_is_seen_and_set_where_the_money_is_entered(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("costs")
    assert field(at.text_input, "Currency").value == "USD"
    field(at.text_input, "Currency").set_value("eur")
    click(at, "Save")
    assert latest(app_store).currency == "EUR"
    assert "every amount in EUR" in texts(at, "markdown")


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
    assert "Nothing was saved" in texts(at, "error")
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
