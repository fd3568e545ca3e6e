"""case events by kind and time

Revision ID: 0019_event_time_index
Revises: 0018_rollups_for_reviews

- ix_case_events_kind_at: the events of some kinds in a time window. The efficiency page's
  click-through (console/figure_cases.py) finds the cases behind a figure from the month's events
  of the kinds the indicator counts, so its cost follows the month rather than every case a unit
  ever led; the instructions and disputes reports read their month's `instruct` and dispute
  events the same way. 0006 dropped the index on `at` alone when no query read events by time.
"""
from alembic import op

revision = "0019_event_time_index"
down_revision = "0018_rollups_for_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_case_events_kind_at", "case_events", ["kind", "at"])


def downgrade() -> None:
    op.drop_index("ix_case_events_kind_at", table_name="case_events")
