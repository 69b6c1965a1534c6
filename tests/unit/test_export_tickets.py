"""The JSON export carries the imported tickets whole: export, import into an empty database and
export again give the same document, on SQLite and PostgreSQL, for ticket sets kept today and
for those an older ITexit kept (tests/fixtures/itexit-v1.db)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from itexit.cli import main
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.export import (
    evaluation_document,
    read_document_tickets,
    read_evaluation_document,
)
from itexit.input import InvalidInput
from itexit.service import tickets_from_bytes
from itexit.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "itexit-v1.db"
DEMO = "Harbourside Dental: provider review"


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Store]:
    """An SQLite database holding the demo with its ticket set, as the app seeds it."""
    store = Store(f"sqlite:///{tmp_path / 'source.db'}")
    store.create(demo_evaluation(), demo_ticket_set())
    yield store
    store.dispose()


def export(url: str, tmp_path: Path, name: str, reference: str = DEMO) -> Path:
    """The evaluation exported as JSON by the command line, to a file."""
    path = tmp_path / name
    assert (
        main(["export", reference, "--format", "json", "-o", str(path), "--database-url", url]) == 0
    )
    return path


def test_the_json_export_carries_the_tickets_whole(source: Store, tmp_path: Path) -> None:
    document = json.loads(export(source.url, tmp_path, "demo.json").read_text(encoding="utf-8"))
    assert document["version"] == 4  # version 5 is written only for a review of a series
    tickets = document["tickets"]
    assert tickets["mapping"]["id"] == "Ticket #"
    columns = tickets["columns"]
    assert len(columns["Ticket #"]) == 420
    first = {name: values[0] for name, values in columns.items()}
    assert first == {
        "Ticket #": "48001",
        "Date Entered": "2025-11-04 10:55",
        "Priority": "2 - High",
        "Status": "Closed",
        "Date Responded": "2025-11-04 15:39",
        "Date Resolved": "2025-11-08 10:31",
    }


def test_export_import_into_an_empty_database_export_gives_the_same_document(
    source: Store, database_url: str, tmp_path: Path
) -> None:
    first = export(source.url, tmp_path, "first.json")
    assert main(["import", str(first), "--database-url", database_url]) == 0
    second = export(database_url, tmp_path, "second.json")
    assert second.read_bytes() == first.read_bytes()
    imported = Store(database_url)
    body = imported.tickets(imported.find(DEMO).id)
    imported.dispose()
    assert body is not None
    expected = tickets_from_bytes(demo_ticket_set())
    pd.testing.assert_frame_equal(tickets_from_bytes(body), expected)


@pytest.fixture
def old(tmp_path: Path) -> Iterator[Store]:
    """A database an ITexit before migrations made: the demo's tickets kept as derived hours."""
    copy = tmp_path / "itexit-v1.db"
    shutil.copyfile(FIXTURE, copy)
    store = Store(f"sqlite:///{copy}")
    yield store
    store.dispose()


def test_an_old_ticket_set_gives_the_figures_it_gave(old: Store) -> None:
    body = old.tickets(old.find(DEMO).id)
    assert body is not None and body.startswith(b"\x1f\x8b")  # gzip: the old format, untouched
    pd.testing.assert_frame_equal(
        tickets_from_bytes(body), tickets_from_bytes(demo_ticket_set()), check_exact=False
    )


def test_an_old_ticket_set_travels_whole_too(old: Store, database_url: str, tmp_path: Path) -> None:
    first = export(old.url, tmp_path, "first.json")
    columns = json.loads(first.read_text(encoding="utf-8"))["tickets"]["columns"]
    assert list(columns) == ["created", "priority", "status", "response_hours", "resolution_hours"]
    assert main(["import", str(first), "--database-url", database_url]) == 0
    assert export(database_url, tmp_path, "second.json").read_bytes() == first.read_bytes()


def test_a_version_1_document_still_imports_without_tickets(
    source: Store, sqlite_url: str, tmp_path: Path
) -> None:
    document = json.loads(export(source.url, tmp_path, "demo.json").read_text(encoding="utf-8"))
    del document["tickets"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps({**document, "version": 1}), encoding="utf-8")
    assert main(["import", str(old), "--database-url", sqlite_url]) == 0
    store = Store(sqlite_url)
    assert store.tickets(store.find(DEMO).id) is None  # the page asks for the file again
    store.dispose()


def _demo_document(change: Any) -> str:
    document = json.loads(evaluation_document(demo_evaluation(), demo_ticket_set()))
    change(document)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(version=1), "fields ITexit does not know: tickets"),
        (
            lambda d: d["evaluation"].update(tickets=None),
            "no record of their import",
        ),
        (
            lambda d: d["tickets"]["columns"]["Priority"].__setitem__(0, "Whenever"),
            "give 419 tickets and 1 skipped rows, but the record of their import says 420 and 0",
        ),
        (lambda d: d["tickets"].update(columns={}), "mapping reads"),
    ],
    ids=["tickets in version 1", "no record", "other figures", "no columns"],
)
def test_tickets_that_do_not_fit_their_evaluation_are_refused(change: Any, problem: str) -> None:
    text = _demo_document(change)
    with pytest.raises(InvalidInput, match=problem):
        read_document_tickets(text, read_evaluation_document(text))


def test_a_refused_ticket_set_leaves_the_database_unchanged(
    sqlite_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(_demo_document(lambda d: d["tickets"].update(columns={})), encoding="utf-8")
    assert main(["import", str(path), "--database-url", sqlite_url]) == 1
    store = Store(sqlite_url)
    assert store.summaries() == []
    store.dispose()


def test_an_evaluation_without_tickets_exports_none() -> None:
    evaluation = demo_evaluation().with_tickets(None)
    document = json.loads(evaluation_document(evaluation, demo_ticket_set()))
    assert document["tickets"] is None
