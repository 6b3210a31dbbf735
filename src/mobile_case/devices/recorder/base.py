"""The visit recorder (video + audio of the whole visit, O 2.8–2.9; F8: starts when the visit opens,
stops when it closes).

``start(visit_id, out_dir)`` begins writing segment files into ``out_dir``; ``stop()`` ends the recording
and returns every segment written (the storage layer then moves them into the restricted archive).
A segment is closed and complete every ``segment_seconds``, so a crash or power loss costs at most the
tail of the last one. The file names carry the visit id (a UUID, never personal data).

Backends: ``simulator.SimulatedRecorder`` (a real Matroska/MJPEG file of a synthetic test picture,
named ``*.simulated.mkv``) and ``qt_recorder.QtRecorder`` (finds cameras and microphones through
QtMultimedia and records them with ``pyav_recorder.PyAvRecorder``: H.264 + Opus in Matroska segments,
encoded in a child process). ``problems()`` says what is wrong *while* recording (camera lost, microphone
silent, disk nearly full); ``finished_segments()`` lists the segments already closed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

from mobile_case.devices.base import DeviceStatus
from mobile_case.devices.errors import DeviceError

KIND = "recorder"


class RecorderState(StrEnum):
    IDLE = "idle"  # not recording
    RECORDING = "recording"
    FAILED = "failed"  # the last recording broke off (see ``last_error``); start() may be tried again


class RecorderErrorKind(StrEnum):
    NO_CAMERA = "no_camera"
    NO_MICROPHONE = "no_microphone"
    ALREADY_RECORDING = "already_recording"
    DISK = "disk"
    NOT_SUPPORTED = "not_supported"
    CAMERA_LOST = "camera_lost"
    MICROPHONE_SILENT = "microphone_silent"
    DISK_LOW = "disk_low"
    ENCODER = "encoder"
    NO_CODEC = "no_codec"  # FFmpeg in this installation has no H.264 / Opus encoder


RECORDER_MESSAGES: dict[RecorderErrorKind, str] = {
    RecorderErrorKind.NO_CAMERA: "Камеру не знайдено. Підключіть камеру до ноутбука й спробуйте ще раз.",
    RecorderErrorKind.NO_MICROPHONE: "Мікрофон не знайдено. Підключіть мікрофон (або гарнітуру) й спробуйте ще раз.",
    RecorderErrorKind.ALREADY_RECORDING: "Запис уже триває.",
    RecorderErrorKind.DISK: "Не вдалося записати відео на диск (можливо, диск заповнено). Звільніть місце на диску.",
    RecorderErrorKind.NOT_SUPPORTED: "Запис з камери й мікрофона ця версія програми ще не підтримує.",
    RecorderErrorKind.CAMERA_LOST: "Камера перестала передавати відео (від'єднано кабель або камеру зайняла "
    "інша програма). Звук записується далі; перевірте кабель, закрийте іншу програму з камерою — запис відео "
    "відновиться сам, щойно камера стане доступна.",
    RecorderErrorKind.MICROPHONE_SILENT: "Мікрофон не чути вже кілька секунд. Перевірте, чи він підключений "
    "і не вимкнений; відео записується далі.",
    RecorderErrorKind.DISK_LOW: "На диску мало місця для запису. Звільніть місце (видаліть непотрібні "
    "файли) — коли місця не залишиться, запис буде зупинено, записане збережеться.",
    RecorderErrorKind.ENCODER: "Запис несподівано перервався (збій кодувальника). Записане збережено; "
    "почніть запис знову або увімкніть відеореєстратор з комплекту.",
    RecorderErrorKind.NO_CODEC: "Запис неможливий: у встановленій програмі немає кодека для відео (H.264) "
    "або звуку (Opus). Перевстановіть програму або зверніться до ІТ-фахівця; до того вмикайте відеореєстратор "
    "з комплекту. Візит можна продовжувати.",
}


@dataclass(frozen=True)
class RecorderProblem:
    """Something wrong now, while recording (the recording goes on where it can)."""

    kind: RecorderErrorKind
    message: str  # Ukrainian: what happened and what to do


def problem(kind: RecorderErrorKind) -> RecorderProblem:
    return RecorderProblem(kind, RECORDER_MESSAGES[kind])


@dataclass(frozen=True)
class RecorderSettings:
    """What the real recorder writes (defaults: 720p at 15 fps, H.264 + Opus, 5-minute segments)."""

    width: int = 1280
    height: int = 720
    fps: int = 15
    segment_seconds: float = 300.0
    video_codec: str = "libx264"
    preset: str = "superfast"  # x264 speed preset: the 2-core laptop also scans and runs the GUI
    crf: int = 28  # x264 constant quality (higher = smaller); 28 keeps faces and documents legible at 720p
    max_video_kbps: int = 1500  # VBV cap, so a busy picture cannot fill the disk faster than planned
    audio_codec: str = "libopus"
    audio_kbps: int = 32  # speech, mono
    sample_rate: int = 48000
    cluster_ms: int = 1000  # a Matroska cluster is written (and flushed) at least every second
    silent_dbfs: float = -60.0  # below this the microphone counts as silent
    silent_seconds: float = 10.0  # … for this long: a problem
    disk_warn_bytes: int = 2 * 1024**3  # less free space than this: a warning
    disk_stop_bytes: int = 200 * 1024**2  # less than this: the recording stops cleanly
    encoder_threads: int = 0  # x264 threads, 0 = automatic (a fixed count was not measurably better here)
    nice: int = 10  # the encoder process yields the CPU to the GUI when both want it (0 = as the app)


def expected_bytes(seconds: float, settings: RecorderSettings | None = None) -> int:
    """Disk space one recording of ``seconds`` takes at most (the VBV cap plus audio and 5 % container
    overhead) — for the pre-outing free-space check."""
    s = settings or RecorderSettings()
    bits_per_second = (s.max_video_kbps + s.audio_kbps) * 1000
    return int(seconds * bits_per_second / 8 * 1.05)


class RecorderError(DeviceError):
    device = KIND

    def __init__(
        self, kind: RecorderErrorKind, log_message: str = "", user_message: str | None = None
    ) -> None:
        super().__init__(kind, log_message or kind.value, user_message or RECORDER_MESSAGES[kind])


class RecordingClock:
    """``state()`` and ``elapsed()`` of a recorder that keeps ``_state``, ``_started`` (``time.monotonic``
    at the start) and ``_elapsed`` (the last recording's length, set when it ends) under ``_lock``."""

    _lock: threading.Lock
    _state: RecorderState
    _started: float
    _elapsed: float

    def state(self) -> RecorderState:
        with self._lock:
            return self._state

    def elapsed(self) -> float:
        with self._lock:
            if self._state is RecorderState.RECORDING:
                return time.monotonic() - self._started
            return self._elapsed


@runtime_checkable
class Recorder(Protocol):
    backend: str
    last_error: RecorderError | None

    def status(self) -> DeviceStatus: ...

    def cameras(self) -> list[str]: ...

    def microphones(self) -> list[str]: ...

    def state(self) -> RecorderState: ...

    def start(self, visit_id: str, out_dir: Path) -> None:
        """Begin recording the visit into ``out_dir``. Raises ``RecorderError``."""
        ...

    def stop(self) -> list[Path]:
        """End the recording; returns the segment files written (oldest first). [] when not recording."""
        ...

    def elapsed(self) -> float:
        """Seconds recorded so far (the whole last recording once stopped; 0 before any)."""
        ...
