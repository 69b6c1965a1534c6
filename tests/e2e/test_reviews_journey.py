"""A yearly review in Chromium: start the next review, re-check a score, see the trend."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import App, cell_of

SCORE_COLUMN = 1


def test_starting_the_next_review_and_changing_a_score_shows_the_trend_of_two_reviews(
    app: App, tmp_path: Path
) -> None:
    page = app.page
    app.open()
    offered = page.get_by_label("Next review as", exact=True).input_value()
    assert re.fullmatch(r".+ — review \d{4}-\d{2}", offered)
    with app.expect_run():
        page.get_by_role("button", name="Start next review").click()
    expect(page.get_by_test_id("stToast")).to_contain_text("Started the next review")
    expect(page.get_by_role("combobox", name="Evaluation", exact=True)).to_have_value(offered)

    app.navigate("Scorecard")
    tab = page.get_by_role("tab", name=re.compile("^Server maintenance"))
    tab.click()
    grid = page.get_by_test_id("stDataFrame").filter(visible=True)
    expect(cell_of(grid, 3, 0)).to_contain_text("from the review of")  # whose word: carried
    before = cell_of(grid, SCORE_COLUMN, 0).inner_text()
    app.choose_in_grid(grid, 0, SCORE_COLUMN, "5" if before != "5" else "4")
    expect(page.get_by_test_id("stToast")).to_contain_text("score:")

    app.navigate("Reviews over time")
    expect(page.get_by_text("2 reviews in this series")).to_be_visible()
    chart = page.get_by_test_id("stPlotlyChart")
    expect(chart).to_be_visible()
    expect(chart.locator(".xtick")).to_have_count(2)  # two reviews on the axis
    expect(chart.get_by_text("Essential score (0–5)")).to_be_visible()
    expect(chart.get_by_text("Overall score (0–100)")).to_be_visible()
    expect(chart.locator(".legendtext").first).to_be_visible()
    expect(page.get_by_text("One review so far")).to_have_count(0)
    chart.scroll_into_view_if_needed()
    shots = Path(os.environ.get("ITEXIT_SCREENSHOTS", tmp_path))  # to look at the chart
    page.screenshot(path=shots / "reviews-over-time.png", full_page=True)
    assert not app.page_errors
