"""Prints how long making and reading back a candidate's questionnaire takes, in-process with the
libraries already imported (as the app does when the user asks for one).

Target on a 2-core machine (issue 11): making and reading the demo's questionnaire each take at
most 1 s. A measurement, not a test.

    python benchmarks/questionnaire.py [--runs 5]

Each run makes the workbook for the demo's first candidate, fills in every criterion and
due-diligence question with openpyxl (not timed), then reads it back and builds the page's
preview (answers beside the current scores). The best and the worst of the runs are printed.
"""

from __future__ import annotations

import argparse
import io
import time
from datetime import date

TARGET = 1.0


def main() -> None:
    """Time making and reading back the demo's questionnaire."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    import openpyxl

    from itexit.demo import demo_evaluation
    from itexit.questionnaire import make_questionnaire
    from itexit.questionnaire.views import questionnaire_preview

    evaluation = demo_evaluation(date(2026, 11, 27))
    candidate = evaluation.candidates[0].id
    make_questionnaire(evaluation, 1, candidate, made=date(2026, 11, 27))  # warm up
    making, reading = [], []
    for _ in range(runs):
        start = time.perf_counter()
        data = make_questionnaire(evaluation, 1, candidate, made=date(2026, 11, 27))
        making.append(time.perf_counter() - start)
        data = _filled(openpyxl, data)
        start = time.perf_counter()
        preview = questionnaire_preview(evaluation, 1, candidate, data)
        reading.append(time.perf_counter() - start)
        assert preview.problem is None, preview.problem
    size = len(data) / 1024
    print(f"questionnaire of the demo: {size:.0f} kB filled, {len(preview.items)} answers offered")
    for what, times in (("make", making), ("read and preview", reading)):
        verdict = "ok" if max(times) <= TARGET else "OVER TARGET"
        print(f"{what:>16}: {min(times):.3f}–{max(times):.3f} s (target {TARGET:.0f} s) {verdict}")


def _filled(openpyxl: object, data: bytes) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))  # type: ignore[attr-defined]
    for row in book["Questions"].iter_rows(min_row=5):
        if row[0].value:
            row[6].value, row[7].value, row[8].value = 3, "Our SOC 2 report", "https://x.example"
    for row in book["Due diligence"].iter_rows(min_row=5):
        if row[0].value:
            row[2].value = "We answer within the hour, day and night."
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


if __name__ == "__main__":
    main()
