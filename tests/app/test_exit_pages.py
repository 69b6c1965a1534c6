"""The exit-plan pages through AppTest: empty state, normal use, refused input."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation
from itexit.exit import Contract, next_deadline
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import click, edit, texts, widget
from tests.app.helpers import latest as saved


def latest(store: Store, name: str = "Acme review") -> Evaluation:
    return saved(store, name)


TODAY = date.today()


@pytest.fixture
def acme(app_store: Store, evaluation: Evaluation) -> Evaluation:
    app_store.create(evaluation)
    return evaluation


@pytest.fixture
def contracted(app_store: Store, evaluation: Evaluation) -> Evaluation:
    contract = Contract(
        start=TODAY - timedelta(days=320),  # the notice deadline is about two weeks away
        term_months=12,
        auto_renews=True,
        notice_days=30,
        monthly_fee=Decimal("1450"),
        termination_fee=Decimal("5000"),
    )
    with_contract = evaluation.with_contract(evaluation.providers[0].id, contract)
    app_store.create(with_contract)
    return with_contract


NEW_PAGES = ["contract", "grounds", "letter", "due_diligence", "offboarding"]


@pytest.mark.parametrize("page", NEW_PAGES)
def test_every_exit_page_runs_on_the_demo(open_page: OpenPage, demo: Evaluation, page: str) -> None:
    at = open_page(page)
    assert not at.exception and not at.error


@pytest.mark.parametrize("page", NEW_PAGES)
def test_without_an_evaluation_every_exit_page_points_to_creating_one(
    open_page: OpenPage, page: str
) -> None:
    assert "There is no evaluation yet" in texts(open_page(page), "info")


# Contract ----------------------------------------------------------------------------------------


def fill_contract(at: AppTest, **values: Any) -> AppTest:
    fields = {
        "Start date": TODAY - timedelta(days=100),
        "Term in months": 12,
        "Notice period": 60,
        "Monthly fee": "1,450.00",
        "Early-termination fee": "3000",
        **values,
    }
    renews = fields.pop("renews", False)
    widget(at.radio, "Counted in").set_value(fields.pop("counted in", "days"))
    for label, value in fields.items():
        widgets = (
            at.date_input
            if label.endswith("date")
            else (at.number_input if isinstance(value, int) else at.text_input)
        )
        widget(widgets, label).set_value(value)
    if renews:
        widget(at.checkbox, "Renews automatically unless notice is given").check()
    return click(at, "Save contract")


def test_contract_page_without_a_contract_asks_for_it(
    open_page: OpenPage, acme: Evaluation
) -> None:
    at = open_page("contract")
    assert "No contract recorded for Oldco IT yet" in texts(at, "info")
    assert not at.download_button


def test_saving_a_contract_shows_the_deadline_and_lock_in(
    open_page: OpenPage, acme: Evaluation, app_store: Store
) -> None:
    at = open_page("contract")
    fill_contract(at, renews=True, **{"Notice period": 90})
    saved = latest(app_store).current.contract  # type: ignore[union-attr]
    assert saved is not None
    assert (saved.term_months, saved.notice_days, saved.auto_renews) == (12, 90, True)
    assert saved.monthly_fee == Decimal("1450.00") and saved.termination_fee == Decimal("3000.00")
    deadline = next_deadline(saved, TODAY)
    assert deadline is not None and deadline.notice_by is not None
    metrics = {m.label: m.value for m in at.metric}
    assert (
        metrics["Last day to give notice"] == f"{deadline.notice_by.day} {deadline.notice_by:%B %Y}"
    )
    warnings = texts(at, "warning")
    assert (
        "Long notice period: you must give 90 days' notice" in warnings
        and "Automatic renewal" in warnings
    )
    assert at.download_button[0].label.startswith("Add the key dates to your calendar")


def test_a_contract_with_notice_in_months_shows_it_as_the_contract_states_it(
    open_page: OpenPage, acme: Evaluation, app_store: Store
) -> None:
    at = open_page("contract")
    fill_contract(at, renews=True, **{"Notice period": 3, "counted in": "months"})
    saved = latest(app_store).current.contract  # type: ignore[union-attr]
    assert saved is not None and (saved.notice_months, saved.notice_days) == (3, 0)
    assert "Notice period: 3 months' notice" in texts(at, "caption")
    assert widget(at.radio, "Counted in").value == "months"
    assert widget(at.number_input, "Notice period").value == 3


def test_a_near_deadline_is_called_out(open_page: OpenPage, contracted: Evaluation) -> None:
    at = open_page("contract")
    deadline = next_deadline(contracted.current.contract, TODAY)  # type: ignore[union-attr, arg-type]
    assert deadline is not None and deadline.near
    assert "The notice deadline is near" in texts(at, "warning")


def test_a_missed_deadline_shows_the_next_window(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    contract = Contract(
        start=TODAY - timedelta(days=355), term_months=12, auto_renews=True, notice_days=30
    )
    app_store.create(evaluation.with_contract(evaluation.providers[0].id, contract))
    at = open_page("contract")
    assert "has passed, so the contract renews" in texts(at, "error")


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"Monthly fee": "-20"}, "Monthly fee can't be negative"),
        ({"Monthly fee": "lots"}, "'lots' is not an amount"),
        ({"Early-termination fee": "12.345"}, "fractions of a cent"),
        ({"Notice period": 400}, "longer than the contract's first term"),
        ({"Start date": None}, "enter the date the contract started"),
    ],
    ids=[
        "negative fee",
        "fee not a number",
        "fraction of a cent",
        "notice longer than term",
        "no start",
    ],
)
def test_a_bad_contract_is_refused_naming_the_field_and_nothing_is_saved(
    open_page: OpenPage, acme: Evaluation, app_store: Store, values: dict[str, Any], problem: str
) -> None:
    at = open_page("contract")
    fill_contract(at, **values)
    assert problem in texts(at, "error")
    assert latest(app_store) == acme


def test_an_end_date_before_the_start_is_refused(
    open_page: OpenPage, acme: Evaluation, app_store: Store
) -> None:
    at = open_page("contract")
    widget(at.checkbox, "The contract states the end date of the first term").check()
    widget(at.date_input, "End date as stated in the contract").set_value(
        TODAY - timedelta(days=500)
    )
    fill_contract(at)
    assert "The end date is before the start date" in texts(at, "error")
    assert latest(app_store) == acme


# Grounds -----------------------------------------------------------------------------------------


def test_grounds_page_without_incidents_invites_logging_them(
    open_page: OpenPage, acme: Evaluation
) -> None:
    at = open_page("grounds")
    assert "No incidents logged yet" in texts(at, "info")
    assert "not legal advice" in texts(at, "warning")
    assert "Record the contract to see your dates" in texts(at, "markdown")


def log_incident(
    at: AppTest, what: str, day: date = TODAY - timedelta(days=3), **values: Any
) -> AppTest:
    widget(at.date_input, "Date").set_value(day)
    widget(at.text_input, "What happened").set_value(what)
    widget(at.text_input, "Impact on the business").set_value(
        values.get("impact", "Nobody could work")
    )
    widget(at.number_input, "Hours of downtime").set_value(values.get("hours", 4.0))
    widget(at.text_input, "Ticket or reference").set_value(values.get("ticket", "T-1"))
    widget(at.multiselect, "Evidence for").set_value(values.get("grounds", ["performance"]))
    return click(at, "Log incident")


def test_logging_incidents_and_marking_a_ground_opens_the_route_to_leave_now(
    open_page: OpenPage, contracted: Evaluation, app_store: Store
) -> None:
    at = open_page("grounds")
    for n in range(3):
        log_incident(at, f"Server down {n}", day=TODAY - timedelta(days=3 + n))
    assert len(latest(app_store).exit.incidents) == 3
    assert len(at.dataframe[0].value) == 3
    performance = next(r for r in at.radio if "They will not or cannot" in r.label)
    performance.set_value("yes")
    click(at, "Save grounds")
    assert latest(app_store).exit.grounds["performance"].applies == "yes"
    summary = texts(at, "markdown")
    assert "You may be able to leave now on these grounds" in summary
    assert "strong evidence" in summary


def test_three_incidents_on_one_day_and_a_noted_agreement_are_not_a_route_to_leave_now(
    open_page: OpenPage, contracted: Evaluation, app_store: Store
) -> None:
    at = open_page("grounds")
    for what in ("a", "b", "c"):
        log_incident(at, what, ticket="x" if what == "a" else "")
    for title in ("They will not or cannot", "Both sides agree"):
        next(r for r in at.radio if title in r.label).set_value("yes")
    next(w for w in at.text_area if w.label == "Notes").set_value("Agreed on the phone")
    click(at, "Save grounds")
    summary = texts(at, "markdown")
    assert "leave now" not in summary
    assert "incidents on the same day count once" in summary
    assert "log the provider's written agreement" in summary


@pytest.mark.parametrize(
    ("what", "values", "problem"),
    [("", {}, "describe the incident")],
    ids=["nothing described"],  # future dates: the date picker stops at today; models refuse them
)
def test_a_bad_incident_is_refused_and_nothing_is_saved(
    open_page: OpenPage,
    acme: Evaluation,
    app_store: Store,
    what: str,
    values: dict[str, Any],
    problem: str,
) -> None:
    at = open_page("grounds")
    log_incident(at, what, day=values.get("day", TODAY - timedelta(days=1)))
    assert problem in texts(at, "error")
    assert latest(app_store).exit.incidents == ()


def test_removing_an_incident(open_page: OpenPage, acme: Evaluation, app_store: Store) -> None:
    at = open_page("grounds")
    log_incident(at, "Keep me")
    log_incident(at, "Remove me")
    removed = next(i for i in latest(app_store).exit.incidents if i.what == "Remove me")
    widget(at.selectbox, "Incident").set_value(removed.id)
    click(at, "Remove it")
    assert [i.what for i in latest(app_store).exit.incidents] == ["Keep me"]


def test_editing_an_incident_in_the_log_saves_it_with_the_rules_for_a_new_one(
    open_page: OpenPage, acme: Evaluation, app_store: Store
) -> None:
    at = open_page("grounds")
    log_incident(at, "Server down")
    edit(at, 0, {0: {"What happened": "Server down all day", "Downtime (hours)": 8}})
    (changed,) = latest(app_store).exit.incidents
    assert (changed.what, changed.downtime_hours, changed.ticket) == (
        "Server down all day",
        8,
        "T-1",
    )
    edit(at, 0, {0: {"What happened": " "}})
    assert "describe the incident" in texts(at, "error")
    assert latest(app_store).exit.incidents == (changed,)


# Letter ------------------------------------------------------------------------------------------


def test_the_letter_is_drafted_from_the_contract_and_can_be_edited_and_reset(
    open_page: OpenPage, contracted: Evaluation, app_store: Store
) -> None:
    at = open_page("letter")
    widget(at.text_input, "Your company's name").set_value("Acme Ltd")
    widget(at.text_input, "Signed by (name and title)").set_value("Jo Bloggs, Director")
    click(at, "Save")
    letter = at.text_area[0].value
    assert letter.startswith("Acme Ltd\n") and "Dear Oldco IT," in letter
    assert "Notice of non-renewal" in letter and "Jo Bloggs, Director" in letter
    at.text_area[0].set_value(letter + "\nP.S. Thank you for your help.").run()
    assert "not saved yet" in texts(at, "caption")
    click(at, "Save my edits")
    assert latest(app_store).exit.letter.endswith("P.S. Thank you for your help.")  # type: ignore[union-attr]
    assert len(at.download_button) == 2
    click(at, "Start again from the draft")
    assert latest(app_store).exit.letter is None


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("termination", "we are terminating our managed IT services agreement with you"),
        ("convenience", "We will pay the early-termination fee set out in the agreement, USD"),
    ],
)
def test_each_kind_of_notice_is_drafted_to_the_provider_beside_the_not_legal_advice_line(
    open_page: OpenPage, contracted: Evaluation, kind: str, says: str
) -> None:
    at = open_page("letter")
    at.radio(key="itexit_letter_kind").set_value(kind).run()
    assert says in at.text_area[0].value
    assert "the provider" not in at.text_area[0].value
    assert "This is a draft, not legal advice." in texts(at, "warning")


@pytest.mark.parametrize("kind", ["termination", "convenience"])
def test_a_letter_that_leaves_early_without_a_cutover_asks_the_user_for_the_end_date(
    open_page: OpenPage, contracted: Evaluation, kind: str
) -> None:
    at = open_page("letter")
    at.radio(key="itexit_letter_kind").set_value(kind).run()
    assert "We ask that the agreement end on [the date you want it to end]." in (
        at.text_area[0].value
    )
    assert "Replace '[the date you want it to end]' with the date" in texts(at, "info")
    at.radio(key="itexit_letter_kind").set_value("non-renewal").run()
    assert "[the date you want it to end]" not in texts(at, "info")


def test_the_letter_page_without_a_current_provider_says_so(
    open_page: OpenPage, acme: Evaluation, app_store: Store
) -> None:
    stored = app_store.load(app_store.find("Acme review").id)
    app_store.save(stored.id, acme.with_current(None), base_revision=stored.revision)
    at = open_page("letter")
    assert "Mark your current provider" in texts(at, "info")


# Due diligence -----------------------------------------------------------------------------------


def test_due_diligence_without_candidates_still_offers_the_question_list(
    open_page: OpenPage, app_store: Store, checklist: Any
) -> None:
    app_store.create(Evaluation.new("Solo", checklist).with_provider("Oldco IT"))
    at = open_page("due_diligence")
    assert "Add the candidates" in texts(at, "info")
    assert at.download_button[0].label.startswith("Download the question list")


def test_recording_a_candidate_s_answers(
    open_page: OpenPage, acme: Evaluation, app_store: Store
) -> None:
    at = open_page("due_diligence")
    edit(at, 0, {0: {"Their answer": "Back within 4 hours, tested in May", "Worrying": True}})
    candidate = latest(app_store).providers[1]
    answer = next(iter(candidate.answers.values()))
    assert (answer.text, answer.worrying) == ("Back within 4 hours, tested in May", True)
    assert "1 worrying answer" in texts(at, "warning")


def test_a_bad_answer_is_refused(open_page: OpenPage, acme: Evaluation, app_store: Store) -> None:
    at = open_page("due_diligence")
    edit(at, 0, {0: {"Their answer": "x" * 2001}})
    assert "Nothing was saved" in texts(at, "error")
    assert latest(app_store) == acme


# Offboarding -------------------------------------------------------------------------------------


def test_offboarding_without_a_cutover_asks_for_it(open_page: OpenPage, acme: Evaluation) -> None:
    at = open_page("offboarding")
    assert "Set the cut-over date" in texts(at, "info")
    assert at.data_editor[0].value["Due"].isna().all()


def test_setting_the_dates_gives_due_dates_and_a_timeline(
    open_page: OpenPage, contracted: Evaluation, app_store: Store
) -> None:
    at = open_page("offboarding")
    cutover = TODAY + timedelta(days=60)
    widget(at.date_input, "New provider starts").set_value(cutover - timedelta(days=30))
    widget(at.date_input, "Cut-over").set_value(cutover)
    click(at, "Save dates")
    assert latest(app_store).exit.cutover == cutover
    table = at.data_editor[0].value
    assert (
        table["Due"] == [cutover + timedelta(days=int(n)) for n in table["Days from cut-over"]]
    ).all()
    assert len(at.get("plotly_chart")) == 1


def test_updating_tasks_saves_owner_timing_and_status(
    open_page: OpenPage, acme: Evaluation, app_store: Store
) -> None:
    at = open_page("offboarding")
    edit(at, 0, {0: {"Status": "done", "Owner": "Priya"}, 1: {"Days from cut-over": -50}})
    tasks = latest(app_store).exit.tasks
    first, second = at.data_editor[0].value["Item"][:2]
    assert len(tasks) == 2
    assert any(t.status == "done" and t.owner == "Priya" for t in tasks.values())
    assert any(t.days_from_cutover == -50 for t in tasks.values())
    assert first and second


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"Status": "maybe"}, "'maybe' is not one of"),
        ({"Days from cut-over": 900}, "out of range"),
        ({"Days from cut-over": "soon"}, "'soon' is not a number"),
    ],
)
def test_a_bad_task_edit_is_refused(
    open_page: OpenPage, acme: Evaluation, app_store: Store, cells: dict[str, Any], problem: str
) -> None:
    at = open_page("offboarding")
    edit(at, 0, {0: cells})
    assert "Nothing was saved" in texts(at, "error") and problem in texts(at, "error")
    assert latest(app_store) == acme


def test_the_new_provider_cannot_start_after_the_cutover(
    open_page: OpenPage, acme: Evaluation, app_store: Store
) -> None:
    at = open_page("offboarding")
    widget(at.date_input, "New provider starts").set_value(TODAY + timedelta(days=90))
    widget(at.date_input, "Cut-over").set_value(TODAY + timedelta(days=60))
    click(at, "Save dates")
    assert "start is after the cut-over" in texts(at, "error")
    assert latest(app_store) == acme


def test_notice_given_can_be_picked_up_to_today_and_is_then_shown_on_contract(
    open_page: OpenPage, contracted: Evaluation, app_store: Store
) -> None:
    at = open_page("offboarding")
    notice = widget(at.date_input, "Notice given on")
    assert notice.proto.max == TODAY.isoformat()  # the picker offers no later day
    notice.set_value(TODAY)
    click(at, "Save dates")
    assert latest(app_store).exit.notice_date == TODAY
    contract = open_page("contract")
    assert f"You gave notice on {TODAY.day} {TODAY:%B %Y}" in texts(contract, "info")
    assert "The notice deadline is near" not in texts(contract, "warning")


def test_the_notice_task_is_due_by_the_notice_deadline_and_flagged_when_moved_after_it(
    open_page: OpenPage, contracted: Evaluation, app_store: Store
) -> None:
    deadline = next_deadline(contracted.current.contract, TODAY)  # type: ignore[union-attr, arg-type]
    assert deadline is not None and deadline.notice_by is not None
    at = open_page("offboarding")
    widget(at.date_input, "Cut-over").set_value(deadline.term_end + timedelta(days=1))
    click(at, "Save dates")
    assert at.data_editor[0].value["Due"][0] <= deadline.notice_by
    assert "after the last day to give notice" not in texts(at, "error")
    edit(at, 0, {0: {"Days from cut-over": -5}})
    assert latest(app_store).exit.tasks["contract_review"].days_from_cutover == -5
    assert "after the last day to give notice" in texts(at, "error")
