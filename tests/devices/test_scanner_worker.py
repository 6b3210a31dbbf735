"""The scan child process (devices/scanner/worker.py): the same answers as in this thread, a lower
priority, and a dead child never loses a page."""

from __future__ import annotations

import io
import os
import signal
import sys

import pytest
from pypdf import PdfReader

from mobile_case.devices.scanner import worker
from mobile_case.devices.scanner.base import ColorMode, ScanSettings
from mobile_case.devices.scanner.simulator import SimulatedScanner, SimulatedScannerConfig


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    scanner = SimulatedScanner(SimulatedScannerConfig(time_scale=0, pages=2))
    colour = [p.data for p in scanner.scan(ScanSettings(dpi=200))]
    grey = [p.data for p in scanner.scan(ScanSettings(dpi=150, color=ColorMode.GRAY))]
    return colour + grey


@pytest.fixture()
def child(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.delenv("MOBILE_CASE_SCAN_INPROCESS", raising=False)
    yield
    worker.shutdown()


def test_page_view_in_the_child_equals_the_one_in_this_thread(pages: list[bytes], child: None) -> None:
    remote = worker.page_view(pages[0], 1)
    pid = worker.child_pid()
    assert pid is not None and pid != os.getpid()
    local = worker._page_view(pages[0], 1, True, worker.THUMB)
    assert remote == local
    quality, w, h, raw = remote
    assert quality.ok and quality.sharpness > 0
    assert (w, h) == (150, 106)  # A4 portrait turned a quarter: landscape thumbnail
    assert len(raw) == w * h * 3
    _q, w2, h2, _raw = worker.page_view(pages[0], 0, measure=False)
    assert _q is None and (w2, h2) == (106, 150)
    assert worker.page_view(b"not an image", 0, measure=False)[1:3] == (0, 0)


@pytest.mark.skipif(sys.platform != "linux", reason="nice values are read from /proc")
def test_the_child_runs_ten_nice_steps_below_the_app(child: None, pages: list[bytes]) -> None:
    worker.page_view(pages[0], 0, measure=False)
    pid = worker.child_pid()
    assert pid is not None
    assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, os.getpriority(os.PRIO_PROCESS, 0) + worker.NICE)


def test_document_pdf_has_one_a4_page_per_scan(pages: list[bytes], child: None) -> None:
    pdf = worker.document_pdf([(d, i % 2) for i, d in enumerate(pages)], title="Паспорт")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(pages)
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes <= {(595, 842), (842, 595)}
    assert reader.metadata.title == "Паспорт"
    assert len(pdf) < 300_000 * len(pages)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_child_is_replaced_and_the_work_still_done(pages: list[bytes], child: None) -> None:
    worker.page_view(pages[2], 0, measure=False)
    first = worker.child_pid()
    assert first is not None
    os.kill(first, signal.SIGKILL)
    quality, w, _h, _raw = worker.page_view(pages[2], 0)  # in this thread, the broken child dropped
    assert quality is not None and w > 0
    worker.page_view(pages[2], 0, measure=False)
    second = worker.child_pid()
    assert second is not None and second != first


def test_in_process_switch_keeps_everything_here(pages: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    worker.shutdown()
    monkeypatch.setenv("MOBILE_CASE_SCAN_INPROCESS", "1")
    quality, w, _h, _raw = worker.page_view(pages[1], 0)
    assert quality is not None and w > 0
    assert worker.child_pid() is None
