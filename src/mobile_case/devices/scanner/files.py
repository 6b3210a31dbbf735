"""Pages from files: a photo or scan the citizen sent (JPEG, PNG, TIFF — multi-page too, BMP, WebP), or
a PDF (each page rendered with QtPdf, which ships in PySide6-Addons on Windows and Linux alike —
poppler's ``pdftoppm`` is not there on Windows).

Images keep their own resolution when the file records one (else ``settings.dpi`` is assumed); a
photo of a document goes through the camera pipeline — page edges, perspective, contrast — when
``as_photo`` is set, or (``as_photo=None``, the default) when the file looks like one: no scanner
resolution recorded (none, or a camera's/screen's 72 or 96 dpi) and a sheet of the chosen paper's
proportions found on a background. PDF pages are rendered at ``settings.dpi`` in a
short-lived child process: QtPdf's render holds Python's GIL for the whole page (~60–100 ms at 200 dpi,
which would stall the GUI thread), and a malformed PDF that crashes the renderer cannot take the app
down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from mobile_case.devices.scanner.base import (
    PAPER_MM,
    ScannedPage,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)
from mobile_case.devices.scanner.imaging import dpi_of, page_from_array

BACKEND = "file"
MAX_PAGES = 50
MAX_PIXELS = 60_000_000  # a 600 dpi A3 is ~70 MP: larger files are refused, not decoded
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".gif")
PDF_SUFFIXES = (".pdf",)

NOT_READABLE = (
    "Файл «{name}» не вдалося прочитати як зображення або PDF. Виберіть файл JPEG, PNG, TIFF або PDF."
)
TOO_LARGE = "Файл «{name}» завеликий ({pages} сторінок, більше {limit}). Розділіть його або виберіть потрібні сторінки."
NO_FILE = "Файл «{name}» не знайдено або до нього немає доступу."
PDF_LOCKED = "PDF «{name}» захищено паролем. Попросіть файл без пароля або роздрукуйте й відскануйте його."


def _error(template: str, path: Path, log: str, **kw: object) -> ScannerError:
    return ScannerError(ScannerErrorKind.UNSUPPORTED, log, template.format(name=path.name, **kw))


CAMERA_DPI = (0, 72, 96)  # what cameras and screens record: not a scan's resolution
RATIO_TOLERANCE = 0.10  # A4 (1.414) and ID-1 (1.586) differ by 12 %


def _looks_like_photo(bgr: np.ndarray, recorded_dpi: int, settings: ScanSettings) -> bool:
    """A camera picture of a sheet on a background (not a scan): see the module's docstring."""
    if recorded_dpi not in CAMERA_DPI:
        return False
    from mobile_case.devices.scanner.camera import find_page, order_corners  # noqa: PLC0415

    corners = find_page(bgr)
    if corners is None:
        return False
    c = order_corners(corners)
    sides = [float(np.hypot(*(c[(i + 1) % 4] - c[i]))) for i in range(4)]
    long_side, short_side = (
        max(sides[0] + sides[2], sides[1] + sides[3]),
        min(sides[0] + sides[2], sides[1] + sides[3]),
    )
    w_mm, h_mm = PAPER_MM[settings.paper]
    paper = max(w_mm, h_mm) / min(w_mm, h_mm)
    # a sheet of other proportions (an ID card under the A4 setting) is left as it is, not stretched
    return abs(long_side / max(short_side, 1.0) - paper) / paper <= RATIO_TOLERANCE


def _image_pages(path: Path, settings: ScanSettings, as_photo: bool | None) -> list[ScannedPage]:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as image:
            frames = []
            for i, frame in enumerate(ImageSequence.Iterator(image)):
                if i >= MAX_PAGES:
                    raise _error(TOO_LARGE, path, "too many frames", pages=f"{i + 1}+", limit=MAX_PAGES)
                from PIL import ImageOps  # noqa: PLC0415

                frame = ImageOps.exif_transpose(frame) or frame
                frames.append((frame.convert("RGB"), dpi_of(image, 0)))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise _error(NOT_READABLE, path, f"image not readable: {type(exc).__name__}") from exc
    pages = []
    for frame, recorded_dpi in frames:
        bgr = np.ascontiguousarray(np.asarray(frame)[:, :, ::-1])
        dpi = recorded_dpi or settings.dpi
        if as_photo or (as_photo is None and _looks_like_photo(bgr, recorded_dpi, settings)):
            from mobile_case.devices.scanner.camera import document_from_photo  # noqa: PLC0415

            bgr, _corners = document_from_photo(bgr, settings)
            dpi = settings.dpi
        pages.append(page_from_array(bgr, dpi, settings.color, settings.image_format, settings.jpeg_quality))
    return pages


PDF_TIMEOUT = 120.0  # s for a whole PDF
PDF_FAILED = "PDF «{name}» не вдалося відкрити: програма перегляду PDF зупинилася. Спробуйте інший файл."


def _pdf_child(conn: Any, path: str, settings: ScanSettings) -> None:  # runs in the child process
    try:
        conn.send(("ok", _render_pdf(Path(path), settings)))
    except ScannerError as exc:
        conn.send(("error", exc.kind.value, str(exc), exc.user_message))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as a failure
        conn.send(("failed", type(exc).__name__))
    finally:
        conn.close()


def _pdf_pages(path: Path, settings: ScanSettings) -> list[ScannedPage]:
    """Render in a child process (see the module's docstring)."""
    import multiprocessing  # noqa: PLC0415

    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=_pdf_child, args=(sender, str(path), settings), name="pdf-import", daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(PDF_TIMEOUT):
            raise _error(PDF_FAILED, path, "pdf render timed out")
        try:
            message = receiver.recv()
        except EOFError:
            raise _error(PDF_FAILED, path, "pdf render process died") from None
    finally:
        receiver.close()
        process.join(2)
        if process.is_alive():
            process.kill()
            process.join()
    if message[0] == "ok":
        return message[1]
    if message[0] == "error":
        _tag, kind, log, user = message
        raise ScannerError(ScannerErrorKind(kind), log.split(": ", 2)[-1], user)
    raise _error(PDF_FAILED, path, f"pdf render failed: {message[1]}")


def _render_pdf(path: Path, settings: ScanSettings) -> list[ScannedPage]:
    from PySide6.QtCore import QSize  # noqa: PLC0415
    from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415

    document = QPdfDocument()
    try:
        result = document.load(str(path))
        if result == QPdfDocument.Error.IncorrectPassword:
            raise _error(PDF_LOCKED, path, "pdf needs a password")
        if result != QPdfDocument.Error.None_ or document.pageCount() == 0:
            raise _error(NOT_READABLE, path, f"pdf not loaded: {result}")
        count = document.pageCount()
        if count > MAX_PAGES:
            raise _error(TOO_LARGE, path, "too many pages", pages=count, limit=MAX_PAGES)
        pages = []
        for index in range(count):
            points = document.pagePointSize(index)
            w = max(1, round(points.width() / 72 * settings.dpi))
            h = max(1, round(points.height() / 72 * settings.dpi))
            image = document.render(index, QSize(w, h))
            if image.isNull():
                raise _error(NOT_READABLE, path, f"pdf page {index} not rendered")
            pages.append(_qimage_page(image, settings))
        return pages
    finally:
        document.close()


def _qimage_page(image: object, settings: ScanSettings) -> ScannedPage:
    from PySide6.QtGui import QImage  # noqa: PLC0415

    assert isinstance(image, QImage)
    # transparent areas of a PDF page are paper: draw on white
    rgb = QImage(image.size(), QImage.Format.Format_RGB888)
    rgb.fill(0xFFFFFF)
    from PySide6.QtGui import QPainter  # noqa: PLC0415

    painter = QPainter(rgb)
    painter.drawImage(0, 0, image)
    painter.end()
    w, h = rgb.width(), rgb.height()
    buffer = np.frombuffer(rgb.constBits(), np.uint8, count=rgb.bytesPerLine() * h).reshape(
        h, rgb.bytesPerLine()
    )
    arr = buffer[:, : w * 3].reshape(h, w, 3)[:, :, ::-1].copy()  # RGB -> BGR
    return page_from_array(arr, settings.dpi, settings.color, settings.image_format, settings.jpeg_quality)


def import_file(
    path: Path | str, settings: ScanSettings, *, as_photo: bool | None = None
) -> list[ScannedPage]:
    """The pages of an image or PDF file. Slow for big files: call from a worker. Raises ScannerError
    (UNSUPPORTED with a Ukrainian message naming the file) when the file cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise ScannerError(ScannerErrorKind.NO_DEVICE, "file not found", NO_FILE.format(name=path.name))
    with path.open("rb") as fh:
        head = fh.read(5)
    if head.startswith(b"%PDF") or path.suffix.lower() in PDF_SUFFIXES:
        return _pdf_pages(path, settings)
    return _image_pages(path, settings, as_photo)
