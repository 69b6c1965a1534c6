"""The Evaluations page's rules: the list of evaluations, a new one, the name a copy is offered."""

from __future__ import annotations

from datetime import UTC, datetime

from itexit.checklist import builtin_checklist
from itexit.listing import copy_name, evaluation_list, new_evaluation
from itexit.store import Summary
from itexit.types import NAME_MAX

MONDAY = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
TUESDAY = datetime(2027, 3, 2, 16, 0, tzinfo=UTC)


def test_each_evaluation_is_listed_with_its_providers_last_change_and_whether_it_is_open() -> None:
    summaries = [
        Summary(id=1, name="Acme 2027", revision=4, provider_count=3, updated_at=MONDAY),
        Summary(id=2, name="Harbourside", revision=1, provider_count=0, updated_at=TUESDAY),
    ]
    table = evaluation_list(summaries, open_id=2)
    assert table.to_dict("list") == {
        "Evaluation": ["Acme 2027", "Harbourside"],
        "Providers": [3, 0],
        "Last change": [MONDAY, TUESDAY],
        "Open": [False, True],
    }


def test_no_evaluation_is_marked_open_when_none_is_chosen() -> None:
    summaries = [Summary(id=1, name="Acme", revision=1, provider_count=1, updated_at=MONDAY)]
    assert evaluation_list(summaries, open_id=None)["Open"].tolist() == [False]


def test_a_copy_is_offered_the_name_copy_of_the_original() -> None:
    assert copy_name("Acme 2027") == "Copy of Acme 2027"


def test_the_name_offered_for_a_copy_of_a_long_name_is_cut_to_the_longest_name_allowed() -> None:
    offered = copy_name("x" * NAME_MAX)
    assert len(offered) == NAME_MAX
    assert offered == "Copy of " + "x" * (NAME_MAX - 8)


def test_a_new_evaluation_starts_empty_on_the_built_in_checklist() -> None:
    created = new_evaluation("  Acme 2027 ")
    assert created.name == "Acme 2027"
    assert created.checklist == builtin_checklist()
    assert created.providers == ()
