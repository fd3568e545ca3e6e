"""drop the index of case events by time: no query reads events by time

Revision ID: 0006_drop_event_time_index
Revises: 0004_queue

Time-window figures come from the rollups (0003_rollups), which the triggers
keep per event; the timeline reads a case's events by (case_id, seq). The
index on `at` only cost every write and a bulk load (about 9 s of a
1,000,000-case demo load).
"""
from alembic import op

revision = "0006_drop_event_time_index"
down_revision = "0004_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_case_events_at")


def downgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_case_events_at ON case_events (at)")
