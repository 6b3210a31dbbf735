"""Додаток 2, the application: its form text, the pre-filled values, the consents, wrapping and pages."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pdfcheck import ink, normalise, pdf_pages, pdf_text, render_png

from mobile_case.documents.application import (
    CONSENT_NO_TRANSFER,
    CONSENT_PERSONAL_DATA,
    CONSENT_RECORDING,
    render_application,
)
from mobile_case.domain.model import Consents, Person, ServiceRequest


def test_application_has_the_form_text_and_the_values(profile, request_, visit, tmp_path):
    pdf = render_application(request_, profile, visit=visit, administrator_name="Іваненко О. П.")
    assert pdf.startswith(b"%PDF")
    text = normalise(pdf_text(pdf, tmp_path))
    for phrase in (
        "Додаток 2",
        "ЗАЯВА",
        "на отримання адміністративної послуги із застосуванням спеціального автоматизованого комплексу "
        "«Мобільний кейс»",
        "Прошу надати",
        "(з якої години)",
        "адміністративну послугу",
        "(повна адреса, код вхідних дверей)",
        "скориставшись можливістю отримання адміністративної послуги із застосуванням спеціального "
        "автоматизованого комплексу «Мобільний кейс», оскільки",
        "(П.І.Б., дата народження (суб'єкта звернення))",
        "самостійно не пересувається з причини",
        "Додатки:",
        "копія документа, що посвідчує особу суб'єкта звернення",
        "копія документа, що підтверджує категорію осіб, передбачених п. 1.5 Порядку",
        "(підпис)",
        "(прізвище, ініціали)",
        "Документи прийняті",
        "Адміністратор:",
        "(підпис, печатка)",
        "ПРИМІТКИ:",
        # the values
        profile.cnap_name,
        "№ МК-2026-0042",
        "«05» березня 2026 р.",
        "10:00",
        "11:30",
        "1) Декларування (реєстрація) місця проживання (перебування) особи; 2) Призначення житлової субсидії",
        "Коваль Мар'яна Іванівна, 12.05.1941 р. н.",
        "інвалідності I групи, пересувається лише з допомогою сторонніх осіб",
        "код вхідних дверей: 48К1234",
        "Посвідчення особи з інвалідністю (серія ААБ № 123456 від 01.02.2020)",
        "Коваль М. І.",
        "Іваненко О. П.",
        "ЦНАП-2026/000731",
        "через представника: Коваль Ольга Степанівна (донька)",
        "Мобільний кейс · МК-2026-0042 · сторінка 1 з 2",
    ):
        assert normalise(phrase) in text, phrase


def test_long_address_wraps_and_is_complete(profile, request_, tmp_path):
    pdf = render_application(request_, profile)
    text = normalise(pdf_text(pdf, tmp_path))
    assert (
        "Тернопільська обл., Чортківський р-н, м. Чортків, вулиця Героїв Чорнобиля та ліквідаторів наслідків "
        "аварії на Чорнобильській АЕС, буд. 117-А, корп. 2, кв. 48, 48501; код вхідних дверей: 48К1234"
        in text
    )
    layout = pdf_text(pdf, tmp_path, layout=True)
    address_lines = [line for line in layout.splitlines() if "Чорнобил" in line or "117-А" in line]
    assert len(address_lines) >= 2, "the long address should wrap onto more than one ruled line"
    # nothing runs past the right margin: every line of the page fits the text width
    assert max(len(line.rstrip()) for line in layout.splitlines()) < 130


def test_consents_are_verbatim_with_marks(profile, request_, visit, tmp_path):
    text = normalise(pdf_text(render_application(request_, profile, visit=visit), tmp_path))
    for consent in (CONSENT_NO_TRANSFER, CONSENT_PERSONAL_DATA, CONSENT_RECORDING):
        assert normalise(consent) in text
    # the visit's recording consent (given on the spot) wins over the request's
    assert "Заборону висловлено: ☒ так ☐ ні" in text
    assert text.count("Згоду надано: ☒ так ☐ ні") == 2
    refused = replace(request_, consents=Consents(personal_data_processing=True))
    text = normalise(pdf_text(render_application(refused, profile), tmp_path))
    assert "Заборону висловлено: ☐ так ☒ ні" in text
    assert "Згоду надано: ☒ так ☐ ні" in text
    assert "Згоду надано: ☐ так ☒ ні" in text  # recording: not given at intake, no visit yet


def test_documents_checklist_marks_what_is_present(profile, request_, visit, tmp_path):
    without_visit = normalise(pdf_text(render_application(request_, profile), tmp_path))
    assert "☐ Квитанція про сплату адміністративного збору (оригінал)" in without_visit
    assert "☒ Паспорт громадянина України або ID-картка (оригінал)" in without_visit
    assert "☐ Згода власника житла (для неповнолітніх — батьків)" in without_visit
    with_visit = normalise(pdf_text(render_application(request_, profile, visit=visit), tmp_path))
    assert "☒ Квитанція про сплату адміністративного збору (оригінал)" in with_visit


def test_a_bare_draft_leaves_lines_for_handwriting(profile, tmp_path):
    draft = ServiceRequest(subject=Person(surname="Бондар", given_name="Ївга"))
    pdf = render_application(draft, profile)
    text = normalise(pdf_text(pdf, tmp_path))
    assert "номер буде надано після реєстрації" in text
    assert "Бондар Ївга" in text
    assert "Мобільний кейс · заява без номера · сторінка 1 з" in text
    assert pdf_pages(pdf, tmp_path) >= 1


def test_many_services_flow_onto_more_pages(profile, request_, tmp_path):
    many = replace(request_, service_codes=["residence", "subsidy"] * 12)
    pdf = render_application(many, profile)
    pages = pdf_pages(pdf, tmp_path)
    assert pages >= 2
    text = normalise(pdf_text(pdf, tmp_path))
    assert f"сторінка {pages} з {pages}" in text
    assert normalise(CONSENT_RECORDING) in text


def test_rendering_is_deterministic(profile, request_, visit):
    a = render_application(request_, profile, visit=visit, administrator_name="Іваненко О. П.")
    b = render_application(request_, profile, visit=visit, administrator_name="Іваненко О. П.")
    assert a == b


def test_markup_characters_in_values_are_printed_literally(profile, request_, tmp_path):
    tricky = replace(request_, category_reason="перелом <шийки> стегна & реабілітація")
    text = normalise(pdf_text(render_application(tricky, profile), tmp_path))
    assert "перелом <шийки> стегна & реабілітація" in text


def test_pages_render_to_images_with_ink(profile, request_, visit, tmp_path):
    pngs = render_png(render_application(request_, profile, visit=visit), tmp_path, "application", dpi=50)
    assert len(pngs) == 2
    for png in pngs:
        assert ink(png) > 2000, f"{png.name} looks empty"


def test_missing_font_is_a_clear_ukrainian_error(tmp_path, monkeypatch):
    from mobile_case.documents import fonts

    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setenv("MOBILE_CASE_RESOURCES", str(tmp_path))
    with pytest.raises(fonts.FontMissing) as caught:
        fonts.register_fonts()
    assert "Не знайдено файл шрифту «DejaVuSans.ttf»" in caught.value.user_message
