"""trust: case number aliases, cached sign-in verifiers, the audit log; one head

Revision ID: 0008_trust
Revises: 0002_knowledge, 0005_sync, 0006_drop_event_time_index, 0007_rollup_pending

Merges the four branches the graph had into one head; from here every new
revision follows the one before it.

- case_aliases: numbers a case was known by before (a provisional number
  replaced once the central server gave the console its station, a number
  renumbered after a clash); lookups by number still find the case.
- operators.password_verifier / verified_at: an argon2 hash of the password
  the central server last accepted, so a seat can sign in while offline.
- audit_log: append-only record of sign-ins, exports, reads of personal data.
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_trust"
down_revision = ("0002_knowledge", "0005_sync", "0006_drop_event_time_index", "0007_rollup_pending")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_aliases",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_aliases_case_id_cases")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_case_aliases")),
    )
    op.create_index(op.f("ix_case_aliases_case_id"), "case_aliases", ["case_id"], unique=False)
    # plain ADD COLUMN (no batch copy of the table)
    op.add_column("operators", sa.Column("password_verifier", sa.String(length=256), nullable=True))
    op.add_column("operators", sa.Column("verified_at", sa.DateTime(), nullable=True))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"], unique=False)
    # -- audit --
    # the program never changes an entry; the database refuses it too
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                   "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    # -- end audit --


def downgrade() -> None:
    # -- audit --
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    # -- end audit --
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    with op.batch_alter_table("operators") as batch:
        batch.drop_column("verified_at")
        batch.drop_column("password_verifier")
    op.drop_index(op.f("ix_case_aliases_case_id"), table_name="case_aliases")
    op.drop_table("case_aliases")
