"""The office API (head-only recordings archive with an access log) and retention with its proof."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import date, timedelta

import httpx
from sqlalchemy import select

from mobile_case.station import cli as station_cli
from mobile_case.station.store import recording_access, recordings
from mobile_case.sync import protocol

from .conftest import ADMIN_PIN, HEAD_PIN, ServedStation
from .kitsim import TestKit


def _with_recording(kit: TestKit, service_date: str, size: int = 300_000) -> bytes:
    recording = os.urandom(size)
    pkg = kit.seal([("recording", "visit.mkv", recording)], service_date=service_date)
    kit.upload_package(pkg)
    assert kit.commit(pkg).status_code == 200
    return recording


def test_login_and_wrong_pin(served: ServedStation) -> None:
    client = httpx.Client(base_url=served.url, verify=served.ssl_context())
    try:
        r = client.post("/api/v1/office/login", json={"login": "head", "pin": "000001"})
        assert r.status_code == 401 and r.json()["error"] == "login_failed"
        assert client.get("/api/v1/office/kits").status_code == 401
        for _ in range(5):
            client.post("/api/v1/office/login", json={"login": "admin", "pin": "9999"})
        locked = client.post("/api/v1/office/login", json={"login": "admin", "pin": ADMIN_PIN})
        assert locked.status_code == 423 and locked.json()["error"] == "account_locked"
    finally:
        client.close()


def test_head_opens_a_recording_with_a_reason_and_it_is_logged(served: ServedStation, kit: TestKit) -> None:
    recording = _with_recording(kit, "2026-12-01")
    head = served.office("head", HEAD_PIN)
    try:
        listed = head.get("/api/v1/office/recordings").json()
        assert len(listed) == 1 and listed[0]["keep_until"] == "2027-03-01"
        rec_id = listed[0]["recording_id"]
        no_reason = head.post(f"/api/v1/office/recordings/{rec_id}/open", json={"reason": ""})
        assert no_reason.status_code == 422 and no_reason.json()["error"] == "reason_required"
        opened = head.post(f"/api/v1/office/recordings/{rec_id}/open", json={"reason": "Скарга заявника від 02.12"})
        assert opened.status_code == 200
        data = head.get(opened.json()["download"])
        assert data.status_code == 200 and data.content == recording
        assert data.headers["x-content-sha256"] == hashlib.sha256(recording).hexdigest()
        assert head.get(opened.json()["download"]).status_code == 404  # single use
        log = head.get("/api/v1/office/access-log").json()
        assert log[0]["login"] == "head" and log[0]["reason"] == "Скарга заявника від 02.12"
        assert log[0]["recording_id"] == rec_id and log[0]["at"].endswith("Z")
    finally:
        head.close()


def test_a_non_head_account_cannot_open_a_recording(served: ServedStation, kit: TestKit) -> None:
    _with_recording(kit, "2026-12-01")
    with served.station.engine.connect() as conn:
        rec_id = conn.execute(select(recordings.c.recording_id)).scalar_one()
    admin = served.office("admin", ADMIN_PIN)
    try:
        assert admin.get("/api/v1/office/kits").status_code == 200  # the office itself is open to them
        assert admin.get("/api/v1/office/cases").status_code == 200
        for resp in (
            admin.get("/api/v1/office/recordings"),
            admin.post(f"/api/v1/office/recordings/{rec_id}/open", json={"reason": "цікаво"}),
            admin.get("/api/v1/office/access-log"),
            admin.get("/api/v1/office/retention"),
            admin.post("/api/v1/office/pair-codes"),
        ):
            assert resp.status_code == 403 and resp.json()["error"] == "head_only"
    finally:
        admin.close()
    with served.station.engine.connect() as conn:
        assert conn.execute(select(recording_access)).all() == []


def test_a_download_link_belongs_to_the_head_who_opened_it(served: ServedStation, kit: TestKit) -> None:
    _with_recording(kit, "2026-12-01")
    served.station.add_account("head2", "Заступник", "head", "739164")
    head = served.office("head", HEAD_PIN)
    other = served.office("head2", "739164")
    try:
        rec_id = head.get("/api/v1/office/recordings").json()[0]["recording_id"]
        link = head.post(f"/api/v1/office/recordings/{rec_id}/open", json={"reason": "перевірка"}).json()["download"]
        assert other.get(link).status_code == 404
        assert httpx.get(served.url + link, verify=served.ssl_context()).status_code == 401
    finally:
        head.close()
        other.close()


def test_retention_destroys_recordings_older_than_three_months_and_proves_it(served: ServedStation, kit: TestKit) -> None:
    today = date.today()
    old_day = (today - timedelta(days=100)).isoformat()
    recent_day = (today - timedelta(days=10)).isoformat()
    old = _with_recording(kit, old_day)
    _with_recording(kit, recent_day)
    with served.station.engine.connect() as conn:
        rows = {str(r.service_date): r for r in conn.execute(select(recordings))}
    old_row = rows[old_day]
    old_path = served.station.config.archive_dir / f"{old_row.recording_id}.mkenc"
    assert old_path.exists()

    proof = served.station.run_retention(trigger="manual")
    assert [d["recording_id"] for d in proof["destroyed"]] == [old_row.recording_id]
    assert proof["destroyed"][0]["sha256"] == hashlib.sha256(old).hexdigest()
    assert not old_path.exists()
    assert (served.station.config.archive_dir / f"{rows[recent_day].recording_id}.mkenc").exists()
    # the proof is signed by the station
    protocol.verify_doc(proof, served.station.identity.sign_pub)

    head = served.office("head", HEAD_PIN)
    try:
        log = head.get("/api/v1/office/retention").json()
        assert log[0]["destroyed"][0]["recording_id"] == old_row.recording_id
        assert [r["service_date"] for r in head.get("/api/v1/office/recordings").json()] == [recent_day]
        everything = head.get("/api/v1/office/recordings", params={"include_destroyed": True}).json()
        assert {r["service_date"]: bool(r["destroyed_at"]) for r in everything} == {old_day: True, recent_day: False}
        gone = head.post(f"/api/v1/office/recordings/{old_row.recording_id}/open", json={"reason": "перевірка"})
        assert gone.status_code == 410
    finally:
        head.close()
    # a second run destroys nothing more, and is itself recorded
    again = served.station.run_retention()
    assert again["destroyed"] == [] and len(served.station.retention_log()) == 2


def test_cli_retention_run_and_kits(served: ServedStation, kit: TestKit, capsys) -> None:
    _with_recording(kit, (date.today() - timedelta(days=120)).isoformat())
    args = ["station", "retention", "--run", "--data-dir", str(served.station.config.data_dir)]
    from mobile_case.cli import main

    assert main(args) == 0
    out = capsys.readouterr().out
    assert "знищено записів — 1" in out
    assert main(["station", "kits", "--data-dir", str(served.station.config.data_dir)]) == 0
    assert kit.kit_id in capsys.readouterr().out
    assert main(["station", "revoke", kit.kit_id, "--data-dir", str(served.station.config.data_dir)]) == 0
    assert kit.tus_create(1, {}).status_code == 403
    assert station_cli.PIN_ENV == "MOBILE_CASE_PIN"


def test_orphaned_archive_files_are_swept(served: ServedStation, kit: TestKit) -> None:
    """An archive file no recording row names (a crash before the database commit) does not outlive the
    retention limit: the daily job removes it once it is older than an hour; real recordings stay."""
    _with_recording(kit, "2026-12-01")
    archive = served.station.config.archive_dir
    orphan = archive / "00000000-0000-0000-0000-000000000000.mkenc"
    orphan.write_bytes(b"MKSTREAM1" + os.urandom(100))
    assert served.station.sweep_orphans() == 0  # young: may belong to a commit in progress
    old = time.time() - 7200
    os.utime(orphan, (old, old))
    kept = [p for p in archive.glob("*.mkenc") if p != orphan]
    for p in kept:
        os.utime(p, (old, old))
    stale_upload = served.station.config.uploads_dir / "feedfacefeedfacefeedfacefeedface.part"
    stale_upload.write_bytes(b"x")
    os.utime(stale_upload, (old, old))
    live = kit.tus_create(10, {}).headers["location"].rsplit("/", 1)[-1]
    os.utime(served.station.upload_path(live), (old, old))
    assert served.station.sweep_orphans() == 2
    assert not orphan.exists() and all(p.exists() for p in kept) and len(kept) == 1
    assert not stale_upload.exists() and served.station.upload_path(live).exists()


def test_office_client_pins_a_remote_station(served: ServedStation, kit: TestKit, tmp_path) -> None:  # noqa: ANN001
    import pytest

    from mobile_case.station.office_client import OfficeClient, OfficeError

    _with_recording(kit, "2026-12-01")
    remote = OfficeClient(served.url, served.station.identity.cert_sha256, None)  # no cert file: read + pinned
    try:
        remote.login("head", HEAD_PIN)
        assert remote.is_head and len(remote.cases()) == 1
        rec = remote.recordings()[0]
        played = remote.open_recording(rec["recording_id"], "перевірка", tmp_path / "play")
        assert hashlib.sha256(played.read_bytes()).hexdigest() == rec["sha256"]
        assert (played.stat().st_mode & 0o777) == 0o600
    finally:
        remote.close()
    admin = OfficeClient(served.url, served.station.identity.cert_sha256, None)
    try:
        admin.login("admin", ADMIN_PIN)
        with pytest.raises(OfficeError) as refused:
            admin.open_recording(rec["recording_id"], "цікаво", tmp_path / "x")
        assert refused.value.code == "head_only" and "керівник" in refused.value.user_message
    finally:
        admin.close()
    impostor = OfficeClient(served.url, "ab" * 32, None)
    with pytest.raises(OfficeError) as changed:
        impostor.login("head", HEAD_PIN)
    assert changed.value.code == "certificate_changed"
    down = OfficeClient("https://127.0.0.1:9", "ab" * 32, None)
    with pytest.raises(OfficeError) as unreachable:
        down.kits()
    assert unreachable.value.code == "unreachable" and "не відповідає" in unreachable.value.user_message
