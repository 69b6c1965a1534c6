"""Names on the Evaluations and Providers pages: a refused name says why and stays as typed."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import DEMO, click, latest, texts, widget

BAD_NAMES = {
    "line separator": ("Acme\u2028review", "U+2028"),
    "next line (C1)": ("Acme\x85review", "U+0085"),
    "escape": ("Acme\x1breview", "U+001B"),
}

TOO_LONG = "A" * 500
"""A name pasted far past NAME_MAX: the box takes it (no limit in the browser); the rule refuses."""

NAME_BOXES = {
    "new evaluation": ("evaluations", "Name", "Create evaluation", 0),
    "rename evaluation": ("evaluations", "Rename to", "Rename", 0),
    "duplicate evaluation": ("evaluations", "Duplicate as", "Duplicate", 0),
    "next review": ("evaluations", "Next review as", "Start next review", 0),
    "new provider": ("providers", "Provider name", "Add provider", 0),
    "rename provider": ("providers", "New name", "Save name", 1),
    "new criterion": ("criteria", "Name", "Add criterion", 0),
}
"""Every box where a name is typed: (page, the box's label, its button, which of that label)."""


@pytest.mark.parametrize(
    ("page", "box", "button", "at_"), NAME_BOXES.values(), ids=NAME_BOXES.keys()
)
def test_a_name_pasted_too_long_is_refused_with_the_limit_and_stays_as_typed(
    open_page: OpenPage,
    demo: Evaluation,
    app_store: Store,
    page: str,
    box: str,
    button: str,
    at_: int,
) -> None:
    at = open_page(page)
    [field for field in at.text_input if field.label == box][at_].set_value(TOO_LONG)
    [b for b in at.button if b.label == button][at_].click().run()
    assert "at most 100 characters" in texts(at, "error")
    assert [field for field in at.text_input if field.label == box][at_].value == TOO_LONG
    assert [s.name for s in app_store.summaries()] == [DEMO]
    assert latest(app_store) == demo


@pytest.mark.parametrize(("name", "problem"), BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_refused_new_evaluation_name_says_why_and_stays_as_typed(
    open_page: OpenPage, demo: Evaluation, app_store: Store, name: str, problem: str
) -> None:
    at = open_page("evaluations")
    widget(at.text_input, "Name").set_value(name)
    click(at, "Create evaluation")
    assert problem in texts(at, "error")
    assert widget(at.text_input, "Name").value == name
    assert [s.name for s in app_store.summaries()] == [DEMO]


def test_a_refused_rename_stays_as_typed(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("evaluations")
    widget(at.text_input, "Rename to").set_value("Harbourside\u2029Dental")
    click(at, "Rename")
    assert "U+2029" in texts(at, "error")
    assert widget(at.text_input, "Rename to").value == "Harbourside\u2029Dental"
    assert [s.name for s in app_store.summaries()] == [DEMO]


def test_a_name_typed_decomposed_is_the_evaluation_typed_composed(
    open_page: OpenPage, app_store: Store
) -> None:
    at = open_page("evaluations")
    widget(at.text_input, "Name").set_value("Caf\u00e9 review")
    click(at, "Create evaluation")
    widget(at.text_input, "Name").set_value("CAFE\u0301 REVIEW")
    click(at, "Create evaluation")
    assert "already exists" in texts(at, "error")
    assert [s.name for s in app_store.summaries()] == ["Caf\u00e9 review"]


def _add(at: AppTest, name: str) -> AppTest:
    widget(at.text_input, "Provider name").set_value(name)
    return click(at, "Add provider")


@pytest.mark.parametrize(("name", "problem"), BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_refused_provider_name_says_why_and_stays_as_typed(
    open_page: OpenPage, demo: Evaluation, app_store: Store, name: str, problem: str
) -> None:
    at = _add(open_page("providers"), name)
    assert problem in texts(at, "error")
    assert widget(at.text_input, "Provider name").value == name
    assert latest(app_store) == demo


def test_a_refused_provider_rename_stays_as_typed(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("providers")
    [field for field in at.text_input if field.label == "New name"][1].set_value("Nimbus\x85IT")
    [b for b in at.button if b.label == "Save name"][1].click().run()
    assert "U+0085" in texts(at, "error")
    assert [field for field in at.text_input if field.label == "New name"][1].value == (
        "Nimbus\x85IT"
    )
    assert latest(app_store) == demo


def test_a_provider_typed_decomposed_is_the_provider_typed_composed(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = _add(open_page("providers"), "Caf\u00e9 IT")
    at = _add(at, "CAFE\u0301 it")
    assert "There is already a provider called 'Café IT'" in texts(at, "error")
    assert [p.name for p in latest(app_store).providers][-1] == "Caf\u00e9 IT"
