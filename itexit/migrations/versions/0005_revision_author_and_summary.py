"""Each revision records who saved it and what it changed, in words.

`author` is the signed-in person's e-mail address (or, for the command line and an app without
sign-in, the operating-system user); `summary` is a JSON list of sentences such as
"Nimbus IT · Backup & disaster recovery · Restores tested regularly · score: 2 → 4". Revisions
saved before this migration have neither: the History page says "not recorded" rather than
guessing. Both columns are added, never filled in, so an upgrade rewrites no row.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("author", sa.Text, nullable=True))
        batch.add_column(sa.Column("summary", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("summary")
        batch.drop_column("author")
