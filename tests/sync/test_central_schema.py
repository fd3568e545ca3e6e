"""The central server's migrations build exactly what its models declare
(the workflow columns come from the same mixin as the console's)."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from models import Case
from models.case_state import CaseStateColumns
from sync.server.db import open_central
from sync.server.models import CentralBase, CentralCase


def test_central_migrations_match_the_models(tmp_path):
    db = open_central(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), CentralBase.metadata)
    finally:
        db.close()
    assert [d for d in diff if not (d[0] == "remove_table" and d[1].name == "central_alembic_version")] == []


def test_both_case_tables_keep_the_lifecycle_columns_alike():
    derived = {name for name in vars(CaseStateColumns) if not name.startswith("_")}
    for table in (Case.__table__, CentralCase.__table__):
        cols = {c.name: c for c in table.columns}
        assert derived <= set(cols)
    for name in derived:
        a, b = Case.__table__.columns[name], CentralCase.__table__.columns[name]
        assert (type(a.type), a.nullable) == (type(b.type), b.nullable), name
