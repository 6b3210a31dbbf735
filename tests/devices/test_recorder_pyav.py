"""The real recorder (PyAV child process: H.264 + Opus in Matroska) fed with synthetic video and sound.

No camera on CI, so the child's source is the flash-and-beep test signal (the whole frame white and a
1 kHz beep at every whole second) pushed through the real encoding path, or FFmpeg's lavfi test sources
read through the same input-device path the camera and microphone use. The files are decoded back with
PyAV: both streams, the length, A/V sync (flash vs beep) and what a SIGKILL leaves behind.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest

from mobile_case.devices.recorder.base import (
    RecorderErrorKind,
    RecorderSettings,
    RecorderState,
    expected_bytes,
)
from mobile_case.devices.recorder.pyav_recorder import PyAvRecorder, next_number

VISIT = "3f2b8c1e-5d4a-4e8f-9a6b-0c1d2e3f4a5b"


@dataclass
class Decoded:
    video_codec: str
    audio_codec: str
    size: tuple[int, int]
    frame_times: list[float]
    frame_luma: list[float]
    audio: np.ndarray  # mono float samples
    audio_start: float
    rate: int

    @property
    def video_seconds(self) -> float:
        return self.frame_times[-1] if self.frame_times else 0.0

    @property
    def audio_seconds(self) -> float:
        return self.audio_start + self.audio.size / self.rate

    def flashes(self) -> list[float]:
        return [t for t, y in zip(self.frame_times, self.frame_luma, strict=True) if y > 200]

    def beeps(self) -> list[float]:
        """Onsets of the 1 kHz beeps: 5 ms windows whose level jumps above -20 dBFS after quiet."""
        win = self.rate // 200
        n = self.audio.size // win
        rms = np.sqrt(np.mean(np.square(self.audio[: n * win].reshape(n, win)), axis=1))
        loud = rms > 0.1
        onsets = [i for i in range(1, n) if loud[i] and not loud[max(0, i - 4) : i].any()]
        if n and loud[0]:
            onsets.insert(0, 0)
        return [self.audio_start + i * win / self.rate for i in onsets]


def decode(path: Path) -> Decoded:
    """Everything in the file (stops quietly at a truncated tail, as a player does)."""
    times: list[float] = []
    luma: list[float] = []
    chunks: list[np.ndarray] = []
    audio_start: float | None = None
    with av.open(str(path)) as c:
        v, a = c.streams.video[0], c.streams.audio[0]
        info = (v.codec_context.name, a.codec_context.name, (v.width, v.height), a.rate)
        try:
            for packet in c.demux(v, a):
                for frame in packet.decode():
                    if packet.stream is v:
                        times.append(float(frame.time))
                        luma.append(float(frame.to_ndarray(format="gray").mean()))
                    else:
                        if audio_start is None:
                            audio_start = float(frame.time or 0.0)
                        chunks.append(frame.to_ndarray().reshape(-1).astype(np.float32))
        except av.error.InvalidDataError:
            pass  # the cut-off end of a killed recording
    audio = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    return Decoded(info[0], info[1], info[2], times, luma, audio, audio_start or 0.0, info[3])


def assert_in_sync(d: Decoded, seconds: int) -> None:
    flashes, beeps = d.flashes(), d.beeps()
    assert len(flashes) >= seconds - 1, flashes
    for f in flashes:
        nearest = min(beeps, key=lambda b: abs(b - f))
        assert abs(nearest - f) < 0.1, (f, nearest)  # in sync within 100 ms


def wait_for(predicate: object, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def recorders() -> Iterator[list[PyAvRecorder]]:
    made: list[PyAvRecorder] = []
    yield made
    for r in made:
        r.stop()


def synthetic(
    made: list[PyAvRecorder], settings: RecorderSettings | None = None, **source: object
) -> PyAvRecorder:
    rec = PyAvRecorder({"kind": "synthetic", **source}, settings or RecorderSettings())
    made.append(rec)
    return rec


def test_a_recording_plays_with_picture_and_sound_in_sync_and_the_expected_length(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    rec = synthetic(recorders, duration=6.0, realtime=False)
    rec.start(VISIT, tmp_path)
    wait_for(lambda: rec.state() is not RecorderState.RECORDING, 60)
    assert rec.state() is RecorderState.IDLE and rec.last_error is None
    segments = rec.stop()
    assert [p.name for p in segments] == [f"{VISIT}-001.mkv"]
    d = decode(segments[0])
    assert (d.video_codec, d.audio_codec, d.size) == ("h264", "opus", (1280, 720))
    assert len(d.frame_times) == 90  # 6 s at 15 fps, none lost
    assert d.frame_times[-1] == pytest.approx(6.0 - 1 / 15, abs=0.01)
    assert d.audio_seconds == pytest.approx(6.0, abs=0.05)
    assert_in_sync(d, 6)
    with av.open(str(segments[0])) as c:  # closed properly: the container knows its length
        assert c.duration / 1e6 == pytest.approx(6.0, abs=0.1)
        assert "Запис візиту" in c.metadata.get("title", "")


def test_segments_rotate_and_together_hold_every_frame_and_sample(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    rec = synthetic(recorders, RecorderSettings(segment_seconds=3.0), duration=7.0, realtime=False)
    rec.start(VISIT, tmp_path)
    wait_for(lambda: rec.state() is not RecorderState.RECORDING, 60)
    segments = rec.stop()
    assert [p.name for p in segments] == [f"{VISIT}-00{i}.mkv" for i in (1, 2, 3)]
    assert rec.finished_segments() == segments
    parts = [decode(p) for p in segments]
    assert [len(p.frame_times) for p in parts] == [45, 45, 15]
    assert [round(p.audio_seconds, 1) for p in parts] == [3.0, 3.0, 1.0]
    for part, seconds in zip(parts, (3, 3, 1), strict=True):
        assert part.frame_luma[0] > 200  # each segment starts on a whole second: its flash
        assert_in_sync(part, seconds)
    # the next start in the same folder continues the numbering (a leftover is never overwritten)
    assert next_number(tmp_path, VISIT) == 4


@pytest.mark.slow
def test_a_killed_recorder_leaves_a_playable_file_missing_at_most_two_seconds(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    rec = synthetic(recorders, realtime=True)
    rec.start(VISIT, tmp_path)
    time.sleep(4.5)
    recorded = rec.elapsed()
    rec.kill_child()  # SIGKILL
    wait_for(lambda: rec.state() is RecorderState.FAILED)
    assert rec.problems()[0].kind is RecorderErrorKind.ENCODER
    segments = rec.stop()
    assert len(segments) == 1
    d = decode(segments[0])
    assert (d.video_codec, d.audio_codec) == ("h264", "opus")
    assert d.video_seconds >= recorded - 2.0, (d.video_seconds, recorded)
    assert d.audio_seconds >= recorded - 2.0, (d.audio_seconds, recorded)
    assert_in_sync(d, int(d.video_seconds))


def test_the_device_input_path_records_ffmpeg_input_devices(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    """The camera/microphone path (FFmpeg input devices read by threads, stamped by arrival) with
    lavfi's paced test sources in place of v4l2/alsa."""
    rec = PyAvRecorder(
        {
            "kind": "inputs",
            "video": {"fmt": "lavfi", "url": "testsrc2=size=640x360:rate=15,realtime"},
            "audio": {"fmt": "lavfi", "url": "sine=frequency=440:sample_rate=44100,arealtime"},
        }
    )
    recorders.append(rec)
    rec.start(VISIT, tmp_path)
    time.sleep(2.5)
    assert rec.problems() == []
    assert rec.level_dbfs is not None and rec.level_dbfs > -30  # the sine is heard
    segments = rec.stop()
    d = decode(segments[0])
    assert d.size == (1280, 720)  # scaled to the recording's size
    assert len(d.frame_times) >= 25
    assert d.audio_seconds == pytest.approx(d.video_seconds, abs=0.5)


def test_a_lost_camera_is_reported_at_once_and_the_sound_goes_on(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    rec = synthetic(recorders, realtime=True, video_stops_at=1.0)
    rec.start(VISIT, tmp_path)
    wait_for(lambda: any(p.kind is RecorderErrorKind.CAMERA_LOST for p in rec.problems()), 5)
    message = rec.problems()[0].message
    assert "Камера" in message and "Звук записується далі" in message
    assert rec.state() is RecorderState.RECORDING
    time.sleep(1.5)
    d = decode(rec.stop()[0])
    assert d.video_seconds < 1.1
    assert d.audio_seconds > 2.0  # nothing captured is lost


def test_a_silent_microphone_and_a_nearly_full_disk_are_problems(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    settings = RecorderSettings(silent_seconds=1.5, disk_warn_bytes=1 << 60, disk_stop_bytes=1)
    rec = synthetic(recorders, settings, realtime=True, silent=True)
    rec.disk_check_seconds = 0.3
    rec.start(VISIT, tmp_path)
    wait_for(
        lambda: (
            {p.kind for p in rec.problems()}
            >= {RecorderErrorKind.MICROPHONE_SILENT, RecorderErrorKind.DISK_LOW}
        ),
        6,
    )
    assert rec.state() is RecorderState.RECORDING  # a warning, the recording goes on
    assert rec.level_dbfs == -120.0
    assert rec.stop()


def test_no_room_on_the_disk_refuses_to_start_and_running_out_stops_cleanly(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    full = synthetic(recorders, RecorderSettings(disk_stop_bytes=1 << 60))
    with pytest.raises(Exception) as info:
        full.start(VISIT, tmp_path)
    assert getattr(info.value, "kind", None) is RecorderErrorKind.DISK
    assert "Звільніть місце" in info.value.user_message  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []

    class Shrinking(PyAvRecorder):
        disk_check_seconds = 0.3

    rec = Shrinking({"kind": "synthetic"}, RecorderSettings())
    recorders.append(rec)
    rec.start(VISIT, tmp_path)
    time.sleep(1.0)
    rec.settings = RecorderSettings(disk_stop_bytes=1 << 60)  # the disk "fills up"
    wait_for(lambda: rec.state() is RecorderState.FAILED, 10)
    assert rec.last_error is not None and rec.last_error.kind is RecorderErrorKind.DISK
    d = decode(rec.stop()[0])
    assert d.video_seconds > 0.8  # what was recorded before is kept, closed properly


def test_expected_size_covers_what_the_recorder_writes(tmp_path: Path, recorders: list[PyAvRecorder]) -> None:
    assert expected_bytes(3600) == pytest.approx(1532 * 1000 / 8 * 3600 * 1.05, rel=0.001)
    rec = synthetic(recorders, duration=4.0, realtime=False)
    rec.start(VISIT, tmp_path)
    wait_for(lambda: rec.state() is not RecorderState.RECORDING, 60)
    size = sum(p.stat().st_size for p in rec.stop())
    assert size <= expected_bytes(4.0) * 1.5  # noise texture + a white flash a second: a worst case


def test_raw_files_are_recorded_frame_for_frame(tmp_path: Path, recorders: list[PyAvRecorder]) -> None:
    """The benchmark's input path (raw yuv420p + s16le read straight into the frames) loses nothing."""
    from mobile_case.devices.recorder.sources import SyntheticSource

    s = RecorderSettings()
    src = SyntheticSource(s, realtime=False)
    video, audio = tmp_path / "in.yuv", tmp_path / "in.pcm"
    with open(video, "wb") as f:
        for i in range(30):
            f.write(src.video_frame(i).to_ndarray().tobytes())
    src.audio_chunk(0, 2 * s.sample_rate).astype("<i2").tofile(audio)
    out = tmp_path / "out"
    rec = PyAvRecorder({"kind": "raw", "video": str(video), "audio": str(audio)}, s)
    recorders.append(rec)
    rec.start(VISIT, out)
    wait_for(lambda: rec.state() is not RecorderState.RECORDING, 60)
    d = decode(rec.stop()[0])
    assert len(d.frame_times) == 30 and d.audio_seconds == pytest.approx(2.0, abs=0.03)
    assert d.flashes() == [0.0, 1.0]
    assert_in_sync(d, 2)
    textured = d.frame_luma[1]
    assert 60 < textured < 120  # the texture came through, not a blank frame


def test_the_app_entry_point_runs_the_recorder_child(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A frozen build starts the child as ``<app> recorder-child`` (no ``-m`` there)."""
    import io
    import json

    from mobile_case import cli

    config = {
        "out_dir": str(tmp_path),
        "visit_id": VISIT,
        "source": {"kind": "synthetic", "duration": 0.5, "realtime": False},
    }
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(config) + "\n"))
    code = cli.main(["recorder-child"])
    events = [json.loads(line)["event"] for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and events[0] == "started" and events[-1] == "stopped"


@pytest.mark.skipif(sys.platform == "win32", reason="thread nice values are a Linux/POSIX notion")
def test_the_encoder_process_runs_below_the_app_priority(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    """Every thread of the child (x264's too) yields the CPU to the GUI on a busy 2-core laptop."""
    import psutil

    rec = synthetic(recorders, realtime=True)
    rec.start(VISIT, tmp_path)
    time.sleep(0.8)
    child = psutil.Process(rec.pid)
    mine = psutil.Process().nice()
    niceness = {os.getpriority(os.PRIO_PROCESS, t.id) for t in child.threads()}
    assert len(child.threads()) >= 3 and niceness == {mine + RecorderSettings().nice}


def test_the_real_backend_opens_the_platform_devices_and_reports_missing_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    """QtRecorder with a camera and a microphone "found" by QtMultimedia whose device nodes do not exist
    (unplugged between the check and the start): the child opens v4l2 / ALSA for real, fails, says so in
    Ukrainian, keeps retrying; the visit is not blocked and nothing bogus is written."""
    from mobile_case.devices.base import DeviceState
    from mobile_case.devices.recorder import qt_recorder

    found = ([("USB Camera", "/dev/video97")], [("USB Microphone", "hw:97,0")])
    monkeypatch.setattr(qt_recorder, "_device_ids", lambda: found)
    monkeypatch.setattr(qt_recorder, "_media_devices", lambda: ([found[0][0][0]], [found[1][0][0]]))
    rec = qt_recorder.QtRecorder()
    assert rec.status().state is DeviceState.READY and "USB Camera" in rec.status().message
    rec.start(VISIT, tmp_path)
    try:
        assert rec._recorder is not None and rec._recorder.source == {
            "kind": "devices",
            "camera": "/dev/video97",
            "microphone": "hw:97,0",
        }
        wait_for(
            lambda: (
                {p.kind for p in rec.problems()}
                >= {RecorderErrorKind.CAMERA_LOST, RecorderErrorKind.MICROPHONE_SILENT}
            ),
            10,
        )
        assert rec.state() is RecorderState.RECORDING  # it keeps trying (the camera may come back)
        assert all("Камер" in p.message or "Мікрофон" in p.message for p in rec.problems())
    finally:
        segments = rec.stop()
    assert segments == [] and list(tmp_path.iterdir()) == []


def test_a_still_of_the_recording_camera_for_the_document_camera(
    tmp_path: Path, recorders: list[PyAvRecorder]
) -> None:
    """The kit's one camera records; the documents step takes a still of its stream (scanner request 4)."""
    from mobile_case.devices.recorder.pyav_recorder import RecorderCapture

    rec = synthetic(recorders, realtime=True)
    capture = RecorderCapture(rec)
    assert not capture.isOpened() and rec.snapshot() is None  # not recording: no still
    rec.start(VISIT, tmp_path)
    assert capture.isOpened()
    ok, first = capture.read()
    time.sleep(0.2)
    second = rec.snapshot()
    assert ok and first.shape == (720, 1280, 3) and first.dtype == np.uint8
    assert second is not None and not np.array_equal(first, second)  # live frames
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{VISIT}-001.mkv"]  # nothing left behind
    capture.release()
    assert rec.state() is RecorderState.RECORDING  # the recording goes on
    time.sleep(0.5)
    elapsed = rec.elapsed()
    d = decode(rec.stop()[0])
    assert len(d.frame_times) >= int(elapsed * 15) - 2  # and lost no frames for the stills
