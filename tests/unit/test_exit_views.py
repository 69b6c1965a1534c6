"""What the Contract, Grounds, Notice letter and Offboarding pages show, and what they accept."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from itexit.evaluation import Evaluation
from itexit.exit import Contract, GroundClaim, Incident, Task, new_incident, offboarding_items
from itexit.exit.views import (
    ContractForm,
    Metric,
    calendar_file,
    contract_from_form,
    contract_saved,
    contract_view,
    grounds_claimed,
    grounds_view,
    incident_logged,
    incidents_edited,
    letter_view,
    move_dates_saved,
    offboarding_file,
    offboarding_view,
    tasks_edited,
)
from itexit.export import evaluation_document, read_evaluation_document
from itexit.input import InvalidInput
from itexit.store import parse_body

TODAY = date(2026, 11, 26)
RENEWING = Contract(
    start=date(2024, 3, 1),
    term_months=36,
    auto_renews=True,
    renewal_months=12,
    notice_days=90,
    monthly_fee=Decimal("1450.00"),
    termination_fee=Decimal("5000.00"),
)
"""The last day to give notice is 30 November 2026; the term ends on 28 February 2027."""


def with_contract(evaluation: Evaluation, contract: Contract, provider: int = 0) -> Evaluation:
    return evaluation.with_contract(evaluation.providers[provider].id, contract)


def current_id(evaluation: Evaluation) -> str:
    return evaluation.providers[0].id


def incident(what: str, day: date, hours: float = 0, ticket: str = "", *grounds: Any) -> Incident:
    return Incident(
        id=what.lower().replace(" ", "")[:32],
        day=day,
        what=what,
        downtime_hours=hours,
        ticket=ticket,
        grounds=grounds,
    )


# Contract & deadlines ----------------------------------------------------------------------------


def test_without_a_contract_the_page_asks_for_it_naming_the_provider(
    evaluation: Evaluation,
) -> None:
    view = contract_view(evaluation, current_id(evaluation), TODAY)
    assert view.missing == (
        "No contract recorded for Oldco IT yet. Fill in the form below from the signed contract "
        "(the start date, the term, renewal and notice clauses, the fees)."
    )
    assert not view.has_contract and view.metrics == () and view.fees is None
    assert not view.calendar_offered
    assert view.form == ContractForm(currency="USD")


def test_a_contract_whose_term_is_over_and_does_not_renew_can_be_left(
    evaluation: Evaluation,
) -> None:
    ended = with_contract(evaluation, Contract(start=date(2023, 1, 1), term_months=24))
    view = contract_view(ended, current_id(ended), TODAY)
    assert view.over is not None and view.over.startswith("The contract's term is over")
    assert (view.ends, view.missed, view.metrics, view.near) == (None, None, (), None)


def test_a_contract_that_does_not_renew_says_the_day_it_ends(evaluation: Evaluation) -> None:
    ending = with_contract(evaluation, Contract(start=date(2026, 1, 1), term_months=12))
    view = contract_view(ending, current_id(ending), TODAY)
    assert view.ends == "The contract ends on **31 December 2026** and does not renew by itself."
    assert view.metrics == () and view.over is None


def test_a_renewing_contract_shows_the_last_day_for_notice_the_end_and_the_renewal(
    evaluation: Evaluation,
) -> None:
    view = contract_view(with_contract(evaluation, RENEWING), current_id(evaluation), TODAY)
    assert view.metrics == (
        Metric("Last day to give notice", "30 November 2026", "4 days left", "red"),
        Metric("Contract ends (with notice)", "28 February 2027"),
        Metric("Renews, without notice, on", "1 March 2027"),
    )
    assert view.missed is None


def test_a_near_deadline_says_how_many_days_are_left_and_what_to_do(
    evaluation: Evaluation,
) -> None:
    view = contract_view(with_contract(evaluation, RENEWING), current_id(evaluation), TODAY)
    assert view.near == (
        "The notice deadline is near: 4 days left. Send your notice in writing (see the Notice "
        "letter page) and keep proof that it arrived."
    )


def test_on_the_last_day_for_notice_the_deadline_says_today(evaluation: Evaluation) -> None:
    view = contract_view(
        with_contract(evaluation, RENEWING), current_id(evaluation), date(2026, 11, 30)
    )
    assert view.metrics[0].delta == "today" and view.metrics[0].delta_color == "red"


def test_a_deadline_far_off_is_grey_and_not_called_near(evaluation: Evaluation) -> None:
    view = contract_view(
        with_contract(evaluation, RENEWING), current_id(evaluation), date(2026, 6, 1)
    )
    assert view.metrics[0] == Metric(
        "Last day to give notice", "30 November 2026", "182 days left", "gray"
    )
    assert view.near is None


def test_a_missed_deadline_says_the_contract_renews_and_shows_the_next_window(
    evaluation: Evaluation,
) -> None:
    view = contract_view(
        with_contract(evaluation, RENEWING), current_id(evaluation), date(2026, 12, 1)
    )
    assert view.missed == (
        "The last day to give notice, 30 November 2026, has passed, so the contract renews. "
        "The next window is below."
    )
    assert view.metrics[0].value == "1 December 2027"


def test_the_fees_are_stated_in_the_evaluation_s_currency(evaluation: Evaluation) -> None:
    in_euros = with_contract(evaluation, RENEWING).with_currency("EUR")
    view = contract_view(in_euros, current_id(in_euros), TODAY)
    assert view.fees == "Monthly fee EUR 1,450.00; early-termination fee EUR 5,000.00."


def test_what_locks_the_business_in_is_listed(evaluation: Evaluation) -> None:
    view = contract_view(with_contract(evaluation, RENEWING), current_id(evaluation), TODAY)
    assert [line.split(":")[0] for line in view.lock_in] == [
        "Long notice period",
        "Long term",
        "Automatic renewal",
    ]


def test_the_calendar_is_offered_for_the_current_provider_s_dates_only(
    evaluation: Evaluation,
) -> None:
    both = with_contract(with_contract(evaluation, RENEWING), RENEWING, provider=1)
    ended = with_contract(evaluation, Contract(start=date(2023, 1, 1), term_months=24))
    assert contract_view(both, both.providers[0].id, TODAY).calendar_offered
    assert not contract_view(both, both.providers[1].id, TODAY).calendar_offered
    assert not contract_view(ended, ended.providers[0].id, TODAY).calendar_offered


def test_the_calendar_file_holds_the_notice_deadline(evaluation: Evaluation) -> None:
    ics = calendar_file(with_contract(evaluation, RENEWING), TODAY).decode()
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "Last day to give notice to Oldco IT" in ics and "DTSTART;VALUE=DATE:20261130" in ics


def given_on(evaluation: Evaluation, day: date) -> Evaluation:
    return evaluation.with_move_dates(notice=day, new_provider_start=None, cutover=None)


def test_notice_given_in_time_shows_when_the_contract_ends_instead_of_the_deadline(
    evaluation: Evaluation,
) -> None:
    given = given_on(with_contract(evaluation, RENEWING), date(2026, 11, 20))
    view = contract_view(given, current_id(given), TODAY)
    assert view.ends == (
        "You gave notice on 20 November 2026 (as recorded on the Offboarding page), in time: "
        "the contract ends on **28 February 2027** and does not renew."
    )
    assert view.metrics == (
        Metric("Notice given on", "20 November 2026"),
        Metric("Contract ends", "28 February 2027"),
    )
    assert (view.near, view.missed) == (None, None)


def test_notice_given_after_the_deadline_says_the_contract_renews_first(
    evaluation: Evaluation,
) -> None:
    given = given_on(with_contract(evaluation, RENEWING), date(2026, 12, 2))
    view = contract_view(given, current_id(given), date(2026, 12, 3))
    assert view.ends == (
        "You gave notice on 2 December 2026 (as recorded on the Offboarding page), after the "
        "last day to give notice for the term ending 28 February 2027, which was 30 November "
        "2026. So the contract renews, and your notice ends it on **29 February 2028**, unless "
        "the provider agrees in writing to an earlier end."
    )


def test_notice_given_for_a_term_that_is_over_says_the_contract_ended(
    evaluation: Evaluation,
) -> None:
    given = given_on(with_contract(evaluation, RENEWING), date(2026, 11, 20))
    view = contract_view(given, current_id(given), date(2027, 3, 5))
    assert view.ends == (
        "You gave notice on 20 November 2026 (as recorded on the Offboarding page): the "
        "contract ended on **28 February 2027**."
    )


def test_notice_is_shown_in_months_as_the_contract_states_it(evaluation: Evaluation) -> None:
    months = RENEWING.model_copy(update={"notice_days": 0, "notice_months": 3})
    view = contract_view(with_contract(evaluation, months), current_id(evaluation), TODAY)
    assert view.notice_period == (
        "Notice period: 3 months' notice, counted back from the last day of a term."
    )
    assert view.metrics[0] == Metric(
        "Last day to give notice", "28 November 2026", "2 days left", "red"
    )
    assert (view.form.notice, view.form.notice_in) == (3, "months")


def test_a_contract_with_notice_in_months_is_read_from_the_form() -> None:
    form = ContractForm(start=date(2024, 3, 1), term_months=36, notice=3, notice_in="months")
    contract = contract_from_form(form)
    assert (contract.notice_months, contract.notice_days) == (3, 0)


def test_notice_in_months_goes_out_in_the_json_export_and_comes_back(
    evaluation: Evaluation,
) -> None:
    months = RENEWING.model_copy(update={"notice_days": 0, "notice_months": 3})
    document = evaluation_document(with_contract(evaluation, months))
    back = read_evaluation_document(document)
    assert back.providers[0].contract == months


def test_a_contract_stored_before_notice_in_months_loads_with_notice_in_days(
    evaluation: Evaluation,
) -> None:
    body = json.loads(with_contract(evaluation, RENEWING).model_dump_json())
    assert "notice_months" not in body["providers"][0]["contract"]  # written as before
    contract = parse_body(json.dumps(body)).providers[0].contract
    assert contract is not None and contract.notice_months is None
    assert contract.notice_words == "90 days' notice"
    body["providers"][0]["contract"]["notice_months"] = None
    assert parse_body(json.dumps(body)).providers[0].contract == contract


def test_the_contract_form_starts_from_the_saved_contract(evaluation: Evaluation) -> None:
    stated = RENEWING.model_copy(update={"end": date(2027, 3, 31)})
    view = contract_view(with_contract(evaluation, stated), current_id(evaluation), TODAY)
    assert view.form == ContractForm(
        start=date(2024, 3, 1),
        term_months=36,
        states_end=True,
        end=date(2027, 3, 31),
        auto_renews=True,
        renewal_months=12,
        notice=90,
        currency="USD",
        monthly_fee="1450.00",
        termination_fee="5000.00",
    )


def test_a_contract_is_read_from_the_form_with_fees_as_typed() -> None:
    form = ContractForm(
        start=date(2026, 1, 1),
        term_months=24,
        auto_renews=True,
        renewal_months=6,
        notice=60,
        monthly_fee="1,450.50",
        termination_fee="",
    )
    assert contract_from_form(form) == Contract(
        start=date(2026, 1, 1),
        term_months=24,
        auto_renews=True,
        renewal_months=6,
        notice_days=60,
        monthly_fee=Decimal("1450.50"),
        termination_fee=Decimal(0),
    )


def test_an_end_date_counts_only_when_the_contract_states_it() -> None:
    entered = {"start": date(2026, 1, 1), "end": date(2026, 6, 30)}
    assert contract_from_form(ContractForm(**entered)).end is None
    assert contract_from_form(ContractForm(**entered, states_end=True)).end == date(2026, 6, 30)


@pytest.mark.parametrize(
    ("entered", "problem"),
    [
        ({"start": None}, "Start date: enter the date the contract started."),
        ({"states_end": True}, "End date: enter it, or untick 'The contract states the end date'."),
        ({"monthly_fee": "-20"}, "Monthly fee can't be negative"),
        ({"monthly_fee": "lots"}, "Monthly fee: 'lots' is not an amount; type it like 1450.00"),
        ({"termination_fee": "12.345"}, "fractions of a cent"),
        ({"notice": 400}, "longer than the contract's first term (365 days)"),
        ({"states_end": True, "end": date(2025, 1, 1)}, "The end date is before the start date"),
    ],
    ids=[
        "no start",
        "stated end missing",
        "negative fee",
        "fee not a number",
        "fraction of a cent",
        "notice longer than the term",
        "end before start",
    ],
)
def test_a_contract_form_that_breaks_a_rule_is_refused_naming_the_field(
    entered: dict[str, Any], problem: str
) -> None:
    form = ContractForm(**{"start": date(2026, 1, 1), **entered})
    with pytest.raises(InvalidInput) as refused:
        contract_from_form(form)
    assert problem in str(refused.value)


def test_saving_a_contract_records_it_and_the_currency(evaluation: Evaluation) -> None:
    form = ContractForm(start=date(2026, 1, 1), currency=" eur ", monthly_fee="900")
    saved = contract_saved(evaluation, current_id(evaluation), form)
    assert saved.currency == "EUR"
    assert saved.providers[0].contract == Contract(
        start=date(2026, 1, 1), term_months=12, monthly_fee=Decimal("900.00")
    )


def test_a_refused_contract_changes_nothing(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput):
        contract_saved(evaluation, current_id(evaluation), ContractForm(currency="EUR"))


# Grounds & evidence ------------------------------------------------------------------------------


def logged(evaluation: Evaluation, *incidents: Incident) -> Evaluation:
    for entry in incidents:
        evaluation = evaluation.with_incident(entry)
    return evaluation


def test_the_incident_log_is_newest_first_with_the_grounds_each_backs(
    evaluation: Evaluation,
) -> None:
    log = logged(
        evaluation,
        incident("Server down", date(2026, 10, 1), 3.5, "T-1", "performance"),
        incident("Billed twice", date(2026, 11, 2), 0, "", "billing", "damage"),
    )
    table = grounds_view(log, TODAY).incidents
    assert list(table.columns) == [
        "Date",
        "What happened",
        "Impact",
        "Downtime (hours)",
        "Ticket",
        "Evidence for",
    ]
    assert table.to_dict("records")[0] == {
        "Date": date(2026, 11, 2),
        "What happened": "Billed twice",
        "Impact": "",
        "Downtime (hours)": 0.0,
        "Ticket": "",
        "Evidence for": [
            "You were billed for services you did not receive",
            "They caused damage to your property or reputation",
        ],
    }
    assert list(table["What happened"]) == ["Billed twice", "Server down"]


@pytest.mark.parametrize(
    ("hours", "summary"),
    [
        ((4.0,), "1 incident, 4 hours of downtime in all."),
        ((3.5, 4.0), "2 incidents, 7.5 hours of downtime in all."),
        ((), "0 incidents, 0 hours of downtime in all."),
    ],
)
def test_the_incident_summary_counts_incidents_and_downtime(
    evaluation: Evaluation, hours: tuple[float, ...], summary: str
) -> None:
    log = logged(
        evaluation,
        *(incident(f"Outage {n}", date(2026, 11, n + 1), h) for n, h in enumerate(hours)),
    )
    assert grounds_view(log, TODAY).incident_summary == summary


def test_incidents_to_remove_are_named_by_date_and_what_happened_newest_first(
    evaluation: Evaluation,
) -> None:
    log = logged(
        evaluation,
        incident("Server down", date(2026, 10, 1)),
        incident("Email lost", date(2026, 11, 2)),
    )
    assert list(grounds_view(log, TODAY).removable.values()) == [
        "2026-11-02: Email lost",
        "2026-10-01: Server down",
    ]


def test_each_ground_is_shown_with_what_it_means_its_answer_and_its_evidence(
    evaluation: Evaluation,
) -> None:
    claimed = logged(
        evaluation.with_grounds({"performance": GroundClaim(applies="no", notes="Slow")}),
        incident("Server down", date(2026, 10, 1), 0, "", "performance"),
    )
    cards = grounds_view(claimed, TODAY).grounds
    assert [c.ground.id for c in cards] == [
        "mutual",
        "damage",
        "billing",
        "performance",
        "acquired",
        "no_contract",
    ]
    performance = cards[3]
    assert performance.about.endswith(
        "Evidence that helps: Dated incidents with downtime and ticket numbers; missed service "
        "levels."
    )
    assert (performance.choice, performance.claim.notes) == (1, "Slow")
    assert performance.strength == (
        "Some evidence: dated incidents, not yet enough to be strong. To make it strong, log "
        "2 more dated incidents, one at least with a ticket or reference number."
    )
    assert (cards[0].choice, cards[0].strength) == (
        2,
        "No evidence recorded yet. To back it, log in the incident log the provider's written "
        "agreement (the email or letter with the agreed end date), with its date and reference.",
    )


def test_a_new_incident_can_back_any_of_the_six_grounds_named_by_title(
    evaluation: Evaluation,
) -> None:
    choices = grounds_view(evaluation, TODAY).evidence_choices
    assert len(choices) == 6
    assert choices["acquired"] == "The provider was bought by another company"


def test_the_routes_out_are_those_open_today(evaluation: Evaluation) -> None:
    routes = grounds_view(with_contract(evaluation, RENEWING), TODAY).routes
    assert [r.title for r in routes] == ["Wait until the end of the term", "Pay to leave early"]


def test_the_grounds_form_records_each_answer_and_its_notes(evaluation: Evaluation) -> None:
    saved = grounds_claimed(
        evaluation, {"billing": ("yes", "  Invoice 14 "), "mutual": ("no", "")}
    ).exit.grounds
    assert saved == {
        "billing": GroundClaim(applies="yes", notes="Invoice 14"),
        "mutual": GroundClaim(applies="no"),
    }


def test_a_ground_answer_other_than_yes_no_or_unsure_is_refused(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="Applies"):
        grounds_claimed(evaluation, {"billing": ("maybe", "")})


def test_an_incident_is_read_from_the_form_trimmed() -> None:
    entry = new_incident(
        day=date(2026, 11, 20),
        what="  Server down all morning ",
        impact=" 12 staff could not work ",
        downtime_hours=3.5,
        ticket=" T-1 ",
        grounds=("performance",),
    )
    assert (entry.day, entry.what, entry.impact, entry.ticket) == (
        date(2026, 11, 20),
        "Server down all morning",
        "12 staff could not work",
        "T-1",
    )
    assert (entry.downtime_hours, entry.grounds) == (3.5, ("performance",))
    assert entry.id.isalnum()


@pytest.mark.parametrize("what", ["", "   "])
def test_an_incident_must_say_what_happened(what: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        new_incident(day=date(2026, 11, 20), what=what)
    assert str(refused.value) == "What happened: describe the incident in a few words."


def test_an_incident_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput, match="is in the future"):
        new_incident(day=date.today() + timedelta(days=1), what="Not yet")


def test_logging_an_incident_adds_it_to_the_log(evaluation: Evaluation) -> None:
    changed = incident_logged(
        evaluation,
        day=date(2026, 11, 20),
        what="Server down",
        impact="",
        downtime_hours=2.0,
        ticket="",
        grounds=(),
    )
    assert [(i.what, i.downtime_hours) for i in changed.exit.incidents] == [("Server down", 2.0)]


def two_logged(evaluation: Evaluation) -> Evaluation:
    return logged(
        evaluation,
        incident("Server down", date(2026, 10, 1), 3.5, "T-1", "performance"),
        incident("Billed twice", date(2026, 11, 2), 0, "", "billing"),
    )


def test_an_incident_is_edited_in_place_keeping_its_id(evaluation: Evaluation) -> None:
    log = two_logged(evaluation)
    ids = grounds_view(log, TODAY).incident_ids  # newest first
    edits = {
        1: {
            "What happened": " Server down all morning ",
            "Date": "2026-09-30",
            "Downtime (hours)": 4,
            "Evidence for": ["They will not or cannot do what the contract says"],
        }
    }
    changed = incidents_edited(log, ids, edits, TODAY).exit.incidents
    assert [(i.id, i.day, i.what, i.downtime_hours, i.grounds) for i in changed] == [
        ("serverdown", date(2026, 9, 30), "Server down all morning", 4.0, ("performance",)),
        ("billedtwice", date(2026, 11, 2), "Billed twice", 0.0, ("billing",)),
    ]
    assert changed[0].ticket == "T-1"  # cells not edited are kept


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"What happened": "  "}, "describe the incident in a few words"),
        ({"What happened": None}, "describe the incident in a few words"),
        ({"Date": "2026-11-27"}, "27 November 2026 is in the future"),
        ({"Date": None}, "enter the day it happened"),
        ({"Downtime (hours)": -1}, "-1 is out of range"),
        ({"Ticket": "x" * 101}, "at most 100 characters"),
        ({"Evidence for": ["They were rude"]}, "'They were rude' is not one of the grounds"),
    ],
    ids=["blank", "cleared", "future", "no date", "negative downtime", "long ticket", "ground"],
)
def test_an_incident_edit_follows_the_rules_for_a_new_one_and_nothing_is_saved(
    evaluation: Evaluation, cells: dict[str, Any], problem: str
) -> None:
    log = two_logged(evaluation)
    ids = grounds_view(log, TODAY).incident_ids
    with pytest.raises(InvalidInput) as refused:
        incidents_edited(log, ids, {0: {"Impact": "fine"}, 1: cells}, TODAY)
    assert str(refused.value).startswith("Nothing was saved. 2026-10-01 Server down: ")
    assert problem in str(refused.value)


# Notice letter -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("applies", "tickets", "kind"),
    [
        ("yes", ("T-1", "", ""), "termination"),
        ("yes", ("", "", ""), "non-renewal"),
        ("unsure", ("T-1", "", ""), "non-renewal"),
        ("no", ("T-1", "", ""), "non-renewal"),
    ],
    ids=["strong evidence", "some evidence", "unsure", "does not apply"],
)
def test_the_letter_starts_as_a_termination_for_cause_only_on_strong_evidence(
    evaluation: Evaluation, applies: str, tickets: tuple[str, ...], kind: str
) -> None:
    claimed = evaluation.with_grounds({"billing": GroundClaim(applies=applies)})  # type: ignore[arg-type]
    for n, ticket in enumerate(tickets):
        claimed = claimed.with_incident(
            incident(f"Overbilled {n}", date(2026, 10, 1 + n), 0, ticket, "billing")
        )
    view = letter_view(claimed, TODAY)
    assert view.default_kind == kind
    assert view.default_index == (1 if kind == "termination" else 0)


def test_the_letter_does_not_start_as_a_termination_for_cause_on_an_agreement(
    evaluation: Evaluation,
) -> None:
    agreed = evaluation.with_grounds({"mutual": GroundClaim(applies="yes")}).with_incident(
        incident("Agreement by email", date(2026, 10, 1), 0, "Email of 1 Oct", "mutual")
    )
    assert letter_view(agreed, TODAY).default_kind == "non-renewal"


def test_without_a_saved_version_the_box_shows_the_draft_of_the_kind_chosen(
    evaluation: Evaluation,
) -> None:
    view = letter_view(with_contract(evaluation, RENEWING), TODAY)
    assert "Subject: Notice of termination" in view.text("termination")
    assert "Subject: Notice of non-renewal" in view.text("non-renewal")
    assert (view.key("termination"), view.key("non-renewal")) == (
        "letter-termination",
        "letter-non-renewal",
    )


def test_a_saved_letter_is_shown_whatever_the_kind(evaluation: Evaluation) -> None:
    view = letter_view(evaluation.with_letter("Dear Oldco IT, goodbye."), TODAY)
    assert view.text("termination") == view.text("non-renewal") == "Dear Oldco IT, goodbye."
    assert view.key("termination") == view.key("non-renewal") == "letter-saved"


def test_only_a_letter_that_differs_from_what_the_box_showed_has_unsaved_edits(
    evaluation: Evaluation,
) -> None:
    view = letter_view(evaluation, TODAY)
    draft = view.text("non-renewal")
    assert not view.unsaved("non-renewal", draft)
    assert view.unsaved("non-renewal", draft + "P.S.")
    assert view.unsaved("termination", draft)


def test_the_letter_names_its_sender_and_notes_a_missing_contract(evaluation: Evaluation) -> None:
    view = letter_view(evaluation.with_sender(" Acme Ltd ", "Jo Bloggs"), TODAY)
    assert (view.business_name, view.signatory, view.contract_missing) == (
        "Acme Ltd",
        "Jo Bloggs",
        True,
    )
    assert not letter_view(with_contract(evaluation, RENEWING), TODAY).contract_missing


# Offboarding -------------------------------------------------------------------------------------

ITEMS = offboarding_items()


def with_cutover(evaluation: Evaluation, cutover: date | None) -> Evaluation:
    return evaluation.with_move_dates(notice=None, new_provider_start=None, cutover=cutover)


def test_the_checklist_lists_every_item_with_its_owner_timing_and_status(
    evaluation: Evaluation,
) -> None:
    table = offboarding_view(evaluation, TODAY).table
    assert list(table.columns) == [
        "When",
        "Item",
        "Owner",
        "Days from cut-over",
        "Due",
        "Status",
        "Details",
    ]
    assert list(table["Item"]) == [i.title for i in ITEMS]
    assert set(table["When"]) == {"before", "cut-over", "after"}
    assert set(table["Status"]) == {"to do"} and table["Due"].isna().all()


def test_with_a_cutover_every_item_is_due_its_days_from_it(evaluation: Evaluation) -> None:
    table = offboarding_view(with_cutover(evaluation, date(2027, 1, 31)), TODAY).table
    assert list(table["Due"]) == [date(2027, 1, 31) + timedelta(i.days_from_cutover) for i in ITEMS]


def test_progress_counts_items_done_or_not_needed(evaluation: Evaluation) -> None:
    finished = evaluation.with_tasks(
        {ITEMS[0].id: Task(status="done"), ITEMS[1].id: Task(status="not needed")}
    )
    view = offboarding_view(finished, TODAY)
    assert (view.done, view.total) == (2, len(ITEMS))
    assert view.progress == f"**2 of {len(ITEMS)}** items done or not needed"


@pytest.mark.parametrize("left_open", [1, 2])
def test_unfinished_items_past_their_due_date_are_named_as_overdue(
    evaluation: Evaluation, left_open: int
) -> None:
    done = {item.id: Task(status="done") for item in ITEMS[left_open:]}
    late = with_cutover(evaluation, TODAY - timedelta(days=400)).with_tasks(done)
    overdue = offboarding_view(late, TODAY).overdue
    titles = "; ".join(i.title for i in ITEMS[:left_open])
    verb = "item is" if left_open == 1 else "items are"
    assert overdue == f"{left_open} {verb} overdue: {titles}"


def test_a_task_due_after_the_notice_deadline_is_flagged_in_words(
    evaluation: Evaluation,
) -> None:
    moved = with_cutover(with_contract(evaluation, RENEWING), date(2027, 3, 1))
    assert offboarding_view(moved, TODAY).late is None
    late = moved.with_tasks({"contract_review": Task(days_from_cutover=-30)})
    assert offboarding_view(late, TODAY).late == (
        "“Check your contract and give notice in writing” is due 30 January 2027, after the "
        "last day to give notice, 30 November 2026: notice given after that day does not end "
        "the contract in time. Set its days from cut-over so it is due on that day or earlier."
    )


def test_editing_the_notice_task_s_status_keeps_its_timing_tied_to_the_deadline(
    evaluation: Evaluation,
) -> None:
    moved = with_cutover(with_contract(evaluation, RENEWING), date(2027, 3, 1))
    table = offboarding_view(moved, TODAY).table
    assert (table["Days from cut-over"][0], table["Due"][0]) == (-91, date(2026, 11, 30))
    edited = tasks_edited(moved, {0: {"Status": "in progress"}})
    assert edited.exit.tasks["contract_review"] == Task(status="in progress")


def test_nothing_is_overdue_before_a_cutover_is_set(evaluation: Evaluation) -> None:
    assert offboarding_view(evaluation, TODAY).overdue is None


def test_the_timeline_appears_once_there_is_a_date_of_the_move(evaluation: Evaluation) -> None:
    assert offboarding_view(evaluation, TODAY).timeline is None
    view = offboarding_view(with_cutover(evaluation, date(2027, 1, 31)), TODAY)
    assert view.timeline is not None and view.cutover == date(2027, 1, 31)


def test_the_checklist_file_has_a_row_per_item(evaluation: Evaluation) -> None:
    lines = offboarding_file(evaluation).decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "phase,item,details,owner,days_from_cutover,due,status"
    assert len(lines) == 1 + len(ITEMS)


def test_edited_tasks_keep_their_owner_timing_and_status(evaluation: Evaluation) -> None:
    edits = {
        0: {"Status": "done", "Owner": " Priya "},
        1: {"Days from cut-over": -50},
    }
    tasks = tasks_edited(evaluation, edits).exit.tasks
    assert tasks == {
        ITEMS[0].id: Task(owner="Priya", status="done"),
        ITEMS[1].id: Task(days_from_cutover=-50),
    }


def test_an_owner_or_timing_set_back_to_the_checklist_s_own_is_stored_as_the_default(
    evaluation: Evaluation,
) -> None:
    item = ITEMS[0]
    edits = {0: {"Owner": item.owner, "Days from cut-over": item.days_from_cutover}}
    assert tasks_edited(evaluation, edits).exit.tasks == {item.id: Task()}
    cleared = {0: {"Owner": None}}
    assert tasks_edited(evaluation, cleared).exit.tasks == {item.id: Task()}


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"Status": "maybe"}, "status 'maybe' is not one of to do, in progress, done, not needed"),
        ({"Days from cut-over": 900}, "900 is out of range; enter a number from -365 to 365"),
        ({"Days from cut-over": "soon"}, "'soon' is not a number"),
        ({"Days from cut-over": None}, "it can't be empty"),
        ({"Owner": "x" * 101}, "at most 100 characters"),
    ],
)
def test_a_bad_checklist_edit_is_refused_naming_the_item(
    evaluation: Evaluation, cells: dict[str, Any], problem: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        tasks_edited(evaluation, {0: cells})
    message = str(refused.value)
    assert message.startswith(f"Nothing was saved. {ITEMS[0].title}: ")
    assert problem in message


def test_every_bad_checklist_edit_is_named_and_good_ones_are_not_saved(
    evaluation: Evaluation,
) -> None:
    edits = {0: {"Status": "maybe"}, 1: {"Status": "done"}, 2: {"Days from cut-over": "soon"}}
    with pytest.raises(InvalidInput) as refused:
        tasks_edited(evaluation, edits)
    assert ITEMS[0].title in str(refused.value) and ITEMS[2].title in str(refused.value)
    assert ITEMS[1].title not in str(refused.value)


def test_notice_cannot_be_recorded_as_given_in_the_future(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="27 November 2026 is in the future"):
        move_dates_saved(
            evaluation,
            notice=TODAY + timedelta(1),
            new_provider_start=None,
            cutover=None,
            today=TODAY,
        )
    saved = move_dates_saved(
        evaluation, notice=TODAY, new_provider_start=None, cutover=None, today=TODAY
    )
    assert saved.exit.notice_date == TODAY


def test_counts_are_said_in_the_singular_when_there_is_one(evaluation: Evaluation) -> None:
    one = logged(evaluation, incident("Server down", date(2026, 10, 1), 1))
    assert grounds_view(one, TODAY).incident_summary == "1 incident, 1 hour of downtime in all."
    monthly = RENEWING.model_copy(update={"renewal_months": 1})
    view = contract_view(with_contract(evaluation, monthly), current_id(evaluation), TODAY)
    assert any(w.endswith("for another 1 month.") for w in view.lock_in)
    tomorrow = contract_view(
        with_contract(evaluation, RENEWING), current_id(evaluation), date(2026, 11, 29)
    )
    assert tomorrow.metrics[0].delta == "1 day left"
    assert tomorrow.near is not None and "near: 1 day left." in tomorrow.near
