"""returned cases index

Revision ID: 0014_returned_cases_index
Revises: 0013_callbacks

- ix_cases_returned: the cases a department returned (return_count > 0), a few in a hundred. The
  efficiency page's click-through (console/figure_cases.py) replays them, because their unit and
  deadlines changed between events; without the index finding them is a scan of every case.
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_returned_cases_index"
down_revision = "0013_callbacks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_returned", "cases", ["return_count"], sqlite_where=sa.text("return_count > 0"))


def downgrade() -> None:
    op.drop_index("ix_cases_returned", table_name="cases")
