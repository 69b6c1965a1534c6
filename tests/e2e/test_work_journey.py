"""Nothing leaks, is lost or is silently overwritten, as people in real browsers meet it.

A consultant switches between two clients' evaluations; a scorer stays on the tab they chose
and can undo; a reload keeps the evaluation; two people on two app servers sharing one
PostgreSQL database never overwrite each other, and a refused change keeps what was typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from itexit.evaluation import Evaluation
from itexit.exit import GroundClaim
from itexit.store import Store
from tests.e2e.conftest import App, Server, cell_of, new_tab, running_server

DEMO = "Harbourside Dental: provider review"
SECOND = "Second client: provider review"
SECOND_LETTER = "Dear Other IT,\n\nThis is the second client's own letter.\n"
SCORE_COLUMN = 1
FIRST_GROUND = "Both sides agree to end it"
SECOND_GROUND = "They caused damage to your property or reputation"


def add_second_client(server: Server) -> int:
    """Another client's evaluation beside the demo, with its own letter and grounds."""
    url = server.database_url
    store = Store(url)
    try:
        demo = store.load(store.find(DEMO).id).evaluation
        other: Evaluation = (
            demo.renamed(SECOND)
            .with_letter(SECOND_LETTER)
            .with_grounds({"mutual": GroundClaim(applies="no", notes="The second client's note")})
        )
        return store.create(other).id
    finally:
        store.dispose()


def notes_of(page: Page, ground: str) -> Locator:
    box = page.get_by_test_id("stVerticalBlock").filter(has=page.get_by_text(ground, exact=True))
    return box.last.get_by_label("Notes", exact=True)


def save(app: App, button: str) -> None:
    with app.expect_run():
        app.page.get_by_role("button", name=button, exact=True).click()


def test_switching_clients_shows_and_downloads_only_the_client_on_screen(app: App) -> None:
    page = app.page
    app.open()
    second = add_second_client(app.server)
    app.navigate("Grounds & evidence")
    notes_of(page, FIRST_GROUND).fill("Typed for the first client, not saved")
    app.choose("Evaluation", SECOND)
    expect(notes_of(page, FIRST_GROUND)).to_have_value("The second client's note")
    assert f"evaluation={second}" in page.url

    app.navigate("Notice letter")
    letter = page.get_by_label("The letter", exact=True)
    expect(letter).to_have_value(SECOND_LETTER)
    with page.expect_download() as started:
        page.get_by_role("button", name="Download as text (.txt)").click()
    assert started.value.path().read_text(encoding="utf-8") == SECOND_LETTER

    page.reload()  # a reload keeps the client, from the address
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
    expect(page.get_by_role("combobox", name="Evaluation", exact=True)).to_have_value(SECOND)
    expect(page.get_by_label("The letter", exact=True)).to_have_value(SECOND_LETTER)


def test_the_scorecard_stays_on_the_tab_confirms_the_change_and_undoes_it(app: App) -> None:
    page = app.page
    app.open("scorecard")
    tab = page.get_by_role("tab", name=re.compile("^Server maintenance"))
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    grid = page.get_by_test_id("stDataFrame").filter(visible=True)
    before = cell_of(grid, SCORE_COLUMN, 0).inner_text()
    app.choose_in_grid(grid, 0, SCORE_COLUMN, "0" if before != "0" else "1")
    after = page.get_by_role("tab", name=re.compile("^Server maintenance"))
    expect(after).to_have_attribute("aria-selected", "true")  # still here, though its label moved
    expect(page.get_by_test_id("stToast")).to_contain_text("score:")
    with app.expect_run():
        page.get_by_test_id("stSidebar").get_by_role("button", name="Undo it").click()
    grid = page.get_by_test_id("stDataFrame").filter(visible=True)
    expect(cell_of(grid, SCORE_COLUMN, 0)).to_have_text(before)


@pytest.mark.postgres
def test_two_people_on_two_servers_never_overwrite_each_other(
    browser: Browser, postgres_url: str, tmp_path: Path
) -> None:
    """A saves a note; B, whose page was opened before, saves another: B is told, keeps what B
    typed, and one click makes B's change on top of A's. Nothing of A's is lost. A, on the other
    server, is told of B's change on its next rerun and sees it in one click."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        running_server(tmp_path / "a", postgres_url) as first,
        running_server(tmp_path / "b", postgres_url) as second,
        new_tab(browser) as tab_a,
        new_tab(browser) as tab_b,
    ):
        a, b = App(tab_a, first), App(tab_b, second)
        a.open("grounds")
        b.open("grounds")
        notes_of(tab_a, FIRST_GROUND).fill("A: agreed by phone on 3 May")
        save(a, "Save grounds")

        rerun_unrelated(b)
        expect(tab_b.get_by_text("Someone else has saved a newer version")).to_be_visible()
        notes_of(tab_b, SECOND_GROUND).fill("B: the server room flooded")
        save(b, "Save grounds")
        expect(tab_b.get_by_text("Someone else changed this evaluation")).to_be_visible()
        expect(notes_of(tab_b, SECOND_GROUND)).to_have_value("B: the server room flooded")
        saved = grounds_saved(postgres_url)
        assert saved["mutual"].notes == "A: agreed by phone on 3 May"
        assert "damage" not in saved or saved["damage"].notes == ""

        save(b, "Make my change again on the latest version")
        saved = grounds_saved(postgres_url)
        assert saved["mutual"].notes == "A: agreed by phone on 3 May"
        assert saved["damage"].notes == "B: the server room flooded"
        expect(notes_of(tab_b, FIRST_GROUND)).to_have_value("A: agreed by phone on 3 May")

        rerun_unrelated(a)
        expect(tab_a.get_by_text("Someone else has saved a newer version")).to_be_visible()
        expect(notes_of(tab_a, SECOND_GROUND)).to_have_value("")  # A's page is as A left it
        with a.expect_run():
            tab_a.get_by_role("button", name="Show the latest version").click()
        expect(notes_of(tab_a, SECOND_GROUND)).to_have_value("B: the server room flooded")
        expect(notes_of(tab_a, FIRST_GROUND)).to_have_value("A: agreed by phone on 3 May")


def rerun_unrelated(app: App) -> None:
    """Do something on the Grounds page that saves nothing but reruns it: pick an incident to
    look at."""
    page = app.page
    page.get_by_role("button", name="Remove an incident").click()
    page.get_by_role("combobox", name="Incident", exact=True).click()
    page.keyboard.press("ArrowDown")
    with app.expect_run():
        page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def grounds_saved(url: str) -> dict[str, GroundClaim]:
    store = Store(url)
    try:
        return dict(store.load(store.find(DEMO).id).evaluation.exit.grounds)
    finally:
        store.dispose()


def test_saving_one_form_keeps_what_was_typed_in_another(app: App) -> None:
    page = app.page
    app.open("grounds")
    notes_of(page, FIRST_GROUND).fill("Typed on the first ground, not saved yet")
    log = page.get_by_test_id("stForm").filter(has=page.get_by_text("Log an incident"))
    log.get_by_label("What happened", exact=True).fill("Server down all morning")
    with app.expect_run():
        log.get_by_role("button", name="Log incident", exact=True).click()
    newest = cell_of(page.get_by_test_id("stDataFrame").first, 1, 0)
    expect(newest).to_have_text("Server down all morning")  # logged, newest first
    expect(notes_of(page, FIRST_GROUND)).to_have_value("Typed on the first ground, not saved yet")
