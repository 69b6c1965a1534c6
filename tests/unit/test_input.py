"""Reading a table of edits: every problem named at once, nothing read while any remains."""

from __future__ import annotations

import pytest

from itexit.input import AllOrNothing, InvalidInput, read_number


def test_every_bad_row_is_named_and_nothing_is_kept() -> None:
    read: dict[str, float] = {}
    rows = AllOrNothing()
    for name, value in (("Security", "2"), ("Backup", "lots"), ("Policies", 7)):
        with rows.reading(name):
            read[name] = read_number(value, 0, 5)
    with pytest.raises(InvalidInput) as refused:
        rows.check()
    assert str(refused.value) == (
        "Nothing was saved. Backup: 'lots' is not a number "
        "Policies: 7 is out of range; enter a number from 0 to 5"
    )


def test_a_table_without_problems_passes_the_check() -> None:
    rows = AllOrNothing()
    with rows.reading("Security"):
        read_number("4", 0, 5)
    rows.check()
    assert rows.problems == []


def test_a_problem_can_be_named_without_a_colon() -> None:
    rows = AllOrNothing()
    with rows.reading("Who owns the company?", " "):
        raise InvalidInput("'Worrying' must be ticked or not")
    assert rows.problems == ["Who owns the company? 'Worrying' must be ticked or not"]
