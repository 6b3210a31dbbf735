"""Basic Access Control (ICAO 9303 Part 11, 4.3 and Appendix D): 3DES mutual authentication with the MRZ key."""

from __future__ import annotations

import hashlib
import os

from mobile_case.devices.cardreader.emrtd import crypto
from mobile_case.devices.cardreader.emrtd.apdu import Apdu, StatusError, Transport, split_response
from mobile_case.devices.cardreader.emrtd.sm import SecureMessaging


class BacError(ValueError):
    """The chip's answer to BAC does not authenticate (wrong key on our side or a corrupt answer)."""


def key_seed(mrz_information: str) -> bytes:
    """K_seed: the first 16 bytes of SHA-1 of the MRZ information (number+cd, birth+cd, expiry+cd)."""
    return hashlib.sha1(mrz_information.encode("ascii")).digest()[:16]


def derive_bac_keys(mrz_information: str) -> tuple[bytes, bytes]:
    seed = key_seed(mrz_information)
    return crypto.kdf_enc(seed), crypto.kdf_mac(seed)


def _mac(key: bytes, data: bytes) -> bytes:
    return crypto.retail_mac(key, crypto.pad(data, 8))


def external_authenticate_data(
    k_enc: bytes, k_mac: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes
) -> bytes:
    e_ifd = crypto.des3_cbc_enc(k_enc, rnd_ifd + rnd_ic + k_ifd)
    return e_ifd + _mac(k_mac, e_ifd)


def session_from_response(
    k_enc: bytes, k_mac: bytes, response: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes
) -> SecureMessaging:
    if len(response) != 40:
        raise BacError("BAC: the chip's answer is not 40 bytes")
    e_ic, m_ic = response[:32], response[32:]
    if _mac(k_mac, e_ic) != m_ic:
        raise BacError("BAC: the chip's MAC does not match")
    plain = crypto.des3_cbc_dec(k_enc, e_ic)
    if plain[:8] != rnd_ic or plain[8:16] != rnd_ifd:
        raise BacError("BAC: the chip did not return our challenge")
    k_ic = plain[16:32]
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    ssc = int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big")
    return SecureMessaging(crypto.kdf_enc(seed), crypto.kdf_mac(seed), ssc, crypto.DES3)


def bac(
    transport: Transport, mrz_information: str, *, rnd_ifd: bytes | None = None, k_ifd: bytes | None = None
) -> SecureMessaging:
    """Run BAC; returns the secure-messaging session. ``StatusError`` carries the card's refusal."""
    k_enc, k_mac = derive_bac_keys(mrz_information)
    rnd_ifd = rnd_ifd if rnd_ifd is not None else os.urandom(8)
    k_ifd = k_ifd if k_ifd is not None else os.urandom(16)
    data, sw = split_response(transport.transmit(Apdu(0x00, 0x84, 0x00, 0x00, le=8).encode()))
    if sw != 0x9000:
        raise StatusError(sw, "GET CHALLENGE")
    if len(data) != 8:
        raise BacError("BAC: the challenge is not 8 bytes")
    rnd_ic = data
    cmd = Apdu(
        0x00, 0x82, 0x00, 0x00, external_authenticate_data(k_enc, k_mac, rnd_ic, rnd_ifd, k_ifd), le=40
    )
    data, sw = split_response(transport.transmit(cmd.encode()))
    if sw != 0x9000:
        raise StatusError(sw, "EXTERNAL AUTHENTICATE")
    return session_from_response(k_enc, k_mac, data, rnd_ic, rnd_ifd, k_ifd)
