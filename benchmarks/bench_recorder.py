"""CPU time of the visit recorder (720p at 15 fps + audio) against Debian's ``ffmpeg`` command line.

Both encode the **same input** — raw yuv420p frames and s16le mono samples of the recorder's synthetic
test signal, written to files first — with the **same codec settings** (libx264 ``superfast`` /
``zerolatency`` / CRF 28 / 1500 kbit/s VBV cap / GOP 30, libopus 32 kbit/s, Matroska with a cluster at
least every second and packets flushed): the recorder as the app runs it (``python -m
mobile_case.devices.recorder.child``, the raw-file source instead of the camera), ``ffmpeg`` as one
command. Rounds alternate; the CPU time (user + system) of each child process comes from ``wait4``.
Reported: medians and the median of the per-round ratios. Target: recorder ≤ 1.2× ffmpeg.

    .venv/bin/python benchmarks/bench_recorder.py [--seconds 20] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mobile_case.devices.recorder.base import RecorderSettings  # noqa: E402
from mobile_case.devices.recorder.sources import AUDIO_CHUNK, SyntheticSource  # noqa: E402

TARGET = 1.2


def write_input(folder: Path, seconds: float, settings: RecorderSettings) -> tuple[Path, Path]:
    src = SyntheticSource(settings, realtime=False)
    video, audio = folder / "in.yuv", folder / "in.pcm"
    with open(video, "wb") as f:
        for i in range(int(seconds * settings.fps)):
            frame = src.video_frame(i)
            f.write(frame.to_ndarray().tobytes())
    with open(audio, "wb") as f:
        total = int(seconds * settings.sample_rate)
        for start in range(0, total, AUDIO_CHUNK):
            f.write(src.audio_chunk(start, min(AUDIO_CHUNK, total - start)).astype("<i2").tobytes())
    return video, audio


def cpu_of(cmd: list[str], stdin: str | None = None) -> tuple[float, float]:
    """(CPU seconds user+system, wall seconds) of one child process run to its end."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(  # noqa: S603
        cmd,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.flush()  # kept open: the recorder stops by itself at the end of its input
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if proc.stdin is not None:
        proc.stdin.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed with {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def ffmpeg_cmd(video: Path, audio: Path, out: Path, s: RecorderSettings) -> list[str]:
    return [
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{s.width}x{s.height}", "-r", str(s.fps), "-i", str(video),
        "-f", "s16le", "-ar", str(s.sample_rate), "-ac", "1", "-i", str(audio),
        "-threads", str(s.encoder_threads), "-c:v", s.video_codec, "-preset", s.preset, "-tune", "zerolatency", "-crf", str(s.crf),
        "-maxrate", f"{s.max_video_kbps}k", "-bufsize", f"{s.max_video_kbps * 2}k", "-g", str(s.fps * 2),
        "-c:a", s.audio_codec, "-b:a", f"{s.audio_kbps}k",
        "-f", "matroska", "-cluster_time_limit", str(s.cluster_ms), "-flush_packets", "1",
        "-max_interleave_delta", str(s.cluster_ms * 1000), str(out),
    ]  # fmt: skip


def recorder_config(video: Path, audio: Path, out_dir: Path, s: RecorderSettings) -> str:
    return (
        json.dumps(
            {
                "out_dir": str(out_dir),
                "visit_id": "bench",
                "settings": asdict(s),
                "source": {"kind": "raw", "video": str(video), "audio": str(audio)},
            }
        )
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="2 s, one round (smoke test)")
    args = ap.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds = 2.0, 1
    if shutil.which("ffmpeg") is None:
        print("ffmpeg is not installed (apt-get install ffmpeg): no baseline")
        return 1
    s = RecorderSettings(segment_seconds=3600)
    folder = Path(tempfile.mkdtemp(prefix="bench-recorder-"))
    try:
        video, audio = write_input(folder, args.seconds, s)
        env_cmd = [sys.executable, "-m", "mobile_case.devices.recorder.child"]
        os.environ["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")
        rec_cpu: list[float] = []
        ff_cpu: list[float] = []
        ratios: list[float] = []
        sizes: dict[str, int] = {}
        for r in range(args.rounds):
            out_dir = folder / f"rec{r}"
            out_dir.mkdir()
            order = ("rec", "ff") if r % 2 == 0 else ("ff", "rec")
            got: dict[str, float] = {}
            for which in order:
                if which == "rec":
                    got["rec"], _wall = cpu_of(env_cmd, recorder_config(video, audio, out_dir, s))
                    sizes["recorder"] = sum(p.stat().st_size for p in out_dir.glob("*.mkv"))
                else:
                    out = folder / f"ff{r}.mkv"
                    got["ff"], _wall = cpu_of(ffmpeg_cmd(video, audio, out, s))
                    sizes["ffmpeg"] = out.stat().st_size
            rec_cpu.append(got["rec"])
            ff_cpu.append(got["ff"])
            ratios.append(got["rec"] / got["ff"])
            print(
                f"round {r + 1}: recorder {got['rec']:.2f} s CPU, ffmpeg {got['ff']:.2f} s CPU, {ratios[-1]:.2f}×"
            )
        ratio = statistics.median(ratios)
        print(f"input: {args.seconds:g} s of {s.width}x{s.height} at {s.fps} fps + {s.sample_rate} Hz mono")
        print(
            f"recorder (PyAV child process): median {statistics.median(rec_cpu):.2f} s CPU"
            f" = {statistics.median(rec_cpu) / args.seconds * 100:.0f} % of one core while recording"
        )
        print(f"ffmpeg command line: median {statistics.median(ff_cpu):.2f} s CPU")
        print(f"file sizes: recorder {sizes['recorder'] / 1e6:.2f} MB, ffmpeg {sizes['ffmpeg'] / 1e6:.2f} MB")
        print(f"ratio recorder/ffmpeg: {ratio:.2f}×")
        print(f"target recorder CPU ≤ {TARGET}× ffmpeg: {'met' if ratio <= TARGET else 'NOT met'}")
        return 0 if ratio <= TARGET else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
