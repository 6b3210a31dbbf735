"""The visit recorder: ``base`` (protocol), ``simulator`` (Matroska test picture), ``qt_recorder``."""

from mobile_case.devices.recorder.base import Recorder, RecorderError, RecorderErrorKind, RecorderState

__all__ = ["Recorder", "RecorderError", "RecorderErrorKind", "RecorderState"]
