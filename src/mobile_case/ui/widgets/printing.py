"""Showing, printing and saving a PDF made by the services (the application, the act, a journal).

Shared by every room (intake's Додаток 2, the visit's application and act, the journals); first written
by ui-visit as ``ui/visit/printing.py`` and moved here at ui-intake's request so all rooms use one copy.

``PdfPreview`` shows a PDF (bytes) with QtPdf's ``QPdfView``. ``DocumentPanel`` is the row of buttons
under a document — print, preview, save as PDF — with a status line; it gets the PDF from a function
run on the database worker (the services render and store it), prints it through the device
registry's printer in an I/O worker and writes the file chosen in a save dialog in an I/O worker.
The GUI thread never renders, prints or writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

from mobile_case.devices.base import DeviceState
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets.buttons import BigButton

log = logging.getLogger(__name__)


class PdfPreview(QWidget):
    """A PDF on screen: whole pages, fitted to the width, scrolled with a finger."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setStyleSheet("background: #8a939e;")
        layout.addWidget(self.view)
        self._buffer: QBuffer | None = None
        self._data = QByteArray()

    def set_pdf(self, data: bytes) -> bool:
        """Show ``data``; False when it is not a readable PDF."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self._data = QByteArray(data)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        ok = self.document.status() == QPdfDocument.Status.Ready and self.document.pageCount() > 0
        if not ok:
            log.warning("PDF preview could not load the document (status %s)", self.document.status())
        return ok

    def page_count(self) -> int:
        return self.document.pageCount()

    def clear(self) -> None:
        self.document.close()


def printer_status(devices: Any) -> tuple[bool, str, str]:
    """(can print, Ukrainian status message, printer name) — in an I/O worker: choosing the printer
    backend and asking its state may talk to the OS print system."""
    if devices is None:
        return False, "", ""
    printer = devices.printer
    status = printer.status()
    ok = status.state in (DeviceState.READY, DeviceState.SIMULATED)
    return ok, status.message, str(getattr(printer, "name", "") or status.name or "")


def print_pdf(devices: Any, data: bytes, title: str) -> str:
    """Send the PDF to the registry's printer (I/O worker); returns the job id."""
    return str(devices.printer.print_pdf(data, title))


class DocumentPanel(QWidget):
    """Print / preview / save-as-PDF buttons for one document.

    ``produce`` runs on the database worker and returns the PDF bytes. ``title`` is the print job's
    title (no personal data: it may show in the OS print queue); ``file_name`` the suggested name.
    """

    printed = Signal(str)  # job id
    saved = Signal(str)  # path
    pdf_ready = Signal(bytes)

    def __init__(
        self,
        tasks: Any,
        devices: Any,
        produce: Callable[[], bytes],
        *,
        title: str,
        file_name: str,
        print_text: str = "",
        parent: QWidget | None = None,
        preview: PdfPreview | None = None,
        wide: bool = False,
        prepare: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.devices = devices
        self.produce = produce
        self.job_title = title
        self.file_name = file_name
        self.pdf: bytes | None = None
        self.last_job = ""
        self.last_path = ""
        self._busy = False
        self._can_print = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(theme.SPACING)
        self.print_button = BigButton(print_text or self.tr("Print"), kind="primary")
        self.print_button.clicked.connect(self.print_document)
        self.preview_button = BigButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button = BigButton(self.tr("Save as PDF"))
        self.save_button.clicked.connect(self.save_document)
        if wide:
            for col, button in enumerate((self.print_button, self.preview_button, self.save_button)):
                grid.addWidget(button, 0, col)
            grid.setColumnStretch(3, 1)
        else:
            grid.addWidget(self.print_button, 0, 0, 1, 2)
            grid.addWidget(self.preview_button, 1, 0)
            grid.addWidget(self.save_button, 1, 1)
        outer.addLayout(grid)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        theme.set_role(self.status_label, "muted")
        outer.addWidget(self.status_label)
        self.preview = preview
        self.prepare = prepare  # called before each action; False cancels it
        self.refresh_printer()

    # -- printer state ------------------------------------------------------------------------
    def refresh_printer(self) -> None:
        if self.devices is None:
            self._set_printer(False, "", "")
            return
        self.tasks.run_io(
            printer_status,
            self.devices,
            on_done=lambda result: self._set_printer(*result),
            on_error=lambda failure: self._set_printer(False, failure.message, ""),
            name="printer.status",
            owner=self,
        )

    def _set_printer(self, ok: bool, message: str, name: str) -> None:
        self._can_print = ok
        self.printer_name = name
        self.print_button.setEnabled(ok and not self._busy)
        if ok:
            self.printer_text = self.tr("Printer: {name}").format(name=name) if name else ""
        else:
            self.printer_text = message or self.tr("No printer: save the document as PDF and print it later.")
        if not self._busy and not self.last_job and not self.last_path:
            self.status_label.setText(self.printer_text)
        # Without a printer, saving as PDF is the main action.
        self.save_button.set_kind("secondary" if ok else "primary")

    printer_name = ""
    printer_text = ""

    @property
    def can_print(self) -> bool:
        return self._can_print

    # -- getting the PDF ----------------------------------------------------------------------
    def invalidate(self) -> None:
        """The document changed (e.g. registered): render it again next time."""
        self.pdf = None

    def _with_pdf(self, then: Callable[[bytes], None]) -> None:
        if self.pdf is not None:
            then(self.pdf)
            return
        self._set_busy(True, self.tr("Preparing the document…"))

        def done(data: bytes) -> None:
            self.pdf = bytes(data)
            self._set_busy(False)
            if self.status_label.text() == self.tr("Preparing the document…"):
                self.status_label.setText(self.last_status or self.printer_text)
            self.pdf_ready.emit(self.pdf)
            then(self.pdf)

        self.tasks.run_db(
            self.produce, on_done=done, on_error=self._failed, name="document.render", owner=self
        )

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        for button in (self.preview_button, self.save_button):
            button.setEnabled(not busy)
        self.print_button.setEnabled(not busy and self._can_print)
        if text:
            self.status_label.setText(text)

    def _failed(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        theme.set_role(self.status_label, "error")
        self.status_label.setText(failure.message)

    def _ok(self, text: str) -> None:
        theme.set_role(self.status_label, "muted")
        self.status_label.setText(text)
        self.last_status = text

    last_status = ""

    # -- actions ------------------------------------------------------------------------------
    def _ready(self) -> bool:
        return self.prepare is None or bool(self.prepare())

    def show_preview(self) -> None:
        if not self._ready():
            return

        def show(data: bytes) -> None:
            if self.preview is not None:
                self.preview.set_pdf(data)
                self.preview.setVisible(True)

        self._with_pdf(show)

    def print_document(self) -> None:
        if not self._ready():
            return
        if self.devices is None or not self._can_print:
            self.save_document()
            return
        devices = self.devices

        def send(data: bytes) -> None:
            self._set_busy(True, self.tr("Printing…"))
            self.tasks.run_io(
                print_pdf,
                devices,
                data,
                self.job_title,
                on_done=self._printed,
                on_error=self._failed,
                name="document.print",
                owner=self,
            )

        self._with_pdf(send)

    def _printed(self, job_id: Any) -> None:
        self._set_busy(False)
        self.last_job = str(job_id)
        self._ok(
            self.tr("Sent to the printer {printer}. Give the printout to be signed.").format(
                printer=self.printer_name or ""
            )
        )
        self.printed.emit(self.last_job)

    def ask_path(self) -> str:
        """The save dialog (tests replace ``QFileDialog.getSaveFileName``)."""
        start = str(Path.home() / self.file_name)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), start, self.tr("PDF (*.pdf)")
        )
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path

    def save_document(self) -> None:
        if not self._ready():
            return
        path = self.ask_path()
        if not path:
            return

        def write(data: bytes) -> None:
            self._set_busy(True, self.tr("Saving…"))
            self.tasks.run_io(
                write_file,
                Path(path),
                data,
                on_done=lambda _r: self._saved(path),
                on_error=self._failed,
                name="document.save",
                owner=self,
            )

        self._with_pdf(write)

    def _saved(self, path: str) -> None:
        self._set_busy(False)
        self.last_path = path
        self._ok(self.tr("Saved: {path}").format(path=path))
        self.saved.emit(path)


def write_file(path: Path, data: bytes) -> None:
    """Write atomically (a half-written file never takes the name) — in an I/O worker."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
