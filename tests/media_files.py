"""Small real media files for the tests (no tests here; tests/ is on ``sys.path``: ``from media_files
import make_video``)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import av
import numpy as np


def make_video(path: Path, creation: datetime | None = None, seconds: int = 2, local: bool = False) -> Path:
    """A small real MPEG-4 video (64×48, 5 fps) of ``seconds``; ``creation`` (local, naive) is written as
    the container's ``creation_time`` — in UTC, or as the local time itself when ``local`` (a camera that
    writes its local clock as if it were UTC). The container follows the suffix (.mp4, .avi, …)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as c:
        if creation is not None:
            moment = creation if local else creation.astimezone(UTC)
            c.metadata["creation_time"] = moment.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        s = c.add_stream("mpeg4", rate=5)
        s.width, s.height, s.pix_fmt = 64, 48, "yuv420p"
        for i in range(seconds * 5):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20 % 255, np.uint8), format="rgb24")
            for p in s.encode(frame):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path
