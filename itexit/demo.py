"""The demo evaluation (`data/demo.toml`) that a first start with an empty database opens on."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from itexit import sla
from itexit.checklist import DATA_DIR, builtin_checklist
from itexit.models import (
    Answer,
    Contract,
    Evaluation,
    Pricing,
    Rating,
    Score,
    ServiceLevels,
    TicketImport,
)

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
    business: dict[str, Any] = Field(default_factory=dict)


def demo_evaluation() -> Evaluation:
    demo = _Demo.model_validate(tomllib.loads(DEMO_FILE.read_text(encoding="utf-8")))
    evaluation = Evaluation.new(demo.name, builtin_checklist()).with_essential_settings(
        demo.essential_weights, demo.targets
    )
    for entry in demo.providers:
        evaluation = evaluation.with_provider(entry.name, current=entry.current)
        scores = {
            cid: Score(
                rating=entry.ratings.get(cid, "unknown"),
                note=entry.notes.get(cid, ""),
                verified=cid in entry.verified,
            )
            for cid in entry.ratings.keys() | entry.notes.keys()
        }
        evaluation = evaluation.with_scores(evaluation.providers[-1].id, scores)
        evaluation = evaluation.with_provider_details(
            evaluation.providers[-1].id,
            contract=entry.contract,
            answers=entry.answers,
            pricing=entry.pricing,
            service=entry.service,
        )
    incidents = [
        {"id": f"demo{n}", **incident} for n, incident in enumerate(demo.exit.pop("incidents", []))
    ]
    evaluation = evaluation.with_must_haves(dict(demo.must_haves)).with_business(**demo.business)
    tickets = _demo_tickets()
    evaluation = evaluation.with_tickets(
        TicketImport(
            file_name=DEMO_TICKETS.name,
            imported_at=DEMO_IMPORTED_AT,
            tickets=len(tickets.frame),
            skipped=tickets.skipped,
            mapping=_DEMO_MAPPING.model_dump(),
            problems=tuple(p.sentence() for p in tickets.problems),
        )
    )
    return evaluation.with_currency(demo.currency).with_exit(**demo.exit, incidents=incidents)


DEMO_TICKETS = DATA_DIR / "demo_tickets.csv"
"""A year of the demo's current provider's tickets, as its ticket system exports them."""
DEMO_IMPORTED_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
_DEMO_MAPPING = sla.Mapping(
    created="Date Entered",
    first_response="Date Responded",
    resolved="Date Resolved",
    priority="Priority",
    status="Status",
)


@cache
def _demo_tickets() -> sla.Tickets:
    return sla.normalise(sla.read_export(DEMO_TICKETS.read_bytes()), _DEMO_MAPPING)


def demo_ticket_set() -> bytes:
    """The demo's tickets as the store keeps them."""
    return sla.tickets_to_bytes(_demo_tickets().frame)
