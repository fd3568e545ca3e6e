"""units at every level: departments gain level, district_code and duties

Revision ID: 0014_units_at_every_level
Revises: 0013_callbacks

- level: city | district | street | community; district_code: the district whose
  cases the unit handles (NULL for a city unit); duties: the unit's responsibility
  list as [category, role, line] rows (console/routing.py reads it).
- the rows a profile already has keep their meaning: the district governments
  (kind 'district', code GOV-<district>) become district-level units of their
  district. Their duties stay empty until the reference data is imported again
  (`main.py refdata import`); routing then falls back to their category codes.
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_units_at_every_level"
down_revision = "0013_callbacks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("departments") as batch:
        batch.add_column(sa.Column("level", sa.String(length=16), nullable=False, server_default="city"))
        batch.add_column(sa.Column("district_code", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("duties", sa.JSON(), nullable=False, server_default="[]"))
        batch.create_index("ix_departments_district_code", ["district_code"], unique=False)
    op.execute("UPDATE departments SET level = 'district', district_code = substr(code, 5) "
               "WHERE kind = 'district' AND code LIKE 'GOV-%'")


def downgrade() -> None:
    with op.batch_alter_table("departments") as batch:
        batch.drop_index("ix_departments_district_code")
        batch.drop_column("duties")
        batch.drop_column("district_code")
        batch.drop_column("level")
