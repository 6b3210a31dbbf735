"""TLS to the station, pinned by the SHA-256 of its certificate (DER), not by a CA.

The station's certificate is self-signed, so CA verification is off; instead every TLS socket checks,
right after the handshake and before a single byte of the request is written, that the peer's
certificate hashes to the pin stored at pairing. A mismatch aborts the connection with
:class:`PinMismatch` (the kit shows «сертифікат станції змінився»).
"""

from __future__ import annotations

import hashlib
import ssl


class PinMismatch(ssl.SSLError):
    def __init__(self, expected: str, got: str) -> None:
        super().__init__(f"station certificate pin mismatch (got {got[:16]}…)")
        self.expected = expected
        self.got = got


class _PinnedSocket(ssl.SSLSocket):
    def do_handshake(self, block: bool = False) -> None:  # type: ignore[override]
        super().do_handshake(block)
        ctx = self.context
        der = self.getpeercert(binary_form=True) or b""
        got = hashlib.sha256(der).hexdigest()
        ctx.last_peer_sha256 = got  # type: ignore[attr-defined]
        ctx.last_peer_der = der  # type: ignore[attr-defined]
        expected = getattr(ctx, "pin", None)
        if expected and got != expected:
            self.close()
            raise PinMismatch(expected, got)


def pinned_context(cert_sha256: str | None) -> ssl.SSLContext:
    """A client context that accepts only the certificate whose DER SHA-256 is ``cert_sha256``.

    ``None`` only for the first pairing request, which reads the certificate (``last_peer_der``) and
    checks it against the pairing code and the station's HMAC proof instead."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.sslsocket_class = _PinnedSocket
    ctx.pin = (cert_sha256 or "").lower() or None  # type: ignore[attr-defined]
    ctx.last_peer_sha256 = ""  # type: ignore[attr-defined]
    ctx.last_peer_der = b""  # type: ignore[attr-defined]
    return ctx


def is_pin_mismatch(exc: BaseException) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, PinMismatch):
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False
