"""QtPrinter against a real CUPS server with a CUPS-PDF queue (tests/cups_server.py).

The application PDF is printed through Qt's print system from a worker thread; CUPS-PDF writes what the
printer would have received. That output holds the pages as images (and CUPS-PDF turns any text into Type 3
glyphs), so it is compared with the original page by rendering both with pdftoppm.
"""

# ruff: noqa: F811  (the cups_server fixture is imported, then named as an argument)

from __future__ import annotations

import sys
import threading
import uuid
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter

HERE = Path(__file__).resolve().parent
for folder in (HERE.parent, HERE.parent / "documents"):  # cups_server.py; docsamples.py, pdfcheck.py
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from docsamples import make_services, sample_act, sample_profile, sample_request, sample_visit  # noqa: E402
from pdfcheck import ink, pdf_pages, render_png  # noqa: E402

from cups_server import cups_server  # noqa: E402,F401  (the module fixture)
from mobile_case.devices.base import DeviceState  # noqa: E402
from mobile_case.devices.printer.base import PrinterError, PrinterErrorKind  # noqa: E402
from mobile_case.devices.printer.qt import QtPrinter, available_printers, default_printer_name  # noqa: E402
from mobile_case.documents.act import render_act  # noqa: E402
from mobile_case.documents.application import render_application  # noqa: E402
from mobile_case.documents.journals import render_services_journal  # noqa: E402

pytestmark = pytest.mark.cups

DPI = 40  # comparison resolution: enough to see every line of text, small enough to be quick


def _print_in_worker(printer: QtPrinter, pdf: bytes, title: str) -> str:
    """print_pdf from a plain worker thread (as the app's I/O pool does), never from the GUI thread."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["job"] = printer.print_pdf(pdf, title)
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    worker = threading.Thread(target=run, name="print-worker")
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "printing hung"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return str(box["job"])


def _blur(image: Image.Image) -> Image.Image:
    """Softened, so that anti-aliasing and a one-pixel shift do not count as a change."""
    return image.filter(ImageFilter.GaussianBlur(2))


def _grey(png: Path, size: tuple[int, int]) -> Image.Image:
    return _blur(Image.open(png).convert("L").resize(size))


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two grey pages, 0 (same) … 255 (inverse)."""
    hist = ImageChops.difference(a, b).histogram()
    return sum(i * n for i, n in enumerate(hist)) / (a.size[0] * a.size[1])


def test_the_queue_is_seen_and_ready(cups_server, qapp):
    assert cups_server.queue in available_printers()
    assert default_printer_name() == cups_server.queue
    status = QtPrinter().status()
    assert status.state is DeviceState.READY
    assert status.name == cups_server.queue
    assert "готовий" in status.message


def test_application_printed_through_cups_looks_like_the_original(cups_server, qapp, tmp_path):
    original = render_application(
        sample_request(),
        sample_profile(),
        visit=sample_visit(sample_request()),
        administrator_name="Іваненко О. П.",
    )
    token = f"mc{uuid.uuid4().hex[:10]}"
    job = _print_in_worker(QtPrinter(cups_server.queue, max_dpi=150), original, f"application-{token}")
    assert job
    printed = cups_server.wait_for_pdf(token).read_bytes()
    assert pdf_pages(printed, tmp_path) == pdf_pages(original, tmp_path) == 2

    ours = render_png(original, tmp_path / "ours", "page", dpi=DPI)
    theirs = render_png(printed, tmp_path / "cups", "page", dpi=DPI)
    other = render_png(render_act(sample_act(), sample_profile()), tmp_path / "other", "page", dpi=DPI)
    for mine, printed_page in zip(ours, theirs, strict=True):
        size = Image.open(mine).size
        a = _grey(mine, size)
        b = _grey(printed_page, size)
        assert ink(printed_page) > 0.5 * ink(mine), "the printed page lost its text"
        same = _difference(a, b)
        unlike = _difference(a, _grey(other[0], size))
        assert same < unlike / 3, f"printed page differs from the original ({same:.1f} vs {unlike:.1f})"


def test_landscape_journal_is_printed_across_the_sheet(cups_server, qapp, tmp_path):
    """A landscape page goes onto the A4 sheet turned, as a printer prints it: the whole page, not shrunk."""
    journal = render_services_journal(make_services(3), sample_profile(), None, None)
    token = f"mc{uuid.uuid4().hex[:10]}"
    _print_in_worker(QtPrinter(cups_server.queue, max_dpi=100), journal, f"journal-{token}")
    printed = render_png(cups_server.wait_for_pdf(token).read_bytes(), tmp_path / "cups", "journal", dpi=DPI)[
        0
    ]
    ours = render_png(journal, tmp_path / "ours", "journal", dpi=DPI)[0]
    size = Image.open(ours).size
    assert size[0] > size[1]
    a = _grey(ours, size)
    sheet = Image.open(printed)
    assert sheet.size[0] < sheet.size[1], "the paper is an A4 sheet"
    turned = [_blur(sheet.rotate(angle, expand=True).convert("L").resize(size)) for angle in (90, 270)]
    same = min(_difference(a, t) for t in turned)
    unlike = _difference(a, _blur(Image.open(ours).convert("L").rotate(180)))  # same ink, other places
    assert same < unlike / 3, f"the printed journal differs from the original ({same:.1f} vs {unlike:.1f})"


def test_status_and_two_jobs_at_once_from_worker_threads(cups_server, qapp):
    """The registry asks for the status from a worker; two screens may print at the same moment."""
    statuses: list[DeviceState] = []
    status_thread = threading.Thread(target=lambda: statuses.append(QtPrinter().status().state))
    status_thread.start()
    status_thread.join(timeout=30)
    assert statuses == [DeviceState.READY]

    act = render_act(sample_act(), sample_profile())
    tokens = [f"mc{uuid.uuid4().hex[:10]}" for _ in range(2)]
    results: dict[str, object] = {}

    def job(token: str) -> None:
        try:
            results[token] = QtPrinter(cups_server.queue, max_dpi=72).print_pdf(act, f"act-{token}")
        except BaseException as exc:  # handed back to the test
            results[token] = exc

    workers = [threading.Thread(target=job, args=(t,)) for t in tokens]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert all(isinstance(results[t], str) for t in tokens), results
    assert results[tokens[0]] != results[tokens[1]]
    for token in tokens:
        assert cups_server.wait_for_pdf(token).stat().st_size > 1000


def test_unknown_printer_name(cups_server, qapp):
    printer = QtPrinter("NoSuchPrinterHere")
    status = printer.status()
    assert status.state is DeviceState.MISSING
    assert "«NoSuchPrinterHere» не знайдено" in status.message
    with pytest.raises(PrinterError) as caught:
        printer.print_pdf(b"%PDF-1.4\n%%EOF\n", "x")
    assert caught.value.kind is PrinterErrorKind.NOT_FOUND


def test_stopped_queue_is_reported_and_refused(cups_server, qapp):
    cups_server.set_enabled(False)
    try:
        printer = QtPrinter(cups_server.queue)
        status = printer.status()
        assert status.state is DeviceState.FAILING
        assert "зупинений або недоступний" in status.message
        with pytest.raises(PrinterError) as caught:
            printer.print_pdf(render_act(sample_act(), sample_profile()), "stopped")
        assert caught.value.kind is PrinterErrorKind.STOPPED
    finally:
        cups_server.set_enabled(True)
    assert QtPrinter(cups_server.queue).status().state is DeviceState.READY


def test_a_broken_pdf_never_reaches_the_printer(cups_server, qapp):
    broken = b"%PDF-1.4\n" + b"\x00garbage" * 100 + b"\n%%EOF\n"
    with pytest.raises(PrinterError) as caught:
        QtPrinter(cups_server.queue).print_pdf(broken, "broken")
    assert caught.value.kind is PrinterErrorKind.INVALID_DOCUMENT
    jobs = cups_server.run("lpstat", "-W", "all", "-o", cups_server.queue).stdout
    assert "broken" not in jobs
