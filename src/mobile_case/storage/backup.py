"""Encrypted copies of the database (before a migration, and on request: ``mobile-case db backup``).

The copy is made with SQLite's online backup API from a live connection into a new file keyed with the
same key, so it is encrypted exactly like the original and consistent even while the app is writing.
The copy is then opened and checked (``PRAGMA quick_check``) before it counts as a backup.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from mobile_case.storage.db import raw_connect
from mobile_case.storage.errors import StoreError
from mobile_case.storage.keys import KeyProvider, StoreKey

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"


def backup_path(backup_dir: Path, reason: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = f"mobile-case-{stamp}-{reason}"
    path = backup_dir / f"{base}.db"
    n = 1
    while path.exists():
        n += 1
        path = backup_dir / f"{base}-{n}.db"
    return path


def copy_database(source: sqlcipher.Connection, key: StoreKey, dest: Path) -> Path:
    """Copy the open, keyed ``source`` into the new file ``dest`` (same key); verify; fsync."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    target = sqlcipher.connect(str(tmp), isolation_level=None)
    try:
        target.execute("PRAGMA cipher_log_level = NONE")
        target.execute(f"PRAGMA key = \"x'{key.hex}'\"")
        source.backup(target)
    finally:
        target.close()
    check = raw_connect(tmp, key)
    try:
        result = check.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        tmp.unlink(missing_ok=True)
        raise StoreError(
            "backup copy failed its integrity check",
            "Резервна копія бази даних пошкоджена під час створення. Спробуйте ще раз.",
        )
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    return dest


def backup_file(db_path: Path, key: StoreKey, backup_dir: Path, reason: str = "manual") -> Path:
    """Back up the database at ``db_path`` into ``backup_dir``; returns the new file."""
    source = raw_connect(db_path, key)
    try:
        dest = copy_database(source, key, backup_path(backup_dir, reason))
    finally:
        source.close()
    log.info("database backed up (%s) to %s", reason, dest.name)
    return dest


def backup(data_dir: Path, key_provider: KeyProvider | None = None) -> Path:
    """``mobile-case db backup``: an encrypted, verified copy of the database of ``data_dir`` in
    ``data_dir/backups/``. Nothing is migrated or changed; the copy opens with the same key."""
    from mobile_case.storage.db import DB_FILE_NAME
    from mobile_case.storage.keys import KeyringKeyProvider

    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILE_NAME
    if not db_path.exists():
        raise StoreError(
            "no database to back up",
            f"У папці даних «{data_dir}» немає бази даних «Мобільного кейсу» — нічого копіювати.",
        )
    key = (key_provider or KeyringKeyProvider()).get_key(data_dir, create=False)
    return backup_file(db_path, key, data_dir / BACKUP_DIR_NAME, reason="manual")
