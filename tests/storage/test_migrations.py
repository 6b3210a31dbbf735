"""Migrations: an old database (revision 0001, committed fixture and a freshly made one) filled with
data, upgraded to head at start-up, nothing lost, a backup taken first; the schema equals the models."""

from __future__ import annotations

import shutil
import stat
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from mobile_case.domain.model import ActReason, CaseState, HandoverDirection
from mobile_case.services import JournalFilter, build_services
from mobile_case.storage import StaticKeyProvider, StoreError, open_store
from mobile_case.storage.db import DB_FILE_NAME, raw_connect
from mobile_case.storage.keys import FileKeyProvider
from mobile_case.storage.migrate import current_revision, head_revision
from mobile_case.storage.models import Base

FIXTURE = Path(__file__).parents[1] / "fixtures" / "storage" / "rev0001"
KEY = StaticKeyProvider(bytes.fromhex("33" * 32))


def _revision_of(path: Path, key) -> str:  # noqa: ANN001
    conn = raw_connect(path, key)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def _counts(path: Path, key) -> dict[str, int]:  # noqa: ANN001
    conn = raw_connect(path, key)
    try:
        tables = [
            "users",
            "requests",
            "outings",
            "escorts",
            "visits",
            "acts",
            "handover_entries",
            "files",
            "audit_log",
            "counters",
        ]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


@pytest.fixture
def old_store(tmp_path) -> Path:
    """A copy of the committed revision-0001 database with its key file."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def test_head_is_the_newest_revision_file():
    # the head follows the newest file in versions/ (0003 maintenance log, later rooms' migrations after it)
    versions = Path(__file__).parents[2] / "src" / "mobile_case" / "storage" / "migrations" / "versions"
    newest = max(p.name.split("_", 1)[0] for p in versions.glob("0*.py"))
    assert head_revision() == newest


def test_committed_fixture_is_at_revision_0001_with_data(old_store):
    key = FileKeyProvider().get_key(old_store, create=False)
    assert _revision_of(old_store / DB_FILE_NAME, key) == "0001"
    counts = _counts(old_store / DB_FILE_NAME, key)
    assert counts == {
        "users": 2,
        "requests": 3,
        "outings": 1,
        "escorts": 1,
        "visits": 2,
        "acts": 1,
        "handover_entries": 1,
        "files": 1,
        "audit_log": 4,
        "counters": 5,
    }


def test_fixture_upgrades_with_a_backup_and_loses_nothing(old_store, profile):
    key = FileKeyProvider().get_key(old_store, create=False)
    before = _counts(old_store / DB_FILE_NAME, key)
    original = (old_store / DB_FILE_NAME).read_bytes()

    app = build_services(old_store, profile, clock=lambda: datetime(2026, 3, 4, 9, 0))
    try:
        backup = app.store.migration_backup
        assert backup is not None and backup.parent == old_store / "backups"
        assert f"before-{head_revision()}" in backup.name
        # the backup is the old database: same key, revision 0001, same rows
        assert _revision_of(backup, key) == "0001"
        assert _counts(backup, key) == before
        assert not backup.read_bytes().startswith(b"SQLite format 3")  # encrypted like the original
        assert current_revision(app.store.db.engine) == head_revision()
        assert _counts(old_store / DB_FILE_NAME, key) == before

        # every entity reads back through the services, unchanged
        app.auth.login("kerivnyk", "240607")
        done = app.requests.get("7e3c1a52-3f0b-4b8e-a1a9-2d6e4c5f0001")
        assert (done.number, done.state) == ("МК-2026-0001", CaseState.COMPLETED)
        assert done.subject.full_name == "Коваль Марія Іванівна"
        assert done.subject.birth_date == date(1941, 5, 12)
        assert done.address.door_code == "12К" and done.consents.recording is True
        # revision 0002 filled the text filter for the old rows (Cyrillic case-folded)
        assert [r.number for r in app.requests.list(text="ґалаґан")] == ["МК-2026-0003"]
        assert [r.number for r in app.requests.list(text="мк-2026-0002")] == ["МК-2026-0002"]

        outing = app.outings.get("9a4f2b61-8c7d-4e5f-b6a7-1c2d3e4f0001")
        assert outing.date == date(2026, 3, 3) and outing.departure == time(9, 0)
        assert [e.full_name for e in outing.escorts] == ["Кушнір Олег Романович"]
        visits = app.outings.visits(outing.id)
        assert [v.case_number for v in visits] == ["МК-С-2026-0001", ""]
        assert visits[0].identification.verified and visits[0].opened_at == datetime(2026, 3, 3, 9, 35)
        [act] = app.acts.for_request("7e3c1a52-3f0b-4b8e-a1a9-2d6e4c5f0002")
        assert act.number == "1/2026" and act.reason == ActReason.NO_RECORDING_CONSENT
        [handover] = app.outings.handovers(outing.id)
        assert handover.direction == HandoverDirection.ISSUE and handover.kit_items_checked == [
            "laptop",
            "printer",
        ]
        lines = app.journals.services(JournalFilter())
        assert [(e.number, e.outcome) for e in lines] == [(1, "completed"), (2, "impossible")]
        assert [f.name for f in app.documents.files(done.id)] == ["zayava-MK-2026-0001.pdf"]
        old_audit = [e.action for e in app.store.audit.entries() if e.at < datetime(2026, 3, 4)]
        assert old_audit == ["act_drawn_up", "visit_completed", "request_registered", "login"]

        # numbering continues where the old database left off
        waiting = app.requests.get("7e3c1a52-3f0b-4b8e-a1a9-2d6e4c5f0003")
        assert waiting.state == CaseState.REGISTERED
        assert app.store.counter_value("request-2026") == 3
    finally:
        app.close()
    assert original != (old_store / DB_FILE_NAME).read_bytes()

    # opening again migrates nothing and takes no new backup
    again = open_store(old_store)
    assert again.migration_backup is None
    again.close()
    assert len(list((old_store / "backups").iterdir())) == 1


def test_migrated_schema_equals_the_models_and_keeps_the_audit_triggers(old_store):
    store = open_store(old_store)
    try:
        with store.db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            assert diff == []
            triggers = {
                r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
            }
            assert triggers == {"audit_log_no_update", "audit_log_no_delete"}
            assert "ix_requests_state_created_at" in {
                i["name"] for i in inspect(conn).get_indexes("requests")
            }
    finally:
        store.close()


def test_new_database_is_created_at_head_without_a_backup(tmp_path):
    store = open_store(tmp_path / "data", KEY)
    try:
        assert store.migration_backup is None
        assert current_revision(store.db.engine) == head_revision()
        with store.db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        store.close()
    assert not (tmp_path / "data" / "backups").exists()


def test_fresh_revision_1_database_filled_then_upgraded(tmp_path):
    data = tmp_path / "data"
    store = open_store(data, KEY, migrate_to="0001")
    assert current_revision(store.db.engine) == "0001"
    with store.writer() as s:
        s.execute(
            text(
                "INSERT INTO requests(id, number, state, channel, created_at, settlement_code, category_code,"
                " subject_name, data) VALUES ('r1', 'МК-2026-0042', 'draft', 'phone', '2026-03-01 10:00:00.000000',"
                " 'bila', 'age_70', 'Шевчук Надія', :data)"
            ),
            {"data": '{"subject": {"surname": "Шевчук", "given_name": "Надія", "phone": "+380931234507"}}'},
        )
        s.execute(text("INSERT INTO counters VALUES ('request-2026', 42)"))
    store.close()

    store = open_store(data, KEY)
    try:
        assert store.migration_backup is not None
        with store.reader() as s:
            row = s.execute(text("SELECT number, subject_name, search_text FROM requests")).one()
        assert row.number == "МК-2026-0042" and row.subject_name == "Шевчук Надія"
        assert row.search_text == "мк-2026-0042 шевчук надія +380931234507"
        assert store.counter_value("request-2026") == 42
    finally:
        store.close()


def test_a_failing_migration_changes_nothing_and_the_backup_is_there(tmp_path):
    data = tmp_path / "data"
    store = open_store(data, KEY, migrate_to="0001")
    with store.writer() as s:
        s.execute(
            text(
                "INSERT INTO requests(id, state, channel, created_at, settlement_code, category_code,"
                " subject_name, data) VALUES ('bad', 'draft', 'phone', '2026-03-01 10:00:00.000000', '', '',"
                " '', 'this is not JSON')"
            )
        )
    store.close()
    with pytest.raises(StoreError) as exc:
        open_store(data, KEY)
    [backup] = (data / "backups").iterdir()
    assert str(backup) in exc.value.user_message and "Дані не змінено" in exc.value.user_message
    key = KEY.get_key(data, create=False)
    assert _revision_of(backup, key) == "0001"
    assert _revision_of(data / DB_FILE_NAME, key) == "0001"  # rolled back as a whole
    conn = raw_connect(data / DB_FILE_NAME, key)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(requests)")]
    finally:
        conn.close()
    assert "search_text" not in columns


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    data = tmp_path / "data"
    store = open_store(data, KEY)
    with store.writer() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    store.close()
    before = (data / DB_FILE_NAME).read_bytes()
    with pytest.raises(StoreError) as exc:
        open_store(data, KEY)
    assert "новішою версією" in exc.value.user_message
    assert (data / DB_FILE_NAME).read_bytes() == before
    assert not (data / "backups").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_key_file_readable_by_others_is_restricted(old_store):
    (old_store / "db.key").chmod(0o644)
    FileKeyProvider().get_key(old_store, create=False)
    assert stat.S_IMODE((old_store / "db.key").stat().st_mode) == 0o600
