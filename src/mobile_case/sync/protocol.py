"""The wire protocol shared by the kit (``sync/``) and the station (``station/``).

Everything here is pure Python over ``cryptography`` (no Qt, no I/O beyond file streams), so both ends
import the very same code. See docs/design/sync-contract.md for the contract this implements:

- canonical JSON (sorted keys, no spaces, UTF-8) and base64url without padding;
- Ed25519 request signing (``Authorization: MK-Kit ...``) and its verification;
- the MKSTREAM1 stream encryption (AES-256-GCM per 1 MiB segment, last segment flagged in the nonce);
- the X25519 key wrap (ECIES with HKDF-SHA256 and AES-256-GCM);
- the pairing proofs (HMAC-SHA256 with the one-time secret);
- envelope and receipt build + verify.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT_PACKAGE = "mobile-case/package/1"
FORMAT_ENVELOPE = "mobile-case/envelope/1"
FORMAT_RECEIPT = "mobile-case/receipt/1"
FORMAT_PAIR_REQUEST = "mobile-case/pair-request/1"
FORMAT_PAIR_RESPONSE = "mobile-case/pair-response/1"

STREAM_MAGIC = b"MKSTREAM1"
STREAM_NONCE_LEN = 12
STREAM_HEADER_LEN = len(STREAM_MAGIC) + STREAM_NONCE_LEN
SEGMENT_PLAIN = 1024 * 1024  # 1 MiB of plaintext per segment
GCM_TAG = 16
SEGMENT_ENC = SEGMENT_PLAIN + GCM_TAG

AUTH_SCHEME = "MK-Kit"
AUTH_PREFIX = b"MK1"
CLOCK_SKEW_SECONDS = 600
NONCE_WINDOW_SECONDS = 20 * 60
KEY_WRAP_INFO = b"mobile-case key wrap 1"

TUS_VERSION = "1.0.0"
MANIFEST_FILE_ID = "manifest"


class ProtocolError(Exception):
    """A document or stream does not verify (bad signature, hash, tag, format)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


# --------------------------------------------------------------------------------------------- encoding


def canonical(obj: Any) -> bytes:
    """The canonical UTF-8 JSON used for every signature and proof."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def b64e(data: bytes) -> str:
    """base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text: str) -> bytes:
    """Inverse of :func:`b64e`; raises ProtocolError on garbage."""
    if not isinstance(text, str):
        raise ProtocolError("bad_format", "base64 value is not a string")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise ProtocolError("bad_format", "invalid base64") from exc


def utc_now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path, bufsize: int = 1024 * 1024) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(bufsize):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------------------------------------ keys


def new_sign_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def new_box_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def sign_key_raw(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def sign_key_from_raw(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def box_key_raw(key: X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def box_key_from_raw(raw: bytes) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(raw)


def public_raw(key: Ed25519PrivateKey | X25519PrivateKey | Ed25519PublicKey | X25519PublicKey) -> bytes:
    pub = key.public_key() if hasattr(key, "private_bytes") else key
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sign_pub_from_raw(raw: bytes) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise ProtocolError("bad_format", "invalid Ed25519 public key") from exc


def box_pub_from_raw(raw: bytes) -> X25519PublicKey:
    try:
        return X25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise ProtocolError("bad_format", "invalid X25519 public key") from exc


def sign_doc(doc: dict[str, Any], key: Ed25519PrivateKey, field: str = "sig") -> dict[str, Any]:
    """Return a copy of ``doc`` with ``field`` = Ed25519 signature over the canonical doc without it."""
    body = {k: v for k, v in doc.items() if k != field}
    out = dict(body)
    out[field] = b64e(key.sign(canonical(body)))
    return out


def verify_doc(doc: dict[str, Any], pub: Ed25519PublicKey | bytes, field: str = "sig") -> None:
    """Raise ProtocolError("bad_signature") unless ``doc[field]`` signs the rest of ``doc``."""
    if isinstance(pub, bytes):
        pub = sign_pub_from_raw(pub)
    sig = doc.get(field)
    if not isinstance(sig, str):
        raise ProtocolError("bad_signature", "signature missing")
    body = {k: v for k, v in doc.items() if k != field}
    try:
        pub.verify(b64d(sig), canonical(body))
    except InvalidSignature as exc:
        raise ProtocolError("bad_signature", "signature does not verify") from exc


# ------------------------------------------------------------------------------- request authentication


def auth_message(method: str, path_with_query: str, ts: int | str, nonce: str, body_sha256_hex: str) -> bytes:
    return b"\n".join(
        [
            AUTH_PREFIX,
            method.upper().encode("ascii"),
            path_with_query.encode("utf-8"),
            str(ts).encode("ascii"),
            nonce.encode("ascii"),
            body_sha256_hex.encode("ascii"),
        ]
    )


def auth_header(
    kit_id: str,
    key: Ed25519PrivateKey,
    method: str,
    path_with_query: str,
    body_sha256_hex: str,
    *,
    ts: int | None = None,
    nonce: str | None = None,
) -> str:
    """The ``Authorization`` header value for one request (``body_sha256_hex`` of the body as sent)."""
    ts = int(datetime.now(UTC).timestamp()) if ts is None else int(ts)
    nonce = b64e(secrets.token_bytes(12)) if nonce is None else nonce  # 16 b64 chars
    sig = key.sign(auth_message(method, path_with_query, ts, nonce, body_sha256_hex))
    return f"{AUTH_SCHEME} kit={kit_id},ts={ts},nonce={nonce},sig={b64e(sig)}"


@dataclass(frozen=True)
class AuthParams:
    kit_id: str
    ts: int
    nonce: str
    sig: bytes


def parse_auth_header(value: str | None) -> AuthParams:
    if not value or not value.startswith(AUTH_SCHEME + " "):
        raise ProtocolError("kit_unknown", "missing MK-Kit authorization")
    fields: dict[str, str] = {}
    for part in value[len(AUTH_SCHEME) + 1 :].split(","):
        name, sep, val = part.strip().partition("=")
        if not sep:
            raise ProtocolError("kit_unknown", "malformed authorization")
        fields[name] = val
    try:
        return AuthParams(fields["kit"], int(fields["ts"]), fields["nonce"], b64d(fields["sig"]))
    except (KeyError, ValueError) as exc:
        raise ProtocolError("kit_unknown", "malformed authorization") from exc


def verify_auth(
    params: AuthParams,
    pub: Ed25519PublicKey | bytes,
    method: str,
    path_with_query: str,
    body_sha256_hex: str,
    *,
    now: float | None = None,
) -> None:
    """Check the signature and the clock (|ts − now| ≤ 600 s). Replay is checked by the caller's nonce store."""
    if isinstance(pub, bytes):
        pub = sign_pub_from_raw(pub)
    try:
        pub.verify(
            params.sig, auth_message(method, path_with_query, params.ts, params.nonce, body_sha256_hex)
        )
    except InvalidSignature as exc:
        raise ProtocolError("bad_signature", "request signature does not verify") from exc
    now = datetime.now(UTC).timestamp() if now is None else now
    if abs(params.ts - now) > CLOCK_SKEW_SECONDS:
        raise ProtocolError(
            "clock_skew", f"request time differs from station time by {int(params.ts - now)} s"
        )


# -------------------------------------------------------------------------------- MKSTREAM1 encryption


def _segment_nonce(base: bytes, index: int, last: bool) -> bytes:
    ctr = bytearray(index.to_bytes(12, "big"))
    if last:
        ctr[0] |= 0x80
    return bytes(a ^ b for a, b in zip(base, ctr, strict=True))


def encrypted_size(plain_size: int) -> int:
    """Ciphertext size of a stream of ``plain_size`` bytes (an empty plaintext is one empty last segment)."""
    segments = max(1, -(-plain_size // SEGMENT_PLAIN))
    return STREAM_HEADER_LEN + plain_size + segments * GCM_TAG


def encrypt_stream_iter(
    src: IO[bytes], key: bytes, aad: bytes, *, base_nonce: bytes | None = None
) -> Iterator[bytes]:
    """Yield the MKSTREAM1 ciphertext of ``src`` (header, then one encrypted segment at a time)."""
    aes = AESGCM(key)
    base = os.urandom(STREAM_NONCE_LEN) if base_nonce is None else base_nonce
    yield STREAM_MAGIC + base
    index = 0
    cur = src.read(SEGMENT_PLAIN)
    while True:
        nxt = src.read(SEGMENT_PLAIN) if len(cur) == SEGMENT_PLAIN else b""
        last = not nxt
        yield aes.encrypt(_segment_nonce(base, index, last), cur, aad)
        if last:
            return
        cur = nxt
        index += 1


@dataclass(frozen=True)
class StreamResult:
    size: int
    sha256: str  # of the plaintext
    enc_size: int
    enc_sha256: str  # of the ciphertext


def encrypt_file(src_path: Path | IO[bytes], dst_path: Path, key: bytes, aad: bytes) -> StreamResult:
    """Encrypt a file (or open binary stream) to ``dst_path``; hashes of both sides on the way."""
    plain_h = hashlib.sha256()
    enc_h = hashlib.sha256()
    size = enc_size = 0

    class _Tee:
        def __init__(self, fh: IO[bytes]) -> None:
            self.fh = fh

        def read(self, n: int) -> bytes:
            nonlocal size
            data = self.fh.read(n)
            plain_h.update(data)
            size += len(data)
            return data

    own = not hasattr(src_path, "read")
    fh = open(src_path, "rb") if own else src_path  # type: ignore[arg-type]
    try:
        tmp = dst_path.with_name(dst_path.name + ".part")
        with open(tmp, "wb") as out:
            for piece in encrypt_stream_iter(_Tee(fh), key, aad):  # type: ignore[arg-type]
                enc_h.update(piece)
                enc_size += len(piece)
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dst_path)
    finally:
        if own:
            fh.close()
    return StreamResult(size, plain_h.hexdigest(), enc_size, enc_h.hexdigest())


def encrypt_bytes(data: bytes, key: bytes, aad: bytes) -> bytes:
    import io

    return b"".join(encrypt_stream_iter(io.BytesIO(data), key, aad))


def decrypt_stream_iter(src: IO[bytes], key: bytes, aad: bytes) -> Iterator[bytes]:
    """Yield plaintext segments; raise ProtocolError on a bad header, tag, truncation or trailing data."""
    header = src.read(STREAM_HEADER_LEN)
    if len(header) != STREAM_HEADER_LEN or not header.startswith(STREAM_MAGIC):
        raise ProtocolError("package_tampered", "not an MKSTREAM1 stream")
    base = header[len(STREAM_MAGIC) :]
    aes = AESGCM(key)
    index = 0
    cur = src.read(SEGMENT_ENC)
    while True:
        if len(cur) < GCM_TAG:
            raise ProtocolError("package_tampered", "stream truncated")
        nxt = src.read(SEGMENT_ENC) if len(cur) == SEGMENT_ENC else b""
        last = not nxt
        try:
            yield aes.decrypt(_segment_nonce(base, index, last), cur, aad)
        except InvalidTag as exc:
            raise ProtocolError("package_tampered", f"segment {index} does not authenticate") from exc
        if last:
            return
        cur = nxt
        index += 1


def decrypt_bytes(data: bytes, key: bytes, aad: bytes) -> bytes:
    import io

    return b"".join(decrypt_stream_iter(io.BytesIO(data), key, aad))


def decrypt_file(src_path: Path, dst_path: Path, key: bytes, aad: bytes) -> StreamResult:
    plain_h = hashlib.sha256()
    size = 0
    tmp = dst_path.with_name(dst_path.name + ".part")
    with open(src_path, "rb") as fh, open(tmp, "wb") as out:
        for piece in decrypt_stream_iter(fh, key, aad):
            plain_h.update(piece)
            size += len(piece)
            out.write(piece)
    os.replace(tmp, dst_path)
    return StreamResult(size, plain_h.hexdigest(), src_path.stat().st_size, sha256_file(src_path))


# ---------------------------------------------------------------------------------------- key wrap


def _wrap_kdf(shared: bytes, package_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=package_id.encode("utf-8"), info=KEY_WRAP_INFO
    ).derive(shared)


def wrap_key(content_key: bytes, station_box_pub: X25519PublicKey | bytes, package_id: str) -> dict[str, str]:
    """ECIES: X25519(ephemeral, station) → HKDF-SHA256 → AES-256-GCM of the content key."""
    if isinstance(station_box_pub, bytes):
        station_box_pub = box_pub_from_raw(station_box_pub)
    eph = X25519PrivateKey.generate()
    kek = _wrap_kdf(eph.exchange(station_box_pub), package_id)
    nonce = os.urandom(12)
    ct = AESGCM(kek).encrypt(nonce, content_key, package_id.encode("utf-8"))
    return {"eph_pub": b64e(public_raw(eph)), "nonce": b64e(nonce), "ct": b64e(ct)}


def unwrap_key(wrapped: dict[str, Any], station_box_key: X25519PrivateKey, package_id: str) -> bytes:
    try:
        eph = box_pub_from_raw(b64d(wrapped["eph_pub"]))
        kek = _wrap_kdf(station_box_key.exchange(eph), package_id)
        return AESGCM(kek).decrypt(b64d(wrapped["nonce"]), b64d(wrapped["ct"]), package_id.encode("utf-8"))
    except (KeyError, TypeError, InvalidTag, ValueError) as exc:
        raise ProtocolError("package_tampered", "content key does not unwrap") from exc


# ----------------------------------------------------------------------------------------- pairing


def pair_proof(secret: str, doc: dict[str, Any]) -> str:
    body = {k: v for k, v in doc.items() if k != "proof"}
    return b64e(hmac.new(secret.encode("utf-8"), canonical(body), hashlib.sha256).digest())


def check_pair_proof(secret: str, doc: dict[str, Any]) -> bool:
    proof = doc.get("proof")
    return isinstance(proof, str) and hmac.compare_digest(proof, pair_proof(secret, doc))


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def normalize_secret(text: str) -> str:
    """Crockford base32 as typed: upper case, O→0, I/L→1, dashes and spaces dropped."""
    t = text.strip().upper().replace("-", "").replace(" ", "")
    return t.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


@dataclass(frozen=True)
class PairCode:
    host: str
    port: int
    cert_prefix: str  # 16 hex of the cert's SHA-256, "" when typed without it
    secret: str

    @property
    def code_id(self) -> str:
        return self.secret[:4]

    def render(self) -> str:
        return f"MK1-{self.host}:{self.port}-{self.cert_prefix}-{self.secret}"


def parse_pair_code(text: str) -> PairCode:
    """Parse ``MK1-<host>:<port>-<cert16hex>-<secret>`` (host may contain dashes; split from the right)."""
    t = text.strip()
    if not t.upper().startswith("MK1-"):
        raise ProtocolError("pair_code_invalid", "code does not start with MK1-")
    rest = t[4:]
    try:
        hostport, cert, secret = rest.rsplit("-", 2)
        host, _, port = hostport.rpartition(":")
        port_i = int(port)
    except ValueError as exc:
        raise ProtocolError("pair_code_invalid", "malformed pairing code") from exc
    secret = normalize_secret(secret)
    cert = cert.lower()
    if not host or len(secret) != 10 or any(c not in CROCKFORD for c in secret):
        raise ProtocolError("pair_code_invalid", "malformed pairing code")
    if len(cert) != 16 or any(c not in "0123456789abcdef" for c in cert):
        raise ProtocolError("pair_code_invalid", "malformed certificate fingerprint")
    return PairCode(host.strip("[]"), port_i, cert, secret)


def new_pair_secret() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(10))


# -------------------------------------------------------------------------------- envelope / receipt


def build_envelope(
    *,
    package_id: str,
    kit_id: str,
    content_key: bytes,
    station_box_pub: X25519PublicKey | bytes,
    manifest_enc_sha256: str,
    files: list[dict[str, Any]],
    kit_key: Ed25519PrivateKey,
    created_at: str | None = None,
) -> dict[str, Any]:
    """The signed envelope; ``files`` items carry file_id, enc_sha256, enc_size, upload_url."""
    doc = {
        "format": FORMAT_ENVELOPE,
        "package_id": package_id,
        "kit_id": kit_id,
        "created_at": created_at or utc_now_iso(),
        "wrapped_key": wrap_key(content_key, station_box_pub, package_id),
        "manifest_enc_sha256": manifest_enc_sha256,
        "files": [
            {
                "file_id": f["file_id"],
                "enc_sha256": f["enc_sha256"],
                "enc_size": int(f["enc_size"]),
                "upload_url": f.get("upload_url", ""),
            }
            for f in files
        ],
    }
    return sign_doc(doc, kit_key)


def verify_envelope(env: dict[str, Any], kit_pub: Ed25519PublicKey | bytes) -> None:
    if env.get("format") != FORMAT_ENVELOPE:
        raise ProtocolError("package_tampered", "unknown envelope format")
    try:
        verify_doc(env, kit_pub)
    except ProtocolError as exc:
        raise ProtocolError("package_tampered", "envelope signature does not verify") from exc
    for key in ("package_id", "kit_id", "wrapped_key", "manifest_enc_sha256", "files"):
        if key not in env:
            raise ProtocolError("package_tampered", f"envelope lacks {key}")


def build_receipt(
    *,
    package_id: str,
    kit_id: str,
    station_id: str,
    manifest_sha256: str,
    files: list[dict[str, str]],
    station_key: Ed25519PrivateKey,
    received_at: str | None = None,
) -> dict[str, Any]:
    doc = {
        "format": FORMAT_RECEIPT,
        "package_id": package_id,
        "kit_id": kit_id,
        "station_id": station_id,
        "received_at": received_at or utc_now_iso(),
        "manifest_sha256": manifest_sha256,
        "files": [{"file_id": f["file_id"], "sha256": f["sha256"]} for f in files],
    }
    return sign_doc(doc, station_key)


def verify_receipt(
    receipt: dict[str, Any],
    station_pub: Ed25519PublicKey | bytes,
    *,
    package_id: str,
    kit_id: str,
    manifest_sha256: str,
    files: dict[str, str],
) -> None:
    """Signature by the paired station and every hash equal to what was sealed (file_id → plaintext sha256)."""
    if receipt.get("format") != FORMAT_RECEIPT:
        raise ProtocolError("receipt_invalid", "unknown receipt format")
    try:
        verify_doc(receipt, station_pub)
    except ProtocolError as exc:
        raise ProtocolError("receipt_invalid", "receipt signature does not verify") from exc
    if receipt.get("package_id") != package_id or receipt.get("kit_id") != kit_id:
        raise ProtocolError("receipt_invalid", "receipt is for another package")
    if receipt.get("manifest_sha256") != manifest_sha256:
        raise ProtocolError("receipt_invalid", "manifest hash differs")
    got = {f.get("file_id"): f.get("sha256") for f in receipt.get("files", [])}
    if got != files:
        raise ProtocolError("receipt_invalid", "file hashes differ")


# ------------------------------------------------------------------------------------ tus helpers


def tus_metadata(pairs: dict[str, str]) -> str:
    """``Upload-Metadata``: comma-separated ``key base64(value)`` (standard base64, as tus requires)."""
    return ",".join(f"{k} {base64.b64encode(v.encode('utf-8')).decode('ascii')}" for k, v in pairs.items())


def parse_tus_metadata(header: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in (header or "").split(","):
        item = item.strip()
        if not item:
            continue
        key, _, val = item.partition(" ")
        try:
            out[key] = base64.b64decode(val.strip(), validate=True).decode("utf-8") if val else ""
        except (ValueError, UnicodeDecodeError) as exc:
            raise ProtocolError("bad_format", "invalid Upload-Metadata") from exc
    return out


def tus_checksum_header(chunk: bytes) -> str:
    return "sha256 " + base64.b64encode(hashlib.sha256(chunk).digest()).decode("ascii")


def cert_sha256_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()
