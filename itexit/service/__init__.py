"""Service levels: what each provider promises, and what the current one delivered, read from
its ticket system's export.

- `models`: the promises, the facts of an import, the column choices;
- `reading`: reading an export of any common shape, with unusable rows reported;
- `delivered`: promised against delivered, per priority and per month; keeping the tickets;
- `charts`: the month-by-month chart.

The Service levels page uses `itexit.service.views`: what it shows and the changes it sends
back. Those build on the evaluation aggregate, which is itself built from the areas' models, so
the package does not import them (that would be an import cycle).
"""

from itexit.service.charts import sla_trend
from itexit.service.delivered import delivered, monthly_trend, tickets_from_bytes, tickets_to_bytes
from itexit.service.models import DurationKind, ServiceLevels, TicketColumns, TicketImport
from itexit.service.reading import (
    MAX_BYTES,
    Problem,
    Progress,
    Tickets,
    guess_mapping,
    normalise,
    normalise_priorities,
    read_export,
)

__all__ = [
    "MAX_BYTES",
    "DurationKind",
    "Problem",
    "Progress",
    "ServiceLevels",
    "TicketColumns",
    "TicketImport",
    "Tickets",
    "delivered",
    "guess_mapping",
    "monthly_trend",
    "normalise",
    "normalise_priorities",
    "read_export",
    "sla_trend",
    "tickets_from_bytes",
    "tickets_to_bytes",
]
