"""Alembic environment: run only through :func:`mobile_case.storage.migrate.upgrade`.

The caller hands in an open connection (``config.attributes["connection"]``) to the encrypted database,
so no URL and no alembic.ini are needed at run time.
"""

from __future__ import annotations

from alembic import context

from mobile_case.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - a developer running `alembic` by hand
    raise RuntimeError("run migrations through mobile_case.storage.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite: ALTER via table copies
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
