"""A missing encoder (an FFmpeg build without H.264 or Opus) is a clear Ukrainian refusal, not a crash
(issue 5 point 7: «no codec»): the recorder's child checks the codecs before it says it started, so
``start`` refuses at once with its own message; an encoder that fails to open later maps to the same kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from mobile_case.devices.recorder.base import (
    RecorderError,
    RecorderErrorKind,
    RecorderSettings,
    RecorderState,
)
from mobile_case.devices.recorder.pyav_recorder import PyAvRecorder, missing_codecs


def test_the_default_codecs_are_there_and_a_made_up_one_is_not() -> None:
    assert missing_codecs(RecorderSettings()) == []
    assert missing_codecs(RecorderSettings(audio_codec="libnosuchopus")) == ["libnosuchopus"]


@pytest.mark.parametrize("settings", [RecorderSettings(video_codec="libnosuch264"),
                                      RecorderSettings(audio_codec="libnosuchopus")])  # fmt: skip
def test_a_missing_codec_is_refused_at_start_and_nothing_is_written(tmp_path: Path, settings: RecorderSettings) -> None:
    recorder = PyAvRecorder({"kind": "synthetic"}, settings)
    with pytest.raises(RecorderError) as info:
        recorder.start("visit-1", tmp_path / "rec")
    assert info.value.kind is RecorderErrorKind.NO_CODEC
    assert "libnosuch" in str(info.value)  # the log line names the codec
    assert "кодека" in info.value.user_message and "Візит можна продовжувати" in info.value.user_message
    assert recorder.state() is not RecorderState.RECORDING
    assert not any((tmp_path / "rec").iterdir())
    assert recorder.stop() == []


def test_an_encoder_that_fails_to_open_while_recording_is_no_codec() -> None:
    recorder = PyAvRecorder({"kind": "synthetic"})
    recorder._on_message({"event": "error", "kind": "encoder", "detail": "UnknownCodecError"})
    assert [p.kind for p in recorder.problems()] == [RecorderErrorKind.NO_CODEC]
    assert recorder.last_error is not None and recorder.last_error.kind is RecorderErrorKind.NO_CODEC
    other = PyAvRecorder({"kind": "synthetic"})
    other._on_message({"event": "error", "kind": "encoder", "detail": "ValueError"})
    assert other.last_error is not None and other.last_error.kind is RecorderErrorKind.ENCODER
