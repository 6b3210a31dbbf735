"""One contract for every scanner backend: the simulator always, SANE through its real ``test`` backend
(a private SANE_CONFIG_DIR with only ``test`` in dll.conf), WIA 2.0 and TWAIN through the fake COM /
pytwain layers of test_scanner_windows.py (their real drivers exist only on Windows)."""

from __future__ import annotations

import io
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtGui import QImage

from mobile_case.devices.base import DeviceState
from mobile_case.devices.scanner.base import (
    ColorMode,
    ImageFormat,
    PaperSize,
    ScannedPage,
    Scanner,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)
from mobile_case.devices.scanner.simulator import SimulatedScanner, SimulatedScannerConfig
from mobile_case.domain.errors import ValidationError

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")

# what SANE's test backend returns from sane_read() for each of our error kinds. (Its NO_DOCS and
# CANCELLED injections sometimes hang inside sane_read — a backend race, reproduced outside this code — so
# those two are checked through the status-text mapping below, and a hang through the timeout test.)
SANE_STATUS = {
    ScannerErrorKind.JAMMED: "SANE_STATUS_JAMMED",
    ScannerErrorKind.COVER_OPEN: "SANE_STATUS_COVER_OPEN",
    ScannerErrorKind.BUSY: "SANE_STATUS_DEVICE_BUSY",
    ScannerErrorKind.IO: "SANE_STATUS_IO_ERROR",
}


@dataclass
class ScannerRig:
    scanner: Scanner
    failing: Callable[[ScannerErrorKind], Scanner]
    feeder: Callable[[], tuple[Scanner, int]]  # a scanner whose feeder holds n pages, and n
    # a feeder scan whose cable is pulled after some pages: (scanner, pull the cable when ≥ n pages came)
    unplugging: Callable[[], tuple[Scanner, Callable[[], None]]]
    vanishing: Callable[[], tuple[Scanner, Callable[[], None]]]  # (scanner, make the device disappear)


def wia_rig() -> ScannerRig:
    """WIA 2.0 through the fake WIA Automation layer of test_scanner_windows (Linux cannot run WIA)."""
    from test_scanner_windows import FakeCom, WiaDevice, WiaInfo

    from mobile_case.devices.scanner.wia_backend import WiaScanner

    codes = {
        ScannerErrorKind.JAMMED: 0x80210002,  # WIA_ERROR_PAPER_JAM
        ScannerErrorKind.COVER_OPEN: 0x80210016,  # WIA_ERROR_COVER_OPEN
        ScannerErrorKind.BUSY: 0x80210006,  # WIA_ERROR_BUSY
        ScannerErrorKind.IO: 0x8021000A,  # WIA_ERROR_DEVICE_COMMUNICATION
    }

    def one(device: WiaDevice) -> WiaScanner:
        return WiaScanner(com=FakeCom([WiaInfo("scan-1", "Canon LiDE 300", device)]))

    def vanishing() -> tuple[Scanner, Callable[[], None]]:
        com = FakeCom([WiaInfo("scan-1", "Canon LiDE 300", WiaDevice())])
        return WiaScanner(com=com), com.infos.clear

    return ScannerRig(
        one(WiaDevice()),
        lambda kind: one(WiaDevice(fail_after=0, fail_code=codes[kind])),
        lambda: (one(WiaDevice(sheets=4)), 4),
        # ERROR_GEN_FAILURE on the third sheet: the USB cable is out
        lambda: (one(WiaDevice(sheets=5, fail_after=2)), lambda: None),
        vanishing,
    )


def twain_rig() -> ScannerRig:
    """TWAIN through the fake pytwain of test_scanner_windows."""
    from test_scanner_windows import CheckDeviceOnline, PaperJam, TwainFailure, fake_twain

    from mobile_case.devices.scanner.twain_backend import TwainScanner

    failures = {
        ScannerErrorKind.JAMMED: PaperJam,
        ScannerErrorKind.COVER_OPEN: type("CoverOpen", (TwainFailure,), {}),
        ScannerErrorKind.BUSY: type("SeqError", (TwainFailure,), {}),
        ScannerErrorKind.IO: type("OperationError", (TwainFailure,), {}),
    }

    def vanishing() -> tuple[Scanner, Callable[[], None]]:
        sources = ["EPSON DS-30"]
        return TwainScanner(twain_module=fake_twain(sources)), sources.clear

    return ScannerRig(
        TwainScanner(twain_module=fake_twain(["EPSON DS-30"])),
        lambda kind: TwainScanner(twain_module=fake_twain(["EPSON DS-30"], fail_after=0, fail=failures[kind])),
        # «Default tray» leaves the choice to the driver: a sheet-fed scanner's feeds
        lambda: (TwainScanner(twain_module=fake_twain(["Fujitsu fi"], sheets=3, feeds_by_default=True)), 3),
        lambda: (
            TwainScanner(twain_module=fake_twain(["Fujitsu fi"], sheets=5, fail_after=2, fail=CheckDeviceOnline,
                                                 feeds_by_default=True)),  # fmt: skip
            lambda: None,
        ),
        vanishing,
    )


@pytest.fixture(params=["simulator", "sane", "wia", "twain"])
def rig(request: pytest.FixtureRequest) -> Iterator[ScannerRig]:
    if request.param == "wia":
        yield wia_rig()
        return
    if request.param == "twain":
        yield twain_rig()
        return
    if request.param == "simulator":

        def sim_vanishing() -> tuple[Scanner, Callable[[], None]]:
            sim = SimulatedScanner(SimulatedScannerConfig(time_scale=0.0))
            return sim, lambda: setattr(sim.config, "fail_with", ScannerErrorKind.NO_DEVICE)

        yield ScannerRig(
            SimulatedScanner(SimulatedScannerConfig(time_scale=0.0)),
            lambda kind: SimulatedScanner(SimulatedScannerConfig(time_scale=0.0, fail_with=kind)),
            lambda: (SimulatedScanner(SimulatedScannerConfig(time_scale=0.0, pages=3)), 3),
            lambda: (
                SimulatedScanner(SimulatedScannerConfig(time_scale=0.0, pages=5, unplug_after=2)),
                lambda: None,
            ),
            sim_vanishing,
        )
        return
    config = request.getfixturevalue("sane_config")
    from mobile_case.devices.scanner import sane_backend
    from mobile_case.devices.scanner.sane_backend import SaneScanner

    def sane_unplugging() -> tuple[Scanner, Callable[[], None]]:
        # a slow feeder (0.1 s per read); the "cable" is the child process running the driver: SIGKILL it
        # once two pages have come through, as a USB disconnect takes libusb and the driver down
        slow = SaneScanner("test:1", {"source": "Automatic Document Feeder", "read_delay": True,
                                      "read_delay_duration": 100_000})  # fmt: skip

        def pull() -> None:
            deadline = time.monotonic() + 60
            while sane_backend.pages_received() < 2 and time.monotonic() < deadline:
                time.sleep(0.02)
            pid = sane_backend.running_pid()
            assert pid, "the scan finished before the cable could be pulled"
            os.kill(pid, signal.SIGKILL)

        return slow, pull

    def sane_vanishing() -> tuple[Scanner, Callable[[], None]]:
        return SaneScanner("test:0"), lambda: (config / "dll.conf").write_text("")

    yield ScannerRig(
        SaneScanner("test:0", {"test_picture": "Color pattern"}),
        lambda kind: SaneScanner("test:0", {"read_return_value": SANE_STATUS[kind]}),
        # the test backend's feeder holds 10 sheets (fresh for each opened device)
        lambda: (SaneScanner("test:1", {"source": "Automatic Document Feeder"}), 10),
        sane_unplugging,
        sane_vanishing,
    )


def decode(page: ScannedPage) -> QImage:
    image = QImage.fromData(page.data)
    assert not image.isNull()
    return image


def test_is_a_scanner_with_a_ukrainian_status(rig: ScannerRig) -> None:
    assert isinstance(rig.scanner, Scanner)
    status = rig.scanner.status()
    assert status.kind == "scanner"
    assert status.state in (DeviceState.READY, DeviceState.SIMULATED)
    assert status.backend == rig.scanner.backend
    assert CYRILLIC.search(status.message)
    assert rig.scanner.sources()


@pytest.mark.parametrize("fmt", list(ImageFormat))
def test_a4_colour_page(rig: ScannerRig, fmt: ImageFormat) -> None:
    settings = ScanSettings(ColorMode.COLOR, 100, PaperSize.A4, fmt)
    pages = rig.scanner.scan(settings)
    assert len(pages) == 1
    page = pages[0]
    image = decode(page)
    assert (image.width(), image.height()) == (page.width_px, page.height_px)
    assert page.dpi == 100 and page.color is ColorMode.COLOR
    if fmt is ImageFormat.PNG:
        assert page.mime == "image/png" and page.data.startswith(b"\x89PNG")
    else:
        assert page.mime == "image/jpeg" and page.data.startswith(b"\xff\xd8")
    # never larger than A4; a flatbed smaller than A4 (the SANE test device: 200 mm) gives its whole glass
    assert 150 <= page.width_mm <= 210.5 and 150 <= page.height_mm <= 297.5
    assert not image.isGrayscale()


def test_grey_page_is_grey(rig: ScannerRig) -> None:
    page = rig.scanner.scan(ScanSettings(ColorMode.GRAY, 75, PaperSize.A4, ImageFormat.PNG))[0]
    assert page.color is ColorMode.GRAY
    assert decode(page).isGrayscale()


def test_id_card_page_has_the_card_size(rig: ScannerRig) -> None:
    page = rig.scanner.scan(ScanSettings(ColorMode.COLOR, 150, PaperSize.ID_CARD, ImageFormat.JPEG))[0]
    assert abs(page.width_mm - 85.6) <= 1.5
    assert abs(page.height_mm - 53.98) <= 1.5


def test_feeder_gives_every_page(rig: ScannerRig) -> None:
    scanner, count = rig.feeder()
    pages = scanner.scan(ScanSettings(ColorMode.GRAY, 75, PaperSize.A4, ImageFormat.JPEG))
    assert len(pages) == count
    assert all(decode(p).width() == pages[0].width_px for p in pages)


def test_pages_make_one_a4_pdf(rig: ScannerRig) -> None:
    from pypdf import PdfReader

    from mobile_case.devices.scanner.pdf import PdfPage, pages_to_pdf

    scanner, count = rig.feeder()
    pages = scanner.scan(ScanSettings(ColorMode.GRAY, 100, PaperSize.A4, ImageFormat.JPEG))
    card = rig.scanner.scan(ScanSettings(ColorMode.COLOR, 150, PaperSize.ID_CARD, ImageFormat.JPEG))
    pdf = pages_to_pdf([PdfPage(p.data, p.dpi, p.color) for p in pages + card], title="Документ")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == count + 1
    for page in reader.pages:  # every sheet is A4 portrait: 210 × 297 mm
        assert (
            round(float(page.mediabox.width) / 72 * 25.4),
            round(float(page.mediabox.height) / 72 * 25.4),
        ) == (210, 297)
    assert len(pdf) <= (count + 1) * 300_000


def test_unplugged_mid_scan_gives_its_error_and_keeps_the_pages(rig: ScannerRig) -> None:
    scanner, pull = rig.unplugging()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["pages"] = scanner.scan(ScanSettings(ColorMode.GRAY, 75, PaperSize.A4, ImageFormat.JPEG))
        except ScannerError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    pull()
    worker.join(60)
    error = outcome.get("error")
    assert isinstance(error, ScannerError), outcome
    assert error.kind in (ScannerErrorKind.IO, ScannerErrorKind.NO_DEVICE)  # SANE: I/O; WIA, TWAIN: device gone
    assert CYRILLIC.search(error.user_message) and (
        "USB" in error.user_message or "кабель" in error.user_message
    )
    assert len(error.pages) >= 2  # what arrived before the cable was pulled is kept
    assert all(decode(p).width() == error.pages[0].width_px for p in error.pages)


def test_a_device_that_disappears_is_no_device(rig: ScannerRig) -> None:
    scanner, vanish = rig.vanishing()
    assert scanner.scan(ScanSettings(ColorMode.GRAY, 75, PaperSize.ID_CARD))
    vanish()
    with pytest.raises(ScannerError) as info:
        scanner.scan(ScanSettings(ColorMode.GRAY, 75, PaperSize.ID_CARD))
    assert info.value.kind is ScannerErrorKind.NO_DEVICE
    assert CYRILLIC.search(info.value.user_message)
    assert scanner.status().state is DeviceState.MISSING


def test_unknown_source_is_no_device(rig: ScannerRig) -> None:
    with pytest.raises(ScannerError) as info:
        rig.scanner.scan(ScanSettings(), source="немає-такого-сканера")
    assert info.value.kind is ScannerErrorKind.NO_DEVICE
    assert CYRILLIC.search(info.value.user_message)


@pytest.mark.parametrize("kind", list(SANE_STATUS))
def test_device_errors_become_their_kind(rig: ScannerRig, kind: ScannerErrorKind) -> None:
    with pytest.raises(ScannerError) as info:
        rig.failing(kind).scan(ScanSettings(ColorMode.GRAY, 75, PaperSize.ID_CARD))
    assert info.value.kind is kind
    assert CYRILLIC.search(info.value.user_message)
    assert str(info.value).startswith("scanner: ")


@pytest.mark.parametrize("dpi", [50, 1200])
def test_resolution_out_of_range_is_a_validation_error(dpi: int) -> None:
    with pytest.raises(ValidationError) as info:
        ScanSettings(dpi=dpi)
    assert info.value.field == "dpi"


def test_settings_know_their_pixel_size() -> None:
    assert ScanSettings(dpi=300, paper=PaperSize.A4).size_px == (2480, 3508)
    assert ScanSettings(dpi=300, paper=PaperSize.ID_CARD).size_px == (1011, 638)


def test_sane_without_any_scanner_is_missing(sane_empty: object) -> None:
    from mobile_case.devices.scanner.sane_backend import SaneScanner

    scanner = SaneScanner()
    status = scanner.status()
    assert status.state is DeviceState.MISSING
    assert "scanimage -L" in status.message
    assert scanner.sources() == []
    with pytest.raises(ScannerError) as info:
        scanner.scan(ScanSettings())
    assert info.value.kind is ScannerErrorKind.NO_DEVICE


def test_sane_without_python_sane_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from mobile_case.devices.scanner import sane_backend

    monkeypatch.setattr(sane_backend, "_sane_installed", lambda: False)
    status = sane_backend.SaneScanner().status()
    assert status.state is DeviceState.MISSING
    assert "python-sane" in status.message
    with pytest.raises(ScannerError):
        sane_backend.SaneScanner().scan(ScanSettings())


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Document feeder jammed", ScannerErrorKind.JAMMED),
        ("Document feeder out of documents", ScannerErrorKind.NO_PAPER),
        ("Scanner cover is open", ScannerErrorKind.COVER_OPEN),
        ("Device busy", ScannerErrorKind.BUSY),
        ("Error during device I/O", ScannerErrorKind.IO),
        ("Operation was cancelled", ScannerErrorKind.CANCELLED),
        ("Operation not supported", ScannerErrorKind.UNSUPPORTED),
        ("Something new in a future SANE", ScannerErrorKind.IO),
    ],
)
def test_sane_status_texts_map_to_kinds(text: str, kind: ScannerErrorKind) -> None:
    from mobile_case.devices.scanner.sane_backend import _error

    assert _error(RuntimeError(text)).kind is kind


def test_a_driver_that_does_not_answer_is_given_up_on(sane_config: object) -> None:
    from mobile_case.devices.scanner.sane_backend import SaneScanner

    scanner = SaneScanner("test:0", list_timeout=0.01, scan_timeout=0.01)  # no child can answer that fast
    with pytest.raises(ScannerError) as info:
        scanner.scan(ScanSettings(ColorMode.GRAY, 75))
    assert info.value.kind is ScannerErrorKind.IO
    assert "не відповідає" in info.value.user_message
    status = scanner.status()
    assert status.state is DeviceState.FAILING and "не відповідає" in status.message
    assert SaneScanner("test:0").status().state is DeviceState.READY  # the next call works again
