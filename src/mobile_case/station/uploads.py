"""The tus uploads' state: creating, resuming (durable offsets), deleting and expiring uploads."""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update

from mobile_case.station.common import StationPart, _disk_full
from mobile_case.station.errors import ApiError
from mobile_case.station.store import (
    aware,
    now_utc,
    uploads,
)

log = logging.getLogger(__name__)


class Uploads(StationPart):
    def upload_path(self, upload_id: str) -> Path:
        return self.config.uploads_dir / f"{upload_id}.part"

    def check_space(self, needed: int) -> None:
        free = shutil.disk_usage(self.config.uploads_dir).free
        if free - needed < self.config.disk_reserve:
            raise ApiError(507, "station_disk_full", "the station's disk has no room for this upload")

    def create_upload(self, kit_id: str, length: int, meta: dict[str, str]) -> dict[str, Any]:
        if length < 0:
            raise ApiError(400, "bad_request", "Upload-Length must not be negative")
        if length > self.config.max_upload:
            raise ApiError(413, "upload_too_large", f"Upload-Length exceeds Tus-Max-Size {self.config.max_upload}")
        self.check_space(length)
        upload_id = uuid.uuid4().hex
        now = now_utc()
        expires = now + timedelta(days=self.config.upload_expiry_days)
        try:
            with open(self.upload_path(upload_id), "xb") as fh:
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            if _disk_full(exc):
                raise ApiError(507, "station_disk_full", "the station's disk is full") from exc
            raise
        with self.engine.begin() as conn:
            conn.execute(
                insert(uploads).values(
                    upload_id=upload_id,
                    kit_id=kit_id,
                    package_id=meta.get("package_id"),
                    file_id=meta.get("file_id"),
                    enc_sha256=meta.get("enc_sha256"),
                    length=length,
                    offset=0,
                    metadata=meta,
                    created_at=now,
                    expires_at=expires,
                    completed_at=now if length == 0 else None,
                )
            )
        return {"upload_id": upload_id, "expires_at": expires}

    def get_upload(self, upload_id: str, kit_id: str) -> Any:
        with self.engine.connect() as conn:
            row = conn.execute(select(uploads).where(uploads.c.upload_id == upload_id)).first()
        if row is None or row.kit_id != kit_id:
            raise ApiError(404, "upload_unknown", "no such upload")
        if row.completed_at is None and aware(row.expires_at) < now_utc():
            raise ApiError(410, "upload_expired", "this upload expired and was removed")
        return row

    def cut_to_durable(self, row: Any) -> None:
        """Before a PATCH writes (under the upload's lock): bytes on disk past the durable offset — left by a
        crash between the write and the database update — are not part of the upload."""
        path = self.upload_path(row.upload_id)
        if path.exists() and path.stat().st_size > row.offset:
            with open(path, "r+b") as fh:
                fh.truncate(row.offset)
                os.fsync(fh.fileno())

    def set_offset(self, upload_id: str, offset: int, complete: bool) -> None:
        values: dict[str, Any] = {"offset": offset}
        if complete:
            values["completed_at"] = now_utc()
        with self.engine.begin() as conn:
            conn.execute(update(uploads).where(uploads.c.upload_id == upload_id).values(**values))

    def delete_upload(self, upload_id: str, kit_id: str) -> None:
        row = self.get_upload(upload_id, kit_id)
        with self.engine.begin() as conn:
            conn.execute(delete(uploads).where(uploads.c.upload_id == row.upload_id))
        self.upload_path(upload_id).unlink(missing_ok=True)

    def expire_uploads(self) -> int:
        now = now_utc()
        with self.engine.begin() as conn:
            ids = [
                r.upload_id
                for r in conn.execute(
                    select(uploads.c.upload_id).where(uploads.c.completed_at.is_(None), uploads.c.expires_at < now)
                )
            ]
            if ids:
                conn.execute(delete(uploads).where(uploads.c.upload_id.in_(ids)))
        for upload_id in ids:
            self.upload_path(upload_id).unlink(missing_ok=True)
        if ids:
            log.info("removed %d expired uploads", len(ids))
        return len(ids)
