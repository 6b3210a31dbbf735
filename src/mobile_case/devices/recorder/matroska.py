"""A minimal streaming Matroska writer for one Motion-JPEG video track.

Every frame goes into its own complete cluster and is flushed at once, and the segment has the
"unknown" size that live streams use: a file cut off anywhere keeps every frame written before the cut
(the property TESTBED.md measured for Matroska). Readable by FFmpeg-based players and by ``read_frames``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

EBML = 0x1A45DFA3
SEGMENT = 0x18538067
INFO = 0x1549A966
TRACKS = 0x1654AE6B
TRACK_ENTRY = 0xAE
VIDEO = 0xE0
CLUSTER = 0x1F43B675
TIMESTAMP = 0xE7
SIMPLE_BLOCK = 0xA3
DURATION = 0x4489
VOID = 0xEC
UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"


def _id(element: int) -> bytes:
    return element.to_bytes((element.bit_length() + 7) // 8, "big")


def _size(n: int) -> bytes:
    for length in range(1, 9):
        if n < (1 << (7 * length)) - 1:
            return ((1 << (7 * length)) | n).to_bytes(length, "big")
    raise ValueError("element too large")


def _uint(n: int) -> bytes:
    return n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")


def element(element_id: int, payload: bytes) -> bytes:
    return _id(element_id) + _size(len(payload)) + payload


def uint_element(element_id: int, value: int) -> bytes:
    return element(element_id, _uint(value))


class MjpegMatroskaWriter:
    """Write JPEG frames to ``path`` as a Matroska file (``V_MJPEG``), timestamps in milliseconds."""

    def __init__(
        self, path: Path, width: int, height: int, title: str, writing_app: str = "mobile-case"
    ) -> None:
        self.path = path
        self.frames = 0
        self._file: BinaryIO = open(path, "wb")  # noqa: SIM115 — closed in close()
        header = element(
            EBML,
            uint_element(0x4286, 1)  # EBMLVersion
            + uint_element(0x42F7, 1)  # EBMLReadVersion
            + uint_element(0x42F2, 4)  # EBMLMaxIDLength
            + uint_element(0x42F3, 8)  # EBMLMaxSizeLength
            + element(0x4282, b"matroska")  # DocType
            + uint_element(0x4287, 4)  # DocTypeVersion
            + uint_element(0x4285, 2),  # DocTypeReadVersion
        )
        # A Void element holds the place of Duration (11 bytes), overwritten in close(); after a crash it
        # stays Void and players take the duration from the frames.
        info_head = uint_element(0x2AD7B1, 1_000_000)  # TimestampScale: 1 ms
        info_payload = (
            info_head
            + element(VOID, bytes(9))
            + element(0x4D80, writing_app.encode())  # MuxingApp
            + element(0x5741, writing_app.encode())  # WritingApp
            + element(0x7BA9, title.encode("utf-8"))  # Title
        )
        info = element(INFO, info_payload)
        self._last_ms = 0
        track = element(
            TRACK_ENTRY,
            uint_element(0xD7, 1)  # TrackNumber
            + uint_element(0x73C5, 1)  # TrackUID
            + uint_element(0x83, 1)  # TrackType: video
            + uint_element(0x9C, 0)  # FlagLacing
            + element(0x86, b"V_MJPEG")  # CodecID
            + element(VIDEO, uint_element(0xB0, width) + uint_element(0xBA, height)),
        )
        prefix = header + _id(SEGMENT) + UNKNOWN_SIZE
        self._duration_at = len(prefix) + (len(info) - len(info_payload)) + len(info_head)
        self._file.write(prefix + info + element(TRACKS, track))
        self._file.flush()

    def add_frame(self, jpeg: bytes, timestamp_ms: int) -> None:
        block = b"\x81" + (0).to_bytes(2, "big", signed=True) + b"\x80" + jpeg  # track 1, keyframe
        self._file.write(
            element(CLUSTER, uint_element(TIMESTAMP, timestamp_ms) + element(SIMPLE_BLOCK, block))
        )
        self._file.flush()
        self.frames += 1
        self._last_ms = timestamp_ms

    def close(self, duration_ms: float | None = None) -> None:
        """Write the duration (default: the last frame's timestamp) and close the file."""
        if self._file.closed:
            return
        duration = float(self._last_ms if duration_ms is None else duration_ms)
        self._file.seek(self._duration_at)
        self._file.write(element(DURATION, struct.pack(">d", duration)))
        self._file.close()


def _read_vint(data: bytes, pos: int, *, keep_marker: bool) -> tuple[int, int]:
    first = data[pos]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or pos + length > len(data):
        raise ValueError("bad EBML variable-length integer")
    value = int.from_bytes(data[pos : pos + length], "big")
    if not keep_marker:
        value &= (1 << (7 * length)) - 1
    return value, pos + length


def read_frames(path: Path) -> Iterator[tuple[int, bytes]]:
    """(timestamp ms, JPEG) for every complete frame of a file written by ``MjpegMatroskaWriter``;
    stops quietly at a truncated tail. Raises ValueError if the file is not Matroska."""
    data = path.read_bytes()
    element_id, pos = _read_vint(data, 0, keep_marker=True)
    if element_id != EBML:
        raise ValueError("not an EBML file")
    size, pos = _read_vint(data, pos, keep_marker=False)
    pos += size
    element_id, pos = _read_vint(data, pos, keep_marker=True)
    if element_id != SEGMENT:
        raise ValueError("no Matroska segment")
    _size_value, pos = _read_vint(data, pos, keep_marker=False)
    while pos < len(data):
        try:
            element_id, body = _read_vint(data, pos, keep_marker=True)
            size, body = _read_vint(data, body, keep_marker=False)
        except (ValueError, IndexError):
            return
        end = body + size
        if end > len(data):
            return  # truncated tail
        if element_id == CLUSTER:
            cluster_time = 0
            inner = body
            while inner < end:
                child, child_body = _read_vint(data, inner, keep_marker=True)
                child_size, child_body = _read_vint(data, child_body, keep_marker=False)
                payload = data[child_body : child_body + child_size]
                if child == TIMESTAMP:
                    cluster_time = int.from_bytes(payload, "big")
                elif child == SIMPLE_BLOCK:
                    relative = int.from_bytes(payload[1:3], "big", signed=True)
                    yield cluster_time + relative, payload[4:]
                inner = child_body + child_size
        pos = end
