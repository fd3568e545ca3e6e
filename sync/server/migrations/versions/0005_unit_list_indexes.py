"""unit list indexes: a liaison's /cases list, newest first

Revision ID: 0005_unit_list_indexes
Revises: 0004_returns_and_disputes

- ix_cases_lead_created (lead_department, created_at): the cases a unit leads, newest first.
- ix_cases_involved_created (created_at), partial: the cases that have an assisting unit or a
  unit above (sub-dispatch); a unit's list merges the ones it assists or passed down from it.
  Its condition is sync/server/models.py's INVOLVED_SQL, word for word (SQLite uses a partial
  index only for a query that says its condition).
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_unit_list_indexes"
down_revision = "0004_returns_and_disputes"
branch_labels = None
depends_on = None

INVOLVED_SQL = {"sqlite": "(assist_departments != '[]' OR upper_units IS NOT NULL)",
                "postgresql": "(assist_departments::text <> '[]' OR upper_units IS NOT NULL)"}


def upgrade() -> None:
    op.create_index("ix_cases_lead_created", "cases", ["lead_department", "created_at"])
    op.create_index("ix_cases_involved_created", "cases", ["created_at"],
                    sqlite_where=sa.text(INVOLVED_SQL["sqlite"]), postgresql_where=sa.text(INVOLVED_SQL["postgresql"]))


def downgrade() -> None:
    op.drop_index("ix_cases_involved_created", "cases")
    op.drop_index("ix_cases_lead_created", "cases")
