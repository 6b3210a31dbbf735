"""Demo ID cards for the simulated reader: invented Ukrainian people with internally consistent numbers.

Every number is computed, not typed: the РНОКПП encodes the birth date and sex with its check digit, the
УНЗР starts with the birth date and ends with its check digit, and the TD1 MRZ has valid check digits and
carries the УНЗР in its optional field, as the Ukrainian ID card does. The people do not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from mobile_case.devices.cardreader.mrz import compose_td1, mrz_key, mrz_name, transliterate
from mobile_case.domain.validators import unzr_check_digit

_RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
_RNOKPP_EPOCH = date(1899, 12, 31)


def rnokpp_for(birth_date: date, serial: int, sex: str) -> str:
    """A valid РНОКПП: days since 31.12.1899 (5 digits), a serial, the sex digit (odd M, even F), check."""
    days = (birth_date - _RNOKPP_EPOCH).days
    sex_digit = (serial % 5) * 2 + (1 if sex == "M" else 0)
    body = f"{days:05d}{serial // 10 % 1000:03d}{sex_digit}"
    check = sum(w * int(d) for w, d in zip(_RNOKPP_WEIGHTS, body, strict=True)) % 11 % 10
    return body + str(check)


def unzr_for(birth_date: date, serial: int) -> str:
    """A valid УНЗР «YYYYMMDD-NNNNC»."""
    digits = f"{birth_date:%Y%m%d}{serial:04d}"
    return f"{digits[:8]}-{digits[8:]}{unzr_check_digit(digits)}"


@dataclass(frozen=True)
class DemoCard:
    """One demo ID card: the person, the card numbers and what the chip holds."""

    surname: str
    given_names: str
    patronymic: str
    sex: str  # "F" | "M"
    birth_date: date
    document_number: str  # 9 digits
    issue_date: date
    issuing_authority: str  # 4-digit code of the issuing office
    can: str  # 6 digits printed on the card
    unzr_serial: int
    rnokpp_serial: int | None  # None: no РНОКПП (refused on religious grounds)
    photo_seed: int

    @property
    def expiry_date(self) -> date:
        return self.issue_date.replace(year=self.issue_date.year + 10)

    @property
    def unzr(self) -> str:
        return unzr_for(self.birth_date, self.unzr_serial)

    @property
    def rnokpp(self) -> str:
        if self.rnokpp_serial is None:
            return ""
        return rnokpp_for(self.birth_date, self.rnokpp_serial, self.sex)

    @property
    def surname_latin(self) -> str:
        return transliterate(self.surname).upper()

    @property
    def given_names_latin(self) -> str:
        return transliterate(self.given_names).upper()

    @cached_property
    def mrz(self) -> tuple[str, str, str]:
        return compose_td1(
            document_number=self.document_number,
            birth_date=self.birth_date,
            sex=self.sex,
            expiry_date=self.expiry_date,
            surname=mrz_name(self.surname),
            given_names=mrz_name(self.given_names),
            optional1=self.unzr.replace("-", ""),
        )

    @property
    def mrz_key(self) -> str:
        return mrz_key(self.document_number, self.birth_date, self.expiry_date)

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.given_names} {self.patronymic}"


DEMO_CARDS: tuple[DemoCard, ...] = (
    DemoCard("Дем'янчук", "Мар'яна", "Степанівна", "F", date(1948, 3, 17), "004813572", date(2019, 6, 12),
             "6117", "482615", 234, 4817, 1),
    DemoCard("Солов'ян", "В'ячеслав", "Іванович", "M", date(1941, 11, 2), "003927418", date(2018, 9, 4),
             "6125", "731904", 1187, 2093, 2),
    DemoCard("Коваленко", "Олена", "Петрівна", "F", date(1955, 7, 23), "005216093", date(2021, 2, 18),
             "6117", "205318", 3051, 6452, 3),
    DemoCard("Гнатюк", "Юрій", "Олексійович", "M", date(1946, 1, 9), "002764851", date(2017, 11, 30),
             "6101", "917462", 422, None, 4),
    DemoCard("Перебийніс", "Ярина", "Ігорівна", "F", date(1996, 5, 14), "007153624", date(2022, 8, 10),
             "6117", "368150", 5716, 3378, 5),
)  # fmt: skip
