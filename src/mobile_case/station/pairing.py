"""Pairing a kit with the station by a one-time code, revoking kits and listing them."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete, func, insert, select, update

from mobile_case.station import crypto
from mobile_case.station.common import StationPart, iso_z
from mobile_case.station.errors import ApiError
from mobile_case.station.store import (
    aware,
    kits,
    now_utc,
    packages,
    pair_codes,
)
from mobile_case.sync import protocol

log = logging.getLogger(__name__)

MAX_CODE_FAILURES = 5


@dataclass
class PairCode:
    code_id: str
    secret: str
    expires_at: datetime
    host: str
    port: int
    cert_sha256: str

    @property
    def full(self) -> str:
        return f"MK1-{self.host}:{self.port}-{self.cert_sha256[:16]}-{self.secret}"


class _WrongSecret(Exception):
    """The pairing proof did not verify (counted against the code outside the transaction)."""


class Pairing(StationPart):
    def new_pair_code(self, host: str, port: int) -> PairCode:
        now = now_utc()
        with self.engine.begin() as conn:
            while True:
                secret = protocol.new_pair_secret()
                code_id = secret[:4]
                busy = conn.execute(select(pair_codes.c.code_id).where(pair_codes.c.code_id == code_id)).first()
                if busy is None:
                    break
                expires = aware(conn.execute(select(pair_codes.c.expires_at).where(pair_codes.c.code_id == code_id)).scalar())
                if expires is not None and expires < now:  # an old code's id may be reused
                    conn.execute(delete(pair_codes).where(pair_codes.c.code_id == code_id))
                    break
            expires_at = now + timedelta(minutes=self.config.pair_code_minutes)
            conn.execute(
                insert(pair_codes).values(
                    code_id=code_id, secret=secret, created_at=now, expires_at=expires_at, failures=0
                )
            )
        log.info("pairing code issued (valid %d min)", self.config.pair_code_minutes)
        return PairCode(code_id, secret, expires_at, host, port, self.identity.cert_sha256)

    def pair(self, request: dict[str, Any]) -> dict[str, Any]:
        refused = ApiError(403, "pair_code_invalid", "the pairing code is wrong, expired or already used")
        if not isinstance(request, dict) or request.get("format") != "mobile-case/pair-request/1":
            raise ApiError(400, "bad_request", "a mobile-case/pair-request/1 document is expected")
        try:
            code_id = protocol.normalize_secret(str(request["code_id"]))
            kit_id = str(uuid.UUID(str(request["kit_id"])))
            kit_name = str(request.get("kit_name") or "")[:200]
            sign_pub = crypto.b64d(request["kit_sign_pub"])
            Ed25519PublicKey.from_public_bytes(sign_pub)
            proof = crypto.b64d(request["proof"])
        except (KeyError, ValueError, TypeError):
            raise ApiError(400, "bad_request", "the pair request is incomplete or malformed") from None
        try:
            return self._pair(code_id, kit_id, kit_name, sign_pub, proof, request, refused)
        except _WrongSecret:
            with self.engine.begin() as conn:
                conn.execute(
                    update(pair_codes).where(pair_codes.c.code_id == code_id).values(failures=pair_codes.c.failures + 1)
                )
            log.warning("pairing refused: wrong proof for a code")
            raise refused from None

    def _pair(self, code_id, kit_id, kit_name, sign_pub, proof, request, refused) -> dict[str, Any]:  # noqa: ANN001
        now = now_utc()
        with self.engine.begin() as conn:
            row = conn.execute(select(pair_codes).where(pair_codes.c.code_id == code_id)).first()
            if row is None or row.used_at is not None or aware(row.expires_at) < now or row.failures >= MAX_CODE_FAILURES:
                raise refused
            secret = row.secret
            if not protocol.check_pair_proof(secret, request):
                raise _WrongSecret()
            used = conn.execute(
                update(pair_codes)
                .where(pair_codes.c.code_id == code_id, pair_codes.c.used_at.is_(None))
                .values(used_at=now)
            )
            if used.rowcount != 1:
                raise refused
            existing = conn.execute(select(kits.c.kit_id).where(kits.c.kit_id == kit_id)).first()
            values = dict(
                name=kit_name,
                sign_pub=crypto.b64e(sign_pub),
                state="active",
                app_version=str(request.get("app_version") or "")[:64],
                paired_at=now,
                revoked_at=None,
            )
            if existing:
                conn.execute(update(kits).where(kits.c.kit_id == kit_id).values(**values))
            else:
                conn.execute(insert(kits).values(kit_id=kit_id, **values))
        log.info("kit %s paired", kit_id)
        response = {
            "format": "mobile-case/pair-response/1",
            "station_id": self.identity.station_id,
            "station_name": self.identity.name,
            "station_sign_pub": crypto.b64e(self.identity.sign_pub),
            "station_box_pub": crypto.b64e(self.identity.box_pub),
            "cert_sha256": self.identity.cert_sha256,
        }
        response["proof"] = protocol.pair_proof(secret, response)
        return response

    def revoke(self, kit_id: str) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(
                update(kits).where(kits.c.kit_id == kit_id, kits.c.state != "revoked").values(
                    state="revoked", revoked_at=now_utc()
                )
            )
        if done.rowcount:
            log.info("kit %s revoked", kit_id)
        return bool(done.rowcount)

    def list_kits(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            counts = dict(
                conn.execute(select(packages.c.kit_id, func.count()).group_by(packages.c.kit_id)).all()
            )
            rows = conn.execute(select(kits).order_by(kits.c.paired_at)).all()
        return [
            {
                "kit_id": r.kit_id,
                "name": r.name,
                "state": r.state,
                "app_version": r.app_version,
                "paired_at": iso_z(aware(r.paired_at)),
                "revoked_at": iso_z(aware(r.revoked_at)) if r.revoked_at else None,
                "last_seen_at": iso_z(aware(r.last_seen_at)) if r.last_seen_at else None,
                "packages": counts.get(r.kit_id, 0),
            }
            for r in rows
        ]
