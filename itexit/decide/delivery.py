"""What the imported tickets say about the current provider, for the advice: the priorities
whose tickets it handled in time far less often than it promised."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pandas as pd

from itexit.decide.decision import SERVICE_SHORTFALL, Shortfall
from itexit.service import delivered, tickets_from_bytes

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = ["service_shortfalls", "shortfalls_of"]

_MEASURES: tuple[tuple[Literal["responded to", "resolved"], str], ...] = (
    ("responded to", "response"),
    ("resolved", "resolution"),
)


def service_shortfalls(evaluation: Evaluation, tickets: pd.DataFrame) -> tuple[Shortfall, ...]:
    """Per priority and promise (response, resolution): where the share of tickets handled
    within the promised hours is SERVICE_SHORTFALL points or more below 100 %."""
    current = evaluation.current
    if current is None or current.service is None or not evaluation.tickets_current:
        return ()  # no promise to measure against, or the tickets are another provider's
    table = delivered(tickets, current.service)
    found = []
    for priority, row in table.iterrows():
        for what, field in _MEASURES:
            met, promised = row[f"{field} met %"], row[f"{field} promised h"]
            if pd.notna(met) and pd.notna(promised) and 100 - met >= SERVICE_SHORTFALL - 1e-9:
                found.append(
                    Shortfall(
                        str(priority),
                        what,
                        float(met),
                        float(promised),
                        int(row["tickets"]),
                        business_hours=row["clock"] == "business hours",
                    )
                )
    return tuple(found)


def shortfalls_of(evaluation: Evaluation, tickets: bytes | None) -> tuple[Shortfall, ...]:
    """The service shortfalls the advice weighs, from the ticket set kept beside the evaluation
    in the store (none without one), as the Decide page finds them: for files and the command
    line, which have the kept set rather than the page's cached tickets."""
    if tickets is None or evaluation.tickets is None:
        return ()
    return service_shortfalls(evaluation, tickets_from_bytes(tickets))
