"""What the station's parts share: the time format of the API, durable renames and the disk-full test,
and the attributes every part of :class:`~mobile_case.station.core.Station` relies on."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from mobile_case.station.config import StationConfig
from mobile_case.station.identity import StationIdentity


class StationPart:
    """The state a part of the station works with; :class:`~mobile_case.station.core.Station` sets it."""

    config: StationConfig
    identity: StationIdentity
    engine: Engine
    lock_for: Callable[[str], threading.Lock]


def iso_z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _fsync_dir(path: Path) -> None:
    """Make renames in ``path`` durable (POSIX; NTFS journals its metadata and cannot open a folder so)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
