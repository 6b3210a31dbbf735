"""ICAO 9303 MRZ helpers and the Ukrainian transliteration, against published examples."""

from __future__ import annotations

from datetime import date

import pytest

from mobile_case.devices.cardreader.mrz import (
    check_digit,
    compose_td1,
    mrz_key,
    mrz_name,
    parse_td1,
    transliterate,
)
from mobile_case.domain.validators import mrz_check_digit, validate_td1

# ICAO 9303 Part 5, the TD1 specimen
SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)


def test_icao_td1_specimen_parses_with_valid_check_digits() -> None:
    td1 = parse_td1(SPECIMEN, today=date(2010, 1, 1))
    assert td1.checks_ok and td1.problems == ()
    assert td1.document_code == "I"
    assert td1.issuing_state == "UTO"
    assert td1.document_number == "D23145890"
    assert td1.birth_date == date(1974, 8, 12)
    assert td1.sex == "F"
    assert td1.expiry_date == date(2012, 4, 15)
    assert td1.surname == "ERIKSSON"
    assert td1.given_names == "ANNA MARIA"


def test_compose_reproduces_the_icao_specimen() -> None:
    lines = compose_td1(
        document_number="D23145890",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        surname="ERIKSSON",
        given_names="ANNA<MARIA",
        nationality="UTO",
        issuing_state="UTO",
        document_code="I",
    )
    assert lines == SPECIMEN


def test_bac_key_matches_icao_9303_part_11_appendix_d() -> None:
    assert mrz_key("L898902C", date(1969, 8, 6), date(1994, 6, 23)) == "L898902C<369080619406236"


@pytest.mark.parametrize("data", ["D23145890", "740812", "120415", "L898902C<", "AB<12Z", "0000000000"])
def test_check_digit_agrees_with_the_domain_validator(data: str) -> None:
    assert check_digit(data) == mrz_check_digit(data)


@pytest.mark.parametrize(
    ("line", "position", "problem"),
    [
        (0, 14, "document number check digit"),
        (1, 6, "birth date check digit"),
        (1, 14, "expiry date check digit"),
        (1, 29, "composite check digit"),
    ],
)
def test_each_wrong_check_digit_is_reported(line: int, position: int, problem: str) -> None:
    lines = list(SPECIMEN)
    wrong = str((int(lines[line][position]) + 1) % 10)
    lines[line] = lines[line][:position] + wrong + lines[line][position + 1 :]
    td1 = parse_td1(lines, today=date(2010, 1, 1))
    assert not td1.checks_ok
    assert problem in td1.problems


@pytest.mark.parametrize(
    "lines",
    [
        SPECIMEN[:2],
        (SPECIMEN[0][:29], SPECIMEN[1], SPECIMEN[2]),
        (SPECIMEN[0].lower(), SPECIMEN[1], SPECIMEN[2]),
    ],
)
def test_not_td1_is_rejected(lines: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        parse_td1(lines)


# Examples from the table of Cabinet of Ministers resolution No 55 of 27.01.2010
@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Алушта", "Alushta"), ("Борщагівка", "Borshchahivka"), ("Вінниця", "Vinnytsia"), ("Гадяч", "Hadiach"),
        ("Згорани", "Zghorany"), ("Ґалаґан", "Galagan"), ("Рівне", "Rivne"), ("Єнакієве", "Yenakiieve"),
        ("Наєнко", "Naienko"), ("Житомир", "Zhytomyr"), ("Закарпаття", "Zakarpattia"), ("Медвин", "Medvyn"),
        ("Іршава", "Irshava"), ("Їжакевич", "Yizhakevych"), ("Кадіївка", "Kadiivka"), ("Йосипівка", "Yosypivka"),
        ("Стрий", "Stryi"), ("Олексій", "Oleksii"), ("Київ", "Kyiv"), ("Миколаїв", "Mykolaiv"),
        ("Харків", "Kharkiv"), ("Біла Церква", "Bila Tserkva"), ("Шостка", "Shostka"), ("Гоща", "Hoshcha"),
        ("Русь", "Rus"), ("Юрій", "Yurii"), ("Крюківка", "Kriukivka"), ("Яготин", "Yahotyn"), ("Ічня", "Ichnia"),
        ("Знам'янка", "Znamianka"), ("Короп'є", "Koropie"), ("Феодосія", "Feodosiia"), ("Ужгород", "Uzhhorod"),
    ],
)  # fmt: skip
def test_transliteration_follows_resolution_55(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


def test_mrz_name_uppercases_and_fills_separators() -> None:
    assert mrz_name("Дем'янчук-Солов'ян") == "DEMIANCHUK<SOLOVIAN"
    assert mrz_name("Мар'яна Ярина") == "MARIANA<YARYNA"
    assert mrz_name("Мар’яна") == "MARIANA"  # typographic apostrophe too


def test_composed_ukrainian_td1_passes_the_domain_validator() -> None:
    lines = compose_td1(
        document_number="004813572",
        birth_date=date(1948, 3, 17),
        sex="F",
        expiry_date=date(2029, 6, 12),
        surname=mrz_name("Дем'янчук"),
        given_names=mrz_name("Мар'яна"),
        optional1="1948031702342",
    )
    data = validate_td1(list(lines), reference=date(2026, 4, 1))
    assert data.document_number == "004813572"
    assert data.birth_date == date(1948, 3, 17)
    assert data.expiry_date == date(2029, 6, 12)
    assert data.surname == "DEMIANCHUK"
