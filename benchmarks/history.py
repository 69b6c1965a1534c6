"""What keeping a history costs: a save that records its author and summary, listing a long
history, and the History page's rerun with it.

Run from the repository root: `.venv/bin/python benchmarks/history.py`. Targets on a 2-core
machine (issue 12 names none; these follow the rerun targets in the README): a save of the demo
and of 50 providers, summary included, ≤ 100 ms; `Store.history` of 1,000 revisions ≤ 100 ms;
the History page ≤ 400 ms warm with 1,000 revisions.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rerun import generated_evaluation

from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation
from itexit.store import Store

APP = Path(__file__).resolve().parent.parent / "app.py"
REVISIONS = 1_000


def _median_ms(samples: list[float]) -> float:
    return 1000 * statistics.median(samples)


def save_ms(store: Store, evaluation: Evaluation, runs: int = 15) -> float:
    """The median time of a save that changes one score (so the summary has a line)."""
    stored = store.create(evaluation.renamed(f"{evaluation.name} {time.time_ns()}"))
    provider = evaluation.ordered_providers[0]
    criterion = evaluation.checklist.criteria[0].id
    samples = []
    for run in range(runs):
        score = provider.scores[criterion].model_copy(update={"rating": run % 6})
        changed = stored.evaluation.with_scores(provider.id, {criterion: score})
        start = time.perf_counter()
        stored = store.save(stored.id, changed, stored.revision)
        samples.append(time.perf_counter() - start)
    return _median_ms(samples)


def long_history(store: Store) -> int:
    """The demo with REVISIONS revisions, each changing one note; its id."""
    stored = store.create(demo_evaluation().renamed("Long history"))
    provider = stored.evaluation.ordered_providers[0]
    criterion = stored.evaluation.checklist.criteria[0].id
    for run in range(REVISIONS - 1):
        score = provider.scores[criterion].model_copy(update={"note": f"Checked again ({run})"})
        changed = stored.evaluation.with_scores(provider.id, {criterion: score})
        stored = store.save(stored.id, changed, stored.revision, summary=(f"note {run}",))
    return stored.id


def history_ms(store: Store, evaluation_id: int, runs: int = 15) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        store.history(evaluation_id)
        samples.append(time.perf_counter() - start)
    return _median_ms(samples)


def page_ms(evaluation_id: int, runs: int = 10) -> float:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["evaluation"] = str(evaluation_id)
    at.run()
    at.switch_page("pages/history.py").run()
    assert not at.exception, at.exception
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
    return _median_ms(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/history.db"
        os.environ["ITEXIT_DATABASE_URL"] = url
        store = Store(url)
        store.seed_once(lambda: demo_evaluation().renamed("Seeded"))
        print(f"save, demo (summary worked out):       {save_ms(store, demo_evaluation()):7.1f} ms")
        fifty = generated_evaluation()
        print(f"save, 50 providers (summary worked out): {save_ms(store, fifty):5.1f} ms")
        evaluation_id = long_history(store)
        listing = history_ms(store, evaluation_id)
        print(f"Store.history, {REVISIONS:,} revisions:         {listing:5.1f} ms")
        print(f"History page, {REVISIONS:,} revisions, warm:    {page_ms(evaluation_id):5.1f} ms")
        store.dispose()


if __name__ == "__main__":
    main()
