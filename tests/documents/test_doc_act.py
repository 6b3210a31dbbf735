"""Додаток 4, the act of impossibility: every field of the form, every O 2.13 reason, both stages."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from pdfcheck import normalise, pdf_pages, pdf_text

from mobile_case.documents.act import reason_text, render_act
from mobile_case.domain import texts
from mobile_case.domain.model import Act, ActReason, ActStage


def test_act_has_every_field_of_the_form(profile, act, tmp_path):
    pdf = render_act(act, profile)
    text = normalise(pdf_text(pdf, tmp_path))
    for phrase in (
        "Додаток 4",
        "АКТ № А-2026-0007",
        "щодо неможливості надання адміністративної послуги",
        "Акт про неможливість надання адміністративної послуги:",
        "Декларування (реєстрація) місця проживання (перебування) особи",
        "(назва адміністративної послуги)",
        "прийом документів",
        "(прийом документів, повернення документів з результатом адміністративної послуги)",
        "Суб'єкту звернення:",
        "Кравчук Мар'ян Олексійович",
        "(ПІБ суб'єкта звернення)",
        "За адресою:",
        "вулиця Героїв Чорнобиля та ліквідаторів наслідків аварії на Чорнобильській АЕС, буд. 117-А, кв. 48",
        "Причина ненадання адміністративної послуги:",
        "Суб'єкт звернення відсутній за місцем свого проживання/перебування, зазначеним у заяві, "
        "у визначені дату та час.",
        "Двері ніхто не відчинив, телефон не відповідає (дзвінки о 10:05 та 10:20).",
        "Дата і час складання акта:",
        "«05» березня 2026 р., 10:25",
        "Акт склав:",
        "Іваненко Оксана Петрівна",
        "(ПІБ адміністратора)",
        "(підпис)",
        "З актом ознайомлений:",
        "(підпис суб'єкта звернення)",
        "Суб'єкт звернення відсутній; акт складено у присутності водія.",
        profile.cnap_name,
        "Мобільний кейс · А-2026-0007 · сторінка 1 з 1",
    ):
        assert normalise(phrase) in text, phrase
    assert pdf_pages(pdf, tmp_path) == 1


@pytest.mark.parametrize("reason", list(ActReason))
def test_every_reason_prints_the_order_wording(profile, act, reason, tmp_path):
    text = normalise(pdf_text(render_act(replace(act, reason=reason, details=""), profile), tmp_path))
    assert normalise(texts.sentence(texts.title(reason))) in text


def test_result_return_stage(profile, act, tmp_path):
    text = normalise(pdf_text(render_act(replace(act, stage=ActStage.RESULT_RETURN), profile), tmp_path))
    assert "повернення документів з результатом адміністративної послуги (прийом документів" in text


def test_acknowledged_act_without_note(profile, act, tmp_path):
    signed = replace(act, subject_acknowledged=True, acknowledgement_note="")
    text = normalise(pdf_text(render_act(signed, profile), tmp_path))
    assert "Суб'єкт звернення з актом ознайомлений." in text


def test_empty_act_still_has_lines_to_fill_by_hand(profile, tmp_path):
    text = normalise(pdf_text(render_act(Act(), profile), tmp_path))
    assert "АКТ щодо неможливості надання адміністративної послуги" in text
    assert "акт без номера" in text
    assert "Дата і час складання акта:" in text


def test_reason_text_adds_details_as_a_sentence():
    act = Act(
        reason=ActReason.INCAPACITY_SIGNS, details="явні ознаки сп'яніння", drawn_at=datetime(2026, 1, 1)
    )
    assert reason_text(act).startswith("Наявність явних ознак")
    assert reason_text(act).endswith("сп'яніння. Явні ознаки сп'яніння.")
