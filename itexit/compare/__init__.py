"""Comparing providers: scoring against the checklist, the side-by-side and gap tables, the
findings in words, and the radar, gap chart and heatmap.

- `scoring`: essential scores, overall, gaps, coverage, must-haves and rank, on whole matrices;
- `findings`: who leads, red flags, must-have standing, in plain sentences;
- `tables`: the tables the Compare page shows;
- `charts`: the radar, the gap chart and the heatmap.

The pages use `itexit.compare.views`: what the Providers, Scorecard and Compare pages show and
the changes they send. It builds on the evaluation aggregate, which is itself built from the
areas' models, so the package does not import it (that would be an import cycle).
"""

from itexit.compare.charts import gap_chart, heatmap, radar
from itexit.compare.findings import (
    LOW_COVERAGE,
    alerts,
    must_have_cell,
    must_have_report,
    red_flags,
    summary_sentences,
)
from itexit.compare.scoring import (
    Answered,
    Comparison,
    Scenario,
    answered,
    compare,
    gap_closers,
    must_have_status,
    rank,
    ranked_providers,
    rating_frames,
)
from itexit.compare.tables import CANDIDATE, CURRENT, comparison_table, gap_table, role, styled

__all__ = [
    "CANDIDATE",
    "CURRENT",
    "LOW_COVERAGE",
    "Answered",
    "Comparison",
    "Scenario",
    "alerts",
    "answered",
    "compare",
    "comparison_table",
    "gap_chart",
    "gap_closers",
    "gap_table",
    "heatmap",
    "must_have_cell",
    "must_have_report",
    "must_have_status",
    "radar",
    "rank",
    "ranked_providers",
    "rating_frames",
    "red_flags",
    "role",
    "styled",
    "summary_sentences",
]
