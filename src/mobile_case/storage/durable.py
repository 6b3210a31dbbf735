"""Making writes durable: fsync of a file and of the folder that holds a rename (one definition for the
blob store, the key file and the CNAP station)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def fsync_dir(path: Path, *, best_effort: bool = False) -> None:
    """Make renames in ``path`` durable. On Windows a folder cannot be opened so (NTFS journals its
    metadata): nothing to do. ``best_effort`` swallows the OS's errors (the caller has already written
    what matters and only loses durability of the rename)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        if best_effort:
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not best_effort:
            raise
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush ``path``'s data to the disk."""
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
