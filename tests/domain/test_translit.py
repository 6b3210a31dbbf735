"""The Latin/Cyrillic cross-check of the names on the ID card (КМУ № 55 through translitua)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobile_case.domain.translit import cross_check, mrz_form, official_latin


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Дем'янчук", "Demianchuk"),  # the apostrophe is dropped, «я» inside a word is «ia»
        ("Мар’яна", "Mariana"),  # a typographic apostrophe too
        ("Згурський", "Zghurskyi"),  # «зг» is «zgh»
        ("Юрій", "Yurii"),  # «ю» at the start is «yu», «й» at the end is «i»
        ("Ярина", "Yaryna"),
        ("Щербак-Їжак", "Shcherbak-Yizhak"),  # «ї» starts the second part of a double name
        ("Гнатюк", "Hnatiuk"),
        ("Соловйов", "Soloviov"),  # «й» not at the start is «i»
    ],
)
def test_official_transliteration_follows_the_kmu_55_table(ukrainian: str, latin: str) -> None:
    assert official_latin(ukrainian) == latin


def test_mrz_form_is_capitals_with_filler_for_spaces_and_hyphens() -> None:
    assert mrz_form("Shcherbak-Yizhak") == "SHCHERBAK<YIZHAK"
    assert mrz_form(" Anna  Mariia ") == "ANNA<MARIIA"


def test_names_written_by_the_table_match() -> None:
    assert cross_check("Дем'янчук", "Мар'яна", "DEMIANCHUK", "MARIANA") == []
    # the result as the reader gives it: '<' already turned into spaces
    assert cross_check("Щербак-Їжак", "Анна Марія", "SHCHERBAK YIZHAK", "ANNA MARIIA") == []


def test_a_latin_name_written_otherwise_is_reported_field_by_field() -> None:
    diffs = cross_check("Дем'янчук", "Мар'яна", "DEMYANCHUK", "MARIANA")
    assert [(d.field, d.expected, d.found) for d in diffs] == [("surname", "DEMIANCHUK", "DEMYANCHUK")]
    assert diffs[0].ukrainian == "Дем'янчук"
    diffs = cross_check("Гнатюк", "Юрій", "HNATIUK", "IURII")
    assert [(d.field, d.expected_text, d.found_text) for d in diffs] == [("given_names", "YURII", "IURII")]


def test_a_name_cut_by_a_full_mrz_line_is_not_a_difference() -> None:
    surname = "Перебийніс-Кривошапченко"  # PEREBYINIS<KRYVOSHAPCHENKO: 26 letters
    given = "Ярослава"
    cut = 30 - len("PEREBYINIS<KRYVOSHAPCHENKO<<")  # 2 letters of the given name fit
    assert cross_check(surname, given, "PEREBYINIS KRYVOSHAPCHENKO", "YAROSLAVA"[:cut]) == []
    # but a cut name on a line that is not full is a difference
    assert cross_check("Гнатюк", "Ярослава", "HNATIUK", "YAR")[0].field == "given_names"


def test_an_empty_side_is_not_compared() -> None:
    assert cross_check("", "Мар'яна", "DEMIANCHUK", "MARIANA") == []
    assert cross_check("Дем'янчук", "Мар'яна", "", "") == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_any_names_give_a_list_of_differences_never_an_error(a: str, b: str, c: str, d: str) -> None:
    diffs = cross_check(a, b, c, d)
    assert all(diff.field in ("surname", "given_names") for diff in diffs)
    assert all(diff.expected != diff.found for diff in diffs)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ'’ -", max_size=30)
)
def test_a_name_written_by_the_table_always_matches(name: str) -> None:
    latin = official_latin(name)
    assert cross_check(name, name, latin, latin) == []
    assert mrz_form(latin) == "" or set(mrz_form(latin)) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ<")
