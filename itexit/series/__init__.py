"""Reviews over time: the same evaluation repeated as a dated series (one review a year, say),
so the business sees whether its current provider improved.

Its modules:

- `models`: what an evaluation keeps of its series (`Review`);
- `reviews`: the rules of a series: the next review's name, starting a series, the copy a
  next review begins as (what carries over, what starts afresh);
- `charts`: the current provider's scores across the reviews.

The Evaluations and Reviews over time pages and the `itexit next-review` command use
`itexit.series.views`, which builds on the evaluation aggregate, so the package does not
import it (that would be an import cycle).
"""

from itexit.series.models import SERIES_PATTERN, Review, new_series
from itexit.series.reviews import next_review, review_name, series_started

__all__ = [
    "SERIES_PATTERN",
    "Review",
    "new_series",
    "next_review",
    "review_name",
    "series_started",
]
