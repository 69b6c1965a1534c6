"""Each evaluation records the review series its latest revision belongs to.

"Start next review" makes a series of dated reviews of one evaluation (itexit/series); the
Reviews over time page finds a series' reviews by this indexed column rather than by reading
every evaluation's body on each rerun. The series lives in the body too (`review.series`);
the store writes the column from the body on every save. No body stored before this
revision has a review, so every existing row starts with none.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evaluations") as batch:
        batch.add_column(sa.Column("series", sa.Text, nullable=True))
        batch.create_index("ix_evaluations_series", ["series"])


def downgrade() -> None:
    with op.batch_alter_table("evaluations") as batch:
        batch.drop_index("ix_evaluations_series")
        batch.drop_column("series")
