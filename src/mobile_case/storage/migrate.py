"""Apply the alembic migrations at start-up, with an encrypted backup before any schema change.

No alembic.ini at run time: the script location is this package's ``migrations`` folder and the
connection is handed to ``migrations/env.py`` directly.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from mobile_case.storage.backup import backup_file
from mobile_case.storage.errors import StoreError
from mobile_case.storage.keys import StoreKey

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@cache
def _scripts() -> ScriptDirectory:
    """Parsed once per process (alembic compiles every revision file when it reads the folder)."""
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(s.revision for s in _scripts().walk_revisions())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(
    engine: Engine,
    db_path: Path,
    key: StoreKey,
    backup_dir: Path,
    target: str = "head",
) -> Path | None:
    """Bring the database to ``target``. Returns the backup taken first, if the schema changed."""
    current = current_revision(engine)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return None
    if current is not None and current not in known_revisions():
        raise StoreError(
            f"database revision {current} unknown to this version",
            "Базу даних створено новішою версією «Мобільного кейсу». Оновіть програму; "
            "базу даних не змінено.",
        )
    backup = None
    if current is not None or _has_tables(engine):
        backup = backup_file(db_path, key, backup_dir, reason=f"before-{wanted}")
        log.info("migrating database %s -> %s (backup %s)", current, wanted, backup.name)
    cfg = alembic_config()
    try:
        with engine.begin() as conn:  # one transaction: all revisions or none
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    except Exception as exc:
        log.exception("migration %s -> %s failed; rolled back", current, wanted)
        where = f" Резервна копія: «{backup}»." if backup else ""
        raise StoreError(
            f"migration {current} -> {wanted} failed: {type(exc).__name__}",
            "Не вдалося оновити структуру бази даних до нової версії програми. Дані не змінено."
            + where
            + " Зверніться до ІТ-фахівця ЦНАП.",
        ) from exc
    return backup


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())
