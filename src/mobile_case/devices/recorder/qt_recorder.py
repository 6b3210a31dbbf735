"""Cameras and microphones as QtMultimedia sees them (QMediaDevices).

This version only finds the devices, for the devices screen and the registry; recording from them
(QMediaCaptureSession → QMediaRecorder, Matroska segments) is issue 5, so ``start`` says in Ukrainian
that it is not available and nothing is recorded. QtMultimedia needs a QCoreApplication: the app and
the CLI create one before asking.
"""

from __future__ import annotations

from pathlib import Path

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.qtthread import QtUnavailable, call_on_app_thread
from mobile_case.devices.recorder.base import KIND, RecorderError, RecorderErrorKind, RecorderState

BACKEND = "qt"
_NO_APP = (
    "Перевірити камеру й мікрофон зараз не вдалося (програма зайнята). Спробуйте оновити стан пристроїв."
)


def _query() -> tuple[list[str], list[str]]:
    from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 — heavy, imported lazily

    cameras = [d.description() for d in QMediaDevices.videoInputs()]
    microphones = [d.description() for d in QMediaDevices.audioInputs()]
    return cameras, microphones


def _media_devices() -> tuple[list[str], list[str]] | None:
    """(cameras, microphones) by description, or None when QtMultimedia cannot be asked.

    Asked on the application's thread: QtMultimedia creates its device watchers there on first use."""
    try:
        return call_on_app_thread(_query)
    except (QtUnavailable, ImportError):
        return None


class QtRecorder:
    backend = BACKEND

    def __init__(self) -> None:
        self.last_error: RecorderError | None = None

    def cameras(self) -> list[str]:
        found = _media_devices()
        return found[0] if found else []

    def microphones(self) -> list[str]:
        found = _media_devices()
        return found[1] if found else []

    def status(self) -> DeviceStatus:
        found = _media_devices()
        if found is None:
            return DeviceStatus(KIND, "Камера і мікрофон", DeviceState.FAILING, BACKEND, _NO_APP)
        cameras, microphones = found
        if not cameras and not microphones:
            return DeviceStatus(KIND, "Камера і мікрофон", DeviceState.MISSING, BACKEND,
                                "Камеру й мікрофон не підключено. Підключіть камеру (і мікрофон) до ноутбука.")  # fmt: skip
        if not cameras:
            return DeviceStatus(KIND, microphones[0], DeviceState.MISSING, BACKEND,
                                f"Мікрофон «{microphones[0]}» є, але камеру не підключено.")  # fmt: skip
        if not microphones:
            return DeviceStatus(KIND, cameras[0], DeviceState.MISSING, BACKEND,
                                f"Камера «{cameras[0]}» є, але мікрофон не підключено.")  # fmt: skip
        return DeviceStatus(
            KIND,
            cameras[0],
            DeviceState.FAILING,
            BACKEND,
            f"Камеру «{cameras[0]}» і мікрофон «{microphones[0]}» знайдено, але запис з них ця версія "
            "програми ще не підтримує.",
        )

    def state(self) -> RecorderState:
        return RecorderState.IDLE

    def elapsed(self) -> float:
        return 0.0

    def start(self, visit_id: str, out_dir: Path) -> None:
        found = _media_devices()
        if found is not None and not found[0]:
            raise RecorderError(RecorderErrorKind.NO_CAMERA, "no video input")
        if found is not None and not found[1]:
            raise RecorderError(RecorderErrorKind.NO_MICROPHONE, "no audio input")
        raise RecorderError(RecorderErrorKind.NOT_SUPPORTED, "Qt recording not implemented yet")

    def stop(self) -> list[Path]:
        return []
