"""Import from the kit's external camera / video recorder (issue 5 point 5): its USB storage is a mounted
folder with DCIM-style video files; each file is matched to the visit that was open when it was recorded
and copied into that visit's encrypted recordings archive.

* :func:`find_storage` — the configured folder, or every mounted volume with a ``DCIM`` folder
  (``psutil.disk_partitions``: USB sticks and camera cards on Linux, Windows and macOS).
* :func:`list_files` — the video/audio files with their recording times: the container's
  ``creation_time`` (PyAV ``av.open(...).metadata``, UTC unless the camera is set to write local time) and
  duration; without metadata the file's modification time is taken as the *end* of the recording.
* :func:`match_to_visits` — the visit whose open..closed time overlaps the file most (with a few minutes'
  slack for a camera clock that is off a little); files that match no visit are listed, never guessed.
* :func:`import_to_visit` — through ``RecordingService.import_external`` (recorder contract §3: copied into
  the visit's private folder, encrypted into the blob store, audited as ``recording_imported`` with the
  SHA-256). The source is hashed first; the archived copy must have the same SHA-256 before the source may
  be deleted (only if asked: by default the camera's files are left alone).

Settings: the ``external_recorder`` section of ``kit-devices.json`` in the data folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from mobile_case.devices import kit_settings

log = logging.getLogger(__name__)

SETTINGS_FILE = kit_settings.SETTINGS_FILE
MEDIA_EXTENSIONS = frozenset(
    {
        ".mp4",
        ".mov",
        ".m4v",
        ".avi",
        ".mkv",
        ".mts",
        ".m2ts",
        ".ts",
        ".3gp",
        ".webm",
        ".wav",
        ".m4a",
        ".ogg",
        ".mp3",
    }
)
SKIP_DIRS = frozenset({"System Volume Information", "$RECYCLE.BIN", ".Trashes", ".Spotlight-V100", "MISC"})
CHUNK = 1024 * 1024


@dataclass
class ExternalRecorderConfig:
    path: str = ""  # the camera's folder; "" = look for a mounted volume with a DCIM folder
    metadata_is_local: bool = False  # the camera writes local time into creation_time (common, wrong)
    clock_offset_minutes: int = 0  # the camera's clock minus the real time (e.g. +3 when 3 min fast)
    slack_minutes: int = 10  # how far outside a visit's open..closed time a file may still start or end
    delete_source: bool = False  # delete a file from the camera once its archived copy is verified


def load_config(data_dir: Path) -> ExternalRecorderConfig:
    return kit_settings.load_section(data_dir, "external_recorder", ExternalRecorderConfig)


def save_config(data_dir: Path, config: ExternalRecorderConfig) -> None:
    kit_settings.save_section(data_dir, "external_recorder", config)


@dataclass
class ExternalFile:
    path: Path
    size: int
    start: datetime  # local, naive (as the app's clock)
    duration: float | None  # seconds; None when unknown
    time_source: str  # "metadata" | "mtime"

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.duration or 0)

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class VisitWindow:
    visit_id: str
    opened_at: datetime
    closed_at: datetime | None  # None: still open (counts as open until now)
    label: str = ""  # what the UI shows (e.g. «10:00 МК-2026-0003»); never logged


@dataclass
class Matching:
    by_visit: dict[str, list[ExternalFile]] = field(default_factory=dict)
    unmatched: list[ExternalFile] = field(default_factory=list)


@dataclass
class ImportedFile:
    source: Path
    sha256: str
    file_id: str
    source_deleted: bool


# --- finding the camera ------------------------------------------------------------------------------
def find_storage(
    config: ExternalRecorderConfig | None = None, mountpoints: Iterable[str] | None = None
) -> list[Path]:
    """Folders that hold the camera's files: the configured one (when it exists), else every mounted volume
    with a ``DCIM`` folder."""
    config = config or ExternalRecorderConfig()
    if config.path.strip():
        folder = Path(config.path).expanduser()
        return [folder] if folder.is_dir() else []
    if mountpoints is None:
        import psutil  # noqa: PLC0415

        mountpoints = [p.mountpoint for p in psutil.disk_partitions(all=False)]
    found = []
    for mount in mountpoints:
        root = Path(mount)
        try:
            if (root / "DCIM").is_dir():
                found.append(root)
        except OSError:  # a drive without a medium (an empty card reader on Windows)
            continue
    return found


# --- the files and their times -----------------------------------------------------------------------
def _parse_creation_time(text: str, metadata_is_local: bool) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.year < 2000:  # 1904/1970 defaults of cameras whose clock was never set
        return None
    if metadata_is_local:
        return moment.replace(tzinfo=None)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


def probe_times(
    path: Path, config: ExternalRecorderConfig | None = None
) -> tuple[datetime, float | None, str]:
    """(start, duration in seconds or None, "metadata" | "mtime") of one media file."""
    config = config or ExternalRecorderConfig()
    start: datetime | None = None
    duration: float | None = None
    try:
        import av  # noqa: PLC0415

        with av.open(str(path), metadata_errors="ignore") as container:
            if container.duration:
                duration = container.duration / 1_000_000  # AV_TIME_BASE
            text = container.metadata.get("creation_time", "")
            if not text:
                for stream in container.streams:
                    text = stream.metadata.get("creation_time", "")
                    if text:
                        break
            start = _parse_creation_time(text, config.metadata_is_local)
    except Exception as exc:  # not a media file PyAV can read, a damaged file …: fall back to mtime
        log.info("no container metadata for an external file: %s", type(exc).__name__)
    source = "metadata"
    if start is None:
        source = "mtime"
        end = datetime.fromtimestamp(path.stat().st_mtime)
        start = end - timedelta(seconds=duration or 0)  # mtime is when the camera closed the file
    start -= timedelta(minutes=config.clock_offset_minutes)
    return start, duration, source


def list_files(root: Path, config: ExternalRecorderConfig | None = None) -> list[ExternalFile]:
    """The media files under ``root`` (its DCIM folder and the rest), oldest first."""
    out: list[ExternalFile] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.suffix.lower() not in MEDIA_EXTENSIONS or name.startswith("."):
                continue
            try:
                start, duration, source = probe_times(path, config)
                out.append(ExternalFile(path, path.stat().st_size, start, duration, source))
            except OSError as exc:
                log.warning("external file unreadable: %s", type(exc).__name__)
    out.sort(key=lambda f: (f.start, f.name))
    return out


# --- matching ----------------------------------------------------------------------------------------
def _overlap(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> float:
    return (min(a1, b1) - max(a0, b0)).total_seconds()


def match_to_visits(
    files: list[ExternalFile],
    visits: list[VisitWindow],
    *,
    slack: timedelta = timedelta(minutes=10),
    now: datetime | None = None,
) -> Matching:
    """Each file to the visit its recording overlaps most (the visit's open..closed time widened by
    ``slack``); a file that overlaps no visit is unmatched."""
    now = now or datetime.now()
    result = Matching()
    for f in files:
        end = max(f.end, f.start + timedelta(seconds=1))
        best: tuple[float, str] | None = None
        for v in visits:
            closed = v.closed_at or now
            overlap = _overlap(f.start, end, v.opened_at - slack, closed + slack)
            if overlap >= 0 and (best is None or overlap > best[0]):
                best = (overlap, v.visit_id)
        if best is None:
            result.unmatched.append(f)
        else:
            result.by_visit.setdefault(best[1], []).append(f)
    return result


# --- import ------------------------------------------------------------------------------------------
def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class ExternalImportError(Exception):
    """A copy did not verify; ``user_message`` is Ukrainian."""

    def __init__(self, log_message: str, user_message: str) -> None:
        super().__init__(log_message)
        self.user_message = user_message


def import_to_visit(
    recordings: Any,
    visit_id: str,
    files: list[ExternalFile],
    *,
    delete_source: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[ImportedFile]:
    """Copy ``files`` into the visit's encrypted archive (``recordings``: the RecordingService), one by
    one; each copy's SHA-256 must equal the source's. Sources are deleted only when ``delete_source`` and
    their copy verified. Raises ``ExternalImportError`` on a mismatch (what was verified before stays archived)."""
    done: list[ImportedFile] = []
    for i, f in enumerate(files):
        source_hash = file_sha256(f.path)
        [stored] = recordings.import_external(visit_id, [f.path])
        if stored.sha256 != source_hash or stored.size != f.size:
            log.error("external import of one file did not verify (visit %s, file %s)", visit_id, stored.id)
            raise ExternalImportError(
                "archived copy differs from the source",
                f"Копія файлу «{f.name}» не збігається з оригіналом (контрольна сума SHA-256). Оригінал "
                "залишено на носії відеореєстратора; перевірте носій і повторіть імпорт.",
            )
        deleted = False
        if delete_source and file_sha256(f.path) == source_hash:
            try:
                f.path.unlink()
                deleted = True
            except OSError as exc:  # a write-protected card: the file simply stays
                log.warning("external source not deleted: %s", type(exc).__name__)
        done.append(ImportedFile(f.path, source_hash, stored.id, deleted))
        if progress is not None:
            progress(i + 1, len(files))
    return done
