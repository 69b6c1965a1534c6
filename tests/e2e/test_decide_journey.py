"""The decision journey in Chromium: a must-have and the pairwise answers change the advice.

The scenario, on the seeded demo with Bluegate Technology made the current provider (a decent
one: no red flag, no essential a point below target, every must-have met):

1. Nimbus IT leads Bluegate by about 16 points, robustly: **Switch**.
2. A must-have on ticket history, minimum 3, which Nimbus misses (rated 2): Nimbus now ranks
   after every provider that passes, and the best candidate left, Castle Managed Services,
   leads by less than 10 points: **Renegotiate**.
3. The pairwise answers say backup and disaster recovery matters most (Bluegate is strong
   there, Castle weak), and the weights from them put Bluegate ahead: **Stay**.

The test works out every advice with the domain (itexit.compare, itexit.decide) before it
looks at a page, and checks first that each step really is what changes the advice: the page
must then show what the rules say.
"""

from __future__ import annotations

import io
import os
import re
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from itexit.compare import Comparison, compare, must_have_report
from itexit.decide import SCALE, Judgement, leader, pairs, verdict, weigh
from itexit.decide.verdict import COSTS
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation
from itexit.words import figure

try:
    from playwright.sync_api import Locator, expect
except ImportError:
    if os.environ.get("ITEXIT_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

if TYPE_CHECKING:  # for the type only: a conftest is not a module to import from
    from conftest import App

DEMO = demo_evaluation()
PROVIDER_ID = {p.name: p.id for p in DEMO.providers}
CURRENT = "Bluegate Technology"
LEADER = "Nimbus IT"
RUNNER_UP = "Castle Managed Services"
ESSENTIALS = DEMO.checklist.essentials
ESSENTIAL_NAME = {e.id: e.name for e in ESSENTIALS}
MUST_HAVE_ESSENTIAL = next(e for e in ESSENTIALS if e.id == "helpdesk")
MUST_HAVE = next(c for c in MUST_HAVE_ESSENTIAL.criteria if c.id == "helpdesk.ticket_export")
MINIMUM = 3  # what a ticked must-have with an empty Minimum gets
# Criterion, Weight, Must-have, Minimum, Yours, Default weight
MUST_HAVE_COLUMN, MINIMUM_COLUMN = 2, 3
# How much each essential matters, on one scale: the answers follow from these ratios, so they
# agree with each other exactly (consistency ratio 0).
IMPORTANCE = {
    "security": 3,
    "maintenance": 1,
    "helpdesk": 1,
    "monitoring": 1,
    "backup": 9,
    "policies": 1,
}
EQUALLY = "Both matter equally"


def judgement(first: str, second: str) -> Judgement:
    """The answer to "first or second?" that IMPORTANCE gives."""
    more, less = sorted((first, second), key=IMPORTANCE.__getitem__, reverse=True)
    return Judgement(more=more, less=less, times=IMPORTANCE[more] // IMPORTANCE[less])


ANSWERS = [judgement(first, second) for first, second in pairs([e.id for e in ESSENTIALS])]


def scenario() -> tuple[Evaluation, Evaluation, Evaluation]:
    """The evaluation after each step: current provider changed, must-have set, weights used."""
    start = DEMO.with_current(PROVIDER_ID[CURRENT])
    with_must_have = start.with_must_haves({MUST_HAVE.id: MINIMUM})
    weighing = weigh([e.id for e in ESSENTIALS], ANSWERS)
    # "Use these weights" scales the shares to an average weight of 1, to six decimals.
    used = {
        e: float(figure(share * len(ESSENTIALS), 6) or 0) for e, share in weighing.weights.items()
    }
    with_weights = with_must_have.with_judgements(ANSWERS).with_essential_settings(used, {})
    return start, with_must_have, with_weights


def advice(evaluation: Evaluation) -> str:
    return verdict(evaluation, compare(evaluation)).decision


# Driving the pages -------------------------------------------------------------------------------


def cell(grid: Locator, column: int, row: int) -> Locator:
    return grid.get_by_test_id(f"glide-cell-{column}-{row}")


def expect_number(shown: Locator, value: float) -> None:
    """A grid cell holds this number, to three decimals.

    The grid's accessible text is the unformatted value, written as JavaScript writes a float:
    the shortest digits that read back as the same number, as Python's repr does.
    """
    digits = repr(float(value))
    assert "e" not in digits, f"{digits}: no exponents here"
    whole, fraction = digits.split(".")
    shown_fraction = fraction[:3].rstrip("0")
    exactly = f"{whole}$" if not shown_fraction else rf"{whole}\.{shown_fraction}"
    expect(shown).to_have_text(re.compile(f"^{exactly}"))


def make_current(app: App, name: str) -> None:
    """Press "Make current" on a provider's card on the Providers page."""
    page = app.page
    boxes = page.get_by_test_id("stVerticalBlock").filter(has=page.get_by_text(name, exact=True))
    # The innermost box with the card's buttons (boxes nest; outer ones come first).
    card = boxes.filter(has=page.get_by_role("button", name="Rename")).last
    with app.expect_run():
        card.get_by_role("button", name="Make current").click()
    expect(card).to_contain_text("Current provider")


def answer(app: App, first: str, second: str, given: Judgement) -> None:
    """Move the slider of "first or second?" from "Both matter equally" to the answer.

    The slider is a range input: End and Home reach the 9× ends, and each arrow key press
    moves one step, from equal to 2×, 3× ... towards the essential that matters more.
    """
    question = f"{ESSENTIAL_NAME[first]} or {ESSENTIAL_NAME[second]}?"
    slider = app.page.get_by_role("group", name=question, exact=True).get_by_role("slider")
    expect(slider).to_have_attribute("aria-valuetext", EQUALLY)
    if given.times == 1:
        return
    towards_second = given.more == second
    if given.times == max(SCALE):
        slider.press("End" if towards_second else "Home")
    else:
        for _ in range(given.times - 1):
            slider.press("ArrowRight" if towards_second else "ArrowLeft")
    said = f"{ESSENTIAL_NAME[given.more]} matters {SCALE[given.times]} ({given.times}×)"
    expect(slider).to_have_attribute("aria-valuetext", said)


def expect_advice(app: App, evaluation: Evaluation) -> None:
    """The Decide page shows the advice the rules give, its reasons and the tornado chart."""
    page = app.page
    comparison = compare(evaluation)
    # The page also weighs prices and tickets: their reasons come on top of these, and they may
    # name a cheaper candidate within 5 points of the best.
    expected = verdict(evaluation, comparison)
    heading = page.get_by_role("heading", name=re.compile(r"^Advice: "))
    expect(heading).to_have_text(re.compile(rf"^Advice: {expected.decision}( to .+)?$"))
    reasons = page.get_by_test_id("stAlert").filter(has_text=expected.reasons[0].text)
    for reason in expected.reasons:
        if reason.source != COSTS:  # worked out here without the prices
            expect(reasons).to_contain_text(reason.text)
    would_change = page.get_by_role("paragraph").filter(has_text="What would change this advice")
    for change in expected.would_change:
        expect(would_change).to_contain_text(change)
    expect_tornado(app)


def expect_tornado(app: App) -> None:
    """The tornado chart is drawn: a bar each way for every essential, each one named."""
    chart = app.page.locator(".js-plotly-plot")
    expect(chart).to_have_count(1)
    expect(chart.locator(".barlayer .trace")).to_have_count(2)
    expect(chart.locator(".barlayer .point")).to_have_count(2 * len(ESSENTIALS))
    for essential in ESSENTIALS:
        expect(chart).to_contain_text(essential.name)


def expect_side_by_side(app: App, evaluation: Evaluation, comparison: Comparison) -> None:
    """Compare's side-by-side table: providers in rank order, with rank and must-have standing."""
    grid = app.page.get_by_test_id("stDataFrame").first
    ranked = comparison.rank.sort_values(kind="stable")
    for row, (provider, rank) in enumerate(ranked.items()):
        standing = must_have_report(evaluation, comparison, str(provider))[0]
        expect(cell(grid, 0, row)).to_have_text(evaluation.provider(str(provider)).name)
        expect(cell(grid, 2, row)).to_have_text(str(rank))  # Provider, Role, Rank, ...
        expect(cell(grid, 6, row)).to_have_text(standing)  # ..., Verified, Must-haves


# The journey -------------------------------------------------------------------------------------


def test_a_must_have_and_the_pairwise_answers_turn_switch_into_renegotiate_then_stay(
    app: App,
) -> None:
    """Each step changes the advice the way the rules say, and the pages show it."""
    start, with_must_have, with_weights = scenario()
    nimbus = PROVIDER_ID[LEADER]
    before, after = compare(start), compare(with_must_have)
    # The premises, from the domain: each step on its own is what changes the advice.
    assert leader(before) == nimbus and before.rank[nimbus] == 1
    assert after.failed[nimbus] and after.rank[nimbus] == 1 + int((~after.failed).sum())
    assert leader(after) == PROVIDER_ID[RUNNER_UP]
    assert leader(compare(with_weights)) == PROVIDER_ID[CURRENT]
    assert [advice(start), advice(with_must_have), advice(with_weights)] == [
        "Switch",
        "Renegotiate",
        "Stay",
    ]
    weights_only = start.with_essential_settings(with_weights.essential_weights, {})
    assert advice(weights_only) == "Switch", "the weights alone would not change the advice"
    weighing = weigh([e.id for e in ESSENTIALS], ANSWERS)
    exact = with_must_have.with_essential_settings(weighing.weights, {})
    assert advice(exact) == "Stay", "rounding the weights to two decimals changes nothing"
    assert weighing.consistent
    page = app.page

    # The current provider is Bluegate; Nimbus leads it clearly: Switch.
    app.open("providers")
    make_current(app, CURRENT)
    app.navigate("Decide")
    expect_advice(app, start)

    # A must-have Nimbus misses, ticked in the 24/7 help desk tab.
    app.navigate("Criteria & must-haves")
    tab = page.get_by_role("tab", name=MUST_HAVE_ESSENTIAL.name, exact=True)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    grid = page.get_by_test_id("stDataFrame").filter(visible=True)
    row = MUST_HAVE_ESSENTIAL.criteria.index(MUST_HAVE)
    expect(cell(grid, 0, row)).to_have_text(MUST_HAVE.name)
    expect(cell(grid, MINIMUM_COLUMN, row)).to_have_text("")  # not a must-have: no minimum
    app.tick_in_grid(grid, row, MUST_HAVE_COLUMN)
    expect(tab).to_have_attribute("aria-selected", "true")
    expect(cell(grid, MINIMUM_COLUMN, row)).to_have_text(str(MINIMUM))
    listed = page.get_by_role("paragraph").filter(has_text="Must-haves:")
    expect(listed).to_contain_text(f"{MUST_HAVE.name} (at least {MINIMUM})")

    # Compare: Nimbus fails it and ranks after every provider that passes.
    app.navigate("Compare")
    expect_side_by_side(app, with_must_have, after)
    standing, why = must_have_report(with_must_have, after, nimbus)
    assert standing == "fail" and MUST_HAVE.name in why
    warnings = page.get_by_test_id("stAlert").filter(has_text=f"{LEADER}: {why}")
    expect(warnings).to_be_visible()

    app.navigate("Decide")
    expect_advice(app, with_must_have)

    # Priorities: fifteen answers, the weights worked out from them, then used.
    app.navigate("Priorities")
    form = page.get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name="Work out the weights")
    )
    for (first, second), given in zip(pairs([e.id for e in ESSENTIALS]), ANSWERS, strict=True):
        answer(app, first, second, given)
    with app.expect_run():
        form.get_by_role("button", name="Work out the weights").click()
    agree = (
        f"Your answers agree with each other (consistency ratio "
        f"{weighing.consistency_ratio:.2f}; up to 0.10 is fine)."
    )
    expect(page.get_by_test_id("stAlert").filter(has_text=agree)).to_be_visible()
    derived = page.get_by_test_id("stDataFrame").nth(1)  # after the weights editor
    for row, (essential, share) in enumerate(weighing.weights.items()):
        expect(cell(derived, 0, row)).to_have_text(ESSENTIAL_NAME[essential])
        expect_number(cell(derived, 1, row), 100 * share)  # Weight from your answers
    with app.expect_run():
        page.get_by_role("button", name="Use these weights").click()
    editor = page.get_by_test_id("stDataFrame").first
    used = [with_weights.essential_weights[e.id] for e in ESSENTIALS]
    for row, weight in enumerate(used):
        expect_number(cell(editor, 2, row), 100 * weight / sum(used))  # Share of overall

    # Decide: with backup weighing most, Bluegate is ahead of Castle: Stay.
    app.navigate("Decide")
    expect_advice(app, with_weights)

    # The board report says the same, with the overall the Compare page shows.
    with page.expect_download() as started:
        page.get_by_role("button", name="Download the board report (PDF)").click()
    assert started.value.suggested_filename.endswith("-board-report.pdf")
    report = pdf_text(started.value.path().read_bytes())
    assert "Advice: Stay" in report
    overall = figure(compare(with_weights).overall[PROVIDER_ID[CURRENT]], 1)
    assert f"{CURRENT} Current 1 {overall} " in report
    assert app.page_errors == []


def pdf_text(data: bytes) -> str:
    """A PDF's text as pypdf reads it, every run of white space made one space."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())
