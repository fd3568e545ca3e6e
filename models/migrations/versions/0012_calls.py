"""calls: the caller log (incoming, answered, missed, abandoned calls and callbacks)

Revision ID: 0012_calls
Revises: 0011_efficiency

- calls: one row per call the telephone system announced to the seat, with the
  times the call bar's timers and the handling time (answer -> save) are read from.
- the operators' handling time is now answer -> save, read from the `handle_seconds`
  a receive event carries (a rule of console/rollup_rules.py, counted by the triggers
  0013_callbacks makes); the console recounts the rollups from the events when it next
  opens the profile, so the old figure (creation -> first step) is replaced, not mixed in.
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_calls"
down_revision = "0011_efficiency"
branch_labels = None
depends_on = None



def upgrade() -> None:
    op.create_table(
        "calls",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("operator_login", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("cause", sa.String(length=32), nullable=False),
        sa.Column("rang_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("saved_at", sa.DateTime(), nullable=True),
        sa.Column("case_number", sa.String(length=40), nullable=False),
        sa.Column("callback_of", sa.Uuid(), nullable=True),
        sa.Column("called_back_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    op.create_index(op.f("ix_calls_call_id"), "calls", ["call_id"], unique=False)
    op.create_index("ix_calls_operator_rang", "calls", ["operator_login", "rang_at"], unique=False)
    op.execute("INSERT INTO rollup_meta (key, value) SELECT 'rebuild', '1' WHERE EXISTS (SELECT 1 FROM case_events) "
               "ON CONFLICT(key) DO UPDATE SET value = '1'")


def downgrade() -> None:
    op.drop_index("ix_calls_operator_rang", table_name="calls")
    op.drop_index(op.f("ix_calls_call_id"), table_name="calls")
    op.drop_table("calls")
