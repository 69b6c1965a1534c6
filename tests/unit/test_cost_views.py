"""What the Costs page shows and the changes it sends, checked against figures worked out by hand
(the same business and prices as test_cost.py)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from itexit.cost import Business, Overbilling, Pricing, billing_check
from itexit.cost.views import (
    PRICE_FIELDS,
    billing_incident,
    billing_logged,
    billing_view,
    business_entered,
    business_form,
    can_switch_now,
    costs_view,
    downtime_choice,
    pricing_entered,
    pricing_form,
    value_prices,
)
from itexit.evaluation import Evaluation
from itexit.exit import Contract, Incident
from itexit.input import InvalidInput
from itexit.service import ServiceLevels

TODAY = date(2026, 11, 26)
LOGGED_ON = date(2026, 11, 2)
D = Decimal


@pytest.fixture
def priced(evaluation: Evaluation) -> Evaluation:
    """Oldco (current): 40 per user + 10 per device, 3 % a year, 99.5 % uptime, 90 days left on
    its term, fee 5,000. Nimbus: 1,500 flat + 200 onboarding, 99.9 %. Bluegate: no price."""
    old, nimbus, _ = (p.id for p in evaluation.providers)
    contract = Contract(
        start=date(2024, 3, 1), term_months=36, notice_days=30, termination_fee=D("5000")
    )
    return (
        evaluation.with_business(
            Business(
                users=30,
                devices=40,
                downtime_cost_per_hour=D("250"),
                switch_hours=20,
                hourly_cost=D("45.50"),
            )
        )
        .with_contract(old, contract)
        .with_pricing(old, Pricing(per_user=D("40"), per_device=D("10"), yearly_increase=D("3")))
        .with_service_levels(old, ServiceLevels(uptime=D("99.5")))
        .with_pricing(nimbus, Pricing(flat_monthly=D("1500"), onboarding=D("200")))
        .with_service_levels(nimbus, ServiceLevels(uptime=D("99.9")))
    )


def billed(evaluation: Evaluation, users: int | None, devices: int | None) -> Evaluation:
    """The evaluation with these counts on the current provider's invoice."""
    current = evaluation.current
    assert current is not None and current.pricing is not None
    pricing = current.pricing.model_copy(update={"billed_users": users, "billed_devices": devices})
    return evaluation.with_pricing(current.id, pricing)


# The business form -------------------------------------------------------------------------------

FIGURES = {
    "users": 20,
    "devices": 25,
    "servers": 1,
    "sites": 2,
    "downtime_cost": "1,000",
    "switch_hours": 12.5,
    "hourly_cost": "45.5",
    "horizon_months": 24,
    "overlap_months": 2,
}


def test_the_business_figures_are_saved_with_amounts_read_as_people_type_them(
    evaluation: Evaluation,
) -> None:
    business = business_entered(evaluation, **FIGURES).business  # type: ignore[arg-type]
    assert business == Business(
        users=20,
        devices=25,
        servers=1,
        sites=2,
        downtime_cost_per_hour=D("1000.00"),
        switch_hours=12.5,
        hourly_cost=D("45.50"),
        horizon_months=24,
        overlap_months=2,
    )


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("downtime_cost", "a lot", "Cost of an hour of downtime: 'a lot' is not an amount"),
        ("hourly_cost", "-3", "Cost of a staff hour can't be negative"),
        ("horizon_months", 500, "less than or equal to 120"),
    ],
)
def test_a_business_figure_that_breaks_a_rule_is_refused_saying_which(
    evaluation: Evaluation, field: str, value: object, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        business_entered(evaluation, **{**FIGURES, field: value})  # type: ignore[arg-type]


def test_an_empty_cost_of_an_hour_of_downtime_is_refused_saying_what_to_enter(
    evaluation: Evaluation,
) -> None:
    with pytest.raises(InvalidInput, match=r"enter an amount \(0 if an hour of downtime costs"):
        business_entered(evaluation, **{**FIGURES, "downtime_cost": " "})  # type: ignore[arg-type]
    left_out = business_entered(
        evaluation,
        **{**FIGURES, "downtime_cost": ""},  # type: ignore[arg-type]
        downtime="left out",
    )
    assert left_out.business.downtime_cost_per_hour == 0


def test_a_downtime_cost_of_zero_is_said_to_add_nothing(priced: Evaluation) -> None:
    free = priced.with_business(priced.business.model_copy(update={"downtime_cost_per_hour": D(0)}))
    assert costs_view(free, TODAY).downtime[-1] == (
        "An hour of downtime costs 0.00 as entered above, so downtime adds nothing to any total."
    )
    assert "adds nothing" not in " ".join(costs_view(priced, TODAY).downtime)


def test_the_business_form_starts_from_the_saved_figures_with_amounts_as_text(
    priced: Evaluation,
) -> None:
    form = business_form(priced)
    assert list(form) == [
        "users",
        "devices",
        "servers",
        "sites",
        "currency",
        "downtime_cost",
        "switch_hours",
        "hourly_cost",
        "horizon_months",
        "overlap_months",
    ]
    assert (form["users"].value, form["users"].high) == (30, 1_000_000)
    assert (form["hourly_cost"].value, form["hourly_cost"].text) == ("45.50", True)
    assert (form["horizon_months"].low, form["horizon_months"].high) == (6, 120)
    assert (form["currency"].value, form["currency"].max_chars) == ("USD", 3)


def test_the_currency_is_set_with_the_business_figures_as_the_evaluation_s_one_currency(
    evaluation: Evaluation,
) -> None:
    changed = business_entered(evaluation, **FIGURES, currency=" eur ")  # type: ignore[arg-type]
    assert changed.currency == "EUR"


def test_a_currency_that_is_not_a_three_letter_code_is_refused(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="Currency: 'EU' is not a 3-letter code"):
        business_entered(evaluation, **FIGURES, currency="eu")  # type: ignore[arg-type]


def test_the_business_chooses_whether_downtime_is_counted(evaluation: Evaluation) -> None:
    choice = downtime_choice(evaluation)
    assert (choice.options, choice.index) == (["counted", "left out"], 0)
    left_out = business_entered(evaluation, **FIGURES, downtime="left out")  # type: ignore[arg-type]
    assert left_out.business.downtime == "left out"
    assert downtime_choice(left_out).index == 1


def test_the_business_form_read_back_unchanged_changes_nothing(priced: Evaluation) -> None:
    typed = {name: entry.value for name, entry in business_form(priced).items()}
    assert business_entered(priced, **typed).business == priced.business  # type: ignore[arg-type]


# The pricing form --------------------------------------------------------------------------------


def test_the_pricing_form_of_a_provider_without_prices_starts_open_at_zero(
    evaluation: Evaluation,
) -> None:
    form = pricing_form(evaluation, evaluation.providers[0].id)
    assert (form.name, form.expanded) == ("Oldco IT", True)
    assert set(form.amounts.values()) == {"0"}
    assert form.increase == "0"
    assert [(e.label, e.value) for e in form.billed.values()] == [
        ("Users on their invoice", None),
        ("Devices on their invoice", None),
    ]


def test_the_pricing_form_of_a_priced_provider_starts_closed_on_its_prices(
    priced: Evaluation,
) -> None:
    form = pricing_form(priced, priced.providers[0].id)
    assert not form.expanded
    assert (form.amounts["per_user"], form.amounts["per_device"], form.increase) == (
        "40",
        "10",
        "3",
    )


def test_the_pricing_form_asks_for_eight_amounts_in_the_order_of_a_price_list() -> None:
    assert [f.label for f in PRICE_FIELDS] == [
        "Flat monthly fee",
        "Per user, per month",
        "Per device, per month",
        "Per server, per month",
        "Per site, per month",
        "Add-ons, per month",
        "Onboarding fee (one-time)",
        "Project fees (one-time)",
    ]


AMOUNTS = {f.name: "0" for f in PRICE_FIELDS}


def test_a_pricing_is_saved_as_typed_and_an_empty_yearly_increase_is_no_increase(
    evaluation: Evaluation,
) -> None:
    provider = evaluation.providers[1].id
    amounts = {**AMOUNTS, "flat_monthly": "1,500", "per_user": "12.5", "onboarding": ""}
    saved = pricing_entered(evaluation, provider, amounts, " ", 12, None).provider(provider)
    assert saved.pricing == Pricing(
        flat_monthly=D("1500.00"), per_user=D("12.50"), billed_users=12, billed_devices=None
    )


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("per_user", "-5", "Per user can't be negative"),
        ("flat_monthly", "cheap", "Flat monthly fee: 'cheap' is not an amount"),
        ("onboarding", "10.005", "Onboarding fee: '10.005' has fractions of a cent"),
        ("increase", "lots", "Yearly price increase: 'lots' is not a number."),
        ("increase", "250", "less than or equal to 100"),
    ],
)
def test_a_price_that_breaks_a_rule_is_refused_saying_which(
    evaluation: Evaluation, field: str, value: str, problem: str
) -> None:
    amounts = {**AMOUNTS, field: value} if field != "increase" else AMOUNTS
    increase = value if field == "increase" else "0"
    with pytest.raises(InvalidInput, match=problem):
        pricing_entered(evaluation, evaluation.providers[0].id, amounts, increase, None, None)


# Staying against switching -----------------------------------------------------------------------


def test_the_cost_table_shows_each_priced_option_part_by_part_with_its_payback_month(
    priced: Evaluation,
) -> None:
    table = costs_view(priced, TODAY).table
    assert table["Pays for itself in month"].tolist() == ["—", "7"]
    assert table.drop(columns="Pays for itself in month").to_dict("records") == [
        {
            "Option": "Stay with Oldco IT",
            "Monthly price now": 1600.0,  # 30 × 40 + 40 × 10
            "Fees": 59345.28,  # 12 × (1,600 + 1,648 + 1,697.44)
            "Until the switch": 0.0,
            "Termination": 0.0,
            "Overlap": 0.0,
            "One-off fees": 0.0,
            "Own time": 0.0,
            "Downtime": 32850.0,  # 43.8 h a year × 250 × 3 years
            "Total": 92195.28,
        },
        {
            "Option": "Switch to Nimbus IT at the term's end",
            "Monthly price now": 1500.0,
            "Fees": 51000.0,  # from February 2027: 34 × 1,500
            "Until the switch": 3200.0,  # December, January
            "Termination": 0.0,  # the contract ends with its term, 28 February 2027
            "Overlap": 1600.0,  # February
            "One-off fees": 200.0,
            "Own time": 910.0,  # 20 h × 45.50
            "Downtime": 8760.0,  # 3 months of 43.8 h a year, then 33 of 8.76 h, × 250
            "Total": 65670.0,
        },
    ]


def test_switching_now_is_shown_beside_each_candidate_when_asked(priced: Evaluation) -> None:
    assert can_switch_now(priced, TODAY)
    table = costs_view(priced, TODAY, now=True).table
    assert list(table["Option"]) == [
        "Stay with Oldco IT",
        "Switch to Nimbus IT at the term's end",
        "Switch to Nimbus IT now",
    ]
    assert list(table["Termination"]) == [0.0, 0.0, 5000.0]
    assert table.loc[2, "Total"] == 69010.0


def test_the_page_says_by_when_to_give_notice_and_which_way_is_cheaper(
    priced: Evaluation,
) -> None:
    renewing = priced.with_contract(
        priced.providers[0].id,
        Contract(
            start=date(2024, 3, 1),
            term_months=36,
            auto_renews=True,
            notice_days=90,
            termination_fee=D("5000"),
        ),
    )
    assert costs_view(renewing, TODAY).leaving == [
        "To switch at the term's end, give Oldco IT written notice by 30 November 2026 (4 days "
        "left); the contract then ends on 28 February 2027, with no early-termination fee.",
        "The new provider starts on 1 February 2027 and takes over on 1 March 2027 (1 month of "
        "paying both providers, as set on the Costs page; enter the dates in your exit plan to use "
        "them).",
        # 1 Dec 2026 to 31 Dec 2026 on Oldco; Jan and Feb 2027 are left of the term: 2 × 1,600
        "Switching now: the new provider starts on 1 December 2026 and takes over on 1 January "
        "2027 (1 month of paying both providers, as set on the Costs page); Oldco IT is paid until "
        "31 December 2026. That is before the term ends on 28 February 2027, so the "
        "early-termination fee in your contract, USD 5,000.00, is counted. The totals assume "
        "the fee replaces the monthly fees for the rest of the term. If your contract makes "
        "those due on top (2 months, USD 3,200.00), switching now costs USD 3,200.00 more.",
        # 69,010 - 65,670; money paid 61,710 - 56,910; downtime 7,300 - 8,760
        "Switching to Nimbus IT at the term's end costs USD 3,340.00 less than switching now, "
        "which pays the early-termination fee of USD 5,000.00: USD 4,800.00 less in money paid "
        "(fees, one-off fees, staff time) and USD 1,460.00 more expected downtime (a risk "
        "estimate, not money paid).",
    ]


def test_after_the_notice_deadline_the_page_says_the_contract_renews(priced: Evaluation) -> None:
    renewing = priced.with_contract(
        priced.providers[0].id,
        Contract(start=date(2024, 3, 1), term_months=36, auto_renews=True, notice_days=90),
    )
    said = costs_view(renewing, date(2026, 12, 2)).leaving
    assert said[0] == (
        "Notice given after 30 November 2026 is too late for the current term, so the contract "
        "with Oldco IT renews: switching at the term's end means at the end of the renewed "
        "term, 29 February 2028."
    )
    assert said[1].startswith("To switch at the term's end, give Oldco IT written notice by 1 ")


def test_a_contract_that_does_not_renew_needs_no_notice(priced: Evaluation) -> None:
    assert costs_view(priced, TODAY).leaving[0] == (
        "The contract with Oldco IT does not renew: it ends on 28 February 2027, so switching "
        "then needs no notice and costs no early-termination fee."
    )


def test_the_exit_plan_s_dates_are_said_to_be_used(priced: Evaluation) -> None:
    planned = priced.with_move_dates(
        notice=date(2026, 11, 20), new_provider_start=date(2027, 2, 1), cutover=date(2027, 3, 1)
    )
    renewing = planned.with_contract(
        priced.providers[0].id,
        Contract(start=date(2024, 3, 1), term_months=36, auto_renews=True, notice_days=30),
    )
    said = costs_view(renewing, TODAY).leaving
    assert said[0] == (
        "You gave Oldco IT notice on 20 November 2026, in time for the term ending on 28 "
        "February 2027 (the last day was 29 January 2027): the contract ends then, with no "
        "early-termination fee."
    )
    assert said[1].endswith("(from your exit plan).")


def test_without_a_contract_term_switching_starts_now(priced: Evaluation) -> None:
    free = priced.with_contract(priced.providers[0].id, None)
    assert not can_switch_now(free, TODAY)
    assert costs_view(free, TODAY).leaving == [
        "No contract term with Oldco IT is left to wait for: switching starts on 26 November "
        "2026, with 1 month of paying both providers and no early-termination fee."
    ]


def test_the_amount_columns_are_all_but_the_option_and_the_payback_month(
    priced: Evaluation,
) -> None:
    assert costs_view(priced, TODAY).money_columns == [
        "Monthly price now",
        "Fees",
        "Until the switch",
        "Termination",
        "Overlap",
        "One-off fees",
        "Own time",
        "Downtime",
        "Total",
    ]


def test_the_cheapest_option_is_named_with_what_it_saves_over_staying(priced: Evaluation) -> None:
    saving = costs_view(priced, TODAY).saving
    assert saving is not None
    assert saving.option == "Switch to Nimbus IT at the term's end"
    # 92,195.28 - 65,670.00: money paid 59,345.28 - 56,910.00, downtime 32,850.00 - 8,760.00
    assert saving.sentence == (
        "costs USD 26,525.28 less than staying over 36 months: USD 2,435.28 less in money paid "
        "(fees, one-off fees, staff time) and USD 24,090.00 less expected downtime (a risk "
        "estimate, not money paid)."
    )


def test_the_headline_saving_without_downtime_is_all_money_paid(priced: Evaluation) -> None:
    left_out = priced.with_business(priced.business.model_copy(update={"downtime": "left out"}))
    saving = costs_view(left_out, TODAY).saving
    assert saving is not None
    # 59,345.28 - (51,000 + 3,200 + 1,600 + 200 + 910)
    assert saving.sentence == (
        "costs USD 2,435.28 less than staying over 36 months. Downtime is left out of both."
    )


def test_when_staying_is_cheapest_no_option_is_named(priced: Evaluation) -> None:
    dear = priced.with_pricing(priced.providers[1].id, Pricing(flat_monthly=D("5000")))
    saving = costs_view(dear, TODAY).saving
    assert saving is not None
    assert saving.option is None
    assert saving.sentence == "Staying is the cheapest option over 36 months."


def test_without_a_price_for_staying_there_is_no_saving_and_no_payback(
    priced: Evaluation,
) -> None:
    unpriced = priced.with_pricing(priced.providers[0].id, None).with_contract(
        priced.providers[0].id, None
    )
    view = costs_view(unpriced, TODAY)
    assert view.compared
    assert list(view.table["Option"]) == ["Switch to Nimbus IT"]
    assert view.table["Pays for itself in month"].tolist() == ["—"]
    assert view.saving is None
    assert view.unpriced == [
        "Oldco IT: no price yet — enter its pricing (or the monthly fee in its contract) to "
        "compare staying with it.",
        "Bluegate: no price yet — enter its pricing (or the monthly fee in its contract) to "
        "compare it.",
    ]


def test_a_candidate_without_a_price_is_named_with_what_to_enter_rather_than_left_out(
    priced: Evaluation,
) -> None:
    view = costs_view(priced, TODAY)
    assert "Bluegate" not in " ".join(view.table["Option"])
    assert view.unpriced == [
        "Bluegate: no price yet — enter its pricing (or the monthly fee in its contract) to "
        "compare it."
    ]


def test_a_switch_that_does_not_pay_for_itself_within_the_horizon_says_so_in_words(
    priced: Evaluation,
) -> None:
    dear = priced.with_pricing(priced.providers[1].id, Pricing(flat_monthly=D("5000")))
    table = costs_view(dear, TODAY).table
    assert table["Pays for itself in month"].tolist() == ["—", "not within 36 months"]


def test_without_any_price_there_is_nothing_to_compare(evaluation: Evaluation) -> None:
    view = costs_view(evaluation, TODAY)
    assert not view.compared
    assert view.table.empty


def test_each_provider_s_expected_downtime_is_said_with_where_it_comes_from(
    priced: Evaluation,
) -> None:
    assert costs_view(priced, TODAY).downtime == [
        "Oldco IT: 43.8 hours a year, from its 99.5 % uptime promise.",
        "Nimbus IT: 8.76 hours a year, from its 99.9 % uptime promise.",
    ]


def test_a_candidate_s_unknown_downtime_is_said_with_the_assumption_made(
    priced: Evaluation,
) -> None:
    unknown = priced.with_service_levels(priced.providers[1].id, None)
    assert costs_view(unknown, TODAY).downtime[1] == (
        "Nimbus IT: unknown, it states no uptime promise; assumed to match Oldco IT's 99.5 % "
        "promise, 43.8 hours a year. Ask for its promise, or leave downtime out above."
    )


def test_a_saving_that_rests_on_an_assumed_downtime_says_so(priced: Evaluation) -> None:
    unknown = priced.with_service_levels(priced.providers[1].id, None)
    saving = costs_view(unknown, TODAY).saving
    assert saving is not None and saving.option == "Switch to Nimbus IT at the term's end"
    assert saving.sentence.endswith(
        "all of it money paid (the expected downtime is the same). Its downtime is unknown: "
        "this assumes it matches Oldco IT's uptime promise."
    )


def test_with_the_current_provider_s_downtime_unknown_no_total_counts_downtime(
    priced: Evaluation,
) -> None:
    unknown = priced.with_service_levels(priced.providers[0].id, None)
    view = costs_view(unknown, TODAY)
    assert "Downtime" not in view.table.columns
    assert view.downtime == [
        "Downtime is left out of every total: it is unknown for Oldco IT, and a total with it "
        "on one side only would mislead. Enter the uptime promises on the Service levels page "
        "to count it."
    ]
    assert view.saving is not None
    assert view.saving.sentence.endswith("36 months. Downtime is left out of both.")


def test_downtime_left_out_by_choice_is_said(priced: Evaluation) -> None:
    left_out = priced.with_business(priced.business.model_copy(update={"downtime": "left out"}))
    view = costs_view(left_out, TODAY)
    assert view.downtime == ["Downtime is left out of every total, as you chose above."]
    assert "Downtime" not in view.table.columns


def test_the_incident_log_is_named_when_it_shows_more_than_the_promise(
    priced: Evaluation,
) -> None:
    outage = Incident(id="x", day=TODAY - timedelta(days=3), what="Down", downtime_hours=50.5)
    said = costs_view(priced.with_incident(outage), TODAY).downtime[0]
    assert said == (
        "Oldco IT: 50.5 hours a year, from your incident log of the last 12 months (more than "
        "its 99.5 % uptime promise allows)."
    )


def test_the_value_map_places_each_provider_at_its_monthly_price_now(priced: Evaluation) -> None:
    old, nimbus, bluegate = (p.id for p in priced.providers)
    assert value_prices(priced) == {old: D("1600.00"), nimbus: D("1500.00"), bluegate: None}


def test_the_horizon_is_the_business_s(priced: Evaluation) -> None:
    assert costs_view(priced, TODAY).horizon_months == 36


# The billing check -------------------------------------------------------------------------------


def test_without_the_invoice_s_counts_the_billing_check_asks_for_them(priced: Evaluation) -> None:
    check = billing_view(priced)
    assert check.outcome == "unknown"
    assert check.message.startswith("Enter the users and devices on your current provider's")


def test_an_invoice_within_the_business_s_counts_matches(priced: Evaluation) -> None:
    check = billing_view(billed(priced, 30, 35))
    assert check.outcome == "matches"
    assert check.message == (
        "The invoice matches your counts: no users or devices billed that you don't have."
    )


def test_users_billed_beyond_the_business_s_count_are_priced_a_month_and_a_year(
    priced: Evaluation,
) -> None:
    check = billing_view(billed(priced, 38, None))
    assert check.outcome == "overbilled"
    assert check.message == (
        "You are billed for 8 users more than you have: USD 320.00 a month, "
        "USD 3,840.00 a year. That is evidence for the ground 'billed for services you did not "
        "receive'. The devices on the invoice are not entered, so they are not checked."
    )


def test_the_billing_check_claims_nothing_about_a_count_the_invoice_does_not_give(
    priced: Evaluation,
) -> None:
    check = billing_check(billed(priced, 31, None))
    assert check is not None and (check.users, check.devices) == (1, None)
    assert billing_view(billed(priced, 31, None)).message.startswith(
        "You are billed for 1 user more than you have: USD 40.00 a month"
    )
    assert billing_view(billed(priced, 31, 42)).message.startswith(
        "You are billed for 1 user and 2 devices more than you have: USD 60.00 a month"
    )


def test_overbilling_is_logged_as_dated_evidence_for_the_billing_ground() -> None:
    incident = billing_incident(Overbilling(8, 2, D("340.00")), "EUR", LOGGED_ON)
    assert incident.day == LOGGED_ON
    assert incident.what == "Billed for 8 users and 2 devices more than we have"
    assert incident.impact == "Overbilled by EUR 340.00 a month"
    assert incident.grounds == ("billing",)


def test_logging_the_billing_check_adds_it_to_the_incident_log(priced: Evaluation) -> None:
    logged = billing_logged(billed(priced, 38, 42), LOGGED_ON)
    added = logged.exit.incidents[-1]
    assert len(logged.exit.incidents) == len(priced.exit.incidents) + 1
    assert added.what == "Billed for 8 users and 2 devices more than we have"
    assert added.impact == "Overbilled by USD 340.00 a month"  # 8 × 40 + 2 × 10


def test_an_invoice_that_matches_has_nothing_to_log(priced: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="nothing to log"):
        billing_logged(billed(priced, 30, 40), LOGGED_ON)


def test_the_charts_give_each_total_to_the_cent_and_draw_switching_now_dashed(
    priced: Evaluation,
) -> None:
    steady = priced.with_service_levels(priced.providers[0].id, ServiceLevels(uptime=D("99.9")))
    view = costs_view(steady, TODAY, now=True)
    # Staying: 59,345.28 + 8.76 h × 250 × 3 years = 6,570.00; the label is not re-rounded.
    assert view.stack.layout.annotations[0].text == "65,915.28"
    assert [t.line.dash for t in view.over_time.data if t.mode == "lines"] == [
        "solid",
        "solid",
        "dash",
    ]


def test_a_payback_label_near_the_right_edge_is_drawn_left_of_its_star(priced: Evaluation) -> None:
    def position(flat: str) -> tuple[str, str]:
        nimbus = priced.providers[1].id
        dearer = priced.with_pricing(nimbus, Pricing(flat_monthly=D(flat), onboarding=D("200")))
        star = next(t for t in costs_view(dearer, TODAY).over_time.data if t.mode != "lines")
        return star.text[0], star.textposition

    assert position("1500") == ("pays off in month 7", "bottom right")
    # 21.6 is 60 % of the 36 months: later than that the label would run off the plot.
    assert position("2160") == ("pays off in month 20", "bottom right")
    assert position("2260") == ("pays off in month 32", "top left")
