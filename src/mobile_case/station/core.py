"""The station's logic, independent of HTTP: pairing, request authentication, tus uploads, package
commits with receipts, the merged journals, the restricted recordings archive, retention, office accounts.

The HTTP layer (``station/app.py``) only translates requests into these calls and :class:`ApiError` into
responses. No personal data is logged: kits, packages, uploads and recordings by their ids only.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update

from mobile_case.station import crypto
from mobile_case.station.auth import AUTH_RE, Authentication, KitAuth
from mobile_case.station.common import _fsync_dir, iso_z
from mobile_case.station.config import StationConfig
from mobile_case.station.errors import ApiError
from mobile_case.station.identity import StationIdentity, load_or_create
from mobile_case.station.journals import JOURNALS, Journals
from mobile_case.station.packages import RECORDING_KINDS, Packages
from mobile_case.station.pairing import MAX_CODE_FAILURES, PairCode, Pairing
from mobile_case.station.store import (
    accounts,
    aware,
    default_url,
    downloads,
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

__all__ = ["AUTH_RE", "JOURNALS", "KitAuth", "MAX_CODE_FAILURES", "PairCode", "RECORDING_KINDS", "iso_z", "Station"]

log = logging.getLogger(__name__)

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


class Station(Pairing, Authentication, Uploads, Packages, Journals):
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


