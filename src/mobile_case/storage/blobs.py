"""Content-addressed file store, encrypted at rest.

An object is named by the SHA-256 of its *plaintext* (so the same PDF or scan is stored once) and kept
in ``blobs/<first two hex>/<sha256>`` as::

    b"MCB1" | 12-byte random nonce | AES-256-GCM(ciphertext + 16-byte tag)

with the object name as associated data (an object copied under another name does not decrypt).
Large files (recordings) are streamed with :meth:`BlobStore.put_file` / :meth:`BlobStore.read_to_file`
and never held in memory whole: they are kept as ``b"MCB2" | u32 chunk size`` followed by chunks of
``nonce | u32 length | AES-256-GCM(chunk)``, each chunk authenticated with the object name, its index and
whether it is the last one (so chunks cannot be reordered, dropped or the object cut short). The
AES key is derived with HKDF-SHA256 from the store key, so the database key unlocks the files too and
nothing else needs keeping. Writes are atomic (temporary file, fsync, rename, fsync of the folder);
reads decrypt, then check the hash of what came out against the name.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import struct
from collections.abc import Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mobile_case.storage.durable import fsync_dir
from mobile_case.storage.errors import BlobError

MAGIC = b"MCB1"
MAGIC_CHUNKED = b"MCB2"
CHUNK_BYTES = 4 * 1024 * 1024
NONCE_BYTES = 12
TAG_BYTES = 16
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
        fsync_dir(path.parent)
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
        if blob.startswith(MAGIC_CHUNKED):
            parts = list(self._chunks(sha256, io.BytesIO(blob)))
            data = b"".join(parts)
            if sha256_hex(data) != sha256:
                raise _corrupt(sha256, "hash mismatch")
            return data
        if len(blob) < len(MAGIC) + NONCE_BYTES + TAG_BYTES or not blob.startswith(MAGIC):
            raise _corrupt(sha256, "bad header")
        nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            data = self._aead.decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES :], sha256.encode("ascii"))
        except InvalidTag as exc:
            raise _corrupt(sha256, "authentication failed") from exc
        if sha256_hex(data) != sha256:
            raise _corrupt(sha256, "hash mismatch")
        return data

    # --- large files, streamed ------------------------------------------------------------------
    def put_file(self, source: Path, chunk_bytes: int = CHUNK_BYTES) -> str:
        """Store the file at ``source`` chunk by chunk (constant memory); returns its SHA-256."""
        source = Path(source)
        digest = hashlib.sha256()
        with open(source, "rb") as fh:
            for block in iter(lambda: fh.read(1024 * 1024), b""):
                digest.update(block)
        sha = digest.hexdigest()
        path = self.path(sha)
        if path.exists():
            return sha  # content-addressed: the same bytes are already here
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{sha}.{secrets.token_hex(4)}.tmp")
        check = hashlib.sha256()
        try:
            with open(source, "rb") as src, open(tmp, "wb") as out:
                out.write(MAGIC_CHUNKED + struct.pack(">I", chunk_bytes))
                index = 0
                chunk = src.read(chunk_bytes)
                while True:
                    following = src.read(chunk_bytes)
                    final = not following
                    check.update(chunk)
                    nonce = secrets.token_bytes(NONCE_BYTES)
                    sealed = self._aead.encrypt(nonce, chunk, _chunk_aad(sha, index, final))
                    out.write(nonce + struct.pack(">I", len(sealed)) + sealed)
                    if final:
                        break
                    chunk, index = following, index + 1
                out.flush()
                os.fsync(out.fileno())
            if check.hexdigest() != sha:
                raise BlobError(
                    f"file {source.name} changed while it was being stored",
                    "Файл змінився під час збереження. Повторіть дію.",
                )
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        fsync_dir(path.parent)
        return sha

    def read_to_file(self, sha256: str, dest: Path) -> Path:
        """Decrypt the object into ``dest`` chunk by chunk; the hash is checked before ``dest`` appears."""
        path = self.path(sha256)
        if not path.exists():
            raise BlobError(
                f"stored file {sha256} missing",
                "Збережений файл не знайдено у сховищі. Відновіть дані з резервної копії.",
            )
        dest = Path(dest)
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.part")
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as src, open(tmp, "wb") as out:
                head = src.read(len(MAGIC_CHUNKED))
                src.seek(0)
                if head == MAGIC_CHUNKED:
                    for part in self._chunks(sha256, src):
                        digest.update(part)
                        out.write(part)
                else:
                    data = self.read(sha256)
                    digest.update(data)
                    out.write(data)
            if digest.hexdigest() != sha256:
                raise _corrupt(sha256, "hash mismatch")
            os.replace(tmp, dest)
        finally:
            if tmp.exists():
                tmp.unlink()
        return dest

    def _chunks(self, sha256: str, fh) -> Iterator[bytes]:  # noqa: ANN001
        if fh.read(len(MAGIC_CHUNKED)) != MAGIC_CHUNKED:
            raise _corrupt(sha256, "bad header")
        size = fh.read(4)
        if len(size) != 4:
            raise _corrupt(sha256, "bad header")
        index = 0
        header = fh.read(NONCE_BYTES + 4)
        while True:
            if len(header) != NONCE_BYTES + 4:
                raise _corrupt(sha256, "truncated")
            nonce, (length,) = header[:NONCE_BYTES], struct.unpack(">I", header[NONCE_BYTES:])
            sealed = fh.read(length)
            if len(sealed) != length:
                raise _corrupt(sha256, "truncated")
            header = fh.read(NONCE_BYTES + 4)
            final = not header
            try:
                yield self._aead.decrypt(nonce, sealed, _chunk_aad(sha256, index, final))
            except InvalidTag as exc:
                raise _corrupt(sha256, f"chunk {index} failed authentication") from exc
            if final:
                return
            index += 1

    def delete(self, sha256: str) -> None:
        """Remove an object (recordings past their keeping period). Missing is fine."""
        self.path(sha256).unlink(missing_ok=True)

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


def _chunk_aad(sha256: str, index: int, final: bool) -> bytes:
    return sha256.encode("ascii") + struct.pack(">QB", index, 1 if final else 0)
