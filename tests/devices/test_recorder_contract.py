"""One contract for every recorder backend: the simulator (records), the real PyAV recorder fed with the
synthetic test signal (records through the real encoder and child process), and the QtMultimedia backend
(finds cameras and microphones; this machine has none, so it must refuse honestly and write nothing)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from mobile_case.devices.base import DeviceState
from mobile_case.devices.recorder.base import Recorder, RecorderError, RecorderErrorKind, RecorderState
from mobile_case.devices.recorder.matroska import read_frames
from mobile_case.devices.recorder.simulator import SEGMENT_SUFFIX, SimulatedRecorder, SimulatedRecorderConfig

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
VISIT = "3f2b8c1e-5d4a-4e8f-9a6b-0c1d2e3f4a5b"


@pytest.fixture(params=["simulator", "pyav", "qt"])
def recorder(request: pytest.FixtureRequest, qapp: object) -> Iterator[Recorder]:
    if request.param == "simulator":
        rec: Recorder = SimulatedRecorder(SimulatedRecorderConfig(fps=20))
    elif request.param == "pyav":
        from mobile_case.devices.recorder.pyav_recorder import PyAvRecorder

        rec = PyAvRecorder({"kind": "synthetic"})
    else:
        from mobile_case.devices.recorder.qt_recorder import QtRecorder

        rec = QtRecorder()
    yield rec
    rec.stop()


def test_is_a_recorder_with_a_ukrainian_status(recorder: Recorder) -> None:
    assert isinstance(recorder, Recorder)
    status = recorder.status()
    assert status.kind == "recorder"
    assert status.backend == recorder.backend
    assert CYRILLIC.search(status.message)
    if recorder.backend == "qt":
        # this machine has neither camera nor microphone
        assert (recorder.cameras(), recorder.microphones()) == ([], [])
        assert status.state is DeviceState.MISSING
    elif recorder.backend == "pyav":
        assert status.state is DeviceState.READY
    else:
        assert status.state is DeviceState.SIMULATED
    assert recorder.problems() == [] and recorder.finished_segments() == []  # type: ignore[attr-defined]


def test_idle_recorder(recorder: Recorder) -> None:
    assert recorder.state() is RecorderState.IDLE
    assert recorder.elapsed() == 0.0
    assert recorder.stop() == []


def test_start_records_or_refuses_without_writing(recorder: Recorder, tmp_path: Path) -> None:
    out = tmp_path / "recordings"
    try:
        recorder.start(VISIT, out)
    except RecorderError as exc:
        assert recorder.backend == "qt"
        assert exc.kind in (
            RecorderErrorKind.NO_CAMERA,
            RecorderErrorKind.NO_MICROPHONE,
        )
        assert CYRILLIC.search(exc.user_message)
        assert recorder.state() is RecorderState.IDLE
        assert not out.exists() or not any(out.iterdir())
        return
    assert recorder.state() is RecorderState.RECORDING
    time.sleep(0.3)
    assert recorder.elapsed() >= 0.3
    segments = recorder.stop()
    assert recorder.state() is RecorderState.IDLE
    assert segments and all(p.parent == out and VISIT in p.name and p.stat().st_size > 0 for p in segments)
    elapsed = recorder.elapsed()
    time.sleep(0.05)
    assert recorder.elapsed() == elapsed, "elapsed keeps the length of the finished recording"


def test_simulated_segments_are_matroska_mjpeg_files(tmp_path: Path) -> None:
    rec = SimulatedRecorder(SimulatedRecorderConfig(fps=20, segment_seconds=0.3))
    rec.start(VISIT, tmp_path)
    time.sleep(0.75)
    segments = rec.stop()
    assert [p.name for p in segments] == [
        f"{VISIT}-{n:03d}{SEGMENT_SUFFIX}" for n in range(1, len(segments) + 1)
    ]
    assert len(segments) >= 3
    total = 0
    for path in segments:
        assert path.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # EBML
        frames = list(read_frames(path))
        assert frames, path.name
        times = [t for t, _ in frames]
        assert times == sorted(times) and times[0] == 0
        for _t, jpeg in frames[:2]:
            image = QImage.fromData(jpeg, "JPEG")
            assert (image.width(), image.height()) == (320, 240)
        total += len(frames)
    assert total >= 0.75 * 20 * 0.6  # most frames of 0.75 s at 20 fps are there


def test_cut_file_keeps_the_frames_before_the_cut(tmp_path: Path) -> None:
    rec = SimulatedRecorder(SimulatedRecorderConfig(fps=20))
    rec.start(VISIT, tmp_path)
    time.sleep(0.4)
    (segment,) = rec.stop()
    frames = list(read_frames(segment))
    data = segment.read_bytes()
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(data[: len(data) - len(frames[-1][1]) // 2])  # a crash in the middle of the last frame
    assert [t for t, _ in read_frames(cut)] == [t for t, _ in frames[:-1]]


PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication, QTimer, QUrl
from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer
app = QCoreApplication([])
player = QMediaPlayer()
done = lambda status: status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.InvalidMedia)
player.mediaStatusChanged.connect(lambda status: app.quit() if done(status) else None)
player.setSource(QUrl.fromLocalFile(sys.argv[1]))
QTimer.singleShot(15000, app.quit)
if not done(player.mediaStatus()):
    app.exec()
print(json.dumps({"loaded": player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia,
                  "video": player.hasVideo(), "duration": player.duration(),
                  "title": player.metaData().stringValue(QMediaMetaData.Key.Title)}))
"""


def test_ffmpeg_reads_the_simulated_recording(tmp_path: Path) -> None:
    """An independent decoder (Qt Multimedia's FFmpeg, in its own process) opens the file."""
    rec = SimulatedRecorder(SimulatedRecorderConfig(fps=10))
    rec.start(VISIT, tmp_path)
    time.sleep(1.0)
    (segment,) = rec.stop()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(segment)], capture_output=True, text=True, timeout=60, check=True
    )
    info = json.loads(done.stdout.strip().splitlines()[-1])
    assert info["loaded"] and info["video"]
    assert 800 <= info["duration"] <= 1500
    assert "Симуляція" in info["title"]


def test_second_start_is_refused(tmp_path: Path) -> None:
    rec = SimulatedRecorder(SimulatedRecorderConfig(fps=5))
    rec.start(VISIT, tmp_path)
    try:
        with pytest.raises(RecorderError) as info:
            rec.start(VISIT, tmp_path)
        assert info.value.kind is RecorderErrorKind.ALREADY_RECORDING
    finally:
        rec.stop()


def test_unwritable_folder_is_a_disk_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    rec = SimulatedRecorder()
    with pytest.raises(RecorderError) as info:
        rec.start(VISIT, blocker)
    assert info.value.kind is RecorderErrorKind.DISK
    assert rec.state() is RecorderState.IDLE


@pytest.mark.parametrize(
    "kind", [RecorderErrorKind.NO_CAMERA, RecorderErrorKind.NO_MICROPHONE, RecorderErrorKind.NOT_SUPPORTED]
)
def test_simulated_failures(kind: RecorderErrorKind, tmp_path: Path) -> None:
    rec = SimulatedRecorder(SimulatedRecorderConfig(fail_with=kind))
    with pytest.raises(RecorderError) as info:
        rec.start(VISIT, tmp_path)
    assert info.value.kind is kind
    assert not any(tmp_path.iterdir())
    if kind is RecorderErrorKind.NO_CAMERA:
        assert rec.cameras() == [] and rec.status().state is DeviceState.MISSING
