"""The Latin names of an ID card checked against the official transliteration of its Ukrainian names.

The chip of the Ukrainian ID card keeps the names twice: in Latin in DG1 (the MRZ) and in Ukrainian in
DG11. The Latin form is made by the official transliteration (постанова КМУ від 27.01.2010 № 55), which
``translitua`` implements (``UkrainianKMU``). :func:`cross_check` says, field by field, where the Latin
names read from the chip differ from the transliteration of the Ukrainian ones. A difference is not
fatal (a name may have been written in Latin at the person's request, as in an earlier passport), but the
administrator must see it.

The MRZ writes names in capitals, without apostrophes, with '<' for spaces and hyphens, and cuts them
when they do not fit the line (TD1: 30 characters for «SURNAME<<GIVEN<NAMES»): the comparison does the
same to the transliteration, so only real differences are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translitua import UkrainianKMU, translit

TD1_NAME_LENGTH = 30  # the third line of a TD1 MRZ holds «SURNAME<<GIVEN<NAMES» in 30 characters

_APOSTROPHES = "'’ʼ`\u02bc"


def official_latin(text: str) -> str:
    """The Ukrainian ``text`` in Latin by the КМУ № 55 table: «Дем'янчук» → «Demianchuk»."""
    # the apostrophe is not transliterated; a typographic one is the same letter-less sign
    cleaned = "".join(ch for ch in text if ch not in _APOSTROPHES)
    return translit(cleaned, UkrainianKMU)


def mrz_form(text: str) -> str:
    """A Latin name as the MRZ writes it: capitals, any run of non-letters becomes one '<'."""
    return re.sub(r"[^A-Z]+", "<", text.upper()).strip("<")


@dataclass(frozen=True)
class LatinDifference:
    """One name whose Latin form on the chip is not the official transliteration of the Ukrainian one."""

    field: str  # "surname" | "given_names"
    ukrainian: str  # from DG11
    expected: str  # the official transliteration, in the MRZ form («MARIANA»)
    found: str  # the Latin name read from DG1, in the MRZ form

    @property
    def expected_text(self) -> str:
        return self.expected.replace("<", " ")

    @property
    def found_text(self) -> str:
        return self.found.replace("<", " ")


def cross_check(
    surname: str,
    given_names: str,
    surname_latin: str,
    given_names_latin: str,
    *,
    line_length: int = TD1_NAME_LENGTH,
) -> list[LatinDifference]:
    """The names whose Latin form (DG1) differs from the transliteration of the Ukrainian one (DG11).

    A side that is empty is not compared (nothing to contradict). A Latin name that is the beginning of
    the expected one is accepted when the MRZ line is full (the MRZ cut it). ``line_length`` is the room
    the MRZ has for «SURNAME<<GIVEN<NAMES» (30 on the ID card, TD1; 39 on a passport page, TD3).
    """
    exp_surname, exp_given = mrz_form(official_latin(surname)), mrz_form(official_latin(given_names))
    got_surname, got_given = mrz_form(surname_latin), mrz_form(given_names_latin)
    full_line = len(f"{got_surname}<<{got_given}") >= line_length or (
        len(f"{exp_surname}<<{exp_given}") > line_length
    )
    found: list[LatinDifference] = []
    for name, ukrainian, expected, got in (
        ("surname", surname, exp_surname, got_surname),
        ("given_names", given_names, exp_given, got_given),
    ):
        if not expected or not got or expected == got:
            continue
        if full_line and expected.startswith(got):
            continue  # cut short by the MRZ
        found.append(LatinDifference(name, ukrainian.strip(), expected, got))
    return found
