"""Contract date rules: terms, month ends, leap years, renewal chains, notice deadlines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import islice

import pytest
from pydantic import ValidationError

from itexit.exit import Contract, Deadline, add_months, current_term, lock_in, next_deadline, terms
from itexit.exit.dates import ends_after_notice


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-15", 1, "2025-02-15"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-01-31", 12, "2026-01-31"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2025-12-31", 2, "2026-02-28"),
    ],
    ids=[
        "mid-month",
        "31 Jan to 28 Feb",
        "31 Jan to 29 Feb in a leap year",
        "31 Mar to 30 Apr",
        "a year from a month end",
        "29 Feb to 28 Feb",
        "29 Feb to 29 Feb four years on",
        "across the year end",
        "31 Dec plus two months",
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_month_end(
    start: str, months: int, expected: str
) -> None:
    assert add_months(d(start), months) == d(expected)


@pytest.mark.parametrize(
    ("start", "months", "first_end"),
    [
        ("2025-01-01", 12, "2025-12-31"),
        ("2025-01-15", 36, "2028-01-14"),
        ("2025-01-31", 1, "2025-02-27"),
        ("2024-01-31", 1, "2024-02-28"),
        ("2024-03-01", 12, "2025-02-28"),
        ("2023-03-01", 12, "2024-02-29"),
    ],
    ids=[
        "calendar year",
        "three years",
        "month from 31 Jan",
        "month from 31 Jan, leap year",
        "a year ending in a common February",
        "a year ending on 29 Feb",
    ],
)
def test_a_term_ends_the_day_before_the_same_day_n_months_later(
    start: str, months: int, first_end: str
) -> None:
    contract = Contract(start=d(start), term_months=months, notice_days=0)
    assert next(terms(contract)).end == d(first_end)


def test_a_stated_end_date_wins_over_the_computed_one() -> None:
    contract = Contract(start=d("2025-01-01"), term_months=12, end=d("2025-12-15"), notice_days=10)
    assert next(terms(contract)).end == d("2025-12-15")


def test_renewals_are_counted_from_the_first_renewal_so_month_ends_do_not_drift() -> None:
    contract = Contract(
        start=d("2024-12-31"), term_months=1, auto_renews=True, renewal_months=1, notice_days=0
    )
    ends = [t.end for t in islice(terms(contract), 6)]
    # Terms start 31 Dec, 31 Jan, 28 Feb, 31 Mar, 30 Apr, 31 May.
    assert [t.start for t in islice(terms(contract), 6)] == [
        d("2024-12-31"),
        d("2025-01-31"),
        d("2025-02-28"),
        d("2025-03-31"),
        d("2025-04-30"),
        d("2025-05-31"),
    ]
    assert ends[:3] == [d("2025-01-30"), d("2025-02-27"), d("2025-03-30")]


def test_a_chain_of_yearly_renewals_after_a_three_year_term() -> None:
    contract = Contract(
        start=d("2022-07-01"), term_months=36, auto_renews=True, renewal_months=12, notice_days=90
    )
    assert [(t.start, t.end) for t in islice(terms(contract), 3)] == [
        (d("2022-07-01"), d("2025-06-30")),
        (d("2025-07-01"), d("2026-06-30")),
        (d("2026-07-01"), d("2027-06-30")),
    ]


def test_a_contract_that_does_not_renew_has_one_term() -> None:
    contract = Contract(start=d("2025-01-01"), term_months=12, notice_days=30)
    assert len(list(terms(contract))) == 1


RENEWING = Contract(
    start=d("2025-01-01"), term_months=12, auto_renews=True, renewal_months=12, notice_days=30
)


@pytest.mark.parametrize(
    ("today", "notice_by", "days_left", "term_end", "missed"),
    [
        ("2025-06-01", "2025-12-01", 183, "2025-12-31", None),
        ("2025-11-01", "2025-12-01", 30, "2025-12-31", None),
        ("2025-12-01", "2025-12-01", 0, "2025-12-31", None),
        ("2025-12-02", "2026-12-01", 364, "2026-12-31", "2025-12-01"),
        ("2025-12-31", "2026-12-01", 335, "2026-12-31", "2025-12-01"),
        ("2026-01-01", "2026-12-01", 334, "2026-12-31", None),
        ("2024-06-01", "2025-12-01", 548, "2025-12-31", None),
    ],
    ids=[
        "mid-term",
        "30 days before: near",
        "on the deadline day itself: still on time",
        "the day after: next window, deadline missed",
        "last day of the term: next window",
        "first day of the renewed term",
        "before the contract starts",
    ],
)
def test_the_last_day_to_give_notice_and_the_days_left(
    today: str, notice_by: str, days_left: int, term_end: str, missed: str | None
) -> None:
    deadline = next_deadline(RENEWING, d(today))
    assert deadline == Deadline(
        term_end=d(term_end),
        notice_by=d(notice_by),
        days_left=days_left,
        renewal=d(term_end).replace(year=d(term_end).year + 1, month=1, day=1),
        missed=d(missed) if missed else None,
    )


@pytest.mark.parametrize(
    ("today", "near"), [("2025-10-31", False), ("2025-11-01", True), ("2025-12-01", True)]
)
def test_a_deadline_30_days_away_or_less_is_near(today: str, near: bool) -> None:
    deadline = next_deadline(RENEWING, d(today))
    assert deadline is not None and deadline.near is near


def test_notice_is_counted_in_calendar_days_across_a_leap_day() -> None:
    contract = Contract(
        start=d("2023-03-15"), term_months=12, auto_renews=True, notice_days=30
    )  # first term ends 14 March 2024; 30 days back crosses 29 February
    deadline = next_deadline(contract, d("2024-01-01"))
    assert deadline is not None and deadline.notice_by == d("2024-02-13")


def test_a_contract_without_renewal_just_ends_and_needs_no_notice_deadline() -> None:
    contract = Contract(start=d("2025-01-01"), term_months=12, notice_days=30)
    assert next_deadline(contract, d("2025-06-01")) == Deadline(d("2025-12-31"), None, None, None)
    assert next_deadline(contract, d("2026-01-01")) is None


def test_the_current_term_is_the_one_today_falls_in() -> None:
    assert current_term(RENEWING, d("2026-03-01")) == next(islice(terms(RENEWING), 1, None))
    assert current_term(RENEWING, d("2024-03-01")) is None


@pytest.mark.parametrize(
    ("changes", "warnings"),
    [
        ({}, []),
        ({"notice_days": 90}, ["Long notice period: you must give 90 days' notice"]),
        ({"notice_days": 89}, []),
        ({"notice_days": 0, "notice_months": 3}, ["Long notice period: you must give 3 months'"]),
        ({"notice_days": 0, "notice_months": 2}, []),
        ({"term_months": 24}, ["Long term: 24 months"]),
        ({"auto_renews": True}, ["Automatic renewal"]),
        (
            {"notice_days": 120, "term_months": 36, "auto_renews": True},
            ["Long notice period", "Long term", "Automatic renewal"],
        ),
    ],
    ids=[
        "none",
        "90 days notice",
        "89 days notice",
        "3 months notice",
        "2 months notice",
        "24-month term",
        "renews",
        "all three",
    ],
)
def test_lock_in_is_flagged_in_plain_words(changes: dict[str, object], warnings: list[str]) -> None:
    contract = Contract(
        **{"start": d("2025-01-01"), "term_months": 12, "notice_days": 30, **changes}
    )  # type: ignore[arg-type]
    found = lock_in(contract)
    assert len(found) == len(warnings)
    assert all(text.startswith(start) for text, start in zip(found, warnings, strict=True))


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"end": "2024-12-31"}, "the end date is before the start date"),
        ({"notice_days": 400}, "notice period (400 days) is longer than the contract's first term"),
        ({"term_months": 0}, "greater than or equal to 1"),
        ({"notice_days": -1}, "greater than or equal to 0"),
        ({"monthly_fee": "-5"}, "greater than or equal to 0"),
        ({"termination_fee": "abc"}, "valid decimal"),
        ({"monthly_fee": "12.345"}, "decimal places"),
        ({"start": "2025-02-30"}, "valid date"),
    ],
    ids=[
        "end before start",
        "notice longer than the term",
        "no term",
        "negative notice",
        "negative fee",
        "fee not a number",
        "fraction of a cent",
        "impossible date",
    ],
)
def test_a_contract_that_makes_no_sense_is_refused(fields: dict[str, object], problem: str) -> None:
    data = {"start": "2025-01-01", "term_months": 12, "notice_days": 30, **fields}
    with pytest.raises(ValidationError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        Contract.model_validate(data)


def test_money_is_exact() -> None:
    contract = Contract(
        start=d("2025-01-01"), term_months=12, monthly_fee="0.10", termination_fee="1234.50"
    )
    assert contract.monthly_fee * 3 == Decimal("0.30")
    assert contract.termination_fee == Decimal("1234.5")


def months_notice(end: str, months: int) -> Contract:
    """A contract whose first term ends on `end`, with notice stated in months."""
    return Contract(
        start=d("2020-01-01"), term_months=1, end=d(end), notice_days=0, notice_months=months
    )


@pytest.mark.parametrize(
    ("term_end", "months", "notice_by"),
    [
        ("2027-05-31", 3, "2027-02-28"),
        ("2028-05-31", 3, "2028-02-29"),
        ("2027-06-30", 3, "2027-03-30"),
        ("2027-02-28", 3, "2026-11-28"),
        ("2027-03-31", 1, "2027-02-28"),
        ("2027-12-31", 1, "2027-11-30"),
        ("2027-01-15", 2, "2026-11-15"),
        ("2028-02-29", 12, "2027-02-28"),
    ],
    ids=[
        "31 May less 3 months is 28 Feb",
        "31 May less 3 months is 29 Feb in a leap year",
        "30 Jun less 3 months is 30 Mar, not the month's end",
        "28 Feb less 3 months is 28 Nov",
        "31 Mar less a month is 28 Feb",
        "31 Dec less a month is 30 Nov",
        "mid-month across the year end",
        "29 Feb less 12 months is 28 Feb",
    ],
)
def test_notice_in_months_is_counted_back_in_calendar_months_with_the_month_end_rule(
    term_end: str, months: int, notice_by: str
) -> None:
    deadline = next_deadline(
        months_notice(term_end, months).model_copy(update={"auto_renews": True}), d("2020-01-01")
    )
    assert deadline is not None and deadline.notice_by == d(notice_by)


def test_three_months_notice_is_not_ninety_days() -> None:
    contract = Contract(start=d("2024-03-01"), term_months=36, auto_renews=True, notice_days=90)
    months = contract.model_copy(update={"notice_days": 0, "notice_months": 3})
    assert next_deadline(contract, d("2026-11-01")).notice_by == d("2026-11-30")  # type: ignore[union-attr]
    assert next_deadline(months, d("2026-11-01")).notice_by == d("2026-11-28")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"notice_days": 30}, "30 days' notice"),
        ({"notice_days": 1}, "1 day's notice"),
        ({"notice_days": 0}, "no notice"),
        ({"notice_days": 0, "notice_months": 3}, "3 months' notice"),
        ({"notice_days": 0, "notice_months": 1}, "1 month's notice"),
    ],
)
def test_the_notice_period_is_said_as_the_contract_states_it(
    changes: dict[str, int], words: str
) -> None:
    contract = Contract(start=d("2024-03-01"), term_months=36, **changes)  # type: ignore[arg-type]
    assert contract.notice_words == words


def test_notice_in_months_longer_than_the_first_term_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"notice period \(3 months\) is longer"):
        Contract(start=d("2026-01-01"), term_months=2, notice_days=0, notice_months=3)


@pytest.mark.parametrize(
    ("given", "ends"),
    [
        ("2026-11-28", "2027-02-28"),
        ("2026-11-29", "2028-02-29"),
        ("2025-06-01", "2027-02-28"),
    ],
    ids=["on the last day", "a day late: the next term", "long before"],
)
def test_notice_given_on_a_day_ends_the_first_term_whose_deadline_it_meets(
    given: str, ends: str
) -> None:
    contract = Contract(
        start=d("2024-03-01"), term_months=36, auto_renews=True, notice_days=0, notice_months=3
    )
    assert ends_after_notice(contract, d(given)) == d(ends)
