"""What the virtual Ukrainian ID card holds: the LDS files, built from an invented person.

Every file is encoded here from the ICAO 9303 Part 10 layouts (and ISO/IEC 19794-5 for the face), with
the check digits, the УНЗР check digit and the hashes computed — nothing is copied from the app's reader:
the MRZ (TD1, УНЗР in the optional data of line 1), DG2 with a JPEG 2000 face of about 15 KB drawn with
Pillow (deterministic), DG11 in Cyrillic UTF-8, DG12 with the issuing authority code and date of issue,
EF.COM, EF.SOD (CMS SignedData over the LDSSecurityObject, signed by the test document signer), and
EF.CardAccess with the PACEInfo the card offers.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

import numpy as np
from asn1crypto import algos, cms, core, x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from PIL import Image, ImageDraw, ImageFilter

from .pki import CardPki, card_pki

# --- BER-TLV -------------------------------------------------------------------------------------------


def tlv(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    elif n < 0x10000:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    else:
        length = bytes([0x83]) + n.to_bytes(3, "big")
    return tag_bytes + length + value


# --- MRZ (TD1) -------------------------------------------------------------------------------------------


def check_digit(text: str) -> str:
    weights = (7, 3, 1)
    total = 0
    for i, ch in enumerate(text):
        if ch.isdigit():
            v = int(ch)
        elif ch == "<":
            v = 0
        else:
            v = ord(ch) - 55  # A = 10
        total += v * weights[i % 3]
    return str(total % 10)


def _field(text: str, width: int) -> str:
    assert len(text) <= width, text
    return text + "<" * (width - len(text))


def td1(
    doc_number: str, birth: date, sex: str, expiry: date, surname: str, given: str, optional1: str
) -> tuple[str, str, str]:
    number = _field(doc_number, 9)
    l1 = "ID" + "UKR" + number + check_digit(number) + _field(optional1, 15)
    b, e = birth.strftime("%y%m%d"), expiry.strftime("%y%m%d")
    l2 = b + check_digit(b) + sex + e + check_digit(e) + "UKR" + "<" * 11
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    name = surname.replace(" ", "<").replace("-", "<") + "<<" + given.replace(" ", "<").replace("-", "<")
    l3 = _field(name[:30], 30)
    return l1, l2, l3


def mrz_information(doc_number: str, birth: date, expiry: date) -> str:
    """The MRZ information BAC and PACE-MRZ derive their key from (9303-11 §9.7.2)."""
    number = _field(doc_number, 9)
    b, e = birth.strftime("%y%m%d"), expiry.strftime("%y%m%d")
    return number + check_digit(number) + b + check_digit(b) + e + check_digit(e)


# --- the person --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    """An invented Ukrainian ID-card holder. Latin names as the issuing office would print them."""

    surname: str = "Дем'яненко"
    given_names: str = "Ганна"
    patronymic: str = "Мар'янівна"
    surname_latin: str = "DEMIANENKO"
    given_names_latin: str = "HANNA"
    sex: str = "F"
    birth_date: date = date(1952, 4, 17)
    place_of_birth: str = "м. Чортків Тернопільської обл."
    document_number: str = "004817265"
    issue_date: date = date(2020, 3, 16)
    expiry_date: date = date(2030, 3, 16)
    issuing_authority: str = "6117"
    unzr_serial: str = "0271"
    rnokpp: str = "1910008642"  # days since 31.12.1899, serial 086, 4 = female, check digit 2
    can: str = "482615"

    @property
    def unzr(self) -> str:
        """УНЗР «YYYYMMDD-NNNNC»: birth date, serial, check digit (ICAO 7-3-1 weights over 12 digits)."""
        digits = self.birth_date.strftime("%Y%m%d") + self.unzr_serial
        return f"{digits[:8]}-{digits[8:]}{check_digit(digits)}"

    @property
    def mrz(self) -> tuple[str, str, str]:
        return td1(
            self.document_number,
            self.birth_date,
            self.sex,
            self.expiry_date,
            self.surname_latin,
            self.given_names_latin,
            self.unzr.replace("-", ""),
        )

    @property
    def mrz_information(self) -> str:
        return mrz_information(self.document_number, self.birth_date, self.expiry_date)


def rnokpp_check(nine: str) -> int:
    weights = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
    return sum(w * int(d) for w, d in zip(weights, nine, strict=True)) % 11 % 10


# --- LDS files ---------------------------------------------------------------------------------------------

TAG_DG = {1: 0x61, 2: 0x75, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F}


def dg1(holder: Holder) -> bytes:
    return tlv(0x61, tlv(0x5F1F, "".join(holder.mrz).encode("ascii")))


def dg11(holder: Holder) -> bytes:
    """Additional personal details (9303-10 §4.7.11): full name, personal number, birth date and place."""
    full_name = f"{holder.surname}<<{holder.given_names}<{holder.patronymic}"
    items = [
        (0x5F0E, full_name),
        (0x5F10, holder.rnokpp),
        (0x5F2B, holder.birth_date.strftime("%Y%m%d")),
        (0x5F11, holder.place_of_birth),
    ]
    tag_list = b"".join(t.to_bytes(2, "big") for t, _ in items)
    body = tlv(0x5C, tag_list) + b"".join(tlv(t, v.encode("utf-8")) for t, v in items)
    return tlv(0x6B, body)


def dg12(holder: Holder) -> bytes:
    """Additional document details (9303-10 §4.7.12): issuing authority, date of issue."""
    items = [(0x5F19, holder.issuing_authority), (0x5F26, holder.issue_date.strftime("%Y%m%d"))]
    tag_list = b"".join(t.to_bytes(2, "big") for t, _ in items)
    return tlv(0x6C, tlv(0x5C, tag_list) + b"".join(tlv(t, v.encode("utf-8")) for t, v in items))


def face_image_jp2(seed: int = 1, target_bytes: int = 15_000) -> bytes:
    """A synthetic frontal face, 300×400, as JPEG 2000 of about ``target_bytes`` (deterministic)."""
    return _face_cached(seed, target_bytes)


@cache
def _face_cached(seed: int, target_bytes: int) -> bytes:
    w, h = 300, 400
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:h, 0:w]
    background = np.stack([200 + 20 * ys / h, 205 + 15 * xs / w, 215 + 0 * xs], axis=-1)
    image = Image.fromarray(background.astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    skin = (224, 184, 160)
    draw.ellipse((40, 300, 260, 470), fill=(60, 70, 110))  # shoulders, dark clothes
    draw.rectangle((125, 250, 175, 320), fill=skin)  # neck
    draw.ellipse((80, 70, 220, 280), fill=skin)  # face
    draw.chord((70, 40, 230, 200), 180, 360, fill=(120, 90, 70))  # hair
    draw.ellipse((68, 80, 100, 230), fill=(120, 90, 70))
    draw.ellipse((200, 80, 232, 230), fill=(120, 90, 70))
    for cx in (118, 182):  # eyes, brows
        draw.ellipse((cx - 14, 150, cx + 14, 166), fill=(250, 250, 250))
        draw.ellipse((cx - 6, 152, cx + 6, 164), fill=(70, 90, 60))
        draw.arc((cx - 18, 132, cx + 18, 150), 200, 340, fill=(90, 60, 50), width=4)
    draw.line((150, 165, 144, 210, 156, 212), fill=(190, 140, 120), width=3)  # nose
    draw.arc((122, 222, 178, 250), 20, 160, fill=(170, 80, 80), width=4)  # mouth
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    pixels = np.asarray(image).astype(np.int16)
    pixels += rng.normal(0, 6, pixels.shape).astype(np.int16)  # sensor noise: a photo, not a drawing
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    raw = w * h * 3
    best = b""
    for rate in (raw / target_bytes, raw / (target_bytes * 0.97)):
        out = io.BytesIO()
        image.save(out, "JPEG2000", quality_mode="rates", quality_layers=[rate], irreversible=True)
        best = out.getvalue()
        if best:
            break
    return best


def iso19794_5(image: bytes, width: int, height: int, jpeg2000: bool = True) -> bytes:
    """A facial record (ISO/IEC 19794-5:2005) with one image and no feature points."""
    facial_info = (
        (20 + 12 + len(image)).to_bytes(4, "big")
        + (0).to_bytes(2, "big")  # feature points
        + bytes([2])  # gender: female
        + bytes([0])  # eye colour unspecified
        + bytes([0])  # hair colour unspecified
        + bytes(3)  # property mask
        + bytes(2)  # expression unspecified
        + bytes(3)  # pose angles
        + bytes(3)  # pose uncertainty
    )
    image_info = (
        bytes([1])  # face image type: full frontal
        + bytes([1 if jpeg2000 else 0])  # image data type
        + width.to_bytes(2, "big")
        + height.to_bytes(2, "big")
        + bytes([1])  # colour space sRGB
        + bytes([2])  # source: digital still camera
        + bytes(2)  # device type
        + bytes(2)  # quality
    )
    body = facial_info + image_info + image
    header = b"FAC\x00" + b"010\x00" + (14 + len(body)).to_bytes(4, "big") + (1).to_bytes(2, "big")
    return header + body


def dg2(image: bytes, width: int = 300, height: int = 400, jpeg2000: bool = True) -> bytes:
    """Encoded face (9303-10 §4.7.2): BIT group template with one biometric information template."""
    header = tlv(0x80, b"\x01\x01") + tlv(0x81, b"\x02") + tlv(0x87, b"\x01\x01") + tlv(0x88, b"\x00\x08")
    bit = tlv(0x7F60, tlv(0xA1, header) + tlv(0x5F2E, iso19794_5(image, width, height, jpeg2000)))
    return tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01") + bit))


def ef_com(dgs: list[int]) -> bytes:
    tags = bytes(TAG_DG[n] for n in sorted(dgs))
    return tlv(0x60, tlv(0x5F01, b"0107") + tlv(0x5F36, b"040000") + tlv(0x5C, tags))


# --- EF.SOD ------------------------------------------------------------------------------------------------


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LdsSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
    ]


LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"


def ef_sod(dgs: dict[int, bytes], pki: CardPki, *, hash_name: str = "sha256") -> bytes:
    """EF.SOD: tag 77 around a CMS SignedData whose content is the LDSSecurityObject."""
    lso = LdsSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": hash_name},
            "data_group_hash_values": [
                {"data_group_number": n, "data_group_hash_value": hashlib.new(hash_name, dgs[n]).digest()}
                for n in sorted(dgs)
            ],
        }
    ).dump()
    signed_attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": [LDS_SECURITY_OBJECT_OID]},
            {"type": "message_digest", "values": [hashlib.new(hash_name, lso).digest()]},
        ]
    )
    signature = pki.ds_key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
    ds_cert = x509.Certificate.load(pki.ds_der)
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": ds_cert.issuer,
                        "serial_number": ds_cert.serial_number,
                    }
                }
            ),
            "digest_algorithm": {"algorithm": hash_name},
            "signed_attrs": signed_attrs,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signature,
        }
    )
    signed_data = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": hash_name}],
            "encap_content_info": {
                "content_type": LDS_SECURITY_OBJECT_OID,
                "content": core.ParsableOctetString(lso),
            },
            "certificates": [ds_cert],
            "signer_infos": [signer],
        }
    )
    content_info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()
    return tlv(0x77, content_info)


def break_sod_signature(sod: bytes) -> bytes:
    """The same EF.SOD with one byte of the signer's signature value changed (still well-formed DER)."""
    info = cms.ContentInfo.load(sod[_header_len(sod) :])
    signer = info["content"]["signer_infos"][0]
    signature = bytearray(signer["signature"].native)
    signature[-1] ^= 0x01
    signer["signature"] = bytes(signature)
    return tlv(0x77, info.dump(force=True))


def _header_len(data: bytes) -> int:
    first = data[1]
    return 2 if first < 0x80 else 2 + (first & 0x7F)


# --- EF.CardAccess and EF.ATR/INFO --------------------------------------------------------------------------

PACE_OIDS = {
    "3DES": "0.4.0.127.0.7.2.2.4.2.1",
    "AES-128": "0.4.0.127.0.7.2.2.4.2.2",
    "AES-192": "0.4.0.127.0.7.2.2.4.2.3",
    "AES-256": "0.4.0.127.0.7.2.2.4.2.4",
}  # id-PACE-ECDH-GM-*


class PaceInfo(core.Sequence):
    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
        ("parameter_id", core.Integer, {"optional": True}),
    ]


class SecurityInfos(core.SetOf):
    _child_spec = PaceInfo


def card_access(options: list[tuple[str, int]]) -> bytes:
    """EF.CardAccess: a SET of PACEInfo, one per (cipher, standardized parameter id) offered."""
    infos = [{"protocol": PACE_OIDS[c], "version": 2, "parameter_id": p} for c, p in options]
    return SecurityInfos(infos).dump()


def atr_info(extended_length: bool, max_response: int = 0xFFFF) -> bytes:
    """EF.ATR/INFO (ISO 7816-4 §8.2.1.1): card capabilities, and extended-length information."""
    third = 0x40 if extended_length else 0x00  # b7: extended Lc and Le fields
    data = tlv(0x47, bytes([0x00, 0x00, third | 0x01]))
    if extended_length:
        data += tlv(
            0x7F66, tlv(0x02, (0x0400).to_bytes(2, "big")) + tlv(0x02, max_response.to_bytes(2, "big"))
        )
    return data


# --- the whole chip ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChipFiles:
    holder: Holder
    com: bytes
    dgs: dict[int, bytes]
    sod: bytes
    face: bytes  # the JPEG 2000 image inside DG2
    pki: CardPki = field(repr=False, default_factory=card_pki)


def build_chip(
    holder: Holder | None = None,
    *,
    pki: CardPki | None = None,
    face_target_bytes: int = 15_000,
    tamper_dg: int | None = None,
    bad_signature: bool = False,
) -> ChipFiles:
    """The LDS of one card. ``tamper_dg``: that DG changed after signing; ``bad_signature``: SOD broken."""
    holder = holder or Holder()
    pki = pki or card_pki()
    face = face_image_jp2(1, face_target_bytes)
    dgs = {1: dg1(holder), 2: dg2(face), 11: dg11(holder), 12: dg12(holder)}
    sod = ef_sod(dgs, pki)
    if bad_signature:
        sod = break_sod_signature(sod)
    if tamper_dg is not None:
        if tamper_dg == 11:
            dgs[11] = dg11(replace(holder, place_of_birth=holder.place_of_birth.replace("Чортків", "Бучач")))
        else:
            data = bytearray(dgs[tamper_dg])
            data[-1] ^= 0x01
            dgs[tamper_dg] = bytes(data)
    return ChipFiles(holder, ef_com(list(dgs)), dgs, sod, face, pki)
