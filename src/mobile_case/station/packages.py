"""Committing a package: the envelope's signature, the uploaded files decrypted and checked, documents into
the content-addressed store and recordings into the archive, the signed receipt, the merged journals' lines."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from mobile_case.station import crypto
from mobile_case.station.common import StationPart, _disk_full, _fsync_dir, _fsync_file, iso_z
from mobile_case.station.errors import ApiError
from mobile_case.station.journals import _journal_lines, _service_date
from mobile_case.station.store import (
    journal_lines,
    kits,
    now_utc,
    package_files,
    packages,
    recordings,
    uploads,
)
from mobile_case.sync import protocol

log = logging.getLogger(__name__)

RECORDING_KINDS = {"recording"}


class Packages(StationPart):
    upload_path: Callable[[str], Path]  # from Uploads

    def commit(self, kit_id: str, package_id: str, idempotency_key: str | None, envelope: Any) -> dict[str, Any]:
        if idempotency_key is not None and idempotency_key != package_id:
            raise ApiError(400, "bad_request", "Idempotency-Key must be the package id")
        if not isinstance(envelope, dict) or envelope.get("format") != "mobile-case/envelope/1":
            raise ApiError(422, "package_tampered", "a mobile-case/envelope/1 document is expected")
        if envelope.get("package_id") != package_id or envelope.get("kit_id") != kit_id:
            raise ApiError(422, "package_tampered", "the envelope's package or kit id does not match the request")
        envelope_sha = hashlib.sha256(crypto.canonical(envelope)).hexdigest()
        with self.lock_for(package_id):
            with self.engine.connect() as conn:
                done = conn.execute(select(packages).where(packages.c.package_id == package_id)).first()
            if done is not None:
                if done.envelope_sha256 == envelope_sha and done.kit_id == kit_id:
                    return done.receipt
                raise ApiError(409, "package_conflict", "a different package with this id was already received")
            return self._commit_new(kit_id, package_id, envelope, envelope_sha)

    def _verify_envelope(self, kit_id: str, envelope: dict[str, Any]) -> None:
        with self.engine.connect() as conn:
            pub = conn.execute(select(kits.c.sign_pub).where(kits.c.kit_id == kit_id)).scalar_one()
        try:
            protocol.verify_envelope(envelope, crypto.b64d(pub))
        except (ValueError, protocol.ProtocolError):
            raise ApiError(422, "package_tampered", "the envelope's kit signature does not verify") from None

    def _commit_new(self, kit_id: str, package_id: str, envelope: dict[str, Any], envelope_sha: str) -> dict[str, Any]:
        self._verify_envelope(kit_id, envelope)
        try:
            key = crypto.unwrap_key(envelope["wrapped_key"], self.identity.box_key, package_id)
        except (KeyError, crypto.ProtocolError):
            raise ApiError(422, "package_tampered", "the package key does not open with the station's key") from None
        aad = package_id.encode()
        with self.engine.connect() as conn:
            ups = conn.execute(
                select(uploads).where(uploads.c.kit_id == kit_id, uploads.c.package_id == package_id)
            ).all()
        by_id = {u.upload_id: u for u in ups}
        by_file: dict[str, Any] = {}
        for u in ups:
            if u.completed_at is not None:
                by_file[u.file_id] = u
        env_files = envelope.get("files")
        if not isinstance(env_files, list):
            raise ApiError(422, "package_tampered", "the envelope has no file list")

        def upload_for(file_id: str, url: str | None) -> Any:
            row = None
            if url:
                row = by_id.get(url.rstrip("/").rsplit("/", 1)[-1])
                if row is not None and row.file_id != file_id:
                    raise ApiError(422, "package_tampered", f"upload of file {file_id} belongs to another file")
            row = row or by_file.get(file_id)
            if row is None or row.completed_at is None:
                raise ApiError(409, "upload_incomplete", f"file {file_id} has not been fully uploaded", file_id=file_id)
            return row

        manifest_url = envelope.get("manifest_upload_url")
        for ef in env_files:
            if isinstance(ef, dict) and ef.get("file_id") == protocol.MANIFEST_FILE_ID:
                manifest_url = manifest_url or ef.get("upload_url")
        env_files = [ef for ef in env_files if not (isinstance(ef, dict) and ef.get("file_id") == protocol.MANIFEST_FILE_ID)]
        manifest_row = upload_for(protocol.MANIFEST_FILE_ID, manifest_url)
        manifest_path = self.upload_path(manifest_row.upload_id)
        if crypto.sha256_file(manifest_path) != envelope.get("manifest_enc_sha256"):
            raise ApiError(422, "package_tampered", "the manifest does not match the envelope's hash")
        try:
            with open(manifest_path, "rb") as fh:
                plain = b"".join(crypto.decrypt_stream_iter(fh, key, aad))
            manifest = json.loads(plain)
        except (crypto.ProtocolError, ValueError):
            raise ApiError(422, "package_tampered", "the manifest does not decrypt") from None
        manifest_sha = hashlib.sha256(plain).hexdigest()
        if (
            not isinstance(manifest, dict)
            or manifest.get("format") != "mobile-case/package/1"
            or manifest.get("package_id") != package_id
            or manifest.get("kit_id") != kit_id
            or not isinstance(manifest.get("files"), list)
        ):
            raise ApiError(422, "package_tampered", "the manifest is not this kit's package")
        env_by_id = {f.get("file_id"): f for f in env_files if isinstance(f, dict)}
        files = manifest["files"]
        if {f.get("file_id") for f in files} != set(env_by_id) or len(files) != len(env_files):
            raise ApiError(422, "package_tampered", "the manifest and the envelope list different files")
        case = manifest.get("case") if isinstance(manifest.get("case"), dict) else {}
        service_day = _service_date(case, manifest, files)

        staged: list[tuple[dict[str, Any], Path, Path, str | None, str | None]] = []
        try:
            for f in files:
                ef = env_by_id[f["file_id"]]
                if ef.get("enc_sha256") != f.get("enc_sha256") or ef.get("enc_size") != f.get("enc_size"):
                    raise ApiError(422, "package_tampered", f"file {f['file_id']}: the envelope and manifest differ")
                row = upload_for(f["file_id"], ef.get("upload_url"))
                src = self.upload_path(row.upload_id)
                if src.stat().st_size != f.get("enc_size") or crypto.sha256_file(src) != f.get("enc_sha256"):
                    raise ApiError(422, "package_tampered", f"file {f['file_id']}: the upload does not match its hash")
                staged.append(self._store_file(f, src, key, aad))
            for _f, tmp, _dest, _rid, _arch in staged:
                _fsync_file(tmp)
            for _f, tmp, dest, _rid, _arch in staged:
                os.replace(tmp, dest)
            _fsync_dir(self.config.documents_dir)
            _fsync_dir(self.config.archive_dir)
        except OSError as exc:
            for _f, tmp, *_rest in staged:
                tmp.unlink(missing_ok=True)
            if _disk_full(exc):
                raise ApiError(507, "station_disk_full", "the station's disk is full") from exc
            raise
        except ApiError:
            for _f, tmp, *_rest in staged:
                tmp.unlink(missing_ok=True)
            raise

        received = now_utc()
        receipt = protocol.build_receipt(
            package_id=package_id,
            kit_id=kit_id,
            station_id=self.identity.station_id,
            manifest_sha256=manifest_sha,
            files=[{"file_id": f["file_id"], "sha256": f["sha256"]} for f in files],
            station_key=self.identity.sign_key,
            received_at=iso_z(received),
        )
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(packages).values(
                        package_id=package_id,
                        kit_id=kit_id,
                        envelope_sha256=envelope_sha,
                        manifest_sha256=manifest_sha,
                        received_at=received,
                        sealed_at=str(manifest.get("sealed_at") or "")[:40],
                        service_date=service_day,
                        supersedes=manifest.get("supersedes"),
                        case_data=case,
                        receipt=receipt,
                    )
                )
                for f, _tmp, _dest, recording_id, archive_sha in staged:
                    conn.execute(
                        insert(package_files).values(
                            package_id=package_id,
                            file_id=f["file_id"],
                            kind=str(f.get("kind") or ""),
                            name=str(f.get("name") or ""),
                            mime=str(f.get("mime") or "application/octet-stream"),
                            size=int(f.get("size") or 0),
                            sha256=f["sha256"],
                            in_archive=recording_id is not None,
                        )
                    )
                    if recording_id is not None:
                        conn.execute(
                            insert(recordings).values(
                                recording_id=recording_id,
                                package_id=package_id,
                                file_id=f["file_id"],
                                kit_id=kit_id,
                                name=str(f.get("name") or ""),
                                mime=str(f.get("mime") or "video/x-matroska"),
                                size=int(f.get("size") or 0),
                                sha256=f["sha256"],
                                archive_sha256=archive_sha,
                                service_date=service_day,
                                recorded_at=f.get("recorded_at"),
                                stored_at=received,
                            )
                        )
                # a correction (supersedes) replaces the lines of the package it supersedes; a package that
                # arrives after the one superseding it adds none (the merged journals list a case once)
                superseded = manifest.get("supersedes")
                if superseded:
                    conn.execute(
                        delete(journal_lines).where(
                            journal_lines.c.package_id == str(superseded), journal_lines.c.kit_id == kit_id
                        )
                    )
                newer = conn.execute(
                    select(packages.c.package_id).where(
                        packages.c.supersedes == package_id, packages.c.kit_id == kit_id
                    )
                ).first()
                for journal, day, line in [] if newer is not None else _journal_lines(case, service_day):
                    if journal == "handover" and conn.execute(
                        select(journal_lines.c.id).where(
                            journal_lines.c.journal == journal,
                            journal_lines.c.kit_id == kit_id,
                            journal_lines.c.line_key == line["key"],
                        )
                    ).first():
                        continue  # an outing's hand-over lines come with each of its cases: kept once
                    conn.execute(
                        insert(journal_lines).values(
                            journal=journal, kit_id=kit_id, package_id=package_id, day=day,
                            line_key=line["key"], line=line
                        )
                    )
                conn.execute(delete(uploads).where(uploads.c.package_id == package_id, uploads.c.kit_id == kit_id))
        except IntegrityError:
            with self.engine.connect() as conn:
                done = conn.execute(select(packages).where(packages.c.package_id == package_id)).first()
            if done is not None and done.envelope_sha256 == envelope_sha:
                return done.receipt
            raise ApiError(409, "package_conflict", "a different package with this id was already received") from None
        for u in ups:
            self.upload_path(u.upload_id).unlink(missing_ok=True)
        log.info("package %s from kit %s stored (%d files)", package_id, kit_id, len(files))
        return receipt

    def _store_file(
        self, f: dict[str, Any], src: Path, key: bytes, aad: bytes
    ) -> tuple[dict[str, Any], Path, Path, str | None, str | None]:
        """Decrypt one uploaded file, check its plaintext hash, and stage it: a recording re-encrypted
        into the archive with the station's key, any other file into the content-addressed store."""
        is_recording = f.get("kind") in RECORDING_KINDS
        tmp = self.config.spool_dir / f"{uuid.uuid4().hex}.tmp"
        recording_id = archive_sha = None
        try:
            with open(src, "rb") as fin, open(tmp, "wb") as fout:
                if is_recording:
                    recording_id = str(uuid.uuid4())
                    size, sha, archive_sha = crypto.reencrypt(
                        fin, key, aad, fout, self.identity.archive_key, recording_id.encode()
                    )
                else:
                    size, sha = crypto.decrypt_to(fin, fout, key, aad)
        except crypto.ProtocolError:
            tmp.unlink(missing_ok=True)
            raise ApiError(422, "package_tampered", f"file {f.get('file_id')} does not decrypt") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if sha != f.get("sha256") or size != f.get("size"):
            tmp.unlink(missing_ok=True)
            raise ApiError(422, "package_tampered", f"file {f.get('file_id')}: the plaintext hash does not match")
        if is_recording:
            dest = self.config.archive_dir / f"{recording_id}.mkenc"
        else:
            folder = self.config.documents_dir / sha[:2]
            folder.mkdir(exist_ok=True)
            dest = folder / sha
        return f, tmp, dest, recording_id, archive_sha

    def document_path(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ApiError(404, "not_found", "no such document")
        return self.config.documents_dir / sha256[:2] / sha256
