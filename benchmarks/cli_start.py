"""Prints how long the `itexit` command takes to start, beside a bare Python start.

It makes a demo database in a temporary folder (as the app's first start does: the demo and its
ticket set), then times as subprocesses of this interpreter, median of many runs: `python -c
pass`, `itexit --help` and `itexit list --database-url URL`. Target on a 2-core machine:
`itexit list` within 0.5 s of the bare start. A measurement, not a test: it never fails on a
miss.

    python benchmarks/cli_start.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.store import Store

TARGET_S = 0.5
CLI = "import sys; from itexit.cli import main; sys.exit(main())"


def itexit_command() -> list[str]:
    """The installed `itexit` console script, run by this interpreter (as its shebang would)."""
    script = Path(sys.executable).parent / "itexit"
    return [sys.executable, str(script)] if script.exists() else [sys.executable, "-c", CLI]


def median_seconds(command: list[str], runs: int) -> float:
    """The median wall time of `command`, after one untimed run to warm the file cache."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'itexit.db'}"
        store = Store(url)
        seeded = store.seed_once(demo_evaluation)
        if seeded is not None:
            store.save_tickets(seeded.id, demo_ticket_set())
        store.dispose()
        itexit = itexit_command()
        bare = median_seconds([sys.executable, "-c", "pass"], runs)
        help_ = median_seconds([*itexit, "--help"], runs)
        listing = median_seconds([*itexit, "list", "--database-url", url], runs)

    print(
        f"itexit start, median of {runs} runs, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores"
    )
    print(f"  python -c pass        {bare * 1000:7.0f} ms")
    print(f"  itexit --help         {help_ * 1000:7.0f} ms   (+{(help_ - bare) * 1000:.0f} ms)")
    print(
        f"  itexit list (demo)    {listing * 1000:7.0f} ms   (+{(listing - bare) * 1000:.0f} ms; "
        f"target +{TARGET_S * 1000:.0f} ms: {'met' if listing - bare <= TARGET_S else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
