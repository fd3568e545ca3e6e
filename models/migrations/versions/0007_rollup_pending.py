"""rollup_pending: daily counters a bulk load parked, not yet added to the rollups

Revision ID: 0007_rollup_pending
Revises: 0003b_rollup_grains

A demo load counts each chunk's events in Python and writes the counts in the
chunk's own transaction. Upserting them into the six grains costs more than
writing the chunk's cases; parking them here, one row of JSON per chunk, costs
a fraction of that. The load adds the sum of all chunks to the rollups once, at
its end; console.rollups.fold_pending folds what a killed load left here when
the profile is next opened.
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_rollup_pending"
down_revision = "0003b_rollup_grains"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rollup_pending",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chunk", sa.Integer(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),  # JSON: [[day, district, category, department, *counters]]
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT 1 FROM rollup_pending LIMIT 1").first():
        raise RuntimeError("a bulk load's counts are still parked in rollup_pending: open the profile with "
                           "the current release once (it folds them in), then downgrade")
    op.drop_table("rollup_pending")
