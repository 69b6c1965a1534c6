"""Prints how long importing a large ticket export and computing its figures takes.

Target: a 100,000-ticket CSV imports and its figures compute in at most 3 s on a 2-core
machine (issue: "The true cost of staying or switching"). A measurement, not a test.

    python benchmarks/tickets.py [--tickets 100000]
"""

from __future__ import annotations

import argparse
import io
import time
from decimal import Decimal

import numpy as np
import pandas as pd

from itexit.service import (
    ServiceLevels,
    TicketColumns,
    delivered,
    guess_mapping,
    monthly_trend,
    normalise,
    read_export,
)

TARGET_S = 3.0


def ticket_export(tickets: int, seed: int = 7) -> bytes:
    """A Zendesk-like export: creation, first reply and solve time stamps, word priorities."""
    rng = np.random.default_rng(seed)
    created = pd.Timestamp("2024-01-01") + pd.to_timedelta(
        rng.uniform(0, 3 * 365 * 24 * 60, tickets), unit="min"
    )
    reply = created + pd.to_timedelta(rng.exponential(90, tickets), unit="min")
    solved = reply + pd.to_timedelta(rng.exponential(30, tickets), unit="h")
    solved = pd.Series(solved).where(rng.uniform(size=tickets) > 0.03)
    frame = pd.DataFrame(
        {
            "Id": np.arange(1, tickets + 1),
            "Subject": "Printer on floor 2 not responding, please help",
            "Created at": created.strftime("%Y-%m-%d %H:%M:%S"),
            "First reply at": pd.Series(reply).dt.strftime("%Y-%m-%d %H:%M:%S"),
            "Solved at": solved.dt.strftime("%Y-%m-%d %H:%M:%S"),
            "Priority": rng.choice(["Urgent", "High", "Normal", "Low"], tickets),
            "Status": "Closed",
        }
    )
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    args = parser.parse_args()
    data = ticket_export(args.tickets)
    promised = ServiceLevels(
        uptime=Decimal("99.9"),
        response_hours={"P1": 1, "P2": 4, "P3": 8},
        resolution_hours={"P1": 8, "P2": 24, "P3": 72},
    )
    start = time.perf_counter()
    frame = read_export(data)
    read = time.perf_counter()
    guessed = guess_mapping(list(frame.columns))
    mapping = TicketColumns(**{k: v for k, v in guessed.items() if v is not None})
    tickets = normalise(frame, mapping)
    parsed = time.perf_counter()
    delivered(tickets.frame, promised)
    monthly_trend(tickets.frame, promised)
    done = time.perf_counter()
    total = done - start
    print(
        f"file: {len(data) / 2**20:.1f} MB, {args.tickets:,} tickets, {len(tickets.frame):,} used"
    )
    print(f"read CSV        {read - start:6.2f} s")
    print(f"normalise       {parsed - read:6.2f} s")
    print(f"figures         {done - parsed:6.2f} s")
    verdict = "ok" if total <= TARGET_S else f"MISS: over {TARGET_S:g} s"
    print(f"total           {total:6.2f} s   target {TARGET_S:g} s: {verdict}")


if __name__ == "__main__":
    main()
