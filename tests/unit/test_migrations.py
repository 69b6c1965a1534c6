"""Upgrades keep data: the schema under Alembic, old databases recognised, newer ones refused.

The legacy database is tests/fixtures/itexit-v1.db, made by the code before migrations (see
tests/fixtures/README.md); the PostgreSQL variants rebuild the same rows on the server.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

import itexit.migrations
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation
from itexit.input import InvalidInput
from itexit.migrations import BASELINE, config, migrating, scripts, upgrade
from itexit.store import (
    BODY_VERSION,
    SCHEMA_HEAD,
    VERSION_TABLE,
    Store,
    engine_for,
    metadata,
    revisions,
)
from tests.databases import copy_rows

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "itexit-v1.db"


def legacy_metadata() -> MetaData:
    """The tables exactly as ITexit made them with `create_all` before migrations (f8b6790)."""
    old = MetaData()
    Table(
        "evaluations",
        old,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("name", String(100), nullable=False),
        Column("name_key", String(100), nullable=False, unique=True),
        Column("revision", Integer, nullable=False),
        Column("provider_count", Integer, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "revisions",
        old,
        Column(
            "evaluation_id",
            Integer,
            ForeignKey("evaluations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("revision", Integer, primary_key=True),
        Column("saved_at", DateTime(timezone=True), nullable=False),
        Column("body", Text, nullable=False),
    )
    Table(
        "ticket_sets",
        old,
        Column(
            "evaluation_id",
            Integer,
            ForeignKey("evaluations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("saved_at", DateTime(timezone=True), nullable=False),
        Column("body", LargeBinary, nullable=False),
    )
    Table(
        "settings",
        old,
        Column("key", String(50), primary_key=True),
        Column("value", Text, nullable=False),
    )
    return old


# Helpers -------------------------------------------------------------------------------------


def schema(engine: Engine) -> dict[str, Any]:
    """Everything a database says about its tables, comparable across two databases."""
    inspector = inspect(engine)
    tables: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        tables[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c["default"])
                for c in inspector.get_columns(table)
            ],
            "primary key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign keys": sorted(
                (
                    fk["constrained_columns"],
                    fk["referred_table"],
                    fk["referred_columns"],
                    *sorted(fk["options"].items()),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
            "unique": sorted(
                (u["name"] or "", tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table)
            ),
            "indexes": sorted(
                (i["name"] or "", tuple(map(str, i["column_names"])), i["unique"])
                for i in inspector.get_indexes(table)
            ),
        }
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            tables["sqlite_master"] = conn.execute(
                text("SELECT type, name, sql FROM sqlite_master ORDER BY name")
            ).all()
    return tables


def contents(engine: Engine) -> dict[str, list[Any]]:
    """Every row of every table, in a stable order."""
    reflected = MetaData()
    reflected.reflect(engine)
    with engine.connect() as conn:
        return {
            name: sorted(tuple(map(repr, row)) for row in conn.execute(select(table)))
            for name, table in reflected.tables.items()
        }


def drop_everything(engine: Engine) -> None:
    reflected = MetaData()
    reflected.reflect(engine)
    reflected.drop_all(engine)


def versions(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT version_num FROM itexit_schema_version")).scalars())


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the empty test database, set up as the store sets up its own."""
    made = engine_for(database_url)
    yield made
    made.dispose()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What every migration run applied, one list per run (the store calls it lazily)."""
    runs: list[list[str]] = []
    real = itexit.migrations.upgrade

    def recording(engine: Engine) -> list[str]:
        applied = real(engine)
        runs.append(applied)
        return applied

    monkeypatch.setattr(itexit.migrations, "upgrade", recording)
    return runs


# The revisions -------------------------------------------------------------------------------


def test_the_head_the_store_checks_against_is_alembics_only_head() -> None:
    assert scripts().get_heads() == [SCHEMA_HEAD]


def test_the_first_revision_is_the_baseline() -> None:
    assert scripts().get_base() == BASELINE


def test_the_baseline_creates_exactly_the_schema_the_code_made_before_migrations(
    engine: Engine,
) -> None:
    legacy_metadata().create_all(engine)
    before = schema(engine)
    drop_everything(engine)
    with engine.begin() as conn:
        command.upgrade(config(conn), BASELINE)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE itexit_schema_version"))
    assert schema(engine) == before


def test_a_new_and_an_old_database_end_up_identical(engine: Engine, database_url: str) -> None:
    legacy_metadata().create_all(engine)
    Store(database_url).dispose()
    old = schema(engine)
    drop_everything(engine)
    Store(database_url).dispose()
    assert schema(engine) == old
    assert versions(engine) == [SCHEMA_HEAD]


def test_the_store_tables_are_what_the_migrations_make(engine: Engine, database_url: str) -> None:
    Store(database_url).dispose()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, metadata) == []


def test_migrations_go_down_to_nothing_and_up_again(engine: Engine, database_url: str) -> None:
    Store(database_url).dispose()
    migrated = schema(engine)
    with engine.begin() as conn:
        command.downgrade(config(conn), "base")
    assert set(inspect(engine).get_table_names()) == {"itexit_schema_version"}
    Store(database_url).dispose()
    assert schema(engine) == migrated


# Upgrading -----------------------------------------------------------------------------------


def test_a_new_database_is_upgraded_from_nothing(
    engine: Engine, database_url: str, spy: list[list[str]]
) -> None:
    store = Store(database_url)
    assert spy == [["0001", "0002", "0003", "0004", "0005", "0006"]]
    assert versions(engine) == [SCHEMA_HEAD]
    assert store.summaries() == []
    store.dispose()


def test_upgrading_twice_changes_nothing(engine: Engine, database_url: str) -> None:
    store = Store(database_url)
    store.create(demo_evaluation())
    store.dispose()
    before = (schema(engine), contents(engine))
    assert upgrade(engine) == []
    assert (schema(engine), contents(engine)) == before


def test_an_up_to_date_database_opens_without_running_migrations(
    database_url: str, spy: list[list[str]]
) -> None:
    Store(database_url).dispose()
    Store(database_url).dispose()
    Store(database_url).dispose()
    assert spy == [["0001", "0002", "0003", "0004", "0005", "0006"]]


def test_a_database_upgraded_by_a_newer_itexit_is_refused_and_left_unchanged(
    engine: Engine, database_url: str
) -> None:
    store = Store(database_url)
    store.create(demo_evaluation())
    store.dispose()
    with engine.begin() as conn:
        conn.execute(text("UPDATE itexit_schema_version SET version_num = '0099'"))
    before = (schema(engine), contents(engine))
    with pytest.raises(InvalidInput) as refused:
        Store(database_url)
    assert str(refused.value) == (
        "This database was upgraded by a newer ITexit (schema 0099); "
        "install that version or newer to open it."
    )
    assert (schema(engine), contents(engine)) == before


def test_servers_opening_a_new_database_at_once_migrate_it_once(
    engine: Engine, database_url: str, spy: list[list[str]]
) -> None:
    opened, failed = [], []
    start = threading.Barrier(4)

    def open_store() -> None:
        start.wait()
        try:
            store = Store(database_url)
            opened.append(len(store.summaries()))
            store.dispose()
        except Exception as exc:
            failed.append(exc)

    workers = [threading.Thread(target=open_store) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failed == [] and opened == [0, 0, 0, 0]
    assert sorted(spy, key=len) == [[]] * (len(spy) - 1) + [
        ["0001", "0002", "0003", "0004", "0005", "0006"]
    ]
    assert versions(engine) == [SCHEMA_HEAD]


_OPEN_AT = """
import json, sys, time
import itexit.migrations, itexit.store
applied = []
real = itexit.migrations.upgrade
def recording(engine):
    applied.append(real(engine))
    return applied[-1]
itexit.migrations.upgrade = recording
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
store = itexit.store.Store(sys.argv[1])
store.summaries()
store.dispose()
print(json.dumps(applied))
"""


@pytest.mark.slow
def test_processes_opening_a_new_database_at_once_migrate_it_once(
    engine: Engine, database_url: str
) -> None:
    """Three processes, everything imported, open the same new database at the same moment."""
    at = str(time.time() + 3)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_AT, database_url, at],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [child.communicate(timeout=60) for child in children]
    assert [child.returncode for child in children] == [0, 0, 0], results
    runs = [run for out, _ in results for run in json.loads(out)]
    assert sorted(runs, key=len) == [[]] * (len(runs) - 1) + [
        ["0001", "0002", "0003", "0004", "0005", "0006"]
    ]
    assert versions(engine) == [SCHEMA_HEAD]


# A database made before migrations keeps everything -----------------------------------------


def fixture_rows(path: Path) -> dict[str, Any]:
    """What the legacy database holds, read directly with sqlite3."""
    with sqlite3.connect(path) as conn:
        return {
            "bodies": {
                (e, r): json.loads(body)
                for e, r, body in conn.execute(
                    "SELECT evaluation_id, revision, body FROM revisions"
                )
            },
            "summaries": {
                row[0]: (*row[1:4], datetime.fromisoformat(row[4]).replace(tzinfo=UTC))
                for row in conn.execute(
                    "SELECT id, name, revision, provider_count, updated_at FROM evaluations"
                )
            },
            "tickets": dict(conn.execute("SELECT evaluation_id, body FROM ticket_sets").fetchall()),
            "settings": dict(conn.execute("SELECT key, value FROM settings").fetchall()),
        }


@pytest.fixture
def expected(tmp_path: Path) -> dict[str, Any]:
    copy = tmp_path / "expected.db"
    shutil.copyfile(FIXTURE, copy)
    return fixture_rows(copy)


def rebuild_on_postgres(url: str, source: Path) -> None:
    """Today's schema made as the old code made it, and every row of the fixture copied in."""
    old = legacy_metadata()
    target = engine_for(url)
    old.create_all(target)
    target.dispose()
    copy_rows(source, url, [table.name for table in old.sorted_tables])


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def legacy_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database made by ITexit before migrations, not yet opened by this code."""
    copy = tmp_path / "itexit-v1.db"
    shutil.copyfile(FIXTURE, copy)
    if request.param == "sqlite":
        return f"sqlite:///{copy}"
    url = str(request.getfixturevalue("postgres_url"))
    rebuild_on_postgres(url, copy)
    return url


@pytest.fixture
def legacy(legacy_url: str) -> Iterator[Store]:
    store = Store(legacy_url)
    yield store
    store.dispose()


def test_an_old_database_is_stamped_at_the_baseline_then_upgraded(
    legacy_url: str, spy: list[list[str]]
) -> None:
    Store(legacy_url).dispose()
    assert spy == [["0002", "0003", "0004", "0005", "0006"]]
    made = engine_for(legacy_url)
    assert versions(made) == [SCHEMA_HEAD]
    with made.connect() as conn:
        assert set(conn.execute(select(revisions.c.body_version)).scalars()) == {1}
    made.dispose()


def test_every_revision_of_an_old_database_loads_as_it_was_stored(
    legacy: Store, expected: dict[str, Any]
) -> None:
    loaded = {
        (summary.id, revision): legacy.load(summary.id, revision).evaluation.model_dump(mode="json")
        for summary in legacy.summaries()
        for revision in (r.revision for r in legacy.history(summary.id))
    }
    assert len(loaded) == 5
    assert loaded == expected["bodies"]


def test_the_list_of_an_old_database_is_unchanged(legacy: Store, expected: dict[str, Any]) -> None:
    assert {
        s.id: (s.name, s.revision, s.provider_count, s.updated_at) for s in legacy.summaries()
    } == expected["summaries"]


def test_the_ticket_sets_of_an_old_database_are_unchanged_to_the_byte(
    legacy: Store, expected: dict[str, Any]
) -> None:
    assert expected["tickets"]
    assert {e: legacy.tickets(e) for e in expected["tickets"]} == expected["tickets"]


def test_an_old_database_that_had_the_demo_does_not_get_it_again(
    legacy: Store, expected: dict[str, Any]
) -> None:
    assert "seeded" in expected["settings"]
    assert legacy.seed_once(demo_evaluation) is None
    assert len(legacy.summaries()) == len(expected["summaries"])


def test_saves_work_on_top_of_an_old_database(legacy: Store, expected: dict[str, Any]) -> None:
    latest = legacy.load(1)
    saved = legacy.save(1, latest.evaluation.with_provider("Castle IT"), latest.revision)
    assert legacy.load(1).evaluation == saved.evaluation
    created = legacy.create(demo_evaluation().renamed("Fresh review"))
    assert created.id == 1 + max(expected["summaries"])
    with legacy.engine.connect() as conn:
        written = conn.execute(
            select(revisions.c.body_version).where(
                revisions.c.evaluation_id == 1, revisions.c.revision == saved.revision
            )
        ).scalar_one()
    assert written == BODY_VERSION


# Rebuilding a table keeps what points at it ------------------------------------------------------


def _rebuild_evaluations(connection: Connection) -> None:
    """What a migration that changes a column of `evaluations` does on SQLite: copy the table
    into a new one, drop the old one, rename the new one."""
    operations = Operations(MigrationContext.configure(connection))
    with operations.batch_alter_table("evaluations", recreate="always"):
        pass


@pytest.fixture
def stored_sqlite(sqlite_url: str, evaluation: Evaluation) -> Iterator[Engine]:
    store = Store(sqlite_url)
    created = store.create(evaluation)
    store.save_tickets(created.id, b"tickets")
    store.dispose()
    engine = engine_for(sqlite_url)
    yield engine
    engine.dispose()


def test_a_migration_that_rebuilds_a_table_keeps_every_revision_and_ticket_set(
    stored_sqlite: Engine,
) -> None:
    with migrating(stored_sqlite) as connection:
        _rebuild_evaluations(connection)
    with stored_sqlite.connect() as connection:
        counts = [
            connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
            for table in ("evaluations", "revisions", "ticket_sets")
        ]
        keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one()
    assert counts == [1, 1, 1]
    assert keys == 1  # back on for the store's next use of the connection


def test_without_that_care_the_rebuild_would_delete_them(stored_sqlite: Engine) -> None:
    # Why `migrating` exists: with foreign keys on, dropping the old table cascades.
    with stored_sqlite.begin() as connection:
        _rebuild_evaluations(connection)
    with stored_sqlite.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM revisions").scalar_one() == 0
