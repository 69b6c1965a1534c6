"""The Costs page in Chromium: what only a browser shows.

On the seeded demo, switching to Bluegate Technology at the term's end pays for itself late in
the horizon (month 34 of 36 on the story day), so its "pays off in month N" label sits near the
right edge of the cumulative-cost chart. Drawn right of its star it was cut off ("pays o");
it must lie wholly inside the plot.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("ITEXIT_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

if TYPE_CHECKING:  # for the type only: a conftest is not a module to import from
    from conftest import App


def test_every_payback_label_lies_wholly_inside_the_cumulative_cost_chart(app: App) -> None:
    page = app.page
    app.open()
    app.navigate("Costs")
    chart = page.locator(".js-plotly-plot").nth(1)
    labels = chart.locator("text", has_text="pays off in month")
    expect(labels).to_have_count(2)
    plot = chart.locator("rect.nsewdrag").first.bounding_box()
    assert plot is not None
    for label in labels.all():
        box = label.bounding_box()
        assert box is not None
        assert plot["x"] <= box["x"] and box["x"] + box["width"] <= plot["x"] + plot["width"], (
            label.text_content(),
            box,
            plot,
        )
