"""Helpers of the kit screen's tests (no tests here)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import av
import numpy as np


def make_video(path: Path, creation: datetime | None = None, seconds: int = 2) -> Path:
    """A small real MP4; ``creation`` (local, naive) is written as the container's creation_time (UTC)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as c:
        if creation is not None:
            c.metadata["creation_time"] = creation.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        s = c.add_stream("mpeg4", rate=5)
        s.width, s.height, s.pix_fmt = 64, 48, "yuv420p"
        for i in range(seconds * 5):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20 % 255, np.uint8), format="rgb24")
            for p in s.encode(frame):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path
