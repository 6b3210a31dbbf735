"""The Logical Data Structure of ICAO 9303 Part 10: EF.COM, DG1 (MRZ), DG2 (face), DG11, DG12.

Every parser takes the file's bytes exactly as read and either returns a typed result or raises
``LdsError`` (a ``ValueError``) saying what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from mobile_case.devices.cardreader.emrtd import tlv
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.validators import MrzData, validate_td1, validate_td3, validate_unzr

# short file identifiers / file ids of Part 10, 4.6
FILES: dict[str, int] = {
    "COM": 0x011E, "DG1": 0x0101, "DG2": 0x0102, "DG3": 0x0103, "DG4": 0x0104, "DG5": 0x0105,
    "DG6": 0x0106, "DG7": 0x0107, "DG8": 0x0108, "DG9": 0x0109, "DG10": 0x010A, "DG11": 0x010B,
    "DG12": 0x010C, "DG13": 0x010D, "DG14": 0x010E, "DG15": 0x010F, "DG16": 0x0110, "SOD": 0x011D,
}  # fmt: skip
# EF.COM tag list entries → data group numbers
DG_TAGS: dict[int, int] = {
    0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8, 0x69: 9, 0x6A: 10,
    0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15, 0x70: 16,
}  # fmt: skip


class LdsError(ValueError):
    """A data group is not what Part 10 says it must be."""


def _outer(data: bytes, tag: int, name: str) -> tlv.Tlv:
    try:
        item, end = tlv.parse_one(data)
    except tlv.TlvError as exc:
        raise LdsError(f"{name}: {exc}") from exc
    if item.tag != tag:
        raise LdsError(f"{name}: tag {item.tag:X} instead of {tag:X}")
    if any(b not in (0x00, 0xFF) for b in data[end:]):
        raise LdsError(f"{name}: data after the end of the file")
    return item


def file_length(head: bytes) -> int:
    """The full length of a file from its first bytes (tag + length), for reading it in one go."""
    try:
        _, header_len, value_len = tlv.header(head)
    except tlv.TlvError as exc:
        raise LdsError(f"file header: {exc}") from exc
    return header_len + value_len


# ------------------------------------------------------------------------------------------------ EF.COM
@dataclass(frozen=True)
class Com:
    lds_version: str
    unicode_version: str
    data_groups: tuple[int, ...]


def parse_com(data: bytes) -> Com:
    outer = _outer(data, 0x60, "EF.COM")
    tags = outer.find(0x5C)
    if tags is None:
        raise LdsError("EF.COM: no tag list")
    groups = tuple(sorted({DG_TAGS[t] for t in tags.value if t in DG_TAGS}))
    lds = outer.find(0x5F01)
    uni = outer.find(0x5F36)
    return Com(
        lds.value.decode("ascii", "replace") if lds else "",
        uni.value.decode("ascii", "replace") if uni else "",
        groups,
    )


# ------------------------------------------------------------------------------------------------ DG1
@dataclass(frozen=True)
class Dg1:
    kind: str  # TD1 / TD3
    lines: tuple[str, ...]
    mrz: MrzData
    unzr: str  # YYYYMMDD-NNNNC (validated) from TD1 optional data, or ""
    problems: tuple[str, ...] = ()  # check-digit problems (the MRZ was still parsed)


def parse_dg1(data: bytes, today: date | None = None) -> Dg1:
    outer = _outer(data, 0x61, "DG1")
    item = outer.find(0x5F1F)
    if item is None:
        raise LdsError("DG1: no MRZ (5F1F)")
    try:
        text = item.value.decode("ascii")
    except UnicodeDecodeError as exc:
        raise LdsError("DG1: the MRZ is not ASCII") from exc
    if not re.fullmatch(r"[A-Z0-9<]*", text):
        raise LdsError("DG1: the MRZ holds characters other than A-Z, 0-9 and '<'")
    problems: list[str] = []
    if len(text) == 90:
        lines: tuple[str, ...] = (text[:30], text[30:60], text[60:])
        kind = "TD1"
        validate = validate_td1
    elif len(text) == 88:
        lines = (text[:44], text[44:])
        kind = "TD3"
        validate = validate_td3
    else:
        raise LdsError(f"DG1: an MRZ of {len(text)} characters is neither TD1 (90) nor TD3 (88)")
    try:
        mrz = validate(list(lines), reference=today)
    except ValidationError as exc:
        problems.append(exc.user_message)
        mrz = _lenient(kind, lines, today)
    if mrz.birth_date is None or mrz.expiry_date is None:
        raise LdsError("DG1: a date in the MRZ is not a calendar date")
    unzr = ""
    if kind == "TD1" and mrz.issuing_state == "UKR":
        digits = re.sub(r"<", "", lines[0][15:29])
        if re.fullmatch(r"\d{13}", digits):
            try:
                unzr = validate_unzr(digits, mrz.birth_date)
            except ValidationError as exc:
                problems.append(exc.user_message)
    return Dg1(kind, lines, mrz, unzr, tuple(problems))


def _lenient(kind: str, lines: tuple[str, ...], today: date | None) -> MrzData:
    """Parse without insisting on check digits (the problem is reported beside the data)."""
    from mobile_case.devices.cardreader.mrz import parse_td1  # noqa: PLC0415

    if kind == "TD1":
        try:
            td1 = parse_td1(lines, today=today)
        except ValueError as exc:
            raise LdsError(f"DG1: {exc}") from exc
        return MrzData("TD1", td1.document_code, td1.issuing_state, td1.document_number, td1.birth_date,
                       td1.sex or "<", td1.expiry_date, td1.nationality, td1.surname, td1.given_names,
                       td1.optional1, td1.optional2)  # fmt: skip
    raise LdsError("DG1: a check digit of the TD3 MRZ does not match")


# ------------------------------------------------------------------------------------------------ DG2
@dataclass(frozen=True)
class Dg2:
    image: bytes  # the image as stored (JPEG or JPEG 2000)
    mime: str  # "image/jpeg" / "image/jp2"
    width: int = 0
    height: int = 0


_JP2_SIG = bytes.fromhex("0000000C6A5020200D0A870A")
_J2K_SIG = bytes.fromhex("FF4FFF51")
_JPEG_SIG = bytes.fromhex("FFD8FF")


def _image_kind(image: bytes) -> str:
    if image.startswith(_JPEG_SIG):
        return "image/jpeg"
    if image.startswith(_JP2_SIG) or image.startswith(_J2K_SIG):
        return "image/jp2"
    raise LdsError("DG2: the face image is neither JPEG nor JPEG 2000")


def _iso19794_5(record: bytes) -> Dg2:
    """The first face image of an ISO/IEC 19794-5 (2005) facial record."""
    if len(record) < 14 or record[:4] != b"FAC\x00":
        raise LdsError("DG2: the biometric data is not an ISO 19794-5 facial record")
    pos = 14
    if len(record) < pos + 20:
        raise LdsError("DG2: the facial record is truncated")
    block_len = int.from_bytes(record[pos : pos + 4], "big")
    points = int.from_bytes(record[pos + 4 : pos + 6], "big")
    info = pos + 20 + 8 * points
    if len(record) < info + 12 or block_len < 20 + 8 * points + 12:
        raise LdsError("DG2: the facial record is truncated")
    width = int.from_bytes(record[info + 2 : info + 4], "big")
    height = int.from_bytes(record[info + 4 : info + 6], "big")
    start = info + 12
    end = pos + block_len
    if end > len(record):
        raise LdsError("DG2: the face image is truncated")
    image = record[start:end]
    return Dg2(image, _image_kind(image), width, height)


def parse_dg2(data: bytes) -> Dg2:
    outer = _outer(data, 0x75, "DG2")
    group = outer.find(0x7F61)
    if group is None:
        raise LdsError("DG2: no biometric information group template (7F61)")
    for bit in group.children:
        if bit.tag != 0x7F60:
            continue
        bdb = bit.find(0x5F2E) or bit.find(0x7F2E)
        if bdb is None:
            raise LdsError("DG2: no biometric data block")
        return _iso19794_5(bdb.value)
    raise LdsError("DG2: no biometric information template (7F60)")


# ------------------------------------------------------------------------------------------------ DG7
def parse_dg7(data: bytes) -> tuple[bytes, str]:
    """The first displayed signature image of DG7 (tag 5F43) and its MIME type."""
    outer = _outer(data, 0x67, "DG7")
    item = outer.find(0x5F43)
    if item is None or not item.value:
        raise LdsError("DG7: no signature image (5F43)")
    try:
        return item.value, _image_kind(item.value)
    except LdsError as exc:
        raise LdsError("DG7: the signature image is neither JPEG nor JPEG 2000") from exc


# ------------------------------------------------------------------------------------------------ DG11
@dataclass(frozen=True)
class Dg11:
    full_name: str  # as stored: "ПРІЗВИЩЕ<<ІМ'Я<ПО БАТЬКОВІ"
    surname: str
    given_name: str
    patronymic: str
    other_names: tuple[str, ...] = ()
    personal_number: str = ""
    birth_date: date | None = None
    place_of_birth: str = ""
    address: str = ""
    telephone: str = ""
    profession: str = ""
    title: str = ""
    summary: str = ""
    other_td_numbers: tuple[str, ...] = ()
    custody: str = ""
    extra: dict[str, str] = field(default_factory=dict)


_PATRONYMIC = re.compile(r"(ович|евич|євич|ьович|ич|івна|ївна|овна|івна|инична|ічна)$", re.IGNORECASE)


def _text(item: tlv.Tlv | None, name: str) -> str:
    if item is None:
        return ""
    try:
        return item.value.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise LdsError(f"{name}: not UTF-8 text") from exc


def _full_date(item: tlv.Tlv | None, name: str) -> date | None:
    """YYYYMMDD as ASCII digits or as 4 BCD bytes (both occur); None when absent."""
    if item is None:
        return None
    value = item.value
    if len(value) == 4:
        text = value.hex()
    else:
        try:
            text = value.decode("ascii")
        except UnicodeDecodeError as exc:
            raise LdsError(f"{name}: not a date") from exc
    if not re.fullmatch(r"\d{8}", text):
        raise LdsError(f"{name}: not a full date YYYYMMDD")  # the value stays out: it is personal data
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise LdsError(f"{name}: not a calendar date") from exc


def split_full_name(full: str) -> tuple[str, str, str]:
    """«ПРІЗВИЩЕ<<ІМ'Я<ПО БАТЬКОВІ» → (surname, given name, patronymic); '<' and spaces both separate."""
    if "<<" in full:
        surname, _, rest = full.partition("<<")
    else:
        parts = full.split()
        surname, rest = (parts[0], " ".join(parts[1:])) if parts else ("", "")
    surname = surname.replace("<", " ").strip()
    words = [w for w in re.split(r"[<\s]+", rest) if w]
    if len(words) >= 2 and _PATRONYMIC.search(words[-1]):
        return surname, " ".join(words[:-1]), words[-1]
    return surname, " ".join(words), ""


def parse_dg11(data: bytes) -> Dg11:
    outer = _outer(data, 0x6B, "DG11")
    full = _text(outer.find(0x5F0E), "DG11 full name")
    surname, given, patronymic = split_full_name(full)
    others: list[str] = []
    for item in outer.children:
        if item.tag == 0xA0:
            others += [_text(x, "DG11 other name") for x in item.children if x.tag == 0x5F0F]
        elif item.tag == 0x5F0F:
            others.append(_text(item, "DG11 other name"))
    other_td = _text(outer.find(0x5F17), "DG11 other TD numbers")
    return Dg11(
        full_name=full,
        surname=surname,
        given_name=given,
        patronymic=patronymic,
        other_names=tuple(others),
        personal_number=_text(outer.find(0x5F10), "DG11 personal number"),
        birth_date=_full_date(outer.find(0x5F2B), "DG11 date of birth"),
        place_of_birth=_text(outer.find(0x5F11), "DG11 place of birth").replace("<", ", "),
        address=_text(outer.find(0x5F42), "DG11 address").replace("<", ", "),
        telephone=_text(outer.find(0x5F12), "DG11 telephone"),
        profession=_text(outer.find(0x5F13), "DG11 profession"),
        title=_text(outer.find(0x5F14), "DG11 title"),
        summary=_text(outer.find(0x5F15), "DG11 summary"),
        other_td_numbers=tuple(x for x in other_td.split("<") if x),
        custody=_text(outer.find(0x5F18), "DG11 custody"),
    )


# ------------------------------------------------------------------------------------------------ DG12
@dataclass(frozen=True)
class Dg12:
    issuing_authority: str = ""
    issue_date: date | None = None
    other_persons: tuple[str, ...] = ()
    endorsements: str = ""
    tax_exit: str = ""
    personalization_time: str = ""
    personalization_system: str = ""


def parse_dg12(data: bytes) -> Dg12:
    outer = _outer(data, 0x6C, "DG12")
    others: list[str] = []
    for item in outer.children:
        if item.tag == 0xA0:
            others += [_text(x, "DG12 other person") for x in item.children if x.tag == 0x5F1A]
    return Dg12(
        issuing_authority=_text(outer.find(0x5F19), "DG12 issuing authority"),
        issue_date=_full_date(outer.find(0x5F26), "DG12 date of issue"),
        other_persons=tuple(others),
        endorsements=_text(outer.find(0x5F1B), "DG12 endorsements"),
        tax_exit=_text(outer.find(0x5F1C), "DG12 tax/exit"),
        personalization_time=outer.find(0x5F55).value.hex() if outer.find(0x5F55) else "",
        personalization_system=_text(outer.find(0x5F56), "DG12 personalization system"),
    )
