"""`mobile-case db backup`: an encrypted, verified copy that opens with the same key only."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mobile_case.storage import StaticKeyProvider, StoreError, backup, open_store
from mobile_case.storage.db import DB_FILE_NAME, raw_connect

KEY = StaticKeyProvider(bytes.fromhex("44" * 32))


def test_backup_copy_is_encrypted_consistent_and_opens_with_the_key(tmp_path):
    data = tmp_path / "data"
    store = open_store(data, KEY)
    with store.writer() as s:
        s.execute(text("INSERT INTO counters VALUES ('request-2026', 17)"))
    # taken while the store is open (WAL not checkpointed): the copy has the committed data
    path = backup(data, KEY)
    second = store.backup()
    store.close()
    assert path.parent == data / "backups" and path.suffix == ".db" and path != second
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and b"request-2026" not in raw
    conn = raw_connect(path, KEY.get_key(data, create=False))
    try:
        assert conn.execute("SELECT value FROM counters").fetchone()[0] == 17
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    with pytest.raises(StoreError):
        raw_connect(path, StaticKeyProvider(bytes(32)).get_key(data, create=False))
    assert not list((data / "backups").glob("*.part"))


def test_backup_of_a_folder_without_database(tmp_path):
    with pytest.raises(StoreError) as exc:
        backup(tmp_path, KEY)
    assert "нічого копіювати" in exc.value.user_message


def test_backup_with_the_default_key_provider(tmp_path):
    data = tmp_path / "data"
    open_store(data).close()  # key in db.key (tests run without an OS keyring)
    path = backup(data)
    assert path.exists() and (data / DB_FILE_NAME).exists()
