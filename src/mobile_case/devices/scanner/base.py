"""The document scanner: what the app may ask of it and what it gives back.

A scan is slow (seconds per A4 page): call ``scan`` from a worker thread. Pages come back as encoded
image bytes (PNG or JPEG) with their pixel size and resolution, ready for the content-addressed store.

Backends: ``simulator.SimulatedScanner`` (rendered document pages), ``sane_backend.SaneScanner``
(SANE on Linux), ``wia_backend.WiaScanner`` and ``twain_backend.TwainScanner`` (Windows),
``camera.CameraScanner`` (a camera with page detection); ``files.import_file`` reads pages from image
and PDF files. ``system.system_scanner()`` picks the platform's scanner.

A failure part-way through a feeder keeps what arrived: ``ScannerError.pages``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

from mobile_case.devices.base import DeviceStatus
from mobile_case.devices.errors import DeviceError
from mobile_case.domain.errors import ValidationError

KIND = "scanner"
MM_PER_INCH = 25.4
MIN_DPI = 75
MAX_DPI = 600


class ColorMode(StrEnum):
    COLOR = "color"
    GRAY = "gray"


class PaperSize(StrEnum):
    A4 = "a4"  # 210 × 297 mm
    ID_CARD = "id_card"  # ID-1, 85.6 × 53.98 mm (the ID card, a bank card)


PAPER_MM: dict[PaperSize, tuple[float, float]] = {
    PaperSize.A4: (210.0, 297.0),
    PaperSize.ID_CARD: (85.6, 53.98),
}


class ImageFormat(StrEnum):
    PNG = "png"
    JPEG = "jpeg"


MIME: dict[ImageFormat, str] = {ImageFormat.PNG: "image/png", ImageFormat.JPEG: "image/jpeg"}


class PaperSource(StrEnum):
    """Where the scanner takes the paper from."""

    AUTO = "auto"  # the device's default
    FLATBED = "flatbed"
    FEEDER = "feeder"  # an automatic document feeder (every page in it)


@dataclass(frozen=True)
class ScanSettings:
    color: ColorMode = ColorMode.COLOR
    dpi: int = 200
    paper: PaperSize = PaperSize.A4
    image_format: ImageFormat = ImageFormat.JPEG
    jpeg_quality: int = 85
    source: PaperSource = PaperSource.AUTO

    def __post_init__(self) -> None:
        # plain strings (from a settings file, a Qt item's data) become the enums
        for name, enum in (("color", ColorMode), ("paper", PaperSize), ("image_format", ImageFormat),
                           ("source", PaperSource)):  # fmt: skip
            object.__setattr__(self, name, enum(getattr(self, name)))
        if not MIN_DPI <= self.dpi <= MAX_DPI:
            raise ValidationError(
                "dpi", f"Роздільна здатність сканування має бути від {MIN_DPI} до {MAX_DPI} dpi."
            )
        if not 1 <= self.jpeg_quality <= 100:
            raise ValidationError("jpeg_quality", "Якість JPEG має бути від 1 до 100.")

    @property
    def size_px(self) -> tuple[int, int]:
        """The page size in pixels at this resolution."""
        w_mm, h_mm = PAPER_MM[self.paper]
        return round(w_mm / MM_PER_INCH * self.dpi), round(h_mm / MM_PER_INCH * self.dpi)


@dataclass(frozen=True)
class ScannedPage:
    data: bytes  # the encoded image
    mime: str  # image/png | image/jpeg
    width_px: int
    height_px: int
    dpi: int
    color: ColorMode
    simulated: bool = False  # True for pages rendered by the simulator (not a real document)

    @property
    def width_mm(self) -> float:
        return self.width_px / self.dpi * MM_PER_INCH

    @property
    def height_mm(self) -> float:
        return self.height_px / self.dpi * MM_PER_INCH


class ScannerErrorKind(StrEnum):
    NO_DEVICE = "no_device"
    BUSY = "busy"
    JAMMED = "jammed"
    NO_PAPER = "no_paper"
    COVER_OPEN = "cover_open"
    IO = "io"
    CANCELLED = "cancelled"
    UNSUPPORTED = "unsupported"


SCANNER_MESSAGES: dict[ScannerErrorKind, str] = {
    ScannerErrorKind.NO_DEVICE: "Сканер не знайдено. Підключіть сканер до USB-порту, увімкніть його й спробуйте ще раз.",
    ScannerErrorKind.BUSY: "Сканер зайнятий іншою програмою або попереднім скануванням. Зачекайте й спробуйте ще раз.",
    ScannerErrorKind.JAMMED: "У сканері застряг папір. Обережно вийміть аркуш і повторіть сканування.",
    ScannerErrorKind.NO_PAPER: "У пристрої подачі немає документа. Покладіть документ і повторіть сканування.",
    ScannerErrorKind.COVER_OPEN: "Кришку сканера відкрито. Закрийте її й повторіть сканування.",
    ScannerErrorKind.IO: "Помилка зв'язку зі сканером. Перепідключіть кабель USB і повторіть сканування.",
    ScannerErrorKind.CANCELLED: "Сканування скасовано.",
    ScannerErrorKind.UNSUPPORTED: "Сканер не підтримує вибрані налаштування. Спробуйте іншу роздільну здатність "
    "або кольоровість.",
}


class ScannerError(DeviceError):
    device = KIND

    def __init__(
        self,
        kind: ScannerErrorKind,
        log_message: str = "",
        user_message: str | None = None,
        pages: list[ScannedPage] | None = None,
    ) -> None:
        super().__init__(kind, log_message or kind.value, user_message or SCANNER_MESSAGES[kind])
        self.pages: list[ScannedPage] = list(pages or [])  # pages that arrived before the failure


@runtime_checkable
class Scanner(Protocol):
    backend: str

    def sources(self) -> list[str]:
        """Names of the scanners (or their sources) that can be used now ([] when none)."""
        ...

    def status(self) -> DeviceStatus: ...

    def scan(self, settings: ScanSettings, source: str | None = None) -> list[ScannedPage]:
        """Scan one document (one page on a flatbed, every page in a feeder). Slow: call from a worker.
        Raises ``ScannerError``."""
        ...
