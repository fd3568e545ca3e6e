"""rollups at coarser grains (day; day x district, category, department; day x district x category),
the covering index of flagged cases, and the triggers that keep every grain current

Revision ID: 0003b_rollup_grains
Revises: 0003_rollups
"""
import sqlalchemy as sa
from alembic import op

revision = "0003b_rollup_grains"
down_revision = "0003_rollups"
branch_labels = None
depends_on = None

DAILY_METRICS = (
    "intake", "repeat_intake", "answered", "transferred", "merged", "dispatched", "returned",
    "signed", "signed_on_time", "replied", "replied_on_time", "reply_wmin", "callbacks", "satisfied",
    "resolved", "reopened", "supervised", "instr_city", "instr_district", "instr_township", "picks",
)
KEYS = {"district": sa.String(16), "category": sa.String(16), "department": sa.String(32)}
GRAINS = {
    "rollup_day": (),
    "rollup_day_district": ("district",),
    "rollup_day_category": ("category",),
    "rollup_day_department": ("department",),
    "rollup_day_district_category": ("district", "category"),
}


def upgrade() -> None:
    for table, dims in GRAINS.items():
        op.create_table(
            table,
            sa.Column("day", sa.String(10), nullable=False),
            *[sa.Column(d, KEYS[d], nullable=False) for d in dims],
            *[sa.Column(m, sa.Float() if m == "reply_wmin" else sa.Integer(), nullable=False, server_default="0")
              for m in DAILY_METRICS],
            sa.PrimaryKeyConstraint("day", *dims, name=op.f(f"pk_{table}")),
        )
    op.drop_index("ix_cases_flagged", table_name="cases")
    op.create_index("ix_cases_flagged", "cases",
                    ["state", "deadline", "instruction_level", "leader_pick", "number", "category_code",
                     "lead_department"],
                    sqlite_where=sa.text("instruction_level IS NOT NULL OR leader_pick"))
    # the triggers that keep every grain current are made by 0010_rollup_rules (frozen text);
    # a profile rolled up by 0003 gets its coarse grains as sums of the finest, and one with
    # events but no counts is rebuilt by the console when opened (0010 asks for it)
    for table, dims in GRAINS.items():
        cols = ", ".join(("day", *dims))
        op.execute(f"INSERT INTO {table} ({cols}, {', '.join(DAILY_METRICS)}) "
                   f"SELECT {cols}, {', '.join(f'sum({m})' for m in DAILY_METRICS)} FROM rollup_daily GROUP BY {cols}")


def downgrade() -> None:
    for table in GRAINS:
        op.drop_table(table)
