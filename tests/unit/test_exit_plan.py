"""The exit plan's rules: evidence strength, the routes out, the letter, the handover plan."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from itexit.demo import demo_evaluation
from itexit.diligence import Answer, due_diligence_kit, due_diligence_topics, worrying_answers
from itexit.evaluation import Evaluation
from itexit.exit import (
    END_PLACEHOLDER,
    GROUND_BY_ID,
    GROUNDS,
    Contract,
    GroundClaim,
    Incident,
    Task,
    evidence_strength,
    exit_routes,
    exit_timeline,
    incident_line,
    key_dates,
    notice_letter,
    offboarding_items,
    offboarding_plan,
    progress,
    requested_end,
    stronger,
    timeline,
)
from itexit.exit.offboarding import NOTICE_TASK, PlannedTask
from itexit.input import InvalidInput, validated

TODAY = date(2026, 11, 26)


def incident(n: int, *grounds: str, ticket: str = "", days_ago: int = 10) -> Incident:
    return Incident(
        id=f"i{n}",
        day=TODAY - timedelta(days=days_ago + n),
        what=f"Outage {n}",
        impact="Nobody could work",
        downtime_hours=4,
        ticket=ticket,
        grounds=grounds,  # type: ignore[arg-type]
    )


@pytest.fixture
def leaving(evaluation: Evaluation) -> Evaluation:
    """Acme's current provider on a renewing 36-month contract with 90 days' notice."""
    contract = Contract(
        start=date(2024, 3, 1),
        term_months=36,
        auto_renews=True,
        renewal_months=12,
        notice_days=90,
        monthly_fee=Decimal("1450.00"),
        termination_fee=Decimal("5000.00"),
    )
    return evaluation.with_contract(evaluation.providers[0].id, contract).with_sender(
        "Acme Ltd", "Jo Bloggs, Director"
    )


def with_cutover(evaluation: Evaluation, cutover: date) -> Evaluation:
    return evaluation.with_move_dates(notice=None, new_provider_start=None, cutover=cutover)


def with_incidents(evaluation: Evaluation, incidents: tuple[Incident, ...]) -> Evaluation:
    for entry in incidents:
        evaluation = evaluation.with_incident(entry)
    return evaluation


@pytest.mark.parametrize(
    ("notes", "incidents", "expected"),
    [
        ("", [], "none"),
        ("They said so on the phone", [], "weak"),
        ("", [incident(1, "performance")], "some"),
        ("", [incident(1, "performance"), incident(2, "performance")], "some"),
        ("", [incident(n, "performance") for n in range(3)], "some"),
        (
            "",
            [
                incident(1, "performance", ticket="T-1"),
                incident(2, "performance"),
                incident(3, "performance"),
            ],
            "strong",
        ),
        ("", [incident(n, "damage", ticket="T") for n in range(3)], "none"),
    ],
    ids=[
        "nothing",
        "notes only",
        "one incident",
        "two incidents",
        "three incidents without any reference",
        "three incidents, one with a ticket",
        "incidents for another ground do not count",
    ],
)
def test_the_evidence_for_a_ground_is_strong_some_weak_or_none(
    evaluation: Evaluation, notes: str, incidents: list[Incident], expected: str
) -> None:
    with_evidence = evaluation.with_grounds(
        {"performance": GroundClaim(applies="yes", notes=notes)}
    )
    with_evidence = with_incidents(with_evidence, tuple(incidents))
    assert evidence_strength(with_evidence, "performance") == expected


def test_incidents_on_one_day_count_once_towards_strong_evidence(
    evaluation: Evaluation,
) -> None:
    same_day = tuple(
        incident(n, "performance", ticket="T-1" if n == 0 else "", days_ago=10 - n)
        for n in range(3)
    )
    claimed = with_incidents(
        evaluation.with_grounds({"performance": GroundClaim(applies="yes")}), same_day
    )
    assert len({i.day for i in same_day}) == 1
    assert evidence_strength(claimed, "performance") == "some"
    assert stronger(claimed, "performance") == (
        "To make it strong, log 2 more dated incidents on other days (incidents on the same day "
        "count once)."
    )
    other_days = with_incidents(claimed, (incident(7, "performance"), incident(8, "performance")))
    assert evidence_strength(other_days, "performance") == "strong"


@pytest.mark.parametrize(
    ("ground", "ticket", "notes", "expected", "advice"),
    [
        (
            "mutual",
            None,
            "They agreed on the phone",
            "weak",
            "To make it stronger, log the "
            "provider's written agreement (the email or letter with the agreed end date) behind "
            "your notes, with its reference.",
        ),
        (
            "mutual",
            "",
            "",
            "some",
            "To make it strong, add the reference of the provider's "
            "written agreement (the email or letter with the agreed end date) to its entry.",
        ),
        ("mutual", "Email of 3 Oct", "", "strong", None),
        (
            "acquired",
            None,
            "",
            "none",
            "To back it, log in the incident log the announcement of the sale or merger, with "
            "its date and reference.",
        ),
        ("billing", "INV-1042", "", "strong", None),
        (
            "no_contract",
            None,
            "",
            "none",
            "To back it, log in the incident log the expired contract (its end date), or your "
            "unanswered written request for a signed copy, with its date and reference.",
        ),
    ],
)
def test_a_document_backed_ground_is_strong_with_one_dated_document_and_its_reference(
    evaluation: Evaluation,
    ground: str,
    ticket: str | None,
    notes: str,
    expected: str,
    advice: str | None,
) -> None:
    claimed = evaluation.with_grounds({ground: GroundClaim(applies="yes", notes=notes)})  # type: ignore[dict-item]
    if ticket is not None:
        claimed = claimed.with_incident(incident(1, ground, ticket=ticket))
    assert evidence_strength(claimed, ground) == expected  # type: ignore[arg-type]
    assert stronger(claimed, ground) == advice  # type: ignore[arg-type]


def test_each_ground_has_evidence_advice_of_its_own(evaluation: Evaluation) -> None:
    advice = [stronger(evaluation, g.id) for g in GROUNDS if g.backing == "document"]
    assert len(set(advice)) == len(advice) == 4
    assert not any("dated incidents" in (a or "") for a in advice)


def test_a_ground_backed_by_notes_only_is_never_a_route_to_leave_now(
    leaving: Evaluation,
) -> None:
    claimed = with_incidents(
        leaving.with_grounds(
            {
                "mutual": GroundClaim(applies="yes", notes="Agreed on the phone"),
                "performance": GroundClaim(applies="yes"),
            }
        ),
        tuple(incident(n, "performance", ticket="T") for n in range(3)),
    )
    now, later = exit_routes(claimed, TODAY)[:2]
    assert now.title == "You may be able to leave now on these grounds"
    assert "Both sides agree" not in now.detail
    assert later.title == "These grounds are not yet backed by evidence"
    assert later.detail.startswith(
        "Both sides agree to end it (weak evidence: notes only, nothing dated in the log). To "
        "make it stronger, log the provider's written agreement"
    )


def test_without_a_contract_the_routes_ask_for_it(evaluation: Evaluation) -> None:
    routes = exit_routes(evaluation, TODAY)
    assert [r.kind for r in routes] == ["wait"]
    assert "Enter the current provider's contract" in routes[0].detail


def test_the_routes_show_the_deadline_and_the_fee(leaving: Evaluation) -> None:
    routes = exit_routes(leaving, TODAY)
    assert [r.kind for r in routes] == ["wait", "fee"]
    assert routes[0].detail == (
        "Give notice by 30 November 2026 (4 days left) and the contract ends on 28 February 2027."
    )
    assert "USD 5,000.00" in routes[1].detail


def test_grounds_that_apply_open_the_route_to_leave_now(leaving: Evaluation) -> None:
    with_grounds = with_incidents(
        leaving.with_grounds(
            {
                "performance": GroundClaim(applies="yes"),
                "billing": GroundClaim(applies="unsure"),
            }
        ),
        (
            incident(1, "performance", ticket="T-9"),
            incident(2, "performance"),
            incident(3, "performance"),
        ),
    )
    route = exit_routes(with_grounds, TODAY)[0]
    assert route.kind == "grounds"
    assert route.title == "You may be able to leave now on these grounds"
    assert route.detail.startswith(
        "They will not or cannot do what the contract says (strong evidence"
    )
    assert "billed" not in route.detail


@pytest.mark.parametrize(
    ("notes", "incidents", "title", "advice"),
    [
        (
            "They promised a fix twice",
            (),
            "These grounds are not yet backed by evidence",
            "To make it stronger, log the incidents behind your notes: 3 dated incidents, one at "
            "least with a ticket or reference number.",
        ),
        (
            "",
            (),
            "These grounds are not yet backed by evidence",
            "To back it, log 3 dated incidents, one at least with a ticket or reference number.",
        ),
        (
            "",
            (incident(1, "performance"),),
            "These grounds may let you leave early, once the evidence is stronger",
            "To make it strong, log 2 more dated incidents, one at least with a ticket or "
            "reference number.",
        ),
        (
            "",
            tuple(incident(n, "performance") for n in range(3)),
            "These grounds may let you leave early, once the evidence is stronger",
            "To make it strong, add a ticket or reference to an incident.",
        ),
    ],
    ids=["notes only", "nothing", "one incident", "three without a reference"],
)
def test_grounds_without_strong_evidence_never_say_you_can_leave_now_and_say_what_would_help(
    leaving: Evaluation, notes: str, incidents: tuple[Incident, ...], title: str, advice: str
) -> None:
    claimed = leaving.with_grounds({"performance": GroundClaim(applies="yes", notes=notes)})
    route = exit_routes(with_incidents(claimed, incidents), TODAY)[0]
    assert route.title == title
    assert "leave now" not in route.title + route.detail
    assert advice in route.detail
    assert "do not rely on them alone to leave early" in route.detail


def test_an_ended_contract_that_does_not_renew_can_be_left(evaluation: Evaluation) -> None:
    old = Contract(start=date(2023, 1, 1), term_months=24, notice_days=30)
    ended = evaluation.with_contract(evaluation.providers[0].id, old)
    assert [r.kind for r in exit_routes(ended, TODAY)] == ["ended"]


def test_a_missed_deadline_is_mentioned_with_the_next_window(leaving: Evaluation) -> None:
    routes = exit_routes(leaving, date(2026, 12, 1))
    assert "Give notice by 1 December 2027" in routes[0].detail  # 90 days before 29 Feb 2028
    assert "The last deadline, 30 November 2026, has passed." in routes[0].detail


def test_key_dates_have_reminders(leaving: Evaluation) -> None:
    dates = key_dates(with_cutover(leaving, date(2027, 2, 1)), TODAY)
    assert [(k.day, k.title) for k in dates] == [
        (date(2026, 11, 30), "Last day to give notice to Oldco IT"),
        (date(2027, 2, 28), "Contract with Oldco IT ends (if notice given)"),
        (date(2027, 2, 1), "Cut-over from Oldco IT"),
    ]
    assert dates[0].reminders == (60, 30, 7, 1)


def test_the_non_renewal_letter_states_the_contract_the_notice_and_the_end_date(
    leaving: Evaluation,
) -> None:
    letter = notice_letter(leaving, TODAY, "non-renewal")
    assert letter.startswith("Acme Ltd\n\n26 November 2026\n\nOldco IT\n")
    assert "Subject: Notice of non-renewal of our managed IT services agreement" in letter
    assert (
        "We are writing about our managed IT services agreement with you, which began on "
        "1 March 2024. In line with its notice period (90 days' notice), we give you notice that "
        "we will not renew it. This notice is given by the last day to give notice, "
        "30 November 2026, so the agreement will end on 28 February 2027, at the end of its "
        "current term."
    ) in letter
    assert letter.rstrip().endswith("Jo Bloggs, Director\nAcme Ltd")


def test_a_non_renewal_letter_sent_late_says_the_agreement_ends_a_term_later(
    leaving: Evaluation,
) -> None:
    letter = notice_letter(leaving, date(2026, 12, 1), "non-renewal")
    assert (
        "As the last day to give notice for the current term, 30 November 2026, has passed, "
        "the agreement will end on 29 February 2028, at the end of the following term."
    ) in letter


def test_the_non_renewal_letter_quotes_notice_in_months_as_the_contract_states_it(
    leaving: Evaluation,
) -> None:
    contract = leaving.current.contract.model_copy(  # type: ignore[union-attr]
        update={"notice_days": 0, "notice_months": 3}
    )
    months = leaving.with_contract(leaving.providers[0].id, contract)
    letter = notice_letter(months, TODAY, "non-renewal")
    assert "In line with its notice period (3 months' notice)" in letter
    assert "given by the last day to give notice, 28 November 2026" in letter


@pytest.mark.parametrize("ground", [g.id for g in GROUNDS if g.cause])
def test_the_termination_letter_states_each_cause_as_a_sentence_to_you_with_dated_evidence(
    leaving: Evaluation, ground: str
) -> None:
    chosen = with_incidents(
        leaving.with_grounds({ground: GroundClaim(applies="yes", notes="Proof in the Q3 folder")}),
        (incident(1, ground, ticket="T-77"),),
    )
    letter = notice_letter(chosen, TODAY, "termination")
    text = next(g for g in GROUNDS if g.id == ground)
    assert "Subject: Notice of termination for cause of our managed IT services agreement" in letter
    assert (
        "We are writing to give you notice that we are terminating our managed IT services "
        "agreement with you, which began on 1 March 2024, for cause, on the grounds set out below."
    ) in letter
    assert f"\n\n{text.letter} We have recorded the following:\n" in letter
    assert (
        "- 15 November 2026: Outage 1 (impact: Nobody could work; downtime: 4 hours; your "
        "reference: T-77)\n"
    ) in letter
    assert not [g.title for g in GROUNDS if g.title in letter]  # no labels as headings
    assert "Proof in the Q3 folder" not in letter  # the notes are the user's own


@pytest.mark.parametrize("kind", ["termination", "convenience", "non-renewal"])
@pytest.mark.parametrize("ground", [g.id for g in GROUNDS if not g.cause])
def test_no_letter_states_an_agreement_a_sale_or_a_missing_contract_as_a_cause(
    leaving: Evaluation, ground: str, kind: str
) -> None:
    chosen = with_incidents(
        leaving.with_grounds({ground: GroundClaim(applies="yes", notes="Agreed on the phone")}),
        (incident(1, ground, ticket="T-77"),),
    )
    letter = notice_letter(chosen, TODAY, kind)  # type: ignore[arg-type]
    assert GROUND_BY_ID[ground].letter not in letter  # type: ignore[index]
    assert "mutual consent" not in letter and "Outage 1" not in letter
    if kind == "termination":
        assert "[State the grounds for termination here" in letter


def test_the_only_causes_are_damage_billing_and_performance() -> None:
    assert [g.id for g in GROUNDS if g.cause] == ["damage", "billing", "performance"]


def test_the_letter_speaks_to_the_provider_not_about_it(leaving: Evaluation) -> None:
    claimed = leaving.with_grounds({g.id: GroundClaim(applies="yes") for g in GROUNDS})
    for kind in ("termination", "non-renewal", "convenience"):
        letter = notice_letter(claimed, TODAY, kind)  # type: ignore[arg-type]
        assert "the provider" not in letter.casefold()
        assert "Oldco IT." not in letter and ". we" not in letter


def test_a_termination_letter_without_grounds_leaves_a_placeholder(leaving: Evaluation) -> None:
    assert "[State the grounds for termination here, each with its dated evidence.]" in (
        notice_letter(leaving, TODAY, "termination")
    )


def test_a_termination_letter_asks_to_end_the_day_before_the_cutover(leaving: Evaluation) -> None:
    moved = with_cutover(leaving, date(2027, 2, 1))
    assert "We ask that the agreement end on 31 January 2027." in notice_letter(
        moved, TODAY, "termination"
    )


@pytest.mark.parametrize("kind", ["termination", "convenience"])
@pytest.mark.parametrize(
    "cutover",
    [None, date(2027, 3, 1), date(2027, 6, 1), date(2026, 11, 1)],
    ids=["no cut-over", "the day after the term ends", "after the term", "in the past"],
)
def test_a_letter_that_leaves_early_never_asks_for_the_normal_end_of_the_term(
    leaving: Evaluation, kind: str, cutover: date | None
) -> None:
    moved = with_cutover(leaving, cutover) if cutover else leaving
    letter = notice_letter(moved, TODAY, kind)  # type: ignore[arg-type]
    assert requested_end(moved, TODAY) is None
    assert f"We ask that the agreement end on {END_PLACEHOLDER}." in letter
    assert "end on 28 February 2027" not in letter


def test_a_letter_that_leaves_early_asks_to_end_before_the_term_ends(leaving: Evaluation) -> None:
    assert requested_end(with_cutover(leaving, date(2027, 2, 28)), TODAY) == date(2027, 2, 27)
    assert requested_end(with_cutover(leaving, date(2026, 11, 27)), TODAY) == TODAY


def test_a_termination_for_convenience_says_the_fee_and_the_dates(leaving: Evaluation) -> None:
    letter = notice_letter(with_cutover(leaving, date(2027, 1, 1)), TODAY, "convenience")
    assert "Subject: Notice of early termination of our managed IT services agreement" in letter
    assert (
        "we are ending our managed IT services agreement with you, which began on 1 March 2024, "
        "early, before the end of its current term on 28 February 2027, as the agreement allows. "
        "We ask that the agreement end on 31 December 2026."
    ) in letter
    assert "We will pay the early-termination fee set out in the agreement, USD 5,000.00." in letter


@pytest.mark.parametrize(
    ("what", "line"),
    [
        ("a", "a"),
        ("email down", "email down"),
        ("Backups failed!", "Backups failed!"),
        ("  Server down. ", "Server down."),
    ],
)
def test_an_incident_in_the_letter_shows_the_users_text_exactly_as_typed(
    what: str, line: str
) -> None:
    entry = Incident(id="i1", day=date(2026, 5, 3), what=what)
    assert incident_line(entry) == f"3 May 2026: {line}"
    typed = Incident(id="i2", day=date(2026, 5, 3), what="a", impact="b", ticket="c")
    assert incident_line(typed) == "3 May 2026: a (impact: b; your reference: c)"


@pytest.mark.parametrize(
    ("hours", "words"),
    [(1, "downtime: 1 hour"), (0.5, "downtime: 0.5 hours"), (2.25, "downtime: 2.25 hours")],
)
def test_an_incident_in_the_letter_says_its_downtime_in_hours(hours: float, words: str) -> None:
    entry = Incident(id="i1", day=date(2026, 5, 3), what="email down", downtime_hours=hours)
    assert incident_line(entry) == f"3 May 2026: email down ({words})"


@pytest.mark.parametrize("kind", ["termination", "non-renewal", "convenience"])
def test_the_letter_is_neutral_in_tone(leaving: Evaluation, kind: str) -> None:
    claimed = leaving.with_grounds({g.id: GroundClaim(applies="yes") for g in GROUNDS})
    letter = notice_letter(claimed, TODAY, kind).casefold()  # type: ignore[arg-type]
    assert not any(word in letter for word in ("incompetent", "terrible", "sue ", "!"))


def test_offboarding_plan_has_due_dates_from_the_cutover(evaluation: Evaluation) -> None:
    planned = offboarding_plan(with_cutover(evaluation, date(2027, 3, 1)))
    assert len(planned) == len(offboarding_items())
    restore = next(t for t in planned if t.item.id == "restore_test")
    assert restore.due == date(2027, 3, 1) + timedelta(days=restore.days_from_cutover)
    assert all(t.status == "to do" for t in planned)


def test_offboarding_tasks_take_the_evaluation_s_owner_timing_and_status(
    evaluation: Evaluation,
) -> None:
    changed = with_cutover(evaluation, date(2027, 3, 1)).with_tasks(
        {"restore_test": Task(owner="Sam (office)", days_from_cutover=-14, status="done")}
    )
    planned = offboarding_plan(changed)
    restore = next(t for t in planned if t.item.id == "restore_test")
    assert (restore.owner, restore.due, restore.status) == (
        "Sam (office)",
        date(2027, 2, 15),
        "done",
    )
    assert progress(planned) == (1, len(planned))


def notice_task(evaluation: Evaluation) -> PlannedTask:
    return next(t for t in offboarding_plan(evaluation) if t.item.id == NOTICE_TASK)


@pytest.mark.parametrize(
    ("cutover", "due", "deadline"),
    [
        (date(2027, 3, 1), date(2026, 11, 30), date(2026, 11, 30)),
        (date(2027, 2, 1), date(2026, 11, 30), date(2026, 11, 30)),
        (date(2027, 4, 1), date(2027, 1, 31), date(2027, 12, 1)),
        (date(2028, 3, 1), date(2027, 12, 1), date(2027, 12, 1)),
        (date(2027, 12, 1), date(2027, 10, 2), date(2027, 12, 1)),
    ],
    ids=[
        "cut-over the day after the term: 30 Nov, not 31 Dec",
        "cut-over within the last month of the term",
        "cut-over in the renewal: its deadline, and the checklist's timing comes first",
        "next renewal: on its deadline, not 60 days before the cut-over",
        "far from the deadline: 60 days before the cut-over",
    ],
)
def test_the_notice_task_is_due_on_the_notice_deadline_or_earlier(
    leaving: Evaluation, cutover: date, due: date, deadline: date
) -> None:
    task = notice_task(with_cutover(leaving, cutover))
    assert (task.due, task.deadline, task.late) == (due, deadline, False)
    assert task.due == cutover + timedelta(days=task.days_from_cutover)


def test_the_notice_task_follows_notice_in_months(leaving: Evaluation) -> None:
    contract = leaving.current.contract.model_copy(  # type: ignore[union-attr]
        update={"notice_days": 0, "notice_months": 3}
    )
    moved = with_cutover(leaving.with_contract(leaving.providers[0].id, contract), date(2027, 3, 1))
    assert notice_task(moved).due == date(2026, 11, 28)


def test_a_notice_task_set_after_the_deadline_is_kept_and_flagged_as_late(
    leaving: Evaluation,
) -> None:
    moved = with_cutover(leaving, date(2027, 3, 1)).with_tasks(
        {NOTICE_TASK: Task(days_from_cutover=-30)}
    )
    task = notice_task(moved)
    assert (task.due, task.deadline, task.late) == (date(2027, 1, 30), date(2026, 11, 30), True)
    done = moved.with_tasks({NOTICE_TASK: Task(days_from_cutover=-30, status="done")})
    assert not notice_task(done).late


def test_without_a_renewing_contract_the_notice_task_keeps_the_checklist_timing(
    evaluation: Evaluation,
) -> None:
    task = notice_task(with_cutover(evaluation, date(2027, 3, 1)))
    assert (task.due, task.deadline) == (date(2026, 12, 31), None)


def test_without_a_cutover_there_are_no_due_dates(evaluation: Evaluation) -> None:
    assert all(t.due is None for t in offboarding_plan(evaluation))


def test_the_timeline_orders_notice_overlap_cutover_revocation_and_end(leaving: Evaluation) -> None:
    planned = leaving.with_move_dates(
        notice=date(2026, 11, 28),
        new_provider_start=date(2027, 1, 15),
        cutover=date(2027, 2, 1),
    )
    assert [(m.label, m.start, m.end) for m in timeline(planned, TODAY)] == [
        ("Notice given", date(2026, 11, 28), None),
        ("Both providers (overlap)", date(2027, 1, 15), date(2027, 2, 1)),
        ("Cut-over", date(2027, 2, 1), None),
        ("Their access revoked", date(2027, 2, 1), None),
        ("Contract ends", date(2027, 2, 28), None),
    ]


def test_the_timeline_ends_the_contract_where_the_notice_given_ends_it(
    leaving: Evaluation,
) -> None:
    late = leaving.with_move_dates(notice=date(2026, 12, 2), new_provider_start=None, cutover=None)
    ends = [m.start for m in timeline(late, date(2026, 12, 3)) if m.label == "Contract ends"]
    assert ends == [date(2028, 2, 29)]


def test_the_new_provider_cannot_start_after_the_cutover(evaluation: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="start is after the cut-over"):
        evaluation.with_move_dates(
            notice=None, new_provider_start=date(2027, 3, 2), cutover=date(2027, 3, 1)
        )


def test_an_incident_in_the_future_is_refused(evaluation: Evaluation) -> None:
    future = {"id": "x1", "day": date.today() + timedelta(days=1), "what": "Not yet"}
    with pytest.raises(InvalidInput, match="is in the future"):
        evaluation.with_incident(validated(Incident, **future))


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"what": ""}, "at least 1 character"),
        ({"downtime_hours": -1}, "greater than or equal to 0"),
        ({"grounds": ("bribery",)}, "Input should be"),
    ],
)
def test_a_bad_incident_is_refused(
    evaluation: Evaluation, fields: dict[str, object], problem: str
) -> None:
    entry = {"id": "x1", "day": TODAY - timedelta(days=1), "what": "Outage", **fields}
    with pytest.raises(InvalidInput, match=problem):
        evaluation.with_incident(validated(Incident, **entry))


def test_the_due_diligence_kit_covers_every_question_and_shows_answers(
    evaluation: Evaluation,
) -> None:
    candidate = evaluation.providers[1]
    first = due_diligence_topics()[0].questions[0]
    answered = evaluation.with_answers(
        candidate.id, {first.id: Answer(text="Two hours, tested in May", worrying=True)}
    )
    blocks = due_diligence_kit(answered, candidate.id)
    assert blocks[0] == ("title", "Questions to ask Nimbus IT before you sign")
    questions = [text for kind, text in blocks if kind == "bullet"]
    assert len(questions) == sum(len(t.questions) for t in due_diligence_topics())
    assert ("answer", "Their answer (worrying): Two hours, tested in May") in blocks
    assert [q.id for _, q in worrying_answers(answered, candidate.id)] == [first.id]


def test_the_data_files_cover_what_the_issue_asks_for() -> None:
    topics = {t.id for t in due_diligence_topics()}
    assert {
        "disaster",
        "equipment",
        "staff",
        "maintenance",
        "references",
        "ownership",
        "contract",
        "leaving",
    } <= topics
    items = {i.id for i in offboarding_items()}
    assert {
        "admin_accounts",
        "domain_dns",
        "network_access",
        "agent_removal",
        "licence_transfer",
        "documentation",
        "restore_test",
        "data_destruction",
        "access_revocation",
        "final_invoice",
        "handover_signoff",
    } <= items


def test_the_demo_does_not_mark_notice_done_without_a_notice_date() -> None:
    demo = demo_evaluation()
    task = demo.exit.tasks.get(NOTICE_TASK)
    done = task is not None and task.status == "done"
    assert not done or demo.exit.notice is not None
    assert task is not None and task.status == "in progress"


def test_the_timeline_writes_the_year_on_every_date_it_labels(leaving: Evaluation) -> None:
    moved = leaving.with_move_dates(
        notice=None, new_provider_start=date(2026, 12, 1), cutover=date(2027, 3, 1)
    )
    figure = exit_timeline(timeline(moved, TODAY), TODAY)
    labels = [text for trace in figure.data for text in (trace.text or ())]
    assert labels and all(label[-4:].isdigit() for label in labels)
    assert "01 Dec 2026" in labels
