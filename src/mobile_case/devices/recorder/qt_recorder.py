"""The real visit recorder: cameras and microphones as QtMultimedia sees them (QMediaDevices), recorded
by ``pyav_recorder.PyAvRecorder`` (H.264 + Opus in Matroska segments, encoded in a child process — see
``encoder.py`` for why PyAV and not QMediaRecorder).

The registry's automatic mode uses this backend when a camera *and* a microphone are present (status
READY); ``start`` records the first camera and the first microphone (or the configured ones) and refuses
in Ukrainian when either is missing. QtMultimedia needs a QCoreApplication: the app and the CLI create
one before asking.
"""

from __future__ import annotations

from pathlib import Path

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.qtthread import QtUnavailable, call_on_app_thread
from mobile_case.devices.recorder.base import (
    KIND,
    RecorderError,
    RecorderErrorKind,
    RecorderProblem,
    RecorderSettings,
    RecorderState,
)
from mobile_case.devices.recorder.pyav_recorder import PyAvRecorder

BACKEND = "qt"
_NO_APP = (
    "Перевірити камеру й мікрофон зараз не вдалося (програма зайнята). Спробуйте оновити стан пристроїв."
)


def _query() -> tuple[list[str], list[str]]:
    cameras, microphones = _query_ids()
    return [name for name, _id in cameras], [name for name, _id in microphones]


def _query_ids() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(description, device id) of each camera and microphone (ids: ``/dev/video0`` on Linux)."""
    from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 — heavy, imported lazily

    def ident(raw: object) -> str:
        data = bytes(raw) if not isinstance(raw, str) else raw.encode()  # type: ignore[call-overload]
        return data.decode("utf-8", "replace")

    cameras = [(d.description(), ident(d.id())) for d in QMediaDevices.videoInputs()]
    microphones = [(d.description(), ident(d.id())) for d in QMediaDevices.audioInputs()]
    return cameras, microphones


def _device_ids() -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
    try:
        return call_on_app_thread(_query_ids)
    except (QtUnavailable, ImportError):
        return None


def _media_devices() -> tuple[list[str], list[str]] | None:
    """(cameras, microphones) by description, or None when QtMultimedia cannot be asked.

    Asked on the application's thread: QtMultimedia creates its device watchers there on first use."""
    try:
        return call_on_app_thread(_query)
    except (QtUnavailable, ImportError):
        return None


class QtRecorder:
    backend = BACKEND

    def __init__(
        self, settings: RecorderSettings | None = None, camera: str = "", microphone: str = ""
    ) -> None:
        self.settings = settings or RecorderSettings()
        self.prefer_camera, self.prefer_microphone = camera, microphone
        self.last_error: RecorderError | None = None
        self._recorder: PyAvRecorder | None = None

    def cameras(self) -> list[str]:
        found = _media_devices()
        return found[0] if found else []

    def microphones(self) -> list[str]:
        found = _media_devices()
        return found[1] if found else []

    def status(self) -> DeviceStatus:
        if self.state() is RecorderState.RECORDING:
            return DeviceStatus(
                KIND, self._recorder.camera or "Камера", DeviceState.READY, BACKEND, "Іде запис візиту."
            )  # type: ignore[union-attr]
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
        return DeviceStatus(KIND, cameras[0], DeviceState.READY, BACKEND,
                            f"Камера «{cameras[0]}» і мікрофон «{microphones[0]}» готові до запису.")  # fmt: skip

    def state(self) -> RecorderState:
        return self._recorder.state() if self._recorder is not None else RecorderState.IDLE

    def elapsed(self) -> float:
        return self._recorder.elapsed() if self._recorder is not None else 0.0

    def problems(self) -> list[RecorderProblem]:
        return self._recorder.problems() if self._recorder is not None else []

    def finished_segments(self) -> list[Path]:
        return self._recorder.finished_segments() if self._recorder is not None else []

    def snapshot(self, timeout: float = 3.0) -> object:
        """A still of the recording camera (BGR numpy array) or None; see ``PyAvRecorder.snapshot``."""
        return self._recorder.snapshot(timeout) if self._recorder is not None else None

    @staticmethod
    def _pick(found: list[tuple[str, str]], prefer: str) -> tuple[str, str]:
        for name, ident in found:
            if prefer in (name, ident):
                return name, ident
        return found[0]

    def start(self, visit_id: str, out_dir: Path) -> None:
        if self.state() is RecorderState.RECORDING:
            raise RecorderError(RecorderErrorKind.ALREADY_RECORDING)
        found = _device_ids()
        if found is None:
            raise RecorderError(RecorderErrorKind.NO_CAMERA, "QtMultimedia not available", _NO_APP)
        cameras, microphones = found
        if not cameras:
            raise RecorderError(RecorderErrorKind.NO_CAMERA, "no video input")
        if not microphones:
            raise RecorderError(RecorderErrorKind.NO_MICROPHONE, "no audio input")
        camera, camera_id = self._pick(cameras, self.prefer_camera)
        microphone, microphone_id = self._pick(microphones, self.prefer_microphone)
        # FFmpeg names: the device node on Linux (Qt's id), the friendly name on Windows (dshow)
        source = {
            "kind": "devices",
            "camera": camera_id if camera_id.startswith("/dev/") else camera,
            "microphone": microphone_id if microphone_id.startswith(("hw:", "plughw:")) else microphone,
        }
        self._recorder = PyAvRecorder(source, self.settings, camera=camera, microphone=microphone)
        try:
            self._recorder.start(visit_id, out_dir)
        except RecorderError as exc:
            self.last_error = exc
            raise
        self.last_error = None

    def stop(self) -> list[Path]:
        if self._recorder is None:
            return []
        segments = self._recorder.stop()
        self.last_error = self._recorder.last_error
        return segments
