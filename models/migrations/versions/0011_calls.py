"""calls: the caller log (incoming, answered, missed, abandoned calls and callbacks)

Revision ID: 0011_calls
Revises: 0009_kb_words

- calls: one row per call the telephone system announced to the seat, with the
  times the call bar's timers and the handling time (answer -> save) are read from.
- trg_rollup_event: the operators' handling time is now answer -> save, read from
  the `handle_seconds` a receive event carries; the old figure (creation -> first
  step, 0 for every case logged in one go) is cleared rather than mixed in. The
  trigger text comes from console.rollups, as in 0003b: it depends on the policy's
  working periods, and sync/bulk.py checks the installed text against it.
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_calls"
down_revision = "0009_kb_words"
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
    from console import rollups
    from console.deadlines import load_policy

    op.execute("DROP TRIGGER IF EXISTS trg_rollup_event")
    event_ddl = [d for d in rollups.trigger_ddl(load_policy().calendar.periods) if "TRIGGER trg_rollup_event " in d]
    op.execute(event_ddl[0])
    op.execute("UPDATE rollup_operator SET handled = 0, handle_seconds = 0")


def downgrade() -> None:
    op.drop_index("ix_calls_operator_rang", table_name="calls")
    op.drop_index(op.f("ix_calls_call_id"), table_name="calls")
    op.drop_table("calls")
