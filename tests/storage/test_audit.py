"""The audit log is append-only (SQLite triggers) and refuses free text in its details."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from mobile_case.storage import StaticKeyProvider, open_store
from mobile_case.storage.db import DB_FILE_NAME, raw_connect


@pytest.fixture
def store(tmp_path):
    s = open_store(
        tmp_path / "data", StaticKeyProvider(bytes(range(32))), lambda: datetime(2026, 3, 4, 9, 15)
    )
    yield s
    s.close()


def test_append_and_read_back(store):
    store.audit.append("user-1", "request_registered", "request", "req-1", {"number": "МК-2026-0001"})
    store.audit.append("user-2", "login", "user", "user-2")
    entries = store.audit.entries()
    assert [e.action for e in entries] == ["login", "request_registered"]
    assert entries[1].details == {"number": "МК-2026-0001"}
    assert entries[1].at == datetime(2026, 3, 4, 9, 15) and entries[1].actor_id == "user-1"
    assert [e.action for e in store.audit.entries(entity_id="req-1")] == ["request_registered"]
    assert [e.action for e in store.audit.entries(actor_id="user-2")] == ["login"]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET action = 'nothing'",
        "DELETE FROM audit_log",
        "UPDATE audit_log SET details = '{}' WHERE seq = 1",
    ],
)
def test_entries_cannot_be_changed_or_deleted(store, statement):
    store.audit.append("user-1", "login", "user", "user-1")
    with pytest.raises(sqlalchemy.exc.IntegrityError) as exc:
        with store.writer() as s:
            s.execute(text(statement))
    assert "append-only" in str(exc.value)
    # not through a raw connection either
    conn = raw_connect(store.data_dir / DB_FILE_NAME, store.db.key)
    try:
        with pytest.raises(Exception, match="append-only"):
            conn.execute(statement)
    finally:
        conn.close()
    assert [e.action for e in store.audit.entries()] == ["login"]


def test_free_text_is_refused_in_details(store):
    with pytest.raises(ValueError):
        store.audit.append("u", "request_saved", "request", "r", {"note": "Коваль Марія Іванівна, " * 5})
    with pytest.raises(ValueError):
        store.audit.append("u", "request_saved", "request", "r", {"nested": {"a": 1}})
    assert store.audit.entries() == []


def test_an_entry_written_with_a_change_rolls_back_with_it(store):
    with pytest.raises(RuntimeError):
        with store.writer() as s:
            store.audit.append("u", "something", "request", "r", session=s)
            raise RuntimeError
    assert store.audit.entries() == []
