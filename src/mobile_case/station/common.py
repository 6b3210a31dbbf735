"""What the station's parts share: the time format of the API, durable renames and the disk-full test,
and the attributes every part of :class:`~mobile_case.station.core.Station` relies on."""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from mobile_case.station.config import StationConfig
from mobile_case.station.identity import StationIdentity
from mobile_case.storage.durable import fsync_dir as _fsync_dir  # noqa: F401 (the station parts import it from here)
from mobile_case.storage.durable import fsync_file as _fsync_file  # noqa: F401


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
