"""Prints how long each page takes to rerun on the server, beside the floor Streamlit sets for it.

For every page this drives the app through `streamlit.testing.v1.AppTest`, on the demo
evaluation and on a generated one with 50 fully scored providers, and times warm reruns (caches
filled, the page already open). Beside each median stands the page's *floor*: a bare script that
renders the same elements from precomputed data (see `floors.py`). The targets on a 2-core
machine: on the demo, every page within 80 ms and within 2× its floor; with 50 providers,
every page within 400 ms. A measurement, not a test: it never fails on a miss.

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit
import streamlit.testing.v1.app_test
import streamlit.testing.v1.local_script_runner
from floors import PAGES, SCRIPT, STATE_KEY, build_floor
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.models import Evaluation, Score
from itexit.store import ENV_VAR, Store

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 120.0
WARM_RUNS = 2
DEMO_LIMIT_MS = 80.0
FLOOR_RATIO_LIMIT = 2.0
FIFTY_LIMIT_MS = 400.0
PROVIDERS = 50
PRICED = 10
SEED = 20270101


@dataclass(frozen=True)
class Timing:
    page_ms: float
    floor_ms: float

    @property
    def ratio(self) -> float:
        return self.page_ms / self.floor_ms


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
        evaluation = evaluation.with_provider_details(
            provider.id,
            contract=model.contract if model else None,
            answers=model.answers if model else {},
            pricing=priced[i % len(priced)] if i < PRICED else None,
            service=promised[i % len(promised)],
        )
    return (
        evaluation.with_must_haves(dict(demo.must_haves))
        .with_business(**dict(demo.business))
        .with_exit(**dict(demo.exit))
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


def stored_evaluation(url: str) -> Evaluation:
    """The one evaluation in the database, as the app loads it."""
    store = Store(url)
    try:
        (summary,) = store.summaries()
        return store.load(summary.id).evaluation
    finally:
        store.dispose()


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


def floor_app(page: str, evaluation: Evaluation) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT)
    at.session_state[STATE_KEY] = build_floor(page, page.capitalize(), evaluation)
    return at


def time_page(app: AppTest, page: str, evaluation: Evaluation, runs: int) -> Timing:
    """Warm reruns of `page` (already open in `app`) and of its floor, alternating.

    Alternating means a change in the machine's load hits page and floor alike.
    """
    floor = floor_app(page, evaluation)
    warm(app)
    warm(floor)
    gc.collect()
    page_samples, floor_samples = [], []
    for _ in range(runs):
        page_samples.append(rerun_seconds(app))
        floor_samples.append(rerun_seconds(floor))
    return Timing(
        median_ms(app, page, page_samples), median_ms(floor, f"{page} floor", floor_samples)
    )


def measure(url: str, runs: int) -> dict[str, Timing]:
    """Each page of the app on the database at `url`, visited in turn by one session."""
    os.environ[ENV_VAR] = url
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    app.run()
    evaluation = stored_evaluation(url)
    timings = {}
    for page in PAGES:
        try:
            app.switch_page(f"pages/{page}.py").run()
            timings[page] = time_page(app, page, evaluation, runs)
        except Exception as exc:  # a measurement reports a broken page; it does not stop
            print(f"  ! {page}: {type(exc).__name__}: {exc}")
            timings[page] = Timing(math.nan, math.nan)
    return timings


def verdict(demo: Timing, fifty: Timing) -> str:
    if any(math.isnan(t) for t in (demo.page_ms, demo.floor_ms, fifty.page_ms)):
        return "error"
    misses = []
    if demo.page_ms > DEMO_LIMIT_MS:
        misses.append(f"demo > {DEMO_LIMIT_MS:.0f} ms")
    if demo.ratio > FLOOR_RATIO_LIMIT:
        misses.append(f"demo > {FLOOR_RATIO_LIMIT:g}× floor")
    if fifty.page_ms > FIFTY_LIMIT_MS:
        misses.append(f"{PROVIDERS} > {FIFTY_LIMIT_MS:.0f} ms")
    return "ok" if not misses else "MISS: " + ", ".join(misses)


def print_table(demo: dict[str, Timing], fifty: dict[str, Timing]) -> None:
    lines = [
        f"{'page':<12}{'demo ms':>9}{'floor ms':>10}{'ratio':>7}"
        f"{f'{PROVIDERS}-prov ms':>13}{'floor ms':>10}  verdict"
    ]
    for page in PAGES:
        d, f = demo[page], fifty[page]
        lines.append(
            f"{page:<12}{d.page_ms:>9.1f}{d.floor_ms:>10.1f}{d.ratio:>6.2f}×"
            f"{f.page_ms:>13.1f}{f.floor_ms:>10.1f}  {verdict(d, f)}"
        )
    lines.insert(1, "-" * max(len(line) for line in lines))
    print("\n".join(lines))


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
        f"Warm rerun medians of {runs} runs, {driver}, Streamlit {streamlit.__version__}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load {load_average()}\n"
    )
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        demo_url = f"sqlite:///{Path(tmp) / 'demo.db'}"  # the app seeds the demo on first run
        fifty_url = f"sqlite:///{Path(tmp) / 'fifty.db'}"
        seeded_database(fifty_url, generated_evaluation)
        demo = measure(demo_url, runs)
        fifty = measure(fifty_url, runs)
    print_table(demo, fifty)
    print(
        f"\nTargets: demo ≤ {DEMO_LIMIT_MS:.0f} ms and ≤ {FLOOR_RATIO_LIMIT:g}× floor; "
        f"{PROVIDERS} providers ≤ {FIFTY_LIMIT_MS:.0f} ms. Load at the end: {load_average()} "
        "(other processes on the machine move the medians; the ratios less so)."
    )


if __name__ == "__main__":
    main()
