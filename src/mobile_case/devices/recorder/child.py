"""The recorder's child process: ``python -m mobile_case.devices.recorder.child``.

Reads one JSON line of configuration from stdin, records until it reads ``stop`` (or stdin closes: the
app is gone), then closes the open segment and exits. It reports on stdout, one JSON object a line:
``{"event": "started"}``, ``snapshot`` (``path`` of a still asked for with ``snapshot <path>``), ``segment`` (``state`` opened/closed, ``path``), ``level`` (the microphone's
dBFS over the last second), ``device_lost`` / ``device_back`` (``device`` video/audio), ``error``
(``kind`` disk/encoder, ``detail``) and finally ``stopped`` (``segments``).

Encoding in a process of its own keeps the GUI thread free (libx264 and the muxer hold the GIL for a
while per frame), survives a frozen GUI, and can be killed alone — the Matroska file it leaves is playable
up to the last cluster written (``RecorderSettings.cluster_ms``).
"""

from __future__ import annotations

import json
import math
import os
import queue
import sys
import threading
import time
from dataclasses import fields
from pathlib import Path
from typing import Any

from mobile_case.devices.recorder.base import RecorderSettings

_out_lock = threading.Lock()


def emit(event: str, **data: Any) -> None:
    with _out_lock:
        sys.stdout.write(json.dumps({"event": event, **data}) + "\n")
        sys.stdout.flush()


def settings_from(data: dict[str, Any]) -> RecorderSettings:
    names = {f.name for f in fields(RecorderSettings)}
    return RecorderSettings(**{k: v for k, v in data.items() if k in names})


def make_source(config: dict[str, Any], settings: RecorderSettings) -> Any:
    from mobile_case.devices.recorder import sources  # noqa: PLC0415

    src = config["source"]
    kind = src["kind"]
    if kind == "synthetic":
        return sources.SyntheticSource(
            settings,
            duration=src.get("duration"),
            realtime=src.get("realtime", True),
            video_stops_at=src.get("video_stops_at"),
            silent=src.get("silent", False),
        )
    if kind == "raw":
        return sources.RawFileSource(settings, Path(src["video"]), Path(src["audio"]))
    if kind == "inputs":  # explicit FFmpeg inputs (tests use lavfi test sources through the device path)
        v, a = src["video"], src["audio"]
        return sources.DeviceSource(
            sources.InputSpec(v["fmt"], v["url"], v.get("options", {})),
            sources.InputSpec(a["fmt"], a["url"], a.get("options", {})),
            settings,
        )
    video, audio = sources.default_inputs(src.get("camera", ""), src.get("microphone", ""), settings)
    return sources.DeviceSource(video, audio, settings)


def lower_priority(nice: int) -> None:
    """Below the app's priority (before any thread starts: Linux threads inherit it), so that on a
    busy 2-core laptop the GUI thread gets the CPU first; the encoder has ample slack (~13 % of a core)."""
    if nice <= 0:
        return
    try:
        if sys.platform == "win32":
            import psutil  # noqa: PLC0415

            psutil.Process().nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
        else:
            os.nice(nice)  # relative to the app's own
    except Exception:  # not allowed / not available: record at normal priority
        pass


def save_snapshot(frame: Any, path: Path) -> None:
    """The frame as a BGR numpy array (``np.save``), written whole before it gets its name."""
    import numpy as np  # noqa: PLC0415

    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as f:
        np.save(f, frame.to_ndarray(format="bgr24"))
    os.replace(tmp, path)


def record(config: dict[str, Any], stop: threading.Event, snapshots: queue.Queue[str] | None = None) -> int:
    import numpy as np  # noqa: PLC0415 — after lower_priority(): its thread pool inherits the priority

    from mobile_case.devices.recorder.encoder import SegmentedEncoder  # noqa: PLC0415

    settings = settings_from(config.get("settings", {}))
    from mobile_case.devices.recorder.pyav_recorder import missing_codecs  # noqa: PLC0415

    missing = missing_codecs(settings)
    if missing:  # before "started": the app refuses the start with the missing-codec message
        emit("error", kind="no_codec", detail=f"no encoder: {', '.join(missing)}")
        emit("stopped", segments=[])
        return 4
    out_dir = Path(config["out_dir"])
    visit_id = config["visit_id"]
    first = int(config.get("first_number", 1))
    suffix = config.get("suffix", ".mkv")

    def name_for(n: int) -> Path:
        return out_dir / f"{visit_id}-{first + n - 1:03d}{suffix}"

    encoder = SegmentedEncoder(
        settings,
        name_for,
        config.get("title", "Запис візиту"),
        on_segment=lambda state, path: emit("segment", state=state, path=str(path)),
    )
    source = make_source(config, settings)
    items: queue.Queue[tuple[str, Any, float] | None] = queue.Queue(maxsize=256)
    t0 = time.monotonic()

    def sink(kind: str, payload: Any, t: float) -> None:
        while not stop.is_set():
            try:
                items.put((kind, payload, t), timeout=0.2)
                return
            except queue.Full:
                continue

    def produce() -> None:
        try:
            source.run(sink, emit, t0, stop)
        finally:
            items.put(None)

    producer = threading.Thread(target=produce, name="recorder-source", daemon=True)
    producer.start()
    emit("started")
    level_sum, level_n, level_t = 0.0, 0, 0.0
    code = 0
    try:
        while True:
            item = items.get()
            if item is None:
                break
            kind, payload, t = item
            if kind == "video":
                while snapshots is not None and not snapshots.empty():  # a still for the document camera
                    target = Path(snapshots.get_nowait())
                    try:
                        save_snapshot(payload, target)
                        emit("snapshot", path=str(target))
                    except OSError as exc:
                        emit("snapshot", path=str(target), error=type(exc).__name__)
                encoder.add_video(payload, t)
                continue
            encoder.add_audio(payload, t)
            level_sum += float(np.sum(np.square(payload.astype(np.float64))))
            level_n += payload.size
            if t - level_t >= 1.0 and level_n:
                rms = math.sqrt(level_sum / level_n)
                emit(
                    "level", dbfs=round(20 * math.log10(rms / 32768) if rms > 0 else -120.0, 1), t=round(t, 2)
                )
                level_sum, level_n, level_t = 0.0, 0, t
    except OSError as exc:  # disk full, folder gone: av raises OSError subclasses
        emit("error", kind="disk", detail=f"{type(exc).__name__}: {exc.errno}")
        code = 2
    except Exception as exc:  # an encoder failure must still close what was written
        emit("error", kind="encoder", detail=type(exc).__name__)
        code = 3
    finally:
        stop.set()
        try:
            paths = encoder.close()
        except Exception as exc:
            emit("error", kind="encoder", detail=f"close: {type(exc).__name__}")
            paths = encoder.paths
            code = code or 3
        emit("stopped", segments=[str(p) for p in paths])
    return code


def main() -> int:
    line = sys.stdin.readline()
    if not line:
        return 1
    config = json.loads(line)
    lower_priority(int(config.get("settings", {}).get("nice", 0)))
    stop = threading.Event()

    snapshots: queue.Queue[str] = queue.Queue()

    def watch_stdin() -> None:
        for command in sys.stdin:  # "stop", "snapshot <path>", or the end of stdin when the app is gone
            word, _, arg = command.strip().partition(" ")
            if word == "stop":
                break
            if word == "snapshot" and arg:
                snapshots.put(arg)
        stop.set()

    threading.Thread(target=watch_stdin, name="recorder-stdin", daemon=True).start()
    return record(config, stop, snapshots)


if __name__ == "__main__":
    sys.exit(main())
