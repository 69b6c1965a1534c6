"""Leaving the current provider: contract dates and deadlines, grounds and evidence, the notice
letter, the calendar of key dates, and the offboarding checklist.

Its modules, from the data kept to what a page shows:

- `models`: what the exit plan keeps (contract, grounds, incidents, letter, dates, tasks);
- `dates`: terms, renewals and the last day to give notice;
- `grounds`: grounds for leaving early, evidence strength, the routes out;
- `keydates`, `letter`, `offboarding`: the calendar's key dates, the notice letter, the
  handover;
- `charts`: the timeline of the move.

The Contract, Grounds, Notice letter and Offboarding pages use `itexit.exit.views`: what they
show and the changes they send back. Those build on the evaluation aggregate, which is itself
built from the areas' models, so the package does not import them (that would be an import
cycle).
"""

from itexit.exit.charts import exit_timeline
from itexit.exit.dates import (
    NEAR_DAYS,
    Deadline,
    Term,
    add_months,
    current_term,
    ends_after_notice,
    lock_in,
    next_deadline,
    notice_before,
    notice_by,
    terms,
)
from itexit.exit.grounds import (
    DOCUMENT_STRENGTH_WORDS,
    GROUND_BY_ID,
    GROUNDS,
    STRENGTH_ORDER,
    STRENGTH_WORDS,
    Backing,
    Ground,
    Route,
    Strength,
    checked_incident,
    evidence_strength,
    exit_routes,
    incidents_for,
    new_incident,
    standing_grounds,
    strength_words,
    stronger,
)
from itexit.exit.keydates import KeyDate, key_dates
from itexit.exit.letter import (
    END_PLACEHOLDER,
    LetterKind,
    incident_line,
    notice_letter,
    requested_end,
)
from itexit.exit.models import (
    TASK_STATUSES,
    Contract,
    ExitPlan,
    GroundClaim,
    GroundId,
    Incident,
    Task,
    TaskStatus,
)
from itexit.exit.offboarding import (
    Milestone,
    OffboardingItem,
    PlannedTask,
    offboarding_items,
    offboarding_plan,
    progress,
    timeline,
)

__all__ = [
    "DOCUMENT_STRENGTH_WORDS",
    "END_PLACEHOLDER",
    "GROUNDS",
    "GROUND_BY_ID",
    "NEAR_DAYS",
    "STRENGTH_ORDER",
    "STRENGTH_WORDS",
    "TASK_STATUSES",
    "Backing",
    "Contract",
    "Deadline",
    "ExitPlan",
    "Ground",
    "GroundClaim",
    "GroundId",
    "Incident",
    "KeyDate",
    "LetterKind",
    "Milestone",
    "OffboardingItem",
    "PlannedTask",
    "Route",
    "Strength",
    "Task",
    "TaskStatus",
    "Term",
    "add_months",
    "checked_incident",
    "current_term",
    "ends_after_notice",
    "evidence_strength",
    "exit_routes",
    "exit_timeline",
    "incident_line",
    "incidents_for",
    "key_dates",
    "lock_in",
    "new_incident",
    "next_deadline",
    "notice_before",
    "notice_by",
    "notice_letter",
    "offboarding_items",
    "offboarding_plan",
    "progress",
    "requested_end",
    "standing_grounds",
    "strength_words",
    "stronger",
    "terms",
    "timeline",
]
