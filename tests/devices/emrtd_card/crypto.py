"""The card side's own cryptography (ICAO 9303 Part 11), written independently of the app's reader.

Built directly on ``cryptography`` (3DES, AES, CMAC, SHA) and ``ecdsa`` (curve point arithmetic for the
PACE generic mapping), so that a reader bug is not mirrored by the card it is tested against.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC
from ecdsa import curves
from ecdsa.ellipticcurve import PointJacobi

# --- key derivation (9303-11 §9.7.1) ---------------------------------------------------------------

ENC, MAC, PI = 1, 2, 3


def kdf(seed: bytes, counter: int, cipher: str, key_bits: int = 128) -> bytes:
    data = seed + counter.to_bytes(4, "big")
    if cipher == "3DES":
        return _odd_parity(hashlib.sha1(data).digest()[:16])
    if key_bits == 128:
        return hashlib.sha1(data).digest()[:16]
    if key_bits == 192:
        return hashlib.sha256(data).digest()[:24]
    if key_bits == 256:
        return hashlib.sha256(data).digest()
    raise ValueError(f"unsupported AES key length {key_bits}")


def _odd_parity(key: bytes) -> bytes:
    """DES keys with their parity bits adjusted (each byte an odd number of ones), as 9303-11 asks."""
    return bytes((b & 0xFE) | (bin(b >> 1).count("1") + 1) % 2 for b in key)


def mrz_seed(mrz_information: str) -> bytes:
    """K_seed of BAC: the first 16 bytes of SHA-1 over the MRZ information."""
    return hashlib.sha1(mrz_information.encode("ascii")).digest()[:16]


def pace_password_key(password: bytes, password_is_mrz: bool, cipher: str, key_bits: int) -> bytes:
    """K_pi: the CAN itself, or SHA-1 of the MRZ information, through the KDF with counter 3."""
    secret = hashlib.sha1(password).digest() if password_is_mrz else password
    return kdf(secret, PI, cipher, key_bits)


# --- padding and block ciphers -----------------------------------------------------------------------


def pad(data: bytes, block: int) -> bytes:
    data = data + b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise ValueError("bad ISO 9797-1 padding")
    return stripped[:-1]


def _run(cipher: Cipher, data: bytes, encrypt: bool) -> bytes:
    ctx = cipher.encryptor() if encrypt else cipher.decryptor()
    return ctx.update(data) + ctx.finalize()


def _des_key(key: bytes) -> TripleDES:
    """Single DES (8 bytes) or two-key 3DES (16 bytes) as a three-key 3DES key of 24 bytes."""
    return TripleDES(key * 3 if len(key) == 8 else key + key[:8] if len(key) == 16 else key)


def des3_cbc(key: bytes, data: bytes, encrypt: bool, iv: bytes = bytes(8)) -> bytes:
    return _run(Cipher(_des_key(key), modes.CBC(iv)), data, encrypt)


def aes_cbc(key: bytes, data: bytes, encrypt: bool, iv: bytes = bytes(16)) -> bytes:
    return _run(Cipher(algorithms.AES(key), modes.CBC(iv)), data, encrypt)


def aes_ecb(key: bytes, block: bytes) -> bytes:
    return _run(Cipher(algorithms.AES(key), modes.ECB()), block, True)


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3 with DES, padding method 2 applied here."""
    return retail_mac_padded(key, pad(data, 8))


def retail_mac_padded(key: bytes, data: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3 with DES over data already padded to whole blocks."""
    k1, k2 = key[:8], key[8:16]
    chain = bytes(8)
    if len(data) > 8:
        chain = _run(Cipher(_des_key(k1), modes.CBC(bytes(8))), data[:-8], True)[-8:]
    last = bytes(a ^ b for a, b in zip(chain, data[-8:], strict=True))
    return _run(Cipher(_des_key(k1 + k2), modes.ECB()), last, True)


def aes_cmac8(key: bytes, data: bytes) -> bytes:
    mac = CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()[:8]


# --- secure messaging (card side) --------------------------------------------------------------------


class SmFailure(Exception):
    """A protected command the card rejects; ``sw`` is what it answers (6987 missing DO, 6988 bad)."""

    def __init__(self, sw: int, why: str) -> None:
        super().__init__(why)
        self.sw = sw


def _tlv(tag: int, value: bytes) -> bytes:
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return bytes([tag]) + length + value


def _read_tlv(data: bytes, i: int) -> tuple[int, bytes, int]:
    if i + 2 > len(data):
        raise SmFailure(0x6987, "truncated SM data object")
    tag = data[i]
    n = data[i + 1]
    i += 2
    if n == 0x81:
        n, i = data[i], i + 1
    elif n == 0x82:
        n, i = int.from_bytes(data[i : i + 2], "big"), i + 2
    elif n > 0x80:
        raise SmFailure(0x6987, "bad SM length")
    if i + n > len(data):
        raise SmFailure(0x6987, "truncated SM data object")
    return tag, data[i : i + n], i + n


@dataclass
class ProtectedCommand:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None  # None: no Le; 0 in DO97 means the maximum (256, or 65536 for two bytes)
    extended_le: bool


class CardSecureMessaging:
    """Session keys and the send-sequence counter of one PACE/BAC session, seen from the card."""

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: int, cipher: str) -> None:
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self.ssc = ssc
        self.cipher = cipher
        self.block = 8 if cipher == "3DES" else 16

    def _ssc_bytes(self) -> bytes:
        return self.ssc.to_bytes(self.block, "big")

    def _mac(self, padded: bytes) -> bytes:
        """MAC over SSC ‖ ``padded`` (already padded; the SSC is one whole block)."""
        message = self._ssc_bytes() + padded
        if self.cipher == "3DES":
            return retail_mac_padded(self.ks_mac, message)
        return aes_cmac8(self.ks_mac, message)

    def _crypt(self, data: bytes, encrypt: bool) -> bytes:
        if self.cipher == "3DES":
            return des3_cbc(self.ks_enc, data, encrypt)
        iv = aes_ecb(self.ks_enc, self._ssc_bytes())
        return aes_cbc(self.ks_enc, data, encrypt, iv)

    def unwrap(self, apdu: bytes) -> ProtectedCommand:
        """Check and decrypt a protected command APDU (increments the SSC)."""
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        if not body:
            raise SmFailure(0x6987, "protected command without data objects")
        if body[0] == 0 and len(body) >= 3:
            lc = int.from_bytes(body[1:3], "big")
            data = body[3 : 3 + lc]
        else:
            lc = body[0]
            data = body[1 : 1 + lc]
        if len(data) != lc:
            raise SmFailure(0x6700, "Lc does not match the data")
        self.ssc += 1
        do87 = do97 = mac = None
        covered = b""
        i = 0
        while i < len(data):
            start = i
            tag, value, i = _read_tlv(data, i)
            if tag in (0x85, 0x87):
                do87 = (tag, value)
                covered += data[start:i]
            elif tag == 0x97:
                do97 = value
                covered += data[start:i]
            elif tag == 0x8E:
                mac = value
            else:
                raise SmFailure(0x6988, f"unexpected SM data object {tag:02X}")
        if mac is None:
            raise SmFailure(0x6987, "no MAC in the protected command")
        header = pad(bytes([cla, ins, p1, p2]), self.block)
        expected = self._mac(pad(header + covered, self.block))
        if mac != expected:
            raise SmFailure(0x6988, "wrong MAC on the command")
        plain = b""
        if do87 is not None:
            tag, value = do87
            if tag == 0x87:
                if not value or value[0] != 0x01:
                    raise SmFailure(0x6988, "bad padding indicator")
                try:
                    plain = unpad(self._crypt(value[1:], False))
                except ValueError as exc:
                    raise SmFailure(0x6988, str(exc)) from exc
            else:
                plain = self._crypt(value, False)
        le = None
        extended_le = False
        if do97 is not None:
            if len(do97) == 1:
                le = do97[0] or 256
            elif len(do97) == 2:
                le = int.from_bytes(do97, "big") or 65536
                extended_le = True
            else:
                raise SmFailure(0x6988, "bad Le data object")
        return ProtectedCommand(cla, ins, p1, p2, plain, le, extended_le)

    def wrap(self, data: bytes, sw: int) -> bytes:
        """The protected response (increments the SSC)."""
        self.ssc += 1
        objects = b""
        if data:
            objects += _tlv(0x87, b"\x01" + self._crypt(pad(data, self.block), True))
        objects += _tlv(0x99, sw.to_bytes(2, "big"))
        mac = self._mac(pad(objects, self.block))
        return objects + _tlv(0x8E, mac) + sw.to_bytes(2, "big")


# --- elliptic curves for PACE ----------------------------------------------------------------------

# standardized domain parameters of PACE (9303-11 §9.5.1, Table 6)
PARAMETER_CURVES = {
    8: curves.NIST192p,
    9: curves.BRAINPOOLP192r1,
    10: curves.NIST224p,
    11: curves.BRAINPOOLP224r1,
    12: curves.NIST256p,
    13: curves.BRAINPOOLP256r1,
    14: curves.BRAINPOOLP320r1,
    15: curves.NIST384p,
    16: curves.BRAINPOOLP384r1,
    17: curves.BRAINPOOLP512r1,
    18: curves.NIST521p,
}


def field_bytes(curve: curves.Curve) -> int:
    return (curve.curve.p().bit_length() + 7) // 8


def encode_point(curve: curves.Curve, point: PointJacobi) -> bytes:
    n = field_bytes(curve)
    affine = point.to_affine()
    return b"\x04" + affine.x().to_bytes(n, "big") + affine.y().to_bytes(n, "big")


def decode_point(curve: curves.Curve, data: bytes) -> PointJacobi:
    """An uncompressed point of ``curve``; ValueError when malformed or not on the curve."""
    n = field_bytes(curve)
    if len(data) != 1 + 2 * n or data[0] != 0x04:
        raise ValueError("not an uncompressed point of the curve")
    x = int.from_bytes(data[1 : 1 + n], "big")
    y = int.from_bytes(data[1 + n :], "big")
    c = curve.curve
    if not c.contains_point(x, y):
        raise ValueError("point is not on the curve")
    return PointJacobi(c, x, y, 1, curve.order)


def random_scalar(curve: curves.Curve) -> int:
    order = curve.order
    while True:
        k = int.from_bytes(os.urandom(field_bytes(curve) + 8), "big") % order
        if k:
            return k
