"""callbacks: three satisfaction levels, unreached tries, the 1-hour progress contact, extension requests

Revision ID: 0003_callbacks
Revises: 0002_trust

- cases.satisfaction: satisfied / basically_satisfied / dissatisfied (满意 / 基本满意 /
  不满意); the yes/no `satisfied` of older cases maps onto satisfied / dissatisfied.
- cases.callback_attempts: tries that did not reach the citizen since the last reply.
- cases.contact_deadline, contacted_at: the progress contact an urgent case owes.
- cases.extension_requested: a department's pending extension request.
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_callbacks"
down_revision = "0002_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("satisfaction", sa.String(length=24), nullable=True))
        batch.add_column(sa.Column("callback_attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("contact_deadline", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("contacted_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("extension_requested", sa.String(length=16), nullable=True))
    op.execute("UPDATE cases SET satisfaction = CASE WHEN satisfied THEN 'satisfied' ELSE 'dissatisfied' END "
               "WHERE satisfied IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for name in ("extension_requested", "contacted_at", "contact_deadline", "callback_attempts", "satisfaction"):
            batch.drop_column(name)
