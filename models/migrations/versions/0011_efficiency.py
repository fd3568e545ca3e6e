"""efficiency counters: extensions, repeated requests dispatched, replies to instructed cases

Four counters join every rollup grain (console/rollup_rules.py): `extended` (extensions
approved), `repeat_dispatched` (dispatches of a repeated request), `instr_replied` and
`instr_replied_on_time` (replies to cases with a leader's instruction). The triggers that
count them are made by 0013_callbacks; the console recounts every rollup from the events
when it next opens the profile (rollup_meta 'rebuild').

Revision ID: 0011_efficiency
Revises: 0010_rollup_rules
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_efficiency"
down_revision = "0010_rollup_rules"
branch_labels = None
depends_on = None

GRAINS = ("rollup_daily", "rollup_day", "rollup_day_district", "rollup_day_category", "rollup_day_department",
          "rollup_day_district_category")
COUNTERS = ("extended", "repeat_dispatched", "instr_replied", "instr_replied_on_time")


def upgrade() -> None:
    for table in GRAINS:
        for name in COUNTERS:
            op.add_column(table, sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    op.execute("INSERT INTO rollup_meta (key, value) SELECT 'rebuild', '1' WHERE EXISTS (SELECT 1 FROM case_events) "
               "ON CONFLICT(key) DO UPDATE SET value = '1'")


def downgrade() -> None:
    raise RuntimeError("0011_efficiency can't be undone: its triggers count into the columns it adds")
