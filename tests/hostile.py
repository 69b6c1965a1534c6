"""An evaluation whose every typed or imported text is Markdown and HTML that must show as text.

Built from the demo through the JSON import (as a hostile file would arrive), so every page has
something to show: names, notes, answers, criterion and essential texts, the exit plan's texts
and the ticket import's file name, column names and problems. Each hostile text carries a
marker ("zq-...") that survives rendering, so a page that interprets one shows the marker
without the text around it. The saved letter and the answers also hold characters no Word
document can (NUL, vertical tab, form feed, escape).
"""

from __future__ import annotations

import json
import re
from typing import Any

from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation
from itexit.exit import GROUNDS
from itexit.export import evaluation_document, read_evaluation_document

__all__ = [
    "BARE_URL",
    "CONTROLS",
    "HOSTILE",
    "LEAK_ADDRESSES",
    "hostile_evaluation",
    "hostile_name",
    "marker",
]

BOLD = "**zq-bold**"
MATH = "$zq-math$"
COLOUR = ":red[zq-red]"
ICON = ":material/home:zq-icon"
EMOJI = ":smile:zq-emoji"
IMAGE = "![zq-img](http://127.0.0.1:9/x.png)"
LINK = "[zq-link](https://example.invalid)"
HTML = "<img src=x onerror=alert(1)>zq-html"
BARE_URL = "https://example.invalid/zq-bare"
HOSTILE = (BOLD, MATH, COLOUR, ICON, EMOJI, IMAGE, LINK, HTML, BARE_URL)
"""Every hostile text; each one's marker is the only part of it that starts with 'zq-'."""
LEAK_ADDRESSES = ("127.0.0.1:9", "example.invalid")
"""Where a browser would go if a hostile text were rendered (besides a relative `x`)."""
EVERYTHING = " ".join(HOSTILE)  # 212 characters: for notes and texts, not names
CONTROLS = "\x00\x0b\x0c\x1b"
"""NUL, vertical tab, form feed and escape: text may hold them, a Word document cannot."""
_NAME_PARTS = ((BOLD, MATH, COLOUR, ICON), (IMAGE, LINK), (HTML, BARE_URL), (EMOJI, BOLD, LINK))


def marker(text: str) -> str:
    """The part of a hostile text that shows however it is rendered ('zq-bold')."""
    found = re.search(r"zq-[a-z]+", text)
    assert found is not None, text
    return found.group()


def hostile_name(number: int, suffix: str = "") -> str:
    """A name (at most 100 characters) of several hostile texts, different for each number."""
    return " ".join(_NAME_PARTS[number % len(_NAME_PARTS)]) + suffix


def hostile_evaluation() -> Evaluation:
    """The demo with every text replaced by hostile ones, read back through the JSON import."""
    body: dict[str, Any] = demo_evaluation().model_dump(mode="json")
    body["name"] = hostile_name(0)
    _checklist(body["checklist"])
    for number, provider in enumerate(body["providers"]):
        provider["name"] = hostile_name(number + 1, f" {number}")
        for score in provider["scores"].values():
            score["note"] = EVERYTHING
        for answer in provider.get("answers", {}).values():
            answer["text"] = f"{EVERYTHING}{CONTROLS}"
    _exit_plan(body["exit"])
    tickets = body["tickets"]
    tickets["file_name"] = f"{EVERYTHING}.csv"
    columns = [f for f in tickets["mapping"] if not f.endswith("_kind")]
    tickets["mapping"].update({field: hostile_name(n) for n, field in enumerate(columns)})
    tickets["problems"] = [EVERYTHING]
    document = json.loads(evaluation_document(demo_evaluation()))
    document["evaluation"] = body
    evaluation = read_evaluation_document(json.dumps(document))
    first = evaluation.checklist.essentials[0].id
    return evaluation.with_custom_criterion(
        first,
        name=hostile_name(2, " (ours)"),
        question=EVERYTHING,
        means_0=EVERYTHING,
        means_3=EVERYTHING,
        means_5=EVERYTHING,
    )


def _checklist(checklist: dict[str, Any]) -> None:
    for e, essential in enumerate(checklist["essentials"]):
        essential["name"] = hostile_name(e, f" {e}")
        essential["summary"] = EVERYTHING
        for c, criterion in enumerate(essential["criteria"]):
            criterion["name"] = hostile_name(c, f" {e}.{c}")
            for field in ("question", "means_0", "means_3", "means_5"):
                criterion[field] = EVERYTHING
            if criterion.get("red_flag"):
                criterion["red_flag"] = EVERYTHING


def _exit_plan(plan: dict[str, Any]) -> None:
    plan["grounds"] = {g.id: {"applies": "yes", "notes": EVERYTHING} for g in GROUNDS}
    for n, incident in enumerate(plan["incidents"]):
        incident.update(what=EVERYTHING, impact=EVERYTHING, ticket=hostile_name(n))
    plan.update(business_name=EVERYTHING[:200], signatory=hostile_name(1))
    plan["letter"] = f"Dear {hostile_name(1)},{CONTROLS}\n\n{EVERYTHING}\n\nYours,{CONTROLS}\n"
    for n, task in enumerate(plan.get("tasks", {}).values()):
        task["owner"] = hostile_name(n)
