"""What the service-level rules read: a provider's promises, and the facts of a ticket import."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, model_validator

from itexit.types import Count, Frozen, Hours, Priority

__all__ = [
    "BusinessHours",
    "Clock",
    "DateOrder",
    "DurationKind",
    "PriorityWord",
    "Reading",
    "ServiceLevels",
    "TicketColumns",
    "TicketImport",
    "holiday_countries",
]

Clock = Literal["24/7", "business hours"]
"""How a promised time is counted: every hour of every day, or only the business's working
hours (its working days, less public holidays)."""


@cache
def holiday_countries() -> dict[str, tuple[str, ...]]:
    """The countries whose public holidays are known (ISO code: its regions' codes), from the
    `holidays` package (imported here: its tables take a tenth of a second to load)."""
    import holidays

    return {c: tuple(r) for c, r in sorted(holidays.list_supported_countries().items())}


class BusinessHours(Frozen):
    """The business's working week, the clock a promise "in business hours" runs on: its time
    zone, working days (0 Monday to 6 Sunday), the hours of a working day, and the country (and
    region) whose public holidays are not working days."""

    time_zone: Annotated[str, Field(max_length=60)] = "UTC"
    days: tuple[Annotated[int, Field(ge=0, le=6)], ...] = (0, 1, 2, 3, 4)
    start: time = time(9)
    end: time = time(17)
    country: Annotated[str, Field(max_length=3)] | None = None
    region: Annotated[str, Field(max_length=10)] | None = None

    @model_validator(mode="after")
    def _check(self) -> BusinessHours:
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"'{self.time_zone}' is not a time zone, such as Europe/London"
            ) from None
        if not self.days:
            raise ValueError("Choose at least one working day")
        if self.start >= self.end:
            raise ValueError("A working day must end after it starts, on the same day")
        if self.country is not None and self.country not in holiday_countries():
            raise ValueError(f"'{self.country}' is not a country whose holidays are known")
        regions = holiday_countries().get(self.country or "", ())
        if self.region is not None and self.region not in regions:
            known = ", ".join(regions) if regions else "none"
            raise ValueError(f"'{self.region}' is not a region of {self.country} (known: {known})")
        return self


class ServiceLevels(Frozen):
    """What a provider promises: uptime, response and resolution times, service credits."""

    uptime: Annotated[Decimal, Field(ge=50, le=100, decimal_places=3)] | None = None
    """Guaranteed availability in percent, e.g. 99.9."""
    response_hours: dict[Priority, Hours] = Field(default_factory=dict)
    resolution_hours: dict[Priority, Hours] = Field(default_factory=dict)
    credits: Annotated[str, Field(max_length=500)] = ""
    # Left out of what is stored while they are the defaults, so promises made before clocks
    # existed (every 24/7) are stored, and exported, exactly as they were.
    clocks: dict[Priority, Clock] = Field(default_factory=dict, exclude_if=lambda v: not v)
    """Per priority, how its promised times are counted; none given: 24/7."""
    business_hours: BusinessHours = Field(
        default_factory=BusinessHours, exclude_if=lambda v: v == BusinessHours()
    )
    """The working week a promise in business hours is counted on."""

    def clock(self, priority: Priority) -> Clock:
        """How the promised times of a priority are counted."""
        return self.clocks.get(priority, "24/7")


Reading = Literal["P1", "P2", "P3", "left out"]
"""What a priority word of an export is read as: a priority, or not one (its rows left out)."""


class PriorityWord(Frozen):
    """A priority word of an export, how many rows have it, and what it was read as."""

    word: Annotated[str, Field(max_length=200)]
    rows: Count
    read_as: Reading
    chosen: bool = False
    """True when the user chose the reading; False when ITexit recognised (or not) the word."""


class TicketImport(Frozen):
    """The current provider's ticket export as last imported; the tickets themselves are kept
    beside the evaluation in the store (they are many), these are the facts about them."""

    file_name: Annotated[str, Field(max_length=300)]
    imported_at: datetime
    tickets: Count
    skipped: Count
    mapping: dict[str, str | dict[str, Reading] | None]
    problems: tuple[Annotated[str, Field(max_length=500)], ...] = ()
    priority_words: tuple[PriorityWord, ...] = Field(default=(), exclude_if=lambda v: not v)
    """The export's priority words (the most frequent 50), each with what it was read as; left
    out of what is stored while there are none (imports made before they were recorded)."""
    provider: str | None = Field(default=None, exclude_if=lambda v: v is None)
    """The id of the provider whose tickets these are (the current one when they were
    imported); None for imports made before it was recorded, read as the current provider's."""


DurationKind = Literal["timestamp", "minutes", "hours"]
"""How a ticket export writes a response or resolution: a time stamp, or a duration."""

DateOrder = Literal["day first", "month first"]
"""How a ticket export writes dates such as 05/09/2026: 5 September, or May 9."""


class TicketColumns(Frozen):
    """Which column of a ticket export holds what, and how its dates are written."""

    created: str
    priority: str
    first_response: str | None = None
    first_response_kind: DurationKind = "timestamp"
    resolved: str | None = None
    resolved_kind: DurationKind = "timestamp"
    status: str | None = None
    category: str | None = None
    id: str | None = None
    """The ticket's number or key: a ticket in several rows counts once."""
    date_order: DateOrder | None = None
    """How dates such as 05/09/2026 read; None while the file tells (or has no such dates)."""
    priority_words: dict[Annotated[str, Field(max_length=200)], Reading] = Field(
        default_factory=dict, exclude_if=lambda v: not v
    )
    """What the user chose some priority words to be read as (written as the file writes them,
    compared ignoring case and surrounding spaces); the others are read by ITexit's rule."""

    def used(self) -> list[str]:
        """The export's columns this mapping reads, each once, in the export's usual order."""
        chosen = (
            self.id,
            self.created,
            self.priority,
            self.status,
            self.category,
            self.first_response,
            self.resolved,
        )
        return list(dict.fromkeys(c for c in chosen if c is not None))
