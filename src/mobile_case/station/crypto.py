"""The station's use of the shared protocol module (``mobile_case.sync.protocol``, the outbox room's):
canonical JSON, base64url, MKSTREAM1 streams, the key unwrap. Only what the station adds lives here:

- :func:`reencrypt` — a kit's stream decrypted and, in the same pass, encrypted again with the station's
  archive key (a recording's plaintext never touches the disk);
- :func:`decrypt_to` — decrypt into a file, hashing the plaintext.

Everything streams, one 1 MiB segment at a time.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from typing import BinaryIO

from mobile_case.sync.protocol import (
    SEGMENT_PLAIN,
    ProtocolError,
    b64d,
    b64e,
    canonical,
    decrypt_stream_iter,
    encrypt_stream_iter,
    sha256_file,
    unwrap_key,
)

__all__ = [
    "ProtocolError",
    "b64d",
    "b64e",
    "canonical",
    "decrypt_stream_iter",
    "decrypt_to",
    "reencrypt",
    "sha256_file",
    "unwrap_key",
]


class _IterReader(io.RawIOBase):
    """A read-only raw stream over an iterator of byte strings."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 — a writable buffer
        while not self._rest:
            try:
                self._rest = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


def decrypt_to(src: BinaryIO, dst: BinaryIO, key: bytes, aad: bytes) -> tuple[int, str]:
    """Decrypt ``src`` into ``dst``; returns (plaintext size, plaintext SHA-256 hex)."""
    digest = hashlib.sha256()
    size = 0
    for piece in decrypt_stream_iter(src, key, aad):
        digest.update(piece)
        size += len(piece)
        dst.write(piece)
    return size, digest.hexdigest()


def reencrypt(
    src: BinaryIO, key: bytes, aad: bytes, dst: BinaryIO, new_key: bytes, new_aad: bytes
) -> tuple[int, str, str]:
    """Decrypt ``src`` (key/aad) and encrypt it into ``dst`` (new_key/new_aad) in one pass.
    Returns (plaintext size, plaintext SHA-256 hex, SHA-256 hex of what was written)."""
    plain = hashlib.sha256()
    written = hashlib.sha256()
    size = 0

    def tapped() -> Iterator[bytes]:
        nonlocal size
        for piece in decrypt_stream_iter(src, key, aad):
            plain.update(piece)
            size += len(piece)
            yield piece

    reader = io.BufferedReader(_IterReader(tapped()), buffer_size=SEGMENT_PLAIN)
    for piece in encrypt_stream_iter(reader, new_key, new_aad):
        written.update(piece)
        dst.write(piece)
    return size, plain.hexdigest(), written.hexdigest()
