"""Validators with real valid and invalid values; every error is a ValidationError with a Ukrainian message."""

from __future__ import annotations

import re
from datetime import date

import pytest
from stdnum.ua import rntrc

from mobile_case.domain.errors import ValidationError
from mobile_case.domain.validators import (
    MrzData,
    age_on,
    check_birth_date,
    format_date,
    format_phone,
    mrz_check_digit,
    parse_birth_date,
    parse_date,
    parse_visit_date,
    rnokpp_birth_date,
    rnokpp_sex,
    rnokpp_warnings,
    unzr_birth_date,
    validate_id_card_number,
    validate_passport_booklet,
    validate_phone,
    validate_rnokpp,
    validate_td1,
    validate_td3,
    validate_unzr,
)

TODAY = date(2026, 11, 23)
CYRILLIC = re.compile(r"[А-ЯІЇЄҐа-яіїєґ]")


def _fails(fn, *args, field: str, contains: str = "", **kw) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kw)
    err = info.value
    assert err.field == field
    assert CYRILLIC.search(err.user_message), err.user_message
    assert err.user_message.rstrip().endswith((".", ")")), err.user_message
    assert contains in err.user_message, err.user_message
    assert not CYRILLIC.search(str(err))  # the log message is English and carries no personal data
    return err


# --- РНОКПП ------------------------------------------------------------------------------------


def _rnokpp_for(born: date, serial: str = "0123") -> str:
    days = (born - date(1899, 12, 31)).days
    base = f"{days:05d}{serial}"
    return base + rntrc.calc_check_digit(base)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1759013776", "1759013776"),  # python-stdnum's documented example
        (" 25 30 41 40 71 ", "2530414071"),
        ("17590-13776", "1759013776"),
        ("1832201236", "1832201236"),
    ],
)
def test_rnokpp_valid(value, expected):
    assert validate_rnokpp(value) == expected


@pytest.mark.parametrize(
    ("value", "contains"),
    [
        ("1759013770", "контрольна"),
        ("3012345678", "контрольна"),
        ("12345", "10 цифр, а введено 5"),
        ("17590137761", "введено 11"),
        ("17590l3776", "лише цифри"),
        ("", "Вкажіть РНОКПП"),
    ],
)
def test_rnokpp_invalid(value, contains):
    _fails(validate_rnokpp, value, field="rnokpp", contains=contains)


def test_rnokpp_encodes_birth_date_and_sex():
    assert rnokpp_birth_date("1759013776") == date(1948, 2, 28)
    assert rnokpp_birth_date("0000100000") == date(1900, 1, 1)
    born = date(1950, 3, 1)
    number = _rnokpp_for(born, "0123")  # ninth digit 3 -> male
    assert validate_rnokpp(number) == number
    assert rnokpp_birth_date(number) == born
    assert rnokpp_sex(number) == "M"
    assert rnokpp_sex(_rnokpp_for(born, "0124")) == "F"


def test_rnokpp_warnings():
    number = _rnokpp_for(date(1950, 3, 1), "0123")
    assert rnokpp_warnings(number, date(1950, 3, 1), "M") == []
    warnings = rnokpp_warnings(number, date(1950, 3, 2), "F")
    assert len(warnings) == 2
    assert "01.03.1950" in warnings[0] and "02.03.1950" in warnings[0]
    assert "Стать" in warnings[1]
    assert rnokpp_warnings("123", date(1950, 3, 1)) == []
    assert rnokpp_warnings(number) == []


# --- MRZ check digits: ICAO 9303 published examples ------------------------------------------


@pytest.mark.parametrize(
    ("value", "digit"),
    [
        ("L898902C3", 6),  # ICAO 9303 part 4, TD3 specimen document number
        ("740812", 2),
        ("120415", 9),
        ("ZE184226B<<<<<", 1),
        ("D23145890", 7),  # part 5, TD1 specimen
        ("D23145890734", 9),  # part 5, TD1 long document number
        ("L898902C<", 3),  # part 11, BAC worked example
        ("690806", 1),
        ("940623", 6),
        ("<<<<<<<<<<<<<<", 0),
        ("", 0),
    ],
)
def test_mrz_check_digit(value, digit):
    assert mrz_check_digit(value) == digit


def test_mrz_check_digit_rejects_lowercase():
    with pytest.raises(ValueError):
        mrz_check_digit("abc")


ICAO_TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]
ICAO_TD1 = [
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
]
ICAO_TD1_LONG = [
    "I<UTOD23145890<7349<<<<<<<<<<<",
    "3407127M9507122UTO<<<<<<<<<<<2",
    "STEVENSON<<PETER<JOHN<<<<<<<<<",
]


def test_td3_icao_specimen():
    data = validate_td3(ICAO_TD3, reference=TODAY)
    assert data == MrzData(
        kind="TD3",
        document_code="P",
        issuing_state="UTO",
        document_number="L898902C3",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        nationality="UTO",
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        optional_data="ZE184226B",
    )
    assert validate_td3("\n".join(ICAO_TD3), reference=TODAY) == data  # one string with line breaks


def test_td1_icao_specimens():
    data = validate_td1(ICAO_TD1, reference=TODAY)
    assert (data.document_number, data.birth_date, data.expiry_date, data.sex) == (
        "D23145890",
        date(1974, 8, 12),
        date(2012, 4, 15),
        "F",
    )
    assert (data.surname, data.given_names, data.nationality) == ("ERIKSSON", "ANNA MARIA", "UTO")
    long = validate_td1(ICAO_TD1_LONG, reference=TODAY)
    assert long.document_number == "D23145890734"
    assert long.birth_date == date(1934, 7, 12) and long.expiry_date == date(1995, 7, 12)
    assert (long.surname, long.given_names, long.sex) == ("STEVENSON", "PETER JOHN", "M")


def test_bac_key_icao_part_11():
    data = MrzData("TD3", "P", "UTO", "L898902C", date(1969, 8, 6), "F", date(1994, 6, 23), "UTO", "", "", "")
    assert data.bac_key == "L898902C<369080619406236"


def _ukrainian_td1(
    number="000123456", unzr_digits="1950030100120", born="500301", expiry="360301"
) -> list[str]:
    """A TD1 laid out like the Ukrainian ID card (УНЗР in the optional data), check digits computed."""
    line1 = f"IDUKR{number}{mrz_check_digit(number)}{unzr_digits}<"
    line1 = line1.ljust(30, "<")
    line2 = f"{born}{mrz_check_digit(born)}F{expiry}{mrz_check_digit(expiry)}UKR"
    line2 = line2.ljust(29, "<")
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += str(mrz_check_digit(composite))
    return [line1, line2, "SHEVCHENKO<<MARIIA<<<<<<<<<<<<"]


def test_td1_ukrainian_layout_gives_the_unzr():
    unzr = validate_unzr("19500301-0012" + str(mrz_check_digit("195003010012")))
    data = validate_td1(_ukrainian_td1(unzr_digits=unzr.replace("-", "")), reference=TODAY)
    assert data.issuing_state == "UKR" and data.document_code == "ID"
    assert data.unzr == unzr
    assert data.birth_date == date(1950, 3, 1) and data.expiry_date == date(2036, 3, 1)
    assert validate_id_card_number(data.document_number) == "000123456"


@pytest.mark.parametrize(
    ("lines", "contains"),
    [
        (ICAO_TD1[:2], "має 3 рядки"),
        ([ICAO_TD1[0][:-1], *ICAO_TD1[1:]], "30 символів, а містить 29"),
        ([ICAO_TD1[0].replace("D23", "Д23"), *ICAO_TD1[1:]], "недопустимі символи"),
        ([ICAO_TD1[0].replace("7<<", "8<<", 1), *ICAO_TD1[1:]], "«номер документа»"),
        ([ICAO_TD1[0], ICAO_TD1[1].replace("7408122", "7408132"), ICAO_TD1[2]], "«дата народження»"),
        (
            [ICAO_TD1[0], ICAO_TD1[1].replace("1204159", "1204158"), ICAO_TD1[2]],
            "«дата закінчення строку дії»",
        ),
        ([ICAO_TD1[0], ICAO_TD1[1][:-1] + "5", ICAO_TD1[2]], "«загальна контрольна цифра»"),
        ([ICAO_TD1[0].replace("D231458907", "D23145890A"), *ICAO_TD1[1:]], "«номер документа»"),
        (["I<UTOD23145890<<<<<<<<<<<<<<<<", *ICAO_TD1_LONG[1:]], "не має контрольної цифри"),
    ],
)
def test_td1_invalid(lines, contains):
    _fails(validate_td1, lines, field="mrz", contains=contains)


@pytest.mark.parametrize(
    ("lines", "contains"),
    [
        (ICAO_TD3[:1], "має 2 рядки"),
        ([ICAO_TD3[0], ICAO_TD3[1] + "<"], "44 символів, а містить 45"),
        ([ICAO_TD3[0], ICAO_TD3[1].replace("C36", "C35")], "«номер документа»"),
        ([ICAO_TD3[0], ICAO_TD3[1].replace("7408122", "7408121")], "«дата народження»"),
        ([ICAO_TD3[0], ICAO_TD3[1].replace("1204159", "1204150")], "«дата закінчення строку дії»"),
        ([ICAO_TD3[0], ICAO_TD3[1].replace("<<<<<10", "<<<<<20")], "«особистий номер»"),
        ([ICAO_TD3[0], ICAO_TD3[1][:-1] + "1"], "«загальна контрольна цифра»"),
        ([ICAO_TD3[0].lower(), "l898902c36uto7408122f1204159ze184226b<<<<<1!"], "недопустимі символи"),
    ],
)
def test_td3_invalid(lines, contains):
    _fails(validate_td3, lines, field="mrz", contains=contains)


def test_td3_lowercase_input_is_accepted():
    assert validate_td3([ln.lower() for ln in ICAO_TD3], reference=TODAY).document_number == "L898902C3"


def test_td3_empty_personal_number_may_have_filler_check_digit():
    line2 = ICAO_TD3[1][:28] + "<" * 14 + "<"
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    line2 += str(mrz_check_digit(composite))
    assert validate_td3([ICAO_TD3[0], line2], reference=TODAY).optional_data == ""


# --- УНЗР ---------------------------------------------------------------------------------------


def _unzr(date_part: str, number: str) -> str:
    return f"{date_part}-{number}{mrz_check_digit(date_part + number)}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("19910824-00026", "19910824-00026"),  # 7·1+3·9+1·9+7·1+3·0+1·8+7·2+3·4+1·0+7·0+3·0+1·2 = 86 -> 6
        ("1991082400026", "19910824-00026"),
        (" 19500301-00120 ", "19500301-00120"),
        (_unzr("20000229", "1234"), _unzr("20000229", "1234")),
    ],
)
def test_unzr_valid(value, expected):
    assert validate_unzr(value) == expected


def test_unzr_check_digit_is_7_3_1():
    # weights 7,3,1 over the 12 digits, mod 10 (the MRZ method named by the State Migration Service)
    digits = "195003010012"
    expected = sum(int(d) * (7, 3, 1)[i % 3] for i, d in enumerate(digits)) % 10
    assert validate_unzr(f"19500301-0012{expected}") == f"19500301-0012{expected}"
    for wrong in range(10):
        if wrong != expected:
            _fails(validate_unzr, f"19500301-0012{wrong}", field="unzr", contains="контрольна")


@pytest.mark.parametrize(
    ("value", "contains"),
    [
        ("", "Вкажіть УНЗР"),
        ("1991082400", "РРРРММДД-NNNNN"),
        ("19910824-0002", "РРРРММДД-NNNNN"),
        ("19910824/00026", "РРРРММДД-NNNNN"),
        ("19911324-00026", "не є правильною датою"),
        ("19910230-00026", "не є правильною датою"),
        ("19910824-00000", "0000"),
        ("19910824-00027", "контрольна"),
    ],
)
def test_unzr_invalid(value, contains):
    _fails(validate_unzr, value, field="unzr", contains=contains)


def test_unzr_birth_date_must_match():
    value = _unzr("19500301", "0012")
    assert validate_unzr(value, birth_date=date(1950, 3, 1)) == value
    _fails(validate_unzr, value, birth_date=date(1950, 3, 2), field="unzr", contains="не збігається")
    assert unzr_birth_date(value) == date(1950, 3, 1)


# --- document numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["000123456", "001 234 567", "123456789"])
def test_id_card_number_valid(value):
    assert validate_id_card_number(value) == value.replace(" ", "")


@pytest.mark.parametrize("value", ["12345678", "1234567890", "12345678A", "КА123456", ""])
def test_id_card_number_invalid(value):
    _fails(validate_id_card_number, value, field="document_number", contains="9 цифр")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("КА123456", "КА123456"),
        ("ка 123456", "КА123456"),
        ("KA123456", "КА123456"),  # Latin K and A
        ("ka-123456", "КА123456"),
        ("СО 654321", "СО654321"),
        ("CO654321", "СО654321"),  # Latin C and O
        ("ЕН000001", "ЕН000001"),
        ("ТТ123456", "ТТ123456"),
        ("МЕ № 123456", "МЕ123456"),
        ("ЇЄ123456", "ЇЄ123456"),
    ],
)
def test_passport_booklet_valid(value, expected):
    assert validate_passport_booklet(value) == expected


@pytest.mark.parametrize(
    ("value", "contains"),
    [
        ("", "Вкажіть серію"),
        ("К123456", "КА123456"),
        ("КА12345", "КА123456"),
        ("КА1234567", "КА123456"),
        ("123456", "КА123456"),
        ("ЫЭ123456", "не українська літера"),
        ("QW123456", "не українська літера"),
        ("КА12З456", "КА123456"),
    ],
)
def test_passport_booklet_invalid(value, contains):
    _fails(validate_passport_booklet, value, field="document_number", contains=contains)


# --- phone --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "e164", "display"),
    [
        ("067 123 45 67", "+380671234567", "+380 67 123 45 67"),
        ("0671234567", "+380671234567", "+380 67 123 45 67"),
        ("(067) 123-45-67", "+380671234567", "+380 67 123 45 67"),
        ("+38 (067) 123 45 67", "+380671234567", "+380 67 123 45 67"),
        ("380501234567", "+380501234567", "+380 50 123 45 67"),
        ("+380931234567", "+380931234567", "+380 93 123 45 67"),
        ("063 765 43 21", "+380637654321", "+380 63 765 43 21"),
        ("0355221234", "+380355221234", "+380 3552 21234"),  # Chortkiv landline, area code 3552
        ("044 234 56 78", "+380442345678", "+380 44 234 5678"),
        ("+48 601 234 567", "+48601234567", "+48 601 234 567"),
    ],
)
def test_phone_valid(value, e164, display):
    assert validate_phone(value) == e164
    assert format_phone(e164) == display


@pytest.mark.parametrize(
    ("value", "contains"),
    [
        ("", "Вкажіть номер телефону"),
        ("067-ABC-45-67", "лише цифри"),
        ("067123456", "введено 9 цифр"),
        ("06712345678", "введено 11 цифр"),
        ("8 067 123 45 67", "без «8»"),
        ("+380 12 345 67 89", "не існує в Україні"),
        ("+1 202 555 01", "неправильний"),
        ("+", "не схожий на номер"),
    ],
)
def test_phone_invalid(value, contains):
    _fails(validate_phone, value, field="phone", contains=contains)


def test_format_phone_edge_cases():
    assert format_phone("") == ""
    assert format_phone("not a phone") == "not a phone"


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05.03.1948", date(1948, 3, 5)),
        ("5.3.1948", date(1948, 3, 5)),
        (" 29.02.2024 ", date(2024, 2, 29)),
        ("31/12/1999", date(1999, 12, 31)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected
    assert format_date(expected) == expected.strftime("%d.%m.%Y")


@pytest.mark.parametrize(
    ("value", "contains"),
    [
        ("", "дд.мм.рррр"),
        ("1948-03-05", "не є датою"),
        ("05.03.48", "не є датою"),
        ("05.13.1948", "місяць 13 не існує"),
        ("30.02.2023", "у лютому 2023 року немає 30-го числа"),
        ("29.02.2023", "немає 29-го"),
        ("31.04.2020", "у квітні 2020 року немає 31-го"),
        ("завтра", "не є датою"),
    ],
)
def test_parse_date_invalid(value, contains):
    _fails(parse_date, value, field="date", contains=contains)


def test_birth_date_range():
    assert parse_birth_date("01.03.1950", TODAY) == date(1950, 3, 1)
    assert parse_birth_date("23.11.2026", TODAY) == TODAY
    _fails(parse_birth_date, "24.11.2026", TODAY, field="birth_date", contains="ще не настала")
    _fails(parse_birth_date, "01.01.1900", TODAY, field="birth_date", contains="понад 120 років")
    assert check_birth_date(date(1906, 11, 23), TODAY) == date(1906, 11, 23)
    _fails(check_birth_date, date(1906, 11, 22), TODAY, field="birth_date", contains="понад 120")


def test_visit_date_range():
    assert parse_visit_date("23.11.2026", TODAY) == TODAY
    _fails(parse_visit_date, "22.11.2026", TODAY, field="preferred_date", contains="занадто рання")
    _fails(parse_visit_date, "01.01.2028", TODAY, field="preferred_date", contains="занадто пізня")


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(1956, 11, 23), TODAY, 70),
        (date(1956, 11, 24), TODAY, 69),
        (date(1956, 2, 29), date(2026, 2, 28), 69),
        (date(1956, 2, 29), date(2026, 3, 1), 70),
        (date(2000, 1, 1), date(2000, 1, 1), 0),
    ],
)
def test_age_on(born, on, age):
    assert age_on(born, on) == age
