"""What the AppTest files share: reading the page as a user does, and acting on it."""

from __future__ import annotations

import re
from typing import Any

from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation
from itexit.store import Store

DEMO = "Harbourside Dental: provider review"


def as_read(markdown: str) -> str:
    """Markdown as the user reads it: without the backslash escapes and invisible word joiners
    that keep user text literal (`ui.plain`)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def texts(at: AppTest, kind: str) -> str:
    """All elements of a kind (error, warning, markdown...) as the user reads them: joined,
    with the markdown escapes that keep user text literal removed."""
    return as_read(" ".join(str(e.value) for e in getattr(at, kind)))


def latest(store: Store, name: str = DEMO) -> Evaluation:
    """The evaluation as it is saved now."""
    return store.load(store.find(name).id).evaluation


def widget(widgets: Any, label: str) -> Any:
    """The widget with this label among `at.text_input`, `at.button`, ..."""
    return next(w for w in widgets if w.label == label)


def click(at: AppTest, label: str) -> AppTest:
    return widget(at.button, label).click().run()


def edit(at: AppTest, editor: int, rows: dict[int, dict[str, Any]]) -> AppTest:
    """Make cell edits in the page's n-th data editor, as the browser would send them."""
    key = at.data_editor[editor].key
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    return at.run()
