"""Prints how long the comparison workbook (.xlsx) takes to build, in-process with the
libraries already imported: for the demo and for 50 fully scored providers (the most one
evaluation may hold), with the demo's tickets weighed in the advice.

Targets on 2 cores (issue 11): the demo ≤ 1 s, 50 providers ≤ 3 s. A measurement, not a test.

    python benchmarks/workbook.py [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date

from itexit.decide.delivery import shortfalls_of
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation, Score
from itexit.workbook import comparison_xlsx

TARGETS_S = {"demo": 1.0, "50 providers": 3.0}


def generated_evaluation(providers: int, seed: int = 11) -> Evaluation:
    """The demo with candidates added up to `providers`, each scored 0–5 with a note on every
    criterion and given, in turn, a demo provider's price, promises and contract: every sheet
    has a row per provider (the worst case; rerun.py's generator prices only ten)."""
    rng = random.Random(seed)
    evaluation = demo_evaluation()
    models = [p for p in evaluation.ordered_providers if p.pricing is not None]
    criteria = evaluation.checklist.criteria
    for number in range(len(evaluation.providers), providers):
        evaluation = evaluation.with_provider(f"Provider {number + 1:02d} IT Services")
        added, model = evaluation.providers[-1].id, models[number % len(models)]
        scores = {
            c.id: Score(
                rating=rng.randint(0, 5), note="Checked on the call.", verified=rng.random() < 0.3
            )
            for c in criteria
        }
        evaluation = (
            evaluation.with_scores(added, scores)
            .with_pricing(added, model.pricing)
            .with_service_levels(added, model.service)
            .with_contract(added, model.contract)
        )
    return evaluation


def _measure(evaluation: Evaluation, runs: int) -> tuple[float, float, int]:
    today = date.today()
    shortfalls = shortfalls_of(evaluation, demo_ticket_set(today))
    size = len(comparison_xlsx(evaluation, today, shortfalls))  # first build: imports warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        comparison_xlsx(evaluation, today, shortfalls)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for name, evaluation in (
        ("demo", demo_evaluation()),
        ("50 providers", generated_evaluation(50)),
    ):
        median, worst, size = _measure(evaluation, args.runs)
        target = TARGETS_S[name]
        verdict = "ok" if median <= target else f"MISS: over {target:g} s"
        print(
            f"{name:<13} median {median:6.3f} s   max {worst:6.3f} s   "
            f"{size / 1024:6.1f} KiB   {verdict}"
        )
    print(f"{args.runs} runs each, after one build to warm up")


if __name__ == "__main__":
    main()
