"""Total cost of staying or switching, checked against examples computed by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from itexit.cost import (
    Business,
    Pricing,
    billing_check,
    monthly_fees,
    monthly_price,
    options,
    payback_month,
)
from itexit.evaluation import Evaluation
from itexit.exit import Contract, Incident
from itexit.input import InvalidInput, validated
from itexit.service import ServiceLevels

TODAY = date(2026, 11, 26)
D = Decimal


@pytest.fixture
def priced(evaluation: Evaluation) -> Evaluation:
    """Oldco (current): 40 per user + 10 per device, 3 % a year, 90 days left on its term,
    fee 5,000. Nimbus: 1,500 flat + 200 onboarding. Bluegate: no price."""
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
    # 99.5 % uptime: 0.5 % of 8,760 h = 43.8 h a year, × 250 = 10,950 a year = 912.50 a month.
    assert stay.parts["downtime"] == D("912.50") * 36
    assert stay.parts["fees"] == D("59345.28")
    assert stay.total == D("59345.28") + D("32850.00")


def test_switching_early_pays_the_fee_the_overlap_onboarding_and_own_time(
    priced: Evaluation,
) -> None:
    switch = options(priced, TODAY)[1]
    assert switch.label == "Switch to Nimbus IT"
    assert switch.parts == {
        "fees": D("54000.00"),  # 36 × 1,500
        "termination": D("5000"),  # the term runs to 28 Feb 2027, after the overlap month
        "overlap": D("1600.00"),  # one month of Oldco
        "one-off fees": D("200"),
        "own time": D("910.00"),  # 20 h × 45.50
        "downtime": D("182.50") * 36,  # 0.1 % of 8,760 h = 8.76 h × 250 = 2,190 a year
    }
    assert switch.total == D("54000") + D("5000") + D("1600") + D("200") + D("910") + D("6570")


def test_leaving_at_the_end_of_the_term_costs_no_termination_fee(priced: Evaluation) -> None:
    later = options(priced, date(2027, 2, 1))  # the overlap ends after 28 Feb 2027
    assert later[1].parts["termination"] == 0


def test_the_payback_month_is_when_switching_has_cost_no_more_than_staying(
    priced: Evaluation,
) -> None:
    stay, switch = options(priced, TODAY)
    # Switching starts 7,710 behind and gains 100 + 730 = 830 a month in the first year.
    assert switch.cumulative[0] - stay.cumulative[0] == D("7710.00") - D("830.00")
    assert payback_month(stay, switch) == 10  # 7,710 ≤ 830 × 10 = 8,300, not × 9 = 7,470


def test_switching_that_never_pays_back(priced: Evaluation) -> None:
    nimbus = priced.providers[1].id
    dear = priced.with_pricing(nimbus, Pricing(flat_monthly=D("5000")))
    stay, switch = options(dear, TODAY)
    assert payback_month(stay, switch) is None


def test_the_incident_log_counts_when_it_shows_more_downtime(priced: Evaluation) -> None:
    outage = Incident(id="x", day=TODAY - timedelta(days=30), what="Down", downtime_hours=100)
    logged = priced.with_incident(outage)
    stay = options(logged, TODAY)[0]
    # 100 h in the last 12 months beats the promised 43.8 h: 100 × 250 / 12 = 2,083.33 a month.
    assert stay.parts["downtime"] == D("2083.33") * 36


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
