"""What a service call saved is on disk when the call returns — seen by another connection, and by a
new process after the writer was killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mobile_case.domain.model import CaseState, RequestChannel
from mobile_case.storage.db import DB_FILE_NAME, raw_connect
from mobile_case.storage.keys import FileKeyProvider


def test_a_saved_draft_is_visible_to_a_second_connection(app, team, login, fill, tmp_path):
    login("admin")
    req = fill(app.requests.new_draft(RequestChannel.PHONE))
    req.address.door_code = "77К"
    app.requests.save_draft(req)
    # A separate driver connection, not through the engine's pool.
    key = FileKeyProvider().get_key(app.store.data_dir, create=False)
    other = raw_connect(app.store.data_dir / DB_FILE_NAME, key)
    try:
        state, data = other.execute("SELECT state, data FROM requests WHERE id = ?", (req.id,)).fetchone()
        audit = other.execute(
            "SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq", (req.id,)
        ).fetchall()
    finally:
        other.close()
    assert state == "draft"
    assert json.loads(data)["address"]["door_code"] == "77К"
    assert [a for (a,) in audit] == ["request_created", "request_saved"]


def test_durability_settings(app):
    with app.store.db.engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert driver.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert driver.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert driver.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from argon2 import PasswordHasher
    from mobile_case.storage import pins
    pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    from mobile_case.domain.model import Address, Person, RequestChannel
    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services

    app = build_services(Path(sys.argv[1]), default_profile())
    app.auth.create_first_head("head", "Петренко Олена Іванівна", "240607")
    app.auth.login("head", "240607")
    req = app.requests.new_draft(RequestChannel.PHONE)
    req.subject = Person(surname="Коваль", given_name="Марія", phone="+380671234567")
    req.address = Address(street="вул. Шевченка", house="12", door_code="15К", access_notes="3 поверх")
    app.requests.save_draft(req)
    print("SAVED", req.id, flush=True)
    time.sleep(60)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_after_save_loses_nothing(tmp_path: Path, profile):
    data = tmp_path / "data"
    env = dict(os.environ)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("SAVED "), line
        request_id = line.split()[1]
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert (data / (DB_FILE_NAME + "-wal")).exists()  # not checkpointed: the WAL is what survives

    from mobile_case.services import build_services

    app = build_services(data, profile)
    try:
        app.auth.login("head", "240607")
        req = app.requests.get(request_id)
        assert req.state == CaseState.DRAFT
        assert req.subject.surname == "Коваль" and req.address.door_code == "15К"
        assert req.address.access_notes == "3 поверх"
    finally:
        app.close()
