"""The checklist: the essentials a business should expect, their criteria, and the loader of the
human-editable `data/checklist.toml`. An evaluation keeps its own copy of the checklist."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Self

from pydantic import Field, ValidationError, model_validator

from itexit.input import InvalidInput, describe
from itexit.types import Frozen, Identifier, Level, Name, Weight

__all__ = [
    "CHECKLIST_FILE",
    "DATA_DIR",
    "ESSENTIALS",
    "RED_FLAG_AT",
    "Checklist",
    "Criterion",
    "Essential",
    "builtin_checklist",
    "parse_checklist",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHECKLIST_FILE = DATA_DIR / "checklist.toml"
ESSENTIALS = ("security", "maintenance", "helpdesk", "monitoring", "backup", "policies")
CRITERIA_PER_ESSENTIAL = range(4, 8)
RED_FLAG_AT = 1
"""A criterion marked as a red flag raises it for a rating of this or lower."""


class Criterion(Frozen):
    """One thing to ask a provider, with plain words for what a 0, a 3 and a 5 look like."""

    id: Identifier
    name: Name
    question: Annotated[str, Field(min_length=1, max_length=500)]
    weight: Weight = 1.0
    means_0: Annotated[str, Field(min_length=1, max_length=500)]
    means_3: Annotated[str, Field(min_length=1, max_length=500)]
    means_5: Annotated[str, Field(min_length=1, max_length=500)]
    red_flag: Annotated[str, Field(max_length=300)] = ""
    """Why a rating of RED_FLAG_AT or less is dangerous whatever the weights; empty: never."""
    custom: bool = False
    """Added by the user to this evaluation, not part of the built-in checklist."""


class Essential(Frozen):
    """One of the six things every business should expect from its provider, with its criteria,
    default weight and target."""

    id: Identifier
    name: Name
    summary: Annotated[str, Field(min_length=1, max_length=500)]
    weight: Weight = 1.0
    target: Level = 4.0
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1)]


class Checklist(Frozen):
    """The essentials and their criteria; an evaluation keeps its own copy of it."""

    version: Annotated[str, Field(min_length=1, max_length=40)]
    essentials: Annotated[tuple[Essential, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Self:
        ids = [e.id for e in self.essentials] + [c.id for c in self.criteria]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"ids must be unique; repeated: {', '.join(duplicated)}")
        return self

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, essential by essential."""
        return tuple(c for e in self.essentials for c in e.criteria)

    def essential_of(self) -> dict[str, str]:
        """The id of each criterion's essential, by criterion id."""
        return {c.id: e.id for e in self.essentials for c in e.criteria}


def parse_checklist(text: str) -> Checklist:
    """Read a checklist from TOML text; InvalidInput names what is wrong with it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"The checklist is not valid TOML: {exc}") from None
    try:
        checklist = Checklist.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"The checklist breaks a rule: {describe(exc)}") from None
    _check_shape(checklist)
    return checklist


def _check_shape(checklist: Checklist) -> None:
    ids = tuple(e.id for e in checklist.essentials)
    if ids != ESSENTIALS:
        raise InvalidInput(f"The checklist must list the essentials {ESSENTIALS}, in that order.")
    for essential in checklist.essentials:
        if len(essential.criteria) not in CRITERIA_PER_ESSENTIAL:
            raise InvalidInput(
                f"Essential '{essential.id}' has {len(essential.criteria)} criteria; "
                "it needs 4 to 7."
            )
        strays = [c.id for c in essential.criteria if not c.id.startswith(f"{essential.id}.")]
        if strays:
            raise InvalidInput(
                f"Criterion ids must start with their essential's id: {', '.join(strays)}"
            )


@cache
def builtin_checklist() -> Checklist:
    """The checklist shipped with ITexit, read once per process."""
    return parse_checklist(CHECKLIST_FILE.read_text(encoding="utf-8"))
