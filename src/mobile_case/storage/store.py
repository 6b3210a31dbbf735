"""The store of one data folder: encrypted database, blob store, audit log, key status.

Layout of a data folder::

    mobile-case.db (+ -wal, -shm)   the SQLCipher database
    db.key                          only where no OS keyring exists (owner-only)
    blobs/                          the encrypted content-addressed files
    backups/                        encrypted database copies (before migrations, `db backup`)
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mobile_case.storage.audit import AuditLog
from mobile_case.storage.backup import BACKUP_DIR_NAME, backup_file
from mobile_case.storage.blobs import BlobStore
from mobile_case.storage.db import DB_FILE_NAME, Database
from mobile_case.storage.errors import StoreError
from mobile_case.storage.keys import KeyProvider, KeyringKeyProvider, KeyStatus
from mobile_case.storage.migrate import upgrade
from mobile_case.storage.models import CounterRow

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def default_clock() -> datetime:
    return datetime.now().replace(microsecond=0)


class Store:
    """Opened by :func:`open_store`; ``close()`` when done."""

    def __init__(
        self,
        data_dir: Path,
        db: Database,
        blobs: BlobStore,
        key_status: KeyStatus,
        clock: Clock,
        migration_backup: Path | None,
    ) -> None:
        self.data_dir = data_dir
        self.db = db
        self.blobs = blobs
        self.key_status = key_status
        self.clock = clock
        self.audit = AuditLog(db, clock)
        self.migration_backup = migration_backup

    @property
    def db_path(self) -> Path:
        return self.db.path

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_DIR_NAME

    def reader(self):  # noqa: ANN201 - context manager of Session
        return self.db.reader()

    def writer(self):  # noqa: ANN201
        return self.db.writer()

    def next_number(self, session: Session, name: str) -> int:
        """The next value of counter ``name`` (1, 2, …), inside the caller's write transaction."""
        row = session.get(CounterRow, name)
        if row is None:
            row = CounterRow(name=name, value=0)
            session.add(row)
        row.value += 1
        session.flush()
        return row.value

    def counter_value(self, name: str) -> int:
        with self.reader() as s:
            value = s.scalar(select(CounterRow.value).where(CounterRow.name == name))
        return value or 0

    def backup(self) -> Path:
        """An encrypted, verified copy of the database in ``backups/``."""
        return backup_file(self.db_path, self.db.key, self.backup_dir, reason="manual")

    def close(self) -> None:
        try:
            with self.db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
                conn.exec_driver_sql("PRAGMA optimize")
        except Exception:  # pragma: no cover - closing must not fail on an optimisation
            log.warning("PRAGMA optimize failed at close", exc_info=True)
        self.db.dispose()


def _make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32":
        try:
            os.chmod(path, 0o700)
        except OSError:  # pragma: no cover - a folder we do not own
            log.warning("cannot restrict the permissions of the data folder")


def open_store(
    data_dir: Path,
    key_provider: KeyProvider | None = None,
    clock: Clock | None = None,
    *,
    migrate_to: str = "head",
) -> Store:
    """Open (or create) the store in ``data_dir``, migrating the database to ``migrate_to``."""
    data_dir = Path(data_dir)
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError("data dir is not a folder", f"«{data_dir}» не є папкою даних.")
    _make_private_dir(data_dir)
    db_path = data_dir / DB_FILE_NAME
    exists = db_path.exists() and db_path.stat().st_size > 0
    provider = key_provider or KeyringKeyProvider()
    store_key = provider.get_key(data_dir, create=not exists)
    db = Database(db_path, store_key)
    try:
        backup = upgrade(db.engine, db_path, store_key, data_dir / BACKUP_DIR_NAME, target=migrate_to)
        blobs = BlobStore(data_dir / "blobs", store_key.key)
    except BaseException:
        db.dispose()
        raise
    _refresh_statistics(db)
    return Store(data_dir, db, blobs, store_key.status, clock or default_clock, backup)


def _refresh_statistics(db: Database) -> None:
    """Planner statistics, so that date-range journal queries use the date index on 100,000 cases:
    a first ANALYZE when there are none, then SQLite's own ``PRAGMA optimize`` (re-analyses only the
    tables that grew or shrank a lot). ``analysis_limit`` keeps it well under a second."""
    conn = db.raw_connection()
    try:
        conn.execute("PRAGMA analysis_limit = 1000")
        query = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
        has_stats = conn.execute(query).fetchone()[0]
        conn.execute("PRAGMA optimize = 0x10002" if has_stats else "ANALYZE")
    except Exception:  # statistics are an optimisation, never a reason not to open
        log.warning("could not refresh the planner statistics", exc_info=True)
    finally:
        conn.close()
