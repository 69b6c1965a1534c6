"""Small value types every area shares: names, notes, weights, ratings, money, counts.

Each type carries its rule, so a model that uses it is checked the same way everywhere.
"""

from __future__ import annotations

import math
import secrets
import unicodedata
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, ValidationInfo

__all__ = [
    "NAME_MAX",
    "NOTE_MAX",
    "NOT_APPLICABLE",
    "PRIORITIES",
    "RATING_CHOICES",
    "STORED",
    "UNKNOWN",
    "WEIGHT_MAX",
    "Count",
    "Frozen",
    "Hours",
    "Identifier",
    "Level",
    "Money",
    "Name",
    "Note",
    "Percent",
    "Priority",
    "Rating",
    "Text",
    "Weight",
    "loading",
    "name_key",
    "new_id",
]

NAME_MAX = 100
NOTE_MAX = 2000
WEIGHT_MAX = 1000.0
UNKNOWN: Literal["unknown"] = "unknown"
NOT_APPLICABLE: Literal["n/a"] = "n/a"


STORED = {"itexit": "stored"}
"""The validation context of a saved revision being loaded. Rules for what people enter (the
input rules: lengths, characters, dates in order) may grow stricter over time; they apply to
new input and imports, never to loading, so every stored revision stays readable. Structural
rules (types, ids, one current provider) always apply."""


def loading(info: ValidationInfo) -> bool:
    """True while a stored revision is being loaded: input rules do not apply."""
    return isinstance(info.context, dict) and info.context.get("itexit") == "stored"


class Frozen(BaseModel):
    """A record that never changes once made and refuses fields it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid")


_NOT_IN_NAMES = frozenset({"Cc", "Zl", "Zp", "Cs"})
"""Unicode categories a name may not hold: the C0 and C1 controls (tab, line feed, U+0085...),
the line and paragraph separators (U+2028, U+2029), and lone surrogates (half a character)."""


def _name(value: str, info: ValidationInfo) -> str:
    if loading(info):
        return value
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        raise ValueError("can't be empty or only spaces")
    if len(value) > NAME_MAX:
        raise ValueError(f"can be at most {NAME_MAX} characters (this one has {len(value)})")
    for position, character in enumerate(value, start=1):
        if unicodedata.category(character) in _NOT_IN_NAMES:
            raise ValueError(
                "can't contain line breaks, tabs or other control characters; remove the one "
                f"at character {position} (U+{ord(character):04X}) and keep it on one line"
            )
    return value


def _note(value: str, info: ValidationInfo) -> str:
    if loading(info):
        return value
    value = value.strip()
    if len(value) > NOTE_MAX:
        raise ValueError(f"can be at most {NOTE_MAX} characters (this one has {len(value)})")
    return value


def _weight(value: float, info: ValidationInfo) -> float:
    if loading(info):
        return float(value)
    if not math.isfinite(value) or not 0 <= value <= WEIGHT_MAX:
        raise ValueError(f"must be a number from 0 to {WEIGHT_MAX:g}")
    return float(value)


def _level(value: float, info: ValidationInfo) -> float:
    if loading(info):
        return float(value)
    if not math.isfinite(value) or not 0 <= value <= 5:
        raise ValueError("must be a number from 0 to 5")
    return float(value)


Name = Annotated[str, AfterValidator(_name)]
"""A name people give: an evaluation, a provider, a criterion; one line, 1–100 characters,
kept in Unicode's composed form (NFC), so "Café" is one name however it was typed."""
Note = Annotated[str, AfterValidator(_note)]
"""Free text a person writes as evidence or an answer; up to 2,000 characters."""
Weight = Annotated[float, AfterValidator(_weight)]
"""How much something counts: 0 (left out) to 1000."""
Level = Annotated[float, AfterValidator(_level)]
"""A level on the 0–5 scale, such as an essential's target."""
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9_.-]{1,64}$")]
"""A stable id of an essential, criterion, question or task, as the data files spell it."""
Rating = Annotated[StrictInt, Field(ge=0, le=5)] | Literal["unknown", "n/a"]
"""A criterion's score: a whole number 0–5, "unknown" (not asked yet) or "n/a" (does not apply)."""
RATING_CHOICES = ("unknown", "0", "1", "2", "3", "4", "5", "n/a")
"""The ratings as a person picks them, in the order a picker lists them."""
Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e10"), decimal_places=2, allow_inf_nan=False)]
"""An amount in the evaluation's currency, exact to the cent."""
Text = Annotated[str, Field(max_length=500)]
"""A short free text, such as an incident's impact."""
Percent = Annotated[Decimal, Field(ge=0, le=100, decimal_places=3, allow_inf_nan=False)]
"""A share in percent, exact to a thousandth."""
Count = Annotated[int, Field(ge=0, le=1_000_000)]
"""How many of something the business has or is billed for."""
Hours = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)]
"""A duration in hours."""
Priority = Literal["P1", "P2", "P3"]
"""A ticket's urgency as service levels promise it: P1 urgent, P2 important, P3 routine."""
PRIORITIES: tuple[Priority, ...] = ("P1", "P2", "P3")


def new_id() -> str:
    """A fresh, short, random id for a provider or an incident."""
    return secrets.token_hex(6)


def name_key(name: str) -> str:
    """How names are compared for duplicates: ignoring case, surrounding spaces, and how the
    letters were composed ("Café" typed as one character é or as e plus an accent).

    The evaluations table keeps this key (unique); migration 0003 holds a copy of the rule, so
    changing it needs a migration that works the keys out again.
    """
    composed = unicodedata.normalize("NFC", name).strip()
    return unicodedata.normalize("NFC", composed.casefold())
