"""AppTest fixtures: the real app on a real SQLite file, opened at a given page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation
from itexit.store import Store

APP = Path(__file__).resolve().parents[2] / "app.py"

OpenPage = Callable[[str], AppTest]


@pytest.fixture
def app_store(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    """An empty database the app will use (already past its first start, so no demo is added)."""
    monkeypatch.setenv("ITEXIT_DATABASE_URL", sqlite_url)
    store = Store(sqlite_url)
    store.seed_once(lambda: Evaluation.new("placeholder", demo_evaluation().checklist))
    store.delete(store.summaries()[0].id)
    return store


@pytest.fixture
def open_page(app_store: Store) -> OpenPage:
    """Start the app from app.py, as a browser would, and switch to a page (e.g. "compare")."""

    def open_(page: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        at.run()
        if page != "evaluations":
            at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, at.exception
        return at

    return open_


@pytest.fixture
def demo(app_store: Store) -> Evaluation:
    """The demo evaluation, stored."""
    evaluation = demo_evaluation()
    stored = app_store.create(evaluation)
    app_store.save_tickets(stored.id, demo_ticket_set())
    return evaluation
