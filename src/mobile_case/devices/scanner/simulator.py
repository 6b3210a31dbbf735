"""A simulated scanner that renders realistic document pages with QPainter (offscreen, QtGui only).

A4 gives a certificate-like page (header, title, numbered paragraphs, signature line and a round stamp);
ID_CARD gives the front of a demo ID card (the people of ``cardreader.demo_people``). Text is drawn when
a QGuiApplication exists (fonts need one); otherwise text lines are drawn as grey bars, as a page looks
from afar. Each page is marked ``simulated=True``.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.cardreader.demo_people import DEMO_CARDS, DemoCard
from mobile_case.devices.cardreader.simulator import portrait_jpeg
from mobile_case.devices.qtimage import decode, gui_available
from mobile_case.devices.scanner.base import (
    KIND,
    MIME,
    MM_PER_INCH,
    ColorMode,
    PaperSize,
    ScannedPage,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)

BACKEND = "simulator"

_A4_TEXT = [
    "Видано на підтвердження того, що зазначена особа перебуває на обліку в управлінні соціального "
    "захисту населення та отримує призначені їй соціальні виплати в повному обсязі.",
    "Підстава: особова справа, рішення управління від 12.01.2026 № 14, відомості Єдиного державного "
    "реєстру осіб з інвалідністю станом на дату видачі довідки.",
    "Довідку видано для подання до Центру надання адміністративних послуг за місцем проживання особи "
    "для отримання адміністративної послуги на мобільному робочому місці.",
    "Довідка дійсна протягом трьох місяців від дати видачі. Відомості, наведені в ній, не можуть бути "
    "передані третім особам без згоди особи, крім випадків, визначених законом.",
    "У разі зміни обставин, що впливають на право на отримання виплат, особа зобов'язана повідомити "
    "управління протягом десяти днів.",
]


@dataclass
class SimulatedScannerConfig:
    name: str = "Симульований сканер"
    pages: int = 1  # A4 pages per scan (an automatic document feeder)
    card_index: int = 0  # which demo ID card lies on the glass for ID_CARD scans
    fail_with: ScannerErrorKind | None = None
    unplug_after: int | None = None  # the cable is pulled after this many pages of a scan
    time_scale: float = 1.0  # 0 = instant (tests), 1 = realistic
    seed: int = 7


def _encode(image: QImage, settings: ScanSettings) -> bytes:
    """Encode a rendered page. JPEG through OpenCV, which releases Python's GIL for the colour conversion
    and the encoding (Pillow's JPEG encoder and ``QImage.convertToFormat``/``save`` hold it for the whole
    page and stall the GUI thread while a scan runs in a worker); the resolution goes into the JFIF
    header. PNG through Pillow."""
    import numpy as np  # noqa: PLC0415

    from mobile_case.devices.scanner.base import ImageFormat  # noqa: PLC0415

    grey = image.format() == QImage.Format.Format_Grayscale8
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), np.uint8, stride * h).reshape(h, stride)
    array = pixels[:, :w] if grey else pixels[:, : 4 * w].reshape(h, w, 4)  # RGB32 is B, G, R, 0xFF
    if settings.image_format is ImageFormat.JPEG:
        import cv2  # noqa: PLC0415

        if not grey:
            array = cv2.cvtColor(array, cv2.COLOR_BGRA2BGR)
        ok, buffer = cv2.imencode(
            ".jpg", array, [cv2.IMWRITE_JPEG_QUALITY, settings.jpeg_quality, cv2.IMWRITE_JPEG_OPTIMIZE, 1]
        )
        if ok:
            return _with_jfif_dpi(buffer.tobytes(), settings.dpi)
    from PIL import Image  # noqa: PLC0415

    from mobile_case.devices.scanner.imaging import encode_pil  # noqa: PLC0415

    pil = Image.fromarray(np.ascontiguousarray(array if grey else array[:, :, 2::-1]), "L" if grey else "RGB")
    return encode_pil(pil, settings.image_format, settings.dpi, settings.jpeg_quality)


def _with_jfif_dpi(jpeg: bytes, dpi: int) -> bytes:
    """The JPEG with its JFIF APP0 density set to ``dpi`` dots per inch (libjpeg writes 1:1, no unit)."""
    if jpeg[:4] == b"\xff\xd8\xff\xe0" and jpeg[6:11] == b"JFIF\x00":
        d = max(1, min(65535, int(dpi))).to_bytes(2, "big")
        return jpeg[:13] + b"\x01" + d + d + jpeg[18:]
    return jpeg


def _pt(dpi: int, points: float) -> int:
    return max(1, round(points / 72 * dpi))


def _mm(dpi: int, mm: float) -> float:
    return mm / MM_PER_INCH * dpi


class SimulatedScanner:
    backend = BACKEND

    def __init__(self, config: SimulatedScannerConfig | None = None) -> None:
        self.config = config or SimulatedScannerConfig()
        self._busy = threading.Lock()

    def sources(self) -> list[str]:
        if self.config.fail_with is ScannerErrorKind.NO_DEVICE:
            return []
        return [self.config.name]

    def status(self) -> DeviceStatus:
        if self.config.fail_with is ScannerErrorKind.NO_DEVICE:
            return DeviceStatus(
                KIND,
                self.config.name,
                DeviceState.MISSING,
                BACKEND,
                "Симулятор: сканер «від'єднано» (налаштована помилка).",
            )
        return DeviceStatus(
            KIND,
            self.config.name,
            DeviceState.SIMULATED,
            BACKEND,
            "Симулятор сканера: сторінки-зразки документів.",
        )

    def scan(self, settings: ScanSettings, source: str | None = None) -> list[ScannedPage]:
        if source is not None and source != self.config.name:
            raise ScannerError(ScannerErrorKind.NO_DEVICE, "unknown simulated source")
        fail = self.config.fail_with
        if fail is not None:
            if fail is not ScannerErrorKind.CANCELLED:
                time.sleep(0.3 * self.config.time_scale)
            raise ScannerError(fail, "simulated failure")
        if not self._busy.acquire(blocking=False):
            raise ScannerError(ScannerErrorKind.BUSY, "a simulated scan is already running")
        try:
            pages = []
            count = self.config.pages if settings.paper is PaperSize.A4 else 1
            for number in range(1, count + 1):
                if self.config.unplug_after is not None and number > self.config.unplug_after:
                    raise ScannerError(
                        ScannerErrorKind.IO, f"simulated unplug after {len(pages)} pages", pages=pages
                    )
                w, h = settings.size_px
                # a portable sheet-fed scanner: roughly 4 s for an A4 colour page at 200 dpi
                time.sleep(
                    self.config.time_scale
                    * 4.0
                    * (w * h)
                    / (1654 * 2339)
                    * (1.0 if settings.color is ColorMode.COLOR else 0.6)
                )
                if settings.paper is PaperSize.A4:
                    image = self._a4(settings, number, count)
                else:
                    image = self._id_card(settings, DEMO_CARDS[self.config.card_index % len(DEMO_CARDS)])
                if settings.color is ColorMode.GRAY:
                    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
                data = _encode(image, settings)
                pages.append(
                    ScannedPage(
                        data,
                        MIME[settings.image_format],
                        image.width(),
                        image.height(),
                        settings.dpi,
                        settings.color,
                        simulated=True,
                    )  # fmt: skip
                )
            return pages
        finally:
            self._busy.release()

    # --- page rendering ----------------------------------------------------------------------------
    def _a4(self, settings: ScanSettings, number: int, count: int) -> QImage:
        dpi = settings.dpi
        w, h = settings.size_px
        rng = random.Random(self.config.seed * 1000 + number)
        image = QImage(w, h, QImage.Format.Format_RGB32)
        image.fill(QColor(250, 249, 244))
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = QColor(30, 30, 35)
        left, right = _mm(dpi, 25), w - _mm(dpi, 15)
        y = _mm(dpi, 20)
        text = gui_available()

        def block(
            txt: str, size: float = 11, bold: bool = False, center: bool = False, y_at: float | None = None
        ) -> None:
            """Draw a (wrapped) paragraph at y and move y below it; bars stand in for text without fonts."""
            nonlocal y
            top = y if y_at is None else y_at
            align = Qt.AlignmentFlag.AlignHCenter if center else Qt.AlignmentFlag.AlignLeft
            if text:
                font = QFont("DejaVu Sans")
                font.setPixelSize(_pt(dpi, size))
                font.setBold(bold)
                p.setFont(font)
                p.setPen(ink)
                flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
                rect = p.boundingRect(QRectF(left, top, right - left, h), flags, txt)
                p.drawText(rect, flags, txt)
                height = rect.height()
            else:
                chars_per_line = max(1, int((right - left) / (_pt(dpi, size) * 0.55)))
                rows = max(1, -(-len(txt) // chars_per_line))
                for i in range(rows):
                    frac = min(1.0, (len(txt) - i * chars_per_line) / chars_per_line)
                    bar_w = (right - left) * frac
                    x = left + ((right - left) - bar_w) / 2 if center else left
                    p.fillRect(QRectF(x, top + i * _pt(dpi, size) * 1.45 + _pt(dpi, size) * 0.35, bar_w,
                                      _pt(dpi, size) * 0.7), QColor(90, 90, 95))  # fmt: skip
                height = rows * _pt(dpi, size) * 1.45
            if y_at is None:
                y = top + height + _pt(dpi, size) * 0.45

        block("УКРАЇНА", 11, True, True)
        block("ЧОРТКІВСЬКА МІСЬКА РАДА", 12, True, True)
        block("УПРАВЛІННЯ СОЦІАЛЬНОГО ЗАХИСТУ НАСЕЛЕННЯ", 11, False, True)
        p.setPen(QPen(ink, max(1, dpi // 100)))
        p.drawLine(QPointF(left, y), QPointF(right, y))
        y += _pt(dpi, 11) * 1.2
        block(f"№ {100 + rng.randint(0, 800)}/0{number}   від 12.01.2026")
        y += _pt(dpi, 11)
        block("ДОВІДКА", 16, True, True)
        paragraphs = _A4_TEXT[:]
        rng.shuffle(paragraphs)
        for paragraph in paragraphs[: 3 + rng.randint(0, len(paragraphs) - 3)]:
            block(paragraph)
        bottom = h - _mm(dpi, 60)
        block("Начальник управління                ____________                О. В. Гуменюк", y_at=bottom)
        block(f"Сторінка {number} з {count} · зразок, створений симулятором сканера", 8, False, True,
              y_at=h - _mm(dpi, 15))  # fmt: skip
        # a round blue stamp over the signature
        stamp = QColor(40, 70, 170, 150)
        p.setPen(QPen(stamp, max(2, dpi // 60)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        cx, cy, r = left + (right - left) * 0.55, bottom + _mm(dpi, 4), _mm(dpi, 20)
        p.drawEllipse(QPointF(cx, cy), r, r)
        p.drawEllipse(QPointF(cx, cy), r * 0.62, r * 0.62)
        p.end()
        return image

    def _id_card(self, settings: ScanSettings, card: DemoCard) -> QImage:
        dpi = settings.dpi
        w, h = settings.size_px
        image = QImage(w, h, QImage.Format.Format_RGB32)
        image.fill(QColor(252, 252, 252))
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(214, 232, 236))
        p.drawRoundedRect(QRectF(1, 1, w - 2, h - 2), _mm(dpi, 3.2), _mm(dpi, 3.2))
        p.setBrush(QColor(190, 215, 225))
        p.drawRect(QRectF(0, 0, w, _mm(dpi, 9)))
        photo = decode(portrait_jpeg(card.photo_seed, card.sex == "F"))
        p.drawImage(QRectF(_mm(dpi, 4), _mm(dpi, 12), _mm(dpi, 26), _mm(dpi, 35)), photo)
        ink = QColor(25, 35, 60)
        x = _mm(dpi, 33)
        rows = [
            ("УКРАЇНА / UKRAINE", True, 7),
            ("ПАСПОРТ ГРОМАДЯНИНА УКРАЇНИ", True, 5),
            (f"{card.surname} / {card.surname_latin}", True, 6),
            (f"{card.given_names} {card.patronymic}", True, 6),
            (f"{card.birth_date:%d.%m.%Y}    {'Ж/F' if card.sex == 'F' else 'Ч/M'}    UKR", False, 5),
            (f"№ {card.document_number}    до {card.expiry_date:%d.%m.%Y}", False, 5),
            (f"УНЗР {card.unzr}", False, 5),
            (f"CAN {card.can}", False, 5),
        ]
        y = _mm(dpi, 1.5)
        for i, (txt, bold, size) in enumerate(rows):
            left = _mm(dpi, 4) if i < 2 else x
            if gui_available():
                font = QFont("DejaVu Sans")
                font.setPixelSize(_pt(dpi, size))
                font.setBold(bold)
                p.setFont(font)
                p.setPen(ink)
                p.drawText(QPointF(left, y + _pt(dpi, size)), txt)
            else:
                p.fillRect(
                    QRectF(
                        left, y + _pt(dpi, size) * 0.3, _pt(dpi, size) * 0.55 * len(txt), _pt(dpi, size) * 0.7
                    ),
                    ink,
                )
            y += _pt(dpi, size) * (1.5 if i else 1.9)
            if i == 1:
                y = _mm(dpi, 12)
        p.end()
        return image
