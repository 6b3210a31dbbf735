"""Request authentication of a paired kit: the ``MK-Kit`` header, the kit's state, the clock window and the
replay cache of nonces; the body signature is checked by :meth:`KitAuth.verify`."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from mobile_case.station import crypto
from mobile_case.station.common import StationPart, iso_z
from mobile_case.station.errors import ApiError
from mobile_case.station.store import (
    kits,
    nonces,
    now_utc,
)

log = logging.getLogger(__name__)

AUTH_RE = re.compile(r"^MK-Kit\s+(.+)$")


@dataclass
class KitAuth:
    """A request whose Authorization header passed every check but the signature over its body."""

    kit_id: str
    pub: Ed25519PublicKey
    message_head: bytes
    sig: bytes

    def verify(self, body_sha256_hex: str) -> None:
        try:
            self.pub.verify(self.sig, self.message_head + body_sha256_hex.encode())
        except InvalidSignature:
            raise ApiError(401, "bad_signature", "the request signature does not verify") from None


class Authentication(StationPart):
    _nonce_inserts: int

    def authenticate(self, authorization: str | None, method: str, path_with_query: str) -> KitAuth:
        """Check the ``MK-Kit`` header: kit, state, clock, nonce. The caller verifies the body signature."""
        match = AUTH_RE.match(authorization or "")
        if not match:
            raise ApiError(401, "auth_required", "an MK-Kit Authorization header is required")
        fields: dict[str, str] = {}
        for part in match.group(1).split(","):
            key, sep, value = part.strip().partition("=")
            if sep:
                fields[key] = value
        try:
            kit_id, ts_text, nonce = fields["kit"], fields["ts"], fields["nonce"]
            ts = int(ts_text)
            sig = crypto.b64d(fields["sig"])
        except (KeyError, ValueError):
            raise ApiError(401, "auth_malformed", "the Authorization header is malformed") from None
        if not 8 <= len(nonce) <= 64:
            raise ApiError(401, "auth_malformed", "the nonce must be 8-64 characters")
        with self.engine.connect() as conn:
            kit = conn.execute(select(kits).where(kits.c.kit_id == kit_id)).first()
        if kit is None:
            raise ApiError(401, "kit_unknown", "this kit is not paired with the station")
        if kit.state != "active":
            raise ApiError(403, "kit_revoked", "this kit was revoked at the station")
        now = time.time()
        if abs(ts - now) > self.config.clock_skew:
            raise ApiError(
                401,
                "clock_skew",
                f"the request time differs from the station's clock by {int(ts - now)} s",
                server_time=iso_z(datetime.fromtimestamp(now, tz=UTC)),
            )
        moment = now_utc()
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(nonces).values(kit_id=kit_id, nonce=nonce, seen_at=moment))
                conn.execute(update(kits).where(kits.c.kit_id == kit_id).values(last_seen_at=moment))
        except IntegrityError:
            raise ApiError(401, "replay", "this request was already received (nonce seen)") from None
        self._nonce_inserts += 1
        if self._nonce_inserts % 500 == 0:
            self.forget_nonces()
        head = f"MK1\n{method.upper()}\n{path_with_query}\n{ts_text}\n{nonce}\n".encode()
        return KitAuth(kit_id, Ed25519PublicKey.from_public_bytes(crypto.b64d(kit.sign_pub)), head, sig)

    def forget_nonces(self) -> int:
        horizon = now_utc() - timedelta(seconds=self.config.nonce_window)
        with self.engine.begin() as conn:
            return conn.execute(delete(nonces).where(nonces.c.seen_at < horizon)).rowcount
