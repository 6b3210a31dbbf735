"""Scanned pages → one multi-page A4 PDF (reportlab), compressed for the file store.

Every PDF page is A4 (portrait, or landscape for a landscape page wider than 210 mm). A page that is physically no larger
than A4 (an ID card, an A5 certificate) is placed at its real size at the top of the sheet, so a printout
is 1:1; a larger one (a camera photo at an unknown scale) is fitted into the sheet with 5 mm margins.

Each image is embedded as JPEG (DCTDecode, greyscale for grey pages): quality ``JPEG_QUALITY``, and if
the page is still larger than ``PAGE_BUDGET`` the quality steps down and then the resolution drops to
``FALLBACK_DPI`` — a page of text at 200–300 dpi stays under 300 KB.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

from mobile_case.devices.scanner.base import MM_PER_INCH, ColorMode
from mobile_case.devices.scanner.imaging import rotate_quarters, to_pil

A4_MM = (210.0, 297.0)
MM = 72 / MM_PER_INCH  # points per mm
MARGIN_MM = 5.0
JPEG_QUALITY = 70
PAGE_BUDGET = 280_000  # bytes of image data per page (the PDF's own overhead is ~1 KB a page)
QUALITY_STEPS = (70, 60, 50, 40)
FALLBACK_DPI = 200


@dataclass(frozen=True)
class PdfPage:
    """One page to put in the PDF: the encoded image, its resolution and a clockwise rotation."""

    data: bytes
    dpi: int
    color: ColorMode = ColorMode.COLOR
    quarter_turns: int = 0


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def compress(image: Image.Image, dpi: int, budget: int = PAGE_BUDGET) -> tuple[bytes, int]:
    """JPEG bytes of ``image`` within ``budget`` if the quality steps and the fallback resolution allow;
    returns (jpeg, the resolution of the encoded image)."""
    data = b""
    for quality in QUALITY_STEPS:
        data = _jpeg(image, quality)
        if len(data) <= budget:
            return data, dpi
    if dpi > FALLBACK_DPI:
        scale = FALLBACK_DPI / dpi
        smaller = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                               Image.Resampling.LANCZOS)  # fmt: skip
        for quality in QUALITY_STEPS:
            data = _jpeg(smaller, quality)
            if len(data) <= budget:
                break
        return data, FALLBACK_DPI
    return data, dpi


def prepare(page: PdfPage) -> tuple[bytes, int, int, int]:
    """(jpeg, width px, height px, dpi) of a page: rotated, in its colour mode, compressed."""
    image = rotate_quarters(to_pil(page.data), page.quarter_turns)
    image = image.convert("L" if page.color is ColorMode.GRAY or image.mode in ("L", "1", "LA") else "RGB")
    data, dpi = compress(image, page.dpi)
    w, h = Image.open(io.BytesIO(data)).size
    return data, w, h, dpi


def pages_to_pdf(pages: Sequence[PdfPage], title: str = "", author: str = "") -> bytes:
    """One A4 PDF with a page per scanned page (in order)."""
    if not pages:
        raise ValueError("no pages")
    from reportlab.lib.utils import ImageReader  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(A4_MM[0] * MM, A4_MM[1] * MM), pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    pdf.setCreator("Мобільний кейс ЦНАП")
    for page in pages:
        data, w_px, h_px, dpi = prepare(page)
        w_mm, h_mm = w_px / dpi * MM_PER_INCH, h_px / dpi * MM_PER_INCH
        landscape = w_mm > h_mm and w_mm > A4_MM[0] + 0.5  # small pages (an ID card) stay on portrait A4
        sheet_w, sheet_h = (A4_MM[1], A4_MM[0]) if landscape else A4_MM
        pdf.setPageSize((sheet_w * MM, sheet_h * MM))
        room_w, room_h = sheet_w - 2 * MARGIN_MM, sheet_h - 2 * MARGIN_MM
        if w_mm <= sheet_w + 0.5 and h_mm <= sheet_h + 0.5:  # real size, at the top centre
            draw_w, draw_h = min(w_mm, sheet_w), min(h_mm, sheet_h)
            top = 0.0 if draw_h >= sheet_h - 2 * MARGIN_MM else MARGIN_MM * 2
        else:  # fit into the sheet
            scale = min(room_w / w_mm, room_h / h_mm)
            draw_w, draw_h = w_mm * scale, h_mm * scale
            top = MARGIN_MM
        x = (sheet_w - draw_w) / 2
        y = sheet_h - top - draw_h
        pdf.drawImage(ImageReader(io.BytesIO(data)), x * MM, y * MM, draw_w * MM, draw_h * MM)
        pdf.showPage()
    pdf.save()
    return out.getvalue()
