"""The journals as Excel workbooks (.xlsx), from the same ``JournalSpec`` as the PDFs.

One sheet per workbook: the journal's title, the CNAP and the period on top, then the header row (frozen,
with an autofilter) and one row per entry. Dates are real Excel dates shown as dd.mm.yyyy, times as hh:mm,
numbers as numbers, so the CNAP can sort, filter and count in Excel or LibreOffice.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from mobile_case.documents.journals import (
    JournalSpec,
    acts_spec,
    handover_spec,
    period_text,
    rows,
    services_spec,
)
from mobile_case.domain.model import Act, HandoverEntry, ServiceJournalEntry
from mobile_case.domain.profile import CommunityProfile

DATE_FORMAT = "DD.MM.YYYY"
TIME_FORMAT = "HH:MM"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
HEADER_ROW = 5  # rows 1–3: title, place, period; row 4 empty

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def _sheet_title(spec: JournalSpec) -> str:
    return {"handover": "Додаток 1", "services": "Додаток 3", "acts": "Акти"}.get(spec.code, spec.code)[:31]


def _workbook(
    spec: JournalSpec, entries: Sequence[Any], profile: CommunityProfile, day_from, day_to
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(spec)
    ncols = len(spec.columns)
    last = get_column_letter(ncols)

    ws["A1"] = f"{spec.title} {spec.subtitle}"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = ", ".join(p for p in (profile.cnap_name, profile.community_name) if p)
    ws["A3"] = period_text(day_from, day_to)
    for row in (1, 2, 3):
        ws.merge_cells(f"A{row}:{last}{row}")
        ws[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[1].height = 32

    header_fill = PatternFill("solid", fgColor="EEEEEE")
    for i, col in enumerate(spec.columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i, value=col.title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = header_fill
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(i)].width = col.xlsx_width
    ws.row_dimensions[HEADER_ROW].height = 60

    r = HEADER_ROW
    for r, values in enumerate(rows(spec, entries), start=HEADER_ROW + 1):
        for i, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=i, value=v)
            if cell.data_type == "f":  # a name or a note typed as «=…» is text, never a formula
                cell.data_type = "s"
            cell.alignment = _WRAP_TOP
            cell.border = _BORDER
            if isinstance(v, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(v, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(v, time):
                cell.number_format = TIME_FORMAT

    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(r, HEADER_ROW + 1) if entries else HEADER_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.title = spec.short_name
    wb.properties.creator = "Мобільний кейс"

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def handover_xlsx(
    entries: Sequence[HandoverEntry], profile: CommunityProfile, day_from: date | None, day_to: date | None
) -> bytes:
    """Додаток 1, the kit hand-over journal, as .xlsx bytes."""
    return _workbook(handover_spec(profile), entries, profile, day_from, day_to)


def services_xlsx(
    entries: Sequence[ServiceJournalEntry],
    profile: CommunityProfile,
    day_from: date | None,
    day_to: date | None,
) -> bytes:
    """Додаток 3, the journal of services rendered, as .xlsx bytes."""
    return _workbook(services_spec(profile), entries, profile, day_from, day_to)


def acts_xlsx(
    acts: Sequence[Act], profile: CommunityProfile, day_from: date | None, day_to: date | None
) -> bytes:
    """The journal of acts of impossibility, as .xlsx bytes."""
    return _workbook(acts_spec(profile), acts, profile, day_from, day_to)
