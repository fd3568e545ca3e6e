"""trust: device stations, refresh-token families, revoked keys, audit log, login throttling

Revision ID: 0002_trust
Revises: 0001_central
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_trust"
down_revision = "0001_central"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("station", sa.String(length=16), nullable=True))
        batch.create_unique_constraint(op.f("uq_devices_station"), ["station"])
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("family", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("used_at", sa.DateTime(), nullable=True))
        batch.create_index(op.f("ix_tokens_family"), ["family"], unique=False)
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"], unique=False)
    op.create_table(
        "login_failures",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_at", sa.DateTime(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_failures")),
    )


def downgrade() -> None:
    op.drop_table("login_failures")
    op.drop_index(op.f("ix_audit_log_at"), table_name="audit_log")
    op.drop_table("audit_log")
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("revoked_at")
    with op.batch_alter_table("tokens") as batch:
        batch.drop_index(op.f("ix_tokens_family"))
        batch.drop_column("used_at")
        batch.drop_column("family")
    with op.batch_alter_table("devices") as batch:
        batch.drop_constraint(op.f("uq_devices_station"), type_="unique")
        batch.drop_column("station")
