"""The journals as landscape A4 PDFs: Додаток 1 (kit hand-over), Додаток 3 (services rendered), acts.

Each journal is described once by a ``JournalSpec`` — its title, its columns and how each column's value
is read from an entry — and rendered from that spec both here (PDF) and in ``documents.xlsx`` (Excel). The
header row and the row of column numbers repeat on every page; rows never split across pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, Spacer, TableStyle

from mobile_case.documents.application import ORDER_NAME
from mobile_case.documents.fonts import BOLD, REGULAR
from mobile_case.documents.formatting import date_short, datetime_text, time_hm
from mobile_case.documents.layout import Margins, build_pdf, content_width, esc, right_block, styles
from mobile_case.domain import texts
from mobile_case.domain.model import Act, HandoverEntry, ServiceJournalEntry
from mobile_case.domain.profile import CommunityProfile

PAGE = landscape(A4)
MARGINS = Margins(left=15 * mm, right=15 * mm, top=12 * mm, bottom=15 * mm)

Value = str | int | date | time | datetime | None


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float  # on the landscape A4 page (267 mm of text width in all)
    get: Callable[[Any], Value]
    xlsx_width: float  # characters
    signature: bool = False  # left empty for a handwritten signature
    head: str = ""  # the PDF header with line breaks chosen by hand ("<br/>"); default: the title

    @property
    def head_markup(self) -> str:
        return self.head or esc(self.title)


@dataclass(frozen=True)
class JournalSpec:
    code: str  # handover | services | acts
    appendix: str  # «Додаток 1» or ""
    title: str  # «ЖУРНАЛ»
    subtitle: str  # what the journal is
    short_name: str  # for the footer and the sheet
    columns: tuple[Column, ...]
    min_row_height_mm: float = 0.0
    numbered_by_position: bool = False  # the first column is the row's position in the list


def _kit_text(entry: HandoverEntry, profile: CommunityProfile) -> str:
    titles = []
    for code in entry.kit_items_checked:
        item = profile.kit_item(code)
        titles.append(item.title if item else code)
    text = f"{texts.title(entry.direction)}: " + (", ".join(titles) if titles else "—")
    if entry.kit_notes.strip():
        text += f". Зауваження: {entry.kit_notes.strip()}"
    return text


def handover_spec(profile: CommunityProfile) -> JournalSpec:
    return JournalSpec(
        code="handover",
        appendix="Додаток 1",
        title="ЖУРНАЛ",
        subtitle=(
            "прийому-передачі «Мобільного кейсу» при здійсненні виїздів в рамках організації роботи пересувного "
            "віддаленого робочого місця адміністратора"
        ),
        short_name="Журнал прийому-передачі кейсу (Додаток 1)",
        columns=(
            Column("№ з/п", 11, lambda e: e.number, 7),
            Column(
                "Дата прийому-передачі",
                20,
                lambda e: e.at.date() if e.at else None,
                13,
                head="Дата прийому-<br/>передачі",
            ),
            Column(
                "Час прийому-передачі",
                17,
                lambda e: e.at.time().replace(second=0, microsecond=0) if e.at else None,
                10,
                head="Час прийому-<br/>передачі",
            ),
            Column("Місце виїзду (назва населеного пункту)", 32, lambda e: e.destination, 24),
            Column("Комплектація мобільного кейсу", 64, lambda e: _kit_text(e, profile), 50),
            Column(
                "Прізвище, ім'я, по батькові особи, яка видала/повернула мобільний кейс",
                38,
                lambda e: e.given_by_name,
                30,
                head="Прізвище, ім'я, по батькові особи, яка видала/<br/>повернула мобільний кейс",
            ),
            Column(
                "Підпис особи, яка видала/повернула мобільний кейс",
                24,
                lambda e: "",
                16,
                signature=True,
                head="Підпис особи, яка видала/<br/>повернула мобільний кейс",
            ),
            Column(
                "Прізвище, ім'я, по батькові особи, яка прийняла мобільний кейс",
                35,
                lambda e: e.received_by_name,
                30,
            ),
            Column("Підпис особи, яка прийняла мобільний кейс", 24, lambda e: "", 16, signature=True),
        ),
        min_row_height_mm=10,
    )


def _subject_with_birth(e: ServiceJournalEntry) -> str:
    if e.subject_birth_date:
        return f"{e.subject_name} ({date_short(e.subject_birth_date)})"
    return e.subject_name


def services_spec(profile: CommunityProfile) -> JournalSpec:
    return JournalSpec(
        code="services",
        appendix="Додаток 3",
        title="ЖУРНАЛ",
        subtitle=(
            "обліку надання адміністративних послуг на пересувному віддаленому робочому місці адміністратора "
            "Центру із застосуванням спеціального автоматизованого комплексу «Мобільний кейс»"
        ),
        short_name="Журнал обліку надання послуг (Додаток 3)",
        columns=(
            Column("№ з/п", 10, lambda e: e.number, 7),
            Column("Дата", 19, lambda e: e.on, 12),
            Column("ПІБ суб'єкта звернення (дата народження)", 37, _subject_with_birth, 32),
            Column("Адреса", 42, lambda e: e.address_text, 40),
            Column("Категорія", 30, lambda e: e.category_title, 28),
            Column("Адміністративна послуга", 42, lambda e: e.service_titles, 40),
            Column("Реєстраційний № справи", 24, lambda e: e.case_number, 18),
            Column("Адміністратор", 25, lambda e: e.administrator_name, 22),
            Column("Результат", 21, lambda e: e.outcome_text or e.outcome, 20),
            Column("Примітки", 17, lambda e: e.notes, 24),
        ),
    )


def _act_reason(act: Act) -> str:
    text = texts.short_title(act.reason)
    return f"{text}. {act.details.strip()}" if act.details.strip() else text


def acts_spec(profile: CommunityProfile) -> JournalSpec:
    return JournalSpec(
        code="acts",
        appendix="",
        title="ЖУРНАЛ",
        subtitle="обліку актів щодо неможливості надання адміністративної послуги (Додаток 4)",
        short_name="Журнал актів",
        columns=(
            Column("№ з/п", 10, lambda a: None, 7),  # the position in the list, see numbered_by_position
            Column("№ акта", 21, lambda a: a.number, 14),
            Column("Дата і час складання", 21, lambda a: a.drawn_at, 16),
            Column("Суб'єкт звернення", 33, lambda a: a.subject_name, 30),
            Column("Адреса", 40, lambda a: a.address_text, 40),
            Column("Адміністративна послуга", 38, lambda a: a.service_titles, 36),
            Column("Етап", 29, lambda a: texts.title(a.stage), 22),
            Column("Причина", 38, _act_reason, 45),
            Column("Адміністратор (склав акт)", 30, lambda a: a.administrator_name, 26),
        ),
        numbered_by_position=True,
    )


def rows(spec: JournalSpec, entries: Sequence[Any]) -> list[list[Value]]:
    """The typed cell values of every entry, in the order of the columns."""
    out = []
    for i, entry in enumerate(entries, start=1):
        values = [col.get(entry) for col in spec.columns]
        if spec.numbered_by_position:
            values[0] = i
        out.append(values)
    return out


def period_text(day_from: date | None, day_to: date | None) -> str:
    if day_from and day_to:
        return f"за період з {date_short(day_from)} по {date_short(day_to)}"
    if day_from:
        return f"за період з {date_short(day_from)}"
    if day_to:
        return f"за період по {date_short(day_to)}"
    return "за весь час"


def cell_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return datetime_text(value)
    if isinstance(value, date):
        return date_short(value)
    if isinstance(value, time):
        return time_hm(value)
    return str(value)


_PADDING = 5.5  # left + right cell padding, points
_MAX_WORD = 45 * mm  # a longer token (a URL, a very long number) may still be split


def fit_widths(spec: JournalSpec, table_rows: list[list[Value]], total: float) -> list[float]:
    """Column widths filling ``total``: the spec's proportions, widened so that no word (of the header or
    of any cell) has to be cut in the middle; the room is taken from columns with width to spare."""
    st = styles()
    widths = [c.width_mm * mm for c in spec.columns]
    scale = total / sum(widths)
    widths = [w * scale for w in widths]
    need = []
    for i, col in enumerate(spec.columns):
        head_words = col.head_markup.replace("<br/>", " ").split()
        longest = max((stringWidth(w, BOLD, st.cell_head.fontSize) for w in head_words), default=0.0)
        words = {w for r in table_rows for w in cell_text(r[i]).split()}
        if words:
            longest = max(longest, max(stringWidth(w, REGULAR, st.cell.fontSize) for w in words))
        need.append(min(longest + _PADDING + 1, _MAX_WORD))
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    if short <= 0:
        return widths
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    total_spare = sum(spare)
    if total_spare <= 0:
        return widths
    take = min(1.0, short / total_spare)
    return [max(n, w) if n > w else w - s * take for n, w, s in zip(need, widths, spare, strict=True)]


def _render(spec: JournalSpec, entries: Sequence[Any], profile: CommunityProfile, day_from, day_to) -> bytes:
    st = styles()
    width = content_width(PAGE, MARGINS)
    story: list = []
    if spec.appendix:
        corner = [
            Paragraph(spec.appendix, st.header_small),
            Paragraph(f"до {esc(ORDER_NAME)}", st.header_small),
        ]
        story.append(right_block(corner, width, 95 * mm))
        story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(spec.title, st.title))
    story.append(Paragraph(esc(spec.subtitle), st.subtitle))
    place = ", ".join(p for p in (profile.cnap_name, profile.community_name) if p)
    if place:
        story.append(Paragraph(esc(place), st.caption.clone("place", fontSize=9, leading=11)))
    story.append(
        Paragraph(esc(period_text(day_from, day_to)), st.caption.clone("period", fontSize=9, leading=11))
    )
    story.append(Spacer(1, 4 * mm))

    table_rows = rows(spec, entries)
    col_widths = fit_widths(spec, table_rows, width)
    header = [Paragraph(c.head_markup, st.cell_head) for c in spec.columns]
    numbers = [Paragraph(str(i), st.cell_num) for i in range(1, len(spec.columns) + 1)]
    data: list[list[Any]] = [header, numbers]
    min_height = Spacer(1, spec.min_row_height_mm * mm) if spec.min_row_height_mm else None
    for values in table_rows:
        line: list[Any] = []
        for col, v in zip(spec.columns, values, strict=True):
            if col.signature and min_height is not None:
                line.append(min_height)
            else:
                line.append(Paragraph(esc(cell_text(v)), st.cell))
        data.append(line)
    empty = not entries
    if empty:
        data.append([Paragraph("Записів за цей період немає.", st.cell)] + [""] * (len(spec.columns) - 1))
    table = LongTable(data, colWidths=col_widths, repeatRows=2, splitByRow=True)
    cmds = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#EEEEEE")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 1), (-1, 1), 0.5),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 1),
    ]
    if empty:
        cmds.append(("SPAN", (0, 2), (-1, 2)))
    table.setStyle(TableStyle(cmds))
    story.append(table)
    footer = f"{spec.short_name} · {period_text(day_from, day_to)}"
    return build_pdf(
        story, pagesize=PAGE, margins=MARGINS, title=spec.short_name, subject=spec.subtitle, footer=footer
    )


def render_handover_journal(
    entries: Sequence[HandoverEntry], profile: CommunityProfile, day_from: date | None, day_to: date | None
) -> bytes:
    """Додаток 1: the kit hand-over journal, landscape A4 PDF."""
    return _render(handover_spec(profile), entries, profile, day_from, day_to)


def render_services_journal(
    entries: Sequence[ServiceJournalEntry],
    profile: CommunityProfile,
    day_from: date | None,
    day_to: date | None,
) -> bytes:
    """Додаток 3: the journal of services rendered on the mobile workplace, landscape A4 PDF."""
    return _render(services_spec(profile), entries, profile, day_from, day_to)


def render_acts_journal(
    acts: Sequence[Act], profile: CommunityProfile, day_from: date | None, day_to: date | None
) -> bytes:
    """The journal of acts of impossibility, landscape A4 PDF."""
    return _render(acts_spec(profile), acts, profile, day_from, day_to)
