"""The priority mapping: which words of a ticket export became P1, P2 or P3 (and which were not
recognised), shown on the mapping form and after the import, and changed by the user."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from itexit.evaluation import Evaluation
from itexit.export import evaluation_document, read_document_tickets, read_evaluation_document
from itexit.service import (
    ServiceLevels,
    TicketSet,
    normalise_priorities,
    read_export,
    tickets_from_bytes,
)
from itexit.service.models import BusinessHours
from itexit.service.views import (
    NOT_IN_FILE,
    READINGS,
    delivered_view,
    import_tickets,
    mapping_form,
)
from itexit.store import Store

IMPORTED_AT = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
EXPORT = b"""Ticket,Created at,Solved at,Priority,Status
1,2026-09-01 09:00,2026-09-01 12:00,Urgent,Closed
2,2026-09-02 10:00,2026-09-04 10:00,Urgent,Closed
3,2026-09-03 08:00,,Sev A,Open
4,2026-09-03 09:00,,Normal,Open
5,2026-09-03 10:00,,Normal,Open
6,2026-09-03 11:00,,Normal,Open
"""
COLUMNS = {
    "created": "Created at",
    "priority": "Priority",
    "status": "Status",
    "first_response": NOT_IN_FILE,
    "resolved": "Solved at",
}
KINDS = {"first_response": "timestamp", "resolved": "timestamp"}


def test_a_word_chosen_by_the_user_is_read_as_chosen_and_others_by_the_rule() -> None:
    words = pd.Series(["Urgent", " sev a ", "Normal", "Whenever"])
    read = normalise_priorities(words, {"Sev A": "P1", "Normal": "P2"})
    assert list(read.astype(object).where(read.notna(), None)) == ["P1", "P1", "P2", None]


def test_a_word_can_be_chosen_to_be_left_out() -> None:
    read = normalise_priorities(pd.Series(["Urgent", "Normal"]), {"urgent": "left out"})
    assert list(read.astype(object).where(read.notna(), None)) == [None, "P3"]


def test_the_mapping_form_offers_each_priority_word_starting_on_itexit_s_reading(
    evaluation: Evaluation,
) -> None:
    form = mapping_form(evaluation, read_export(EXPORT))
    assert list(form.words) == ["Normal", "Urgent", "Sev A"]  # the most frequent first
    started = {w: c.options[c.index] for w, c in form.words.items()}
    assert started == {"Normal": "P3", "Urgent": "P1", "Sev A": "left out"}
    normal = form.words["Normal"]
    assert normal.label == "Priority word 1 of 3 (3 rows)"
    assert normal.words is not None and normal.words["P2"] == "Normal → P2 (important)"
    assert ("words", "Sev A", form.words["Sev A"]) in form.layout()[1]


def test_a_word_not_recognised_is_left_out_and_said_so_after_the_import(
    evaluation: Evaluation,
) -> None:
    upload = import_tickets(read_export(EXPORT), COLUMNS, KINDS, "x.csv", IMPORTED_AT)
    assert (upload.summary.tickets, upload.summary.skipped) == (5, 1)
    view = delivered_view(_with(evaluation, upload.summary), tickets_from_bytes(upload.body))
    assert view.words is not None
    assert view.words.to_dict("records") == [
        {
            "Priority in the file": "Normal",
            "Rows": 3,
            "Read as": READINGS["P3"],
            "Decided by": "ITexit",
        },
        {
            "Priority in the file": "Urgent",
            "Rows": 2,
            "Read as": READINGS["P1"],
            "Decided by": "ITexit",
        },
        {
            "Priority in the file": "Sev A",
            "Rows": 1,
            "Read as": READINGS["left out"],
            "Decided by": "ITexit",
        },
    ]


def test_the_user_s_readings_are_used_kept_with_the_import_and_offered_again(
    evaluation: Evaluation,
) -> None:
    words = {"Sev A": "P1", "Normal": "P2", "Urgent": "P1"}
    upload = import_tickets(read_export(EXPORT), COLUMNS, KINDS, "x.csv", IMPORTED_AT, words=words)
    assert (upload.summary.tickets, upload.summary.skipped) == (6, 0)
    # Only the words read otherwise than ITexit would are kept as choices, with the ticket set.
    assert upload.summary.mapping["priority_words"] == {"Sev A": "P1", "Normal": "P2"}
    assert TicketSet.from_bytes(upload.body).mapping.priority_words == {
        "Sev A": "P1",
        "Normal": "P2",
    }
    tickets = tickets_from_bytes(upload.body)
    assert tickets["priority"].value_counts().to_dict() == {"P1": 3, "P2": 3, "P3": 0}
    evaluation = _with(evaluation, upload.summary)
    decided = delivered_view(evaluation, tickets).words
    assert decided is not None and list(decided["Decided by"]) == ["you", "ITexit", "you"]
    again = mapping_form(evaluation, read_export(EXPORT)).words
    assert {w: c.options[c.index] for w, c in again.items()} == words


def test_an_import_made_before_words_were_kept_shows_no_word_table(evaluation: Evaluation) -> None:
    upload = import_tickets(read_export(EXPORT), COLUMNS, KINDS, "x.csv", IMPORTED_AT)
    old = upload.summary.model_copy(update={"priority_words": ()})
    assert "priority_words" not in old.model_dump()
    assert delivered_view(_with(evaluation, old), tickets_from_bytes(upload.body)).words is None


def _with(evaluation: Evaluation, summary: object) -> Evaluation:
    current = evaluation.providers[0].id
    return evaluation.with_service_levels(current, None).with_tickets(summary)  # type: ignore[arg-type]


def test_clocks_and_priority_words_are_stored_and_travel_in_the_json_document(
    store: Store, evaluation: Evaluation
) -> None:
    words = {"Sev A": "P1"}
    upload = import_tickets(read_export(EXPORT), COLUMNS, KINDS, "x.csv", IMPORTED_AT, words=words)
    promised = ServiceLevels(
        resolution_hours={"P1": 4},
        clocks={"P1": "business hours"},
        business_hours=BusinessHours(time_zone="Europe/London", country="GB", region="ENG"),
    )
    current = evaluation.providers[0].id
    made = evaluation.with_service_levels(current, promised).with_tickets(upload.summary)
    stored = store.create(made, upload.body)
    assert store.load(stored.id).evaluation == made
    document = evaluation_document(made, upload.body)
    again = read_evaluation_document(document, name="Copy")
    assert again.model_copy(update={"name": made.name}) == made
    kept = read_document_tickets(document, again)
    assert kept is not None
    assert TicketSet.from_bytes(kept).mapping.priority_words == words
