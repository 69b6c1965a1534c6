"""Total cost of staying or switching, checked against examples computed by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from itexit.cost import (
    Business,
    Leaving,
    Pricing,
    billing_check,
    downtime_counted,
    downtime_hours_per_year,
    expected_downtime,
    first_month,
    monthly_fees,
    monthly_price,
    options,
    payback_month,
    remaining_fees,
    switch_now_options,
)
from itexit.cost.downtime import logged_hours
from itexit.cost.plans import at_term_end, leaving_now
from itexit.evaluation import Evaluation
from itexit.exit import Contract, Incident
from itexit.input import InvalidInput, validated
from itexit.service import ServiceLevels

TODAY = date(2026, 11, 26)
D = Decimal


@pytest.fixture
def priced(evaluation: Evaluation) -> Evaluation:
    """Oldco (current): 40 per user + 10 per device, 3 % a year, 99.5 % uptime, a term ending
    28 February 2027 that does not renew, fee 5,000. Nimbus: 1,500 flat + 200 onboarding, 99.9 %
    uptime. Bluegate: no price."""
    old, nimbus, _ = (p.id for p in evaluation.providers)
    contract = Contract(
        start=date(2024, 3, 1),
        term_months=36,
        notice_days=30,
        termination_fee=D("5000"),
    )  # the term ends 28 Feb 2027
    return (
        evaluation.with_business(
            Business(
                users=30,
                devices=40,
                downtime_cost_per_hour=D("250"),
                switch_hours=20,
                hourly_cost=D("45.50"),
                horizon_months=36,
                overlap_months=1,
            )
        )
        .with_contract(old, contract)
        .with_pricing(old, Pricing(per_user=D("40"), per_device=D("10"), yearly_increase=D("3")))
        .with_service_levels(old, ServiceLevels(uptime=D("99.5")))
        .with_pricing(nimbus, Pricing(flat_monthly=D("1500"), onboarding=D("200")))
        .with_service_levels(nimbus, ServiceLevels(uptime=D("99.9")))
    )


def test_the_monthly_price_comes_from_the_business_s_counts(priced: Evaluation) -> None:
    old, nimbus, bluegate = priced.providers
    assert monthly_price(old, priced.business) == D("1600.00")  # 30 × 40 + 40 × 10
    assert monthly_price(nimbus, priced.business) == D("1500.00")
    assert monthly_price(bluegate, priced.business) is None


def test_without_pricing_the_contract_s_monthly_fee_is_the_price(evaluation: Evaluation) -> None:
    provider = evaluation.providers[0]
    contract = Contract(start=TODAY, term_months=12, monthly_fee=D("999.99"))
    with_contract = evaluation.with_contract(provider.id, contract)
    assert monthly_price(with_contract.providers[0], Business()) == D("999.99")


def test_the_yearly_increase_compounds_each_year_rounded_to_the_cent(priced: Evaluation) -> None:
    fees = monthly_fees(priced.providers[0], priced.business, 36)
    assert fees[0] == fees[11] == D("1600.00")
    assert fees[12] == fees[23] == D("1648.00")  # +3 %
    assert fees[24] == D("1697.44")  # 1648 × 1.03 = 1697.44
    assert sum(fees) == D("59345.28")  # 12 × (1600 + 1648 + 1697.44)


def test_staying_costs_the_fees_and_the_expected_downtime(priced: Evaluation) -> None:
    stay = options(priced, TODAY)[0]
    assert stay.stay and stay.provider.name == "Oldco IT"
    # 99.5 % uptime: 0.5 % of 8,760 h = 43.8 h a year, × 250 = 10,950 a year, × 3 years.
    assert stay.parts["downtime"] == D("32850.00")
    assert stay.parts["fees"] == D("59345.28")
    assert stay.total == D("59345.28") + D("32850.00")


def test_months_are_counted_from_the_contract_s_next_billing_day(priced: Evaluation) -> None:
    # The contract started on 1 March 2024: it bills on the 1st; today is 26 November.
    assert first_month(priced, TODAY) == date(2026, 12, 1)
    assert first_month(priced, date(2026, 12, 1)) == date(2026, 12, 1)
    assert first_month(priced.with_contract(priced.providers[0].id, None), TODAY) == TODAY


def test_switching_at_the_term_s_end_pays_no_fee_and_the_current_price_until_then(
    priced: Evaluation,
) -> None:
    switch = options(priced, TODAY)[1]
    assert switch.label == "Switch to Nimbus IT at the term's end"
    assert switch.leaving is not None and not switch.leaving.early
    # The term ends 28 Feb 2027; with 1 month of overlap Nimbus starts on 1 February.
    assert (switch.leaving.new_start, switch.leaving.takeover) == (
        date(2027, 2, 1),
        date(2027, 3, 1),
    )
    assert switch.parts == {
        "fees": D("51000.00"),  # February 2027 to November 2029: 34 × 1,500
        "until the switch": D("3200.00"),  # December and January of Oldco
        "termination": D("0.00"),
        "overlap": D("1600.00"),  # February: both are paid
        "one-off fees": D("200.00"),
        "own time": D("910.00"),  # 20 h × 45.50
        # Oldco's 43.8 h a year for 3 months, then Nimbus's 8.76 h for 33: × 250 an hour.
        "downtime": D("2737.50") + D("6022.50"),
    }
    assert switch.total == D("65670.00") == switch.cumulative[-1]


def test_switching_now_pays_the_fee_the_overlap_and_the_new_price_from_the_start(
    priced: Evaluation,
) -> None:
    (now,) = switch_now_options(priced, TODAY)
    assert now.label == "Switch to Nimbus IT now"
    assert now.parts == {
        "fees": D("54000.00"),  # 36 × 1,500
        "until the switch": D("0.00"),
        "termination": D("5000.00"),  # Oldco's last day, 31 December, is before 28 February
        "overlap": D("1600.00"),  # December
        "one-off fees": D("200.00"),
        "own time": D("910.00"),
        "downtime": D("912.50") + D("6387.50"),  # Oldco for December, then Nimbus for 35 months
    }
    assert now.total == D("69010.00")


@pytest.mark.parametrize(
    ("overlap", "last_day", "fee"),
    [
        (2, date(2027, 2, 14), D("5000.00")),  # the contract would end a month early
        (3, date(2027, 3, 14), D("0.00")),  # ends on the term's last day itself: no fee
        (4, date(2027, 3, 14), D("0.00")),  # the term ends first; no fee
    ],
)
def test_the_fee_applies_only_when_the_plan_ends_the_contract_before_its_term(
    priced: Evaluation, overlap: int, last_day: date, fee: Decimal
) -> None:
    old = priced.providers[0].id
    # A term from 15 March 2024 ends on 14 March 2027; the contract bills on the 15th.
    mid_month = priced.with_contract(
        old, Contract(start=date(2024, 3, 15), term_months=36, termination_fee=D("5000"))
    ).with_business(priced.business.model_copy(update={"overlap_months": overlap}))
    (now,) = switch_now_options(mid_month, TODAY)
    assert now.leaving is not None and now.leaving.last_day == last_day
    assert now.parts["termination"] == fee


@pytest.mark.parametrize(
    ("last_day", "early"), [(date(2027, 2, 27), True), (date(2027, 2, 28), False)]
)
def test_leaving_on_the_term_s_last_day_itself_is_not_early(last_day: date, early: bool) -> None:
    end = date(2027, 2, 28)
    leaving = Leaving("now", last_day, date(2026, 12, 1), last_day + timedelta(1), end, None)
    assert leaving.early is early


def renewing(evaluation: Evaluation) -> Evaluation:
    """Oldco's contract renewing yearly after its first term (ending 28 February 2027), with 90
    days' notice: the last day to give it is 30 November 2026."""
    old = evaluation.providers[0].id
    contract = Contract(
        start=date(2024, 3, 1),
        term_months=36,
        auto_renews=True,
        notice_days=90,
        termination_fee=D("5000"),
    )
    return evaluation.with_contract(old, contract)


@pytest.mark.parametrize(
    ("today", "term_end", "notice_by", "missed"),
    [
        (date(2026, 11, 30), date(2027, 2, 28), date(2026, 11, 30), None),  # the last day
        (date(2026, 12, 1), date(2028, 2, 29), date(2027, 12, 1), date(2026, 11, 30)),
    ],
)
def test_once_the_notice_deadline_has_passed_the_renewed_term_s_end_is_used(
    priced: Evaluation, today: date, term_end: date, notice_by: date, missed: date | None
) -> None:
    switch = options(renewing(priced), today)[1]
    assert switch.leaving is not None
    assert (switch.leaving.last_day, switch.leaving.notice_by) == (term_end, notice_by)
    assert switch.leaving.missed == missed
    assert switch.parts["termination"] == 0


def test_a_notice_date_in_the_exit_plan_counts_even_after_the_deadline(priced: Evaluation) -> None:
    given = renewing(priced).with_move_dates(
        notice=date(2026, 11, 20), new_provider_start=None, cutover=None
    )
    leaving = options(given, date(2026, 12, 10))[1].leaving
    assert leaving is not None
    assert (leaving.last_day, leaving.notice_date) == (date(2027, 2, 28), date(2026, 11, 20))


def test_the_overlap_runs_from_the_exit_plan_s_start_to_the_term_s_end(priced: Evaluation) -> None:
    planned = priced.with_move_dates(
        notice=None, new_provider_start=date(2027, 1, 15), cutover=date(2027, 3, 1)
    )
    switch = options(planned, TODAY)[1]
    assert switch.leaving is not None and switch.leaving.from_plan == ("start", "cut-over")
    # Nimbus serves from 15 January: January is paid to it in full, so both are paid for
    # January and February; Oldco alone for December.
    assert (switch.parts["overlap"], switch.parts["until the switch"]) == (
        D("3200.00"),
        D("1600.00"),
    )
    assert switch.parts["fees"] == 35 * D("1500")


def test_a_cut_over_after_the_term_keeps_the_contract_for_the_term_that_covers_it(
    priced: Evaluation,
) -> None:
    later = renewing(priced).with_move_dates(
        notice=None, new_provider_start=date(2027, 5, 1), cutover=date(2027, 6, 1)
    )
    switch = options(later, TODAY)[1]
    assert switch.leaving is not None
    assert switch.leaving.last_day == date(2028, 2, 29)  # the renewed term runs to then
    assert switch.leaving.notice_by == date(2027, 12, 1)
    assert switch.parts["termination"] == 0


def test_without_a_contract_switching_is_now_without_a_fee(priced: Evaluation) -> None:
    free = priced.with_contract(priced.providers[0].id, None)
    switch = options(free, TODAY)[1]
    assert switch.label == "Switch to Nimbus IT"
    assert switch.leaving is not None and switch.leaving.way == "free"
    assert switch.parts["termination"] == 0
    assert switch_now_options(free, TODAY) == []


def test_the_payback_month_is_when_switching_has_cost_no_more_than_staying(
    priced: Evaluation,
) -> None:
    stay, switch = options(priced, TODAY)
    # Switching starts 1,110 behind (onboarding, own time), pays both in February (+1,500),
    # then gains 1,600 + 912.50 - 1,500 - 182.50 = 830 a month: 2,610 ≤ 830 × 4 by month 7.
    assert switch.cumulative[2] - stay.cumulative[2] == D("2610.00")
    assert payback_month(stay, switch) == 7


def test_each_total_splits_into_money_paid_and_expected_downtime_exactly(
    priced: Evaluation,
) -> None:
    stay, switch = options(priced, TODAY)
    assert (stay.paid, stay.downtime) == (D("59345.28"), D("32850.00"))
    # 51,000 fees + 3,200 until the switch + 1,600 overlap + 200 onboarding + 910 own time
    assert (switch.paid, switch.downtime) == (D("56910.00"), D("8760.00"))
    assert all(o.paid + o.downtime == o.total for o in (stay, switch))


def test_with_downtime_left_out_everything_is_money_paid(priced: Evaluation) -> None:
    left_out = priced.with_business(priced.business.model_copy(update={"downtime": "left out"}))
    assert all(o.downtime == 0 and o.paid == o.total for o in options(left_out, TODAY))


def test_the_fees_left_of_the_term_after_switching_now_are_counted_month_by_month(
    priced: Evaluation,
) -> None:
    # Oldco is paid until 31 December 2026; January and February 2027 are left of the term.
    assert remaining_fees(priced, leaving_now(priced, TODAY), TODAY) == (2, D("3200.00"))
    planned = at_term_end(priced, TODAY)
    assert planned is not None and remaining_fees(priced, planned, TODAY) == (0, D(0))


def test_switching_that_never_pays_back(priced: Evaluation) -> None:
    nimbus = priced.providers[1].id
    dear = priced.with_pricing(nimbus, Pricing(flat_monthly=D("5000")))
    stay, switch = options(dear, TODAY)
    assert payback_month(stay, switch) is None


# Downtime ----------------------------------------------------------------------------------------


def test_the_incident_log_counts_when_it_shows_more_downtime(priced: Evaluation) -> None:
    outage = Incident(id="x", day=TODAY - timedelta(days=30), what="Down", downtime_hours=100)
    logged = priced.with_incident(outage)
    stay = options(logged, TODAY)[0]
    # 100 h in the last 12 months beats the promised 43.8 h: 100 × 250 × 3 years, exactly
    # (rounding each month first, to 2,083.33, would make it 74,999.88).
    assert stay.parts["downtime"] == D("75000.00")


def test_incident_downtime_is_added_exactly_as_typed(priced: Evaluation) -> None:
    old = priced.providers[0].id
    quiet = priced.with_service_levels(old, None).with_business(
        priced.business.model_copy(
            update={"horizon_months": 12, "downtime_cost_per_hour": D("12.35")}
        )
    )
    for n, hours in enumerate((0.3, 0.6)):
        quiet = quiet.with_incident(
            Incident(id=f"i{n}", day=TODAY - timedelta(days=9), what="Down", downtime_hours=hours)
        )
    assert logged_hours(quiet, TODAY) == D("0.9")  # as floats: 0.8999999999999999
    # 0.9 h × 12.35 = 11.115 for the year, rounded once, half away from zero.
    assert options(quiet, TODAY)[0].parts["downtime"] == D("11.12")


def test_downtime_is_rounded_once_over_the_horizon_not_month_by_month(
    priced: Evaluation,
) -> None:
    cheap = priced.with_business(
        priced.business.model_copy(update={"downtime_cost_per_hour": D("0.50")})
    ).with_service_levels(priced.providers[0].id, ServiceLevels(uptime=D("99.9")))
    # 8.76 h × 0.50 = 4.38 a year, 0.365 a month: 13.14 over 36 months, not 36 × 0.37 = 13.32.
    assert options(cheap, TODAY)[0].parts["downtime"] == D("13.14")


def test_a_candidate_without_an_uptime_promise_is_assumed_to_match_the_current_promise(
    priced: Evaluation,
) -> None:
    nimbus = priced.providers[1]
    unknown = priced.with_service_levels(nimbus.id, None)
    expected = expected_downtime(unknown, unknown.providers[1], TODAY)
    assert (expected.hours, expected.source, expected.uptime) == (D("43.8"), "assumed", D("99.5"))
    assert downtime_hours_per_year(unknown, unknown.providers[1], TODAY) is None
    switch = options(unknown, TODAY)[1]
    assert switch.downtime_counted
    assert switch.parts["downtime"] == D("32850.00")  # 43.8 h × 250 a year, before and after


def test_downtime_unknown_for_the_current_provider_is_left_out_of_every_total(
    priced: Evaluation,
) -> None:
    unknown = priced.with_service_levels(priced.providers[0].id, None)
    stay, switch = options(unknown, TODAY)
    assert not stay.downtime_counted and not switch.downtime_counted
    assert stay.parts["downtime"] == switch.parts["downtime"] == 0
    assert stay.total == D("59345.28")


def test_the_business_can_leave_downtime_out_of_every_total(priced: Evaluation) -> None:
    left_out = priced.with_business(priced.business.model_copy(update={"downtime": "left out"}))
    assert all(o.parts["downtime"] == 0 for o in options(left_out, TODAY))
    assert not downtime_counted(left_out, list(left_out.providers), TODAY)


def test_the_billing_check_prices_the_users_and_devices_billed_but_not_there(
    priced: Evaluation,
) -> None:
    old = priced.providers[0]
    pricing = old.pricing.model_copy(update={"billed_users": 38, "billed_devices": 40})  # type: ignore[union-attr]
    billed = priced.with_pricing(old.id, pricing)
    check = billing_check(billed)
    assert check is not None
    assert (check.users, check.devices, check.monthly) == (8, 0, D("320.00"))
    assert billing_check(priced) is None


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"per_user": "-1"}, "greater than or equal to 0"),
        ({"flat_monthly": "lots"}, "valid decimal"),
        ({"yearly_increase": "150"}, "less than or equal to 100"),
        ({"onboarding": "0.001"}, "decimal places"),
    ],
)
def test_prices_that_are_negative_or_not_numbers_are_refused(
    evaluation: Evaluation, fields: dict[str, str], problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        evaluation.with_pricing(evaluation.providers[0].id, validated(Pricing, **fields))


def test_the_downtime_setting_is_stored_only_when_it_is_not_the_default() -> None:
    # Bodies saved before the setting existed load as "counted" and are written back unchanged.
    assert "downtime" not in Business().model_dump(mode="json")
    assert Business.model_validate({"users": 3}).downtime == "counted"
    assert Business(downtime="left out").model_dump(mode="json")["downtime"] == "left out"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"users": -1}, "greater than or equal to 0"),
        ({"horizon_months": 500}, "less than or equal to 120"),
        ({"downtime_cost_per_hour": "-3"}, "greater than or equal to 0"),
    ],
)
def test_business_figures_out_of_range_are_refused(
    evaluation: Evaluation, fields: dict[str, object], problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        evaluation.with_business(validated(Business, **fields))
