"""Prints how long each page takes to rerun on the server, beside the floor Streamlit sets for it.

For every page in app.py's navigation this drives the app through `streamlit.testing.v1.AppTest`,
on the demo evaluation and on a generated one with 50 fully scored providers, and times two
kinds of rerun:

- *warm*: caches filled, the page already open;
- *cleared*: the first rerun after a save (the database connection kept): before each one the
  evaluation is saved again as a new revision, so every per-revision cache misses.

Beside the warm median stands the page's *floor*: a bare script that renders the same elements
from precomputed data (see `floors.py`). The targets on a 2-core machine: on the demo, every
page warm within 80 ms and within 2× its floor, and cleared within 160 ms; with 50 providers,
every page warm within 400 ms. A measurement, not a test: it never fails on a miss.

By default AppTest is made to rerun as a server does (see `rerun_as_a_server_does`);
`--stock-apptest` measures AppTest as it comes, which adds a fixed cost to every app rerun.

    python benchmarks/rerun.py [--runs 15] [--stock-apptest]
"""

from __future__ import annotations

import argparse
import gc
import logging
import math
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import streamlit
import streamlit.testing.v1.app_test
import streamlit.testing.v1.local_script_runner
from floors import PAGES, SCRIPT, STATE_KEY, build_floor
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from itexit import service
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import PROVIDER_MAX, Evaluation, Score
from itexit.store import ENV_VAR, Store

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 120.0
WARM_RUNS = 2
DEMO_LIMIT_MS = 80.0
FLOOR_RATIO_LIMIT = 2.0
DEMO_CLEARED_LIMIT_MS = 160.0
FIFTY_LIMIT_MS = 400.0
PROVIDERS = PROVIDER_MAX  # the most an evaluation may hold: every page is timed at the limit
PRICED = 10
SEED = 20270101


@dataclass(frozen=True)
class Timing:
    """Medians of one page, in ms: warm reruns, its floor's, and first reruns after a save."""

    warm_ms: float
    floor_ms: float
    cleared_ms: float

    @property
    def ratio(self) -> float:
        return self.warm_ms / self.floor_ms


def rerun_as_a_server_does() -> None:
    """Take out two costs AppTest adds to every rerun that a running server does not have.

    - AppTest compiles the scripts afresh on every run (with magic, an AST pass); a server
      compiles each script once into the ScriptCache its sessions share.
    - AppTest resets `PagesManager.uses_pages_directory` before every run, so with a `pages/`
      folder every run executes the page as an old-style multipage app, without `app.py`. A
      server is in that mode only until the first `st.navigation` call after it starts (see
      `itexit.ui._run_through_router`).
    """
    shared = ScriptCache()
    for module in (streamlit.testing.v1.app_test, streamlit.testing.v1.local_script_runner):
        module.ScriptCache = lambda: shared  # type: ignore[attr-defined]

    class _PagesManager(PagesManager):
        """Takes AppTest's reset on itself; the flag the script runner reads stays as it was."""

    streamlit.testing.v1.app_test.PagesManager = _PagesManager  # type: ignore[attr-defined]


def generated_evaluation(providers: int = PROVIDERS, seed: int = SEED) -> Evaluation:
    """An evaluation with `providers` providers, each scored 0–5 with a note on every criterion.

    It carries what every page shows, borrowed from the demo: the business's figures, the
    must-haves, the exit plan (grounds, incidents, dates, tasks) and the ticket import; the
    demo's contracts, due-diligence answers, prices and promises go to the first providers
    (prices to the first `PRICED`, promises to all, in turn), so Costs, Service levels, Contract
    and the rest show their real content.
    """
    rng = random.Random(seed)
    demo = demo_evaluation()
    checklist = demo.checklist
    evaluation = Evaluation.new(f"Generated: {providers} providers", checklist)
    for i in range(providers):
        evaluation = evaluation.with_provider(f"Provider {i + 1:02d} IT Services", current=i == 0)
        scores = {
            c.id: Score(
                rating=rng.randint(0, 5),
                note=f"Checked on the call of week {rng.randint(1, 52)}; see the provider's reply.",
                verified=rng.random() < 0.3,
            )
            for c in checklist.criteria
        }
        evaluation = evaluation.with_scores(evaluation.providers[-1].id, scores)
    return _with_demo_details(evaluation, demo)


def _with_demo_details(evaluation: Evaluation, demo: Evaluation) -> Evaluation:
    """`evaluation` with the demo's figures, exit plan and tickets, and its providers' details."""
    models = demo.ordered_providers
    priced = [p.pricing for p in models if p.pricing is not None]
    promised = [p.service for p in models if p.service is not None]
    for i, provider in enumerate(evaluation.ordered_providers):
        model = models[i] if i < len(models) else None
        evaluation = (
            evaluation.with_contract(provider.id, model.contract if model else None)
            .with_answers(provider.id, model.answers if model else {})
            .with_pricing(provider.id, priced[i % len(priced)] if i < PRICED else None)
            .with_service_levels(provider.id, promised[i % len(promised)])
        )
    return (
        evaluation.with_must_haves(dict(demo.must_haves))
        .with_business(demo.business)
        .with_exit_plan(demo.exit)
        .with_tickets(demo.tickets)
    )


def seeded_database(url: str, make: Callable[[], Evaluation]) -> None:
    """Seed an empty database with `make()` and the demo's tickets, as the app seeds its demo."""
    store = Store(url)
    try:
        seeded = store.seed_once(make)
        if seeded is not None:
            store.save_tickets(seeded.id, demo_ticket_set())
    finally:
        store.dispose()


class Resaver:
    """The evaluation in a database, saved again unchanged whenever asked, as a user's save would.

    One store stays open for the whole benchmark. Each save makes a new revision, so the app's
    per-revision caches miss on its next rerun while its own cached engine and connection stay:
    the first rerun after a save. Streamlit's caches are never cleared by hand.
    """

    def __init__(self, url: str) -> None:
        self.store = Store(url)
        (summary,) = self.store.summaries()
        self.id, self.revision = summary.id, summary.revision
        self.evaluation = self.store.load(self.id).evaluation
        body = self.store.tickets(self.id)
        self.tickets = service.tickets_from_bytes(body) if body is not None else None

    def save(self) -> None:
        saved = self.store.save(self.id, self.evaluation, base_revision=self.revision)
        self.revision = saved.revision

    def dispose(self) -> None:
        self.store.dispose()


def warm(at: AppTest) -> None:
    for _ in range(WARM_RUNS):
        at.run()


def rerun_seconds(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


def median_ms(at: AppTest, what: str, samples: list[float]) -> float:
    """The median of the samples in milliseconds; NaN, said aloud, if the script raised."""
    if at.exception:
        print(f"  ! {what} raised: {at.exception[0].message}")
        return math.nan
    return 1000 * statistics.median(samples)


def element_kinds(at: AppTest) -> list[str]:
    """The kinds of element a run showed, in order: what a floor must show too."""

    def walk(node: Any) -> Iterator[str]:
        yield node.type
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return [kind for block in (at.main, at.sidebar) for kind in walk(block)]


def floor_app(page: str, source: Resaver) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT)
    at.session_state[STATE_KEY] = build_floor(
        page, page.capitalize(), source.evaluation, source.tickets
    )
    return at


def time_page(app: AppTest, page: str, source: Resaver, runs: int) -> Timing:
    """Warm reruns of `page` (already open in `app`) and of its floor, alternating; then
    reruns that each follow a save.

    Alternating means a change in the machine's load hits page and floor alike.
    """
    floor = floor_app(page, source)
    warm(app)
    warm(floor)
    if element_kinds(app) != element_kinds(floor):
        print(f"  ! {page}: the floor shows other elements than the page; update floors.py")
    gc.collect()
    page_samples, floor_samples, cleared_samples = [], [], []
    for _ in range(runs):
        page_samples.append(rerun_seconds(app))
        floor_samples.append(rerun_seconds(floor))
    for _ in range(runs):
        source.save()
        # As after the user's own save, the page moves to the new revision (a save by someone
        # else would leave it on the one it holds, which costs nothing new).
        app.session_state["itexit_pins"] = {}
        cleared_samples.append(rerun_seconds(app))
    return Timing(
        median_ms(app, page, page_samples),
        median_ms(floor, f"{page} floor", floor_samples),
        median_ms(app, f"{page} after a save", cleared_samples),
    )


def measure(url: str, runs: int) -> dict[str, Timing]:
    """Each page of the app on the database at `url`, visited in turn by one session."""
    os.environ[ENV_VAR] = url
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    app.run()  # on an empty database, the app seeds its demo here
    source = Resaver(url)
    timings = {}
    try:
        for page in PAGES:
            try:
                app.switch_page(f"pages/{page}.py").run()
                timings[page] = time_page(app, page, source, runs)
            except Exception as exc:  # a measurement reports a broken page; it does not stop
                print(f"  ! {page}: {type(exc).__name__}: {exc}")
                timings[page] = Timing(math.nan, math.nan, math.nan)
            t = timings[page]
            print(
                f"  {page}: warm {t.warm_ms:.1f}, floor {t.floor_ms:.1f}, "
                f"after a save {t.cleared_ms:.1f} ms (load {load_average()})",
                flush=True,
            )
    finally:
        source.dispose()
    return timings


def verdict(demo: Timing, fifty: Timing) -> str:
    """The word ok, or each target the page misses."""
    if any(math.isnan(t) for t in (*astuple(demo), *astuple(fifty))):
        return "error"
    misses = []
    if demo.warm_ms > DEMO_LIMIT_MS:
        misses.append(f"demo warm > {DEMO_LIMIT_MS:.0f} ms")
    if demo.ratio > FLOOR_RATIO_LIMIT:
        misses.append(f"demo > {FLOOR_RATIO_LIMIT:g}× floor")
    if demo.cleared_ms > DEMO_CLEARED_LIMIT_MS:
        misses.append(f"demo cleared > {DEMO_CLEARED_LIMIT_MS:.0f} ms")
    if fifty.warm_ms > FIFTY_LIMIT_MS:
        misses.append(f"{PROVIDERS} warm > {FIFTY_LIMIT_MS:.0f} ms")
    return "ok" if not misses else "MISS: " + ", ".join(misses)


COLUMNS = (
    "page",
    "demo warm ms",
    "demo floor ms",
    "ratio",
    "demo cleared ms",
    f"{PROVIDERS}-prov warm ms",
    f"{PROVIDERS}-prov floor ms",
    f"{PROVIDERS}-prov cleared ms",
    "verdict",
)


def row(page: str, demo: Timing, fifty: Timing) -> list[str]:
    """One page's cells, in the order of COLUMNS."""
    return [
        page,
        f"{demo.warm_ms:.1f}",
        f"{demo.floor_ms:.1f}",
        f"{demo.ratio:.2f}×",
        f"{demo.cleared_ms:.1f}",
        f"{fifty.warm_ms:.1f}",
        f"{fifty.floor_ms:.1f}",
        f"{fifty.cleared_ms:.1f}",
        verdict(demo, fifty),
    ]


def print_table(demo: dict[str, Timing], fifty: dict[str, Timing]) -> None:
    """One row per page, as a Markdown table (docs/performance.md takes it as it is)."""
    rows = [row(page, demo[page], fifty[page]) for page in PAGES]
    widths = [max(len(row[i]) for row in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]

    def line(cells: list[str]) -> str:
        padded = [
            cell.ljust(width) if i in (0, len(cells) - 1) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * w if i in (0, len(widths) - 1) else "-" * (w - 1) + ":" for i, w in enumerate(widths)
    ]
    print("\n".join([line(list(COLUMNS)), line(rule), *(line(row) for row in rows)]))


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed reruns per page (median)")
    parser.add_argument(
        "--stock-apptest", action="store_true", help="measure AppTest as it comes (see above)"
    )
    arguments = parser.parse_args()
    runs = arguments.runs
    # AppTest sets session state outside a script run (its constructor does too), and Streamlit
    # warns each time. Expected here; a filter survives the log levels AppTest resets.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    if not arguments.stock_apptest:
        rerun_as_a_server_does()
    driver = "stock AppTest" if arguments.stock_apptest else "AppTest rerunning as a server does"
    print(
        f"Rerun medians of {runs} runs (warm, floor, first after a save), {driver}, "
        f"Streamlit {streamlit.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {load_average()}\n"
    )
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        demo_url = f"sqlite:///{Path(tmp) / 'demo.db'}"  # the app seeds the demo on first run
        fifty_url = f"sqlite:///{Path(tmp) / 'fifty.db'}"
        seeded_database(fifty_url, generated_evaluation)
        print("The demo:")
        demo = measure(demo_url, runs)
        print(f"{PROVIDERS} providers:")
        fifty = measure(fifty_url, runs)
    print()
    print_table(demo, fifty)
    print(
        f"\nTargets: demo warm ≤ {DEMO_LIMIT_MS:.0f} ms and ≤ {FLOOR_RATIO_LIMIT:g}× floor, "
        f"demo cleared ≤ {DEMO_CLEARED_LIMIT_MS:.0f} ms; {PROVIDERS} providers warm ≤ "
        f"{FIFTY_LIMIT_MS:.0f} ms. Load at the end: {load_average()} "
        "(other processes on the machine move the medians; the ratios less so)."
    )


if __name__ == "__main__":
    main()
