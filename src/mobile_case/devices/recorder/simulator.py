"""A simulated visit recorder: writes real, playable Matroska/MJPEG files of a synthetic test picture.

Honest by name: segments are called ``<visit_id>-<NNN>.simulated.mkv`` and their title says it is a
simulation, not a recording of the visit. The picture shows colour bars, a blinking REC mark and the
elapsed time as seven-segment digits (no fonts needed); no sound track. Frames are written by a
background thread, each flushed at once, and segments rotate every ``segment_seconds``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.qtimage import encode
from mobile_case.devices.recorder.base import (
    KIND,
    RecorderError,
    RecorderErrorKind,
    RecorderProblem,
    RecorderState,
    RecordingClock,
    problem,
)
from mobile_case.devices.recorder.matroska import MjpegMatroskaWriter

BACKEND = "simulator"
SEGMENT_SUFFIX = ".simulated.mkv"
TITLE = "Симуляція запису візиту (не справжній запис)"

_SEGMENTS = {  # seven-segment digits: a b c d e f g
    "0": "abcdef", "1": "bc", "2": "abdeg", "3": "abcdg", "4": "bcfg",
    "5": "acdfg", "6": "acdefg", "7": "abc", "8": "abcdefg", "9": "abcdfg",
}  # fmt: skip


@dataclass
class SimulatedRecorderConfig:
    camera: str = "Симульована камера"
    microphone: str = "Симульований мікрофон"
    fps: float = 2.0
    width: int = 320
    height: int = 240
    segment_seconds: float = 300.0
    fail_with: RecorderErrorKind | None = None  # NO_CAMERA / NO_MICROPHONE / DISK / NOT_SUPPORTED at start
    problems: tuple[RecorderErrorKind, ...] = ()  # shown while recording (CAMERA_LOST, DISK_LOW, …)


def _digit(p: QPainter, ch: str, x: float, y: float, w: float, h: float, color: QColor) -> None:
    t = w * 0.18
    bars = {
        "a": QRectF(x + t, y, w - 2 * t, t),
        "b": QRectF(x + w - t, y + t, t, h / 2 - 1.5 * t),
        "c": QRectF(x + w - t, y + h / 2 + 0.5 * t, t, h / 2 - 1.5 * t),
        "d": QRectF(x + t, y + h - t, w - 2 * t, t),
        "e": QRectF(x, y + h / 2 + 0.5 * t, t, h / 2 - 1.5 * t),
        "f": QRectF(x, y + t, t, h / 2 - 1.5 * t),
        "g": QRectF(x + t, y + h / 2 - t / 2, w - 2 * t, t),
    }
    for segment in _SEGMENTS.get(ch, ""):
        p.fillRect(bars[segment], color)


def test_picture(width: int, height: int, seconds: float) -> bytes:
    """One JPEG frame: colour bars, REC mark (blinking), elapsed MM:SS."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(20, 22, 28))
    p = QPainter(image)
    colours = [
        (192, 192, 192),
        (192, 192, 0),
        (0, 192, 192),
        (0, 192, 0),
        (192, 0, 192),
        (192, 0, 0),
        (0, 0, 192),
    ]
    bar_w = width / len(colours)
    for i, (r, g, b) in enumerate(colours):
        p.fillRect(QRectF(i * bar_w, 0, bar_w + 1, height * 0.4), QColor(r, g, b))
    if int(seconds) % 2 == 0:
        p.setBrush(QColor(220, 30, 30))
        p.setPen(QColor(220, 30, 30))
        p.drawEllipse(QRectF(width * 0.05, height * 0.5, height * 0.12, height * 0.12))
    whole = int(seconds)
    text = f"{whole // 60 % 100:02d}:{whole % 60:02d}"
    dw, dh = width * 0.1, height * 0.3
    x = width * 0.25
    for ch in text:
        if ch == ":":
            p.fillRect(QRectF(x + dw * 0.3, height * 0.55, dw * 0.2, dw * 0.2), QColor(240, 240, 240))
            p.fillRect(
                QRectF(x + dw * 0.3, height * 0.55 + dh * 0.6, dw * 0.2, dw * 0.2), QColor(240, 240, 240)
            )
            x += dw * 0.8
            continue
        _digit(p, ch, x, height * 0.5, dw, dh, QColor(240, 240, 240))
        x += dw * 1.3
    # a moving marker proves frames differ
    p.fillRect(QRectF((seconds * 40) % width, height - 8, 24, 6), QColor(250, 200, 40))
    p.end()
    return encode(image, "JPEG", 60)


class SimulatedRecorder(RecordingClock):
    backend = BACKEND

    def __init__(self, config: SimulatedRecorderConfig | None = None) -> None:
        self.config = config or SimulatedRecorderConfig()
        self.last_error: RecorderError | None = None
        self._lock = threading.Lock()
        self._state = RecorderState.IDLE
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._segments: list[Path] = []
        self._started = 0.0
        self._elapsed = 0.0

    def status(self) -> DeviceStatus:
        fail = self.config.fail_with
        if fail in (RecorderErrorKind.NO_CAMERA, RecorderErrorKind.NO_MICROPHONE):
            return DeviceStatus(KIND, self.config.camera, DeviceState.MISSING, BACKEND,
                                "Симулятор: камеру або мікрофон «від'єднано» (налаштована помилка).")  # fmt: skip
        return DeviceStatus(
            KIND,
            self.config.camera,
            DeviceState.SIMULATED,
            BACKEND,
            "Симулятор запису: пише тестове відео без звуку (файли *.simulated.mkv), а не справжній запис візиту.",
        )

    def cameras(self) -> list[str]:
        return [] if self.config.fail_with is RecorderErrorKind.NO_CAMERA else [self.config.camera]

    def microphones(self) -> list[str]:
        return [] if self.config.fail_with is RecorderErrorKind.NO_MICROPHONE else [self.config.microphone]

    def problems(self) -> list[RecorderProblem]:
        """The configured problems while recording (a demo of the warnings)."""
        if self.state() is not RecorderState.RECORDING:
            return []
        return [problem(kind) for kind in self.config.problems]

    def finished_segments(self) -> list[Path]:
        with self._lock:
            return list(self._segments[:-1]) if self._thread is not None else list(self._segments)

    def start(self, visit_id: str, out_dir: Path) -> None:
        with self._lock:
            if self._state is RecorderState.RECORDING:
                raise RecorderError(RecorderErrorKind.ALREADY_RECORDING)
            fail = self.config.fail_with
            if fail is not None and fail is not RecorderErrorKind.ALREADY_RECORDING:
                raise RecorderError(fail, "simulated failure at start")
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
                writer = self._open(out_dir, visit_id, 1)
            except OSError as exc:
                raise RecorderError(RecorderErrorKind.DISK, f"cannot create segment: {exc.strerror}") from exc
            self.last_error = None
            self._segments = [writer.path]
            self._started = time.monotonic()
            self._elapsed = 0.0
            self._stop = threading.Event()
            self._state = RecorderState.RECORDING
            self._thread = threading.Thread(
                target=self._run,
                args=(writer, out_dir, visit_id, self._stop),
                name="sim-recorder",
                daemon=True,
            )
            self._thread.start()

    def _open(self, out_dir: Path, visit_id: str, number: int) -> MjpegMatroskaWriter:
        path = out_dir / f"{visit_id}-{number:03d}{SEGMENT_SUFFIX}"
        return MjpegMatroskaWriter(path, self.config.width, self.config.height, TITLE)

    def _run(self, writer: MjpegMatroskaWriter, out_dir: Path, visit_id: str, stop: threading.Event) -> None:
        interval = 1.0 / self.config.fps
        segment_start: float | None = None  # the moment of the segment's first frame
        number = 1
        frame = 0
        try:
            while True:
                now = time.monotonic()
                if segment_start is None:
                    segment_start = now
                elif now - segment_start >= self.config.segment_seconds:
                    writer.close((now - segment_start) * 1000)
                    number += 1
                    writer = self._open(out_dir, visit_id, number)
                    with self._lock:
                        self._segments.append(writer.path)
                    segment_start = now
                seconds = now - self._started
                writer.add_frame(test_picture(self.config.width, self.config.height, seconds),
                                 int((now - segment_start) * 1000))  # fmt: skip
                frame += 1
                next_at = self._started + frame * interval
                if stop.wait(max(0.0, next_at - time.monotonic())):
                    break
        except OSError as exc:
            with self._lock:
                self.last_error = RecorderError(RecorderErrorKind.DISK, f"write failed: {exc.strerror}")
                self._state = RecorderState.FAILED
                self._elapsed = time.monotonic() - self._started
        finally:
            writer.close((time.monotonic() - (segment_start or time.monotonic())) * 1000)

    def stop(self) -> list[Path]:
        with self._lock:
            thread = self._thread
            if thread is None:
                return []
            self._stop.set()
        thread.join()
        with self._lock:
            self._thread = None
            if self._state is RecorderState.RECORDING:
                self._elapsed = time.monotonic() - self._started
                self._state = RecorderState.IDLE
            return list(self._segments)
