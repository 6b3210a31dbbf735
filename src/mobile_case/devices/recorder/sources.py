"""Where the recorder's pictures and sound come from (run inside the recorder's child process).

* ``DeviceSource`` — the real camera and microphone, opened as FFmpeg input devices through PyAV
  (``v4l2`` + ``alsa`` on Linux, ``dshow`` on Windows, ``avfoundation`` on macOS). Each device is read by
  its own thread; a device that fails (camera unplugged) is reported and re-opened every two seconds
  while the other goes on.
* ``SyntheticSource`` — a generated test signal for tests and benchmarks (no camera on CI): a textured
  picture with a moving bar, the whole frame white at every whole second, and a 1 kHz beep of 100 ms at
  every whole second over a quiet noise floor — the flash and the beep let a test measure A/V sync.
  Real time (paced by the clock, like a camera) or as fast as the encoder takes it.
* ``RawFileSource`` — raw yuv420p and s16le files (the same input the benchmark gives ``ffmpeg``).

Every source calls ``sink(kind, payload, t)`` with ``kind`` ``"video"`` (an ``av.VideoFrame``) or
``"audio"`` (mono int16 numpy samples), ``t`` in seconds since the recording started (one clock for both
streams), and ``event(name, **fields)`` for problems.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np

from mobile_case.devices.recorder.base import RecorderSettings

Sink = Callable[[str, Any, float], None]
Event = Callable[..., None]
AUDIO_CHUNK = 960  # 20 ms at 48 kHz


@dataclass
class InputSpec:
    """One FFmpeg input device: ``av.open(url, format=fmt, options=options)``."""

    fmt: str
    url: str
    options: dict[str, str]


def default_inputs(
    camera_id: str, microphone: str, settings: RecorderSettings
) -> tuple[InputSpec, InputSpec]:
    """The platform's FFmpeg input devices for a camera (Qt's device id / description) and a microphone."""
    size = f"{settings.width}x{settings.height}"
    rate = str(settings.fps)
    if sys.platform == "win32":
        return (
            InputSpec(
                "dshow", f"video={camera_id}", {"video_size": size, "framerate": rate, "rtbufsize": "64M"}
            ),
            InputSpec("dshow", f"audio={microphone}", {"sample_rate": str(settings.sample_rate)}),
        )
    if sys.platform == "darwin":
        return (
            InputSpec("avfoundation", f"{camera_id}:none", {"video_size": size, "framerate": rate}),
            InputSpec("avfoundation", f"none:{microphone or 'default'}", {}),
        )
    camera = camera_id if camera_id.startswith("/dev/") else "/dev/video0"
    return (
        InputSpec("v4l2", camera, {"video_size": size, "framerate": rate}),
        InputSpec("alsa", microphone if microphone.startswith(("hw:", "plughw:", "default")) else "default",
                  {"sample_rate": str(settings.sample_rate), "channels": "1"}),
    )  # fmt: skip


class DeviceSource:
    """The camera and the microphone, each read by its own thread until ``stop``."""

    RETRY_SECONDS = 2.0

    def __init__(self, video: InputSpec, audio: InputSpec, settings: RecorderSettings) -> None:
        self.video, self.audio, self.settings = video, audio, settings
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def run(self, sink: Sink, event: Event, t0: float, stop: threading.Event) -> None:
        self._stop = stop
        self._threads = [
            threading.Thread(target=self._read, args=("video", self.video, sink, event, t0), daemon=True),
            threading.Thread(target=self._read, args=("audio", self.audio, sink, event, t0), daemon=True),
        ]
        for t in self._threads:
            t.start()
        stop.wait()
        for t in self._threads:
            t.join(timeout=3)

    def _read(self, kind: str, spec: InputSpec, sink: Sink, event: Event, t0: float) -> None:
        lost = False
        resampler = av.AudioResampler(format="s16", layout="mono", rate=self.settings.sample_rate)
        while not self._stop.is_set():
            try:
                with av.open(spec.url, format=spec.fmt, options=spec.options, timeout=5.0) as container:
                    stream = container.streams.video[0] if kind == "video" else container.streams.audio[0]
                    if lost:
                        event("device_back", device=kind)
                        lost = False
                    for packet in container.demux(stream):
                        if self._stop.is_set():
                            return
                        for frame in packet.decode():
                            now = time.monotonic() - t0
                            if kind == "video":
                                sink("video", frame, now)
                                continue
                            for out in resampler.resample(frame):
                                samples = out.to_ndarray().reshape(-1).astype(np.int16, copy=False)
                                sink("audio", samples, now - samples.size / self.settings.sample_rate)
                raise EOFError("input ended")
            except (av.FFmpegError, OSError, EOFError, IndexError) as exc:
                if self._stop.is_set():
                    return
                if not lost:
                    event("device_lost", device=kind, detail=type(exc).__name__)
                    lost = True
                self._stop.wait(self.RETRY_SECONDS)


class SyntheticSource:
    """The flash-and-beep test signal (see the module docstring)."""

    def __init__(
        self,
        settings: RecorderSettings,
        *,
        duration: float | None = None,
        realtime: bool = True,
        video_stops_at: float | None = None,
        silent: bool = False,
        seed: int = 7,
    ) -> None:
        self.settings = settings
        self.duration = duration
        self.realtime = realtime
        self.video_stops_at = video_stops_at
        self.silent = silent
        w, h = settings.width, settings.height
        rng = np.random.default_rng(seed)
        self._texture = rng.integers(40, 110, size=(h, w + 64), dtype=np.uint8)
        self._chroma = np.full((h // 2, w), 128, dtype=np.uint8)
        self._noise = (rng.standard_normal(settings.sample_rate * 2) * 200).astype(np.int16)  # ≈ -44 dBFS

    def video_frame(self, index: int) -> av.VideoFrame:
        s = self.settings
        w, h = s.width, s.height
        if index % s.fps == 0:  # the flash: every whole second
            y = np.full((h, w), 235, dtype=np.uint8)
        else:
            shift = (index * 4) % 64
            y = self._texture[:, shift : shift + w].copy()
            x = (index * 24) % (w - 40)
            y[:, x : x + 40] = 200
        return av.VideoFrame.from_ndarray(np.vstack([y, self._chroma]), format="yuv420p")

    def audio_chunk(self, start_sample: int, n: int) -> np.ndarray:
        rate = self.settings.sample_rate
        if self.silent:
            return np.zeros(n, dtype=np.int16)
        idx = np.arange(start_sample, start_sample + n)
        noise = self._noise[idx % self._noise.size]
        in_beep = (idx % rate) < rate // 10  # 100 ms from every whole second
        tone = (np.sin(2 * np.pi * 1000 * idx / rate) * 16000).astype(np.int16)
        return np.where(in_beep, tone, noise).astype(np.int16)

    def run(self, sink: Sink, event: Event, t0: float, stop: threading.Event) -> None:
        s = self.settings
        frame_index = 0
        sample = 0
        video_on = True
        while not stop.is_set():
            t_video = frame_index / s.fps
            t_audio = sample / s.sample_rate
            t_next = min(t_video, t_audio) if video_on else t_audio
            if self.duration is not None and t_next >= self.duration:
                return
            if self.realtime:
                delay = t0 + t_next - time.monotonic()
                if delay > 0 and stop.wait(delay):
                    return
            if video_on and t_video <= t_audio:
                if self.video_stops_at is not None and t_video >= self.video_stops_at:
                    video_on = False
                    event("device_lost", device="video", detail="synthetic camera unplugged")
                    continue
                sink("video", self.video_frame(frame_index), t_video)
                frame_index += 1
            else:
                sink("audio", self.audio_chunk(sample, AUDIO_CHUNK), t_audio)
                sample += AUDIO_CHUNK


class RawFileSource:
    """Raw yuv420p video and s16le mono audio files, fed as fast as the encoder takes them (each frame
    read straight into the video frame's planes: one copy, as ``ffmpeg`` does)."""

    AUDIO_BLOCK = AUDIO_CHUNK * 5  # 100 ms of sound per call

    def __init__(self, settings: RecorderSettings, video: Path, audio: Path) -> None:
        self.settings, self.video, self.audio = settings, video, audio

    def _read_frame(self, f: Any) -> av.VideoFrame | None:
        s = self.settings
        frame = av.VideoFrame(s.width, s.height, "yuv420p")
        for plane, (w, h) in zip(frame.planes, ((s.width, s.height), (s.width // 2, s.height // 2)
                                                 , (s.width // 2, s.height // 2)), strict=True):  # fmt: skip
            view = memoryview(plane)
            if plane.line_size == w:
                if f.readinto(view[: w * h]) < w * h:
                    return None
                continue
            for row in range(h):  # padded lines
                if f.readinto(view[row * plane.line_size : row * plane.line_size + w]) < w:
                    return None
        return frame

    def run(self, sink: Sink, event: Event, t0: float, stop: threading.Event) -> None:
        s = self.settings
        pcm = np.fromfile(self.audio, dtype="<i2")
        block = self.AUDIO_BLOCK
        with open(self.video, "rb", buffering=0) as f:
            index, sample = 0, 0
            while not stop.is_set():
                t_video, t_audio = index / s.fps, sample / s.sample_rate
                if t_video <= t_audio or sample >= pcm.size:
                    frame = self._read_frame(f)
                    if frame is None:
                        break
                    sink("video", frame, t_video)
                    index += 1
                else:
                    sink("audio", pcm[sample : sample + block], t_audio)
                    sample += block
            while sample < pcm.size and not stop.is_set():
                sink("audio", pcm[sample : sample + block], sample / s.sample_rate)
                sample += block
