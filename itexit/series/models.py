"""What an evaluation keeps of its review series: which series it belongs to and its date."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Annotated

from pydantic import Field

from itexit.types import Frozen

__all__ = ["SERIES_PATTERN", "Review", "new_series"]

SERIES_PATTERN = r"^s-[0-9a-f]{12}$"
"""How a series' identifier looks: 's-' and 12 hexadecimal digits."""


class Review(Frozen):
    """One dated review in a series of reviews of the same business's providers (say, one a
    year): the evaluations of a series are the same review repeated over time."""

    series: Annotated[str, Field(pattern=SERIES_PATTERN)]
    """The series' identifier, shared by every review of it."""
    held: date
    """The review's date: the day it was started (for the first review of a series, the day
    its evaluation was last changed before the next review began)."""


def new_series() -> str:
    """A fresh series identifier."""
    return f"s-{secrets.token_hex(6)}"
