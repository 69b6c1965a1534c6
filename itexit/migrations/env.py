"""Alembic's environment for ITexit: migrates the connection the store hands over.

`itexit.migrations.upgrade` passes a connection already in a transaction and holding the
migration lock, so every step and the version stamp commit together or not at all. Run from
the `alembic` command line (configured in pyproject.toml), it opens the database named by
`-x url=...`, else $ITEXIT_DATABASE_URL, else the default SQLite file.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from itexit.migrations import lock, migrating
from itexit.store import VERSION_TABLE, database_url, engine_for, metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        # SQLite alters most columns only by copying the table; batch mode does that for us.
        render_as_batch=True,
        # Our SQLite engine controls transactions itself (BEGIN IMMEDIATE), so DDL is
        # transactional there as on PostgreSQL.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("ITexit migrations run on a database; --sql (offline mode) is not supported.")

given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    engine = engine_for(database_url(context.get_x_argument(as_dictionary=True).get("url")))
    try:
        with migrating(engine) as connection:
            lock(connection)
            run(connection)
    finally:
        engine.dispose()
