"""rollups for monitoring: daily, per operator, dissatisfaction reasons, open per department

Revision ID: 0003_rollups
Revises: 0001_initial
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_rollups"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

DAILY_METRICS = (
    "intake", "repeat_intake", "answered", "transferred", "merged", "dispatched", "returned",
    "signed", "signed_on_time", "replied", "replied_on_time", "reply_wmin", "callbacks", "satisfied",
    "resolved", "reopened", "supervised", "instr_city", "instr_district", "instr_township", "picks",
)


def upgrade() -> None:
    op.create_table(
        "rollup_daily",
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("district", sa.String(16), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("department", sa.String(32), nullable=False),
        *[sa.Column(m, sa.Float() if m == "reply_wmin" else sa.Integer(), nullable=False, server_default="0")
          for m in DAILY_METRICS],
        sa.PrimaryKeyConstraint("day", "district", "category", "department", name=op.f("pk_rollup_daily")),
    )
    op.create_table(
        "rollup_operator",
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        *[sa.Column(m, sa.Float() if m == "handle_seconds" else sa.Integer(), nullable=False, server_default="0")
          for m in ("intake", "answered", "dispatched", "handled", "handle_seconds", "callbacks")],
        sa.PrimaryKeyConstraint("day", "operator", name=op.f("pk_rollup_operator")),
    )
    op.create_table(
        "rollup_reasons",
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("department", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("day", "department", "reason", name=op.f("pk_rollup_reasons")),
    )
    op.create_table(
        "rollup_open",
        sa.Column("department", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("department", "state", name=op.f("pk_rollup_open")),
    )
    op.create_table(
        "work_days",
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("cum", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_work_days")),
    )
    op.create_index("ix_cases_flagged", "cases", ["state", "deadline"],
                    sqlite_where=sa.text("instruction_level IS NOT NULL OR leader_pick"))
    # the working days for the SQL working-time arithmetic are filled by the console when it
    # opens the profile (console.rollups.ensure_current); the triggers come with 0003b and 0010


def downgrade() -> None:
    for name in ("trg_rollup_event", "trg_rollup_open_ins", "trg_rollup_open_upd", "trg_rollup_open_del"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_cases_flagged", table_name="cases")
    for table in ("work_days", "rollup_open", "rollup_reasons", "rollup_operator", "rollup_daily"):
        op.drop_table(table)
