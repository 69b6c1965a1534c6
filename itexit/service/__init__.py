"""Service levels: what each provider promises, and what the current one delivered, read from
its ticket system's export.

- `models`: the promises (with their clocks and working week), the facts of an import, the
  column choices (with the priority words read otherwise than the rule);
- `reading`: reading an uploaded export of any common shape, and guessing its columns;
- `normalising`: tickets in one shape from the mapped columns, with unusable rows reported;
- `kept`: the ticket set as the store and the JSON export keep it (the mapped columns, whole);
- `clock`: the business-hours clock (working hours between moments, deadlines);
- `delivered`: promised against delivered, per priority and per month, on each priority's
  clock;
- `charts`: the month-by-month chart.

The Service levels page uses `itexit.service.views`: what it shows and the changes it sends
back. Those build on the evaluation aggregate, which is itself built from the areas' models, so
the package does not import them (that would be an import cycle).
"""

from itexit.service.charts import sla_trend
from itexit.service.clock import business_hours_between, due_after
from itexit.service.delivered import delivered, measured, monthly_trend
from itexit.service.kept import TicketSet, tickets_from_bytes
from itexit.service.models import (
    BusinessHours,
    Clock,
    DateOrder,
    DurationKind,
    PriorityWord,
    Reading,
    ServiceLevels,
    TicketColumns,
    TicketImport,
)
from itexit.service.normalising import (
    DateClues,
    Problem,
    Progress,
    Tickets,
    normalise,
    normalise_priorities,
)
from itexit.service.reading import MAX_BYTES, MAX_ROWS, Export, guess_mapping, read_export

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "BusinessHours",
    "Clock",
    "DateClues",
    "DateOrder",
    "DurationKind",
    "Export",
    "PriorityWord",
    "Problem",
    "Progress",
    "Reading",
    "ServiceLevels",
    "TicketColumns",
    "TicketImport",
    "TicketSet",
    "Tickets",
    "business_hours_between",
    "delivered",
    "due_after",
    "guess_mapping",
    "measured",
    "monthly_trend",
    "normalise",
    "normalise_priorities",
    "read_export",
    "sla_trend",
    "tickets_from_bytes",
]
