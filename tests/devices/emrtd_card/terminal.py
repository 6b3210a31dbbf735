"""A small terminal (inspection system) for testing the virtual card by itself, without the app's reader.

It shares the card package's primitives, so it proves the card is self-consistent and lets the card's own
tests poke at it (bad MACs, wrong passwords, reads before access control); whether the card is *right*
is shown by the ICAO 9303 worked examples (tests/devices/test_emrtd_card.py) and by the app's independent
reader reading it through pcscd (tests/devices/test_card_pcsc.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from . import crypto
from .card import EMRTD_AID, core_oid
from .data import PACE_OIDS, tlv


class CardError(Exception):
    def __init__(self, sw: int, what: str = "") -> None:
        super().__init__(f"{what}: SW {sw:04X}")
        self.sw = sw


Transmit = Callable[[bytes], bytes]


def _split(response: bytes) -> tuple[bytes, int]:
    return response[:-2], int.from_bytes(response[-2:], "big")


def _parse_tlvs(data: bytes) -> dict[int, bytes]:
    out: dict[int, bytes] = {}
    i = 0
    while i < len(data):
        tag, n = data[i], data[i + 1]
        i += 2
        if n == 0x81:
            n, i = data[i], i + 1
        elif n == 0x82:
            n, i = int.from_bytes(data[i : i + 2], "big"), i + 2
        out[tag] = data[i : i + n]
        i += n
    return out


class Terminal:
    def __init__(self, transmit: Transmit) -> None:
        self.transmit = transmit
        self.sm: crypto.CardSecureMessaging | None = None

    def plain(self, apdu: bytes, what: str = "") -> bytes:
        data, sw = _split(self.transmit(apdu))
        if sw != 0x9000:
            raise CardError(sw, what)
        return data

    # --- access control ---------------------------------------------------------------------------

    def bac(self, mrz_information: str) -> None:
        seed = crypto.mrz_seed(mrz_information)
        k_enc, k_mac = crypto.kdf(seed, crypto.ENC, "3DES"), crypto.kdf(seed, crypto.MAC, "3DES")
        rnd_ic = self.plain(b"\x00\x84\x00\x00\x08", "GET CHALLENGE")
        rnd_ifd, k_ifd = os.urandom(8), os.urandom(16)
        e_ifd = crypto.des3_cbc(k_enc, rnd_ifd + rnd_ic + k_ifd, True)
        m_ifd = crypto.retail_mac(k_mac, e_ifd)
        resp = self.plain(b"\x00\x82\x00\x00\x28" + e_ifd + m_ifd + b"\x28", "EXTERNAL AUTHENTICATE")
        r = crypto.des3_cbc(k_enc, resp[:32], False)
        assert crypto.retail_mac(k_mac, resp[:32]) == resp[32:] and r[:8] == rnd_ic and r[8:16] == rnd_ifd
        session = bytes(a ^ b for a, b in zip(k_ifd, r[16:32], strict=True))
        self.sm = crypto.CardSecureMessaging(
            crypto.kdf(session, crypto.ENC, "3DES"),
            crypto.kdf(session, crypto.MAC, "3DES"),
            int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big"),
            "3DES",
        )

    def pace(
        self, password: str, *, mrz: bool = False, cipher: str = "AES-128", parameter_id: int = 13
    ) -> None:
        oid = PACE_OIDS[cipher]
        block_cipher = "3DES" if cipher == "3DES" else "AES"
        bits = {"3DES": 112, "AES-128": 128, "AES-192": 192, "AES-256": 256}[cipher]
        curve = crypto.PARAMETER_CURVES[parameter_id]
        mse = tlv(0x80, core_oid(oid)) + tlv(0x83, b"\x01" if mrz else b"\x02")
        self.plain(b"\x00\x22\xc1\xa4" + bytes([len(mse)]) + mse, "MSE:Set AT")
        k_pi = crypto.pace_password_key(password.encode(), mrz, block_cipher, bits)

        def ga(last: bool, inner: bytes) -> dict[int, bytes]:
            body = tlv(0x7C, inner)
            apdu = bytes([0x00 if last else 0x10, 0x86, 0, 0, len(body)]) + body + b"\x00"
            data = self.plain(apdu, "GENERAL AUTHENTICATE")
            return _parse_tlvs(_parse_tlvs(data)[0x7C])

        z = ga(False, b"")[0x80]
        decrypt = crypto.des3_cbc if block_cipher == "3DES" else crypto.aes_cbc
        s = int.from_bytes(decrypt(k_pi, z, False, bytes(8 if block_cipher == "3DES" else 16)), "big")
        sk_map = crypto.random_scalar(curve)
        card_map = crypto.decode_point(
            curve, ga(False, tlv(0x81, crypto.encode_point(curve, curve.generator * sk_map)))[0x82]
        )
        generator = curve.generator * s + card_map * sk_map
        sk_eph = crypto.random_scalar(curve)
        own = crypto.encode_point(curve, generator * sk_eph)
        card_eph = ga(False, tlv(0x83, own))[0x84]
        secret = (
            (crypto.decode_point(curve, card_eph) * sk_eph)
            .to_affine()
            .x()
            .to_bytes(crypto.field_bytes(curve), "big")
        )
        ks_enc = crypto.kdf(secret, crypto.ENC, block_cipher, bits)
        ks_mac = crypto.kdf(secret, crypto.MAC, block_cipher, bits)

        def token(point: bytes) -> bytes:
            key_object = tlv(0x7F49, tlv(0x06, core_oid(oid)) + tlv(0x86, point))
            if block_cipher == "3DES":
                return crypto.retail_mac(ks_mac, key_object)
            return crypto.aes_cmac8(ks_mac, key_object)

        card_token = ga(True, tlv(0x85, token(card_eph)))[0x86]
        assert card_token == token(own), "the card's authentication token does not verify"
        self.sm = crypto.CardSecureMessaging(ks_enc, ks_mac, 0, block_cipher)

    # --- secure messaging (terminal side) -----------------------------------------------------------

    def protect(self, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None) -> bytes:
        sm = self.sm
        assert sm is not None
        sm.ssc += 1
        objects = b""
        if data:
            objects += tlv(0x87, b"\x01" + sm._crypt(crypto.pad(data, sm.block), True))
        extended = le is not None and le > 256
        if le is not None:
            objects += tlv(0x97, (le % 65536).to_bytes(2, "big") if extended else bytes([le % 256]))
        header = crypto.pad(bytes([0x0C, ins, p1, p2]), sm.block)
        mac = sm._mac(crypto.pad(header + objects, sm.block))
        body = objects + tlv(0x8E, mac)
        if extended or len(body) > 255:
            return bytes([0x0C, ins, p1, p2, 0]) + len(body).to_bytes(2, "big") + body + b"\x00\x00"
        return bytes([0x0C, ins, p1, p2, len(body)]) + body + b"\x00"

    def unprotect(self, response: bytes) -> tuple[bytes, int]:
        sm = self.sm
        assert sm is not None
        body, sw = _split(response)
        if sw not in (0x9000, 0x6282) or not body:
            raise CardError(sw, "protected command")
        sm.ssc += 1
        objects = _parse_tlvs(body)
        covered = body[: len(body) - 10]  # DO'8E' (8-byte MAC) is the last data object
        assert body[-10:-8] == b"\x8e\x08", "the response does not end with its MAC"
        if sm._mac(crypto.pad(covered, sm.block)) != objects[0x8E]:
            raise CardError(0x6988, "response MAC")
        data = b""
        if 0x87 in objects:
            data = crypto.unpad(sm._crypt(objects[0x87][1:], False))
        return data, int.from_bytes(objects[0x99], "big")

    def command(self, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None) -> bytes:
        out, sw = self.unprotect(self.transmit(self.protect(ins, p1, p2, data, le)))
        if sw != 0x9000:
            raise CardError(sw, f"INS {ins:02X}")
        return out

    def select_application(self) -> None:
        if self.sm is None:
            self.plain(b"\x00\xa4\x04\x0c\x07" + EMRTD_AID, "SELECT eMRTD")
        else:
            self.command(0xA4, 0x04, 0x0C, EMRTD_AID)

    def read_file(self, fid: int, chunk: int = 0xDF) -> bytes:
        self.command(0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"))
        head = self.command(0xB0, 0, 0, le=4)
        n = head[1]
        header = 2
        if n == 0x81:
            n, header = head[2], 3
        elif n == 0x82:
            n, header = int.from_bytes(head[2:4], "big"), 4
        total = header + n
        data = head
        while len(data) < total:
            data += self.command(0xB0, len(data) >> 8, len(data) & 0xFF, le=min(chunk, total - len(data)))
        return data
