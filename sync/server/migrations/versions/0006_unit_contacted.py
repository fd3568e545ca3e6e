"""unit contacted: when the hotline last reached a unit's 24-hour contact about a case

Revision ID: 0006_unit_contacted
Revises: 0005_unit_list_indexes

- cases.unit_contacted_at: set by the `unit_contacted` action (console/lifecycle.py).
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_unit_contacted"
down_revision = "0005_unit_list_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("unit_contacted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("unit_contacted_at")
