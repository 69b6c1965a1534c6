"""The demo evaluation (`data/demo.toml`) that a first start with an empty database opens on."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from itexit.checklist import DATA_DIR, builtin_checklist
from itexit.cost.models import Business, Pricing
from itexit.diligence import Answer
from itexit.evaluation import Evaluation, Score
from itexit.exit.models import Contract, ExitPlan
from itexit.service import (
    ServiceLevels,
    TicketColumns,
    TicketImport,
    Tickets,
    TicketSet,
    read_export,
)
from itexit.types import Rating

__all__ = ["demo_evaluation", "demo_ticket_set"]

DEMO_FILE = DATA_DIR / "demo.toml"


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


def demo_evaluation() -> Evaluation:
    """The demo: a dental practice reviewing its current provider and three candidates."""
    demo = _Demo.model_validate(tomllib.loads(DEMO_FILE.read_text(encoding="utf-8")))
    evaluation = Evaluation.new(demo.name, builtin_checklist()).with_essential_settings(
        demo.essential_weights, demo.targets
    )
    for entry in demo.providers:
        evaluation = _with_demo_provider(evaluation, entry)
    incidents = [
        {"id": f"demo{n}", **incident} for n, incident in enumerate(demo.exit.pop("incidents", []))
    ]
    plan = ExitPlan.model_validate({**demo.exit, "incidents": incidents})
    tickets = _demo_tickets()
    return (
        evaluation.with_must_haves(dict(demo.must_haves))
        .with_business(demo.business)
        .with_tickets(
            TicketImport(
                file_name=DEMO_TICKETS.name,
                imported_at=DEMO_IMPORTED_AT,
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


DEMO_TICKETS = DATA_DIR / "demo_tickets.csv"
"""A year of the demo's current provider's tickets, as its ticket system exports them."""
DEMO_IMPORTED_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
_DEMO_MAPPING = TicketColumns(
    id="Ticket #",
    created="Date Entered",
    first_response="Date Responded",
    resolved="Date Resolved",
    priority="Priority",
    status="Status",
)


@cache
def _demo_set() -> TicketSet:
    return TicketSet.from_export(read_export(DEMO_TICKETS.read_bytes()), _DEMO_MAPPING)


def _demo_tickets() -> Tickets:
    return _demo_set().tickets()


def demo_ticket_set() -> bytes:
    """The demo's ticket export as the store keeps it."""
    return _demo_set().to_bytes()
