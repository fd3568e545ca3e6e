"""rollup rules: the working periods in a table, a rollup_meta table, the old triggers dropped

The triggers now read the working periods from `work_periods` instead of having them
written into their SQL, so editing the working hours of sla_policy.toml changes no
trigger: the console refills `work_days` and `work_periods` when it opens a profile
whose calendar changed (console.rollups.ensure_current, which also runs a rebuild
that a migration asks for in rollup_meta). The old triggers are dropped here; the new
ones, generated from the rule table (console/rollup_rules.py), are made by
0013_callbacks, which holds their text (0010-0013 shipped together, so the text is
frozen once, in the last of them).

Revision ID: 0010_rollup_rules
Revises: 0009_kb_words
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_rollup_rules"
down_revision = "0009_kb_words"
branch_labels = None
depends_on = None

TRIGGERS = ("trg_rollup_event", "trg_rollup_open_ins", "trg_rollup_open_upd", "trg_rollup_open_del")


def upgrade() -> None:
    op.create_table(
        "work_periods",
        sa.Column("start_min", sa.Integer(), nullable=False),
        sa.Column("end_min", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("start_min", name=op.f("pk_work_periods")),
    )
    op.create_table(
        "rollup_meta",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rollup_meta")),
    )
    for name in TRIGGERS:  # their text held the policy's working periods; 0013_callbacks makes them again
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    # events but no counts: a profile that never had its rollups filled (see 0003b); the
    # console rebuilds them when it next opens the profile
    op.execute("INSERT INTO rollup_meta (key, value) SELECT 'rebuild', '1' "
               "WHERE EXISTS (SELECT 1 FROM case_events) AND NOT EXISTS (SELECT 1 FROM rollup_day)")


def downgrade() -> None:
    raise RuntimeError("0010_rollup_rules can't be undone: the earlier triggers held the working periods "
                       "in their text, which this release no longer writes")
