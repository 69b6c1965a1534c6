"""What the Service levels page shows and the changes it sends: the promises form, the mapping
of an uploaded ticket export, the import, and promised against delivered, worked out by hand."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation
from itexit.input import InvalidInput
from itexit.service import ServiceLevels, TicketColumns, read_export, tickets_from_bytes
from itexit.service.views import (
    CHOOSE,
    NOT_IN_FILE,
    READINGS,
    column_choices,
    delivered_view,
    import_tickets,
    mapping_form,
    priorities_reread,
    promises_entered,
    promises_form,
    ticket_columns,
)

IMPORTED_AT = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
PROMISED = ServiceLevels(
    uptime=Decimal("99.9"),
    response_hours={"P1": 1, "P2": 4},
    resolution_hours={"P1": 8, "P2": 24},
)
# Three usable tickets and a row without a date (row 5 as a spreadsheet counts, header row 1):
# P1 responded after 0.5 h and 4 h, resolved after 3 h and 48 h; P2 responded after 20 minutes,
# still open.
EXPORT = b"""Ticket,Created at,First reply at,Solved at,Priority,Status
1,2026-09-01 09:00,2026-09-01 09:30,2026-09-01 12:00,Urgent,Closed
2,2026-09-02 10:00,2026-09-02 14:00,2026-09-04 10:00,Urgent,Closed
3,2026-09-03 08:00,2026-09-03 08:20,,High,Open
4,not a date,2026-09-03 08:20,,High,Open
"""
ZENDESK = {
    "created": "Created at",
    "priority": "Priority",
    "status": "Status",
    "category": NOT_IN_FILE,
    "first_response": "First reply at",
    "resolved": "Solved at",
}
TIMESTAMPS = {"first_response": "timestamp", "resolved": "timestamp"}


def last_import(evaluation: Evaluation, mapping: TicketColumns) -> Evaluation:
    """The evaluation as if a file had been imported with these columns."""
    tickets = import_tickets(
        read_export(EXPORT), ZENDESK, TIMESTAMPS, "old.csv", IMPORTED_AT
    ).summary
    return evaluation.with_tickets(tickets.model_copy(update={"mapping": mapping.model_dump()}))


def imported(evaluation: Evaluation, promised: ServiceLevels | None) -> tuple[Evaluation, bytes]:
    """The evaluation with EXPORT imported for its current provider, promising this."""
    upload = import_tickets(read_export(EXPORT), ZENDESK, TIMESTAMPS, "zendesk.csv", IMPORTED_AT)
    current = evaluation.providers[0].id
    return (
        evaluation.with_service_levels(current, promised).with_tickets(upload.summary),
        upload.body,
    )


# The promises form -------------------------------------------------------------------------------


def test_the_promises_form_of_a_provider_without_promises_starts_empty(
    evaluation: Evaluation,
) -> None:
    form = promises_form(evaluation, evaluation.providers[1].id)
    assert (form.name, form.uptime.value, form.credits.value) == ("Nimbus IT", "", "")
    assert {p: (r.value, s.value) for p, (r, s) in form.hours.items()} == {
        "P1": (None, None),
        "P2": (None, None),
        "P3": (None, None),
    }


def test_the_promises_form_starts_on_the_saved_promises(evaluation: Evaluation) -> None:
    provider = evaluation.providers[0].id
    form = promises_form(evaluation.with_service_levels(provider, PROMISED), provider)
    assert form.uptime.value == "99.9"
    assert {p: (r.value, s.value) for p, (r, s) in form.hours.items()} == {
        "P1": (1.0, 8.0),
        "P2": (4.0, 24.0),
        "P3": (None, None),
    }


def test_promises_are_saved_with_the_hours_given_and_the_credits_trimmed(
    evaluation: Evaluation,
) -> None:
    provider = evaluation.providers[0].id
    times = {"P1": (0.25, 4.0), "P2": (None, 24.0), "P3": (None, None)}
    saved = promises_entered(evaluation, provider, " 99.95 ", times, "  5 % a missed hour ")
    assert saved.provider(provider).service == ServiceLevels(
        uptime=Decimal("99.95"),
        response_hours={"P1": 0.25},
        resolution_hours={"P1": 4.0, "P2": 24.0},
        credits="5 % a missed hour",
    )


def test_an_empty_uptime_is_no_uptime_promise(evaluation: Evaluation) -> None:
    provider = evaluation.providers[0].id
    saved = promises_entered(evaluation, provider, "", {}, "")
    assert saved.provider(provider).service == ServiceLevels()


@pytest.mark.parametrize(
    ("uptime", "problem"),
    [
        ("abc", "Uptime guarantee: 'abc' is not a number."),
        ("101", "less than or equal to 100"),
        ("20", "greater than or equal to 50"),
    ],
)
def test_an_uptime_that_is_not_a_percentage_is_refused(
    evaluation: Evaluation, uptime: str, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        promises_entered(evaluation, evaluation.providers[0].id, uptime, {}, "")


# Mapping an uploaded export ----------------------------------------------------------------------

LOGGED = ["Ref", "Logged on", "Urgency", "State", "Responded", "Hours to fix"]


def csv_of(columns: list[str], rows: int) -> bytes:
    """An export with these columns and this many rows of placeholder cells."""
    lines = [",".join(columns), *(",".join("x" for _ in columns) for _ in range(rows))]
    return ("\n".join(lines) + "\n").encode()


def test_without_an_earlier_import_the_columns_offered_are_the_guesses(
    evaluation: Evaluation,
) -> None:
    chosen = column_choices(evaluation, LOGGED)
    assert (chosen["created"], chosen["priority"], chosen["status"]) == (None, "Urgency", "State")
    assert (chosen["first_response"], chosen["resolved"]) == ("Responded", None)


def test_the_last_import_s_choices_win_where_the_file_has_those_columns(
    evaluation: Evaluation,
) -> None:
    earlier = last_import(
        evaluation,
        TicketColumns(
            created="Logged on",
            priority="Urgency",
            resolved="Hours to fix",
            resolved_kind="hours",
            first_response="First reply at",  # not in this file: the guess stays
            category="Queue",  # not in this file either
        ),
    )
    chosen = column_choices(earlier, LOGGED)
    assert (chosen["created"], chosen["resolved"], chosen["resolved_kind"]) == (
        "Logged on",
        "Hours to fix",
        "hours",
    )
    assert (chosen["first_response"], chosen["category"]) == ("Responded", None)


def test_the_mapping_form_offers_a_placeholder_then_every_column_starting_on_the_choice(
    evaluation: Evaluation,
) -> None:
    form = mapping_form(evaluation, read_export(csv_of(LOGGED, 1250)))
    assert form.rows == "1,250 rows"
    assert len(form.preview) == 5
    created, status = form.columns["created"], form.columns["status"]
    assert created.options == [CHOOSE, *LOGGED]
    assert created.options[created.index] == CHOOSE  # required, and nothing looked right
    assert status.options == [NOT_IN_FILE, *LOGGED]
    assert status.options[status.index] == "State"
    resolved = form.kinds["resolved"]
    assert resolved.options == ["timestamp", "minutes", "hours"]
    assert resolved.options[resolved.index] == "timestamp"


def test_a_duration_column_is_offered_as_the_kind_its_name_says(evaluation: Evaluation) -> None:
    columns = ["Created at", "Priority", "First reply time in minutes"]
    kind = mapping_form(evaluation, read_export(csv_of(columns, 1))).kinds["first_response"]
    assert kind.options[kind.index] == "minutes"


def test_the_columns_picked_become_the_export_s_mapping_placeholders_none(
    evaluation: Evaluation,
) -> None:
    picked = {**ZENDESK, "status": NOT_IN_FILE}
    mapping = ticket_columns(picked, {"first_response": "minutes", "resolved": "timestamp"})
    assert mapping == TicketColumns(
        created="Created at",
        priority="Priority",
        first_response="First reply at",
        first_response_kind="minutes",
        resolved="Solved at",
    )


@pytest.mark.parametrize("field", ["created", "priority"])
def test_an_import_without_a_creation_date_or_priority_column_is_refused(field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        ticket_columns({**ZENDESK, field: CHOOSE}, TIMESTAMPS)
    assert str(refused.value) == "Choose the columns that hold the creation date and the priority."


# Importing ---------------------------------------------------------------------------------------


def test_an_import_keeps_the_facts_and_says_how_many_rows_were_skipped() -> None:
    upload = import_tickets(read_export(EXPORT), ZENDESK, TIMESTAMPS, "zendesk.csv", IMPORTED_AT)
    summary = upload.summary
    assert (summary.file_name, summary.imported_at) == ("zendesk.csv", IMPORTED_AT)
    assert (summary.tickets, summary.skipped) == (3, 1)
    assert summary.problems == ("1 row with no creation date that can be read (row 5)",)
    assert summary.mapping["created"] == "Created at"
    assert upload.message == "Imported 3 tickets. 1 row was skipped (see below)."
    assert len(tickets_from_bytes(upload.body)) == 3


def test_an_import_without_skipped_rows_says_only_how_many_tickets(evaluation: Evaluation) -> None:
    clean = EXPORT.rsplit(b"4,not a date", 1)[0]
    upload = import_tickets(read_export(clean), ZENDESK, TIMESTAMPS, "x" * 400, IMPORTED_AT)
    assert upload.message == "Imported 3 tickets."
    assert upload.summary.file_name == "x" * 300  # a name is kept to its first 300 characters


def test_progress_is_told_while_the_tickets_are_read() -> None:
    told: list[float] = []
    import_tickets(
        read_export(EXPORT),
        ZENDESK,
        TIMESTAMPS,
        "zendesk.csv",
        IMPORTED_AT,
        lambda share, _text: told.append(share),
    )
    assert told[-1] == 1.0


# Promised against delivered ----------------------------------------------------------------------


def test_delivered_is_measured_against_the_promises_per_priority(evaluation: Evaluation) -> None:
    measured, body = imported(evaluation, PROMISED)
    table = delivered_view(measured, tickets_from_bytes(body)).table
    assert list(table.columns) == [
        "Priority",
        "Tickets",
        "Still open",
        "Respond: promised (h)",
        "Respond: met",
        "Respond: median (h)",
        "Respond: 90 % within (h)",
        "Resolve: promised (h)",
        "Resolve: met",
        "Resolve: median (h)",
        "Resolve: 90 % within (h)",
        "Counted",
    ]
    assert list(table["Priority"]) == ["P1", "P2", "P3"]
    assert list(table["Counted"]) == ["24/7 (every hour counts)"] * 3
    assert list(table["Tickets"]) == [2, 1, 0]
    assert list(table["Still open"]) == [0, 1, 0]
    assert table["Respond: met"].tolist()[:2] == [50.0, 100.0]  # 0.5 h of 1 met, 4 h did not
    assert table.loc["P1", "Resolve: met"] == 50.0  # 3 h of 8 met, 48 h did not
    assert table.loc["P1", "Respond: median (h)"] == 2.3  # 2.25 h, rounded half up as shown


def test_the_caption_says_which_tickets_were_imported_when_and_their_dates(
    evaluation: Evaluation,
) -> None:
    measured, body = imported(evaluation, PROMISED)
    view = delivered_view(measured, tickets_from_bytes(body))
    assert view.caption == (
        "3 tickets from zendesk.csv, imported 27 Nov 2026; created 01 Sep 2026 to 03 Sep 2026."
    )
    assert view.skipped == (
        "1 row was skipped: 1 row with no creation date that can be read (row 5)."
    )


def test_with_promises_there_is_no_hint_and_the_months_are_charted(
    evaluation: Evaluation,
) -> None:
    measured, body = imported(evaluation, PROMISED)
    view = delivered_view(measured, tickets_from_bytes(body))
    assert view.hint is None
    assert view.trend is not None


def test_without_promises_the_page_asks_for_them_and_charts_no_months(
    evaluation: Evaluation,
) -> None:
    measured, body = imported(evaluation, ServiceLevels(uptime=Decimal("99.9")))
    view = delivered_view(measured, tickets_from_bytes(body))
    assert view.hint == ("Enter what Oldco IT promises above to see how often it kept its word.")
    assert view.trend is None


def test_a_response_promise_alone_needs_no_hint_but_charts_no_months(
    evaluation: Evaluation,
) -> None:
    measured, body = imported(evaluation, ServiceLevels(response_hours={"P1": 1}))
    view = delivered_view(measured, tickets_from_bytes(body))
    assert view.hint is None
    assert view.trend is None  # the chart is of the share resolved in time


def test_an_import_without_skipped_rows_warns_of_nothing(evaluation: Evaluation) -> None:
    clean = EXPORT.rsplit(b"4,not a date", 1)[0]
    upload = import_tickets(read_export(clean), ZENDESK, TIMESTAMPS, "clean.csv", IMPORTED_AT)
    measured = evaluation.with_tickets(upload.summary)
    assert delivered_view(measured, tickets_from_bytes(upload.body)).skipped is None


# The order of day and month, when the file cannot tell -------------------------------------------

AMBIGUOUS = b"""Ticket,Created,Priority
1,05/09/2026 10:00,High
2,03/11/2026 08:30,Low
"""
COLUMNS = {"id": "Ticket", "created": "Created", "priority": "Priority"}


def test_the_mapping_form_shows_two_dates_read_both_ways_and_asks_which(
    evaluation: Evaluation,
) -> None:
    form = mapping_form(evaluation, read_export(AMBIGUOUS))
    assert form.dates is not None
    assert form.dates.to_dict("records") == [
        {
            "Row": 2,
            "Date in the file": "05/09/2026 10:00",
            "Read day first": "5 September 2026 10:00",
            "Read month first": "9 May 2026 10:00",
        },
        {
            "Row": 3,
            "Date in the file": "03/11/2026 08:30",
            "Read day first": "3 November 2026 08:30",
            "Read month first": "11 March 2026 08:30",
        },
    ]
    order = form.kinds["dates"]
    assert order.label == "Dates such as 05/09/2026 10:00 are"
    assert order.options == ["(choose)", "day first", "month first"]
    assert order.index == 0  # nothing is chosen for the user
    assert ("kinds", "dates", order) in form.layout()[1]


def test_a_file_that_tells_its_date_order_is_not_asked_about(evaluation: Evaluation) -> None:
    form = mapping_form(evaluation, read_export(EXPORT))
    assert form.dates is None and "dates" not in form.kinds


def test_an_import_of_dates_that_read_either_way_is_refused_until_the_order_is_chosen() -> None:
    with pytest.raises(InvalidInput, match="choose how the file writes its dates"):
        import_tickets(read_export(AMBIGUOUS), COLUMNS, {"dates": "(choose)"}, "x.csv", IMPORTED_AT)


def test_the_order_chosen_is_used_and_kept_with_the_import(evaluation: Evaluation) -> None:
    upload = import_tickets(
        read_export(AMBIGUOUS), COLUMNS, {"dates": "month first"}, "x.csv", IMPORTED_AT
    )
    assert upload.summary.mapping["date_order"] == "month first"
    assert tickets_from_bytes(upload.body).loc[0, "created"] == pd.Timestamp(
        "2026-05-09 10:00", tz="UTC"
    )
    # The next file from the same system starts on the same choice.
    again = mapping_form(evaluation.with_tickets(upload.summary), read_export(AMBIGUOUS))
    assert again.kinds["dates"].index == 2


def test_a_file_that_tells_its_date_order_overrides_a_choice() -> None:
    told = AMBIGUOUS + b"3,25/12/2026 09:00,Low\n"
    upload = import_tickets(read_export(told), COLUMNS, {"dates": "month first"}, "x", IMPORTED_AT)
    assert upload.summary.mapping["date_order"] == "day first"


# Ticket ids --------------------------------------------------------------------------------------


def test_the_mapping_form_offers_the_ticket_id_column_first(evaluation: Evaluation) -> None:
    form = mapping_form(evaluation, read_export(EXPORT))
    picker = form.columns["id"]
    assert picker.options[picker.index] == "Ticket"
    assert form.layout()[0][0] == ("columns", "id", picker)


def test_an_import_counts_a_repeated_ticket_once_and_says_so() -> None:
    repeated = EXPORT + b"2,2026-09-02 10:00,2026-09-02 14:00,2026-09-04 10:00,Urgent,Closed\n"
    columns = {**ZENDESK, "id": "Ticket"}
    upload = import_tickets(read_export(repeated), columns, TIMESTAMPS, "z.csv", IMPORTED_AT)
    assert (upload.summary.tickets, upload.summary.skipped) == (3, 2)
    assert upload.summary.problems[-1] == "1 row repeating an earlier row's ticket id (row 6)"
    assert upload.summary.mapping["id"] == "Ticket"


# Any file --------------------------------------------------------------------------------------

_CELLS = st.text(alphabet=st.sampled_from(list('0123456789/.-: ,;"\n\tabHighUrgentZ+\x00é')))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.lists(_CELLS.filter(lambda c: len(c) < 20), max_size=5), max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-16-le", "cp1252"]),
    data=st.data(),
)
def test_any_file_and_mapping_is_imported_or_refused_with_a_message(
    lines: list[list[str]], encoding: str, data: st.DataObject
) -> None:
    raw = "\n".join(",".join(cells) for cells in lines).encode(encoding, errors="replace")
    try:
        export = read_export(raw)
    except InvalidInput:
        return
    pick = st.sampled_from(list(export.columns))
    columns = {f: data.draw(pick) for f in ("created", "priority", "resolved", "id")}
    kinds = {"resolved": data.draw(st.sampled_from(["timestamp", "hours"])), "dates": "day first"}
    with contextlib.suppress(InvalidInput):
        upload = import_tickets(export, columns, kinds, "any.csv", IMPORTED_AT)
        assert len(tickets_from_bytes(upload.body)) == upload.summary.tickets


def test_tickets_of_a_provider_no_longer_current_are_said_to_be_its() -> None:
    demo = demo_evaluation()
    tickets = tickets_from_bytes(demo_ticket_set())
    view = delivered_view(demo.with_current(demo.providers[1].id), tickets)
    assert view.hint is not None
    assert view.hint.startswith("These tickets were imported for SwiftNet IT, not for Nimbus IT")
    assert delivered_view(demo, tickets).hint is None


def test_reading_the_priorities_again_uses_the_kept_tickets_and_the_words_as_edited() -> None:
    demo = demo_evaluation()
    assert demo.tickets is not None
    view = delivered_view(demo, tickets_from_bytes(demo_ticket_set()))
    assert view.words is not None
    words = view.words.copy()
    words.loc[words["Priority in the file"] == "3 - Normal", "Read as"] = READINGS["left out"]
    now = datetime(2026, 11, 28, 9, tzinfo=UTC)
    reread = priorities_reread(demo, demo_ticket_set(), words, now)
    assert reread.summary.tickets == demo.tickets.tickets - 251  # the P3 tickets left out
    assert reread.summary.imported_at == now
    assert reread.summary.mapping["priority_words"] == {"3 - Normal": "left out"}
    assert reread.message.startswith("Read the tickets again with your priorities:")
    unchanged = priorities_reread(demo, demo_ticket_set(), view.words, now)
    assert unchanged.summary.tickets == demo.tickets.tickets
    with pytest.raises(InvalidInput):
        priorities_reread(demo.with_tickets(None), demo_ticket_set(), words, now)
