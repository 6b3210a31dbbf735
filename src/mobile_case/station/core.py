"""The station's logic, independent of HTTP: pairing, request authentication, tus uploads, package
commits with receipts, the merged journals, the restricted recordings archive, retention, office accounts.

The HTTP layer (``station/app.py``) only translates requests into these calls and :class:`ApiError` into
responses. No personal data is logged: kits, packages, uploads and recordings by their ids only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from mobile_case.station import crypto
from mobile_case.station.auth import AUTH_RE, Authentication, KitAuth
from mobile_case.station.common import _disk_full, _fsync_dir, _fsync_file, iso_z
from mobile_case.station.config import StationConfig
from mobile_case.station.errors import ApiError
from mobile_case.station.identity import StationIdentity, load_or_create
from mobile_case.station.pairing import MAX_CODE_FAILURES, PairCode, Pairing
from mobile_case.station.store import (
    accounts,
    aware,
    default_url,
    downloads,
    journal_lines,
    kits,
    now_utc,
    open_engine,
    package_files,
    packages,
    recording_access,
    recordings,
    retention_runs,
    tokens,
    uploads,
)
from mobile_case.station.uploads import Uploads
from mobile_case.sync import protocol

__all__ = ["AUTH_RE", "KitAuth", "MAX_CODE_FAILURES", "PairCode", "iso_z", "Station"]

log = logging.getLogger(__name__)

JOURNALS = ("services", "acts", "handover")
RECORDING_KINDS = {"recording"}
KEEP_MONTHS = 3
MAX_PIN_FAILURES = 5
LOCK_MINUTES = 15


def add_months(d: date, months: int) -> date:
    from mobile_case.services.recordings import add_months as _add  # the kit's rule (O 2.9), one definition

    return _add(d, months)


def keep_until(service_day: date) -> date:
    return add_months(service_day, KEEP_MONTHS)


@dataclass
class Account:
    login: str
    name: str
    role: str

    @property
    def is_head(self) -> bool:
        return self.role == "head"


class Station(Pairing, Authentication, Uploads):
    def __init__(self, config: StationConfig, identity: StationIdentity | None = None) -> None:
        self.config = config
        config.make_dirs()
        self.identity = identity or load_or_create(config.data_dir, config.hosts)
        self.engine = open_engine(config.db_url or default_url(config.data_dir))
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._nonce_inserts = 0

    def close(self) -> None:
        self.engine.dispose()

    def lock_for(self, key: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    # --- commit -------------------------------------------------------------------------------------
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

    # --- office accounts ----------------------------------------------------------------------------
    def add_account(self, login: str, name: str, role: str, pin: str) -> None:
        from mobile_case.domain.model import Role
        from mobile_case.storage.pins import check_pin_rules, hash_pin

        if role not in ("head", "administrator"):
            raise ValueError("Роль має бути head (керівник Центру) або administrator (адміністратор ЦНАП).")
        if not re.fullmatch(r"[a-z0-9._-]{2,64}", login):
            raise ValueError("Логін: 2–64 малі латинські літери, цифри, крапка, дефіс або підкреслення.")
        check_pin_rules(pin, Role(role))
        with self.engine.begin() as conn:
            if conn.execute(select(accounts.c.login).where(accounts.c.login == login)).first():
                conn.execute(
                    update(accounts).where(accounts.c.login == login).values(
                        name=name, role=role, pin_hash=hash_pin(pin), failures=0, locked_until=None
                    )
                )
            else:
                conn.execute(
                    insert(accounts).values(
                        login=login, name=name, role=role, pin_hash=hash_pin(pin), failures=0, created_at=now_utc()
                    )
                )

    def login(self, login: str, pin: str) -> dict[str, Any]:
        from mobile_case.storage.pins import verify_pin

        now = now_utc()
        refused = ApiError(401, "login_failed", "wrong login or PIN")
        with self.engine.begin() as conn:
            row = conn.execute(select(accounts).where(accounts.c.login == login)).first()
            if row is None:
                raise refused
            if row.locked_until is not None and aware(row.locked_until) > now:
                raise ApiError(423, "account_locked", "too many wrong PINs; try again later",
                               locked_until=iso_z(aware(row.locked_until)))
            good = verify_pin(row.pin_hash, pin)
            if not good:
                failures = row.failures + 1
                locked = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_PIN_FAILURES else None
                conn.execute(
                    update(accounts).where(accounts.c.login == login).values(
                        failures=0 if locked else failures, locked_until=locked
                    )
                )
            else:
                token = secrets.token_urlsafe(32)
                expires = now + timedelta(hours=self.config.token_hours)
                conn.execute(update(accounts).where(accounts.c.login == login).values(failures=0, locked_until=None))
                conn.execute(delete(tokens).where(tokens.c.expires_at < now))
                conn.execute(
                    insert(tokens).values(
                        token_sha256=hashlib.sha256(token.encode()).hexdigest(), login=login, expires_at=expires
                    )
                )
        if not good:
            raise refused
        return {"token": token, "expires_at": iso_z(expires), "login": row.login, "name": row.name, "role": row.role}

    def account_for_token(self, token: str | None) -> Account:
        if not token:
            raise ApiError(401, "login_required", "log in to the office first")
        digest = hashlib.sha256(token.encode()).hexdigest()
        with self.engine.connect() as conn:
            row = conn.execute(
                select(accounts.c.login, accounts.c.name, accounts.c.role, tokens.c.expires_at)
                .join(tokens, tokens.c.login == accounts.c.login)
                .where(tokens.c.token_sha256 == digest)
            ).first()
        if row is None or aware(row.expires_at) < now_utc():
            raise ApiError(401, "login_required", "the session ended; log in again")
        return Account(row.login, row.name, row.role)

    def logout(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(tokens).where(tokens.c.token_sha256 == hashlib.sha256(token.encode()).hexdigest()))

    # --- office views -------------------------------------------------------------------------------
    def list_cases(self, kit_id: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """The cases received, newest first: of a case corrected later only its newest package (the one
        no other package of its kit supersedes)."""
        later = packages.alias("later")
        newer = select(later.c.supersedes).where(later.c.supersedes.is_not(None))
        query = (
            select(packages)
            .where(packages.c.package_id.not_in(newer))
            .order_by(packages.c.received_at.desc())
            .limit(limit)
        )
        if kit_id:
            query = query.where(packages.c.kit_id == kit_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            names = dict(conn.execute(select(kits.c.kit_id, kits.c.name)).all())
            files = conn.execute(
                select(package_files).where(package_files.c.package_id.in_([r.package_id for r in rows]))
            ).all()
        by_pkg: dict[str, list[dict[str, Any]]] = {}
        for f in files:
            by_pkg.setdefault(f.package_id, []).append(
                {"file_id": f.file_id, "kind": f.kind, "name": f.name, "mime": f.mime, "size": f.size,
                 "sha256": f.sha256, "in_archive": f.in_archive}
            )
        return [
            {
                "package_id": r.package_id,
                "kit_id": r.kit_id,
                "kit_name": names.get(r.kit_id, ""),
                "received_at": iso_z(aware(r.received_at)),
                "sealed_at": r.sealed_at,
                "service_date": r.service_date.isoformat() if r.service_date else None,
                "supersedes": r.supersedes,
                "case": r.case_data,
                "files": by_pkg.get(r.package_id, []),
            }
            for r in rows
        ]

    def journal(self, kind: str, day_from: date | None = None, day_to: date | None = None) -> list[dict[str, Any]]:
        if kind not in JOURNALS:
            raise ApiError(404, "not_found", f"journal must be one of {', '.join(JOURNALS)}")
        query = select(journal_lines, kits.c.name.label("kit_name")).join(
            kits, kits.c.kit_id == journal_lines.c.kit_id
        ).where(journal_lines.c.journal == kind)
        if day_from:
            query = query.where(journal_lines.c.day >= day_from)
        if day_to:
            query = query.where(journal_lines.c.day <= day_to)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(journal_lines.c.day, journal_lines.c.id)).all()
        return [
            {"kit_id": r.kit_id, "kit_name": r.kit_name, "package_id": r.package_id,
             "day": r.day.isoformat() if r.day else None, "line": r.line}
            for r in rows
        ]

    def list_recordings(self, account: Account, include_destroyed: bool = False) -> list[dict[str, Any]]:
        require_head(account)
        query = select(recordings).order_by(recordings.c.service_date.desc())
        if not include_destroyed:
            query = query.where(recordings.c.destroyed_at.is_(None))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            names = dict(conn.execute(select(kits.c.kit_id, kits.c.name)).all())
        return [
            {
                "recording_id": r.recording_id,
                "package_id": r.package_id,
                "kit_id": r.kit_id,
                "kit_name": names.get(r.kit_id, ""),
                "name": r.name,
                "mime": r.mime,
                "size": r.size,
                "sha256": r.sha256,
                "service_date": r.service_date.isoformat(),
                "keep_until": keep_until(r.service_date).isoformat(),
                "recorded_at": r.recorded_at,
                "destroyed_at": iso_z(aware(r.destroyed_at)) if r.destroyed_at else None,
            }
            for r in rows
        ]

    def open_recording(self, account: Account, recording_id: str, reason: str) -> dict[str, Any]:
        require_head(account)
        reason = (reason or "").strip()
        if len(reason) < 3:
            raise ApiError(422, "reason_required", "say why the recording is opened (at least 3 characters)")
        now = now_utc()
        with self.engine.begin() as conn:
            row = conn.execute(select(recordings).where(recordings.c.recording_id == recording_id)).first()
            if row is None:
                raise ApiError(404, "not_found", "no such recording")
            if row.destroyed_at is not None:
                raise ApiError(410, "recording_destroyed", "the recording was destroyed by retention")
            conn.execute(insert(recording_access).values(recording_id=recording_id, login=account.login, at=now, reason=reason[:1000]))
            token = secrets.token_urlsafe(32)
            conn.execute(
                insert(downloads).values(
                    token_sha256=hashlib.sha256(token.encode()).hexdigest(),
                    recording_id=recording_id,
                    login=account.login,
                    expires_at=now + timedelta(minutes=self.config.download_minutes),
                )
            )
        log.info("recording %s opened by account %s", recording_id, account.login)
        return {"download": f"/api/v1/office/downloads/{token}", "mime": row.mime, "size": row.size,
                "sha256": row.sha256, "expires_in": self.config.download_minutes * 60}

    def download(self, account: Account, token: str) -> tuple[Any, Path]:
        require_head(account)
        digest = hashlib.sha256(token.encode()).hexdigest()
        with self.engine.begin() as conn:
            row = conn.execute(select(downloads).where(downloads.c.token_sha256 == digest)).first()
            if row is None or row.login != account.login or aware(row.expires_at) < now_utc():
                raise ApiError(404, "not_found", "the download link is unknown or expired")
            conn.execute(delete(downloads).where(downloads.c.token_sha256 == digest))  # single use
            rec = conn.execute(select(recordings).where(recordings.c.recording_id == row.recording_id)).first()
        if rec is None or rec.destroyed_at is not None:
            raise ApiError(410, "recording_destroyed", "the recording was destroyed by retention")
        return rec, self.config.archive_dir / f"{rec.recording_id}.mkenc"

    def decrypt_recording(self, rec: Any, path: Path):  # noqa: ANN201 — a generator of plaintext segments
        with open(path, "rb") as fh:
            yield from crypto.decrypt_stream_iter(fh, self.identity.archive_key, rec.recording_id.encode())

    def access_log(self, account: Account) -> list[dict[str, Any]]:
        require_head(account)
        with self.engine.connect() as conn:
            rows = conn.execute(select(recording_access).order_by(recording_access.c.id.desc())).all()
        return [{"recording_id": r.recording_id, "login": r.login, "at": iso_z(aware(r.at)), "reason": r.reason} for r in rows]

    # --- retention ----------------------------------------------------------------------------------
    def run_retention(self, today: date | None = None, trigger: str = "timer") -> dict[str, Any]:
        """Destroy recordings kept past three months after their service date (O 2.9) and write a signed
        proof record of the run, even when nothing was due (the run itself is proven)."""
        now = now_utc()
        today = today or now.date()
        with self.engine.connect() as conn:
            rows = conn.execute(select(recordings).where(recordings.c.destroyed_at.is_(None))).all()
        due = [r for r in rows if keep_until(r.service_date) < today]
        destroyed = []
        for r in due:
            path = self.config.archive_dir / f"{r.recording_id}.mkenc"
            existed = path.exists()
            path.unlink(missing_ok=True)
            destroyed.append(
                {
                    "recording_id": r.recording_id,
                    "package_id": r.package_id,
                    "kit_id": r.kit_id,
                    "file_id": r.file_id,
                    "sha256": r.sha256,
                    "archive_sha256": r.archive_sha256,
                    "service_date": r.service_date.isoformat(),
                    "keep_until": keep_until(r.service_date).isoformat(),
                    "file_was_present": existed,
                }
            )
        if due:
            _fsync_dir(self.config.archive_dir)
        proof = {
            "format": "mobile-case/retention-proof/1",
            "station_id": self.identity.station_id,
            "ran_at": iso_z(now),
            "today": today.isoformat(),
            "rule": "destroyed when today > service_date + 3 months (O 2.9)",
            "trigger": trigger,
            "destroyed": destroyed,
        }
        sig = crypto.b64e(self.identity.sign_key.sign(crypto.canonical(proof)))
        with self.engine.begin() as conn:
            for d in destroyed:
                conn.execute(
                    update(recordings).where(recordings.c.recording_id == d["recording_id"]).values(destroyed_at=now)
                )
                conn.execute(delete(downloads).where(downloads.c.recording_id == d["recording_id"]))
            conn.execute(insert(retention_runs).values(ran_at=now, trigger=trigger, destroyed=len(destroyed), proof=proof, sig=sig))
        log.info("retention run (%s): %d recordings destroyed", trigger, len(destroyed))
        return {**proof, "sig": sig}

    def retention_log(self, limit: int = 100) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(retention_runs).order_by(retention_runs.c.id.desc()).limit(limit)).all()
        return [{**r.proof, "sig": r.sig} for r in rows]

    def sweep_orphans(self, min_age_s: float = 3600) -> int:
        """Remove archive files that no recording row names (a crash between storing the files and the
        database commit; the kit then commits again and a new copy is stored) — without this such a copy
        would outlive the three-month limit — and upload files whose upload row is gone (a crash after a
        commit, before the files were unlinked). Files younger than ``min_age_s`` may belong to a request in
        progress and are left alone."""
        with self.engine.connect() as conn:
            known = {r[0] for r in conn.execute(select(recordings.c.recording_id))}
        horizon = time.time() - min_age_s
        removed = 0
        for path in self.config.archive_dir.glob("*.mkenc"):
            if path.stem not in known and path.stat().st_mtime < horizon:
                path.unlink(missing_ok=True)
                removed += 1
        with self.engine.connect() as conn:
            open_uploads = {r[0] for r in conn.execute(select(uploads.c.upload_id))}
        for path in self.config.uploads_dir.glob("*.part"):  # a crash after a commit, before the unlink
            if path.stem not in open_uploads and path.stat().st_mtime < horizon:
                path.unlink(missing_ok=True)
                removed += 1
        if removed:
            log.info("removed %d archive/upload files without a database row", removed)
        return removed

    def remove_account(self, login: str) -> bool:
        with self.engine.begin() as conn:
            conn.execute(delete(tokens).where(tokens.c.login == login))
            return bool(conn.execute(delete(accounts).where(accounts.c.login == login)).rowcount)

    def housekeeping(self) -> None:
        """The daily job: retention, expired uploads, old nonces, stale spool files, orphaned archive files."""
        self.run_retention(trigger="timer")
        self.expire_uploads()
        self.forget_nonces()
        self.sweep_orphans()
        horizon = time.time() - 24 * 3600
        for stale in self.config.spool_dir.glob("*.tmp"):
            if stale.stat().st_mtime < horizon:
                stale.unlink(missing_ok=True)


def require_head(account: Account) -> None:
    if not account.is_head:
        raise ApiError(403, "head_only", "only the head of the Centre may use the recordings archive")


def _parse_day(value: Any) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _visits(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The case's visits as the kit seals them: ``case.visits[] = {"visit": {...}, "journal_services_number"…}``."""
    out = []
    for item in case.get("visits") or []:
        if isinstance(item, dict):
            out.append(item)
    return out


def _service_date(case: dict[str, Any], manifest: dict[str, Any], files: list[dict[str, Any]]) -> date:
    """The service date retention counts from: ``case.service_date`` if given, else the day the last visit
    was closed (or opened), else the day of the first act, else the first recording's day, else the
    sealing day."""
    day = _parse_day(case.get("service_date"))
    if day:
        return day
    for item in reversed(_visits(case)):
        visit = item.get("visit") if isinstance(item.get("visit"), dict) else {}
        day = _parse_day(visit.get("closed_at")) or _parse_day(visit.get("opened_at"))
        if day:
            return day
    for item in case.get("acts") or []:
        act = item.get("act") if isinstance(item, dict) and isinstance(item.get("act"), dict) else {}
        day = _parse_day(act.get("drawn_at"))
        if day:
            return day
    for f in files:
        day = _parse_day(f.get("recorded_at"))
        if day:
            return day
    return _parse_day(manifest.get("sealed_at")) or now_utc().date()


def _journal_lines(case: dict[str, Any], service_day: date) -> list[tuple[str, date, dict[str, Any]]]:
    """The lines this case adds to the merged journals (kit id and package id are added by the caller):
    a services-journal line per visit with a journal number, an acts-journal line per act, and the
    hand-over lines of the case's outings (each once per kit: ``key`` is the line's id)."""
    request = case.get("request") if isinstance(case.get("request"), dict) else {}
    request_number = case.get("request_number") or request.get("number") or ""
    out: list[tuple[str, date, dict[str, Any]]] = []
    for item in _visits(case):
        number = item.get("journal_services_number")
        visit = item.get("visit") if isinstance(item.get("visit"), dict) else {}
        if number is None:
            continue
        day = _parse_day(visit.get("closed_at")) or _parse_day(visit.get("opened_at")) or service_day
        out.append(
            (
                "services",
                day,
                {
                    "key": f"visit:{visit.get('id', number)}",
                    "number": number,
                    "date": day.isoformat(),
                    "request_number": request_number,
                    "case_number": visit.get("case_number", ""),
                    "subject": request.get("subject", {}),
                    "address": request.get("address", {}),
                    "service_codes": request.get("service_codes", []),
                    "category_code": request.get("category_code", ""),
                    "payment": item.get("payment", {}),
                },
            )
        )
    for item in case.get("acts") or []:
        act = item.get("act") if isinstance(item, dict) and isinstance(item.get("act"), dict) else {}
        if not act:
            continue
        day = _parse_day(act.get("drawn_at")) or service_day
        out.append(
            (
                "acts",
                day,
                {
                    "key": f"act:{act.get('id', '')}",
                    "number": item.get("journal_acts_number") or act.get("number", ""),
                    "date": day.isoformat(),
                    "request_number": request_number,
                    "service_titles": act.get("service_titles", ""),
                    "subject_name": act.get("subject_name", ""),
                    "address_text": act.get("address_text", ""),
                    "stage": act.get("stage", ""),
                    "reason": act.get("reason", ""),
                    "administrator_name": act.get("administrator_name", ""),
                },
            )
        )
    journal = case.get("journal") if isinstance(case.get("journal"), dict) else {}
    for line in journal.get("handover") or []:
        if isinstance(line, dict):
            day = _parse_day(line.get("at")) or service_day
            out.append(("handover", day, {"key": f"handover:{line.get('id', line.get('number'))}", **line}))
    return out
