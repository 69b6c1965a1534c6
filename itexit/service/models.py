"""What the service-level rules read: a provider's promises, and the facts of a ticket import."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from itexit.types import Count, Frozen, Hours, Priority

__all__ = ["DurationKind", "ServiceLevels", "TicketColumns", "TicketImport"]


class ServiceLevels(Frozen):
    """What a provider promises: uptime, response and resolution times, service credits."""

    uptime: Annotated[Decimal, Field(ge=50, le=100, decimal_places=3)] | None = None
    """Guaranteed availability in percent, e.g. 99.9."""
    response_hours: dict[Priority, Hours] = Field(default_factory=dict)
    resolution_hours: dict[Priority, Hours] = Field(default_factory=dict)
    credits: Annotated[str, Field(max_length=500)] = ""


class TicketImport(Frozen):
    """The current provider's ticket export as last imported; the tickets themselves are kept
    beside the evaluation in the store (they are many), these are the facts about them."""

    file_name: Annotated[str, Field(max_length=300)]
    imported_at: datetime
    tickets: Count
    skipped: Count
    mapping: dict[str, str | None]
    problems: tuple[Annotated[str, Field(max_length=500)], ...] = ()


DurationKind = Literal["timestamp", "minutes", "hours"]
"""How a ticket export writes a response or resolution: a time stamp, or a duration."""


class TicketColumns(Frozen):
    """Which column of a ticket export holds what."""

    created: str
    priority: str
    first_response: str | None = None
    first_response_kind: DurationKind = "timestamp"
    resolved: str | None = None
    resolved_kind: DurationKind = "timestamp"
    status: str | None = None
    category: str | None = None
