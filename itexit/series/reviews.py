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
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from itexit.exit.models import ExitPlan
from itexit.input import clean_name
from itexit.series.models import Review, new_series
from itexit.types import NAME_MAX, UNKNOWN, name_key

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Score

__all__ = ["next_review", "review_name", "series_started"]

_SUFFIX = re.compile(r"\s+—\s+review\s+\d{4}-\d{2}(\s+\(\d+\))?$")
"""The ' — review 2027-11' (or ' — review 2027-11 (2)') a review's default name ends with."""


def review_name(name: str, day: date, taken: Iterable[str] = ()) -> str:
    """The name a review held on `day` is offered: the series' name and the month,
    'Bright Smile Dental — review 2027-11' (an earlier review's month replaced, never
    stacked), the series' name cut short so the whole fits a name. When an evaluation already
    has that name (`taken`, compared as names are), ' (2)', ' (3)' … is added."""
    base = _SUFFIX.sub("", name.strip())
    used = {name_key(t) for t in taken}
    number = 1
    while True:
        suffix = f" — review {day:%Y-%m}" + (f" ({number})" if number > 1 else "")
        offered = base[: NAME_MAX - len(suffix)].rstrip() + suffix
        if name_key(offered) not in used:
            return offered
        number += 1


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
