"""The restricted recordings archive: the head of the Centre lists recordings, opens one with a stated
reason (logged) and downloads it once by a short-lived link."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from mobile_case.station import crypto
from mobile_case.station.common import StationPart, iso_z
from mobile_case.station.errors import ApiError
from mobile_case.station.office import Account, require_head
from mobile_case.station.retention import keep_until
from mobile_case.station.store import (
    aware,
    downloads,
    kits,
    now_utc,
    recording_access,
    recordings,
)

log = logging.getLogger(__name__)


class Archive(StationPart):
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
