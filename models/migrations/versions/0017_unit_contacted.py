"""unit contacted: when the hotline last reached a unit's 24-hour contact about a case

Revision ID: 0017_unit_contacted
Revises: 0016_rerouted_cases_index

- cases.unit_contacted_at: set by the `unit_contacted` action (an urgent or emergency
  case: the operator phoned the lead unit's 24-hour contact and says who answered).
"""
import sqlalchemy as sa
from alembic import op

revision = "0017_unit_contacted"
down_revision = "0016_rerouted_cases_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: a batch copy of `cases` would drop the rollup triggers on it
    op.add_column("cases", sa.Column("unit_contacted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("cases", "unit_contacted_at")  # SQLite 3.35+: in place, the triggers stay
