"""Shared page furniture for the forms: styles, the footer with «сторінка N з M», form fields with lines.

A printed Ukrainian form is text with values written on ruled lines and a small caption under each line
(«(підпис)», «(прізвище, ініціали)»). ``LinedParagraph`` draws a value that wraps onto as many ruled lines as
it needs; ``form_row`` lays labels, values and captions out in one row. Everything that holds variable text
is a platypus flowable, so long names and addresses wrap instead of running off the page.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from mobile_case.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts

PRODUCT = "Мобільний кейс"
NBSP = "\u00a0"
CHECKED = "\u2612"  # ☒
UNCHECKED = "\u2610"  # ☐


def esc(text: object) -> str:
    """Plain text → Paragraph markup: escapes &, <, > and keeps line breaks."""
    return escape(str(text)).replace("\n", "<br/>")


def box(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_justified: ParagraphStyle
    value: ParagraphStyle
    caption: ParagraphStyle
    label: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    header_small: ParagraphStyle
    italic: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_num: ParagraphStyle


@functools.cache
def styles(base_size: float = 10) -> Styles:
    register_fonts()
    leading = base_size * 1.3
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=base_size, leading=leading, alignment=TA_LEFT)
    return Styles(
        body=body,
        body_justified=ParagraphStyle("body_j", parent=body, alignment=4),
        value=ParagraphStyle("value", parent=body, leftIndent=2, rightIndent=2),
        caption=ParagraphStyle(
            "caption", fontName=REGULAR, fontSize=7, leading=8.5, alignment=TA_CENTER, textColor=colors.black
        ),
        label=ParagraphStyle("label", parent=body),
        title=ParagraphStyle(
            "title",
            fontName=BOLD,
            fontSize=base_size + 3,
            leading=(base_size + 3) * 1.25,
            alignment=TA_CENTER,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            fontName=BOLD,
            fontSize=base_size + 0.5,
            leading=(base_size + 0.5) * 1.3,
            alignment=TA_CENTER,
        ),
        header_small=ParagraphStyle(
            "header_small", fontName=REGULAR, fontSize=7.5, leading=9, alignment=TA_LEFT
        ),
        italic=ParagraphStyle(
            "italic", fontName=ITALIC, fontSize=base_size - 1, leading=(base_size - 1) * 1.3, alignment=4
        ),
        heading=ParagraphStyle("heading", fontName=BOLD, fontSize=base_size, leading=leading, spaceBefore=4),
        cell=ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=9.6),
        cell_head=ParagraphStyle("cell_head", fontName=BOLD, fontSize=7.5, leading=9, alignment=TA_CENTER),
        cell_num=ParagraphStyle("cell_num", fontName=REGULAR, fontSize=7, leading=8, alignment=TA_CENTER),
    )


class LinedParagraph(Paragraph):
    """A value written on ruled lines: one rule under every wrapped line, at least ``min_lines`` of them.

    An empty value gives empty ruled lines to write on by hand.
    """

    def __init__(self, text: str, style: ParagraphStyle, min_lines: int = 1, rule_width: float = 0.5) -> None:
        super().__init__(text or NBSP, style)
        self.min_lines = max(1, min_lines)
        self.rule_width = rule_width
        self._lines = 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        width, height = super().wrap(availWidth, availHeight)
        leading = self.style.leading
        self._lines = max(self.min_lines, round(height / leading) if height else 1)
        self.height = self._lines * leading
        return width, self.height

    def draw(self) -> None:
        super().draw()
        canv = self.canv
        leading = self.style.leading
        descent = self.style.fontSize * 0.28
        canv.saveState()
        canv.setLineWidth(self.rule_width)
        canv.setStrokeColor(colors.black)
        for i in range(self._lines):
            # the baseline of line i sits one font size plus i leadings under the top
            y = self.height - self.style.fontSize - i * leading - descent
            canv.line(0, y, self.width, y)
        canv.restoreState()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # a field is kept whole; the table row holding it moves to the next page


@dataclass(frozen=True)
class Part:
    """One piece of a form row: a fixed label, or a value on a ruled line with a caption under it."""

    text: str = ""  # markup (already escaped)
    caption: str = ""  # plain text, shown small under the line
    width: float | None = None  # None: labels fit their text, values share the rest
    value: bool = True
    min_lines: int = 1
    bold: bool = False


def label(text: str, width: float | None = None, bold: bool = False) -> Part:
    return Part(text=text, width=width, value=False, bold=bold)


def value(text: str, caption: str = "", width: float | None = None, min_lines: int = 1) -> Part:
    return Part(text=text, caption=caption, width=width, value=True, min_lines=min_lines)


def form_row(parts: Sequence[Part], total_width: float, st: Styles | None = None) -> Table:
    """Labels and ruled values side by side; captions in a second row under their values."""
    st = st or styles()
    widths: list[float | None] = []
    for p in parts:
        if p.width is not None:
            widths.append(p.width)
        elif not p.value:
            font = BOLD if p.bold else REGULAR
            plain = p.text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            widths.append(stringWidth(plain, font, st.body.fontSize) + 6)
        else:
            widths.append(None)
    fixed = sum(w for w in widths if w is not None)
    flexible = [i for i, w in enumerate(widths) if w is None]
    rest = max(total_width - fixed, 20 * mm)
    for i in flexible:
        widths[i] = rest / len(flexible)
    row: list[Flowable] = []
    captions: list[Flowable | str] = []
    has_caption = any(p.caption for p in parts)
    for p in parts:
        if p.value:
            row.append(LinedParagraph(p.text, st.value, min_lines=p.min_lines))
            captions.append(Paragraph(esc(p.caption), st.caption) if p.caption else "")
        else:
            text = f"<b>{p.text}</b>" if p.bold else p.text
            row.append(Paragraph(text, st.label))
            captions.append("")
    data = [row, captions] if has_caption else [row]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    cmds = [
        # labels stand level with the first line of a value that wraps
        ("VALIGN", (0, 0), (-1, 0), "TOP"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
    ]
    table.setStyle(TableStyle(cmds))
    return table


class _FooterCanvas(Canvas):
    """Defers each page so the footer can say «сторінка N з M» once the page count is known."""

    def __init__(self, *args: object, footer: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(REGULAR, 7.5)
        self.setFillColor(colors.HexColor("#444444"))
        parts = [PRODUCT] + ([self._footer] if self._footer else []) + [f"сторінка {number} з {total}"]
        self.drawCentredString(width / 2, 8 * mm, " · ".join(parts))
        self.restoreState()


@dataclass(frozen=True)
class Margins:
    left: float = 25 * mm
    right: float = 15 * mm
    top: float = 15 * mm
    bottom: float = 17 * mm


def build_pdf(
    story: list[Flowable],
    *,
    pagesize: tuple[float, float],
    title: str,
    footer: str,
    margins: Margins = Margins(),  # noqa: B008 (frozen dataclass)
    subject: str = "",
) -> bytes:
    """Lay the story out on pages of ``pagesize`` and return the PDF bytes (deterministic output)."""
    register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        title=title,
        author=PRODUCT,
        subject=subject,
        creator=PRODUCT,
        invariant=True,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=functools.partial(_FooterCanvas, footer=footer))
    return buf.getvalue()


def content_width(pagesize: tuple[float, float], margins: Margins = Margins()) -> float:  # noqa: B008
    return pagesize[0] - margins.left - margins.right


def right_block(paragraphs: Sequence[Paragraph], total_width: float, block_width: float) -> Table:
    """A block of paragraphs pushed to the right edge (the «Додаток N до Порядку» corner, the addressee)."""
    table = Table([["", list(paragraphs)]], colWidths=[total_width - block_width, block_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
