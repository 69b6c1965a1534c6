"""Prints how long importing a large ticket export takes, and the memory it needs at its peak.

Targets on a 2-core machine (issue 9): 1,000,000 rows import in at most 15 s with at most
400 MB peak memory; 100,000 rows in at most 3 s. A measurement, not a test.

    python benchmarks/tickets.py [--tickets 1000000]

The export is generated first (a Zendesk-like file with ids, a subject, three time stamps, word
priorities and a status); a fresh Python process then does what the app does with an upload,
each step timed: hold the file's bytes, read it once through (`read_export`: rows, preview,
dates), import it with the guessed columns (`import_tickets`: the mapped columns kept as a
ticket set, the tickets derived from it), derive the tickets again from the kept set (as the
page does when it shows them) and compute the figures; then, apart from the total, the same
figures with every promise in business hours (Europe/London, Monday to Friday 9 to 17, the
public holidays of England). Its peak resident memory
(`resource.getrusage`) includes Python with pandas and pyarrow loaded and the file's bytes, as
a server holds an upload; both are printed too.
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

TARGETS = {100_000: (3.0, None), 1_000_000: (15.0, 400.0)}
"""Rows: (seconds, megabytes) at most."""


def ticket_export(tickets: int, seed: int = 7) -> bytes:
    """A Zendesk-like export: creation, first reply and solve time stamps, word priorities."""
    import numpy as np
    import pandas as pd

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


def peak_mb() -> float:
    """The peak resident memory of this process so far, in MB (Linux counts in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path) -> None:
    """Import the export at `path` as the app does, printing each step's time and the peak."""
    from itexit.checklist import builtin_checklist
    from itexit.evaluation import Evaluation
    from itexit.service import ServiceLevels, delivered, monthly_trend, tickets_from_bytes
    from itexit.service.delivered import measured
    from itexit.service.models import BusinessHours
    from itexit.service.reading import read_export
    from itexit.service.views import import_tickets, mapping_form

    loaded = peak_mb()
    data = path.read_bytes()
    print(f"python, pandas, pyarrow loaded   {loaded:7.0f} MB")
    print(f"and the file's bytes held        {peak_mb():7.0f} MB")
    promised = ServiceLevels(
        uptime=Decimal("99.9"),
        response_hours={"P1": 1, "P2": 4, "P3": 8},
        resolution_hours={"P1": 8, "P2": 24, "P3": 72},
    )
    evaluation = Evaluation.new("Benchmark", builtin_checklist())
    steps: list[tuple[str, float, float]] = []
    start = time.perf_counter()
    export = read_export(data)
    form = mapping_form(evaluation, export)
    steps.append(("read once through", time.perf_counter(), peak_mb()))
    columns = {f: c.options[c.index] for f, c in form.columns.items()}
    kinds = {f: c.options[c.index] for f, c in form.kinds.items()}
    upload = import_tickets(export, columns, kinds, path.name, datetime.now(UTC))
    steps.append(("import (keep, derive)", time.perf_counter(), peak_mb()))
    tickets = tickets_from_bytes(upload.body)
    steps.append(("derive from the set", time.perf_counter(), peak_mb()))
    delivered(tickets, promised)
    monthly_trend(tickets, promised)
    steps.append(("figures", time.perf_counter(), peak_mb()))
    in_business_hours = promised.model_copy(
        update={
            "clocks": dict.fromkeys(("P1", "P2", "P3"), "business hours"),
            "business_hours": BusinessHours(time_zone="Europe/London", country="GB", region="ENG"),
        }
    )
    began = time.perf_counter()
    hours = measured(tickets, in_business_hours)  # as the page does: once for both
    delivered(tickets, in_business_hours, hours)
    monthly_trend(tickets, in_business_hours, hours)
    business = time.perf_counter() - began
    print(f"{export.rows:,} rows, {upload.summary.tickets:,} tickets used")
    print(f"ticket set kept: {len(upload.body) / 2**20:.1f} MB")
    last = start
    for name, moment, peak in steps:
        print(f"{name:<24} {moment - last:6.2f} s   peak so far {peak:5.0f} MB")
        last = moment
    print(f"(figures in business hours {business:6.2f} s, apart from the total)")
    used = resource.getrusage(resource.RUSAGE_SELF)
    print(f"processor time {used.ru_utime + used.ru_stime:.2f} s (both cores together)")
    print(f"total {last - start:.2f} s, peak {peak_mb():.0f} MB")


def main() -> None:
    """Generate the export, then measure its import in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000, help="rows in the export")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        measure(args.measure)
        return
    if args.generate is not None:
        args.generate.write_bytes(ticket_export(args.tickets))
        return
    # Each step in a process of its own: a child inherits its parent's peak memory on Linux,
    # so this one stays small and the measuring process never saw the export being made.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tickets.csv"
        script = [sys.executable, __file__, "--tickets", str(args.tickets)]
        subprocess.run([*script, "--generate", str(path)], check=True)
        print(f"file: {path.stat().st_size / 2**20:.1f} MB, {args.tickets:,} rows")
        result = subprocess.run(
            [*script, "--measure", str(path)], capture_output=True, text=True, check=True
        )
    print(result.stdout, end="")
    _verdict(args.tickets, result.stdout)


def _verdict(rows: int, output: str) -> None:
    seconds_target, mb_target = TARGETS.get(rows, (None, None))
    last = output.strip().splitlines()[-1]  # "total 7.12 s, peak 380 MB"
    seconds, mb = float(last.split()[1]), float(last.split()[4])
    misses = []
    if seconds_target is not None and seconds > seconds_target:
        misses.append(f"over {seconds_target:g} s")
    if mb_target is not None and mb > mb_target:
        misses.append(f"over {mb_target:g} MB")
    targets = "" if seconds_target is None else f" (target {seconds_target:g} s"
    targets += "" if mb_target is None else f", {mb_target:g} MB"
    targets += ")" if targets else ""
    print(f"verdict{targets}: {'MISS: ' + ', '.join(misses) if misses else 'ok'}")


if __name__ == "__main__":
    main()
