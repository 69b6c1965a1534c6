"""The service-level journey in Chromium: a ticket export imported, mapped and measured.

The scenario, on a new evaluation whose one provider is the current one (no demo tickets):

1. The promises are saved: respond within 1, 4 and 8 hours and resolve within 8, 24 and 72
   hours for P1, P2 and P3.
2. A ticket export is uploaded as a file, as a user drops it: semicolons, a "Logged on" column
   the guesser does not know (so "Created" is picked by hand), and resolution as a number of
   hours with decimal commas in a column named "Hours to fix" (picked by hand, with "hours
   after creation"). Two of its nine rows cannot be used.
3. The page shows the import, the skipped rows by row number, the promised against the
   delivered figures worked out by hand below, and the month-by-month chart.
4. A second file, cancelled, changes nothing (and the form remembers the last mapping).

What only a browser shows: the file going through the real uploader, the mapping picked in the
selectboxes and radios of a form, and the table and chart as drawn.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest

from itexit.service import guess_mapping
from itexit.words import figure

try:
    from playwright.sync_api import Locator, expect
except ImportError:
    if os.environ.get("ITEXIT_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

if TYPE_CHECKING:  # for the type only: a conftest is not a module to import from
    from conftest import App

EVALUATION = "Service review"
CURRENT = "Oldco IT"
# Hours: (respond within, resolve within).
PROMISES = {"P1": (1, 8), "P2": (4, 24), "P3": (8, 72)}
UPTIME = "99.9"
HEADER = "Ref;Logged on;Urgency;State;Responded;Hours to fix"
# Row numbers as a spreadsheet shows them: the header is row 1. Urgent is P1, High P2, Low P3.
TICKETS = (
    # row 2, P1: responded after 0.5 h (met), resolved after 6 h (met)
    "T-101;2026-01-05 09:00;Urgent;Closed;2026-01-05 09:30;6",
    # row 3, P1: responded after 2 h (missed), resolved after 7.5 h (met)
    "T-102;2026-01-12 14:00;Urgent;Closed;2026-01-12 16:00;7,5",
    # row 4, P2: responded after 3 h (met), resolved after 30 h (missed)
    "T-103;2026-01-20 10:00;High;Closed;2026-01-20 13:00;30",
    # row 5: no creation date that can be read: skipped
    "T-104;sometime in January;Urgent;Closed;2026-01-22 10:00;3",
    # row 6, P2: responded after 1 h (met), resolved after 1.5 h (met)
    "T-105;2026-02-02 08:00;High;Closed;2026-02-02 09:00;1,5",
    # row 7, P3: responded after 4 h (met), resolved after 75 h (missed)
    "T-106;2026-02-03 11:00;Low;Closed;2026-02-03 15:00;75",
    # row 8, P3: responded after 24 h (missed), still open (no resolution to measure)
    "T-107;2026-02-10 09:00;Low;Open;2026-02-11 09:00;",
    # row 9: responded an hour before it was logged: skipped
    "T-108;2026-02-16 10:00;High;Closed;2026-02-16 09:00;2",
    # row 10, P3: responded after 0.5 h (met), resolved after 80 h (missed)
    "T-109;2026-02-20 16:00;Low;Closed;2026-02-20 16:30;80",
)
EXPORT = "\n".join((HEADER, *TICKETS)) + "\n"
SKIPPED = (
    "2 rows were skipped: 1 row with no creation date that can be read (row 5); "
    "1 row with a first response before the ticket was created (row 9)."
)


class Delivered(NamedTuple):
    """One priority's row of the table, as worked out by hand from TICKETS (met: percent)."""

    tickets: int
    still_open: int
    respond_met: float
    resolve_met: float


DELIVERED = {
    "P1": Delivered(tickets=2, still_open=0, respond_met=100 * 1 / 2, resolve_met=100 * 2 / 2),
    "P2": Delivered(tickets=2, still_open=0, respond_met=100 * 2 / 2, resolve_met=100 * 1 / 2),
    # The open ticket has no resolution time: resolution is measured on 2 tickets, not 3.
    "P3": Delivered(tickets=3, still_open=1, respond_met=100 * 2 / 3, resolve_met=100 * 0 / 2),
}
# The table's columns, left to right, as far as the grid draws them in a 1400 px window.
COLUMNS = (
    "Priority",
    "Tickets",
    "Still open",
    "Respond: promised (h)",
    "Respond: met",
    "Respond: median (h)",
    "Respond: 90 % within (h)",
    "Resolve: promised (h)",
    "Resolve: met",
)
COLUMN = {name: index for index, name in enumerate(COLUMNS)}
# A second export, cancelled: the same columns, so the form offers the last import's choices.
OTHER_EXPORT = "\n".join((HEADER, "T-201;2026-03-02 09:00;Urgent;Closed;2026-03-02 09:10;1")) + "\n"
HOURS = "hours after creation"


# Driving the page --------------------------------------------------------------------------------


def form(app: App, button: str) -> Locator:
    """The form with this submit button."""
    return app.page.get_by_test_id("stForm").filter(
        has=app.page.get_by_role("button", name=button, exact=True)
    )


def submit(app: App, container: Locator, button: str) -> None:
    with app.expect_run():
        container.get_by_role("button", name=button, exact=True).click()


def create_evaluation_with_current_provider(app: App) -> None:
    """An evaluation of our own, its one provider the current one (as test_journeys does)."""
    page = app.page
    app.open()
    page.get_by_label("Name", exact=True).fill(EVALUATION)
    submit(app, page.get_by_test_id("stMain"), "Create evaluation")
    expect(page.get_by_text(f"Working on {EVALUATION}.")).to_be_visible()
    app.navigate("Providers")
    adding = form(app, "Add provider")
    adding.get_by_label("Provider name", exact=True).fill(CURRENT)
    adding.get_by_text("Our current provider", exact=True).click()
    submit(app, adding, "Add provider")
    card = page.get_by_test_id("stVerticalBlock").filter(has=page.get_by_text(CURRENT, exact=True))
    expect(card.last).to_contain_text("Current provider")


def choose_in_form(app: App, container: Locator, label: str, option: str) -> None:
    """Pick an option of a selectbox in a form (no script runs until the form is submitted).

    A click may only focus the box; the Down arrow opens its list. While the list is open the
    rest of the page is hidden from the accessibility tree, so the option is found on the page.
    """
    box = container.get_by_role("combobox", name=label, exact=True)
    box.click()
    app.page.keyboard.press("ArrowDown")
    app.page.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)


def choose_radio(group: Locator, option: str) -> None:
    """Pick an option of an `st.radio` by its visible label (the input itself is hidden)."""
    group.get_by_text(option, exact=True).click()
    expect(group.get_by_role("radio", name=option, exact=True)).to_be_checked()


def upload(app: App, path: Path) -> Locator:
    """Give the ticket uploader a file, as a user dropping it does; the mapping form it opens."""
    uploader = app.page.get_by_test_id("stFileUploader")
    with app.expect_run():
        uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    expect(uploader.get_by_test_id("stFileChipName")).to_have_text(path.name)
    return form(app, "Import these tickets")


def cell(grid: Locator, column: str, row: int) -> Locator:
    return grid.get_by_test_id(f"glide-cell-{COLUMN[column]}-{row}")


def expect_number(shown: Locator, value: float) -> None:
    """A grid cell holds this number, to three decimals (the grid's accessible text is the
    unformatted value, written as JavaScript writes a float: 66.66666666666667)."""
    digits = repr(float(value))
    whole, fraction = digits.split(".")
    exactly = f"{whole}$" if fraction == "0" else rf"{whole}\.{fraction[:3]}"
    expect(shown).to_have_text(re.compile(f"^{exactly}"))


def shown(share: float) -> float:
    """A share as the table holds it: a whole percent, by the one rounding rule."""
    return float(figure(share, 0) or 0)


def expect_delivered(app: App) -> None:
    """The per-priority table: promised hours beside what was delivered, as worked out above."""
    grids = app.page.get_by_test_id("stDataFrame")
    # The preview of the file has gone with the file: the figures, then how the file's
    # priority words were read.
    expect(grids).to_have_count(2)
    expect(grids.nth(1).locator("th").first).to_have_text("Priority in the file")
    grid = grids.first
    headers = grid.locator("th")
    for index, name in enumerate(COLUMNS):
        expect(headers.nth(index)).to_have_text(name)
    for row, (priority, delivered) in enumerate(DELIVERED.items()):
        respond, resolve = PROMISES[priority]
        expect(cell(grid, "Priority", row)).to_have_text(priority)
        expect(cell(grid, "Tickets", row)).to_have_text(str(delivered.tickets))
        expect(cell(grid, "Still open", row)).to_have_text(str(delivered.still_open))
        expect_number(cell(grid, "Respond: promised (h)", row), respond)
        expect_number(cell(grid, "Respond: met", row), shown(delivered.respond_met))
        expect_number(cell(grid, "Resolve: promised (h)", row), resolve)
        expect_number(cell(grid, "Resolve: met", row), shown(delivered.resolve_met))


# The journey -------------------------------------------------------------------------------------


def test_a_user_imports_a_ticket_file_maps_its_columns_and_sees_promised_against_delivered(
    app: App, tmp_path: Path
) -> None:
    """From the promises to the measured ticket export, its skipped rows, table and chart."""
    guessed = guess_mapping(HEADER.split(";"))
    # The premises: the guesser misses two columns, so the user must pick them by hand.
    assert guessed["created"] is None and guessed["resolved"] is None
    assert guessed["resolved_kind"] == "timestamp"
    assert (guessed["priority"], guessed["status"], guessed["first_response"]) == (
        "Urgency",
        "State",
        "Responded",
    )
    page = app.page
    create_evaluation_with_current_provider(app)

    # The promises.
    app.navigate("Service levels")
    promises = form(app, "Save promises")
    expect(promises).to_contain_text(f"What {CURRENT} promises")
    promises.get_by_label("Uptime guarantee (%)", exact=True).fill(UPTIME)
    for priority, (respond, resolve) in PROMISES.items():
        promises.get_by_label(f"{priority} response", exact=True).fill(str(respond))
        promises.get_by_label(f"{priority} resolution", exact=True).fill(str(resolve))
    submit(app, promises, "Save promises")
    promises = form(app, "Save promises")  # drawn afresh from the store
    expect(promises.get_by_label("Uptime guarantee (%)", exact=True)).to_have_value(UPTIME)
    for priority, (respond, resolve) in PROMISES.items():
        shown = promises.get_by_label(f"{priority} response", exact=True)
        expect(shown).to_have_value(f"{respond:.2f}")
        shown = promises.get_by_label(f"{priority} resolution", exact=True)
        expect(shown).to_have_value(f"{resolve:.2f}")
    expect(page.get_by_text("No tickets imported yet.")).to_be_visible()

    # The ticket export, uploaded and mapped.
    export = tmp_path / "oldco-tickets.csv"
    export.write_text(EXPORT, encoding="utf-8")
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader).to_contain_text(f"Ticket export from {CURRENT} (CSV)")
    mapping = upload(app, export)
    expect(page.get_by_text(f"{len(TICKETS)} rows in {export.name}.")).to_be_visible()
    preview = page.get_by_test_id("stDataFrame")
    expect(preview.locator("th").first).to_have_text("Ref")
    for label, value in (
        ("Created", "(choose a column)"),  # nothing looked right: the user must choose
        ("Priority", "Urgency"),
        ("Status", "State"),
        ("Category", "(not in this file)"),
        ("First response", "Responded"),
        ("Resolved", "(not in this file)"),
    ):
        expect(mapping.get_by_role("combobox", name=label, exact=True)).to_have_value(value)
    choose_in_form(app, mapping, "Created", "Logged on")
    choose_in_form(app, mapping, "Resolved", "Hours to fix")
    choose_radio(mapping.get_by_role("radiogroup", name="Resolved is"), HOURS)
    first_response = mapping.get_by_role("radiogroup", name="First response is")
    expect(first_response.get_by_role("radio", name="a date and time")).to_be_checked()
    submit(app, mapping, "Import these tickets")

    # Promised against delivered.
    imported = len(TICKETS) - 2
    caption = page.get_by_text(f"{imported} tickets from {export.name}, imported")
    expect(caption).to_contain_text("created 05 Jan 2026 to 20 Feb 2026.")
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_text(SKIPPED)
    expect(page.get_by_text("Enter what")).to_have_count(0)  # the promises are there
    expect(uploader.get_by_test_id("stFileChip")).to_have_count(0)  # the form is done with
    expect(form(app, "Import these tickets")).to_have_count(0)
    expect_delivered(app)

    # Month by month: one line per priority, of the share resolved in time.
    chart = page.locator(".js-plotly-plot")
    expect(chart).to_have_count(1)
    expect(chart.locator(".scatterlayer .trace")).to_have_count(len(PROMISES))
    # P1 in January, P2 in January and February, P3 in February.
    expect(chart.locator(".scatterlayer .point")).to_have_count(4)
    for priority in PROMISES:
        expect(chart).to_contain_text(f"{priority}: resolved in time")
    expect(chart).to_contain_text("2026-01")
    expect(chart).to_contain_text("2026-02")

    # Another file, cancelled: the last mapping is offered, and nothing changes.
    other = tmp_path / "more-tickets.csv"
    other.write_text(OTHER_EXPORT, encoding="utf-8")
    mapping = upload(app, other)
    expect(mapping.get_by_role("combobox", name="Created", exact=True)).to_have_value("Logged on")
    expect(mapping.get_by_role("combobox", name="Resolved", exact=True)).to_have_value(
        "Hours to fix"
    )
    resolved_is = mapping.get_by_role("radiogroup", name="Resolved is")
    expect(resolved_is.get_by_role("radio", name=HOURS)).to_be_checked()
    submit(app, mapping, "Cancel")
    cancelled = page.get_by_test_id("stAlertContentError").get_by_test_id("stMarkdownContainer")
    expect(cancelled).to_have_text("Import cancelled; nothing was saved.")
    expect(uploader.get_by_test_id("stFileChip")).to_have_count(0)
    expect(page.get_by_text(f"{imported} tickets from {export.name}, imported")).to_be_visible()
    expect_delivered(app)
    assert app.page_errors == []
