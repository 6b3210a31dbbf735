"""Validators for what the administrator types or the card reader returns.

Every function raises ``ValidationError(field, message)`` with a Ukrainian message that says what is
wrong and how the value should look; on success it returns the normalised value.

* РНОКПП — 10 digits, check digit (python-stdnum ``stdnum.ua.rntrc``); the first five digits are the
  number of days from 31.12.1899 to the birth date, the ninth digit is odd for men and even for women.
* УНЗР — ``YYYYMMDD-NNNNC``: the birth date, a 4-digit number and a check digit computed like the MRZ
  check digits (ICAO 9303 weights 7-3-1 over the 12 digits, mod 10), as the State Migration Service
  describes it.
* ID-card number — 9 digits; passport booklet — 2 Ukrainian capital letters + 6 digits.
* MRZ — ICAO 9303 check digits; TD1 (ID card, 3 × 30) and TD3 (passport, 2 × 44) lines.
* Phone — ``phonenumbers``, region UA, stored as E.164, shown as «+380 XX XXX XX XX».
* Dates — «дд.мм.рррр».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import phonenumbers
from stdnum import exceptions as stdnum_exceptions
from stdnum.ua import rntrc

from mobile_case.domain.errors import ValidationError

# --------------------------------------------------------------------------------------------------
# РНОКПП
# --------------------------------------------------------------------------------------------------

_RNOKPP_EPOCH = date(1899, 12, 31)


def _digits_only(s: str) -> str:
    return re.sub(r"[\s\-]", "", s or "")


def validate_rnokpp(s: str, field: str = "rnokpp") -> str:
    """A valid РНОКПП (10 digits with a correct check digit), spaces removed."""
    value = _digits_only(s)
    if not value:
        raise ValidationError(
            field, "Вкажіть РНОКПП — 10 цифр (реєстраційний номер облікової картки платника податків)."
        )
    if not value.isdigit():
        raise ValidationError(
            field, f"РНОКПП містить лише цифри, а введено «{s.strip()}». Приклад: 3012345678."
        )
    if len(value) != 10:
        raise ValidationError(
            field,
            f"РНОКПП має 10 цифр, а введено {len(value)}. Перевірте номер за карткою платника податків.",
        )
    try:
        return rntrc.validate(value)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError(
            field,
            "РНОКПП введено з помилкою: не збігається контрольна (остання) цифра. "
            "Звірте всі 10 цифр із карткою платника податків або ID-карткою.",
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(field, "РНОКПП має складатися з 10 цифр.") from None


def rnokpp_birth_date(rnokpp: str) -> date:
    """The birth date encoded in the first five digits of a РНОКПП."""
    value = _digits_only(rnokpp)
    if len(value) < 5 or not value[:5].isdigit():
        raise ValueError("RNOKPP too short")
    return _RNOKPP_EPOCH + timedelta(days=int(value[:5]))


def rnokpp_sex(rnokpp: str) -> str:
    """«M» or «F» from the ninth digit (odd = male)."""
    value = _digits_only(rnokpp)
    return "M" if int(value[8]) % 2 else "F"


def rnokpp_warnings(rnokpp: str, birth_date: date | None = None, sex: str | None = None) -> list[str]:
    """Warning-level checks (not errors): the РНОКПП's encoded birth date and sex vs. the person's.

    A mismatch is a typo in one of the fields far more often than a real case, so the administrator is
    asked to check both — but it does not block saving (numbers issued before the current rules exist)."""
    warnings: list[str] = []
    value = _digits_only(rnokpp)
    if len(value) != 10 or not value.isdigit():
        return warnings
    encoded = rnokpp_birth_date(value)
    if birth_date is not None and encoded != birth_date:
        warnings.append(
            f"Дата народження, закодована в РНОКПП ({format_date(encoded)}), не збігається з датою народження "
            f"{format_date(birth_date)}. Перевірте обидва значення за документами."
        )
    if sex in ("M", "F") and rnokpp_sex(value) != sex:
        warnings.append(
            "Стать, закодована в РНОКПП (дев'ята цифра), не збігається зі статтю в документі. Перевірте номер."
        )
    return warnings


# --------------------------------------------------------------------------------------------------
# MRZ check digits (ICAO 9303 part 3, 4.9)
# --------------------------------------------------------------------------------------------------

_MRZ_WEIGHTS = (7, 3, 1)
_MRZ_CHARS = re.compile(r"^[0-9A-Z<]*$")


def _mrz_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"invalid MRZ character {ch!r}")


def mrz_check_digit(s: str) -> int:
    """The ICAO 9303 check digit of ``s`` (digits, A–Z, filler «<»): weights 7, 3, 1 repeating, mod 10."""
    return sum(_mrz_value(ch) * _MRZ_WEIGHTS[i % 3] for i, ch in enumerate(s)) % 10


# --------------------------------------------------------------------------------------------------
# УНЗР
# --------------------------------------------------------------------------------------------------

_UNZR_RE = re.compile(r"^(\d{8})-?(\d{4})(\d)$")


def unzr_check_digit(twelve_digits: str) -> int:
    return mrz_check_digit(twelve_digits)


def validate_unzr(s: str, birth_date: date | None = None, field: str = "unzr") -> str:
    """A valid УНЗР in the form ``YYYYMMDD-NNNNC``; with ``birth_date`` the date part must match it."""
    raw = (s or "").strip().replace(" ", "")
    example = "Приклад: 19850317-01234 (дата народження РРРРММДД, дефіс, 5 цифр)."
    if not raw:
        raise ValidationError(
            field, "Вкажіть УНЗР — унікальний номер запису в реєстрі з ID-картки. " + example
        )
    m = _UNZR_RE.match(raw)
    if not m:
        raise ValidationError(
            field, f"УНЗР має вигляд РРРРММДД-NNNNN (8 цифр, дефіс, 5 цифр), а введено «{raw}». {example}"
        )
    date_part, number, check = m.groups()
    try:
        encoded = date(int(date_part[:4]), int(date_part[4:6]), int(date_part[6:]))
    except ValueError:
        raise ValidationError(
            field, f"Перші 8 цифр УНЗР — це дата народження РРРРММДД, а «{date_part}» не є правильною датою."
        ) from None
    if number == "0000":
        raise ValidationError(field, "Порядковий номер у УНЗР (цифри після дефіса) не може бути 0000.")
    if unzr_check_digit(date_part + number) != int(check):
        raise ValidationError(
            field,
            "УНЗР введено з помилкою: не збігається контрольна (остання) цифра. "
            "Звірте номер з ID-карткою (він надрукований над номером документа).",
        )
    if birth_date is not None and encoded != birth_date:
        raise ValidationError(
            field,
            f"Дата в УНЗР ({format_date(encoded)}) не збігається з датою народження {format_date(birth_date)}. "
            "Перевірте обидва значення за ID-карткою.",
        )
    return f"{date_part}-{number}{check}"


def unzr_birth_date(unzr: str) -> date:
    value = unzr.replace("-", "")
    return date(int(value[:4]), int(value[4:6]), int(value[6:8]))


# --------------------------------------------------------------------------------------------------
# Identity document numbers
# --------------------------------------------------------------------------------------------------


def validate_id_card_number(s: str, field: str = "document_number") -> str:
    """The number of a passport in ID-card form: exactly 9 digits."""
    value = _digits_only(s)
    if not value:
        raise ValidationError(field, "Вкажіть номер ID-картки — 9 цифр (наприклад 001234567).")
    if not value.isdigit() or len(value) != 9:
        raise ValidationError(
            field,
            f"Номер ID-картки складається з 9 цифр (наприклад 001234567), а введено «{(s or '').strip()}».",
        )
    return value


# Latin letters that look like Cyrillic ones on a passport page, and lowercase input.
_LATIN_TO_CYRILLIC = str.maketrans(
    {
        "A": "А",
        "B": "В",
        "C": "С",
        "E": "Е",
        "H": "Н",
        "I": "І",
        "K": "К",
        "M": "М",
        "O": "О",
        "P": "Р",
        "T": "Т",
        "X": "Х",
        "Y": "У",
    }
)
_UKRAINIAN_CAPITALS = set("АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ")
_BOOKLET_RE = re.compile(r"^(\S{2})(\d{6})$")


def validate_passport_booklet(s: str, field: str = "document_number") -> str:
    """Series and number of a passport booklet: «АА123456» (2 Ukrainian capitals + 6 digits).

    Latin look-alike letters (A, B, C, E, H, I, K, M, O, P, T, X, Y) are turned into Cyrillic ones and
    lowercase into capitals, so «ka 123456» and «КА123456» give the same value."""
    raw = re.sub(r"[\s\-№]", "", s or "").upper().translate(_LATIN_TO_CYRILLIC)
    example = "Приклад: КА123456 (дві великі українські літери серії та 6 цифр номера)."
    if not raw:
        raise ValidationError(field, "Вкажіть серію та номер паспорта. " + example)
    m = _BOOKLET_RE.match(raw)
    if not m:
        raise ValidationError(
            field, f"Серія та номер паспорта-книжечки введені неправильно: «{(s or '').strip()}». {example}"
        )
    series = m.group(1)
    bad = [ch for ch in series if ch not in _UKRAINIAN_CAPITALS]
    if bad:
        raise ValidationError(
            field,
            f"Серія паспорта складається з двох українських літер, а «{''.join(bad)}» — не українська літера. {example}",
        )
    return raw


# --------------------------------------------------------------------------------------------------
# MRZ lines
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MrzData:
    """What the MRZ says (ICAO 9303). Dates are ``None`` when the field is not a valid date."""

    kind: str  # "TD1" | "TD3"
    document_code: str
    issuing_state: str
    document_number: str
    birth_date: date | None
    sex: str  # M | F | < (unspecified)
    expiry_date: date | None
    nationality: str
    surname: str
    given_names: str
    optional_data: str  # TD1: line 1 optional data (Ukraine: УНЗР); TD3: personal number
    optional_data_2: str = ""  # TD1 line 2 optional data

    @property
    def unzr(self) -> str:
        """The УНЗР held in the optional data of a Ukrainian document, formatted, or ""."""
        digits = re.sub(r"\D", "", self.optional_data)
        if len(digits) == 13:
            return f"{digits[:8]}-{digits[8:]}"
        return ""

    @property
    def bac_key(self) -> str:
        """Document number + check digit, birth date + check digit, expiry + check digit (ICAO 9303 part 11)."""
        number = self.document_number.ljust(9, "<")
        return f"{number}{mrz_check_digit(number)}{self._yymmdd(self.birth_date)}{self._expiry_cd()}"

    def _yymmdd(self, d: date | None) -> str:
        if d is None:
            return "<<<<<<<"
        s = d.strftime("%y%m%d")
        return f"{s}{mrz_check_digit(s)}"

    def _expiry_cd(self) -> str:
        return self._yymmdd(self.expiry_date)


def _mrz_lines(
    lines: list[str] | tuple[str, ...] | str, count: int, length: int, kind: str, field: str
) -> list[str]:
    if isinstance(lines, str):
        lines = [ln for ln in lines.splitlines() if ln.strip()]
    cleaned = [ln.strip().replace(" ", "").upper() for ln in lines]
    if len(cleaned) != count:
        raise ValidationError(
            field, f"Машинозчитувана зона {kind} має {count} рядки(ів), а отримано {len(cleaned)}."
        )
    for i, ln in enumerate(cleaned, start=1):
        if len(ln) != length:
            raise ValidationError(
                field,
                f"Рядок {i} машинозчитуваної зони {kind} має містити {length} символів, а містить {len(ln)}.",
            )
        if not _MRZ_CHARS.match(ln):
            raise ValidationError(
                field,
                f"Рядок {i} машинозчитуваної зони містить недопустимі символи; дозволено лише латинські великі "
                "літери, цифри та «<».",
            )
    return cleaned


def _check(field: str, value: str, digit: str, what: str) -> None:
    if digit == "<" and set(value) <= {"<"}:
        return  # an empty optional field may have a filler instead of a check digit
    if not digit.isdigit() or mrz_check_digit(value) != int(digit):
        raise ValidationError(
            field,
            f"Контрольна цифра поля «{what}» у машинозчитуваній зоні не збігається. "
            "Документ зчитано з помилкою або він пошкоджений — прочитайте його ще раз або введіть дані вручну.",
        )


def _mrz_date(s: str, *, past: bool, reference: date | None) -> date | None:
    if not s.isdigit():
        return None
    ref = reference or date.today()
    yy, mm, dd = int(s[:2]), int(s[2:4]), int(s[4:6])
    century = ref.year // 100 * 100
    year = century + yy
    if past and year > ref.year:
        year -= 100
    if not past and year > ref.year + 50:
        year -= 100
    try:
        return date(year, mm, dd)
    except ValueError:
        return None


def _names(s: str) -> tuple[str, str]:
    primary, _, secondary = s.partition("<<")
    return primary.replace("<", " ").strip(), secondary.replace("<", " ").strip()


def validate_td1(
    lines: list[str] | tuple[str, ...] | str, field: str = "mrz", reference: date | None = None
) -> MrzData:
    """Check a TD1 MRZ (ID card: 3 lines × 30 characters) and return its data."""
    l1, l2, l3 = _mrz_lines(lines, 3, 30, "TD1", field)
    number, number_cd, optional1 = l1[5:14], l1[14], l1[15:30]
    if number_cd == "<":
        # Long document number: it continues in the optional data; its last character is the check digit.
        extra = optional1.split("<", 1)[0]
        if not extra:
            raise ValidationError(field, "Номер документа в машинозчитуваній зоні не має контрольної цифри.")
        number, number_cd = number + extra[:-1], extra[-1]
        optional1 = optional1[len(extra) :]
    _check(field, number, number_cd, "номер документа")
    _check(field, l2[0:6], l2[6], "дата народження")
    _check(field, l2[8:14], l2[14], "дата закінчення строку дії")
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    _check(field, composite, l2[29], "загальна контрольна цифра")
    surname, given = _names(l3)
    return MrzData(
        kind="TD1",
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5].replace("<", ""),
        document_number=number.replace("<", ""),
        birth_date=_mrz_date(l2[0:6], past=True, reference=reference),
        sex=l2[7],
        expiry_date=_mrz_date(l2[8:14], past=False, reference=reference),
        nationality=l2[15:18].replace("<", ""),
        surname=surname,
        given_names=given,
        optional_data=optional1.strip("<"),
        optional_data_2=l2[18:29].strip("<"),
    )


def validate_td3(
    lines: list[str] | tuple[str, ...] | str, field: str = "mrz", reference: date | None = None
) -> MrzData:
    """Check a TD3 MRZ (passport: 2 lines × 44 characters) and return its data."""
    l1, l2 = _mrz_lines(lines, 2, 44, "TD3", field)
    _check(field, l2[0:9], l2[9], "номер документа")
    _check(field, l2[13:19], l2[19], "дата народження")
    _check(field, l2[21:27], l2[27], "дата закінчення строку дії")
    _check(field, l2[28:42], l2[42], "особистий номер")
    composite = l2[0:10] + l2[13:20] + l2[21:43]
    _check(field, composite, l2[43], "загальна контрольна цифра")
    surname, given = _names(l1[5:44])
    return MrzData(
        kind="TD3",
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5].replace("<", ""),
        document_number=l2[0:9].replace("<", ""),
        birth_date=_mrz_date(l2[13:19], past=True, reference=reference),
        sex=l2[20],
        expiry_date=_mrz_date(l2[21:27], past=False, reference=reference),
        nationality=l2[10:13].replace("<", ""),
        surname=surname,
        given_names=given,
        optional_data=l2[28:42].strip("<"),
    )


# --------------------------------------------------------------------------------------------------
# Phone
# --------------------------------------------------------------------------------------------------


def validate_phone(s: str, field: str = "phone") -> str:
    """A phone number in E.164 («+380671234567»). Ukrainian numbers may be typed as 067…, 38067…, +38067…,
    8067… is not accepted (the old trunk prefix is ambiguous).

    Foreign numbers are accepted when typed with «+» and the country code."""
    raw = (s or "").strip()
    example = "Приклад: 067 123 45 67 або +380 67 123 45 67."
    if not raw:
        raise ValidationError(field, "Вкажіть номер телефону. " + example)
    if re.search(r"[^\d\s\-+()]", raw):
        raise ValidationError(
            field, f"Номер телефону може містити лише цифри, пробіли, дужки, дефіс і «+». {example}"
        )
    digits = re.sub(r"\D", "", raw)
    candidate = raw
    if not raw.startswith("+") and digits.startswith("380") and len(digits) == 12:
        candidate = "+" + digits
    try:
        number = phonenumbers.parse(candidate, "UA")
    except phonenumbers.NumberParseException:
        raise ValidationError(field, f"«{raw}» не схожий на номер телефону. {example}") from None
    if not phonenumbers.is_valid_number(number):
        if number.country_code == 380:
            national = str(number.national_number)
            if len(national) != 9:
                if not raw.startswith("+") and digits.startswith("80") and len(digits) == 11:
                    raise ValidationError(
                        field,
                        f"Наберіть номер без «8» на початку: {digits[1:4]} {digits[4:7]} {digits[7:9]} {digits[9:]}.",
                    )
                typed = digits[3:] if digits.startswith("380") else digits.lstrip("0")
                count = len(typed) + 1
                raise ValidationError(
                    field,
                    "Український номер має 10 цифр, починаючи з 0 (наприклад 067 123 45 67), а введено "
                    f"{count} {_plural(count, 'цифру', 'цифри', 'цифр')}.",
                )
            raise ValidationError(
                field, f"Номер «{raw}» не існує в Україні: перевірте код оператора. {example}"
            )
        raise ValidationError(field, f"Номер «{raw}» неправильний для своєї країни. {example}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """«+380 67 123 45 67» for Ukrainian mobile numbers; landlines and foreign numbers in the international
    format with their area code («+380 3552 21234»); "" for ""; anything unparsable is returned as is."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "UA")
    except phonenumbers.NumberParseException:
        return e164
    national = str(number.national_number)
    mobile = phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if number.country_code == 380 and len(national) == 9 and mobile:
        return f"+380 {national[0:2]} {national[2:5]} {national[5:7]} {national[7:9]}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# --------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{1,2})[.\s/](\d{1,2})[.\s/](\d{4})$")
MAX_AGE_YEARS = 120


def format_date(d: date) -> str:
    """«дд.мм.рррр»."""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def parse_date(
    s: str,
    field: str = "date",
    *,
    min_date: date | None = None,
    max_date: date | None = None,
    what: str = "Дата",
) -> date:
    """Parse «дд.мм.рррр» (also «д.м.рррр»). ``min_date``/``max_date`` bound plausible values."""
    raw = (s or "").strip()
    if not raw:
        raise ValidationError(field, f"{what}: вкажіть дату у форматі дд.мм.рррр, наприклад 05.03.1948.")
    m = _DATE_RE.match(raw)
    if not m:
        raise ValidationError(
            field, f"{what}: «{raw}» не є датою. Введіть дату у форматі дд.мм.рррр, наприклад 05.03.1948."
        )
    day, month, year = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise ValidationError(field, f"{what}: місяць {month} не існує — місяць має бути від 01 до 12.")
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValidationError(
            field, f"{what}: у {_month_name(month)} {year} року немає {day}-го числа."
        ) from None
    if min_date is not None and value < min_date:
        raise ValidationError(
            field, f"{what}: {format_date(value)} — занадто рання дата (не раніше {format_date(min_date)})."
        )
    if max_date is not None and value > max_date:
        raise ValidationError(
            field, f"{what}: {format_date(value)} — занадто пізня дата (не пізніше {format_date(max_date)})."
        )
    return value


def parse_birth_date(s: str, today: date, field: str = "birth_date") -> date:
    """A birth date: not in the future and not more than 120 years ago."""
    value = parse_date(s, field, what="Дата народження")
    check_birth_date(value, today, field)
    return value


def check_birth_date(value: date, today: date, field: str = "birth_date") -> date:
    if value > today:
        raise ValidationError(field, f"Дата народження {format_date(value)} ще не настала. Перевірте рік.")
    oldest = _years_before(today, MAX_AGE_YEARS)
    if value < oldest:
        raise ValidationError(
            field,
            f"Дата народження {format_date(value)} означає вік понад {MAX_AGE_YEARS} років. Перевірте рік.",
        )
    return value


def parse_visit_date(s: str, today: date, field: str = "preferred_date", horizon_days: int = 366) -> date:
    """A planned date: from today up to a year ahead."""
    return parse_date(
        s, field, min_date=today, max_date=today + timedelta(days=horizon_days), what="Дата візиту"
    )


def age_on(birth_date: date, today: date) -> int:
    """Full years on ``today`` (a person born on 29 February turns a year older on 1 March in common years)."""
    years = today.year - birth_date.year
    if (today.month, today.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


_MONTHS_LOCATIVE = (
    "січні",
    "лютому",
    "березні",
    "квітні",
    "травні",
    "червні",
    "липні",
    "серпні",
    "вересні",
    "жовтні",
    "листопаді",
    "грудні",
)


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _month_name(month: int) -> str:
    return _MONTHS_LOCATIVE[month - 1]
