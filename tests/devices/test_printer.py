"""The printer: the simulator, and the contract every printer keeps (Printer protocol, PrinterError)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mobile_case.devices.base import DeviceState
from mobile_case.devices.printer import printer_classes
from mobile_case.devices.printer.base import Printer, PrinterError, PrinterErrorKind, check_pdf
from mobile_case.devices.printer.qt import QtPrinter
from mobile_case.devices.printer.simulator import SimulatedPrinter
from mobile_case.domain.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_registry_gets_both_classes():
    real, sim = printer_classes()
    assert real is QtPrinter and sim is SimulatedPrinter


def test_simulator_keeps_the_contract(tmp_path):
    printer = SimulatedPrinter(tmp_path / "out")
    assert isinstance(printer, Printer)
    status = printer.status()
    assert status.kind == "printer"
    assert status.state is DeviceState.SIMULATED
    assert "PDF" in status.message
    first = printer.print_pdf(TINY_PDF, "Заява МК-2026-0042")
    second = printer.print_pdf(TINY_PDF, "Акт / А-1")
    assert first != second
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(files) == 2
    assert all(f.read_bytes() == TINY_PDF for f in files)
    assert [j.job_id for j in printer.jobs] == [first, second]
    assert "Заява_МК-2026-0042" in printer.jobs[0].path.name
    assert "/" not in printer.jobs[1].path.name.replace(str(tmp_path), "")
    assert not list((tmp_path / "out").glob("*.part"))


def test_stopped_simulator_refuses_with_a_ukrainian_message(tmp_path):
    printer = SimulatedPrinter(tmp_path, stopped=True)
    assert printer.status().state is DeviceState.FAILING
    with pytest.raises(PrinterError) as caught:
        printer.print_pdf(TINY_PDF, "x")
    assert caught.value.kind is PrinterErrorKind.STOPPED
    assert isinstance(caught.value, DomainError)
    assert "зупинений" in caught.value.user_message
    assert not list(tmp_path.glob("*.pdf"))


@pytest.mark.parametrize("bad", [b"", b"hello", b"%PDF-1.4\nno end", TINY_PDF.replace(b"%%EOF", b"")])
def test_not_a_pdf_is_refused(tmp_path, bad):
    with pytest.raises(PrinterError) as caught:
        SimulatedPrinter(tmp_path).print_pdf(bad, "x")
    assert caught.value.kind is PrinterErrorKind.INVALID_DOCUMENT
    assert caught.value.user_message.startswith("Документ для друку пошкоджений")
    with pytest.raises(PrinterError):
        check_pdf(bad)


def test_simulator_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    printer = SimulatedPrinter(blocker)
    assert printer.status().state is DeviceState.FAILING
    with pytest.raises(PrinterError) as caught:
        printer.print_pdf(TINY_PDF, "x")
    assert caught.value.kind is PrinterErrorKind.OUTPUT
    assert "симулятора принтера" in caught.value.user_message


def test_qt_printer_without_any_printer_says_so(tmp_path):
    """A machine with no printer: CUPS_SERVER points at a socket where no server listens (a fresh process,
    since libcups remembers its server per thread)."""
    script = textwrap.dedent(
        """
        from PySide6.QtGui import QGuiApplication
        from mobile_case.devices.printer.qt import QtPrinter, available_printers
        from mobile_case.devices.printer.base import PrinterError
        app = QGuiApplication([])
        p = QtPrinter()
        s = p.status()
        print(s.state.value)
        print(s.message)
        print(available_printers())
        try:
            p.print_pdf(__PDF__, "x")
        except PrinterError as e:
            print(e.kind.value)
        """
    ).replace("__PDF__", repr(TINY_PDF))
    env = {**os.environ, "CUPS_SERVER": str(tmp_path / "nobody-listens.sock"), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    ).stdout.splitlines()
    assert out[0] == "missing"
    assert out[1].startswith("Принтер не знайдено")
    assert out[2] == "[]"
    assert out[3] == "no_printer"
