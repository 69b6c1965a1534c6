"""The exit journey in Chromium: contract and deadline, evidence, notice letter, offboarding.

What only a browser shows: the date inputs as typed, the downloaded calendar, letter and
checklist files read back by parsers of their own (vobject, python-docx, csv), and the drawn
timeline.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

import docx
import pytest
import vobject

from itexit.exit import GROUND_BY_ID, Contract, add_months, next_deadline, offboarding_items
from itexit.words import long_date

try:
    from playwright.sync_api import Download, Locator, expect
except ImportError:
    if os.environ.get("ITEXIT_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

if TYPE_CHECKING:  # for the type only: a conftest is not a module to import from
    from conftest import App

EVALUATION = "Exit review"
CURRENT = "Oldco IT"
BUSINESS = "Acme Ltd"
SIGNATORY = "Jo Bloggs, Director"
PERFORMANCE = GROUND_BY_ID["performance"].title
TODAY = date.today()
# Thirty months into a three-year term that renews by itself: the term ends in about six
# months, and 90 days' notice puts the last day to give it about three months away.
CONTRACT = Contract(
    start=add_months(TODAY, -30),
    term_months=36,
    auto_renews=True,
    renewal_months=12,
    notice_days=90,
    monthly_fee=Decimal("1450.00"),
    termination_fee=Decimal("5000.00"),
)


class Logged(NamedTuple):
    """An incident as the user types it into the log."""

    day: date
    hours: str
    what: str
    impact: str
    ticket: str


INCIDENTS = (  # oldest first, as they happened
    Logged(
        TODAY - timedelta(days=20),
        "3.5",
        "Server down all morning",
        "12 staff could not work",
        "T-1001",
    ),
    Logged(
        TODAY - timedelta(days=5),
        "6",
        "Email outage, no reply for two days",
        "Missed customer orders",
        "T-1042",
    ),
)
NON_RENEWAL = "Non-renewal: leave at the end of the current term"
SOME_EVIDENCE_ROUTE = "These grounds may let you leave early, once the evidence is stronger."
TERMINATION = "Termination for cause: leave now, on the grounds you marked"
CHECKLIST_HEADER = ["phase", "item", "details", "owner", "days_from_cutover", "due", "status"]


# Driving the exit pages --------------------------------------------------------------------------


def create_evaluation_with_current_provider(app: App) -> None:
    """An evaluation of our own, its one provider the current one (as test_journeys does)."""
    page = app.page
    app.open()
    page.get_by_label("Name", exact=True).fill(EVALUATION)
    with app.expect_run():
        page.get_by_role("button", name="Create evaluation").click()
    expect(page.get_by_text(f"Working on {EVALUATION}.")).to_be_visible()
    app.navigate("Providers")
    adding = form(app, "Add provider")
    adding.get_by_label("Provider name", exact=True).fill(CURRENT)
    adding.get_by_text("Our current provider", exact=True).click()
    submit(app, adding, "Add provider")
    card = page.get_by_test_id("stVerticalBlock").filter(has=page.get_by_text(CURRENT, exact=True))
    expect(card.last).to_contain_text("Current provider")


def form(app: App, button: str) -> Locator:
    """The form with this submit button."""
    return app.page.get_by_test_id("stForm").filter(
        has=app.page.get_by_role("button", name=button, exact=True)
    )


def type_date(app: App, container: Locator, label: str, day: date) -> None:
    """Type a date into an `st.date_input` of format YYYY-MM-DD, as a keyboard user does.

    The field is a group of year, month and day segments that move on by themselves once a
    segment is full. Clicking it opens a calendar; Escape closes it and keeps the typed date.
    """
    field = container.get_by_role("group", name=label, exact=True)
    field.get_by_role("spinbutton", name=f"year, {label}").click()
    app.page.keyboard.type(day.strftime("%Y%m%d"))
    app.page.keyboard.press("Escape")
    expect(app.page.get_by_test_id("stDateInputCalendar")).to_have_count(0)
    expect(field).to_have_text(day.isoformat())


def pick(app: App, container: Locator, label: str, option: str) -> None:
    """Add an option to an `st.multiselect`: typing opens its list (a click may only focus it).

    While the list is open the rest of the page is hidden from the accessibility tree, so
    locators scoped by role (`container` may be one) find nothing until it closes: the keys
    go to the page.
    """
    box = container.get_by_role("combobox", name=label, exact=True)
    box.click()
    app.page.keyboard.type(option[:12])
    app.page.get_by_role("option", name=option, exact=True).click()
    app.page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    combobox = app.page.get_by_role("combobox", name=label, exact=True)
    chosen = container.get_by_test_id("stMultiSelect").filter(has=combobox)
    expect(chosen.get_by_role("group", name="Selected values")).to_contain_text(option)


def choose_radio(group: Locator, option: str) -> None:
    """Pick an option of an `st.radio` by its visible label (the input itself is hidden)."""
    group.get_by_text(option, exact=True).click()
    expect(group.get_by_role("radio", name=option, exact=True)).to_be_checked()


def submit(app: App, container: Locator, button: str) -> None:
    with app.expect_run():
        container.get_by_role("button", name=button, exact=True).click()


def download(app: App, button: str) -> Download:
    with app.page.expect_download() as started:
        app.page.get_by_role("button", name=button).click()
    return started.value


def cell(grid: Locator, column: int, row: int) -> Locator:
    return grid.get_by_test_id(f"glide-cell-{column}-{row}")


# The journey -------------------------------------------------------------------------------------


def test_a_user_plans_the_exit_from_contract_to_offboarding_checklist(app: App) -> None:
    """From a new evaluation to the notice deadline in a calendar, evidence, letter, checklist."""
    page = app.page
    create_evaluation_with_current_provider(app)

    # Contract & deadlines: the deadline worked out from the contract, and the calendar file.
    app.navigate("Contract & deadlines")
    expect(page.get_by_text(f"No contract recorded for {CURRENT} yet")).to_be_visible()
    contract = form(app, "Save contract")
    type_date(app, contract, "Start date", CONTRACT.start)
    contract.get_by_label("Term in months", exact=True).fill(str(CONTRACT.term_months))
    renews = "Renews automatically unless notice is given"
    contract.get_by_text(renews, exact=True).click()
    expect(contract.get_by_role("checkbox", name=renews)).to_be_checked()
    contract.get_by_label("Notice period", exact=True).fill(str(CONTRACT.notice_days))
    contract.get_by_label("Monthly fee", exact=True).fill("1,450.00")
    contract.get_by_label("Early-termination fee", exact=True).fill("5000")
    submit(app, contract, "Save contract")

    deadline = next_deadline(CONTRACT, TODAY)
    assert deadline is not None and deadline.notice_by is not None
    assert deadline.days_left is not None and deadline.days_left > 30, "not near: no warning"
    metric = page.get_by_test_id("stMetric").filter(has_text="Last day to give notice")
    expect(metric).to_contain_text(long_date(deadline.notice_by))
    expect(metric).to_contain_text(f"{deadline.days_left} days left")
    ends = page.get_by_test_id("stMetric").filter(has_text="Contract ends (with notice)")
    expect(ends).to_contain_text(long_date(deadline.term_end))
    for warning in (
        "Long notice period: you must give 90 days' notice.",
        "Long term: 36 months.",
        "Automatic renewal: unless you give notice in time, the contract renews for another "
        "12 months.",
    ):
        expect(page.get_by_test_id("stAlert").filter(has_text=warning)).to_be_visible()
    renewal = page.get_by_test_id("stMetric").filter(has_text="Renews, without notice, on")
    expect(renewal).to_contain_text(long_date(deadline.term_end + timedelta(days=1)))
    fees = "Monthly fee USD 1,450.00; early-termination fee USD 5,000.00."
    expect(page.get_by_text(fees)).to_be_visible()
    expect(page.get_by_text("Notice period: 90 days' notice, counted back")).to_be_visible()

    ics = download(app, "Add the key dates to your calendar (.ics)")
    assert ics.suggested_filename == "itexit-exit-review-key-dates.ics"
    calendar = vobject.readOne(ics.path().read_text(encoding="utf-8"))
    events = {event.summary.value: event for event in calendar.vevent_list}
    notice = events[f"Last day to give notice to {CURRENT}"]
    assert notice.dtstart.value == deadline.notice_by
    reminders = sorted(alarm.trigger.value for alarm in notice.contents["valarm"])
    assert reminders == [timedelta(days=-days) for days in (60, 30, 7, 1)]
    assert events[f"Contract with {CURRENT} ends (if notice given)"].dtstart.value == (
        deadline.term_end
    )

    # Grounds & evidence: two incidents logged against a ground that applies.
    app.navigate("Grounds & evidence")
    for incident in INCIDENTS:
        log = form(app, "Log incident")
        type_date(app, log, "Date", incident.day)
        log.get_by_label("Hours of downtime", exact=True).fill(incident.hours)
        log.get_by_label("What happened", exact=True).fill(incident.what)
        log.get_by_label("Impact on the business", exact=True).fill(incident.impact)
        log.get_by_label("Ticket or reference", exact=True).fill(incident.ticket)
        pick(app, log, "Evidence for", PERFORMANCE)
        submit(app, log, "Log incident")
        log_table = page.get_by_test_id("stDataFrame")
        expect(cell(log_table, 1, 0)).to_have_text(incident.what)  # the log is newest first

    grounds = form(app, "Save grounds")
    performance = grounds.get_by_test_id("stVerticalBlock").filter(
        has=page.get_by_text(PERFORMANCE, exact=True)
    )
    choose_radio(performance.last, "yes")
    submit(app, grounds, "Save grounds")
    expect(performance.last.get_by_role("radio", name="yes")).to_be_checked()  # saved, shown

    table = page.get_by_test_id("stDataFrame")
    newest, oldest = INCIDENTS[1], INCIDENTS[0]
    for row, incident in enumerate((newest, oldest)):
        expect(cell(table, 1, row)).to_have_text(incident.what)
        expect(cell(table, 4, row)).to_have_text(incident.ticket)
        expect(cell(table, 5, row)).to_have_text(PERFORMANCE)
    expect(page.get_by_text("2 incidents, 9.5 hours of downtime in all.")).to_be_visible()
    route = page.get_by_role("paragraph").filter(has_text=SOME_EVIDENCE_ROUTE)
    expect(route).to_contain_text(f"{PERFORMANCE} (some evidence: dated incidents, not yet")
    expect(route).to_contain_text("To make it strong, log 1 more dated incident.")
    expect(performance.last).to_contain_text("Some evidence: dated incidents, not yet enough")

    # Notice letter: the termination letter quotes the evidence, as Word and as text.
    app.navigate("Notice letter")
    sender = form(app, "Save")
    sender.get_by_label("Your company's name", exact=True).fill(BUSINESS)
    sender.get_by_label("Signed by (name and title)", exact=True).fill(SIGNATORY)
    submit(app, sender, "Save")
    letter = page.get_by_label("The letter", exact=True)
    signed = f"^{re.escape(BUSINESS)}\n.*\n{re.escape(SIGNATORY)}\n{re.escape(BUSINESS)}\n$"
    expect(letter).to_have_value(re.compile(signed, re.S))  # the letter opens and signs off
    kind = page.get_by_role("radiogroup", name="Kind of notice")
    # Two incidents are some evidence, not strong: the draft starts as a non-renewal.
    expect(kind.get_by_role("radio", name=NON_RENEWAL)).to_be_checked()
    expect(letter).to_have_value(re.compile("Subject: Notice of non-renewal"))
    with app.expect_run():
        choose_radio(kind, TERMINATION)
    expect(letter).to_have_value(re.compile("Subject: Notice of termination for cause"))
    expect(page.get_by_text("This is a draft, not legal advice.")).to_be_visible()
    expect(
        page.get_by_text("Replace '[the date you want it to end]' with the date")
    ).to_be_visible()
    on_page = letter.input_value()

    word = download(app, "Download as Word (.docx)")
    assert word.suggested_filename == "itexit-exit-review-notice-letter.docx"
    paragraphs = "\n".join(p.text for p in docx.Document(str(word.path())).paragraphs)
    text = download(app, "Download as text (.txt)").path().read_text(encoding="utf-8")
    assert text == on_page  # the text file is the page's letter, character for character
    assert paragraphs.replace("\n", "") == on_page.replace("\n", "")  # Word: one per paragraph
    for written in (paragraphs, text):
        assert "Subject: Notice of termination for cause of our managed IT services" in written
        assert f"Dear {CURRENT}," in written
        assert BUSINESS in written and SIGNATORY in written
        assert PERFORMANCE not in written  # the ground is a sentence to them, not a heading
        assert "You have repeatedly not provided the services set out in the agreement." in (
            written
        )
        for incident in INCIDENTS:
            assert f"- {long_date(incident.day)}: {incident.what} (impact: {incident.impact};" in (
                written
            )  # as typed: no capital or full stop added
            assert f"your reference: {incident.ticket})" in written
        # No cut-over yet: the letter leaves early, so it does not ask for the term's end.
        assert "We ask that the agreement end on [the date you want it to end]." in written

    # Offboarding: every item dated from the cut-over, in the CSV and on the timeline.
    app.navigate("Offboarding")
    cutover = TODAY + timedelta(days=75)
    dates = form(app, "Save dates")
    type_date(app, dates, "Cut-over", cutover)
    submit(app, dates, "Save dates")
    expect(page.get_by_text("Set the cut-over date above")).to_have_count(0)
    expect(page.get_by_text(f"0 of {len(offboarding_items())} items done")).to_be_visible()

    checklist = download(app, "Download the checklist (CSV)")
    assert checklist.suggested_filename == "itexit-exit-review-offboarding.csv"
    data = checklist.path().read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == CHECKLIST_HEADER
    assert len(rows) == len(offboarding_items()) == 23
    for line in rows:
        fields = dict(zip(header, line, strict=True))
        due = cutover + timedelta(days=int(fields["days_from_cutover"]))
        assert fields["due"] == due.isoformat(), fields["item"]
        assert fields["status"] == "to do"

    chart = page.locator(".js-plotly-plot")
    expect(chart).to_have_count(1)
    expect(chart.locator(".scatterlayer .trace").first).to_be_attached()
    expect(chart).to_contain_text("Cut-over")
    expect(chart).to_contain_text(f"{cutover:%d %b %Y}")
    assert app.page_errors == []
