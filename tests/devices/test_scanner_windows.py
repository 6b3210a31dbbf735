"""WIA 2.0 and TWAIN backends driven through fake COM / ``twain`` layers (Linux cannot run either).

The fakes behave as the documented objects do: WIA's DeviceManager → DeviceInfos (1-based) → Connect()
→ Items(1) with properties set by id → Transfer(FormatID) returning an ImageFile whose FileData.BinaryData
is the encoded image, errors as pywintypes.com_error with the WIA HRESULT in excepinfo[5]; pytwain's
SourceManager → open_source → set_capability / set_image_layout / request_acquire / xfer_image_natively
(DIB handle, pending count) → dib_to_bm_file. The fake devices render what was asked (size from the
resolution and frame, grey or colour), so the tests check what the backends asked for.
"""

from __future__ import annotations

import io
import re
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from PIL import Image

from mobile_case.devices.base import DeviceState
from mobile_case.devices.scanner import wia_backend as wia
from mobile_case.devices.scanner.base import (
    ColorMode,
    PaperSize,
    PaperSource,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)
from mobile_case.devices.scanner.system import system_scanner
from mobile_case.devices.scanner.twain_backend import TwainScanner

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


# --- a fake WIA Automation layer -------------------------------------------------------------------
class ComError(Exception):
    """Shaped like pywintypes.com_error: (hresult, strerror, excepinfo, argerror), signed HRESULTs."""

    def __init__(self, wia_code: int) -> None:
        signed = lambda v: v - (1 << 32) if v & 0x80000000 else v  # noqa: E731
        excepinfo = (0, "WIA", "failure", None, 0, signed(wia_code))
        super().__init__(signed(wia.DISP_E_EXCEPTION), "Exception occurred.", excepinfo, None)


class Prop:
    def __init__(self, prop_id: int, value: Any) -> None:
        self.PropertyID, self.Value = prop_id, value


class Props:
    def __init__(self, values: dict[int, Any]) -> None:
        self._items = [Prop(k, v) for k, v in values.items()]

    @property
    def Count(self) -> int:  # noqa: N802
        return len(self._items)

    def Item(self, index: int) -> Prop:  # noqa: N802
        return self._items[index - 1]

    def value(self, prop_id: int) -> Any:
        return next(p.Value for p in self._items if p.PropertyID == prop_id)


class Collection:
    def __init__(self, items: list[Any]) -> None:
        self._items = items

    @property
    def Count(self) -> int:  # noqa: N802
        return len(self._items)

    def Item(self, index: int) -> Any:  # noqa: N802
        return self._items[index - 1]


class WiaDevice:
    def __init__(self, sheets: int = 0, fail_after: int | None = None, fail_code: int = 0x8007001F,
                 has_feeder: bool = True) -> None:  # fmt: skip
        caps = wia.FEEDER | wia.FLATBED if has_feeder else wia.FLATBED
        self.Properties = Props({
            wia.WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES: caps,
            wia.WIA_DPS_DOCUMENT_HANDLING_STATUS: wia.FEED_READY if sheets else 0,
            wia.WIA_DPS_DOCUMENT_HANDLING_SELECT: wia.FLATBED,
            wia.WIA_DPS_PAGES: 1,
        })  # fmt: skip
        self.sheets, self.fail_after, self.fail_code = sheets, fail_after, fail_code
        self.transfers: list[str] = []
        self.Items = Collection([WiaItem(self)])


class WiaItem:
    def __init__(self, device: WiaDevice) -> None:
        self.device = device
        self.Properties = Props({
            wia.WIA_IPS_CUR_INTENT: 0, wia.WIA_IPA_DATATYPE: 3, wia.WIA_IPS_XRES: 100, wia.WIA_IPS_YRES: 100,
            wia.WIA_IPS_XPOS: 0, wia.WIA_IPS_YPOS: 0, wia.WIA_IPS_XEXTENT: 850, wia.WIA_IPS_YEXTENT: 1100,
        })  # fmt: skip

    def Transfer(self, format_id: str) -> Any:  # noqa: N802
        device = self.device
        device.transfers.append(format_id)
        count = len(device.transfers)
        if device.fail_after is not None and count > device.fail_after:
            raise ComError(device.fail_code)
        feeder = device.Properties.value(wia.WIA_DPS_DOCUMENT_HANDLING_SELECT) == wia.FEEDER
        if feeder and count > device.sheets:
            raise ComError(0x80210003)  # WIA_ERROR_PAPER_EMPTY
        props = self.Properties
        w, h = props.value(wia.WIA_IPS_XEXTENT), props.value(wia.WIA_IPS_YEXTENT)
        grey = props.value(wia.WIA_IPA_DATATYPE) == 2
        pixels = np.full((h, w) if grey else (h, w, 3), 240, np.uint8)
        pixels[40:60, 40 : w - 40] = 20 + count  # a "line of text", different per page
        if not grey:
            pixels[80:120, 40 : w // 2] = (200, 30, 30)  # a red stamp: a colour page is not grey
        buffer = io.BytesIO()
        Image.fromarray(pixels).save(buffer, "PNG" if format_id == wia.FORMAT_PNG else "BMP")
        return SimpleNamespace(FileData=SimpleNamespace(BinaryData=memoryview(buffer.getvalue())))


class WiaInfo:
    def __init__(self, device_id: str, name: str, device: WiaDevice | None, kind: int = 1) -> None:
        self.DeviceID, self.Type, self._device = device_id, kind, device
        self.Properties = Props({wia.WIA_DIP_DEV_NAME: name})

    def Connect(self) -> WiaDevice:  # noqa: N802
        if self._device is None:
            raise ComError(0x80210005)  # WIA_ERROR_OFFLINE
        return self._device


class FakeCom:
    def __init__(self, infos: list[WiaInfo] | None = None, service: bool = True) -> None:
        self.infos, self.service = infos or [], service
        self.apartments = 0

    def dispatch(self, prog_id: str) -> Any:
        assert prog_id == "WIA.DeviceManager"
        if not self.service:
            raise ComError(0x80040154)  # REGDB_E_CLASSNOTREG
        return SimpleNamespace(DeviceInfos=Collection(self.infos))

    def initialize(self) -> None:
        self.apartments += 1

    def uninitialize(self) -> None:
        self.apartments -= 1


def test_wia_status_lists_scanners_only() -> None:
    com = FakeCom(
        [WiaInfo("cam-1", "Камера", WiaDevice(), kind=2), WiaInfo("scan-1", "Canon LiDE 300", WiaDevice())]
    )
    scanner = wia.WiaScanner(com=com)
    assert scanner.sources() == ["scan-1"]
    status = scanner.status()
    assert status.state is DeviceState.READY and status.name == "Canon LiDE 300" and status.backend == "wia"
    assert com.apartments == 0  # every COM apartment opened is closed


def test_wia_flatbed_scan_sets_the_properties_asked_for() -> None:
    device = WiaDevice()
    scanner = wia.WiaScanner(com=FakeCom([WiaInfo("scan-1", "Canon", device)]))
    [page] = scanner.scan(ScanSettings(ColorMode.GRAY, 150, PaperSize.A4))
    item = device.Items.Item(1).Properties
    assert item.value(wia.WIA_IPS_XRES) == 150 and item.value(wia.WIA_IPA_DATATYPE) == 2
    assert item.value(wia.WIA_IPS_CUR_INTENT) == wia.INTENT_GRAYSCALE
    assert (item.value(wia.WIA_IPS_XEXTENT), item.value(wia.WIA_IPS_YEXTENT)) == (1240, 1754)
    assert device.transfers == [wia.FORMAT_PNG]
    assert (page.width_px, page.height_px, page.dpi) == (1240, 1754, 150)
    assert Image.open(io.BytesIO(page.data)).mode == "L" and page.mime == "image/jpeg"


def test_wia_id_card_in_colour() -> None:
    device = WiaDevice()
    scanner = wia.WiaScanner(com=FakeCom([WiaInfo("scan-1", "Canon", device)]))
    [page] = scanner.scan(ScanSettings(ColorMode.COLOR, 300, PaperSize.ID_CARD))
    assert (page.width_px, page.height_px) == (1011, 638)
    assert Image.open(io.BytesIO(page.data)).mode == "RGB"


def test_wia_feeder_gives_every_sheet_then_stops_at_paper_empty() -> None:
    device = WiaDevice(sheets=4)
    scanner = wia.WiaScanner(com=FakeCom([WiaInfo("scan-1", "Fujitsu", device)]))
    pages = scanner.scan(ScanSettings(ColorMode.GRAY, 100, PaperSize.A4, source=PaperSource.FEEDER))
    assert len(pages) == 4
    assert device.Properties.value(wia.WIA_DPS_DOCUMENT_HANDLING_SELECT) == wia.FEEDER
    # AUTO takes the feeder when paper is in it
    device = WiaDevice(sheets=2)
    auto = wia.WiaScanner(com=FakeCom([WiaInfo("s", "Fujitsu", device)])).scan(
        ScanSettings(ColorMode.GRAY, 100)
    )
    assert len(auto) == 2


def test_wia_unplugged_mid_feeder_keeps_the_pages() -> None:
    device = WiaDevice(sheets=5, fail_after=2)  # ERROR_GEN_FAILURE on the third sheet: the cable is out
    scanner = wia.WiaScanner(com=FakeCom([WiaInfo("scan-1", "Fujitsu", device)]))
    with pytest.raises(ScannerError) as info:
        scanner.scan(ScanSettings(ColorMode.GRAY, 100, source=PaperSource.FEEDER))
    assert info.value.kind is ScannerErrorKind.NO_DEVICE
    assert len(info.value.pages) == 2 and "USB" in info.value.user_message


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (0x80210002, ScannerErrorKind.JAMMED),
        (0x80210003, ScannerErrorKind.NO_PAPER),
        (0x80210006, ScannerErrorKind.BUSY),
        (0x80210016, ScannerErrorKind.COVER_OPEN),
        (0x8021000A, ScannerErrorKind.IO),
        (0x12345678, ScannerErrorKind.IO),
    ],
)
def test_wia_errors_become_their_kind(code: int, kind: ScannerErrorKind) -> None:
    device = WiaDevice(fail_after=0, fail_code=code)
    scanner = wia.WiaScanner(com=FakeCom([WiaInfo("scan-1", "Canon", device)]))
    with pytest.raises(ScannerError) as info:
        scanner.scan(ScanSettings(ColorMode.GRAY, 100, source=PaperSource.FLATBED))
    assert info.value.kind is kind and CYRILLIC.search(info.value.user_message)


def test_wia_without_service_or_scanner_or_feeder() -> None:
    stopped = wia.WiaScanner(com=FakeCom(service=False))
    assert stopped.status().state is DeviceState.MISSING and "WIA" in stopped.status().message
    assert stopped.sources() == []
    empty = wia.WiaScanner(com=FakeCom([]))
    with pytest.raises(ScannerError) as info:
        empty.scan(ScanSettings())
    assert info.value.kind is ScannerErrorKind.NO_DEVICE and "USB" in info.value.user_message
    offline = wia.WiaScanner(com=FakeCom([WiaInfo("scan-1", "Canon", None)]))
    with pytest.raises(ScannerError) as info:
        offline.scan(ScanSettings())
    assert info.value.kind is ScannerErrorKind.NO_DEVICE
    flatbed_only = wia.WiaScanner(com=FakeCom([WiaInfo("s", "Canon", WiaDevice(has_feeder=False))]))
    with pytest.raises(ScannerError) as info:
        flatbed_only.scan(ScanSettings(source=PaperSource.FEEDER))
    assert info.value.kind is ScannerErrorKind.UNSUPPORTED and "автоподавача" in info.value.user_message


# --- a fake pytwain ----------------------------------------------------------------------------------
class TwainFailure(Exception):
    pass


class PaperJam(TwainFailure):
    pass


class CheckDeviceOnline(TwainFailure):
    pass


def fake_twain(
    sources: list[str], sheets: int = 1, fail_after: int | None = None, fail: type = PaperJam,
    feeds_by_default: bool = False,  # a sheet-fed scanner's driver: the feeder unless told otherwise
) -> Any:
    state: dict[str, Any] = {"caps": {}, "layout": None, "handles": {}, "freed": [], "closed": 0}
    tw = SimpleNamespace(
        ICAP_PIXELTYPE=0x0101, ICAP_XRESOLUTION=0x1118, ICAP_YRESOLUTION=0x1119, ICAP_UNITS=0x0102,
        CAP_FEEDERENABLED=0x1002, CAP_AUTOFEED=0x1007, TWTY_UINT16=4, TWTY_FIX32=7, TWTY_BOOL=6,
        TWPT_GRAY=1, TWPT_RGB=2, TWUN_INCHES=0, state=state,
    )  # fmt: skip

    class Source:
        def __init__(self) -> None:
            self.transferred = 0

        def set_capability(self, cap: int, _type: int, value: Any) -> None:
            state["caps"][cap] = value

        def set_image_layout(self, frame: tuple[float, float, float, float]) -> None:
            state["layout"] = frame

        def request_acquire(self, show_ui: bool, modal_ui: bool) -> None:
            assert show_ui is False
            state["acquired"] = True

        def xfer_image_natively(self) -> tuple[int, int]:
            self.transferred += 1
            if fail_after is not None and self.transferred > fail_after:
                raise fail()
            dpi = state["caps"][tw.ICAP_XRESOLUTION]
            _l, _t, right, bottom = state["layout"]
            w, h = round(right * dpi), round(bottom * dpi)
            grey = state["caps"][tw.ICAP_PIXELTYPE] == tw.TWPT_GRAY
            image = Image.new("L" if grey else "RGB", (w, h), 235)
            if not grey:
                image.paste((30, 60, 200), (10, 10, max(11, w // 2), max(11, h // 8)))  # a blue stamp
            buffer = io.BytesIO()
            image.save(buffer, "BMP")
            handle = 1000 + self.transferred
            state["handles"][handle] = buffer.getvalue()
            feeder = state["caps"].get(tw.CAP_FEEDERENABLED, feeds_by_default)
            remaining = max(0, sheets - self.transferred) if feeder else 0
            return handle, remaining

        def close(self) -> None:
            state["closed"] += 1

    class SourceManager:
        def __init__(self, parent: int, ProductName: str = "") -> None:  # noqa: N803
            self.source_list = list(sources)
            state.setdefault("parents", []).append(parent)

        def __enter__(self) -> SourceManager:
            return self

        def __exit__(self, *_exc: object) -> None:
            pass

        def open_source(self, name: str) -> Source:
            assert name in sources
            return Source()

    tw.SourceManager = SourceManager
    tw.dib_to_bm_file = lambda handle: state["handles"][handle]
    tw.global_handle_free = lambda handle: state["freed"].append(handle)
    return tw


def test_twain_flatbed_scan() -> None:
    tw = fake_twain(["EPSON DS-30"])
    scanner = TwainScanner(twain_module=tw)
    assert scanner.status().state is DeviceState.READY and scanner.sources() == ["EPSON DS-30"]
    [page] = scanner.scan(ScanSettings(ColorMode.GRAY, 200, PaperSize.A4, source=PaperSource.FLATBED))
    assert (page.width_px, page.height_px, page.dpi) == (1654, 2339, 200)
    assert (
        tw.state["caps"][tw.ICAP_PIXELTYPE] == tw.TWPT_GRAY
        and tw.state["caps"][tw.CAP_FEEDERENABLED] is False
    )
    assert tw.state["freed"] == [1001] and tw.state["closed"] == 1  # the DIB freed, the source closed


def test_twain_gets_a_window_of_its_own_for_each_call() -> None:
    events: list[str] = []

    class Window:
        def __enter__(self) -> int:
            events.append("created")
            return 4242

        def __exit__(self, *_exc: object) -> None:
            events.append("destroyed")

    tw = fake_twain(["EPSON DS-30"])
    scanner = TwainScanner(twain_module=tw, window_factory=Window)
    scanner.scan(ScanSettings(ColorMode.GRAY, 100, source=PaperSource.FLATBED))
    assert tw.state["parents"] == [4242] and events == ["created", "destroyed"]
    # a jam during the call still destroys the window
    jam = fake_twain(["EPSON DS-30"], fail_after=0)
    events.clear()
    with pytest.raises(ScannerError):
        TwainScanner(twain_module=jam, window_factory=Window).scan(ScanSettings(source=PaperSource.FLATBED))
    assert events == ["created", "destroyed"]
    # an explicit HWND (the app's window) is used as it is
    explicit = fake_twain(["EPSON DS-30"])
    TwainScanner(twain_module=explicit, parent_window=77).status()
    assert explicit.state["parents"] == [77]


def test_twain_feeder_and_a_jam_keeping_pages() -> None:
    tw = fake_twain(["Fujitsu fi"], sheets=3)
    pages = TwainScanner(twain_module=tw).scan(
        ScanSettings(ColorMode.COLOR, 100, PaperSize.ID_CARD, source=PaperSource.FEEDER)
    )
    assert len(pages) == 3 and Image.open(io.BytesIO(pages[0].data)).mode == "RGB"
    jam = fake_twain(["Fujitsu fi"], sheets=5, fail_after=2)
    with pytest.raises(ScannerError) as info:
        TwainScanner(twain_module=jam).scan(ScanSettings(ColorMode.GRAY, 100, source=PaperSource.FEEDER))
    assert info.value.kind is ScannerErrorKind.JAMMED and len(info.value.pages) == 2
    unplugged = fake_twain(["Fujitsu fi"], sheets=5, fail_after=1, fail=CheckDeviceOnline)
    with pytest.raises(ScannerError) as info:
        TwainScanner(twain_module=unplugged).scan(
            ScanSettings(ColorMode.GRAY, 100, source=PaperSource.FEEDER)
        )
    assert info.value.kind is ScannerErrorKind.NO_DEVICE and "USB" in info.value.user_message


def test_twain_without_sources_or_module() -> None:
    none = TwainScanner(twain_module=fake_twain([]))
    assert none.status().state is DeviceState.MISSING
    with pytest.raises(ScannerError) as info:
        none.scan(ScanSettings())
    assert info.value.kind is ScannerErrorKind.NO_DEVICE
    import importlib.util

    if importlib.util.find_spec("twain") is None:  # Linux: pytwain is a Windows-only dependency
        missing = TwainScanner()
        assert missing.status().state is DeviceState.MISSING and "TWAIN" in missing.status().message


def test_system_scanner_is_sane_on_linux_and_wia_or_twain_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    assert system_scanner("test:0", platform="linux").backend == "sane"
    monkeypatch.setattr(wia, "Pywin32", lambda: FakeCom([WiaInfo("s", "Canon", WiaDevice())]))
    assert system_scanner(platform="win32").backend == "wia"
    monkeypatch.setattr(wia, "Pywin32", lambda: FakeCom([]))
    import mobile_case.devices.scanner.twain_backend as twain_backend

    original = twain_backend.TwainScanner.__init__

    def with_fake(self: Any, source_name: str = "", **kw: Any) -> None:
        original(self, source_name, twain_module=fake_twain(["EPSON"]))

    monkeypatch.setattr(twain_backend.TwainScanner, "__init__", with_fake)
    assert system_scanner(platform="win32").backend == "twain"
