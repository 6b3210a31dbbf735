"""Package commits: receipts, idempotency, storage (documents content-addressed, recordings encrypted in the
archive), merged journals, and the refusals (tampered, replayed/conflicting, incomplete)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy import func, select

from mobile_case.station.store import journal_lines, package_files, packages, recordings, uploads
from mobile_case.sync import protocol

from .conftest import ServedStation
from .kitsim import TestKit

PDF = b"%PDF-1.7\n" + b"application form " * 500


def _deliver(kit: TestKit, files=None, **seal_kw):  # noqa: ANN001, ANN003, ANN202
    pkg = kit.seal(files if files is not None else [("application_pdf", "заява.pdf", PDF)], **seal_kw)
    kit.upload_package(pkg)
    return pkg, kit.commit(pkg)


def _count(served: ServedStation, table) -> int:  # noqa: ANN001
    with served.station.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_commit_stores_everything_and_answers_a_signed_receipt(served: ServedStation, kit: TestKit) -> None:
    recording = os.urandom(3 * 1024 * 1024 + 17)  # more than one stream segment
    pkg, resp = _deliver(kit, [("application_pdf", "заява.pdf", PDF), ("recording", "visit.mkv", recording)])
    assert resp.status_code == 200, resp.text
    receipt = resp.json()
    kit.verify_receipt(pkg, receipt)  # the station's signature and every hash as sealed
    assert receipt["station_id"] == served.station.identity.station_id
    # the document: content-addressed, hash-identical
    doc = served.station.document_path(hashlib.sha256(PDF).hexdigest())
    assert doc.read_bytes() == PDF
    # the recording: only in the archive, encrypted with the station's key
    with served.station.engine.connect() as conn:
        rec = conn.execute(select(recordings)).one()
    archived = (served.station.config.archive_dir / f"{rec.recording_id}.mkenc").read_bytes()
    assert archived.startswith(b"MKSTREAM1") and recording[:4096] not in archived
    assert hashlib.sha256(archived).hexdigest() == rec.archive_sha256
    assert rec.sha256 == hashlib.sha256(recording).hexdigest() and str(rec.service_date) == "2026-12-01"
    plain = b"".join(served.station.decrypt_recording(rec, served.station.config.archive_dir / f"{rec.recording_id}.mkenc"))
    assert plain == recording
    assert not any(served.station.config.documents_dir.rglob(hashlib.sha256(recording).hexdigest()))
    # uploads are consumed
    assert _count(served, uploads) == 0 and not list(served.station.config.uploads_dir.iterdir())
    assert not list(served.station.config.spool_dir.iterdir())


def test_the_same_commit_again_gives_the_same_receipt_and_stores_nothing_twice(served: ServedStation, kit: TestKit) -> None:
    pkg, first = _deliver(kit)
    # a fresh envelope wraps the key anew: a different envelope under the same id → conflict
    again = kit.commit(pkg)
    assert again.status_code == 409 and again.json()["error"] == "package_conflict"
    # the kit lost the answer and sends its identical envelope again → the same receipt
    body = first.request.content
    same = kit.request("POST", f"/api/v1/packages/{pkg.package_id}/commit", body,
                       headers={"Idempotency-Key": pkg.package_id})
    assert same.status_code == 200 and same.json() == first.json()
    assert _count(served, packages) == 1 and _count(served, package_files) == 1
    assert _count(served, journal_lines) == 2  # one services line + the outing's hand-over line


def test_a_replayed_package_from_another_kit_is_refused(served: ServedStation, kit: TestKit, tmp_path: Path) -> None:
    pkg, first = _deliver(kit)
    assert first.status_code == 200
    other = served.kit(tmp_path, "Кейс №2")
    try:
        body = first.request.content  # the captured envelope, re-sent by another kit
        r = other.request("POST", f"/api/v1/packages/{pkg.package_id}/commit", body,
                          headers={"Idempotency-Key": pkg.package_id})
        assert r.status_code == 422 and r.json()["error"] == "package_tampered"
    finally:
        other.close()


def test_a_tampered_file_is_refused(served: ServedStation, kit: TestKit) -> None:
    pkg = kit.seal([("application_pdf", "заява.pdf", PDF)])
    # flip one byte of the encrypted file and fix its hashes in the manifest's view: the envelope
    # still names the original hash → the upload does not match
    data = bytearray(pkg.files[0].path.read_bytes())
    data[40] ^= 1
    pkg.files[0].path.write_bytes(bytes(data))
    kit.upload_package(pkg)
    r = kit.commit(pkg)
    assert r.status_code == 422 and r.json()["error"] == "package_tampered"
    assert _count(served, packages) == 0


def test_a_tampered_ciphertext_with_matching_hashes_fails_authentication(served: ServedStation, kit: TestKit) -> None:
    """Even when the attacker fixes the hashes everywhere, AES-GCM refuses the modified segment."""
    pkg = kit.seal([("application_pdf", "заява.pdf", PDF)])
    data = bytearray(pkg.files[0].path.read_bytes())
    data[40] ^= 1
    pkg.files[0].path.write_bytes(bytes(data))
    pkg.files[0].meta["enc_sha256"] = hashlib.sha256(data).hexdigest()
    kit.upload_package(pkg)
    r = kit.commit(pkg)
    assert r.status_code == 422  # manifest (sealed before) disagrees, or the segment does not authenticate


def test_a_bad_envelope_signature_is_refused(served: ServedStation, kit: TestKit) -> None:
    pkg = kit.seal([("application_pdf", "заява.pdf", PDF)])
    kit.upload_package(pkg)
    env = kit.envelope(pkg)
    forged = {**env, "manifest_enc_sha256": "0" * 64}
    r = kit.commit(pkg, forged)
    assert r.status_code == 422 and r.json()["error"] == "package_tampered"
    assert kit.commit(pkg, env).status_code == 200  # the genuine one still goes through


def test_a_missing_upload_is_409_and_the_kit_can_resume(served: ServedStation, kit: TestKit) -> None:
    pkg = kit.seal([("application_pdf", "заява.pdf", PDF)])
    pkg.upload_urls["manifest"] = kit.upload(pkg.package_id, "manifest", pkg.manifest_path)
    r = kit.commit(pkg)
    assert r.status_code == 409 and r.json()["error"] == "upload_incomplete" and r.json()["file_id"] == "f001"
    pkg.upload_urls["f001"] = kit.upload(pkg.package_id, "f001", pkg.files[0].path)
    ok = kit.commit(pkg)
    assert ok.status_code == 200
    kit.verify_receipt(pkg, ok.json())


def test_merged_journals_from_two_kits(served: ServedStation, kit: TestKit, tmp_path: Path) -> None:
    other = served.kit(tmp_path, "Кейс №2")
    try:
        for k, n in ((kit, 1), (kit, 2), (other, 1)):
            _pkg, r = _deliver(k, journal_number=n, service_date=f"2026-11-0{n + 2}")
            assert r.status_code == 200
        services = served.station.journal("services")
        assert [(line["kit_name"], line["line"]["number"]) for line in services] == [
            ("Кейс №1", 1), ("Кейс №2", 1), ("Кейс №1", 2)
        ] or sorted((line["kit_name"], line["line"]["number"]) for line in services) == [
            ("Кейс №1", 1), ("Кейс №1", 2), ("Кейс №2", 1)
        ]
        handover = served.station.journal("handover")
        assert sorted(line["kit_name"] for line in handover) == ["Кейс №1", "Кейс №2"]  # once per kit
        cases = served.station.list_cases()
        assert len(cases) == 3 and {c["kit_name"] for c in cases} == {"Кейс №1", "Кейс №2"}
    finally:
        other.close()


def test_commit_refuses_a_path_and_envelope_mismatch(served: ServedStation, kit: TestKit) -> None:
    pkg = kit.seal([("application_pdf", "заява.pdf", PDF)])
    kit.upload_package(pkg)
    body = protocol.canonical(kit.envelope(pkg))
    r = kit.request("POST", "/api/v1/packages/another-id/commit", body, headers={"Idempotency-Key": "another-id"})
    assert r.status_code == 422
