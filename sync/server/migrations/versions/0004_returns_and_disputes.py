"""returns and disputes: review of a department's return, disputes, sub-dispatch

Revision ID: 0004_returns_and_disputes
Revises: 0003_callbacks

- cases.returned_from: the state a return waiting for review (return_review) came from.
- cases.suggested_unit: the unit the returning department named responsible.
- cases.binding_unit: the unit a team lead's dispute decision named responsible.
- cases.upper_units: the units that passed the case down (sub-dispatch), comma-separated;
  they keep seeing the case.
- a unit's list, newest first: an index over (lead_department, created_at), and a partial
  index over created_at of the cases that have an assisting unit or a unit above.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_returns_and_disputes"
down_revision = "0003_callbacks"
branch_labels = None
depends_on = None

COLUMNS = ("returned_from", "suggested_unit", "binding_unit", "upper_units")
INVOLVED_SQL = {"sqlite": "(assist_departments != '[]' OR upper_units IS NOT NULL)",
                "postgresql": "(assist_departments::text <> '[]' OR upper_units IS NOT NULL)"}


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("returned_from", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("suggested_unit", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("binding_unit", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("upper_units", sa.String(length=200), nullable=True))
    op.create_index("ix_cases_lead_created", "cases", ["lead_department", "created_at"])
    op.create_index("ix_cases_involved_created", "cases", ["created_at"],
                    sqlite_where=sa.text(INVOLVED_SQL["sqlite"]), postgresql_where=sa.text(INVOLVED_SQL["postgresql"]))


def downgrade() -> None:
    op.drop_index("ix_cases_involved_created", "cases")
    op.drop_index("ix_cases_lead_created", "cases")
    with op.batch_alter_table("cases") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
