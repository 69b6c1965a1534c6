"""The offboarding checklist (`data/offboarding.toml`) as this evaluation plans it, and the
dates of the move on one line."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from itexit.exit.dates import current_term, ends_after_notice, next_deadline, notice_by
from itexit.exit.models import TaskStatus
from itexit.paths import DATA
from itexit.types import Frozen

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "NOTICE_TASK",
    "Milestone",
    "OffboardingItem",
    "PlannedTask",
    "notice_deadline",
    "offboarding_items",
    "offboarding_plan",
    "progress",
    "timeline",
]


class OffboardingItem(Frozen):
    """One thing to get, check or switch off when leaving, with its default owner and timing."""

    id: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    phase: Literal["before", "cutover", "after"]
    title: str = Field(min_length=1, max_length=100)
    detail: str = Field(min_length=1, max_length=500)
    owner: Literal["You", "Current provider", "New provider"]
    days_from_cutover: int = Field(ge=-365, le=365)


class _Offboarding(Frozen):
    version: str
    items: tuple[OffboardingItem, ...] = Field(min_length=1)


@cache
def offboarding_items() -> tuple[OffboardingItem, ...]:
    """The built-in offboarding checklist (`data/offboarding.toml`), read once."""
    data = tomllib.loads((DATA / "offboarding.toml").read_text(encoding="utf-8"))
    items = _Offboarding.model_validate(data).items
    if len({i.id for i in items}) != len(items):
        raise ValueError("offboarding item ids must be unique")
    return items


NOTICE_TASK = "contract_review"
"""The offboarding item that gives notice: it depends on the contract's notice deadline."""


@dataclass(frozen=True)
class PlannedTask:
    """An offboarding item as this evaluation plans it."""

    item: OffboardingItem
    owner: str
    days_from_cutover: int
    """Days from the cut-over to the due date (the notice task's may be earlier than the
    checklist's: see `offboarding_plan`)."""
    status: TaskStatus
    due: date | None
    """cut-over + days_from_cutover; None until the cut-over date is set."""
    deadline: date | None = None
    """The contract's deadline this task depends on (the last day to give notice); None when
    it depends on none."""
    timing_set: bool = False
    """The evaluation sets this task's timing (else the checklist's default applies)."""

    @property
    def finished(self) -> bool:
        """Done, or not needed: nothing more to do."""
        return self.status in ("done", "not needed")

    @property
    def late(self) -> bool:
        """Due after the deadline it depends on, and not finished."""
        return bool(self.due and self.deadline and self.due > self.deadline) and not self.finished


def notice_deadline(evaluation: Evaluation) -> date | None:
    """The last day to give notice for the current provider's contract to end by the cut-over:
    the deadline of the term in which the day before the cut-over falls. None without a
    cut-over, a renewing contract, or such a term."""
    plan, current = evaluation.exit, evaluation.current
    if plan.cutover is None or current is None or current.contract is None:
        return None
    contract = current.contract
    if not contract.auto_renews:
        return None
    term = current_term(contract, plan.cutover - timedelta(days=1))
    return notice_by(contract, term) if term else None


def offboarding_plan(evaluation: Evaluation) -> list[PlannedTask]:
    """The built-in checklist with this evaluation's owners, timing, status and due dates.

    The notice task is due on the last day to give notice, or earlier: by default its due date
    is the checklist's timing or that deadline, whichever comes first. A timing the user set
    is kept as set, and the task is `late` when it falls after the deadline.
    """
    plan = evaluation.exit
    deadline = notice_deadline(evaluation)
    rows = []
    for item in offboarding_items():
        task = plan.tasks.get(item.id)
        timing_set = task is not None and task.days_from_cutover is not None
        offset = task.days_from_cutover if task and timing_set else item.days_from_cutover
        assert offset is not None
        depends = deadline if item.id == NOTICE_TASK else None
        if plan.cutover and depends and not timing_set:
            offset = min(offset, (depends - plan.cutover).days)
        due = plan.cutover + timedelta(days=offset) if plan.cutover else None
        owner = task.owner if task and task.owner else item.owner
        status = task.status if task else "to do"
        rows.append(PlannedTask(item, owner, offset, status, due, depends, timing_set))
    return rows


def progress(tasks: list[PlannedTask]) -> tuple[int, int]:
    """How many tasks are done (or not needed), out of all."""
    return sum(t.finished for t in tasks), len(tasks)


@dataclass(frozen=True)
class Milestone:
    """A date of the move, or a period (the overlap of both providers)."""

    label: str
    start: date
    end: date | None = None
    """For a period (the overlap); None for a single day."""


def timeline(evaluation: Evaluation, today: date) -> list[Milestone]:
    """The dates of the move, in order: notice, overlap, cut-over, access revoked, contract end."""
    plan = evaluation.exit
    current = evaluation.current
    deadline = next_deadline(current.contract, today) if current and current.contract else None
    milestones = []
    notice = plan.notice_date or (deadline.notice_by if deadline else None)
    if notice:
        milestones.append(
            Milestone("Notice given" if plan.notice_date else "Last day for notice", notice)
        )
    if plan.new_provider_start and plan.cutover:
        milestones.append(
            Milestone("Both providers (overlap)", plan.new_provider_start, plan.cutover)
        )
    elif plan.new_provider_start:
        milestones.append(Milestone("New provider starts", plan.new_provider_start))
    if plan.cutover:
        milestones.append(Milestone("Cut-over", plan.cutover))
        revoke = next(
            (t for t in offboarding_plan(evaluation) if t.item.id == "access_revocation"), None
        )
        if revoke and revoke.due:
            milestones.append(Milestone("Their access revoked", revoke.due))
    contract = current.contract if current else None
    end = ends_after_notice(contract, plan.notice_date) if contract and plan.notice_date else None
    if end is None and deadline:
        end = deadline.term_end
    if end:
        milestones.append(Milestone("Contract ends", end))
    return sorted(milestones, key=lambda m: m.start)
