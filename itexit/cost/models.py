"""What the cost rules read: a provider's pricing and the business's own figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from itexit.types import Count, Frozen, Hours, Money, Percent

__all__ = ["DOWNTIME_CHOICES", "Business", "DowntimeChoice", "Pricing"]

DowntimeChoice = Literal["counted", "left out"]
"""How downtime enters the totals: counted (a candidate without an uptime promise is assumed to
match the current provider's promise), or left out of every total."""
DOWNTIME_CHOICES: tuple[DowntimeChoice, ...] = ("counted", "left out")


class Pricing(Frozen):
    """What a provider charges: a monthly price from the business's counts, plus one-offs."""

    flat_monthly: Money = Decimal(0)
    per_user: Money = Decimal(0)
    per_device: Money = Decimal(0)
    per_server: Money = Decimal(0)
    per_site: Money = Decimal(0)
    add_ons: Money = Decimal(0)
    """Monthly extras outside the base price (backup storage, security add-ons...)."""
    onboarding: Money = Decimal(0)
    """One-time fee to start."""
    projects: Money = Decimal(0)
    """One-time project fees that come with the switch."""
    yearly_increase: Percent = Decimal(0)
    """Price rise each year, in percent."""
    billed_users: Count | None = None
    """For the billing check: how many users the provider's invoice charges for."""
    billed_devices: Count | None = None


class Business(Frozen):
    """The business's own figures that turn prices and promises into money."""

    users: Count = 0
    devices: Count = 0
    servers: Count = 0
    sites: Count = 1
    downtime_cost_per_hour: Money = Decimal(0)
    switch_hours: Hours = 0.0
    """Staff time the move takes (meetings, testing, training), in hours."""
    hourly_cost: Money = Decimal(0)
    horizon_months: Annotated[int, Field(ge=6, le=120)] = 36
    overlap_months: Annotated[int, Field(ge=0, le=12)] = 1
    """Months of paying both providers while the new one takes over."""
    downtime: DowntimeChoice = Field("counted", exclude_if=lambda v: v == "counted")
    """Whether downtime is counted in the totals. Left out of a stored body while it is the
    default, so revisions saved before this setting existed read and write back unchanged."""
