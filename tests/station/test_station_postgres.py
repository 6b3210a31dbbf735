"""The same station code on PostgreSQL (psycopg 3), against a real server started by the fixture."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from mobile_case.station.store import open_engine, recordings

from .conftest import HEAD_PIN, ServedStation, make_config


@pytest.fixture
def pg_db(postgres_url: str) -> Iterator[str]:
    name = "station_" + uuid.uuid4().hex[:12]
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield postgres_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_schema_is_created_and_versioned(pg_db: str) -> None:
    engine = open_engine(pg_db)
    try:
        with engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname='public'")}
        assert {"kits", "uploads", "packages", "recordings", "retention_runs", "station_meta"} <= tables
    finally:
        engine.dispose()
    open_engine(pg_db).dispose()  # opening again is harmless


def test_the_whole_path_on_postgresql(pg_db: str, tmp_path: Path) -> None:
    served = ServedStation(make_config(tmp_path / "station", db_url=pg_db))
    try:
        assert served.station.engine.dialect.name == "postgresql"
        served.station.add_account("head", "Керівник", "head", HEAD_PIN)
        kit = served.kit(tmp_path)
        try:
            recording = os.urandom(1_500_000)
            old_day = (date.today() - timedelta(days=95)).isoformat()
            pkg = kit.seal([("application_pdf", "заява.pdf", b"%PDF-1.7 pg"), ("recording", "v.mkv", recording)],
                           service_date=old_day)
            kit.upload_package(pkg, chunk=256 * 1024)
            first = kit.commit(pkg)
            assert first.status_code == 200, first.text
            kit.verify_receipt(pkg, first.json())
            again = kit.request("POST", f"/api/v1/packages/{pkg.package_id}/commit", first.request.content,
                                headers={"Idempotency-Key": pkg.package_id})
            assert again.json() == first.json()
            # a replayed request (same nonce) is refused by the PostgreSQL nonce table too
            headers = {"Tus-Resumable": "1.0.0", "Upload-Length": "1", "Authorization": kit.auth("POST", "/files/")}
            assert kit.http.post("/files/", headers=headers).status_code == 201
            assert kit.http.post("/files/", headers=headers).json()["error"] == "replay"

            head = served.office("head", HEAD_PIN)
            try:
                cases = head.get("/api/v1/office/cases").json()
                assert [c["package_id"] for c in cases] == [pkg.package_id]
                assert head.get("/api/v1/office/journals/services").json()[0]["line"]["number"] == 1
                rec_id = head.get("/api/v1/office/recordings").json()[0]["recording_id"]
                link = head.post(f"/api/v1/office/recordings/{rec_id}/open", json={"reason": "контроль"}).json()
                assert hashlib.sha256(head.get(link["download"]).content).hexdigest() == hashlib.sha256(recording).hexdigest()
            finally:
                head.close()
            proof = served.station.run_retention(trigger="manual")
            assert [d["recording_id"] for d in proof["destroyed"]] == [rec_id]
            with served.station.engine.connect() as conn:
                assert conn.execute(select(recordings.c.destroyed_at)).scalar_one() is not None
        finally:
            kit.close()
    finally:
        served.stop()
