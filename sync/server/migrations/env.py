"""Alembic environment of the central server: runs on the connection it is handed."""
from alembic import context

from sync.server.models import CentralBase

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for the alembic CLI
    from sqlalchemy import create_engine
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("alembic: set sqlalchemy.url, or hand env.py a connection")
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=CentralBase.metadata, render_as_batch=True,
                  version_table="central_alembic_version")
with context.begin_transaction():
    context.run_migrations()
