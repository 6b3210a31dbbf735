"""ICAO 9303 machine-readable zone (TD1, the ID-card format) and the Ukrainian Latin transliteration.

``compose_td1`` / ``parse_td1`` are what DG1 holds; ``mrz_key`` is the MRZ information the chip's BAC/PACE
key is derived from (ICAO 9303 Part 11, 9.7.2); ``transliterate`` is the official Ukrainian-Latin
transliteration (Cabinet of Ministers resolution No 55 of 27.01.2010) used for names in the MRZ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_WEIGHTS = (7, 3, 1)


def check_digit(data: str) -> int:
    """The ICAO 9303 check digit (weights 7-3-1, modulus 10; '<' = 0, A = 10 … Z = 35)."""
    total = 0
    for i, ch in enumerate(data):
        if ch.isdigit():
            value = int(ch)
        elif "A" <= ch <= "Z":
            value = ord(ch) - ord("A") + 10
        elif ch == "<":
            value = 0
        else:
            raise ValueError(f"character {ch!r} is not allowed in an MRZ")
        total += value * _WEIGHTS[i % 3]
    return total % 10


def _pad(text: str, length: int) -> str:
    if len(text) > length:
        raise ValueError(f"MRZ field longer than {length} characters")
    return text + "<" * (length - len(text))


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


def mrz_key(document_number: str, birth_date: date, expiry_date: date) -> str:
    """Document number (padded to 9) + check digit + birth YYMMDD + cd + expiry YYMMDD + cd."""
    number = _pad(document_number.upper(), 9)
    birth = _yymmdd(birth_date)
    expiry = _yymmdd(expiry_date)
    return f"{number}{check_digit(number)}{birth}{check_digit(birth)}{expiry}{check_digit(expiry)}"


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}  # fmt: skip
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_APOSTROPHES = "'’ʼ`"


def transliterate(text: str) -> str:
    """Ukrainian → Latin by resolution No 55 (2010): «Дем'янчук Мар'яна» → «Demianchuk Mariana»."""
    out: list[str] = []
    prev = ""
    for ch in text:
        low = ch.lower()
        if ch in _APOSTROPHES:
            continue  # the apostrophe is not transliterated (and does not start a word)
        if low not in _TRANSLIT:
            out.append(ch)
            prev = ch
            continue
        at_word_start = not prev.isalpha()
        if low == "г" and prev.lower() == "з":
            latin = "gh"  # «зг» → «zgh»
        elif at_word_start and low in _WORD_START:
            latin = _WORD_START[low]
        else:
            latin = _TRANSLIT[low]
        if ch.isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        prev = ch
    return "".join(out)


def mrz_name(text: str) -> str:
    """A name as the MRZ writes it: transliterated, upper case, spaces and hyphens as '<'."""
    latin = transliterate(text).upper()
    return re.sub(r"[^A-Z]+", "<", latin).strip("<")


@dataclass(frozen=True)
class Td1:
    """The fields of a TD1 MRZ (three lines of 30 characters)."""

    document_code: str
    issuing_state: str
    document_number: str
    optional1: str
    birth_date: date
    sex: str
    expiry_date: date
    nationality: str
    optional2: str
    surname: str
    given_names: str
    lines: tuple[str, str, str]
    checks_ok: bool
    problems: tuple[str, ...]


def compose_td1(
    *,
    document_number: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    surname: str,
    given_names: str,
    optional1: str = "",
    optional2: str = "",
    nationality: str = "UKR",
    issuing_state: str = "UKR",
    document_code: str = "ID",
) -> tuple[str, str, str]:
    """The three TD1 lines with all check digits. Names must already be MRZ names (A-Z and '<')."""
    number = _pad(document_number.upper(), 9)
    line1_core = (
        _pad(document_code, 2) + issuing_state + number + str(check_digit(number)) + _pad(optional1, 15)
    )
    birth = _yymmdd(birth_date)
    expiry = _yymmdd(expiry_date)
    line2_core = (
        birth
        + str(check_digit(birth))
        + (sex or "<")
        + expiry
        + str(check_digit(expiry))
        + nationality
        + _pad(optional2, 11)
    )
    composite = line1_core[5:30] + line2_core[0:7] + line2_core[8:15] + line2_core[18:29]
    line2 = line2_core + str(check_digit(composite))
    name = f"{surname}<<{given_names}" if given_names else surname
    line3 = _pad(name[:30], 30)
    return line1_core, line2, line3


def _date(yymmdd: str, *, future: bool, today: date) -> date:
    yy, mm, dd = int(yymmdd[0:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    century = today.year // 100 * 100
    year = century + yy
    if future:
        if year < today.year - 50:
            year += 100
    elif year > today.year:
        year -= 100
    return date(year, mm, dd)


def parse_td1(lines: tuple[str, ...] | list[str], today: date | None = None) -> Td1:
    """Parse and check a TD1 MRZ. Raises ValueError when it is not TD1 at all; bad check digits are
    reported in ``checks_ok``/``problems`` (the caller decides)."""
    today = today or date.today()
    if len(lines) != 3 or any(len(line) != 30 for line in lines):
        raise ValueError("a TD1 MRZ has three lines of 30 characters")
    if any(not re.fullmatch(r"[A-Z0-9<]{30}", line) for line in lines):
        raise ValueError("an MRZ line holds only A-Z, 0-9 and '<'")
    l1, l2, l3 = lines
    problems: list[str] = []
    number = l1[5:14]
    if l1[14] != str(check_digit(number)):
        problems.append("document number check digit")
    if l2[6] != str(check_digit(l2[0:6])):
        problems.append("birth date check digit")
    if l2[14] != str(check_digit(l2[8:14])):
        problems.append("expiry date check digit")
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    if l2[29] != str(check_digit(composite)):
        problems.append("composite check digit")
    try:
        birth = _date(l2[0:6], future=False, today=today)
        expiry = _date(l2[8:14], future=True, today=today)
    except ValueError as exc:
        raise ValueError("an MRZ date is not a calendar date") from exc
    surname, _, given = l3.partition("<<")
    return Td1(
        document_code=l1[0:2].rstrip("<"),
        issuing_state=l1[2:5],
        document_number=number.rstrip("<"),
        optional1=l1[15:30].rstrip("<"),
        birth_date=birth,
        sex=l2[7].replace("<", ""),
        expiry_date=expiry,
        nationality=l2[15:18],
        optional2=l2[18:29].rstrip("<"),
        surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(),
        lines=(l1, l2, l3),
        checks_ok=not problems,
        problems=tuple(problems),
    )
