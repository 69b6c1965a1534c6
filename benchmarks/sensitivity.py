"""Prints how long the weight sensitivity takes for 10 fully scored providers over 6 essentials.

Target: at most 100 ms (issue: "Decide with confidence"). A measurement, not a test.

    python benchmarks/sensitivity.py [--providers 10] [--runs 50]
"""

from __future__ import annotations

import argparse
import statistics
import time

from rerun import generated_evaluation

from itexit.compare import compare
from itexit.decide import open_questions, robustness, sensitivity

TARGET_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=10)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    evaluation = generated_evaluation(args.providers)
    comparison = compare(evaluation)
    for name, step in (
        ("sensitivity", lambda: sensitivity(evaluation, comparison)),
        (
            "sensitivity + verdict line",
            lambda: robustness(evaluation, comparison, sensitivity(evaluation, comparison)),
        ),
        ("open questions", lambda: open_questions(evaluation, comparison)),
    ):
        step()
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            step()
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        verdict = "ok" if median <= TARGET_MS else f"MISS: over {TARGET_MS:g} ms"
        print(f"{name:<28} median {median:7.2f} ms   max {max(times):7.2f} ms   {verdict}")
    essentials = len(evaluation.checklist.essentials)
    print(f"{args.providers} providers x {essentials} essentials, {args.runs} runs")


if __name__ == "__main__":
    main()
