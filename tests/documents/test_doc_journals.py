"""The journals (Додаток 1, Додаток 3, acts) as landscape PDFs: columns, header on every page, pagination."""

from __future__ import annotations

import re
from datetime import date

import pytest
from docsamples import make_acts, make_handover, make_services
from pdfcheck import normalise, pdf_pages, pdf_text, render_png
from PIL import Image

from mobile_case.documents.journals import (
    fit_widths,
    handover_spec,
    render_acts_journal,
    render_handover_journal,
    render_services_journal,
    rows,
    services_spec,
)

MARCH = (date(2026, 3, 1), date(2026, 3, 31))

HANDOVER_COLUMNS = [
    "№ з/п",
    "Дата прийому-передачі",
    "Час прийому-передачі",
    "Місце виїзду (назва населеного пункту)",
    "Комплектація мобільного кейсу",
    "Прізвище, ім'я, по батькові особи, яка видала/повернула мобільний кейс",
    "Підпис особи, яка видала/повернула мобільний кейс",
    "Прізвище, ім'я, по батькові особи, яка прийняла мобільний кейс",
    "Підпис особи, яка прийняла мобільний кейс",
]


def test_handover_journal_has_exactly_the_nine_columns_of_the_form(profile):
    assert [c.title for c in handover_spec(profile).columns] == HANDOVER_COLUMNS


def test_handover_journal_pdf(profile, tmp_path):
    pdf = render_handover_journal(make_handover(6), profile, *MARCH)
    text = normalise(pdf_text(pdf, tmp_path, raw=True))
    for phrase in (
        "Додаток 1",
        "ЖУРНАЛ",
        "прийому-передачі «Мобільного кейсу» при здійсненні виїздів",
        profile.cnap_name,
        profile.community_name,
        "за період з 01.03.2026 по 31.03.2026",
        "Видача кейсу перед виїздом: Ноутбук, Портативний принтер, Сканер, Зчитувач ID-карток, Мобільний модем",
        "Повернення кейсу після виїзду",
        "Зауваження: картридж майже порожній",
        "Петренко Марія Іванівна",
        "01.03.2026 09:07 с. Біла",
    ):
        assert normalise(phrase) in text, phrase
    joined = re.sub(r"([-/]) ", r"\1", text)  # the header breaks lines after «прийому-» and «видала/»
    for title in HANDOVER_COLUMNS:
        assert title in joined, title
    width, height = Image.open(render_png(pdf, tmp_path, "handover", dpi=20)[0]).size
    assert width > height, "the journal is landscape"


@pytest.mark.parametrize(
    ("render", "make", "header_word"),
    [
        (render_handover_journal, make_handover, "Комплектація"),
        (render_services_journal, make_services, "Категорія"),
        (render_acts_journal, make_acts, "Причина"),
    ],
)
def test_120_rows_paginate_with_the_header_on_every_page(profile, tmp_path, render, make, header_word):
    pdf = render(make(120), profile, *MARCH)
    pages = pdf_pages(pdf, tmp_path)
    assert pages >= 3
    text = pdf_text(pdf, tmp_path)
    page_texts = text.split("\f")[:pages]
    for number, page in enumerate(page_texts, start=1):
        assert header_word in page, f"header missing on page {number}"
        assert f"сторінка {number} з {pages}" in page
    # every row is there, once, in order: the № з/п column runs 1..120 without a gap
    layout = pdf_text(pdf, tmp_path, layout=True)
    firsts = [line.split()[0] for line in layout.splitlines() if line.strip() and line.split()[0].isdigit()]
    numbers = [int(x) for x in firsts if int(x) <= 120]
    assert [n for n in numbers if n > 9] == list(range(10, 121)), "rows missing, repeated or split"


def test_services_journal_pdf(profile, tmp_path):
    pdf = render_services_journal(make_services(3), profile, *MARCH)
    text = normalise(pdf_text(pdf, tmp_path, raw=True))
    for phrase in (
        "Додаток 3",
        "обліку надання адміністративних послуг на пересувному віддаленому робочому місці адміністратора",
        "ПІБ суб'єкта звернення (дата народження)",
        "Реєстраційний № справи",
        "Коваль Мар'яна Іванівна (12.05.1941)",
        "ЦНАП-2026/000003",
        "Документи прийнято",
        "Особи з інвалідністю I групи",
    ):
        assert normalise(phrase) in text, phrase


def test_acts_journal_pdf(profile, tmp_path):
    pdf = render_acts_journal(make_acts(4), profile, None, None)
    text = normalise(pdf_text(pdf, tmp_path, raw=True))
    for phrase in (
        "обліку актів",
        "за весь час",
        "А-2026-0004",
        "Етап",
        "Причина",
        "Кравчук Мар'ян Олексійович 2",
    ):
        assert phrase in text, phrase
    assert "Суб'єкт звернення відсутній" in text
    assert "Немає згоди на відео- та аудіофіксацію" in text


def test_empty_journal_says_so(profile, tmp_path):
    text = normalise(pdf_text(render_services_journal([], profile, *MARCH), tmp_path, raw=True))
    assert "Записів за цей період немає." in text


def test_no_word_is_cut_in_the_middle(profile, tmp_path):
    entries = make_services(10)
    spec = services_spec(profile)
    widths = fit_widths(spec, rows(spec, entries), 267 * 72 / 25.4)
    assert abs(sum(widths) - 267 * 72 / 25.4) < 1
    text = pdf_text(render_services_journal(entries, profile, *MARCH), tmp_path)
    # the case numbers and the header words arrive whole
    for word in ("ЦНАП-2026/000007", "Реєстраційний", "Адміністратор", "Примітки"):
        assert word in text
