"""What the service-level rules read: a provider's promises, and the facts of a ticket import."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from itexit.types import Count, Frozen, Hours, Priority

__all__ = ["DateOrder", "DurationKind", "ServiceLevels", "TicketColumns", "TicketImport"]


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
