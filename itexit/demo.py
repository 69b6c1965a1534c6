"""The demo evaluation (`data/demo.toml`) that a first start with an empty database opens on."""

from __future__ import annotations

import tomllib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from itexit.checklist import DATA_DIR, builtin_checklist
from itexit.models import Answer, Contract, Evaluation, Rating, Score

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


class _Demo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    currency: str = "USD"
    essential_weights: dict[str, float]
    targets: dict[str, float]
    providers: list[_DemoProvider]
    exit: dict[str, Any] = Field(default_factory=dict)
    must_haves: dict[str, int] = Field(default_factory=dict)


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
            evaluation.providers[-1].id, contract=entry.contract, answers=entry.answers
        )
    incidents = [
        {"id": f"demo{n}", **incident} for n, incident in enumerate(demo.exit.pop("incidents", []))
    ]
    evaluation = evaluation.with_must_haves(dict(demo.must_haves))
    return evaluation.with_currency(demo.currency).with_exit(**demo.exit, incidents=incidents)
