"""sync: the server version each case was last seen at, and the merge base of each outbox op

Revision ID: 0005_sync
Revises: 0001_initial

`sync_op_base` is filled by a trigger in the same transaction as the outbox
row, so the per-field merge base of an edit is the server version the
console had seen when the operator made the change (not when it was pushed).
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_sync"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_case_versions",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_sync_case_versions")),
    )
    op.create_table(
        "sync_op_base",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_op_base")),
    )
    op.execute("""CREATE TRIGGER trg_sync_op_base AFTER INSERT ON outbox BEGIN
        INSERT INTO sync_op_base (seq, server_version)
        SELECT NEW.seq, server_version FROM sync_case_versions WHERE case_id = NEW.case_id;
    END""")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS trg_sync_op_base")
    op.drop_table("sync_op_base")
    op.drop_table("sync_case_versions")
