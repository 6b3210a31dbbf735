"""PACE v2 (ICAO 9303 Part 11, 4.4): ECDH generic mapping, CAN or MRZ password, AES or 3DES session keys.

EF.CardAccess (SecurityInfos) tells which PACE variants the chip offers: ``parse_card_access`` reads the
PACEInfo entries (and PACEDomainParameterInfo with explicit curve parameters) with the TLV parser;
``pace`` runs MSE:Set AT and the four General Authenticate steps and returns the secure-messaging session.
Point arithmetic is python-ecdsa's: the mapped generator is G~ = s·G + H, H = SK_map,PCD · PK_map,IC.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from asn1crypto.core import ObjectIdentifier
from ecdsa import curves as ec_curves
from ecdsa import ellipticcurve
from ecdsa.util import randrange

from mobile_case.devices.cardreader.emrtd import crypto, tlv
from mobile_case.devices.cardreader.emrtd.apdu import Apdu, StatusError, Transport, split_response
from mobile_case.devices.cardreader.emrtd.sm import SecureMessaging


class PaceError(ValueError):
    """The PACE exchange is malformed, uses something we do not support, or the chip's token is wrong."""


PACE_PREFIX = "0.4.0.127.0.7.2.2.4"
MAPPINGS = {1: "DH-GM", 2: "ECDH-GM", 3: "DH-IM", 4: "ECDH-IM", 6: "ECDH-CAM"}
CIPHERS = {1: (crypto.DES3, 112), 2: (crypto.AES, 128), 3: (crypto.AES, 192), 4: (crypto.AES, 256)}
PASSWORD_MRZ = 1
PASSWORD_CAN = 2

# ICAO 9303 Part 11, 9.5.1 (standardized domain parameters) — the elliptic curves
STANDARD_CURVES: dict[int, ec_curves.Curve] = {
    8: ec_curves.NIST192p,
    9: ec_curves.BRAINPOOLP192r1,
    10: ec_curves.NIST224p,
    11: ec_curves.BRAINPOOLP224r1,
    12: ec_curves.NIST256p,
    13: ec_curves.BRAINPOOLP256r1,
    14: ec_curves.BRAINPOOLP320r1,
    15: ec_curves.NIST384p,
    16: ec_curves.BRAINPOOLP384r1,
    17: ec_curves.BRAINPOOLP512r1,
    18: ec_curves.NIST521p,
}


@dataclass(frozen=True)
class Domain:
    """An elliptic curve group: the curve, its generator and order."""

    name: str
    curve: ellipticcurve.CurveFp
    generator: ellipticcurve.PointJacobi
    order: int

    @property
    def size(self) -> int:
        return (self.curve.p().bit_length() + 7) // 8


@dataclass(frozen=True)
class PaceInfo:
    oid: str
    version: int
    parameter_id: int | None
    mapping: str  # "ECDH-GM", "DH-GM", …
    cipher: str  # crypto.AES / crypto.DES3
    key_bits: int
    domain: Domain | None  # None when we do not know the group (unsupported)

    @property
    def supported(self) -> bool:
        return self.mapping == "ECDH-GM" and self.domain is not None and self.version == 2

    @property
    def name(self) -> str:
        cipher = "3DES" if self.cipher == crypto.DES3 else f"AES-{self.key_bits}"
        return f"PACE-{self.mapping}-{cipher}" + (f" ({self.domain.name})" if self.domain else "")


def curve_for_parameter_id(parameter_id: int) -> Domain | None:
    c = STANDARD_CURVES.get(parameter_id)
    if c is None:
        return None
    return Domain(c.name, c.curve, c.generator, c.order)


def _int(item: tlv.Tlv) -> int:
    if item.tag != 0x02 or not item.value:
        raise PaceError("EF.CardAccess: INTEGER expected")
    return int.from_bytes(item.value, "big", signed=False)


def _oid(item: tlv.Tlv) -> str:
    if item.tag != 0x06 or not item.value:
        raise PaceError("EF.CardAccess: OBJECT IDENTIFIER expected")
    try:
        return ObjectIdentifier.load(tlv.encode(0x06, item.value)).dotted
    except Exception as exc:  # noqa: BLE001 — asn1crypto raises assorted errors on garbage
        raise PaceError("EF.CardAccess: malformed OBJECT IDENTIFIER") from exc


def _explicit_domain(params: tlv.Tlv) -> Domain | None:
    """ECParameters (explicit prime-field curve) of a PACEDomainParameterInfo, or None if not that."""
    try:
        if params.tag != 0x30 or len(params.children) < 5:
            return None
        field_id, curve_seq, base, order = params.children[1:5]
        if _oid(field_id.children[0]) != "1.2.840.10045.1.1":
            return None
        p = _int(field_id.children[1])
        a = int.from_bytes(curve_seq.children[0].value, "big")
        b = int.from_bytes(curve_seq.children[1].value, "big")
        n = _int(order)
        h = _int(params.children[5]) if len(params.children) > 5 else 1
        curve = ellipticcurve.CurveFp(p, a, b, h)
        g = ellipticcurve.PointJacobi.from_bytes(curve, base.value)
        return Domain(
            "explicit", curve, ellipticcurve.PointJacobi(curve, g.x(), g.y(), 1, n, generator=True), n
        )
    except (IndexError, ValueError, AssertionError, PaceError):
        return None


def parse_card_access(data: bytes) -> list[PaceInfo]:
    """The PACE variants EF.CardAccess offers (unsupported ones too, with ``supported`` False)."""
    try:
        items = tlv.parse(data)
    except tlv.TlvError as exc:
        raise PaceError(f"EF.CardAccess: {exc}") from exc
    if len(items) != 1 or items[0].tag != 0x31:
        raise PaceError("EF.CardAccess is not a SET OF SecurityInfo")
    raw_infos: list[tuple[str, int, int | None]] = []
    domains: dict[int | None, Domain | None] = {}
    for info in items[0].children:
        if info.tag != 0x30 or len(info.children) < 2:
            continue
        oid = _oid(info.children[0])
        if not oid.startswith(PACE_PREFIX + "."):
            continue
        arcs = oid[len(PACE_PREFIX) + 1 :].split(".")
        if len(arcs) == 1:  # PACEDomainParameterInfo: {oid, AlgorithmIdentifier, parameterId?}
            alg = info.children[1]
            pid = _int(info.children[2]) if len(info.children) > 2 else None
            if alg.tag == 0x30 and len(alg.children) >= 2:
                domains[pid] = _explicit_domain(alg.children[1])
            continue
        if len(arcs) != 2:
            continue
        version = _int(info.children[1])
        pid = _int(info.children[2]) if len(info.children) > 2 else None
        raw_infos.append((oid, version, pid))
    out: list[PaceInfo] = []
    for oid, version, pid in raw_infos:
        mapping_arc, cipher_arc = (int(x) for x in oid[len(PACE_PREFIX) + 1 :].split("."))
        mapping = MAPPINGS.get(mapping_arc, f"unknown-{mapping_arc}")
        cipher, bits = CIPHERS.get(cipher_arc, ("", 0))
        domain = (
            domains.get(pid) if pid in domains else (curve_for_parameter_id(pid) if pid is not None else None)
        )
        if domain is None and pid is None and len(domains) == 1:
            domain = next(iter(domains.values()))
        out.append(PaceInfo(oid, version, pid, mapping, cipher, bits, domain if cipher else None))
    return out


def choose(infos: list[PaceInfo]) -> PaceInfo | None:
    """The PACE variant to run: ECDH generic mapping, AES before 3DES, in the chip's order otherwise."""
    usable = [i for i in infos if i.supported]
    usable.sort(key=lambda i: 0 if i.cipher == crypto.AES else 1)
    return usable[0] if usable else None


def password_bytes(kind: int, secret: str) -> bytes:
    """π: the CAN as ASCII, or SHA-1 of the MRZ information (Part 11, 9.7.3)."""
    if kind == PASSWORD_MRZ:
        return hashlib.sha1(secret.encode("ascii")).digest()
    return secret.encode("ascii")


def encode_point(point: ellipticcurve.PointJacobi | ellipticcurve.Point, size: int) -> bytes:
    return b"\x04" + point.x().to_bytes(size, "big") + point.y().to_bytes(size, "big")


def decode_point(domain: Domain, data: bytes) -> ellipticcurve.PointJacobi:
    size = domain.size
    if len(data) != 1 + 2 * size or data[0] != 0x04:
        raise PaceError("PACE: the chip's public key is not an uncompressed point of the curve")
    x = int.from_bytes(data[1 : 1 + size], "big")
    y = int.from_bytes(data[1 + size :], "big")
    if not domain.curve.contains_point(x, y):
        raise PaceError("PACE: the chip's public key is not on the curve")
    return ellipticcurve.PointJacobi(domain.curve, x, y, 1, domain.order)


def map_generator(
    domain: Domain, nonce: int, sk_map: int, pk_map_ic: ellipticcurve.PointJacobi
) -> ellipticcurve.PointJacobi:
    """Generic mapping: G~ = s·G + H with H = SK_map,PCD · PK_map,IC."""
    h = pk_map_ic * sk_map
    if h == ellipticcurve.INFINITY:
        raise PaceError("PACE: the mapping produced the point at infinity")
    g = domain.generator * nonce + h
    if g == ellipticcurve.INFINITY:
        raise PaceError("PACE: the mapped generator is the point at infinity")
    return ellipticcurve.PointJacobi(domain.curve, g.x(), g.y(), 1, domain.order, generator=True)


def auth_token(info: PaceInfo, ks_mac: bytes, public_point: bytes) -> bytes:
    """T = MAC(KS_MAC, public key data object {06 OID, 86 point}) (Part 11, 4.4.3.4)."""
    oid_der = ObjectIdentifier(info.oid).dump()
    data = tlv.encode(0x7F49, oid_der + tlv.encode(0x86, public_point))
    if info.cipher == crypto.DES3:
        return crypto.retail_mac(ks_mac, crypto.pad(data, 8))
    return crypto.aes_cmac(ks_mac, data)[:8]


def _general_authenticate(transport: Transport, inner: bytes, *, last: bool, expect: int, step: str) -> bytes:
    cla = 0x00 if last else 0x10
    cmd = Apdu(cla, 0x86, 0x00, 0x00, tlv.encode(0x7C, inner), le=256)
    data, sw = split_response(transport.transmit(cmd.encode()))
    if sw != 0x9000:
        raise StatusError(sw, f"GENERAL AUTHENTICATE {step}")
    try:
        outer = tlv.parse(data)
    except tlv.TlvError as exc:
        raise PaceError(f"PACE {step}: {exc}") from exc
    if len(outer) != 1 or outer[0].tag != 0x7C:
        raise PaceError(f"PACE {step}: dynamic authentication data expected")
    item = outer[0].find(expect)
    if item is None:
        raise PaceError(f"PACE {step}: object {expect:X} missing")
    return item.value


KeySource = Callable[[Domain], int]


def _random_key(domain: Domain) -> int:
    return randrange(domain.order)


@dataclass(frozen=True)
class PaceOutcome:
    sm: SecureMessaging
    info: PaceInfo
    car: bytes  # the chip's certification authority reference(s), if any (87/88), informational


def pace(
    transport: Transport,
    secret: str,
    password_kind: int,
    info: PaceInfo,
    *,
    send_parameter_id: bool = False,
    key_source: KeySource | None = None,
) -> PaceOutcome:
    """Run PACE; ``StatusError`` carries the chip's refusal (63Cx wrong password, 6983 blocked …)."""
    if not info.supported or info.domain is None:
        raise PaceError(f"PACE variant {info.oid} is not supported")
    domain = info.domain
    keys = key_source or _random_key
    oid_der = ObjectIdentifier(info.oid).dump()
    mse = tlv.encode(0x80, oid_der[2:]) + tlv.encode(0x83, bytes([password_kind]))
    if send_parameter_id and info.parameter_id is not None:
        mse += tlv.encode(0x84, bytes([info.parameter_id]))
    _, sw = split_response(transport.transmit(Apdu(0x00, 0x22, 0xC1, 0xA4, mse).encode()))
    if sw != 0x9000 and sw & 0xFFF0 != 0x63C0:
        raise StatusError(sw, "MSE:Set AT")
    # 1. the encrypted nonce
    z = _general_authenticate(transport, b"", last=False, expect=0x80, step="1")
    k_pi = crypto.kdf_pi(password_bytes(password_kind, secret), info.cipher, info.key_bits)
    block = 8 if info.cipher == crypto.DES3 else 16
    if not z or len(z) % block:
        raise PaceError("PACE: the encrypted nonce has a wrong length")
    if info.cipher == crypto.DES3:
        s = crypto.des3_cbc_dec(k_pi, z)
    else:
        s = crypto.aes_cbc_dec(k_pi, z)
    nonce = int.from_bytes(s, "big")
    # 2. mapping
    size = domain.size
    sk_map = keys(domain)
    pk_map = encode_point(domain.generator * sk_map, size)
    pk_map_ic = decode_point(domain, _general_authenticate(transport, tlv.encode(0x81, pk_map), last=False,
                                                            expect=0x82, step="2"))  # fmt: skip
    g_hat = map_generator(domain, nonce, sk_map, pk_map_ic)
    # 3. key agreement over G~
    sk_eph = keys(domain)
    pk_eph = encode_point(g_hat * sk_eph, size)
    pk_eph_ic_raw = _general_authenticate(
        transport, tlv.encode(0x83, pk_eph), last=False, expect=0x84, step="3"
    )
    if pk_eph_ic_raw == pk_eph:
        raise PaceError("PACE: the chip returned our own ephemeral key")
    pk_eph_ic = decode_point(domain, pk_eph_ic_raw)
    shared = pk_eph_ic * sk_eph
    if shared == ellipticcurve.INFINITY:
        raise PaceError("PACE: the shared secret is the point at infinity")
    k = shared.x().to_bytes(size, "big")
    ks_enc = crypto.kdf_enc(k, info.cipher, info.key_bits)
    ks_mac = crypto.kdf_mac(k, info.cipher, info.key_bits)
    # 4. mutual authentication
    t_pcd = auth_token(info, ks_mac, pk_eph_ic_raw)
    cmd = Apdu(0x00, 0x86, 0x00, 0x00, tlv.encode(0x7C, tlv.encode(0x85, t_pcd)), le=256)
    data, sw = split_response(transport.transmit(cmd.encode()))
    if sw != 0x9000:
        raise StatusError(sw, "GENERAL AUTHENTICATE 4")
    try:
        outer = tlv.parse(data)
    except tlv.TlvError as exc:
        raise PaceError(f"PACE 4: {exc}") from exc
    if len(outer) != 1 or outer[0].tag != 0x7C or outer[0].find(0x86) is None:
        raise PaceError("PACE 4: the chip's authentication token is missing")
    t_ic = outer[0].find(0x86).value  # type: ignore[union-attr]
    if t_ic != auth_token(info, ks_mac, pk_eph):
        raise PaceError("PACE: the chip's authentication token does not match")
    car = b"".join(x.value for x in outer[0].children if x.tag in (0x87, 0x88))
    return PaceOutcome(SecureMessaging(ks_enc, ks_mac, 0, info.cipher), info, car)
