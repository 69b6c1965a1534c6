"""What the exit plan keeps: the current contract, the grounds claimed, the incident log, the
letter, the dates of the move and the offboarding tasks."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import (
    Field,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    model_serializer,
    model_validator,
)

from itexit.exit.dates import add_months, notice_before
from itexit.types import Frozen, Identifier, Money, Note, Text, loading
from itexit.words import plural

__all__ = [
    "TASK_STATUSES",
    "Contract",
    "ExitPlan",
    "GroundClaim",
    "GroundId",
    "Incident",
    "Task",
    "TaskStatus",
]


class Contract(Frozen):
    """A provider's contract, as the business has it on paper."""

    start: date
    term_months: Annotated[int, Field(ge=1, le=600)]
    auto_renews: bool = False
    renewal_months: Annotated[int, Field(ge=1, le=120)] = 12
    notice_days: Annotated[int, Field(ge=0, le=3650)] = 30
    notice_months: Annotated[int, Field(ge=1, le=120)] | None = None
    """Where the contract states its notice in months ("three months' notice"): the months,
    counted as calendar months, and `notice_days` is not used. None: notice is in days."""
    end: date | None = None
    """The last day of the first term where the contract states it; else it is computed."""
    monthly_fee: Money = Decimal(0)
    termination_fee: Money = Decimal(0)

    @property
    def first_end(self) -> date:
        """The last day of the first term: as stated, or the day before start + term."""
        return self.end or add_months(self.start, self.term_months) - timedelta(days=1)

    @model_validator(mode="after")
    def _dates_make_sense(self, info: ValidationInfo) -> Self:
        if loading(info):
            return self
        if self.end is not None and self.end < self.start:
            raise ValueError("the end date is before the start date")
        days = (self.first_end - self.start).days + 1
        if self.notice_months is None and self.notice_days > days:
            raise ValueError(
                f"the notice period ({plural(self.notice_days, 'day')}) is longer than the "
                f"contract's first term ({plural(days, 'day')})"
            )
        if self.notice_months is not None and notice_before(self, self.first_end) < self.start:
            raise ValueError(
                f"the notice period ({plural(self.notice_months, 'month')}) is longer than the "
                f"contract's first term ({plural(days, 'day')})"
            )
        return self

    @model_serializer(mode="wrap")
    def _months_only_when_stated(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Notice in days is written as before notice in months existed, so the bodies and
        # documents of such contracts stay as they were (and older ITexit versions read them).
        data: dict[str, Any] = handler(self)
        if self.notice_months is None:
            data.pop("notice_months", None)
        return data

    @property
    def notice_words(self) -> str:
        """The notice period as a contract states it: "3 months' notice", "30 days' notice"."""
        if self.notice_months is not None:
            return _notice(self.notice_months, "month")
        return _notice(self.notice_days, "day") if self.notice_days else "no notice"


def _notice(count: int, unit: str) -> str:
    return f"{count} {unit}'s notice" if count == 1 else f"{count} {unit}s' notice"


GroundId = Literal["mutual", "damage", "billing", "performance", "acquired", "no_contract"]
"""The grounds a business may stand on to end a contract early (see itexit/exit/grounds.py)."""


class GroundClaim(Frozen):
    """Whether the business says a ground applies to its provider, and its notes on why."""

    applies: Literal["yes", "no", "unsure"] = "unsure"
    notes: Note = ""


class Incident(Frozen):
    """A dated entry in the incident log: evidence of what went wrong with the current provider."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]{1,32}$")]
    day: date
    what: Annotated[str, Field(min_length=1, max_length=500)]
    impact: Text = ""
    downtime_hours: Annotated[float, Field(ge=0, le=10_000, allow_inf_nan=False)] = 0.0
    ticket: Annotated[str, Field(max_length=100)] = ""
    grounds: tuple[GroundId, ...] = ()

    @model_validator(mode="after")
    def _not_in_the_future(self, info: ValidationInfo) -> Self:
        if not loading(info) and self.day > date.today():
            raise ValueError(f"the incident date {self.day.isoformat()} is in the future")
        return self


TaskStatus = Literal["to do", "in progress", "done", "not needed"]
TASK_STATUSES: tuple[TaskStatus, ...] = ("to do", "in progress", "done", "not needed")


class Task(Frozen):
    """How one offboarding item stands in this evaluation."""

    owner: Annotated[str, Field(max_length=100)] = ""
    """Empty: the checklist's default owner."""
    days_from_cutover: Annotated[int, Field(ge=-365, le=365)] | None = None
    """None: the checklist's default timing."""
    status: TaskStatus = "to do"


class ExitPlan(Frozen):
    """Leaving the current provider: grounds, evidence, the letter, the dates, the handover."""

    grounds: dict[GroundId, GroundClaim] = Field(default_factory=dict)
    incidents: tuple[Incident, ...] = ()
    business_name: Annotated[str, Field(max_length=200)] = ""
    signatory: Annotated[str, Field(max_length=200)] = ""
    letter: Annotated[str, Field(max_length=50_000)] | None = None
    """The notice letter as the user edited it; None means: use the draft."""
    notice_date: date | None = None
    new_provider_start: date | None = None
    cutover: date | None = None
    tasks: dict[Identifier, Task] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dates_in_order(self, info: ValidationInfo) -> Self:
        if loading(info):
            return self
        if self.new_provider_start and self.cutover and self.new_provider_start > self.cutover:
            raise ValueError("the new provider's start is after the cut-over date")
        return self
