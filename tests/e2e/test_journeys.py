"""User journeys through the real app in Chromium: what only a browser can show."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from typing import TYPE_CHECKING

import openpyxl
import pytest

from itexit.checklist import builtin_checklist

try:
    from playwright.sync_api import Dialog, Locator, Page, expect
except ImportError:
    if os.environ.get("ITEXIT_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

if TYPE_CHECKING:  # for the type only: a conftest is not a module to import from
    from conftest import App

CHECKLIST = builtin_checklist()
CRITERIA = sum(len(essential.criteria) for essential in CHECKLIST.essentials)
DEMO = "Harbourside Dental: provider review"
CURRENT = "Oldco IT"
CANDIDATES = ("Nimbus IT", "Bluegate")
SCORE_COLUMN = 1  # Criterion, Score, Evidence / note, Ask the provider
HOSTILE_NAME = "<img src=x onerror=alert(1)>"


def create_evaluation(app: App, name: str) -> None:
    app.page.get_by_label("Name", exact=True).fill(name)
    with app.expect_run():
        app.page.get_by_role("button", name="Create evaluation").click()
    expect(app.page.get_by_text(f"Working on {name}.")).to_be_visible()


def add_provider(app: App, name: str, *, current: bool) -> None:
    form = app.page.get_by_test_id("stForm").filter(has_text="Add a provider")
    form.get_by_label("Provider name").fill(name)
    role = "Our current provider" if current else "A candidate we are considering"
    form.get_by_text(role, exact=True).click()
    with app.expect_run():
        form.get_by_role("button", name="Add provider").click()
    expect(provider_card(app.page, name)).to_be_visible()


def provider_card(page: Page, name: str) -> Locator:
    """The bordered box the Providers page shows for one provider."""
    boxes = page.get_by_test_id("stVerticalBlock").filter(has=page.get_by_text(name, exact=True))
    return boxes.last  # the innermost: boxes nest, and document order puts outer ones first


def score(app: App, criterion: int, rating: str) -> None:
    """Score a criterion of the essential on the Scorecard's open tab (0 is the first one)."""
    grid = app.page.get_by_test_id("stDataFrame").filter(visible=True)
    app.choose_in_grid(grid, criterion, SCORE_COLUMN, rating)


def expect_answered(page: Page, count: int, provider: str, applicable: int = CRITERIA) -> None:
    progress = page.get_by_text(f"{count} of {applicable} criteria that apply are scored")
    expect(progress).to_contain_text(provider)


def chart_label(name: str, *, current: bool = False) -> re.Pattern[str]:
    """A provider's label on a chart, where a line may break between words."""
    words = [*name.split(), "(current)"] if current else name.split()
    return re.compile(r"\s*".join(re.escape(word) for word in words))


def test_a_new_user_scores_providers_compares_them_and_downloads_the_comparison(
    app: App,
) -> None:
    """From an empty database to the downloaded comparison of three providers, two scored."""
    page = app.page
    app.open()
    create_evaluation(app, "Acme review")

    app.navigate("Providers")
    add_provider(app, CURRENT, current=True)
    for candidate in CANDIDATES:
        add_provider(app, candidate, current=False)
    expect(provider_card(page, CURRENT)).to_contain_text("Current provider")
    for candidate in CANDIDATES:
        expect(provider_card(page, candidate)).to_contain_text("Candidate")

    app.navigate("Scorecard")
    expect(page.get_by_role("combobox", name="Provider")).to_have_value(f"{CURRENT} (current)")
    score(app, 0, "4")
    expect_answered(page, 1, CURRENT)
    score(app, 1, "2")
    score(app, 2, "n/a")
    expect_answered(page, 2, CURRENT, applicable=CRITERIA - 1)
    app.choose("Provider", CANDIDATES[0])
    score(app, 0, "5")
    score(app, 1, "3")
    expect_answered(page, 2, CANDIDATES[0])

    app.navigate("Compare")
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(3)
    gaps, radar, heatmap = charts.all()
    for chart in (gaps, radar, heatmap):
        expect(chart.locator(".main-svg").first).to_be_attached()
    expect(gaps.locator(".scatterlayer .trace").first).to_be_attached()
    expect(radar.locator(".polar .scatterlayer .trace").first).to_be_attached()
    expect(heatmap.locator(".heatmaplayer .hm").first).to_be_attached()
    expect(heatmap).to_contain_text(chart_label(CURRENT, current=True))

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the comparison (CSV)").click()
    assert download.value.suggested_filename == "itexit-acme-review-comparison.csv"
    data = download.value.path().read_bytes()

    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        *("level", "essential", "criterion", "weight", "target", "sources"),
        *(CURRENT, *CANDIDATES),
    ]
    scores = {row[2]: row[6:] for row in rows if row[0] == "criterion"}
    first, second, third = CHECKLIST.essentials[0].criteria[:3]
    assert scores[first.name] == ["4", "5", ""]
    assert scores[second.name] == ["2", "3", ""]
    assert scores[third.name] == ["n/a", "", ""]
    levels = [row[0] for row in rows]
    assert levels.count("essential") == len(CHECKLIST.essentials)
    assert levels.count("overall") == levels.count("rank") == levels.count("coverage") == 1
    rank = next(row[6:] for row in rows if row[0] == "rank")
    assert rank[:2] == ["2", "1"], "the better-scored candidate ranks above the current provider"

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the comparison (Excel)").click()
    assert download.value.suggested_filename == "itexit-acme-review-comparison.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))[
        "Every criterion"
    ]
    ratings = {r[2]: list(r[6:]) for r in sheet.iter_rows(values_only=True) if r[0] == "criterion"}
    assert ratings[first.name] == [4, 5, None] and ratings[third.name] == ["n/a", None, None]
    assert app.page_errors == []


def test_a_provider_name_that_looks_like_html_is_shown_as_typed_on_every_page(app: App) -> None:
    """A provider named like an HTML tag is text everywhere: no element, no script runs."""
    page = app.page
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def expect_inert() -> None:
        expect(page.locator('img[src="x"]')).to_have_count(0)
        assert dialogs == []
        assert app.page_errors == []

    page.on("dialog", record)
    app.open("providers")  # on the demo evaluation, which has a current provider
    add_provider(app, HOSTILE_NAME, current=False)
    expect(page.get_by_text(HOSTILE_NAME, exact=True)).to_be_visible()
    expect_inert()

    app.navigate("Scorecard")
    app.choose("Provider", HOSTILE_NAME)
    expect(page.get_by_text("criteria that apply are scored")).to_contain_text(HOSTILE_NAME)
    expect_inert()

    app.navigate("Compare")
    summary = page.get_by_role("listitem")  # findings and warnings name the provider as text
    expect(summary.filter(has_text=HOSTILE_NAME).first).to_be_visible()
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(3)
    _gaps, radar, heatmap = charts.all()  # the gaps chart names scored candidates only
    expect(radar).to_contain_text(chart_label(HOSTILE_NAME))
    expect(heatmap).to_contain_text(chart_label(HOSTILE_NAME))
    expect_inert()


def test_a_fresh_start_opens_on_the_demo_evaluation_with_its_charts(app: App) -> None:
    """The first visit shows the seeded demo, its current provider marked on every chart."""
    page = app.page
    app.open()
    expect(page.get_by_role("combobox", name="Evaluation")).to_have_value(DEMO)
    expect(page.get_by_text(f"Working on {DEMO}.")).to_be_visible()

    app.navigate("Compare")
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(3)
    for chart in charts.all():
        expect(chart).to_contain_text(chart_label("SwiftNet IT", current=True))
