"""Video and audio recordings of visits (F8, F9; O 2.9): an encrypted, restricted archive.

* The recorder writes its segments into :meth:`RecordingService.folder_for` — a private folder
  (owner-only) inside the data folder, one per visit.
* :meth:`archive` encrypts each segment into the blob store (streamed, constant memory), links it to the
  visit, deletes the plain segment and writes an audit entry with the segment's SHA-256 (of the plain
  file: the fingerprint a later copy can be checked against) — the plain video of a citizen's home does
  not outlive the visit.
* Segments left by a crash are archived at the next start (:meth:`archive_leftovers`) or when the visit
  is opened again; files of the kit's external recorder are stored the same way (:meth:`import_external`).
* Only the head of the Centre may open a recording (:meth:`export`, permission ``OPEN_RECORDINGS``);
  every opening is in the audit log.
* Recordings are kept for three months from the day of the service, then destroyed
  (:meth:`purge_expired`, run by the app at start-up; each destruction is audited).
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from mobile_case.domain.deadlines import RECORDING_KEEP_MONTHS, keep_until
from mobile_case.domain.errors import PermissionDenied, ValidationError
from mobile_case.domain.model import new_id
from mobile_case.domain.roles import Permission, has_permission
from mobile_case.services.base import BaseService
from mobile_case.services.types import StoredFile
from mobile_case.storage.models import FileRow, VisitRow

RECORDING_KIND = "recording"
IN_PROGRESS_DIR = "recordings-in-progress"
KEEP_MONTHS = RECORDING_KEEP_MONTHS

_MIME = {
    ".mkv": "video/x-matroska",
    ".mp4": "video/mp4",
    ".avi": "video/x-msvideo",
    ".webm": "video/webm",
    ".wav": "audio/wav",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
}


def _stored(row: FileRow) -> StoredFile:
    return StoredFile(
        row.id, row.sha256, row.name, row.mime, row.size, row.kind, row.entity_kind, row.entity_id
    )


class RecordingService(BaseService):
    def _root(self) -> Path:
        return self._store.data_dir / IN_PROGRESS_DIR

    def folder_for(self, visit_id: str) -> Path:
        """The private folder the recorder writes this visit's segments to (created, owner-only)."""
        self._require(Permission.RUN_VISIT)
        with self._store.reader() as s:
            self._row(s, VisitRow, visit_id, "visit")
        folder = self._root() / visit_id
        folder.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(self._root(), 0o700)
            os.chmod(folder, 0o700)
        return folder

    def archive(
        self, visit_id: str, segments: list[Path], action: str = "recording_archived"
    ) -> list[StoredFile]:
        """Encrypt the segments into the archive, link them to the visit, delete the plain files.
        Each one's SHA-256 goes into the audit log (``action``)."""
        user = self._require(Permission.RUN_VISIT)
        folder = (self._root() / visit_id).resolve()
        segments = [Path(p) for p in segments]
        for p in segments:
            if p.resolve().parent != folder:
                raise ValidationError(
                    "segments", "Запис візиту має бути у папці, яку програма видала для цього візиту."
                )
            if not p.is_file():
                raise ValidationError("segments", f"Файл запису «{p.name}» не знайдено.")
        stored: list[StoredFile] = []
        with self._store.reader() as s:
            self._row(s, VisitRow, visit_id, "visit")
        for p in segments:
            size = p.stat().st_size
            sha = self._store.blobs.put_file(p)
            with self._store.writer() as s:
                row = self._file_row(
                    user,
                    sha256=sha,
                    name=p.name,
                    mime=_MIME.get(p.suffix.lower(), "application/octet-stream"),
                    size=size,
                    kind=RECORDING_KIND,
                    entity_kind="visit",
                    entity_id=visit_id,
                )
                s.add(row)
                self._audit(
                    s, user, action, "visit", visit_id, file=row.id, size=size, sha256=sha, name=p.name
                )
            stored.append(_stored(row))
            p.unlink()  # the plain copy goes once the encrypted one is committed
        if folder.exists() and not any(folder.iterdir()):
            folder.rmdir()
        return stored

    def import_external(self, visit_id: str, paths: list[Path]) -> list[StoredFile]:
        """Files of the kit's external camera/recorder (picked by time by the caller) join the visit's
        recordings: copied into the visit's private folder, then archived like segments (audited as
        ``recording_imported`` with their SHA-256). The originals on the USB storage are left alone."""
        folder = self.folder_for(visit_id)
        copies: list[Path] = []
        try:
            for src in [Path(p) for p in paths]:
                if not src.is_file():
                    raise ValidationError("files", f"Файл «{src.name}» не знайдено.")
                dest = folder / f"external-{new_id()[:8]}-{src.name}"
                shutil.copyfile(src, dest)
                copies.append(dest)
            return self.archive(visit_id, copies, action="recording_imported")
        except BaseException:
            for c in copies:
                c.unlink(missing_ok=True)
            raise

    def leftovers(self) -> dict[str, list[Path]]:
        """Plain segments still in the in-progress folders (an interrupted recording), by visit id."""
        found: dict[str, list[Path]] = {}
        root = self._root()
        if not root.is_dir():
            return found
        for folder in sorted(root.iterdir()):
            files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
            for stale in [p for p in files if p.name.startswith(".")]:  # a camera still the crash left
                stale.unlink(missing_ok=True)
            files = [p for p in files if not p.name.startswith(".")]
            if files:
                found[folder.name] = files
        return found

    def archive_leftovers(self, skip: set[str] | frozenset[str] = frozenset()) -> int:
        """At start: archive what crashed recordings left (except the visits in ``skip``, being recorded
        now). Users who may not run visits archive nothing (the next administrator's start does).
        Returns how many segments were archived."""
        user = self._user()
        if not has_permission(user.role, Permission.RUN_VISIT):
            return 0
        archived = 0
        for visit_id, files in self.leftovers().items():
            if visit_id in skip:
                continue
            with self._store.reader() as s:
                if s.get(VisitRow, visit_id) is None:
                    continue  # not a visit of this store: left for a person to look at
            archived += len(self.archive(visit_id, files))
        return archived

    def recordings(self, visit_id: str) -> list[StoredFile]:
        """The recordings of a visit (what exists — not their content)."""
        user = self._user()
        if not (
            has_permission(user.role, Permission.OPEN_RECORDINGS)
            or has_permission(user.role, Permission.RUN_VISIT)
        ):
            self._require(Permission.OPEN_RECORDINGS)
        with self._store.reader() as s:
            rows = s.scalars(
                select(FileRow)
                .where(FileRow.kind == RECORDING_KIND, FileRow.entity_id == visit_id)
                .order_by(FileRow.created_at, FileRow.name)
            )
            return [_stored(r) for r in rows]

    def export(self, file_id: str, dest: Path) -> Path:
        """The head opens a recording (decrypted into ``dest``, hash checked); the opening is audited."""
        user = self._require(Permission.OPEN_RECORDINGS)
        with self._store.reader() as s:
            row = self._row(s, FileRow, file_id, "file")
            if row.kind != RECORDING_KIND:
                raise PermissionDenied("export a non-recording file as a recording")
            sha, visit_id = row.sha256, row.entity_id
        path = self._store.blobs.read_to_file(sha, Path(dest))
        self._store.audit.append(user.id, "recording_opened", "visit", visit_id, {"file": file_id})
        return path

    def purge_expired(self, today: date) -> int:
        """Destroy the recordings kept longer than three months after the service day (O 2.9).
        Any logged-in user may run it (the app does at start-up); returns how many were destroyed."""
        user = self._user()
        destroyed = 0
        with self._store.writer() as s:
            rows = s.execute(
                select(FileRow, VisitRow.opened_at, FileRow.created_at)
                .outerjoin(VisitRow, VisitRow.id == FileRow.entity_id)
                .where(FileRow.kind == RECORDING_KIND)
            ).all()
            for row, opened_at, created_at in rows:
                service_day = (opened_at or created_at).date()
                if today <= keep_until(service_day):
                    continue
                sha = row.sha256
                s.delete(row)
                s.flush()
                others = s.scalar(select(func.count()).select_from(FileRow).where(FileRow.sha256 == sha))
                if not others:
                    self._store.blobs.delete(sha)
                self._audit(s, user, "recording_destroyed", "visit", row.entity_id, file=row.id)
                destroyed += 1
        return destroyed

    def discard_unarchived(self, visit_id: str) -> None:
        """Remove the plain segments of a visit that are not to be kept (e.g. the recorder failed and
        the visit was restarted). Audited."""
        user = self._require(Permission.RUN_VISIT)
        folder = self._root() / visit_id
        if folder.exists():
            shutil.rmtree(folder)
            self._store.audit.append(user.id, "recording_discarded", "visit", visit_id)
