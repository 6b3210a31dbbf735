"""Video + audio into crash-safe Matroska segments with PyAV (FFmpeg's libx264 and libopus).

Why PyAV and not QtMultimedia's QMediaRecorder: Qt's FFmpeg build on Linux has no H.264 encoder (only
MPEG-4 Part 2 / MJPEG, files 3-5× larger for the same picture), it runs inside the GUI process (a GUI
freeze or crash takes the open file with it, and it cannot be killed alone), and it does not let us choose
the Matroska cluster length or rotate segments without a gap. PyAV gives the same FFmpeg libraries the
``ffmpeg`` command line uses (libx264 ``superfast`` + ``zerolatency``: no frame is held back in a lookahead,
Opus for speech), runs in a child process (``child.py``) and writes a cluster at least every
``cluster_ms`` with ``flush_packets``: a killed recorder loses at most the last second or so.

``SegmentedEncoder`` takes video frames and audio samples with their capture times (seconds since the
start of the recording, one clock for both — that is what keeps them in sync) and starts a new segment
file every ``segment_seconds``; each segment is a complete, independent, playable file.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from mobile_case.devices.recorder.base import RecorderSettings

VIDEO_TB = Fraction(1, 1000)  # video timestamps in milliseconds


def level_dbfs(samples: np.ndarray) -> float:
    """RMS level of int16 samples in dB relative to full scale (-120 for digital silence)."""
    if samples.size == 0:
        return -120.0
    rms = math.sqrt(float(np.mean(np.square(samples.astype(np.float64)))))
    return 20 * math.log10(rms / 32768.0) if rms > 0 else -120.0


class SegmentWriter:
    """One Matroska file with an H.264 video and an Opus audio stream."""

    def __init__(self, path: Path, settings: RecorderSettings, title: str) -> None:
        self.path = path
        self.settings = settings
        self.container = av.open(
            str(path),
            mode="w",
            format="matroska",
            options={"cluster_time_limit": str(settings.cluster_ms)},
            container_options={"flush_packets": "1", "max_interleave_delta": str(settings.cluster_ms * 1000)},
        )
        self.container.metadata["title"] = title
        v = self.container.add_stream(settings.video_codec, rate=settings.fps)
        v.width, v.height, v.pix_fmt = settings.width, settings.height, "yuv420p"
        v.time_base = VIDEO_TB
        v.codec_context.time_base = VIDEO_TB
        v.codec_context.options = {
            "preset": settings.preset,
            "tune": "zerolatency",
            "crf": str(settings.crf),
            "maxrate": f"{settings.max_video_kbps}k",
            "bufsize": f"{settings.max_video_kbps * 2}k",
            "g": str(settings.fps * 2),  # a keyframe every two seconds: a cut file plays from there
        }
        if settings.encoder_threads:
            v.codec_context.thread_count = settings.encoder_threads
        self.video = v
        a = self.container.add_stream(settings.audio_codec, rate=settings.sample_rate)
        a.layout = "mono"
        a.bit_rate = settings.audio_kbps * 1000
        self.audio = a
        self.audio_samples = 0  # samples written to this segment
        self.last_video_ms = -1
        self.frames = 0

    def add_video(self, frame: av.VideoFrame, t: float) -> None:
        """``frame`` at ``t`` seconds since the segment started (dropped if not after the last one)."""
        ms = int(round(t * 1000))
        if ms <= self.last_video_ms:
            return
        if (
            frame.width != self.settings.width
            or frame.height != self.settings.height
            or frame.format.name != "yuv420p"
        ):
            frame = frame.reformat(self.settings.width, self.settings.height, "yuv420p")
        frame.pts = ms
        frame.time_base = VIDEO_TB
        self.last_video_ms = ms
        self.container.mux(self.video.encode(frame))
        self.frames += 1

    def add_audio(self, samples: np.ndarray) -> None:
        """Mono int16 samples, continuing this segment's audio."""
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = self.settings.sample_rate
        frame.pts = self.audio_samples
        frame.time_base = Fraction(1, self.settings.sample_rate)
        self.audio_samples += samples.size
        self.container.mux(self.audio.encode(frame))

    def close(self) -> None:
        try:
            self.container.mux(self.video.encode(None))
            self.container.mux(self.audio.encode(None))
        finally:
            self.container.close()


class SegmentedEncoder:
    """Frames and samples in, Matroska segments out. Not thread-safe: one thread feeds it.

    ``name_for(number)`` gives each segment's path; ``on_segment(event, path)`` is called with
    ``"opened"`` / ``"closed"``. Segment *k* covers recording time [k·S, (k+1)·S). Video and audio reach
    a boundary at slightly different moments, so the previous segment stays open until the audio has
    passed the boundary too (or one second later): no sample or frame is cut off or put in the wrong file."""

    def __init__(
        self,
        settings: RecorderSettings,
        name_for: Callable[[int], Path],
        title: str,
        on_segment: Callable[[str, Path], None] | None = None,
    ) -> None:
        self.settings = settings
        self.name_for = name_for
        self.title = title
        self.on_segment = on_segment or (lambda _e, _p: None)
        self.number = 0
        self.writer: SegmentWriter | None = None
        self.previous: SegmentWriter | None = None
        self.segment_start = 0.0  # recording time (s) at which the open segment starts
        self.audio_time = 0.0  # recording time of the next audio sample
        self.paths: list[Path] = []

    def _open(self, start: float) -> SegmentWriter:
        self.number += 1
        path = self.name_for(self.number)
        self.writer = SegmentWriter(path, self.settings, self.title)
        self.segment_start = start
        self.paths.append(path)
        self.on_segment("opened", path)
        return self.writer

    def _current(self, t: float) -> SegmentWriter:
        """The writer for recording time ``t`` (opening the next segment when ``t`` is past the end)."""
        length = self.settings.segment_seconds
        if self.writer is None:
            return self._open(math.floor(t / length) * length if self.number else 0.0)
        while t >= self.segment_start + length:
            self._close_previous()
            self.previous = self.writer
            self._open(self.segment_start + length)
        return self.writer  # type: ignore[return-value]

    def _close_previous(self) -> None:
        if self.previous is not None:
            writer, self.previous = self.previous, None
            writer.close()
            self.on_segment("closed", writer.path)

    def add_video(self, frame: av.VideoFrame, t: float) -> None:
        writer = self._current(t)
        writer.add_video(frame, t - self.segment_start)
        if self.previous is not None and t - self.segment_start > 1.0:
            self._close_previous()  # the audio did not reach the boundary within a second

    def add_audio(self, samples: np.ndarray, t: float | None = None) -> None:
        """Samples starting at recording time ``t`` (default: right after the previous ones). A gap
        (the microphone stalled) is filled with silence so the sound stays in step with the picture."""
        rate = self.settings.sample_rate
        if t is not None and t > self.audio_time + 0.05:
            gap = int((t - self.audio_time) * rate)
            samples = np.concatenate([np.zeros(gap, dtype=np.int16), samples])
        elif t is not None and t < self.audio_time - 0.05:
            samples = samples[int((self.audio_time - t) * rate) :]
        length = self.settings.segment_seconds
        while samples.size:
            if self.writer is not None and self.previous is not None and self.audio_time < self.segment_start:
                writer, end = self.previous, self.segment_start  # the tail of the previous segment
            else:
                self._close_previous()
                writer = self._current(self.audio_time)
                end = self.segment_start + length
            room = int(round((end - self.audio_time) * rate))
            take = min(samples.size, max(1, room))
            writer.add_audio(samples[:take])
            samples = samples[take:]
            self.audio_time += take / rate

    def close(self) -> list[Path]:
        self._close_previous()
        if self.writer is not None:
            writer, self.writer = self.writer, None
            writer.close()
            self.on_segment("closed", writer.path)
        return list(self.paths)
