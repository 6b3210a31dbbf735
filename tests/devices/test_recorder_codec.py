"""A missing encoder (an FFmpeg build without H.264 or Opus) is a clear Ukrainian refusal, not a crash
(issue 5 point 7: «no codec»): refused before the child starts, and mapped to the same kind when the
child finds it out itself."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mobile_case.devices.recorder import pyav_recorder
from mobile_case.devices.recorder.base import (
    RecorderError,
    RecorderErrorKind,
    RecorderSettings,
    RecorderState,
)
from mobile_case.devices.recorder.pyav_recorder import PyAvRecorder, missing_codecs


def test_the_default_codecs_are_there() -> None:
    assert missing_codecs(RecorderSettings()) == []


def test_a_missing_codec_is_refused_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    recorder = PyAvRecorder({"kind": "synthetic"}, RecorderSettings(video_codec="libnosuch264"))
    with pytest.raises(RecorderError) as info:
        recorder.start("visit-1", tmp_path / "rec")
    assert info.value.kind is RecorderErrorKind.NO_CODEC
    assert "кодека" in info.value.user_message and "Візит можна продовжувати" in info.value.user_message
    assert recorder.state() is not RecorderState.RECORDING
    assert not any((tmp_path / "rec").iterdir())


@pytest.mark.slow
def test_a_codec_the_child_cannot_open_is_reported_as_no_codec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyav_recorder, "missing_codecs", lambda _s: [])  # as if the check had passed
    recorder = PyAvRecorder({"kind": "synthetic"}, RecorderSettings(audio_codec="libnosuchopus"))
    try:
        recorder.start("visit-1", tmp_path)  # the child says it started, then opens the encoders
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not recorder.problems():
            time.sleep(0.1)
        kinds = [p.kind for p in recorder.problems()]
        assert RecorderErrorKind.NO_CODEC in kinds, kinds
        assert recorder.last_error is not None and recorder.last_error.kind is RecorderErrorKind.NO_CODEC
    finally:
        recorder.stop()
