"""Untrusted text in Chromium: every page shows hostile names, notes and imported texts as text.

The app starts on one evaluation whose every text is Markdown or HTML meant to do harm
(`tests/hostile.py`: bold, LaTeX, colours, icons, emoji, an image on 127.0.0.1:9, links, an
`<img onerror>` and a bare address), as a hostile JSON import would leave it. A user walks all
16 pages, uploads a ticket export whose file and column names are hostile too, makes one
change whose confirmation names a hostile provider and one whose refusal quotes another. On
every page:

- no request leaves for a hostile address, and no dialog opens;
- no image, link, formula or coloured text is made from the texts, and each text shows whole:
  where its marker ("zq-bold") is on the page, the text around it is too ("**zq-bold**");
- the tables offer no CSV download of their own (their toolbar's bypasses the formula guard
  of the app's own downloads).

Then every download the pages offer gives its file, though the saved letter and the answers
hold characters a Word document cannot (NUL, vertical tab, form feed, escape).

What only a browser shows: what Streamlit's Markdown, its extensions and plotly make of the
text, and the requests the page makes.
"""

from __future__ import annotations

import csv
import io
import os
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import docx
import openpyxl
import pytest
import vobject
from pypdf import PdfReader

from itexit.demo import demo_ticket_set
from itexit.store import Store
from tests.hostile import (
    CONTROLS,
    HOSTILE,
    LEAK_ADDRESSES,
    hostile_evaluation,
    hostile_name,
    marker,
)

try:
    from playwright.sync_api import Dialog, Page, Request, expect
except ImportError:
    if os.environ.get("ITEXIT_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

if TYPE_CHECKING:  # for the type only: a conftest is not a module to import from
    from conftest import App

PAGES = (
    "Providers",
    "Priorities",
    "Criteria & must-haves",
    "Scorecard",
    "Questionnaires",
    "Compare",
    "Reviews over time",
    "Costs",
    "Service levels",
    "Decide",
    "Due diligence",
    "Contract & deadlines",
    "Grounds & evidence",
    "Notice letter",
    "Offboarding",
)
"""Every page after Evaluations, where the app opens, in the order of the sidebar; History is
read after the changes below, when a revision's summary names a hostile provider."""
UPLOAD_NAME = "**zq-bold** $zq-math$ :red[zq-red] <img src=x onerror=alert(1)>zq-html.csv"
UPLOAD = ";".join(hostile_name(n) for n in range(4)) + "\n" + "2026-01-05 09:00;P1;x;y\n"
# What the page shows, as the DOM has it: the text outside charts (plotly draws its own, and
# cuts long names), and every element a hostile text would turn into.
READ_PAGE = """addresses => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('.js-plotly-plot, style, script').forEach(e => e.remove());
    const made = [];
    const leaks = (value) => value === 'x' || addresses.some(a => (value || '').includes(a));
    for (const a of document.querySelectorAll('a')) {
        if (leaks(a.getAttribute('href') || a.getAttribute('xlink:href'))) made.push(a.outerHTML);
    }
    for (const img of document.querySelectorAll('img')) {
        if (leaks(img.getAttribute('src'))) made.push(img.outerHTML);
    }
    for (const e of document.querySelectorAll('.katex, .stMarkdownColoredText')) {
        made.push(e.outerHTML.slice(0, 300));
    }
    return {text: copy.textContent.replaceAll('\\u2060', ''), made: made};
}"""


@pytest.fixture
def prepare_database() -> Any:
    """The database holds only the hostile evaluation and its tickets (no demo is added)."""

    def store_hostile(url: str) -> None:
        store = Store(url)
        stored = store.seed_once(hostile_evaluation)
        assert stored is not None
        store.save_tickets(stored.id, demo_ticket_set())
        store.dispose()

    return store_hostile


class Watch:
    """Everything the tab asked for and every dialog it opened, from the first page on."""

    def __init__(self, page: Page) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self._request(request))
        page.on("dialog", lambda dialog: self._dialog(dialog))

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def leaks(self) -> list[str]:
        """The requests for a hostile address (a relative `x` resolves to the app's own host)."""
        return [
            url
            for url in self.requests
            if any(a in url for a in LEAK_ADDRESSES)
            or urlparse(url).path.endswith(("/x", "/x.png"))
        ]


def problems_with_text(app: App, watch: Watch) -> list[str]:
    """How the page fails to show every hostile text as text, or lets something leave for
    their addresses: nothing when all is well."""
    expect(app.page.get_by_test_id("stException")).to_have_count(0)
    app.page.wait_for_timeout(300)  # images start loading once drawn
    for _ in range(20):  # a table draws its cells a moment after the page has run
        shown = app.page.evaluate(READ_PAGE, list(LEAK_ADDRESSES))
        text: str = shown["text"]
        counts = {h: (text.count(marker(h)), text.count(h)) for h in HOSTILE}
        if any(w for _, w in counts.values()):
            break
        app.page.wait_for_timeout(500)
    problems = [f"made from user text: {made}" for made in shown["made"]]
    problems += [f"{h!r} shown {m} times, whole {w}" for h, (m, w) in counts.items() if m != w]
    if not any(w for _, w in counts.values()):
        problems.append("no hostile text shown at all")
    problems += [f"request for {url}" for url in watch.leaks()]
    problems += [f"dialog: {message}" for message in watch.dialogs]
    problems += [f"error in the page: {error}" for error in app.page_errors]
    watch.requests.clear()
    watch.dialogs.clear()
    app.page_errors.clear()
    return problems


def tables_with_a_download(app: App) -> list[str]:
    """The tables on the page that offer a CSV download of their own (seen when hovered)."""
    page = app.page
    offering = []
    for number, grid in enumerate(page.get_by_test_id("stDataFrame").all()):
        if not grid.is_visible():
            continue  # in a closed tab or expander
        grid.hover()
        toolbar = page.get_by_test_id("stElementToolbar").filter(visible=True)
        expect(toolbar.get_by_role("button", name="Fullscreen").first).to_be_visible()
        if toolbar.get_by_role("button", name="Download as CSV").count():
            offering.append(f"table {number + 1} offers its own CSV download")
    return offering


def upload_hostile_tickets(app: App) -> None:
    """Drop a ticket export with hostile file and column names on the uploader."""
    uploader = app.page.get_by_test_id("stFileUploader")
    files: Any = {"name": UPLOAD_NAME, "mimeType": "text/csv", "buffer": UPLOAD.encode()}
    with app.expect_run():
        uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files)
    expect(app.page.get_by_test_id("stForm")).not_to_have_count(0)


def test_every_page_shows_hostile_names_notes_and_imported_texts_as_text(app: App) -> None:
    watch = Watch(app.page)
    app.open()
    expect(app.page.get_by_role("heading", level=1)).to_have_text("Evaluations")
    problems = {"Evaluations": problems_with_text(app, watch) + tables_with_a_download(app)}
    for title in PAGES:
        app.navigate(title)
        if title == "Service levels":
            upload_hostile_tickets(app)
        problems[title] = problems_with_text(app, watch) + tables_with_a_download(app)

    app.navigate("Providers")
    page = app.page
    boxes = page.get_by_test_id("stVerticalBlock").filter(has_text="zq-emoji")  # one candidate
    card = boxes.filter(has=page.get_by_role("button", name="Make current")).last
    with app.expect_run():
        card.get_by_role("button", name="Make current").click()
    expect(app.page.get_by_test_id("stToast")).to_be_visible()
    problems["the confirmation of a change"] = problems_with_text(app, watch)

    form = page.get_by_test_id("stForm").filter(has_text="Add a provider")
    form.get_by_label("Provider name").fill(hostile_name(2, " 1"))  # taken: refused, quoted
    with app.expect_run():
        form.get_by_role("button", name="Add provider").click()
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("already a provider")
    problems["the refusal of a change"] = problems_with_text(app, watch)
    app.navigate("History")
    problems["History"] = problems_with_text(app, watch) + tables_with_a_download(app)
    failing = [f"{where}: {found}" for where, found in problems.items() if found]
    assert not failing, "\n".join(failing)


DOWNLOADS = {
    "Compare": ("Download the comparison (CSV)", "Download the comparison (Excel)"),
    "Decide": ("Download the board report (PDF)",),
    "Due diligence": (
        "Download the question list to print (.docx)",
        re.compile(r"^Download with .*answers \(\.docx\)$"),
        "… or as text (.txt)",
    ),
    "Contract & deadlines": ("Add the key dates to your calendar (.ics)",),
    "Notice letter": ("Download as Word (.docx)", "Download as text (.txt)"),
    "Offboarding": ("Download the checklist (CSV)",),
}
"""Every download button of the app, by page."""


def read_back(name: str, data: bytes) -> str:
    """A downloaded file read by a parser of its own: its text."""
    if name.endswith(".docx"):
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    if name.endswith(".ics"):
        return str(vobject.readOne(data.decode("utf-8")).serialize())
    if name.endswith(".csv"):
        return str(list(csv.reader(io.StringIO(data.decode("utf-8-sig")))))
    if name.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(data))
        return str([list(s.iter_rows(values_only=True)) for s in book.worksheets])
    if name.endswith(".pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


def test_every_download_gives_its_file_though_the_texts_hold_what_word_cannot(app: App) -> None:
    app.open()
    for title, buttons in DOWNLOADS.items():
        app.navigate(title)
        for button in buttons:
            with app.page.expect_download() as started:
                app.page.get_by_role("button", name=button).click()
            download = started.value
            path = download.path()
            assert download.failure() is None, (title, button, download.failure())
            text = read_back(download.suggested_filename, path.read_bytes())
            assert text.strip(), (title, button)
            assert not set(CONTROLS) & set(text), (title, button)
