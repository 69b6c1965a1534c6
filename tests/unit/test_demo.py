"""The demo stays alive: made on any day, its deadline is a few weeks ahead, its incidents, notes
and tickets are in the past, and "Reset the demo" brings it back to today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from itexit.demo import (
    DEMO_NAME,
    STORY_DAY,
    demo_evaluation,
    demo_months,
    demo_ticket_set,
    reset_demo,
)
from itexit.evaluation import Score
from itexit.exit.dates import add_months, next_deadline
from itexit.service import tickets_from_bytes
from itexit.store import Store


def test_the_demo_as_written_tells_its_story_from_the_story_day() -> None:
    assert demo_months(STORY_DAY) == 0
    written, story_day = demo_evaluation(), demo_evaluation(STORY_DAY)
    assert written.exit == story_day.exit
    assert [p.contract for p in written.providers] == [p.contract for p in story_day.providers]
    assert written.name == DEMO_NAME


@pytest.mark.parametrize(
    ("today", "months"),
    [
        (date(2026, 11, 14), 0),
        (date(2026, 11, 15), 1),
        (date(2026, 12, 1), 1),
        (date(2027, 1, 31), 3),
        (date(2026, 10, 3), -1),
    ],
)
def test_the_demo_moves_by_whole_months_one_more_in_the_second_half_of_a_month(
    today: date, months: int
) -> None:
    assert demo_months(today) == months


def test_made_on_any_day_the_demo_s_notice_deadline_is_a_few_weeks_ahead() -> None:
    contract = demo_evaluation().providers[0].contract
    assert contract is not None
    last_incident = max(i.day for i in demo_evaluation().exit.incidents)
    ahead = set()
    for offset in range(3 * 365):
        today = STORY_DAY + timedelta(days=offset)
        months = demo_months(today)
        moved = contract.model_copy(update={"start": add_months(contract.start, months)})
        ahead.add((next_deadline(moved, today).notice_by - today).days)
        assert add_months(last_incident, months) < today
    assert min(ahead) >= 14 and max(ahead) <= 48


def test_a_demo_made_today_moves_its_dates_notes_and_tickets_together() -> None:
    today = date(2026, 11, 27)  # one month on: deadline 31 Dec 2026
    demo = demo_evaluation(today)
    current = demo.current
    assert current is not None and current.contract is not None
    assert current.contract.start == date(2024, 4, 1)
    assert next_deadline(current.contract, today).notice_by == date(2026, 12, 31)
    assert demo.exit.cutover == date(2027, 4, 1)
    assert "(seen during the 3 Nov visit)" in current.score("security.provider_mfa").note
    billing = demo.exit.incidents[0]
    assert billing.what.startswith("Invoice for September charges")
    assert billing.ticket == "INV-20260901"
    assert demo.tickets is not None and demo.tickets.imported_at.date() == today


def test_the_demo_s_tickets_end_the_day_before_it_is_made() -> None:
    written = tickets_from_bytes(demo_ticket_set())
    later = tickets_from_bytes(demo_ticket_set(date(2027, 1, 10)))
    assert later["created"].max().date() == date(2027, 1, 9)
    assert len(later) == len(written)
    shift = later["created"] - written["created"]
    assert shift.nunique() == 1  # every ticket moved alike: response times unchanged


def test_the_demo_made_on_the_real_today_is_valid() -> None:
    demo = demo_evaluation(date.today())
    assert demo.current is not None
    assert max(i.day for i in demo.exit.incidents) < date.today()


def test_resetting_the_demo_replaces_what_was_changed_as_a_new_revision(store: Store) -> None:
    today = date.today()
    first = reset_demo(store, today)
    assert (first.revision, first.evaluation.name) == (1, DEMO_NAME)
    current = first.evaluation.providers[0].id
    changed = first.evaluation.with_scores(current, {"security.encryption": Score(rating=5)})
    store.save(first.id, changed, first.revision)
    reset = reset_demo(store, today)
    assert (reset.id, reset.revision) == (first.id, 3)
    again = store.load(first.id).evaluation
    assert again.providers[0].score("security.encryption") == first.evaluation.providers[0].score(
        "security.encryption"
    )
    assert again.exit == demo_evaluation(today).exit
    assert store.tickets(first.id) == demo_ticket_set(today)
    assert len(store.summaries()) == 1
