"""Reading what people type, upload or import, and the one error that says what to fix.

Every rule a person can break ends in `InvalidInput`, whose message is a plain sentence the app
shows as it is and the command line prints on one line.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from itexit.types import NOT_APPLICABLE, UNKNOWN, Name

__all__ = [
    "AllOrNothing",
    "Choice",
    "Entry",
    "InvalidInput",
    "clean_name",
    "describe",
    "parse_rating",
    "read_decimal",
    "read_money",
    "read_number",
    "validated",
]


class InvalidInput(ValueError):
    """Something a user typed, uploaded or imported breaks a rule; the message says what to fix."""


M = TypeVar("M", bound=BaseModel)


def validated(cls: type[M], **fields: object) -> M:
    """A model built from fields a person entered; InvalidInput says what is wrong."""
    try:
        return cls(**fields)
    except ValidationError as exc:
        raise InvalidInput(describe(exc)) from None


_NAME = TypeAdapter(Name)


def clean_name(value: object, subject: str) -> str:
    """A valid name, stripped of surrounding spaces, or InvalidInput saying what is wrong."""
    try:
        return _NAME.validate_python(value)
    except ValidationError as exc:
        raise InvalidInput(describe(exc, subject=subject)) from None


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def parse_rating(value: object) -> int | Literal["unknown", "n/a"]:
    """Read a rating as a person or an editor cell gives it: 0–5, blank/unknown, or n/a."""
    if _missing(value):
        return UNKNOWN
    if isinstance(value, bool):
        raise InvalidInput(f"'{value}' is not a score")
    if isinstance(value, int | float):
        if not math.isfinite(value) or value != int(value) or not 0 <= value <= 5:
            raise InvalidInput(f"{value:g} is not a whole number from 0 to 5")
        return int(value)
    text = str(value).strip().casefold()
    if text in ("", "unknown", "?"):
        return UNKNOWN
    if text in ("n/a", "na", "not applicable"):
        return NOT_APPLICABLE
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput(
            f"'{value}' is not a score; use a whole number from 0 to 5, 'unknown' or 'n/a'"
        ) from None
    return parse_rating(number)


def read_number(value: object, low: float, high: float) -> float:
    """A number a person entered, checked against its range; InvalidInput says what is wrong."""
    if _missing(value) or value == "":
        raise InvalidInput(f"it can't be empty; enter a number from {low:g} to {high:g}")
    if isinstance(value, bool):
        raise InvalidInput(f"'{value}' is not a number")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(f"'{value}' is not a number") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise InvalidInput(f"{number:g} is out of range; enter a number from {low:g} to {high:g}")
    return number


def read_money(value: object, subject: str) -> Decimal:
    """An amount a person typed ("1,450.50", "1450", "") as an exact Decimal; empty is 0."""
    text = str(value if value is not None else "").strip().replace(",", "").replace(" ", "")
    if not text:
        return Decimal(0)
    try:
        amount = Decimal(text)
    except ArithmeticError:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise InvalidInput(f"{subject}: '{value}' is not an amount; type it like 1450.00")
    if amount < 0:
        raise InvalidInput(f"{subject} can't be negative")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(f"{subject}: '{value}' has fractions of a cent; use at most 2 decimals")
    if amount > Decimal("1e10"):
        raise InvalidInput(f"{subject}: '{value}' is too large")
    return amount.quantize(Decimal("0.01"))


def read_decimal(value: str, subject: str) -> Decimal | None:
    """An exact number a person typed, such as a percentage ("99.9"); empty is None.

    The range is the model's to check; this only says when the text is not a number.
    """
    text = value.strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except ArithmeticError:
        raise InvalidInput(f"{subject}: '{value}' is not a number.") from None


@dataclass(frozen=True)
class Entry:
    """One thing a form asks for: its label, what it holds now, and how it may be filled in.

    A number box unless `text`: amounts of money are typed as text, so "1,450.50" reads as
    people write it (see `read_money`).
    """

    label: str
    value: float | int | str | None
    low: float | int | None = None
    high: float | int | None = None
    step: float | int | None = None
    help: str | None = None
    placeholder: str | None = None
    text: bool = False
    max_chars: int | None = None
    show_label: bool = True
    """False where the label is said around the box (a column heading, a row name)."""


@dataclass(frozen=True)
class Choice:
    """One pick a form offers: its label, the options, the one it starts on, and how each reads
    (`words`; None: as it is). Radio buttons in a row if `buttons`, else a drop-down."""

    label: str
    options: list[str]
    index: int
    help: str | None = None
    words: dict[str, str] | None = None
    buttons: bool = False


class AllOrNothing:
    """The edits of a table, read row by row: every problem is named at once, and nothing is
    saved while any remains.

        rows = AllOrNothing()
        for row in edited:
            with rows.reading(row.name):
                ...  # may raise InvalidInput
        rows.check()  # InvalidInput("Nothing was saved. <name>: <problem> ...")
    """

    def __init__(self) -> None:
        self.problems: list[str] = []

    @contextmanager
    def reading(self, label: str, separator: str = ": ") -> Iterator[None]:
        """Read one row; a problem in it is noted under `label` and the reading goes on."""
        try:
            yield
        except InvalidInput as exc:
            self.problems.append(f"{label}{separator}{exc}")

    def check(self) -> None:
        """InvalidInput naming every problem noted, if there was any."""
        if self.problems:
            raise InvalidInput("Nothing was saved. " + " ".join(self.problems))


def describe(error: ValidationError, subject: str | None = None) -> str:
    """Plain sentences for the problems in a pydantic error, without pydantic's jargon."""
    sentences = []
    for item in error.errors(include_url=False):
        message = str(item["msg"]).removeprefix("Value error, ")
        label = subject or _location(item["loc"])
        if label and item["type"] == "value_error" and message[:1].islower():
            sentence = f"{label} {message}"
        elif label:
            sentence = f"{label}: {message}"
        else:
            sentence = message
        sentences.append(sentence[:1].upper() + sentence[1:].rstrip("."))
    return ". ".join(dict.fromkeys(sentences)) + "."


def _location(loc: Iterable[int | str]) -> str:
    return " ".join(str(p).replace("_", " ") for p in loc if not isinstance(p, int))
