"""Alembic environment: runs on the connection it is handed (see models.db)."""
from alembic import context

from models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for the alembic CLI
    from sqlalchemy import create_engine
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("alembic: set sqlalchemy.url, or hand env.py a connection")
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
