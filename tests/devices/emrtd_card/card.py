"""The virtual Ukrainian ID card: an ICAO 9303 eMRTD chip answering command APDUs.

``EmrtdCard.process(apdu) -> response`` is the chip; ``vpcd_card.VirtualCard`` carries it to pcscd's
vpcd reader. What it does, as a real card does:

* the master file with EF.CardAccess (011C, SFI 1C: the PACEInfo of ``CardConfig.pace``) and EF.ATR/INFO
  (2F01, SFI 01: card capabilities, extended-length information when ``extended_length``);
* SELECT of the eMRTD application (A0 00 00 02 47 10 01), and of EFs by file identifier;
* PACE (MSE:Set AT, then four GENERAL AUTHENTICATE: encrypted nonce, generic mapping, key agreement,
  authentication tokens) with the CAN or the MRZ, ECDH-GM with 3DES or AES-128/192/256 and any
  standardized curve; a retry counter (63C2, 63C1 = suspended, 6983 = blocked);
* BAC (GET CHALLENGE, EXTERNAL AUTHENTICATE, 3DES; wrong key → 6300);
* secure messaging after either: the SSC, the MAC of every command checked (6988 and the session ends on a
  bad one), every response protected; a plain command ends the session too;
* READ BINARY by offset or by short EF identifier, short and (when ``extended_length``) extended Le;
  the data groups only after access control (6982 before); a missing file 6A82.

``bank_card=True`` makes it an EMV card instead: the eMRTD application is not there (6A82).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from . import crypto
from .data import PACE_OIDS, ChipFiles, atr_info, build_chip, card_access, tlv

EMRTD_AID = bytes.fromhex("A0000002471001")
PPSE = b"2PAY.SYS.DDF01"
# a contactless ISO 14443-4 card as PC/SC shows it, with the historical bytes of an eMRTD chip
DEFAULT_ATR = bytes.fromhex("3B8880014241544B0000000015")
BANK_ATR = bytes.fromhex("3B8A80015061795365727331303144")
PACE_DEFAULT = (("AES-128", 13),)  # ECDH-GM, AES-128, brainpoolP256r1

MF, APP = "MF", "APP"
SW_OK = 0x9000


@dataclass
class CardConfig:
    """How the card is made. ``pace=()`` is a BAC-only card (no EF.CardAccess)."""

    files: ChipFiles | None = None  # default: data.build_chip()
    pace: tuple[tuple[str, int], ...] = PACE_DEFAULT
    bac: bool = True
    extended_length: bool = True
    retries: int = 3  # PACE tries left at the start (2 = one wrong try already, 0 = blocked)
    bank_card: bool = False
    atr: bytes | None = None


@dataclass
class _Pace:
    cipher: str
    key_bits: int
    curve: object
    password_key: bytes
    nonce: bytes = b""
    map_key: int = 0
    generator: object = None
    eph_key: int = 0
    eph_public: bytes = b""
    terminal_eph: bytes = b""
    ks_enc: bytes = b""
    ks_mac: bytes = b""
    step: int = 0


@dataclass
class _State:
    df: str = MF
    ef: bytes | None = None
    sm: crypto.CardSecureMessaging | None = None
    authenticated: bool = False
    pace: _Pace | None = None
    pace_oid: str = ""
    pace_pwd: int = 0
    rnd_ic: bytes = b""
    log: list[str] = field(default_factory=list)


class EmrtdCard:
    """The chip. Not thread-safe: one reader talks to it at a time (as over the air)."""

    def __init__(self, config: CardConfig | None = None) -> None:
        self.config = config or CardConfig()
        self.files = self.config.files or build_chip()
        self.retries = self.config.retries
        self.max_retries = 3
        self.state = _State()
        self.atr = self.config.atr or (BANK_ATR if self.config.bank_card else DEFAULT_ATR)
        self.commands = 0
        self.authentications: list[str] = []  # "PACE-CAN", "PACE-MRZ", "BAC" on each success
        self._mf_files: dict[bytes, bytes] = {}
        if self.config.pace:
            self._mf_files[b"\x01\x1c"] = card_access(list(self.config.pace))
        self._mf_files[b"\x2f\x01"] = atr_info(self.config.extended_length)
        self._app_files: dict[bytes, bytes] = {b"\x01\x1e": self.files.com, b"\x01\x1d": self.files.sod}
        for number, data in self.files.dgs.items():
            self._app_files[bytes([0x01, number])] = data
        self._sfi = {0x1C: b"\x01\x1c", 0x1E: b"\x01\x1e", 0x1D: b"\x01\x1d"}

    # --- power ----------------------------------------------------------------------------------------

    def reset(self) -> None:
        """Power on / warm reset: back to the master file, no session (the retry counter stays)."""
        self.state = _State()

    # --- APDU level -----------------------------------------------------------------------------------

    def process(self, apdu: bytes) -> bytes:
        self.commands += 1
        try:
            parsed = _parse(apdu)
        except ValueError:
            return _sw(0x6700)
        cla, ins, p1, p2, data, le, extended = parsed
        if extended and not self.config.extended_length:
            return _sw(0x6700)
        if self.config.bank_card:
            return self._bank(ins, p1, data)
        if cla & 0x0C == 0x0C:
            sm = self.state.sm
            if sm is None:
                return _sw(0x6882)  # secure messaging not supported in this state
            try:
                command = sm.unwrap(apdu)
            except crypto.SmFailure as failure:
                self._end_session()
                return _sw(failure.sw)
            body, sw = self._dispatch(cla & 0xF3, ins, p1, p2, command.data, command.le, command.extended_le)
            if self.state.sm is None:  # the command itself ended the session
                return body + _sw(sw)
            limit = 0xFFFF - 2 if extended else 256
            body = self._fit(sm, body, sw, limit)
            return sm.wrap(body, sw)
        if self.state.sm is not None:
            self._end_session()  # a plain command ends secure messaging
        body, sw = self._dispatch(cla, ins, p1, p2, data, le, extended)
        if le is not None and not extended and len(body) > 256:
            body = body[:256]
        return body + _sw(sw)

    def _fit(self, sm: crypto.CardSecureMessaging, body: bytes, sw: int, limit: int) -> bytes:
        """Shorten READ BINARY data so that the protected response fits the response buffer."""
        while body and _protected_size(len(body), sm.block) > limit:
            body = body[: len(body) - 1]
        return body

    def _end_session(self) -> None:
        self.state.sm = None
        self.state.authenticated = False
        self.state.pace = None

    def _dispatch(
        self, cla: int, ins: int, p1: int, p2: int, data: bytes, le: int | None, extended: bool
    ) -> tuple[bytes, int]:
        if ins == 0xA4:
            return self._select(p1, p2, data)
        if ins == 0xB0:
            return self._read_binary(p1, p2, le, extended)
        if ins == 0x22:
            return self._mse(p1, p2, data)
        if ins == 0x86:
            return self._general_authenticate(cla, data)
        if ins == 0x84:
            return self._get_challenge(le)
        if ins == 0x82:
            return self._external_authenticate(data)
        return b"", 0x6D00

    # --- files ------------------------------------------------------------------------------------------

    def _file(self, fid: bytes) -> bytes | None:
        if fid in self._mf_files:
            return self._mf_files[fid]
        if self.state.df == APP:
            return self._app_files.get(fid)
        return None

    def _select(self, p1: int, p2: int, data: bytes) -> tuple[bytes, int]:
        if p1 == 0x04:
            if data == EMRTD_AID:
                self.state.df, self.state.ef = APP, None
                return b"", SW_OK
            return b"", 0x6A82
        if p1 == 0x00 and data in (b"", b"\x3f\x00"):
            self.state.df, self.state.ef = MF, None
            return b"", SW_OK
        if p1 in (0x00, 0x02) and len(data) == 2:
            content = self._file(data)
            if content is None:
                return b"", 0x6A82
            self.state.ef = data
            if p2 & 0x0C == 0x0C:
                return b"", SW_OK
            fcp = b"\x80\x02" + len(content).to_bytes(2, "big") + b"\x82\x01\x01\x83\x02" + data
            return b"\x62" + bytes([len(fcp)]) + fcp, SW_OK
        return b"", 0x6A86

    def _read_binary(self, p1: int, p2: int, le: int | None, extended: bool) -> tuple[bytes, int]:
        if p1 & 0x80:
            sfi = p1 & 0x1F
            if self.state.df == MF and sfi == 0x01:
                fid = b"\x2f\x01"
            elif self.state.df == APP and 0x01 <= sfi <= 0x10:
                fid = bytes([0x01, sfi])
            else:
                fid = self._sfi.get(sfi, b"")
            if self._file(fid) is None:
                return b"", 0x6A82
            self.state.ef = fid
            offset = p2
        else:
            if self.state.ef is None:
                return b"", 0x6986  # no current EF
            fid = self.state.ef
            offset = (p1 & 0x7F) << 8 | p2
        if fid in self._app_files and not self.state.authenticated:
            return b"", 0x6982
        content = self._file(fid)
        if content is None:
            return b"", 0x6A82
        if offset > len(content):
            return b"", 0x6B00
        if le is None:
            return b"", 0x6700
        return content[offset : offset + le], SW_OK

    # --- PACE -------------------------------------------------------------------------------------------

    def _mse(self, p1: int, p2: int, data: bytes) -> tuple[bytes, int]:
        if (p1, p2) != (0xC1, 0xA4):
            return b"", 0x6A86
        if not self.config.pace:
            return b"", 0x6D00
        fields = _simple_tlvs(data)
        if fields is None or 0x80 not in fields or 0x83 not in fields:
            return b"", 0x6A80
        oid = _decode_oid(fields[0x80])
        offered = {data_oid(cipher): (cipher, param) for cipher, param in self.config.pace}
        if oid not in offered:
            return b"", 0x6A80
        cipher, param = offered[oid]
        if 0x84 in fields and int.from_bytes(fields[0x84], "big") != param:
            return b"", 0x6A80
        ref = fields[0x83]
        if ref not in (b"\x01", b"\x02"):
            return b"", 0x6A80
        self._end_session()
        self.state.pace_oid, self.state.pace_pwd = oid, ref[0]
        bits = {"3DES": 112, "AES-128": 128, "AES-192": 192, "AES-256": 256}[cipher]
        block_cipher = "3DES" if cipher == "3DES" else "AES"
        if ref[0] == 0x02:
            key = crypto.pace_password_key(self.files.holder.can.encode(), False, block_cipher, bits)
        else:
            mrz = self.files.holder.mrz_information.encode()
            key = crypto.pace_password_key(mrz, True, block_cipher, bits)
        self.state.pace = _Pace(block_cipher, bits, crypto.PARAMETER_CURVES[param], key)
        return b"", SW_OK

    def _general_authenticate(self, cla: int, data: bytes) -> tuple[bytes, int]:
        pace = self.state.pace
        if pace is None:
            return b"", 0x6985
        if self.retries <= 0:
            self.state.pace = None
            return b"", 0x6983
        if len(data) < 2 or data[0] != 0x7C:
            return b"", 0x6A80
        inner = _simple_tlvs(data[2:] if data[1] < 0x80 else data[2 + (data[1] & 0x7F) :])
        if inner is None:
            return b"", 0x6A80
        curve = pace.curve
        try:
            if pace.step == 0 and not inner:
                block = 8 if pace.cipher == "3DES" else 16
                pace.nonce = os.urandom(16)
                encrypt = crypto.des3_cbc if pace.cipher == "3DES" else crypto.aes_cbc
                z = encrypt(pace.password_key, pace.nonce, True, bytes(block))
                pace.step = 1
                return _dyn(0x80, z), SW_OK
            if pace.step == 1 and 0x81 in inner:
                terminal_map = crypto.decode_point(curve, inner[0x81])
                pace.map_key = crypto.random_scalar(curve)
                own = curve.generator * pace.map_key
                shared = terminal_map * pace.map_key
                s = int.from_bytes(pace.nonce, "big")
                pace.generator = curve.generator * s + shared
                pace.step = 2
                return _dyn(0x82, crypto.encode_point(curve, own)), SW_OK
            if pace.step == 2 and 0x83 in inner:
                terminal_eph = inner[0x83]
                point = crypto.decode_point(curve, terminal_eph)
                pace.eph_key = crypto.random_scalar(curve)
                own = crypto.encode_point(curve, pace.generator * pace.eph_key)
                if own == terminal_eph:
                    return b"", 0x6A80
                shared = (point * pace.eph_key).to_affine().x()
                secret = shared.to_bytes(crypto.field_bytes(curve), "big")
                pace.ks_enc = crypto.kdf(secret, crypto.ENC, pace.cipher, pace.key_bits)
                pace.ks_mac = crypto.kdf(secret, crypto.MAC, pace.cipher, pace.key_bits)
                pace.terminal_eph = terminal_eph
                pace.eph_public = own
                pace.step = 3
                return _dyn(0x84, own), SW_OK
            if pace.step == 3 and 0x85 in inner and cla & 0x10 == 0:
                expected = self._token(pace, pace.eph_public)
                if inner[0x85] != expected:
                    return self._wrong_password()
                token = self._token(pace, pace.terminal_eph)
                self.retries = self.max_retries
                self.state.sm = crypto.CardSecureMessaging(pace.ks_enc, pace.ks_mac, 0, pace.cipher)
                self.state.authenticated = True
                self.state.pace = None
                self.authentications.append("PACE-CAN" if self.state.pace_pwd == 2 else "PACE-MRZ")
                return _dyn(0x86, token), SW_OK
        except ValueError:
            self.state.pace = None
            return b"", 0x6A80
        self.state.pace = None
        return b"", 0x6985

    def _token(self, pace: _Pace, public_point: bytes) -> bytes:
        oid = core_oid(self.state.pace_oid)
        key_object = _tlv(0x7F49, _tlv(0x06, oid) + _tlv(0x86, public_point))
        mac_key = pace.ks_mac
        if pace.cipher == "3DES":
            return crypto.retail_mac(mac_key, key_object)
        return crypto.aes_cmac8(mac_key, key_object)

    def _wrong_password(self) -> tuple[bytes, int]:
        self.state.pace = None
        self.retries -= 1
        if self.retries <= 0:
            self.retries = 0
            return b"", 0x6983
        return b"", 0x63C0 | self.retries

    # --- BAC --------------------------------------------------------------------------------------------

    def _get_challenge(self, le: int | None) -> tuple[bytes, int]:
        if not self.config.bac:
            return b"", 0x6D00
        if le != 8:
            return b"", 0x6700
        self._end_session()
        self.state.rnd_ic = os.urandom(8)
        return self.state.rnd_ic, SW_OK

    def _external_authenticate(self, data: bytes, k_ic: bytes | None = None) -> tuple[bytes, int]:
        if not self.config.bac:
            return b"", 0x6D00
        rnd_ic = self.state.rnd_ic
        self.state.rnd_ic = b""
        if len(data) != 40 or not rnd_ic:
            return b"", 0x6985 if not rnd_ic else 0x6700
        seed = crypto.mrz_seed(self.files.holder.mrz_information)
        k_enc, k_mac = crypto.kdf(seed, crypto.ENC, "3DES"), crypto.kdf(seed, crypto.MAC, "3DES")
        e_ifd, m_ifd = data[:32], data[32:]
        if crypto.retail_mac(k_mac, e_ifd) != m_ifd:
            return b"", 0x6300
        s = crypto.des3_cbc(k_enc, e_ifd, False)
        rnd_ifd, got_ic, k_ifd = s[:8], s[8:16], s[16:32]
        if got_ic != rnd_ic:
            return b"", 0x6300
        k_ic = k_ic or os.urandom(16)
        e_ic = crypto.des3_cbc(k_enc, rnd_ic + rnd_ifd + k_ic, True)
        m_ic = crypto.retail_mac(k_mac, e_ic)
        session_seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
        ssc = int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big")
        self.state.sm = crypto.CardSecureMessaging(
            crypto.kdf(session_seed, crypto.ENC, "3DES"),
            crypto.kdf(session_seed, crypto.MAC, "3DES"),
            ssc,
            "3DES",
        )
        self.state.authenticated = True
        self.authentications.append("BAC")
        return e_ic + m_ic, SW_OK

    # --- a bank card ------------------------------------------------------------------------------------

    def _bank(self, ins: int, p1: int, data: bytes) -> bytes:
        if ins == 0xA4 and p1 == 0x04 and data == PPSE:
            fci = _tlv(0x6F, _tlv(0x84, PPSE) + _tlv(0xA5, _tlv(0xBF0C, b"")))
            return fci + _sw(SW_OK)
        if ins == 0xA4:
            return _sw(0x6A82)
        return _sw(0x6D00)


# --- helpers ---------------------------------------------------------------------------------------------


def data_oid(cipher: str) -> str:
    return PACE_OIDS[cipher]


def core_oid(dotted: str) -> bytes:
    """The content octets of an OBJECT IDENTIFIER."""
    parts = [int(x) for x in dotted.split(".")]
    out = bytearray([parts[0] * 40 + parts[1]])
    for value in parts[2:]:
        chunk = [value & 0x7F]
        value >>= 7
        while value:
            chunk.append(0x80 | (value & 0x7F))
            value >>= 7
        out += bytes(reversed(chunk))
    return bytes(out)


def _decode_oid(content: bytes) -> str:
    if not content:
        return ""
    parts = [content[0] // 40, content[0] % 40]
    value = 0
    for byte in content[1:]:
        value = value << 7 | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(str(p) for p in parts)


def _tlv(tag: int, value: bytes) -> bytes:
    return tlv(tag, value)


def _dyn(tag: int, value: bytes) -> bytes:
    return _tlv(0x7C, _tlv(tag, value))


def _simple_tlvs(data: bytes) -> dict[int, bytes] | None:
    """One level of BER-TLV with one-byte tags; None when malformed."""
    out: dict[int, bytes] = {}
    i = 0
    while i < len(data):
        if i + 2 > len(data):
            return None
        tag, n = data[i], data[i + 1]
        i += 2
        if n == 0x81 and i < len(data):
            n, i = data[i], i + 1
        elif n == 0x82 and i + 1 < len(data):
            n, i = int.from_bytes(data[i : i + 2], "big"), i + 2
        elif n >= 0x80:
            return None
        if i + n > len(data):
            return None
        out[tag] = data[i : i + n]
        i += n
    return out


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


def _protected_size(n: int, block: int) -> int:
    padded = n + 1 + (-(n + 1) % block)
    do87 = 1 + padded
    length = 1 if do87 < 0x80 else 2 if do87 < 0x100 else 3
    return (1 + length + do87) + 4 + 10 + 2


def _parse(apdu: bytes) -> tuple[int, int, int, int, bytes, int | None, bool]:
    """CLA, INS, P1, P2, data, Le (None: absent; 0 read as 256/65536), extended? — ISO 7816-3 cases."""
    if len(apdu) < 4:
        raise ValueError("APDU shorter than its header")
    cla, ins, p1, p2 = apdu[:4]
    body = apdu[4:]
    if not body:
        return cla, ins, p1, p2, b"", None, False
    if len(body) == 1:
        return cla, ins, p1, p2, b"", body[0] or 256, False
    if body[0] != 0:
        lc = body[0]
        if len(body) == 1 + lc:
            return cla, ins, p1, p2, body[1:], None, False
        if len(body) == 2 + lc:
            return cla, ins, p1, p2, body[1 : 1 + lc], body[-1] or 256, False
        raise ValueError("bad short APDU")
    if len(body) == 3:
        return cla, ins, p1, p2, b"", int.from_bytes(body[1:3], "big") or 65536, True
    lc = int.from_bytes(body[1:3], "big")
    if len(body) == 3 + lc:
        return cla, ins, p1, p2, body[3:], None, True
    if len(body) == 5 + lc:
        return cla, ins, p1, p2, body[3 : 3 + lc], int.from_bytes(body[-2:], "big") or 65536, True
    raise ValueError("bad extended APDU")


def sha1(data: bytes) -> bytes:
    return hashlib.sha1(data).digest()
