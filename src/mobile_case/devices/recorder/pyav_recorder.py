"""The real recorder: camera + microphone → H.264 + Opus in Matroska segments, in a child process.

``PyAvRecorder`` starts ``python -m mobile_case.devices.recorder.child`` (see ``child.py`` and, for the
choice of PyAV over QtMultimedia, ``encoder.py``), sends it its configuration, and follows its reports on
a reader thread: segments opened and closed, the microphone's level, a camera or microphone lost, an
encoder or disk error. A watchdog thread checks the free disk space every few seconds. ``problems()``
says what is wrong now (Ukrainian, with what to do); nothing captured is thrown away: a segment the child
left behind (it died, it was killed) is still returned by ``stop()`` and is playable up to its last
cluster.

Not on the GUI thread: ``start``/``stop`` wait for the child (up to a few seconds) — call them from a
worker (``ui/visit/recording.py`` runs them on the database worker).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.recorder.base import (
    KIND,
    RecorderError,
    RecorderErrorKind,
    RecorderProblem,
    RecorderSettings,
    RecorderState,
    RecordingClock,
    problem,
)

log = logging.getLogger(__name__)

BACKEND = "pyav"
SEGMENT_SUFFIX = ".mkv"
TITLE = "Запис візиту (відео- та аудіофіксація, п. 2.9 Порядку)"
START_TIMEOUT = 20.0  # seconds for the child to import PyAV and open the devices
STOP_TIMEOUT = 15.0  # seconds for it to flush the encoders and close the segment


def child_command() -> list[str]:
    """How to start the child: this interpreter (or the frozen app with its ``recorder-child`` mode)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "recorder-child"]
    return [sys.executable, "-m", "mobile_case.devices.recorder.child"]


def next_number(out_dir: Path, visit_id: str) -> int:
    """The first free segment number in ``out_dir`` (a new start never overwrites a leftover)."""
    numbers = [0]
    for p in out_dir.glob(f"{visit_id}-*"):
        head = p.name[len(visit_id) + 1 :].split(".", 1)[0]
        if head.isdigit():
            numbers.append(int(head))
    return max(numbers) + 1


def missing_codecs(settings: RecorderSettings) -> list[str]:
    """The encoders of ``settings`` this FFmpeg (PyAV's) does not have. Asked by the recorder's child before
    it says it started (importing PyAV in the app's process would hold the GIL ~0.1 s at the first
    recording — a GUI stall), so ``start`` refuses a missing codec at once with its own message."""
    try:
        import av  # noqa: PLC0415
    except ImportError:
        return ["PyAV"]
    missing = []
    for name in (settings.video_codec, settings.audio_codec):
        try:
            av.codec.Codec(name, "w")
        except Exception:  # noqa: BLE001 - UnknownCodecError and friends
            missing.append(name)
    return missing


def _ask_to_stop(proc: subprocess.Popen[str]) -> None:
    """Tell the encoder child to close its segment and end (a child already gone is fine)."""
    try:
        assert proc.stdin is not None
        proc.stdin.write("stop\n")
        proc.stdin.flush()
    except (OSError, ValueError):
        pass


class PyAvRecorder(RecordingClock):
    """Records what ``source`` describes (see ``child.make_source``): ``{"kind": "devices", "camera":
    …, "microphone": …}`` for the real devices; tests and benchmarks pass ``synthetic`` / ``inputs``."""

    backend = BACKEND
    disk_check_seconds = 3.0

    def __init__(
        self,
        source: dict[str, Any] | None = None,
        settings: RecorderSettings | None = None,
        *,
        camera: str = "",
        microphone: str = "",
    ) -> None:
        self.settings = settings or RecorderSettings()
        self.source = source or {"kind": "devices", "camera": camera, "microphone": microphone}
        self.camera = camera or self.source.get("camera", "")
        self.microphone = microphone or self.source.get("microphone", "")
        self.last_error: RecorderError | None = None
        self._lock = threading.Lock()
        self._state = RecorderState.IDLE
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._watchdog: threading.Thread | None = None
        self._halt = threading.Event()
        self._started_event = threading.Event()
        self._stopped_event = threading.Event()
        self._segments: list[Path] = []
        self._closed: list[Path] = []
        self._problems: dict[RecorderErrorKind, RecorderProblem] = {}
        self._started = 0.0
        self._elapsed = 0.0
        self._out_dir: Path | None = None
        self._last_loud = 0.0
        self.level_dbfs: float | None = None
        self.free_bytes: int | None = None
        self._snapshots: dict[str, threading.Event] = {}

    # -- what the device screen asks ---------------------------------------------------------------
    def cameras(self) -> list[str]:
        return [self.camera] if self.camera else []

    def microphones(self) -> list[str]:
        return [self.microphone] if self.microphone else []

    def status(self) -> DeviceStatus:
        name = self.camera or "Камера і мікрофон"
        if self.state() is RecorderState.RECORDING:
            return DeviceStatus(KIND, name, DeviceState.READY, self.backend, "Іде запис візиту.")
        return DeviceStatus(KIND, name, DeviceState.READY, self.backend,
                            f"Камера «{self.camera}» і мікрофон «{self.microphone}» готові до запису.")  # fmt: skip

    def problems(self) -> list[RecorderProblem]:
        with self._lock:
            found = dict(self._problems)
            if self._state is RecorderState.RECORDING and self._last_loud:
                quiet = time.monotonic() - self._last_loud
                if quiet >= self.settings.silent_seconds:
                    found[RecorderErrorKind.MICROPHONE_SILENT] = problem(RecorderErrorKind.MICROPHONE_SILENT)
            return list(found.values())

    def finished_segments(self) -> list[Path]:
        with self._lock:
            return list(self._closed)

    # -- recording ---------------------------------------------------------------------------------
    def start(self, visit_id: str, out_dir: Path) -> None:
        with self._lock:
            if self._state is RecorderState.RECORDING:
                raise RecorderError(RecorderErrorKind.ALREADY_RECORDING)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            free = shutil.disk_usage(out_dir).free
        except OSError as exc:
            raise RecorderError(RecorderErrorKind.DISK, f"out dir: {exc.strerror}") from exc
        if free < self.settings.disk_stop_bytes:
            raise RecorderError(RecorderErrorKind.DISK, f"only {free} bytes free")
        config = {
            "out_dir": str(out_dir),
            "visit_id": visit_id,
            "first_number": next_number(out_dir, visit_id),
            "suffix": SEGMENT_SUFFIX,
            "title": TITLE,
            "settings": asdict(self.settings),
            "source": self.source,
        }
        env = dict(os.environ)
        env.setdefault("PYTHONUNBUFFERED", "1")
        try:
            proc = subprocess.Popen(  # noqa: S603 — our own interpreter and module
                child_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                env=env,
            )
        except OSError as exc:
            raise RecorderError(
                RecorderErrorKind.ENCODER, f"cannot start the recorder process: {exc.strerror}"
            ) from exc
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(config) + "\n")
        proc.stdin.flush()
        with self._lock:
            self._proc = proc
            self._out_dir = out_dir
            self._segments, self._closed, self._problems = [], [], {}
            self.last_error = None
            self.level_dbfs = None
            self._halt = threading.Event()
            self._started_event = threading.Event()
            self._stopped_event = threading.Event()
        self._reader = threading.Thread(target=self._read, args=(proc,), name="recorder-reader", daemon=True)
        self._reader.start()
        if not self._started_event.wait(START_TIMEOUT) or proc.poll() is not None and not self._segments:
            self._kill(proc)
            error = self.last_error
            if error is not None and error.kind is RecorderErrorKind.NO_CODEC:  # said by the child before it began
                raise RecorderError(RecorderErrorKind.NO_CODEC, str(error).split(": ", 2)[-1])
            raise RecorderError(RecorderErrorKind.ENCODER, "the recorder process did not start")
        with self._lock:
            self._state = RecorderState.RECORDING
            self._started = time.monotonic()
            self._last_loud = self._started
            self._elapsed = 0.0
        self._watchdog = threading.Thread(
            target=self._watch_disk, args=(proc,), name="recorder-disk", daemon=True
        )
        self._watchdog.start()

    def stop(self) -> list[Path]:
        with self._lock:
            proc = self._proc
            if proc is None:
                return []
            self._halt.set()
        if proc.poll() is None:
            _ask_to_stop(proc)
            try:
                proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                log.warning("recorder process did not stop in %.0f s: killed", STOP_TIMEOUT)
                self._kill(proc)
        if self._reader is not None:
            self._reader.join(5)
        with self._lock:
            self._proc = None
            if self._state is RecorderState.RECORDING:
                self._elapsed = time.monotonic() - self._started
                self._state = RecorderState.IDLE
            segments = [p for p in self._segments if p.exists()]
            self._segments = []
            return segments

    def snapshot(self, timeout: float = 3.0) -> Any:
        """A still of the camera while recording (BGR numpy array, the recording's size), or None —
        for the document camera when the kit's one camera is taken by the recording. Not on the GUI
        thread (waits up to ``timeout`` for the next frame)."""
        import uuid  # noqa: PLC0415

        import numpy as np  # noqa: PLC0415

        with self._lock:
            proc, folder = self._proc, self._out_dir
            if proc is None or folder is None or self._state is not RecorderState.RECORDING:
                return None
            path = folder / f".snapshot-{uuid.uuid4().hex}.npy"  # in the private folder, removed at once
            done = self._snapshots[str(path)] = threading.Event()
        try:
            assert proc.stdin is not None
            proc.stdin.write(f"snapshot {path}\n")
            proc.stdin.flush()
            if not done.wait(timeout) or not path.exists():
                return None
            return np.load(path)
        except (OSError, ValueError):
            return None
        finally:
            with self._lock:
                self._snapshots.pop(str(path), None)
            path.unlink(missing_ok=True)
            path.with_name(path.name + ".part").unlink(missing_ok=True)

    def kill_child(self) -> None:
        """SIGKILL the child (tests: a crash mid-recording)."""
        with self._lock:
            proc = self._proc
        if proc is not None:
            self._kill(proc)

    @property
    def pid(self) -> int | None:
        with self._lock:
            return self._proc.pid if self._proc is not None else None

    # -- the child's reports -----------------------------------------------------------------------
    @staticmethod
    def _kill(proc: subprocess.Popen[str]) -> None:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)

    def _read(self, proc: subprocess.Popen[str]) -> None:
        out: IO[str] | None = proc.stdout
        assert out is not None
        for line in out:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            self._on_message(msg)
        proc.wait()
        with self._lock:
            self._started_event.set()
            if (
                self._state is RecorderState.RECORDING
                and self._stopped_event.is_set()
                and self.last_error is None
            ):
                # the source ended (a file, a test signal of fixed length): a normal end
                self._state = RecorderState.IDLE
                self._elapsed = time.monotonic() - self._started
                self._closed = [p for p in self._segments if p.exists()]
            elif self._state is RecorderState.RECORDING and not self._halt.is_set():
                # the child died on its own: what it wrote stays (playable up to its last cluster)
                self._state = RecorderState.FAILED
                self._elapsed = time.monotonic() - self._started
                self.last_error = self.last_error or RecorderError(
                    RecorderErrorKind.ENCODER, f"exit {proc.returncode}"
                )
                self._problems[self.last_error.kind] = RecorderProblem(
                    self.last_error.kind, self.last_error.user_message
                )  # type: ignore[arg-type]
                self._closed = [p for p in self._segments if p.exists()]
            log.info("recorder process ended (code %s)", proc.returncode)

    def _on_message(self, msg: dict[str, Any]) -> None:
        event = msg.get("event")
        with self._lock:
            if event == "started":
                self._started_event.set()
            elif event == "snapshot":
                waiter = self._snapshots.get(str(msg.get("path")))
                if waiter is not None:
                    waiter.set()
            elif event == "segment":
                path = Path(msg["path"])
                if msg.get("state") == "opened":
                    self._segments.append(path)
                else:
                    self._closed.append(path)
            elif event == "level":
                self.level_dbfs = float(msg["dbfs"])
                if self.level_dbfs > self.settings.silent_dbfs:
                    self._last_loud = time.monotonic()
            elif event == "device_lost":
                kind = (
                    RecorderErrorKind.CAMERA_LOST
                    if msg.get("device") == "video"
                    else RecorderErrorKind.MICROPHONE_SILENT
                )
                self._problems[kind] = problem(kind)
                log.warning("recorder: %s lost (%s)", msg.get("device"), msg.get("detail"))
            elif event == "device_back":
                kind = (
                    RecorderErrorKind.CAMERA_LOST
                    if msg.get("device") == "video"
                    else RecorderErrorKind.MICROPHONE_SILENT
                )
                self._problems.pop(kind, None)
                if kind is RecorderErrorKind.MICROPHONE_SILENT:
                    self._last_loud = time.monotonic()
            elif event == "error":
                kind = RecorderErrorKind.DISK if msg.get("kind") == "disk" else RecorderErrorKind.ENCODER
                if msg.get("kind") == "no_codec" or kind is RecorderErrorKind.ENCODER and "Codec" in str(msg.get("detail", "")):
                    kind = RecorderErrorKind.NO_CODEC  # e.g. UnknownCodecError: an encoder is missing
                self.last_error = RecorderError(kind, str(msg.get("detail", "")))
                self._problems[kind] = (
                    problem(kind)
                    if kind in (RecorderErrorKind.ENCODER, RecorderErrorKind.NO_CODEC)
                    else RecorderProblem(kind, self.last_error.user_message)
                )
            elif event == "stopped":
                self._stopped_event.set()

    def _watch_disk(self, proc: subprocess.Popen[str]) -> None:
        """Every few seconds: free space below the warning level is a problem; below the stop level the
        recording is ended cleanly (what is written stays)."""
        while not self._halt.wait(self.disk_check_seconds) and proc.poll() is None:
            folder = self._out_dir
            if folder is None:
                return
            try:
                free = shutil.disk_usage(folder).free
            except OSError:
                continue
            self.free_bytes = free
            with self._lock:
                if free < self.settings.disk_warn_bytes:
                    self._problems[RecorderErrorKind.DISK_LOW] = problem(RecorderErrorKind.DISK_LOW)
                else:
                    self._problems.pop(RecorderErrorKind.DISK_LOW, None)
            if free < self.settings.disk_stop_bytes:
                log.warning("recorder: %d bytes free, stopping the recording", free)
                with self._lock:
                    self.last_error = RecorderError(RecorderErrorKind.DISK, f"{free} bytes free")
                    self._problems[RecorderErrorKind.DISK] = RecorderProblem(
                        RecorderErrorKind.DISK, self.last_error.user_message
                    )  # type: ignore[arg-type]
                _ask_to_stop(proc)
                return


class RecorderCapture:
    """A ``cv2.VideoCapture``-like view of a recording camera (``read`` gives the recorder's snapshot), for
    ``devices.scanner.camera.CameraScanner(capture_factory=…)`` when the kit's one camera is recording."""

    def __init__(self, recorder: Any) -> None:
        self.recorder = recorder

    def isOpened(self) -> bool:  # noqa: N802 — cv2's name
        return self.recorder.state() is RecorderState.RECORDING

    def read(self) -> tuple[bool, Any]:
        frame = self.recorder.snapshot()
        return frame is not None, frame

    def set(self, _prop: int, _value: float) -> bool:
        return False  # the recording's size and rate are not changed for a still

    def get(self, _prop: int) -> float:
        return 0.0

    def release(self) -> None:
        pass  # the recording goes on
