"""The demo evaluation (`data/demo.toml`) that a first start with an empty database opens on.

The demo's story is written as of STORY_DAY. Made on another day, every date in it moves by
whole months (`demo_months`), so its notice deadline is always a few weeks ahead (16 to 46 days)
and its incidents are in the past; its tickets move by days so the last one is from the day
before. Dates inside its notes are written `{day:2026-10-03}` ("3 Oct"), `{month:2026-08-01}`
("August"), `{monthyear:2026-03-01}` ("March 2026") or `{ymd:2026-08-01}` ("20260801"), and move
with the rest. Tests and docs use the demo as written (no `today`, or STORY_DAY).
"""

from __future__ import annotations

import io
import re
import tomllib
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from itexit.checklist import builtin_checklist
from itexit.cost.models import Business, Pricing
from itexit.diligence import Answer
from itexit.evaluation import Evaluation, Score
from itexit.exit.dates import add_months
from itexit.exit.models import Contract, ExitPlan
from itexit.paths import DATA
from itexit.service import (
    ServiceLevels,
    TicketColumns,
    TicketImport,
    TicketSet,
    read_export,
)
from itexit.store import Conflict, NotFound, Store, Stored
from itexit.types import Rating

__all__ = [
    "DEMO_NAME",
    "STORY_DAY",
    "demo_evaluation",
    "demo_months",
    "demo_ticket_set",
    "reset_demo",
]

DEMO_FILE = DATA / "demo.toml"
DEMO_NAME = "Harbourside Dental: provider review"
"""The demo's name, as data/demo.toml gives it: the evaluation "Reset the demo" replaces."""
STORY_DAY = date(2026, 11, 1)
"""The day the demo as written tells its story from: its notice deadline (30 Nov 2026) is 29 days
ahead, its incidents and notes are in the past."""
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WRITTEN_DAY = re.compile(r"\{(day|month|monthyear|ymd):(\d{4}-\d{2}-\d{2})\}")
_WRITTEN = {
    "day": lambda d: f"{d.day} {d:%b}",
    "month": lambda d: f"{d:%B}",
    "monthyear": lambda d: f"{d:%B %Y}",
    "ymd": lambda d: f"{d:%Y%m%d}",
}


def demo_months(today: date) -> int:
    """How many months the demo's dates move for a demo made on `today`: the months since
    STORY_DAY's, and one more in the second half of a month, so the notice deadline stays a few
    weeks ahead."""
    months = (today.year - STORY_DAY.year) * 12 + today.month - STORY_DAY.month
    return months + (1 if today.day > 14 else 0)


def _moved_text(text: str, months: int) -> str:
    """The demo file with every date moved by `months`, written dates in notes included."""

    def moved(day: str) -> date:
        return add_months(date.fromisoformat(day), months)

    text = _WRITTEN_DAY.sub(lambda m: _WRITTEN[m[1]](moved(m[2])), text)
    return _ISO_DAY.sub(lambda m: moved(m[0]).isoformat(), text)


class _DemoProvider(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    current: bool = False
    ratings: dict[str, Rating] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    contract: Contract | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)
    verified: list[str] = Field(default_factory=list)
    pricing: Pricing | None = None
    service: ServiceLevels | None = None


class _Demo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    currency: str = "USD"
    essential_weights: dict[str, float]
    targets: dict[str, float]
    providers: list[_DemoProvider]
    exit: dict[str, Any] = Field(default_factory=dict)
    must_haves: dict[str, int] = Field(default_factory=dict)
    business: Business = Business()


def demo_evaluation(today: date | None = None) -> Evaluation:
    """The demo: a dental practice reviewing its current provider and three candidates, its
    dates moved to tell its story from `today` (as written, from STORY_DAY, without it)."""
    months = demo_months(today) if today else 0
    text = _moved_text(DEMO_FILE.read_text(encoding="utf-8"), months)
    demo = _Demo.model_validate(tomllib.loads(text))
    evaluation = Evaluation.new(demo.name, builtin_checklist()).with_essential_settings(
        demo.essential_weights, demo.targets
    )
    for entry in demo.providers:
        evaluation = _with_demo_provider(evaluation, entry)
    incidents = [
        {"id": f"demo{n}", **incident} for n, incident in enumerate(demo.exit.pop("incidents", []))
    ]
    plan = ExitPlan.model_validate({**demo.exit, "incidents": incidents})
    tickets = _demo_set(_ticket_shift(today)).tickets()
    imported_at = datetime.combine(today, time(9), tzinfo=UTC) if today else DEMO_IMPORTED_AT
    return (
        evaluation.with_must_haves(dict(demo.must_haves))
        .with_business(demo.business)
        .with_tickets(
            TicketImport(
                file_name=DEMO_TICKETS.name,
                imported_at=imported_at,
                tickets=len(tickets.frame),
                skipped=tickets.skipped,
                mapping=_DEMO_MAPPING.model_dump(),
                problems=tuple(p.sentence() for p in tickets.problems),
                priority_words=tickets.words,
            )
        )
        .with_currency(demo.currency)
        .with_exit_plan(plan)
    )


def _with_demo_provider(evaluation: Evaluation, entry: _DemoProvider) -> Evaluation:
    evaluation = evaluation.with_provider(entry.name, current=entry.current)
    provider = evaluation.providers[-1].id
    scores = {
        cid: Score(
            rating=entry.ratings.get(cid, "unknown"),
            note=entry.notes.get(cid, ""),
            verified=cid in entry.verified,
        )
        for cid in entry.ratings.keys() | entry.notes.keys()
    }
    return (
        evaluation.with_scores(provider, scores)
        .with_contract(provider, entry.contract)
        .with_answers(provider, entry.answers)
        .with_pricing(provider, entry.pricing)
        .with_service_levels(provider, entry.service)
    )


DEMO_TICKETS = DATA / "demo_tickets.csv"
"""A year of the demo's current provider's tickets, as its ticket system exports them."""
DEMO_IMPORTED_AT = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
_DEMO_MAPPING = TicketColumns(
    id="Ticket #",
    created="Date Entered",
    first_response="Date Responded",
    resolved="Date Resolved",
    priority="Priority",
    status="Status",
)


LAST_TICKET_DAY = date(2026, 11, 26)
"""The day of the last ticket in DEMO_TICKETS: a demo made on another day moves them to end the
day before it."""
_TICKET_DATES = ("Date Entered", "Date Responded", "Date Resolved")


def _ticket_shift(today: date | None) -> int:
    """Days the demo's tickets move so the last is from the day before `today` (0 as written)."""
    return (today - timedelta(days=1) - LAST_TICKET_DAY).days if today else 0


@cache
def _demo_set(shift_days: int = 0) -> TicketSet:
    body = DEMO_TICKETS.read_bytes()
    if shift_days:
        body = _moved_tickets(body, shift_days)
    return TicketSet.from_export(read_export(body), _DEMO_MAPPING)


def _moved_tickets(body: bytes, days: int) -> bytes:
    """The ticket export with every time stamp `days` later, written as before."""
    frame = pd.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False)
    for column in _TICKET_DATES:
        stamps = pd.to_datetime(frame[column], format="%Y-%m-%d %H:%M", errors="coerce")
        moved = (stamps + pd.Timedelta(days=days)).dt.strftime("%Y-%m-%d %H:%M")
        frame[column] = moved.where(stamps.notna(), "")
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def demo_ticket_set(today: date | None = None) -> bytes:
    """The demo's ticket export as the store keeps it, ending the day before `today` (as
    written, without it)."""
    return _demo_set(_ticket_shift(today)).to_bytes()


def reset_demo(store: Store, today: date) -> Stored:
    """The demo made afresh for `today`, with its tickets: the next revision of the evaluation
    named DEMO_NAME (whatever was changed in it is replaced), or a new evaluation if there is
    none. A save someone made meanwhile is replaced too: resetting is asked for on purpose."""
    fresh, tickets = demo_evaluation(today), demo_ticket_set(today)
    for _ in range(3):
        try:
            found = store.find(DEMO_NAME, by="name")
        except NotFound:
            return store.create(fresh, tickets, summary=(f"The demo, made on {today}",))
        try:
            reset = f"The demo reset to {today}: everything in it replaced"
            return store.save(found.id, fresh, found.revision, tickets, summary=(reset,))
        except Conflict:
            continue
    raise Conflict("The demo is being changed by someone else right now; try again.")
