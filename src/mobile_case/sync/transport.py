"""HTTPS to the station: signed requests over the pinned TLS context, a tus 1.0.0 client of our own
(creation, HEAD resume, PATCH with ``Upload-Checksum: sha256``, termination) and a token-bucket
bandwidth limit."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mobile_case.sync import protocol
from mobile_case.sync.tls import is_pin_mismatch, pinned_context

TUS_HEADERS = {"Tus-Resumable": protocol.TUS_VERSION}
PIECE = 64 * 1024  # what the rate limiter meters at a time


class StationError(Exception):
    """A failure talking to the station. ``code`` is the station's error code or one of ours:
    unreachable, cert_changed, http_<status>, bad_response."""

    def __init__(self, code: str, detail: str = "", status: int = 0, body: dict | None = None) -> None:
        super().__init__(f"{code} ({status}): {detail}")
        self.code = code
        self.detail = detail
        self.status = status
        self.body = body or {}

    @property
    def transient(self) -> bool:
        """True when retrying later may succeed (network, 5xx, disk full at the station, clock)."""
        return self.code not in ("package_tampered", "package_conflict", "kit_revoked", "kit_unknown")


class TokenBucket:
    """Bytes per second with a burst of one second; ``rate`` ≤ 0 means unlimited. Thread-safe."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = float(rate)
        self._clock = clock
        self._tokens = float(rate)
        self._last = clock()
        self._lock = threading.Lock()

    def take(self, n: int, sleep: Callable[[float], None] = time.sleep) -> None:
        if self.rate <= 0:
            return
        with self._lock:
            now = self._clock()
            self._tokens = min(self.rate, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= n
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait > 0:
            sleep(wait)


@dataclass
class Counters:
    """Bytes of file content put on the wire (PATCH bodies), for the re-sent-bytes checks."""

    body_bytes: int = 0
    requests: int = 0


class StationClient:
    """One paired station. ``kit_key`` None = unauthenticated (health, pairing)."""

    def __init__(
        self,
        url: str,
        cert_sha256: str | None,
        *,
        kit_id: str = "",
        kit_key: Ed25519PrivateKey | None = None,
        rate_limit_bps: float = 0,
        timeout: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.url = url.rstrip("/")
        self.kit_id = kit_id
        self.kit_key = kit_key
        self.ssl = pinned_context(cert_sha256)
        self.bucket = TokenBucket(rate_limit_bps)
        self.counters = Counters()
        self._clock = clock
        self._client = httpx.Client(
            base_url=self.url,
            verify=self.ssl,
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> StationClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def peer_cert_sha256(self) -> str:
        return self.ssl.last_peer_sha256  # type: ignore[attr-defined]

    @property
    def peer_cert_der(self) -> bytes:
        return self.ssl.last_peer_der  # type: ignore[attr-defined]

    # ------------------------------------------------------------------------------------------
    def _path(self, url_or_path: str) -> str:
        parts = urlsplit(url_or_path)
        path = parts.path or "/"
        return path + (f"?{parts.query}" if parts.query else "")

    def request(
        self,
        method: str,
        url_or_path: str,
        *,
        content: bytes | Iterator[bytes] = b"",
        body_sha256: str | None = None,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
        auth: bool = True,
    ) -> httpx.Response:
        hdrs = dict(headers or {})
        if json_body is not None:
            content = protocol.canonical(json_body)
            hdrs["Content-Type"] = "application/json"
        if auth and self.kit_key is not None:
            digest = body_sha256 or hashlib.sha256(content if isinstance(content, bytes) else b"").hexdigest()
            hdrs["Authorization"] = protocol.auth_header(
                self.kit_id, self.kit_key, method, self._path(url_or_path), digest, ts=int(self._clock())
            )
        path = self._path(url_or_path)
        self.counters.requests += 1
        try:
            resp = self._client.request(method, path, content=content, headers=hdrs)
        except httpx.HTTPError as exc:
            if is_pin_mismatch(exc):
                raise StationError("cert_changed", "station certificate does not match the pin") from exc
            raise StationError("unreachable", type(exc).__name__) from exc
        except OSError as exc:
            if is_pin_mismatch(exc):
                raise StationError("cert_changed", "station certificate does not match the pin") from exc
            raise StationError("unreachable", type(exc).__name__) from exc
        return resp

    @staticmethod
    def error_of(resp: httpx.Response) -> StationError:
        body: dict = {}
        try:
            parsed = resp.json()
            if isinstance(parsed, dict):
                body = parsed
        except ValueError:
            pass
        code = str(body.get("error") or f"http_{resp.status_code}")
        if resp.status_code == 507:
            code = "station_disk_full"
        elif resp.status_code >= 500:
            code = f"http_{resp.status_code}"  # a proxy or a crash: whatever the body says, retry later
        return StationError(str(code), str(body.get("detail", "")), resp.status_code, body)

    def call_json(self, method: str, path: str, body: Any = None, *, auth: bool = True, ok=(200,)) -> dict:
        resp = self.request(method, path, json_body=body, auth=auth)
        if resp.status_code not in ok:
            raise self.error_of(resp)
        try:
            data = resp.json()
        except ValueError as exc:
            raise StationError("bad_response", "not JSON", resp.status_code) from exc
        if not isinstance(data, dict):
            raise StationError("bad_response", "not an object", resp.status_code)
        return data

    def health(self) -> dict:
        return self.call_json("GET", "/api/v1/health", auth=False)

    # ----------------------------------------------------------------------------------- tus
    def tus_create(self, length: int, metadata: dict[str, str]) -> str:
        headers = dict(TUS_HEADERS)
        headers["Upload-Length"] = str(length)
        headers["Upload-Metadata"] = protocol.tus_metadata(metadata)
        resp = self.request("POST", "/files/", headers=headers)
        if resp.status_code != 201 or "location" not in resp.headers:
            raise self.error_of(resp)
        return self._path(str(httpx.URL(self.url + "/files/").join(resp.headers["location"])))

    def tus_offset(self, upload_url: str) -> int | None:
        """The station's offset of an upload; None when it is gone (expired, terminated, unknown)."""
        resp = self.request("HEAD", upload_url, headers=dict(TUS_HEADERS))
        if resp.status_code in (404, 410, 403):
            if resp.status_code == 403:
                raise self.error_of(resp)
            return None
        if resp.status_code not in (200, 204):
            raise self.error_of(resp)
        try:
            return int(resp.headers["upload-offset"])
        except (KeyError, ValueError) as exc:
            raise StationError("bad_response", "no Upload-Offset", resp.status_code) from exc

    def tus_patch(self, upload_url: str, offset: int, chunk: bytes) -> int:
        """Send one chunk at ``offset``; returns the station's new offset. 409 → the offset moved
        (``StationError('offset_mismatch')``); 460 → checksum mismatch."""
        headers = dict(TUS_HEADERS)
        headers["Upload-Offset"] = str(offset)
        headers["Content-Type"] = "application/offset+octet-stream"
        headers["Content-Length"] = str(len(chunk))
        headers["Upload-Checksum"] = protocol.tus_checksum_header(chunk)
        digest = hashlib.sha256(chunk).hexdigest()

        def body() -> Iterator[bytes]:
            view = memoryview(chunk)
            for start in range(0, len(chunk), PIECE):
                piece = view[start : start + PIECE]
                self.bucket.take(len(piece))
                self.counters.body_bytes += len(piece)
                yield bytes(piece)

        resp = self.request("PATCH", upload_url, content=body(), body_sha256=digest, headers=headers)
        if resp.status_code == 409:
            raise StationError("offset_mismatch", "upload offset differs", 409)
        if resp.status_code == 460:
            raise StationError("checksum_mismatch", "chunk checksum differs", 460)
        if resp.status_code in (404, 410):
            raise StationError("upload_gone", "upload no longer exists", resp.status_code)
        if resp.status_code != 204:
            raise self.error_of(resp)
        try:
            return int(resp.headers["upload-offset"])
        except (KeyError, ValueError) as exc:
            raise StationError("bad_response", "no Upload-Offset", resp.status_code) from exc

    def tus_delete(self, upload_url: str) -> None:
        resp = self.request("DELETE", upload_url, headers=dict(TUS_HEADERS))
        if resp.status_code not in (204, 404, 410):
            raise self.error_of(resp)
