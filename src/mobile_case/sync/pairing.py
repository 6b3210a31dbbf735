"""Pairing with the station (once, in the office), the kit's side.

1. The code from the station (``MK1-<host>:<port>-<cert16>-<secret>``, or host, port and secret typed
   separately) gives the address and the first 16 hex of the station certificate's SHA-256.
2. The kit opens TLS without CA verification, reads the certificate, checks its hash against the code
   *before it sends anything*, makes its Ed25519 key and sends ``POST /api/v1/pair`` with the HMAC proof.
3. The station's answer is accepted only if its HMAC proof verifies with the same secret and the
   certificate hash it names is the one this connection saw (a man in the middle is refused).
4. The kit keeps the station's id, URL, public keys and certificate pin; its own key goes to the
   keyring (or the owner-only key file).
"""

from __future__ import annotations

import platform
import uuid
from dataclasses import dataclass
from typing import Any

from mobile_case.storage.models import SyncPairingRow
from mobile_case.sync import protocol
from mobile_case.sync.keys import save_kit_key
from mobile_case.sync.sealing import reset_undelivered
from mobile_case.sync.transport import StationClient, StationError


class PairingError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


MESSAGES = {
    "pair_code_invalid": "Код сполучення невірний, уже використаний або прострочений (діє 15 хвилин). "
    "Попросіть керівника ЦНАП створити новий код на станції.",
    "cert_mismatch": "Сертифікат станції не відповідає коду сполучення — можливе втручання в мережу. "
    "Сполучення скасовано; перевірте, що кейс підключено до мережі ЦНАП.",
    "proof_invalid": "Відповідь станції не пройшла перевірку — сполучення скасовано з міркувань безпеки.",
    "unreachable": "Станцію ЦНАП за вказаною адресою не знайдено. Перевірте адресу й порт та що кейс "
    "підключено до мережі ЦНАП.",
    "kit_revoked": "Цей кейс відкликано на станції ЦНАП. Зверніться до керівника ЦНАП.",
}


@dataclass(frozen=True)
class PairResult:
    kit_id: str
    station_id: str
    station_name: str
    url: str
    cert_sha256: str
    key_location: str


def pair(
    store: Any,
    *,
    code: str | None = None,
    host: str = "",
    port: int = 0,
    secret: str = "",
    kit_name: str = "",
    app_version: str = "",
) -> PairResult:
    if code:
        try:
            pc = protocol.parse_pair_code(code)
        except protocol.ProtocolError as exc:
            raise PairingError("pair_code_invalid", MESSAGES["pair_code_invalid"]) from exc
    else:
        sec = protocol.normalize_secret(secret)
        if not host or not port or len(sec) != 10 or any(c not in protocol.CROCKFORD for c in sec):
            raise PairingError("pair_code_invalid", MESSAGES["pair_code_invalid"])
        pc = protocol.PairCode(host.strip(), int(port), "", sec)
    url = f"https://{'[' + pc.host + ']' if ':' in pc.host else pc.host}:{pc.port}"
    kit_id = str(uuid.uuid4())
    key = protocol.new_sign_key()
    if not app_version:
        from mobile_case import __version__ as app_version  # type: ignore[attr-defined,no-redef]
    request = {
        "format": protocol.FORMAT_PAIR_REQUEST,
        "code_id": pc.code_id,
        "kit_id": kit_id,
        "kit_name": kit_name or platform.node() or "Мобільний кейс",
        "kit_sign_pub": protocol.b64e(protocol.public_raw(key)),
        "app_version": str(app_version),
    }
    request["proof"] = protocol.pair_proof(pc.secret, request)
    with StationClient(url, None, timeout=20.0) as client:
        try:
            client.health()
        except StationError as exc:
            raise PairingError("unreachable", MESSAGES["unreachable"]) from exc
        seen = client.peer_cert_sha256
        if pc.cert_prefix and not seen.startswith(pc.cert_prefix):
            raise PairingError("cert_mismatch", MESSAGES["cert_mismatch"])
        client.ssl.pin = seen  # type: ignore[attr-defined]  # the rest of this pairing: the same certificate
        try:
            answer = client.call_json("POST", "/api/v1/pair", request, auth=False)
        except StationError as exc:
            if exc.code in MESSAGES:
                raise PairingError(exc.code, MESSAGES[exc.code]) from exc
            if exc.code == "cert_changed":
                raise PairingError("cert_mismatch", MESSAGES["cert_mismatch"]) from exc
            if exc.code == "unreachable":
                raise PairingError("unreachable", MESSAGES["unreachable"]) from exc
            raise PairingError("pair_code_invalid", MESSAGES["pair_code_invalid"]) from exc
    if answer.get("format") != protocol.FORMAT_PAIR_RESPONSE or not protocol.check_pair_proof(
        pc.secret, answer
    ):
        raise PairingError("proof_invalid", MESSAGES["proof_invalid"])
    if str(answer.get("cert_sha256", "")).lower() != seen:
        raise PairingError("cert_mismatch", MESSAGES["cert_mismatch"])
    try:
        protocol.sign_pub_from_raw(protocol.b64d(answer["station_sign_pub"]))
        protocol.box_pub_from_raw(protocol.b64d(answer["station_box_pub"]))
    except (KeyError, protocol.ProtocolError) as exc:
        raise PairingError("proof_invalid", MESSAGES["proof_invalid"]) from exc
    where = save_kit_key(store.data_dir, kit_id, key)
    reset_undelivered(store)  # sealed for the previous pairing: sealed again for this one
    with store.writer() as s:
        row = s.get(SyncPairingRow, 1)
        if row is None:
            row = SyncPairingRow(id=1)
            s.add(row)
        row.kit_id = kit_id
        row.kit_name = request["kit_name"]
        row.station_id = str(answer.get("station_id", ""))
        row.station_name = str(answer.get("station_name", ""))
        row.url = url
        row.station_sign_pub = answer["station_sign_pub"]
        row.station_box_pub = answer["station_box_pub"]
        row.cert_sha256 = seen
        row.paired_at = store.clock()
        row.revoked = False
        store.audit.append("", "sync_paired", "station", row.station_id[:36], {"kit": kit_id}, session=s)
    return PairResult(
        kit_id, str(answer.get("station_id", "")), str(answer.get("station_name", "")), url, seen, where
    )
