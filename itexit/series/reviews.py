"""The rules of a review series: the next review's name, starting a series, and the copy a next
review begins as.

What the next review carries over, and why:

- the providers, with their contracts, prices, promised service levels and due-diligence
  answers; the checklist snapshot, weights, targets, must-haves, pairwise answers, currency and
  the business's figures: the same review, a year on, starts from where the last one ended;
- every score, as the starting point, marked as carried from the last review (`Score.carried`,
  the earliest review it was carried from) until someone changes it on the scorecard: the
  marks show what is left to re-check;
- the incident log, with its dates, and who the letter is from: a pattern of failures over
  the years is evidence.

What starts afresh: the imported tickets (each review reads the ticket export of its own
period), the grounds for leaving and the notice letter (judged again against the new
review), the move's dates and the offboarding plan (they belong to a move, not to a review).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from itexit.exit.models import ExitPlan
from itexit.input import clean_name
from itexit.series.models import Review, new_series
from itexit.types import NAME_MAX, UNKNOWN

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Score

__all__ = ["next_review", "review_name", "series_started"]

_SUFFIX = re.compile(r"\s+—\s+review\s+\d{4}-\d{2}$")
"""The ' — review 2027-11' a review's default name ends with."""


def review_name(name: str, day: date) -> str:
    """The name a review held on `day` is offered: the series' name and the month,
    'Bright Smile Dental — review 2027-11' (an earlier review's month replaced, never
    stacked), the series' name cut short so the whole fits a name."""
    suffix = f" — review {day:%Y-%m}"
    base = _SUFFIX.sub("", name.strip())
    return base[: NAME_MAX - len(suffix)].rstrip() + suffix


def series_started(evaluation: Evaluation, day: date) -> Evaluation:
    """The evaluation as the first review of a new series held on `day`; unchanged if it is
    already in a series."""
    if evaluation.review is not None:
        return evaluation
    return evaluation.with_review(Review(series=new_series(), held=day))


def next_review(evaluation: Evaluation, name: str, today: date) -> Evaluation:
    """The next review of the evaluation's series, held `today` under `name`: a copy of it with
    its scores marked as carried, the tickets, grounds, letter, move dates and offboarding plan
    left out (see the module's description). The evaluation must already be in a series
    (`series_started`)."""
    last = evaluation.review
    if last is None:
        raise ValueError("start the series first (series_started)")
    name = clean_name(name, "name of the next review")
    copy = evaluation.renamed(name).with_review(Review(series=last.series, held=today))
    for provider in evaluation.providers:
        carried = {c: _carried(s, last.held) for c, s in provider.scores.items()}
        copy = copy.with_scores(provider.id, carried)
    plan = evaluation.exit
    kept = ExitPlan(
        incidents=plan.incidents, business_name=plan.business_name, signatory=plan.signatory
    )
    return copy.with_tickets(None).with_exit_plan(kept)


def _carried(score: Score, held: date) -> Score:
    """A score as the next review starts with it: marked as from the review `held` (or the
    earlier one it was already carried from); an empty one (unknown, no note) stays unmarked,
    since there is nothing to re-check."""
    if score.carried is not None or (score.rating == UNKNOWN and not score.note):
        return score
    return score.model_copy(update={"carried": held})
