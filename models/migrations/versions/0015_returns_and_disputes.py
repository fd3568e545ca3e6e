"""returns and disputes: review of a department's return, disputes, sub-dispatch

Revision ID: 0015_returns_and_disputes
Revises: 0013_callbacks

- cases.returned_from: the state a return waiting for review (return_review) came from;
  a rejected return goes back to it.
- cases.suggested_unit: the unit the returning department named responsible.
- cases.binding_unit: the unit a team lead's dispute decision named responsible.
- cases.upper_units: the units that passed the case down (sub-dispatch), comma-separated.
- the queue's partial indexes over open cases again: `return_review` and `dispute` are
  open states, and their WHERE text must be the queue's text.
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_returns_and_disputes"
down_revision = "0014_units_at_every_level"
branch_labels = None
depends_on = None

OPEN_SQL = ("state IN ('accepted', 'callback', 'dispatched', 'dispute', 'extended', 'received', 'reopened', "
            "'replied', 'return_review', 'returned', 'review')")
OPEN = {"ix_cases_open_created": "created_at", "ix_cases_open_deadline": "deadline",
        "ix_cases_open_number": "number", "ix_cases_open_state": "state", "ix_cases_open_type": "type",
        "ix_cases_open_urgency": "urgency", "ix_cases_open_category": "category_code",
        "ix_cases_open_district": "district_code", "ix_cases_open_caller": "caller_phone",
        "ix_cases_open_department": "lead_department", "ix_cases_open_operator": "operator_id, created_at"}


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the table)
    op.add_column("cases", sa.Column("returned_from", sa.String(length=16), nullable=True))
    op.add_column("cases", sa.Column("suggested_unit", sa.String(length=32), nullable=True))
    op.add_column("cases", sa.Column("binding_unit", sa.String(length=32), nullable=True))
    op.add_column("cases", sa.Column("upper_units", sa.String(length=200), nullable=True))
    for name, cols in OPEN.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON cases ({cols}) WHERE {OPEN_SQL}")


def downgrade() -> None:
    raise RuntimeError("0015_returns_and_disputes can't be undone: the open states it indexes stay")
