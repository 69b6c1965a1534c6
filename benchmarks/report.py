"""Prints how long the board report (PDF) takes to build, on the demo and with 50 providers.

Measured in-process with the libraries already imported (fpdf2, matplotlib, pandas), as the
Decide page's download and `itexit export --format pdf` build it: the views, the two charts as
SVG, and the PDF. Targets on 2 cores: the demo within 1 s, 50 providers within 3 s (issue 11).
A measurement, not a test: it never fails on a miss.

    python benchmarks/report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import date

from pypdf import PdfReader

from itexit.demo import demo_evaluation
from itexit.evaluation import PROVIDER_MAX, Evaluation, Score
from itexit.report import board_report, board_report_pdf, report_pdf

TARGETS = {"demo": 1.0, "50 providers": 3.0}
TODAY = date(2026, 11, 27)
SEED = 20270101


def fifty_providers() -> Evaluation:
    """The demo with candidates added up to 50, each scored 0–5 with a note on every criterion.

    (benchmarks/rerun.py has a fuller generator, but it cannot be imported at the moment: its
    `floors` module imports a name `itexit.compare` no longer has.)"""
    rng = random.Random(SEED)
    evaluation = demo_evaluation()
    for number in range(len(evaluation.providers), PROVIDER_MAX):
        evaluation = evaluation.with_provider(f"Provider {number + 1:02d} IT Services")
        scores = {
            c.id: Score(
                rating=rng.randint(0, 5),
                note=f"Checked on the call of week {rng.randint(1, 52)}.",
                verified=rng.random() < 0.3,
            )
            for c in evaluation.checklist.criteria
        }
        evaluation = evaluation.with_scores(evaluation.providers[-1].id, scores)
    return evaluation


def seconds(step: Callable[[], object], runs: int) -> list[float]:
    """How long `step` takes, `runs` times, after one run that warms the caches."""
    step()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def measure(name: str, evaluation: Evaluation, runs: int) -> None:
    total = seconds(lambda: board_report_pdf(evaluation, TODAY), runs)
    content = seconds(lambda: board_report(evaluation, TODAY), runs)
    report = board_report(evaluation, TODAY)
    layout = seconds(lambda: report_pdf(report), runs)
    pdf = board_report_pdf(evaluation, TODAY)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    median = statistics.median(total)
    verdict = "ok" if median <= TARGETS[name] else f"MISS: over {TARGETS[name]:g} s"
    print(
        f"| {name} | {median:.2f} s | {max(total):.2f} s | "
        f"{statistics.median(content):.2f} s | {statistics.median(layout):.2f} s | "
        f"{pages} | {len(pdf) / 1024:.0f} KB | {verdict} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, {args.runs} runs")
    print("| evaluation | median | max | views+charts | PDF layout | pages | size | verdict |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    measure("demo", demo_evaluation(), args.runs)
    measure("50 providers", fifty_providers(), args.runs)


if __name__ == "__main__":
    main()
