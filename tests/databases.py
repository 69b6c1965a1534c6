"""What the upgrade tests share: copying a fixture's SQLite rows onto the PostgreSQL test server."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, MetaData, insert, text

from itexit.store import engine_for

__all__ = ["copy_rows"]


def copy_rows(source: Path, url: str, tables: Sequence[str]) -> None:
    """Copy every row of `tables` from the SQLite file `source` into the same tables, already
    made, of the database at `url` (PostgreSQL), keeping ids; then move the id sequence past
    them."""
    target, reading = engine_for(url), engine_for(f"sqlite:///{source}")
    made = MetaData()
    made.reflect(target, only=tables)
    with reading.connect() as src, target.begin() as dst:
        for name in tables:
            table = made.tables[name]
            rows = [dict(row._mapping) for row in src.execute(text(f"SELECT * FROM {name}"))]
            for row in rows:
                for column in table.columns:
                    if isinstance(column.type, DateTime) and row[column.name] is not None:
                        row[column.name] = _utc(row[column.name])
            if rows:
                dst.execute(insert(table), rows)
        dst.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('evaluations', 'id'), "
                "(SELECT max(id) FROM evaluations))"
            )
        )
    target.dispose()
    reading.dispose()


def _utc(value: object) -> object:
    """SQLite keeps UTC times as text without a zone; PostgreSQL wants them with one."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC)
