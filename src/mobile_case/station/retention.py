"""Retention (O 2.9): recordings are destroyed three months after their service date, each run proven by a
signed record; and the sweep of archive and upload files that no database row names."""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update

from mobile_case.domain.deadlines import RECORDING_KEEP_MONTHS, keep_until
from mobile_case.station import crypto
from mobile_case.station.common import StationPart, _fsync_dir, iso_z
from mobile_case.station.store import (
    downloads,
    now_utc,
    recordings,
    retention_runs,
    uploads,
)

log = logging.getLogger(__name__)

KEEP_MONTHS = RECORDING_KEEP_MONTHS


class Retention(StationPart):
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
