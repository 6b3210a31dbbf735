"""Windows scanners through WIA 2.0 (the WIA Automation Library, ``wiaaut.dll``) over COM with pywin32.

No WIA dialog is shown (``CommonDialog`` is not used): the device is chosen by the app, the scan item's
properties are set by their WIA property ids, and each page is fetched with ``Item.Transfer(FormatID)``.
A feeder is emptied page by page until WIA reports it empty, and each page is handed on as it arrives,
so a jam or an unplugged cable on page three keeps pages one and two (``ScannerError.pages``).

pywin32 (``win32com.client``, ``pythoncom``) is imported only on Windows, inside the calls. The COM layer
is injectable (``com=``): the unit tests drive this module through a fake ``WIA.DeviceManager`` that
behaves like the documented one, since Linux cannot run WIA.

Reference: Microsoft, *WIA Automation Layer* (DeviceManager, DeviceInfo, Device, Item, ImageFile) and
``wia.h`` / ``wiadef.h`` (property ids, WIA_ERROR_* HRESULTs).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, Protocol

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.scanner.base import (
    KIND,
    MM_PER_INCH,
    PAPER_MM,
    ColorMode,
    PaperSource,
    ScannedPage,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)

BACKEND = "wia"
SCANNER_DEVICE_TYPE = 1  # WiaDeviceType.ScannerDeviceType

# property ids (wiadef.h)
WIA_DIP_DEV_NAME = 7
WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES = 3086
WIA_DPS_DOCUMENT_HANDLING_STATUS = 3087
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
WIA_IPA_DATATYPE = 4103
WIA_IPS_CUR_INTENT = 6146
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
WIA_IPS_XPOS = 6149
WIA_IPS_YPOS = 6150
WIA_IPS_XEXTENT = 6151
WIA_IPS_YEXTENT = 6152

FEEDER, FLATBED = 0x001, 0x002  # WIA_DPS_DOCUMENT_HANDLING_SELECT / _CAPABILITIES flags
FEED_READY = 0x001  # WIA_DPS_DOCUMENT_HANDLING_STATUS
INTENT_COLOR, INTENT_GRAYSCALE = 0x1, 0x2
DATATYPE_GRAYSCALE, DATATYPE_COLOR = 2, 3
FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
FORMAT_JPEG = "{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}"
FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"

# WIA_ERROR_* HRESULTs (wiadef.h), as unsigned 32-bit values
WIA_ERRORS: dict[int, ScannerErrorKind] = {
    0x80210001: ScannerErrorKind.IO,  # GENERAL_ERROR
    0x80210002: ScannerErrorKind.JAMMED,  # PAPER_JAM
    0x80210003: ScannerErrorKind.NO_PAPER,  # PAPER_EMPTY
    0x80210004: ScannerErrorKind.JAMMED,  # PAPER_PROBLEM
    0x80210005: ScannerErrorKind.NO_DEVICE,  # OFFLINE
    0x80210006: ScannerErrorKind.BUSY,  # BUSY
    0x80210007: ScannerErrorKind.BUSY,  # WARMING_UP
    0x80210008: ScannerErrorKind.IO,  # USER_INTERVENTION
    0x80210009: ScannerErrorKind.NO_DEVICE,  # ITEM_DELETED
    0x8021000A: ScannerErrorKind.IO,  # DEVICE_COMMUNICATION
    0x8021000B: ScannerErrorKind.UNSUPPORTED,  # INVALID_COMMAND
    0x8021000C: ScannerErrorKind.UNSUPPORTED,  # INCORRECT_HARDWARE_SETTING
    0x8021000D: ScannerErrorKind.BUSY,  # DEVICE_LOCKED
    0x80210015: ScannerErrorKind.NO_DEVICE,  # S_NO_DEVICE_AVAILABLE
    0x80210016: ScannerErrorKind.COVER_OPEN,  # COVER_OPEN
    0x80210017: ScannerErrorKind.IO,  # LAMP_OFF
    0x80070015: ScannerErrorKind.NO_DEVICE,  # HRESULT_FROM_WIN32(ERROR_NOT_READY)
    0x8007001F: ScannerErrorKind.NO_DEVICE,  # ERROR_GEN_FAILURE: device removed
    0x800704C7: ScannerErrorKind.CANCELLED,  # ERROR_CANCELLED
    0x80004005: ScannerErrorKind.IO,  # E_FAIL
}
DISP_E_EXCEPTION = 0x80020009

NO_WIA = (
    "Служба сканування Windows (WIA) недоступна. Перевірте, що служба «Windows Image Acquisition (WIA)» "
    "запущена, а драйвер сканера встановлено, і перезапустіть програму."
)
NO_SCANNER = (
    "Сканер не знайдено. Підключіть сканер до USB-порту й увімкніть його; перевірте, що Windows бачить його "
    "в «Пристрої та принтери»."
)
UNPLUGGED = (
    "Зв'язок зі сканером перервано під час сканування: можливо, кабель USB від'єднано. Перепідключіть "
    "сканер і повторіть сканування — уже отримані сторінки збережено."
)


class ComLayer(Protocol):
    """What this module needs of pywin32: ``Dispatch``, and per-thread COM initialisation."""

    def dispatch(self, prog_id: str) -> Any: ...
    def initialize(self) -> None: ...
    def uninitialize(self) -> None: ...


class Pywin32:
    """The real COM layer (Windows only): pywin32 imported at first use."""

    def dispatch(self, prog_id: str) -> Any:
        import win32com.client  # noqa: PLC0415

        return win32com.client.Dispatch(prog_id)

    def initialize(self) -> None:
        import pythoncom  # noqa: PLC0415

        pythoncom.CoInitialize()  # a worker thread: its own single-threaded apartment

    def uninitialize(self) -> None:
        import pythoncom  # noqa: PLC0415

        pythoncom.CoUninitialize()


def hresult_of(exc: BaseException) -> int | None:
    """The HRESULT of a pywintypes.com_error (the WIA code inside DISP_E_EXCEPTION when there is one),
    as an unsigned 32-bit number; None for other exceptions."""
    args = getattr(exc, "args", ())
    code = getattr(exc, "hresult", None)
    if code is None and args and isinstance(args[0], int):
        code = args[0]
    if code is None:
        return None
    code &= 0xFFFFFFFF
    excepinfo = getattr(exc, "excepinfo", None) or (args[2] if len(args) > 2 else None)
    if code == DISP_E_EXCEPTION and excepinfo and len(excepinfo) > 5 and excepinfo[5]:
        code = excepinfo[5] & 0xFFFFFFFF
    return code


def wia_error(exc: BaseException, pages: list[ScannedPage] | None = None) -> ScannerError:
    code = hresult_of(exc)
    kind = WIA_ERRORS.get(code or 0, ScannerErrorKind.IO)
    message = UNPLUGGED if kind is ScannerErrorKind.NO_DEVICE and pages else None
    if kind is ScannerErrorKind.NO_DEVICE and not pages:
        message = NO_SCANNER
    log = f"WIA error 0x{code:08X}" if code is not None else f"WIA failure {type(exc).__name__}"
    return ScannerError(kind, log, message, pages)


def _set(properties: Any, prop_id: int, value: Any) -> bool:
    """Set a WIA property by id if the device has it (``Properties.Item(id)``); False when it has not."""
    for index in range(1, int(properties.Count) + 1):
        prop = properties.Item(index)
        if int(prop.PropertyID) == prop_id:
            prop.Value = value
            return True
    return False


def _get(properties: Any, prop_id: int, default: Any = None) -> Any:
    for index in range(1, int(properties.Count) + 1):
        prop = properties.Item(index)
        if int(prop.PropertyID) == prop_id:
            return prop.Value
    return default


def _image_bytes(image_file: Any) -> bytes:
    """The encoded bytes of a WIA ImageFile (``FileData.BinaryData``: a SAFEARRAY of bytes)."""
    data = image_file.FileData.BinaryData
    return bytes(data) if not isinstance(data, bytes) else data


class WiaScanner:
    """A WIA scanner. ``device_id`` picks one (``DeviceInfo.DeviceID``; "" = the first scanner)."""

    backend = BACKEND

    def __init__(self, device_id: str = "", *, com: ComLayer | None = None) -> None:
        self.device_id = device_id
        self.com: ComLayer = com or Pywin32()

    def _session(self, work: Callable[[Any], Any]) -> Any:
        try:
            self.com.initialize()
        except ImportError as exc:
            raise ScannerError(ScannerErrorKind.NO_DEVICE, "pywin32 not installed", NO_WIA) from exc
        try:
            try:
                manager = self.com.dispatch("WIA.DeviceManager")
            except ScannerError:
                raise
            except Exception as exc:  # the WIA service stopped, wiaaut.dll not registered
                raise ScannerError(
                    ScannerErrorKind.NO_DEVICE, f"no WIA.DeviceManager: {type(exc).__name__}", NO_WIA
                ) from exc
            return work(manager)
        finally:
            self.com.uninitialize()

    @staticmethod
    def _scanners(manager: Any) -> list[tuple[str, str, Any]]:
        infos = manager.DeviceInfos
        found = []
        for index in range(1, int(infos.Count) + 1):
            info = infos.Item(index)
            if int(info.Type) == SCANNER_DEVICE_TYPE:
                name = str(_get(info.Properties, WIA_DIP_DEV_NAME, "") or info.DeviceID)
                found.append((str(info.DeviceID), name, info))
        return found

    def sources(self) -> list[str]:
        try:
            return [device_id for device_id, _name, _info in self._session(self._scanners)]
        except ScannerError:
            return []

    def status(self) -> DeviceStatus:
        try:
            scanners = self._session(self._scanners)
        except ScannerError as exc:
            return DeviceStatus(KIND, "Сканер", DeviceState.MISSING, BACKEND, exc.user_message)
        if self.device_id:
            scanners = [s for s in scanners if s[0] == self.device_id]
        if not scanners:
            return DeviceStatus(KIND, "Сканер", DeviceState.MISSING, BACKEND, NO_SCANNER)
        _device_id, name, _info = scanners[0]
        return DeviceStatus(KIND, name, DeviceState.READY, BACKEND, f"Сканер «{name}» підключено (WIA).")

    def scan(self, settings: ScanSettings, source: str | None = None) -> list[ScannedPage]:
        wanted = source or self.device_id
        return self._session(lambda manager: self._scan(manager, wanted, settings))

    def _scan(self, manager: Any, wanted: str, settings: ScanSettings) -> list[ScannedPage]:
        scanners = self._scanners(manager)
        chosen = (
            next((s for s in scanners if s[0] == wanted), None)
            if wanted
            else (scanners[0] if scanners else None)
        )
        if chosen is None:
            raise ScannerError(ScannerErrorKind.NO_DEVICE, "no WIA scanner", NO_SCANNER)
        try:
            device = chosen[2].Connect()
        except Exception as exc:
            raise wia_error(exc) from exc
        feeder = self._choose_source(device, settings)
        try:
            item = device.Items.Item(1)
            self._configure(item, settings)
        except ScannerError:
            raise
        except Exception as exc:
            raise wia_error(exc) from exc
        pages: list[ScannedPage] = []
        while True:
            try:
                image_file = item.Transfer(FORMAT_PNG)
            except Exception as exc:
                error = wia_error(exc, pages)
                if feeder and pages and error.kind is ScannerErrorKind.NO_PAPER:
                    return pages  # the feeder is empty: every sheet was scanned
                raise error from exc
            pages.append(self._page(_image_bytes(image_file), settings))
            if not feeder:
                return pages

    @staticmethod
    def _choose_source(device: Any, settings: ScanSettings) -> bool:
        """Select the flatbed or the feeder; True when scanning from the feeder."""
        props = device.Properties
        capabilities = int(_get(props, WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES, FLATBED) or FLATBED)
        if settings.source is PaperSource.FEEDER:
            if not capabilities & FEEDER:
                raise ScannerError(
                    ScannerErrorKind.UNSUPPORTED,
                    "no feeder",
                    "Цей сканер не має автоподавача. Виберіть «Планшет».",
                )
            _set(props, WIA_DPS_DOCUMENT_HANDLING_SELECT, FEEDER)
            _set(props, WIA_DPS_PAGES, 1)
            return True
        if settings.source is PaperSource.FLATBED or not capabilities & FEEDER:
            _set(props, WIA_DPS_DOCUMENT_HANDLING_SELECT, FLATBED)
            return False
        # AUTO: the feeder when paper is in it
        status = int(_get(props, WIA_DPS_DOCUMENT_HANDLING_STATUS, 0) or 0)
        use_feeder = bool(status & FEED_READY)
        _set(props, WIA_DPS_DOCUMENT_HANDLING_SELECT, FEEDER if use_feeder else FLATBED)
        if use_feeder:
            _set(props, WIA_DPS_PAGES, 1)
        return use_feeder

    @staticmethod
    def _configure(item: Any, settings: ScanSettings) -> None:
        props = item.Properties
        grey = settings.color is ColorMode.GRAY
        _set(props, WIA_IPS_CUR_INTENT, INTENT_GRAYSCALE if grey else INTENT_COLOR)
        _set(props, WIA_IPA_DATATYPE, DATATYPE_GRAYSCALE if grey else DATATYPE_COLOR)
        _set(props, WIA_IPS_XRES, settings.dpi)
        _set(props, WIA_IPS_YRES, settings.dpi)
        w_mm, h_mm = PAPER_MM[settings.paper]
        _set(props, WIA_IPS_XPOS, 0)
        _set(props, WIA_IPS_YPOS, 0)
        _set(props, WIA_IPS_XEXTENT, round(w_mm / MM_PER_INCH * settings.dpi))
        _set(props, WIA_IPS_YEXTENT, round(h_mm / MM_PER_INCH * settings.dpi))

    @staticmethod
    def _page(data: bytes, settings: ScanSettings) -> ScannedPage:
        from PIL import Image  # noqa: PLC0415

        from mobile_case.devices.scanner.imaging import encode_pil  # noqa: PLC0415

        image = Image.open(io.BytesIO(data))
        image.load()
        image = image.convert("L" if settings.color is ColorMode.GRAY else "RGB")
        dpi = settings.dpi
        encoded = encode_pil(image, settings.image_format, dpi, settings.jpeg_quality)
        from mobile_case.devices.scanner.base import MIME  # noqa: PLC0415

        return ScannedPage(
            encoded, MIME[settings.image_format], image.width, image.height, dpi, settings.color
        )
