"""Browser fixtures: the real app, started as `itexit run` on a new SQLite file, in Chromium.

Every test here is marked `browser` and gets its own server on its own new database (a start
takes about 3 s), so each one meets the app as a first-time user does: seeded with the demo
evaluation and nothing else.

Waits follow Streamlit's own messages, never the clock. One user action can start a chain of
script runs (a save ends with `st.rerun()`, so the page runs twice), and the page's run-state
attribute reads "notRunning" for a moment between them. The server, though, ends every run but
the last of a chain with `script_finished: FINISHED_EARLY_FOR_RERUN`; `App.expect_run` counts
the other `script_finished` messages on the app's websocket, then waits for the page to settle.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from google.protobuf.message import DecodeError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

try:
    from playwright.sync_api import Browser, Locator, Page, WebSocket, expect, sync_playwright
except ImportError:  # the `browser` fixture skips, or fails when a browser is required
    sync_playwright = None  # type: ignore[assignment]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
START_TIMEOUT_S = 60.0
RUN_TIMEOUT_S = 30.0
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
# Streamlit draws a data grid's header row this high; rows are taller (row_height).
GRID_HEADER_PX = 35


def require_or_skip(variable: str, reason: str) -> None:
    """Skip with `reason`, or fail when the environment says this part is required.

    The helper of tests/conftest.py, repeated: a conftest is not a module to import from.
    """
    if os.environ.get(variable) == "1":
        pytest.fail(f"{reason} ({variable}=1 makes this required)")
    pytest.skip(reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder `browser`, so `-m "not browser"` leaves them out."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember a failed test, so its fixtures can leave evidence behind when torn down."""
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_FAILED] = True
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    return bool(request.node.stash.get(_FAILED, False))


# The server -----------------------------------------------------------------------------------


class Server:
    """A running `itexit run`: where to reach it and what it has printed."""

    def __init__(self, url: str, log: Path, database_url: str) -> None:
        self.url = url
        self.log = log
        self.database_url = database_url

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.read().strip() == b"ok")
    except OSError:  # refused while starting, or a timeout
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def running_server(
    folder: Path, database_url: str, *, port: int | None = None, options: Sequence[str] = ()
) -> Iterator[Server]:
    """`itexit run` as users start it, on the database at `database_url`, until the block ends
    (on `port`, else a free one; `options` go to `itexit run` too)."""
    log = folder / "server.log"
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "itexit.cli",
        "run",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *options,
    ]
    env = {**os.environ, "ITEXIT_DATABASE_URL": database_url}
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    running = Server(f"http://127.0.0.1:{port}", log, database_url)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(running.url):
            if process.poll() is not None:
                problem = f"exited with status {process.returncode}"
            elif time.monotonic() > deadline:
                problem = f"was not healthy after {START_TIMEOUT_S:.0f} s"
            else:
                time.sleep(0.1)
                continue
            pytest.fail(f"`itexit run` {problem}. Its output ({log}):\n{running.output()}")
        yield running
    finally:
        _stop(process)


@pytest.fixture
def prepare_database() -> Callable[[str], object] | None:
    """What a test module puts in the database before the server starts (given its URL); by
    default nothing, so the app seeds the demo itself. A module overrides this fixture."""
    return None


@pytest.fixture
def server(
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
    prepare_database: Callable[[str], object] | None,
) -> Iterator[Server]:
    """The app as users start it, on a new SQLite database: empty (the app seeds the demo
    itself), or as `prepare_database` left it."""
    folder = tmp_path_factory.mktemp("server")
    url = f"sqlite:///{folder / 'itexit.db'}"
    if prepare_database is not None:
        prepare_database(url)
    with running_server(folder, url) as running:
        yield running
        if _failed(request):
            print(f"\nThe server's output: {running.log}")


# The browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (never a browser Playwright downloads)."""
    executable = shutil.which("chromium")
    if sync_playwright is None:
        require_or_skip("ITEXIT_REQUIRE_BROWSER", "Playwright is not installed")
    if executable is None:
        require_or_skip("ITEXIT_REQUIRE_BROWSER", "no `chromium` on PATH (apt install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def new_tab(browser: Browser) -> Iterator[Page]:
    """A tab in a browser context of its own: another person, with their own session."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(RUN_TIMEOUT_S * 1000)
    expect.set_options(timeout=RUN_TIMEOUT_S * 1000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A tab in a browser context of its own."""
    with new_tab(browser) as tab:
        yield tab


# Driving Streamlit ----------------------------------------------------------------------------


class App:
    """A browser tab on the app, with actions that wait for the script runs they start."""

    def __init__(self, page: Page, server: Server) -> None:
        self.page = page
        self.server = server
        self.finished_runs = 0
        self.page_errors: list[str] = []
        page.on("websocket", self._watch)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _watch(self, websocket: WebSocket) -> None:
        if websocket.url.endswith("/_stcore/stream"):
            websocket.on("framereceived", self._count_finished_run)

    def _count_finished_run(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except DecodeError:
            return
        if (
            message.WhichOneof("type") == "script_finished"
            and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            self.finished_runs += 1

    @contextmanager
    def expect_run(self) -> Iterator[None]:
        """Wait until the script runs that the actions in the block start have all finished."""
        before = self.finished_runs
        yield
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while self.finished_runs <= before:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"No script run finished within {RUN_TIMEOUT_S:.0f} s of the action. "
                    f"The server's output:\n{self.server.output()}"
                )
            self.page.wait_for_timeout(25)  # Playwright delivers events only while called
        self.page.wait_for_selector(IDLE, state="attached")

    def open(self, path: str = "") -> None:
        """Load the app at a page such as "compare" ("" for the default page)."""
        with self.expect_run():
            self.page.goto(f"{self.server.url}/{path}")

    def navigate(self, title: str) -> None:
        """Follow a link of the sidebar's navigation to the page with that title.

        With many pages the sidebar lists only the first few and a "View N more" button; the
        others are not drawn until it is pressed (the browser then remembers it).
        """
        navigation = self.page.get_by_test_id("stSidebarNav")
        link = navigation.get_by_role("link", name=title)
        expect(navigation.get_by_role("link").first).to_be_visible()
        if link.count() == 0:
            navigation.get_by_test_id("stSidebarNavViewButton").click()
        with self.expect_run():
            link.click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(title)

    def choose(self, label: str, option: str) -> None:
        """Pick an option of a selectbox."""
        box = self.page.get_by_role("combobox", name=label, exact=True)
        box.click()
        with self.expect_run():
            self.page.get_by_role("option", name=option, exact=True).click()
        expect(box).to_have_value(option)

    def select_cell(self, grid: Locator, row: int, column: int) -> None:
        """Select a cell of an `st.data_editor` or `st.dataframe`, as a keyboard user does.

        The grid is a canvas. A click selects its first cell and the arrow keys move to the
        cell, so neither row heights nor column widths matter. The grid applies a key press to
        the selection it last drew, so each step waits for its accessibility table (a hidden
        copy of the cells, `glide-cell-<column>-<row>`) to show the selection before the next.
        """

        def expect_selected(at_column: int, at_row: int) -> None:
            cell = cell_of(grid, at_column, at_row)
            expect(cell).to_have_attribute("aria-selected", "true")

        expect(grid.locator("canvas").first).to_be_visible()
        grid.click(position={"x": 10, "y": GRID_HEADER_PX + 10})
        expect_selected(0, 0)
        for down in range(1, row + 1):
            self.page.keyboard.press("ArrowDown")
            expect_selected(0, down)
        for right in range(1, column + 1):
            self.page.keyboard.press("ArrowRight")
            expect_selected(right, row)

    def choose_in_grid(self, grid: Locator, row: int, column: int, option: str) -> None:
        """Pick an option in a selectbox cell of an `st.data_editor`.

        Enter opens the selected cell's editor, and typing the option leaves it the only choice.
        """
        self.select_cell(grid, row, column)
        self.page.keyboard.press("Enter")
        editor = self.page.locator("[id^=gdg-overlay] [role=combobox]")
        expect(editor).to_be_focused()
        editor.press_sequentially(option)
        expect(self.page.get_by_role("option", name=option, exact=True)).to_be_visible()
        with self.expect_run():
            self.page.keyboard.press("Enter")
        expect(cell_of(grid, column, row)).to_have_text(option)

    def tick_in_grid(self, grid: Locator, row: int, column: int) -> None:
        """Tick or untick a checkbox cell of an `st.data_editor` (Space toggles the selected one).

        The accessibility table reads "true" or "false"; it shows the flipped value once the
        edit's script runs are over.
        """
        before = cell_of(grid, column, row).inner_text()
        assert before in ("true", "false"), f"not a checkbox cell: {before!r}"
        self.select_cell(grid, row, column)
        with self.expect_run():
            self.page.keyboard.press("Space")
        expect(cell_of(grid, column, row)).to_have_text("false" if before == "true" else "true")


def cell_of(grid: Locator, column: int, row: int) -> Locator:
    """A cell of an `st.data_editor` in the grid's accessibility table: its text is the value."""
    return grid.get_by_test_id(f"glide-cell-{column}-{row}")


@pytest.fixture
def app(
    page: Page, server: Server, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[App]:
    """A first visitor's tab on a freshly started app (not opened yet: see `App.open`).

    A failing test leaves a screenshot behind, taken while the server still runs.
    """
    yield App(page, server)
    if _failed(request):
        shot = tmp_path / "failure.png"
        page.screenshot(path=shot, full_page=True)
        print(f"\nThe page when the test failed: {shot}")
