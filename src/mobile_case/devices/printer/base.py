"""The printer: what the app may ask of it (contracts.md, devices/).

``print_pdf`` takes the finished PDF (the application, the act, a journal) and a job title and returns a
job id; it is slow (it rasterises every page at the printer's resolution): call it from a worker thread.
Every failure is a ``PrinterError`` with a Ukrainian message that says what the administrator can do.

Backends: ``qt.QtPrinter`` (Qt's print system: any installed printer on Windows, CUPS on Linux) and
``simulator.SimulatedPrinter`` (writes each job's PDF to a folder).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol, runtime_checkable

from mobile_case.devices.base import DeviceStatus
from mobile_case.devices.errors import DeviceError

KIND = "printer"


class PrinterErrorKind(StrEnum):
    NO_PRINTER = "no_printer"  # no printer installed at all
    NOT_FOUND = "not_found"  # the chosen printer is not installed (any more)
    STOPPED = "stopped"  # paused, offline, out of paper, in an error state
    INVALID_DOCUMENT = "invalid_document"  # not a PDF, or a PDF that cannot be read
    JOB_FAILED = "job_failed"  # the print system refused or broke off the job
    NO_QT = "no_qt"  # printing needs the Qt GUI application (and QtPdf)
    OUTPUT = "output"  # the simulator could not write its file


PRINTER_MESSAGES: dict[PrinterErrorKind, str] = {
    PrinterErrorKind.NO_PRINTER: (
        "Принтер не знайдено: у системі не встановлено жодного принтера. Підключіть принтер і встановіть його "
        "драйвер або збережіть документ як PDF і надрукуйте пізніше."
    ),
    PrinterErrorKind.NOT_FOUND: (
        "Вибраний принтер «{name}» не знайдено. Перевірте, чи він підключений і встановлений, або виберіть "
        "інший принтер у налаштуваннях."
    ),
    PrinterErrorKind.STOPPED: (
        "Принтер «{name}» зупинений або недоступний (немає паперу, відкрита кришка, вимкнений чи призупинений "
        "друк). Усуньте причину й спробуйте ще раз або збережіть документ як PDF."
    ),
    PrinterErrorKind.INVALID_DOCUMENT: (
        "Документ для друку пошкоджений і не може бути надрукований. Сформуйте документ ще раз."
    ),
    PrinterErrorKind.JOB_FAILED: (
        "Не вдалося надрукувати документ на принтері «{name}». Перевірте, чи принтер увімкнений і підключений, "
        "і спробуйте ще раз або збережіть документ як PDF."
    ),
    PrinterErrorKind.NO_QT: (
        "Друк недоступний: не запущено графічну частину програми або не встановлено модуль QtPdf."
    ),
    PrinterErrorKind.OUTPUT: "Не вдалося зберегти документ у теці симулятора принтера «{name}».",
}


class PrinterError(DeviceError):
    device = KIND

    def __init__(self, kind: PrinterErrorKind, printer_name: str = "", log_message: str = "") -> None:
        super().__init__(
            kind, log_message or kind.value, PRINTER_MESSAGES[kind].format(name=printer_name or "без назви")
        )
        self.printer_name = printer_name


@runtime_checkable
class Printer(Protocol):
    backend: str

    @property
    def name(self) -> str:
        """The printer's name as the print system shows it ("" when there is none)."""
        ...

    def status(self) -> DeviceStatus: ...

    def print_pdf(self, pdf: bytes, title: str) -> str:
        """Print every page of ``pdf``; returns the job id. Slow: call from a worker thread.
        Raises ``PrinterError``."""
        ...


def check_pdf(pdf: bytes, printer_name: str = "") -> None:
    """Refuse anything that is not a complete PDF before it reaches a printer or a file."""
    if not isinstance(pdf, bytes | bytearray) or not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-1024:]:
        raise PrinterError(PrinterErrorKind.INVALID_DOCUMENT, printer_name, "not a complete PDF")
