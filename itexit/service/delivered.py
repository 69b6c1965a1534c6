"""What the current provider delivered against what it promised, per priority and per month,
and how the tickets are kept in the store."""

from __future__ import annotations

import gzip
import io

import pandas as pd

from itexit.service.models import ServiceLevels
from itexit.types import PRIORITIES, Priority

__all__ = ["delivered", "monthly_trend", "tickets_from_bytes", "tickets_to_bytes"]


def delivered(tickets: pd.DataFrame, promised: ServiceLevels | None) -> pd.DataFrame:
    """Per priority: tickets, still open, share meeting the response and resolution promises,
    median and 90th-percentile hours, beside the promises."""
    promised = promised or ServiceLevels()
    groups = tickets.groupby("priority", observed=True)
    table = pd.DataFrame(
        {
            "tickets": groups.size(),
            "open": groups["open"].sum(),
            "response median h": groups["response_hours"].median(),
            "response p90 h": groups["response_hours"].quantile(0.9),
            "resolution median h": groups["resolution_hours"].median(),
            "resolution p90 h": groups["resolution_hours"].quantile(0.9),
        }
    ).reindex(list(PRIORITIES))
    table["response promised h"] = [promised.response_hours.get(p) for p in PRIORITIES]
    table["resolution promised h"] = [promised.resolution_hours.get(p) for p in PRIORITIES]
    table["response met %"] = _met(tickets, "response_hours", promised.response_hours)
    table["resolution met %"] = _met(tickets, "resolution_hours", promised.resolution_hours)
    table["tickets"] = table["tickets"].fillna(0).astype(int)
    table["open"] = table["open"].fillna(0).astype(int)
    table.index.name = "priority"
    return table


def _met_flags(
    tickets: pd.DataFrame, column: str, promises: dict[Priority, float]
) -> tuple[pd.Series, pd.Series]:
    """Per ticket: whether it met the promise, and whether it could be measured against one."""
    limit = tickets["priority"].map(promises).astype(float)
    measured = tickets[column].notna() & limit.notna()
    return (tickets[column] <= limit) & measured, measured


def _met(tickets: pd.DataFrame, column: str, promises: dict[Priority, float]) -> pd.Series:
    """Share of the tickets with a time that met the promise, per priority, in percent."""
    met, measured = _met_flags(tickets, column, promises)
    frame = pd.DataFrame({"priority": tickets["priority"], "met": met, "measured": measured})
    sums = frame.groupby("priority")[["met", "measured"]].sum().reindex(list(PRIORITIES))
    return 100 * sums["met"] / sums["measured"].where(sums["measured"] > 0)


def monthly_trend(tickets: pd.DataFrame, promised: ServiceLevels | None) -> pd.DataFrame:
    """Per month and priority: the tickets, and the share meeting the response and resolution
    promises in percent (NaN where there is no promise or nothing to measure)."""
    promised = promised or ServiceLevels()
    response, response_measured = _met_flags(tickets, "response_hours", promised.response_hours)
    resolution, resolution_measured = _met_flags(
        tickets, "resolution_hours", promised.resolution_hours
    )
    sums = (
        pd.DataFrame(
            {
                "month": tickets["month"],
                "priority": tickets["priority"],
                "tickets": 1,
                "response": response,
                "response_measured": response_measured,
                "resolution": resolution,
                "resolution_measured": resolution_measured,
            }
        )
        .groupby(["month", "priority"])
        .sum()
    )
    measured_response = sums["response_measured"].where(sums["response_measured"] > 0)
    measured_resolution = sums["resolution_measured"].where(sums["resolution_measured"] > 0)
    return pd.DataFrame(
        {
            "tickets": sums["tickets"],
            "response met %": 100 * sums["response"] / measured_response,
            "resolution met %": 100 * sums["resolution"] / measured_resolution,
        }
    ).reset_index()


_STORED = ["created", "priority", "response_hours", "resolution_hours", "open"]


def tickets_to_bytes(tickets: pd.DataFrame) -> bytes:
    """The tickets, compressed, for the store (a 100,000-ticket set takes about a megabyte)."""
    frame = tickets[_STORED].copy()
    frame["created"] = frame["created"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return gzip.compress(frame.to_csv(index=False).encode("utf-8"), compresslevel=5)


def tickets_from_bytes(body: bytes) -> pd.DataFrame:
    """The tickets as `tickets_to_bytes` kept them, ready for the figures."""
    frame = pd.read_csv(io.BytesIO(gzip.decompress(body)), dtype={"priority": str})
    frame["created"] = pd.to_datetime(frame["created"], utc=True, format="%Y-%m-%dT%H:%M:%SZ")
    frame["open"] = frame["open"].astype(bool)
    frame["month"] = frame["created"].dt.strftime("%Y-%m")
    return frame
