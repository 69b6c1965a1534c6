"""Schema migrations: bring a database up to the schema this code uses, once, under a lock.

The Alembic scripts live beside this module (`env.py`, `versions/`) and ship inside the package,
so an installed ITexit finds them without an alembic.ini. `itexit.store` calls `upgrade` only
when its cheap check (one read of `itexit_schema_version`) finds the database behind, so opening an
up-to-date database never imports Alembic.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from itexit.store import VERSION_TABLE

__all__ = ["BASELINE", "NewerSchema", "config", "lock", "migrating", "scripts", "upgrade"]

HERE = Path(__file__).resolve().parent
BASELINE = "0001"
"""The schema ITexit made with `create_all` before migrations; such databases are stamped here."""
BASELINE_TABLES = frozenset({"evaluations", "revisions", "ticket_sets", "settings"})
LOCK_KEY = 7_318_204_415_221
"""PostgreSQL advisory lock held while migrating, so two servers starting at once take turns."""

# Alembic's `context` and `op` are module-wide proxies: two migrations in one process at once
# would trample each other, whatever the database does.
_one_at_a_time = threading.Lock()


class NewerSchema(Exception):
    """The database names a schema revision this code does not know: a newer ITexit made it."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, in code: the scripts in this package, run on `connection`."""
    settings = Config()
    settings.set_main_option("script_location", str(HERE))
    settings.attributes["connection"] = connection
    return settings


def scripts() -> ScriptDirectory:
    """The migration scripts shipped with this ITexit."""
    return ScriptDirectory.from_config(config())


def lock(connection: Connection) -> None:
    """Take the migration lock for the rest of `connection`'s transaction.

    On SQLite the store's engine already holds the write lock from `BEGIN IMMEDIATE`.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for migrating, committed if all went well.

    On SQLite, foreign keys are off while it runs: a migration that rebuilds a table (SQLite's
    way to change a column) drops the old one, and with foreign keys on, that drop would delete
    every revision and ticket set through their ON DELETE CASCADE. SQLite ignores the setting
    inside a transaction, so it is switched before BEGIN; the keys are checked before COMMIT.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.dbapi_connection
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("a migration left rows pointing at nothing; undone")
        finally:
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine) -> list[str]:
    """Upgrade the database to the newest schema in one transaction; the revisions applied.

    Whoever gets the lock first migrates; the others then find the work done and apply
    nothing. A database made before migrations (its four tables, no `itexit_schema_version`) is
    stamped at the baseline first. NewerSchema, and nothing changed, if a newer ITexit has
    already upgraded it.
    """
    with _one_at_a_time, migrating(engine) as connection:
        lock(connection)
        settings = config(connection)
        script = ScriptDirectory.from_config(settings)
        known = {s.revision for s in script.walk_revisions()}
        current = MigrationContext.configure(
            connection, opts={"version_table": VERSION_TABLE}
        ).get_current_heads()
        for revision in current:
            if revision not in known:
                raise NewerSchema(revision)
        if not current and BASELINE_TABLES.issubset(inspect(connection).get_table_names()):
            command.stamp(settings, BASELINE)
            current = (BASELINE,)
        head = script.get_current_head()
        if head is None or current == (head,):
            return []
        pending = script.iterate_revisions(head, current[0] if current else "base")
        applied = [s.revision for s in reversed(list(pending))]
        command.upgrade(settings, "head")
        return applied
