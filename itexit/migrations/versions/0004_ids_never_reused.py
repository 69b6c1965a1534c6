"""An evaluation's id is never given to another one, on SQLite too.

SQLite hands out the largest id plus one, so deleting the newest evaluation gave its id to the
next one created: an old link (`?evaluation=<id>`) then opened another client's evaluation, and
anything kept under the old id could be taken for the new one's. `AUTOINCREMENT` makes SQLite
count past every id ever used, as PostgreSQL's sequences always did. The table is copied into one
declared that way (the migration runs with foreign keys off, so its revisions stay).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "evaluations", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("evaluations", recreate="always"):
        pass
