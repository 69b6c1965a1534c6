"""A database made before revisions had an author and a change summary (schema 0004) upgrades on
SQLite and PostgreSQL with nothing lost: every evaluation exports the same CSV and JSON, byte for
byte, as the code that made it exported (tests/fixtures/itexit-v4/, see tests/fixtures/README.md).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from itexit.export import comparison_csv, evaluation_document
from itexit.migrations import config, migrating
from itexit.store import SCHEMA_HEAD, Store, engine_for
from tests.databases import copy_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE = FIXTURES / "itexit-v4.db"
EXPORTS = FIXTURES / "itexit-v4"
TABLES = ("evaluations", "revisions", "ticket_sets", "settings")


def rebuild_on_postgres(url: str, source: Path) -> None:
    """The schema of 0004 made by the migrations, and every row of the fixture copied in."""
    target = engine_for(url)
    with migrating(target) as connection:
        command.upgrade(config(connection), "0004")
    target.dispose()
    copy_rows(source, url, TABLES)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def before_history(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The fixture database, opened (and so upgraded) by this code."""
    copy = tmp_path / "itexit-v4.db"
    shutil.copyfile(FIXTURE, copy)
    url = f"sqlite:///{copy}"
    if request.param == "postgresql":
        url = str(request.getfixturevalue("postgres_url"))
        rebuild_on_postgres(url, copy)
    store = Store(url)
    yield store
    store.dispose()


def test_the_fixture_was_made_before_revisions_had_authors() -> None:
    reading = engine_for(f"sqlite:///{FIXTURE}")
    with reading.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM itexit_schema_version")).scalar() == "0004"
        )
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info(revisions)"))}
    reading.dispose()
    assert "author" not in columns


def test_an_upgraded_database_exports_the_same_csv_and_json_as_before(
    before_history: Store,
) -> None:
    summaries = before_history.summaries()
    assert len(summaries) == 2
    for summary in summaries:
        evaluation = before_history.load(summary.id).evaluation
        tickets = before_history.tickets(summary.id)
        assert comparison_csv(evaluation) == (EXPORTS / f"{summary.id}.csv").read_bytes()
        document = evaluation_document(evaluation, tickets)
        assert document == (EXPORTS / f"{summary.id}.json").read_text(encoding="utf-8")


def test_revisions_from_before_say_their_author_and_summary_were_not_recorded(
    before_history: Store,
) -> None:
    history = before_history.history(1)
    assert [r.revision for r in history] == [3, 2, 1]
    assert {(r.author, r.summary) for r in history} == {(None, None)}
    assert all(r.saved_at.utcoffset() == timedelta(0) for r in history)


def test_a_save_on_an_upgraded_database_records_its_author_and_what_changed(
    before_history: Store,
) -> None:
    latest = before_history.load(1)
    renamed = latest.evaluation.renamed("Harbourside Dental: 2027 review")
    before_history.save(1, renamed, latest.revision, author="ann@example.com")
    newest = before_history.history(1)[0]
    assert newest.author == "ann@example.com"
    assert newest.summary == (
        "evaluation name: Harbourside Dental: provider review → Harbourside Dental: 2027 review",
    )
    with before_history.engine.connect() as conn:
        head = conn.execute(text("SELECT version_num FROM itexit_schema_version")).scalar()
    assert head == SCHEMA_HEAD
