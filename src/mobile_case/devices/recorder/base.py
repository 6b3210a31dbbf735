"""The visit recorder (video + audio of the whole visit, O 2.8–2.9; F8: starts when the visit opens,
stops when it closes).

``start(visit_id, out_dir)`` begins writing segment files into ``out_dir``; ``stop()`` ends the recording
and returns every segment written (the storage layer then moves them into the restricted archive).
A segment is closed and complete every ``segment_seconds``, so a crash or power loss costs at most the
tail of the last one. The file names carry the visit id (a UUID, never personal data).

Backends: ``simulator.SimulatedRecorder`` (a real Matroska/MJPEG file of a synthetic test picture,
named ``*.simulated.mkv``) and ``qt_recorder.QtRecorder`` (finds cameras and microphones through
QtMultimedia; recording from them arrives with issue 5).
"""

from __future__ import annotations

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


RECORDER_MESSAGES: dict[RecorderErrorKind, str] = {
    RecorderErrorKind.NO_CAMERA: "Камеру не знайдено. Підключіть камеру до ноутбука й спробуйте ще раз.",
    RecorderErrorKind.NO_MICROPHONE: "Мікрофон не знайдено. Підключіть мікрофон (або гарнітуру) й спробуйте ще раз.",
    RecorderErrorKind.ALREADY_RECORDING: "Запис уже триває.",
    RecorderErrorKind.DISK: "Не вдалося записати відео на диск (можливо, диск заповнено). Звільніть місце на диску.",
    RecorderErrorKind.NOT_SUPPORTED: "Запис з камери й мікрофона ця версія програми ще не підтримує.",
}


class RecorderError(DeviceError):
    device = KIND

    def __init__(
        self, kind: RecorderErrorKind, log_message: str = "", user_message: str | None = None
    ) -> None:
        super().__init__(kind, log_message or kind.value, user_message or RECORDER_MESSAGES[kind])


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
