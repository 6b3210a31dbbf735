"""The encrypted database: encrypted at rest, a wrong key or a foreign file fails clearly and leaves the
file untouched, the durability pragmas, foreign keys."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from mobile_case.domain.model import new_id
from mobile_case.storage import StaticKeyProvider, StoreError, open_store
from mobile_case.storage.db import DB_FILE_NAME

KEY = StaticKeyProvider(bytes.fromhex("11" * 32))
OTHER_KEY = StaticKeyProvider(bytes.fromhex("22" * 32))


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def closed_store(tmp_path) -> Path:
    data = tmp_path / "data"
    store = open_store(data, KEY)
    with store.writer() as s:
        s.execute(text("INSERT INTO counters(name, value) VALUES ('secret-counter-ШЕВЧЕНКО', 7)"))
    store.close()
    return data


def test_the_file_is_encrypted_at_rest(closed_store):
    raw = (closed_store / DB_FILE_NAME).read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"secret-counter" not in raw and "ШЕВЧЕНКО".encode() not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(closed_store / DB_FILE_NAME).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_key_is_a_clear_error_and_the_file_is_untouched(closed_store):
    before = _snapshot(closed_store)
    with pytest.raises(StoreError) as exc:
        open_store(closed_store, OTHER_KEY)
    assert "ключ шифрування не підходить" in exc.value.user_message
    assert "Файл залишено без змін" in exc.value.user_message
    assert _snapshot(closed_store) == before  # no -wal/-shm made, nothing rewritten or migrated
    store = open_store(closed_store, KEY)  # the right key still opens it
    with store.reader() as s:
        assert s.execute(text("SELECT value FROM counters")).scalar() == 7
    store.close()


@pytest.mark.parametrize("content", [os.urandom(8192), b"hello, not a database" * 100])
def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path, content):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILE_NAME).write_bytes(content)
    before = _snapshot(data)
    with pytest.raises(StoreError) as exc:
        open_store(data, KEY)
    assert "не є базою даних" in exc.value.user_message
    assert _snapshot(data) == before


def test_a_plain_unencrypted_sqlite_file_is_refused_and_untouched(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    plain = sqlite3.connect(data / DB_FILE_NAME)
    plain.execute("CREATE TABLE t(x)")
    plain.commit()
    plain.close()
    before = _snapshot(data)
    with pytest.raises(StoreError):
        open_store(data, KEY)
    assert _snapshot(data) == before


def test_pragmas_on_every_pooled_connection(tmp_path):
    store = open_store(tmp_path / "data", KEY)
    try:
        for _ in range(2):
            with store.db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
                assert conn.exec_driver_sql("PRAGMA cipher_version").scalar()
    finally:
        store.close()


def test_foreign_keys_are_enforced(tmp_path):
    store = open_store(tmp_path / "data", KEY)
    try:
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            with store.writer() as s:
                s.execute(
                    text(
                        "INSERT INTO visits(id, outing_id, request_id, ord, case_number, data)"
                        " VALUES (:id, 'no-outing', 'no-request', 1, '', '{}')"
                    ),
                    {"id": new_id()},
                )
    finally:
        store.close()


def test_a_failed_write_transaction_leaves_nothing(tmp_path):
    store = open_store(tmp_path / "data", KEY)
    try:
        with pytest.raises(RuntimeError):
            with store.writer() as s:
                store.next_number(s, "n")
                raise RuntimeError("boom")
        assert store.counter_value("n") == 0
        with store.writer() as s:
            assert [store.next_number(s, "n") for _ in range(3)] == [1, 2, 3]
        assert store.counter_value("n") == 3
    finally:
        store.close()


def test_a_file_in_place_of_the_data_folder(tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError):
        open_store(path, KEY)
