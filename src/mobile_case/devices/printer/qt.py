"""The real printer: Qt's print system (any installed printer on Windows, CUPS queues on Linux).

``QPrinterInfo`` lists the printers and their state; ``QPdfDocument`` (QtPdf) renders each page of the
PDF at the printer's resolution (at most ``max_dpi``) and ``QPainter`` draws it on a ``QPrinter``. No widget
is involved, so ``print_pdf`` runs in a worker thread (Qt documents QPainter on a QPrinter or a QImage as
usable outside the GUI thread); it needs a running ``QGuiApplication``/``QApplication`` in the process.
"""

from __future__ import annotations

import logging
import threading
import uuid

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.printer.base import KIND, PrinterError, PrinterErrorKind, check_pdf

log = logging.getLogger(__name__)

DEFAULT_MAX_DPI = 300  # a 300 dpi A4 page is 2480 × 3508 pixels: sharp on paper, 35 MB in memory
_PRINT_LOCK = threading.Lock()  # one job at a time per process: pages of two jobs never interleave in memory


def _qt():
    """Import Qt's print support and QtPdf lazily: a machine without them still runs the app."""
    try:
        from PySide6 import QtCore, QtGui, QtPdf, QtPrintSupport  # noqa: PLC0415
    except ImportError as exc:
        raise PrinterError(PrinterErrorKind.NO_QT, "", f"Qt print support unavailable: {exc}") from exc
    return QtCore, QtGui, QtPdf, QtPrintSupport


def available_printers() -> list[str]:
    """Names of the printers installed in the system (Windows printers, CUPS queues)."""
    _core, _gui, _pdf, ps = _qt()
    return list(ps.QPrinterInfo.availablePrinterNames())


def default_printer_name() -> str:
    """The system's default printer ("" when there is none)."""
    _core, _gui, _pdf, ps = _qt()
    return ps.QPrinterInfo.defaultPrinterName()


class QtPrinter:
    backend = "qt"

    def __init__(self, printer_name: str = "", *, max_dpi: int = DEFAULT_MAX_DPI) -> None:
        """``printer_name`` as the system shows it; "" = the system's default printer (or the only one)."""
        self._wanted = printer_name
        self.max_dpi = max_dpi

    @property
    def name(self) -> str:
        if self._wanted:
            return self._wanted
        try:
            return self._info().printerName()
        except PrinterError:
            return ""

    def _info(self):
        _core, _gui, _pdf, ps = _qt()
        names = list(ps.QPrinterInfo.availablePrinterNames())
        if self._wanted:
            if self._wanted not in names:
                raise PrinterError(PrinterErrorKind.NOT_FOUND, self._wanted, "chosen printer not installed")
            return ps.QPrinterInfo.printerInfo(self._wanted)
        if not names:
            raise PrinterError(PrinterErrorKind.NO_PRINTER, "", "no printers installed")
        info = ps.QPrinterInfo.defaultPrinter()
        if info.isNull():
            info = ps.QPrinterInfo.printerInfo(names[0])
        return info

    def status(self) -> DeviceStatus:
        try:
            info = self._info()
        except PrinterError as exc:
            return DeviceStatus(
                KIND, self._wanted or "Принтер", DeviceState.MISSING, self.backend, exc.user_message
            )
        _core, _gui, _pdf, ps = _qt()
        name = info.printerName()
        state = info.state()
        if state == ps.QPrinter.PrinterState.Idle:
            return DeviceStatus(
                KIND, name, DeviceState.READY, self.backend, f"Принтер «{name}» готовий до друку."
            )
        if state == ps.QPrinter.PrinterState.Active:
            return DeviceStatus(
                KIND,
                name,
                DeviceState.READY,
                self.backend,
                f"Принтер «{name}» готовий (друкує попереднє завдання).",
            )
        return DeviceStatus(
            KIND,
            name,
            DeviceState.FAILING,
            self.backend,
            PrinterError(PrinterErrorKind.STOPPED, name).user_message,
        )

    def print_pdf(self, pdf: bytes, title: str) -> str:
        check_pdf(pdf, self._wanted)
        core, gui, qtpdf, ps = _qt()
        if not isinstance(gui.QGuiApplication.instance(), gui.QGuiApplication):
            raise PrinterError(PrinterErrorKind.NO_QT, self._wanted, "no QGuiApplication in this process")
        info = self._info()
        name = info.printerName()
        if info.state() in (ps.QPrinter.PrinterState.Error, ps.QPrinter.PrinterState.Aborted):
            raise PrinterError(PrinterErrorKind.STOPPED, name, f"printer state {info.state().name}")

        data = core.QByteArray(bytes(pdf))
        buffer = core.QBuffer(data)
        buffer.open(core.QIODevice.OpenModeFlag.ReadOnly)
        document = qtpdf.QPdfDocument()
        try:
            document.load(buffer)
            if document.status() != qtpdf.QPdfDocument.Status.Ready or document.pageCount() < 1:
                raise PrinterError(
                    PrinterErrorKind.INVALID_DOCUMENT, name, f"QtPdf status {document.status().name}"
                )
            pages = document.pageCount()
            with _PRINT_LOCK:
                self._print_document(document, info, title, core, gui, ps)
        finally:
            document.close()
            buffer.close()
        job_id = f"qt-{uuid.uuid4().hex[:12]}"
        log.info("printed job %s: %d page(s) through Qt", job_id, pages)
        return job_id

    def _print_document(self, document, info, title: str, core, gui, ps) -> None:
        name = info.printerName()
        printer = ps.QPrinter(info, ps.QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setCreator("Мобільний кейс")
        printer.setFullPage(True)
        first = document.pagePointSize(0)
        landscape = first.width() > first.height()
        portrait_size = core.QSizeF(min(first.width(), first.height()), max(first.width(), first.height()))
        printer.setPageSize(
            gui.QPageSize(
                portrait_size, gui.QPageSize.Unit.Point, "", gui.QPageSize.SizeMatchPolicy.FuzzyMatch
            )
        )
        printer.setPageOrientation(
            gui.QPageLayout.Orientation.Landscape if landscape else gui.QPageLayout.Orientation.Portrait
        )
        dpi = max(72, min(printer.resolution(), self.max_dpi))
        painter = gui.QPainter()
        if not painter.begin(printer):
            raise PrinterError(PrinterErrorKind.JOB_FAILED, name, "QPainter.begin on the printer failed")
        ended = False
        try:
            for index in range(document.pageCount()):
                if index and not printer.newPage():
                    raise PrinterError(
                        PrinterErrorKind.JOB_FAILED, name, f"newPage failed at page {index + 1}"
                    )
                image = self._page_image(document, index, dpi, landscape, core, gui)
                target = painter.viewport()
                painter.drawImage(_fit(target, image.size(), core), image)
            ended = True
        finally:
            finished = painter.end()
        if not (ended and finished) or printer.printerState() in (
            ps.QPrinter.PrinterState.Error,
            ps.QPrinter.PrinterState.Aborted,
        ):
            raise PrinterError(
                PrinterErrorKind.JOB_FAILED, name, f"job ended in state {printer.printerState().name}"
            )

    @staticmethod
    def _page_image(document, index: int, dpi: int, landscape: bool, core, gui):
        """The page as an opaque white image at ``dpi``, turned to the paper's orientation."""
        points = document.pagePointSize(index)
        size = core.QSize(max(1, round(points.width() / 72 * dpi)), max(1, round(points.height() / 72 * dpi)))
        rendered = document.render(index, size)  # transparent where the page is blank
        page = gui.QImage(size, gui.QImage.Format.Format_RGB32)
        page.fill(core.Qt.GlobalColor.white)
        p = gui.QPainter(page)
        p.drawImage(0, 0, rendered)
        p.end()
        if (points.width() > points.height()) != landscape:
            page = page.transformed(gui.QTransform().rotate(90))
        return page


def _fit(target, size, core):
    """The largest rectangle of ``size``'s aspect ratio centred in ``target``."""
    scaled = size.scaled(target.size(), core.Qt.AspectRatioMode.KeepAspectRatio)
    x = target.x() + (target.width() - scaled.width()) // 2
    y = target.y() + (target.height() - scaled.height()) // 2
    return core.QRect(x, y, scaled.width(), scaled.height())
