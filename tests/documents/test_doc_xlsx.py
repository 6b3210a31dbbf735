"""The journals as .xlsx, read back with openpyxl: headers, real dates, frozen header, autofilter."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, time

from docsamples import make_acts, make_handover, make_services
from openpyxl import load_workbook

from mobile_case.documents.xlsx import HEADER_ROW, acts_xlsx, handover_xlsx, services_xlsx

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_handover_xlsx(profile):
    ws = _sheet(handover_xlsx(make_handover(12), profile, *MARCH))
    assert ws.title == "Додаток 1"
    assert "прийому-передачі «Мобільного кейсу»" in ws["A1"].value
    assert profile.cnap_name in ws["A2"].value
    assert ws["A3"].value == "за період з 01.03.2026 по 31.03.2026"
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[0] == "№ з/п" and header[8] == "Підпис особи, яка прийняла мобільний кейс"
    assert len(header) == 9
    first = [c for c in ws[HEADER_ROW + 1]]
    assert first[0].value == 1
    assert first[1].value == datetime(2026, 3, 1, 0, 0)  # a real date (openpyxl reads dates back as datetime)
    assert first[1].number_format == "DD.MM.YYYY"
    assert first[2].value == time(9, 7)
    assert first[2].number_format == "HH:MM"
    assert first[4].value.startswith("Видача кейсу перед виїздом: Ноутбук")
    assert first[6].value is None  # the signature column stays empty
    assert ws.max_row == HEADER_ROW + 12
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:I{HEADER_ROW + 12}"
    assert ws.column_dimensions["E"].width == 50


def test_services_xlsx(profile):
    ws = _sheet(services_xlsx(make_services(150), profile, *MARCH))
    assert ws.title == "Додаток 3"
    assert [c.value for c in ws[HEADER_ROW]][:3] == [
        "№ з/п",
        "Дата",
        "ПІБ суб'єкта звернення (дата народження)",
    ]
    row = [c.value for c in ws[HEADER_ROW + 1]]
    assert row[0] == 1
    assert row[1] == datetime(2026, 3, 2)
    assert row[2] == "Коваль Мар'яна Іванівна (12.05.1941)"
    assert row[6] == "ЦНАП-2026/000001"
    assert ws.max_row == HEADER_ROW + 150
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:J{HEADER_ROW + 150}"


def test_acts_xlsx(profile):
    ws = _sheet(acts_xlsx(make_acts(5), profile, None, None))
    assert ws.title == "Акти"
    assert ws["A3"].value == "за весь час"
    row = [c.value for c in ws[HEADER_ROW + 2]]
    assert row[0] == 2 and row[1] == "А-2026-0002"
    assert row[2] == datetime(2026, 3, 3, 11, 2)
    assert ws.cell(row=HEADER_ROW + 2, column=3).number_format == "DD.MM.YYYY HH:MM"
    assert row[6] == "повернення документів з результатом адміністративної послуги"


def test_text_that_looks_like_a_formula_stays_text(profile):
    entries = [replace(e, notes='=HYPERLINK("http://x")') for e in make_services(1)]
    ws = _sheet(services_xlsx(entries, profile, *MARCH))
    cell = ws.cell(row=HEADER_ROW + 1, column=10)
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_empty_journal_is_a_valid_workbook(profile):
    ws = _sheet(services_xlsx([], profile, *MARCH))
    assert ws.max_row == HEADER_ROW
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:J{HEADER_ROW}"
