"""The Cyrillic font of every PDF: DejaVu Sans from ``resources/fonts/``, registered with reportlab once.

reportlab's built-in Helvetica has no Cyrillic (every letter would print as a box), so all documents use
the family registered here. Registration is process-wide and guarded by a lock, so documents may be
rendered from any worker thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mobile_case.domain.errors import DomainError
from mobile_case.profiles import resources_dir

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontMissing(DomainError):
    """The shipped font files are not where the application expects them (a broken installation)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"font file missing: {path}",
            f"Не знайдено файл шрифту «{path.name}» для друкованих документів. Перевстановіть програму "
            "«Мобільний кейс» або зверніться до ІТ-фахівця ЦНАП.",
        )


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> str:
    """Register the DejaVu Sans family (once per process) and return its family name."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        folder = fonts_dir()
        for name, filename in _FILES.items():
            path = folder / filename
            if not path.is_file():
                raise FontMissing(path)
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # <b>, <i> and <b><i> inside Paragraph markup pick the right face.
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
    return FAMILY
