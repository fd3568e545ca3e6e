"""queue indexes: one (column, rowid) order per sortable column, and partial indexes over open cases

The queue reads a page by keyset on (sort column, rowid). A single-column
index is exactly that order, so every sortable column gets one; the open
cases (about 5 % of a mature profile) get partial indexes of their own so the
default "All open" view can start, end and sort on any column without
walking the closed cases. The partial-index condition is the literal text
console.queue.OPEN_SQL uses in its queries (SQLite matches it textually).

Revision ID: 0004_queue
Revises: 0001_initial
"""
from alembic import op

revision = "0004_queue"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

OPEN_SQL = ("state IN ('accepted', 'callback', 'dispatched', 'extended', 'received', 'reopened', 'replied', "
            "'returned')")
FULL = {"ix_cases_q_type": "type", "ix_cases_q_urgency": "urgency", "ix_cases_q_district": "district_code",
        "ix_cases_q_category": "category_code", "ix_cases_q_caller": "caller_phone",
        "ix_cases_q_department": "lead_department", "ix_cases_q_state": "state"}
OPEN = {"ix_cases_open_created": "created_at", "ix_cases_open_deadline": "deadline",
        "ix_cases_open_number": "number", "ix_cases_open_state": "state", "ix_cases_open_type": "type",
        "ix_cases_open_urgency": "urgency", "ix_cases_open_category": "category_code",
        "ix_cases_open_district": "district_code", "ix_cases_open_caller": "caller_phone",
        "ix_cases_open_department": "lead_department", "ix_cases_open_operator": "operator_id, created_at"}


def upgrade() -> None:
    for name, cols in FULL.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON cases ({cols})")
    for name, cols in OPEN.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON cases ({cols}) WHERE {OPEN_SQL}")
    # sampled statistics, so other queries don't start preferring the new indexes blindly
    op.execute("PRAGMA analysis_limit=1000")
    op.execute("ANALYZE cases")


def downgrade() -> None:
    for name in [*FULL, *OPEN]:
        op.execute(f"DROP INDEX IF EXISTS {name}")
