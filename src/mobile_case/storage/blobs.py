"""Content-addressed file store, encrypted at rest.

An object is named by the SHA-256 of its *plaintext* (so the same PDF or scan is stored once) and kept
in ``blobs/<first two hex>/<sha256>`` as::

    b"MCB1" | 12-byte random nonce | AES-256-GCM(ciphertext + 16-byte tag)

with the object name as associated data (an object copied under another name does not decrypt). The
AES key is derived with HKDF-SHA256 from the store key, so the database key unlocks the files too and
nothing else needs keeping. Writes are atomic (temporary file, fsync, rename, fsync of the folder);
reads decrypt, then check the hash of what came out against the name.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import sys
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mobile_case.storage.errors import BlobError

MAGIC = b"MCB1"
NONCE_BYTES = 12
HKDF_INFO = b"mobile-case blob store v1"
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def derive_blob_key(store_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(store_key)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _corrupt(sha256: str, why: str) -> BlobError:
    return BlobError(
        f"stored file {sha256} is damaged: {why}",
        "Збережений файл пошкоджено: його вміст не збігається з записаним. "
        "Відновіть дані з резервної копії або сформуйте документ повторно.",
    )


class BlobStore:
    def __init__(self, root: Path, store_key: bytes) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._aead = AESGCM(derive_blob_key(store_key))

    def path(self, sha256: str) -> Path:
        if not _SHA_RE.match(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> str:
        """Store ``data``; returns its SHA-256. Storing the same bytes again writes nothing."""
        sha = sha256_hex(data)
        path = self.path(sha)
        if path.exists():
            try:
                self.read(sha)
                return sha
            except BlobError:
                pass  # a damaged copy: replace it with the good bytes we have now
        nonce = secrets.token_bytes(NONCE_BYTES)
        blob = MAGIC + nonce + self._aead.encrypt(nonce, data, sha.encode("ascii"))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{sha}.{secrets.token_hex(4)}.tmp")
        try:
            with open(tmp, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        _fsync_dir(path.parent)
        return sha

    def read(self, sha256: str) -> bytes:
        path = self.path(sha256)
        try:
            blob = path.read_bytes()
        except FileNotFoundError as exc:
            raise BlobError(
                f"stored file {sha256} missing",
                "Збережений файл не знайдено у сховищі. Відновіть дані з резервної копії "
                "або сформуйте документ повторно.",
            ) from exc
        if len(blob) < len(MAGIC) + NONCE_BYTES + 16 or not blob.startswith(MAGIC):
            raise _corrupt(sha256, "bad header")
        nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            data = self._aead.decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES :], sha256.encode("ascii"))
        except InvalidTag as exc:
            raise _corrupt(sha256, "authentication failed") from exc
        if sha256_hex(data) != sha256:
            raise _corrupt(sha256, "hash mismatch")
        return data

    def verify_all(self) -> list[str]:
        """Names of the objects that are damaged (empty when all is well)."""
        bad = []
        for path in sorted(self.root.glob("??/*")):
            if not _SHA_RE.match(path.name):
                continue
            try:
                self.read(path.name)
            except BlobError:
                bad.append(path.name)
        return bad


def _fsync_dir(path: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
