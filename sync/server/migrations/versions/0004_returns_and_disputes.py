"""returns and disputes: review of a department's return, disputes, sub-dispatch

Revision ID: 0004_returns_and_disputes
Revises: 0003_callbacks

- cases.returned_from: the state a return waiting for review (return_review) came from.
- cases.suggested_unit: the unit the returning department named responsible.
- cases.binding_unit: the unit a team lead's dispute decision named responsible.
- cases.upper_units: the units that passed the case down (sub-dispatch), comma-separated;
  they keep seeing the case.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_returns_and_disputes"
down_revision = "0003_callbacks"
branch_labels = None
depends_on = None

COLUMNS = ("returned_from", "suggested_unit", "binding_unit", "upper_units")


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("returned_from", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("suggested_unit", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("binding_unit", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("upper_units", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
