"""rerouted cases index

Revision ID: 0016_rerouted_cases_index
Revises: 0015_returns_and_disputes

- ix_cases_rerouted: the cases whose lead unit changed, a few in a hundred: returned by a
  department (return_count > 0) or passed down to a unit below (upper_units set). The rollups'
  rebuild and the efficiency page's click-through (console/figure_cases.py) replay them, because
  their unit and deadlines changed between events; without the index finding them is a scan of
  every case.
"""
import sqlalchemy as sa
from alembic import op

revision = "0016_rerouted_cases_index"
down_revision = "0015_returns_and_disputes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_rerouted", "cases", ["return_count"],
                    sqlite_where=sa.text("return_count > 0 OR upper_units IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_cases_rerouted", table_name="cases")
