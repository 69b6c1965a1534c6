"""Names have no length in the database, and their key ignores how letters were composed.

`name` and `name_key` were `varchar(100)`. PostgreSQL counts the characters of a varchar, and
case folding can make a key longer than its name ("ß" folds to "ss"), so a valid 100-character
name could fail there and not on SQLite. Both are now unbounded text: the domain's NAME_MAX is
the one rule on every database.

The key also changes: it is now the name composed (Unicode NFC), stripped and case-folded
(`itexit.types.name_key`), so "Café" typed with é or with e plus an accent is one name. The
rule is copied here, as it was when this revision was written, because a migration must never
change. Two evaluations whose names only today's key finds equal both stay; the later one's key
gets its id appended after a control character no name can hold, so it stays unique and the
evaluation works as before (a rename gives it a normal key).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_APART = "\x1f"
"""Unit separator: a control character, which names cannot hold, so no real key contains it."""


def _key(name: str) -> str:
    composed = unicodedata.normalize("NFC", name).strip()
    return unicodedata.normalize("NFC", composed.casefold())


def _old_key(name: str) -> str:
    return name.strip().casefold()


def _rekey(rule: Callable[[str], str]) -> None:
    """Work every evaluation's key out again by `rule`, keeping the keys unique."""
    connection = op.get_bind()
    table = sa.table("evaluations", sa.column("id", sa.Integer), sa.column("name_key", sa.Text))
    rows = connection.execute(sa.text("SELECT id, name FROM evaluations ORDER BY id")).all()
    # First a key no name can have, so that no row meets another's old key half-way.
    for row in rows:
        connection.execute(
            table.update().where(table.c.id == row.id).values(name_key=f"{_APART}{row.id}")
        )
    taken: set[str] = set()
    for row in rows:
        key = rule(row.name)
        if key in taken:
            key = f"{key}{_APART}{row.id}"
        taken.add(key)
        connection.execute(table.update().where(table.c.id == row.id).values(name_key=key))


def upgrade() -> None:
    with op.batch_alter_table("evaluations") as batch:
        for column in ("name", "name_key"):
            batch.alter_column(
                column, type_=sa.Text, existing_type=sa.String(100), existing_nullable=False
            )
    _rekey(_key)


def downgrade() -> None:
    _rekey(_old_key)
    with op.batch_alter_table("evaluations") as batch:
        for column in ("name", "name_key"):
            batch.alter_column(
                column, type_=sa.String(100), existing_type=sa.Text, existing_nullable=False
            )
