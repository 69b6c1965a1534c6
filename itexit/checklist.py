"""Loads and validates the built-in checklist, the human-editable `data/checklist.toml`."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from itexit.models import Checklist, InvalidInput, describe

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHECKLIST_FILE = DATA_DIR / "checklist.toml"
ESSENTIALS = ("security", "maintenance", "helpdesk", "monitoring", "backup", "policies")
CRITERIA_PER_ESSENTIAL = range(4, 8)


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
    return checklist


@cache
def builtin_checklist() -> Checklist:
    """The checklist shipped with ITexit, read once per process."""
    return parse_checklist(CHECKLIST_FILE.read_text(encoding="utf-8"))
