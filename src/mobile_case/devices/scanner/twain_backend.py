"""Windows scanners through TWAIN (``pytwain``, the ``twain`` module: ctypes over the TWAIN DSM), for the
scanners whose makers ship a TWAIN driver and no WIA one.

The source's own dialog is not shown (``show_ui=False``): pixel type, resolution and the A4 / ID-card
frame are set as capabilities, then images are taken by native transfer (a DIB handle turned into BMP
bytes) until the source has no more pending transfers — every page of a feeder, each handed on as it
arrives so a failure keeps the pages before it (``ScannerError.pages``).

``twain`` is imported only when a TWAIN scanner is used (Windows; pyproject's ``sys_platform ==
'win32'`` marker). The module is injectable (``twain_module=``): the unit tests drive this code through a
fake ``twain`` module with the same names, since Linux cannot run a TWAIN source.

Reference: TWAIN Specification 2.4 (capabilities ICAP_PIXELTYPE, ICAP_XRESOLUTION, CAP_FEEDERENABLED,
DAT_IMAGELAYOUT; condition codes), pytwain 2.x (SourceManager, Source, dib_to_bm_file).
"""

from __future__ import annotations

import io
import sys
from typing import Any

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.scanner.base import (
    KIND,
    MIME,
    MM_PER_INCH,
    PAPER_MM,
    ColorMode,
    PaperSource,
    ScannedPage,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)

BACKEND = "twain"
APP_NAME = "Mobilnyi keis CNAP"

NO_TWAIN = (
    "Драйвер TWAIN недоступний: встановіть драйвер сканера від виробника (з підтримкою TWAIN) або "
    "пакет pytwain, і перезапустіть програму."
)
NO_SCANNER = (
    "Сканер TWAIN не знайдено. Підключіть сканер і ввімкніть його; перевірте, що драйвер встановлено."
)

# pytwain exception class names (twain.exceptions) → our kinds
_EXCEPTIONS: dict[str, ScannerErrorKind] = {
    "DSTransferCancelled": ScannerErrorKind.CANCELLED,
    "excDSTransferCancelled": ScannerErrorKind.CANCELLED,
    "PaperJam": ScannerErrorKind.JAMMED,
    "PaperDoubleFeed": ScannerErrorKind.JAMMED,
    "NoMedia": ScannerErrorKind.NO_PAPER,
    "CoverOpen": ScannerErrorKind.COVER_OPEN,
    "SeqError": ScannerErrorKind.BUSY,
    "SequenceError": ScannerErrorKind.BUSY,
    "Busy": ScannerErrorKind.BUSY,
    "Denied": ScannerErrorKind.BUSY,
    "CapUnsupported": ScannerErrorKind.UNSUPPORTED,
    "BadValue": ScannerErrorKind.UNSUPPORTED,
    "CheckDeviceOnline": ScannerErrorKind.NO_DEVICE,
    "NoDataSource": ScannerErrorKind.NO_DEVICE,
    "NoDS": ScannerErrorKind.NO_DEVICE,
}


def twain_error(exc: BaseException, pages: list[ScannedPage] | None = None) -> ScannerError:
    name = type(exc).__name__
    kind = next((k for key, k in _EXCEPTIONS.items() if key.lower() in name.lower()), ScannerErrorKind.IO)
    message = None
    if kind is ScannerErrorKind.NO_DEVICE:
        message = (
            "Зв'язок зі сканером перервано: можливо, кабель USB від'єднано. Перепідключіть сканер і "
            "повторіть сканування — уже отримані сторінки збережено."
            if pages
            else NO_SCANNER
        )
    return ScannerError(kind, f"TWAIN {name}", message, pages)


class _HiddenWindow:
    """A hidden window owned by the calling (worker) thread, for TWAIN's parent HWND: the DSM and many
    sources need a real window of the thread that pumps their messages (pywin32's win32gui)."""

    def __enter__(self) -> int:
        import win32gui  # noqa: PLC0415

        self.hwnd = win32gui.CreateWindow("STATIC", "mobile-case-twain", 0, 0, 0, 0, 0, 0, 0, 0, None)
        return int(self.hwnd)

    def __exit__(self, *_exc: object) -> None:
        import win32gui  # noqa: PLC0415

        win32gui.DestroyWindow(self.hwnd)


class _NoWindow:
    def __init__(self, hwnd: int) -> None:
        self.hwnd = hwnd

    def __enter__(self) -> int:
        return self.hwnd

    def __exit__(self, *_exc: object) -> None:
        pass


class _Session:
    """The parent window and the source manager for one call (closed in reverse order)."""

    def __init__(self, scanner: TwainScanner) -> None:
        self.scanner = scanner
        self.window: Any = None
        self.manager: Any = None

    def __enter__(self) -> Any:
        tw = self.scanner._module()
        self.window = self.scanner.window_factory()
        hwnd = self.window.__enter__()
        try:
            self.manager = tw.SourceManager(hwnd, ProductName=APP_NAME)
        except Exception as exc:  # no TWAIN DSM (twaindsm.dll) on this machine
            self.window.__exit__(None, None, None)
            raise ScannerError(
                ScannerErrorKind.NO_DEVICE, f"no TWAIN DSM: {type(exc).__name__}", NO_TWAIN
            ) from exc
        return self.manager.__enter__()

    def __exit__(self, *exc: object) -> None:
        try:
            self.manager.__exit__(*exc)
        finally:
            self.window.__exit__(*exc)


class TwainScanner:
    """A TWAIN source. ``source_name`` picks one ("" = the first). ``parent_window``: the HWND TWAIN attaches
    to; 0 (the default) makes a hidden window of the worker thread for each call on Windows.
    ``window_factory`` gives that window as a context manager yielding the HWND (injectable for tests)."""

    backend = BACKEND

    def __init__(
        self,
        source_name: str = "",
        *,
        parent_window: int = 0,
        twain_module: Any = None,
        window_factory: Any = None,
    ) -> None:
        self.source_name = source_name
        self.parent_window = parent_window
        self._twain = twain_module
        if window_factory is None:
            if parent_window or sys.platform != "win32":
                window_factory = lambda: _NoWindow(parent_window)  # noqa: E731
            else:
                window_factory = _HiddenWindow
        self.window_factory = window_factory

    def _module(self) -> Any:
        if self._twain is None:
            try:
                import twain  # noqa: PLC0415

                self._twain = twain
            except ImportError as exc:
                raise ScannerError(ScannerErrorKind.NO_DEVICE, "pytwain not installed", NO_TWAIN) from exc
        return self._twain

    def _manager(self) -> _Session:
        return _Session(self)

    def sources(self) -> list[str]:
        try:
            with self._manager() as manager:
                return list(manager.source_list)
        except ScannerError:
            return []

    def status(self) -> DeviceStatus:
        try:
            with self._manager() as manager:
                names = list(manager.source_list)
        except ScannerError as exc:
            return DeviceStatus(KIND, "Сканер", DeviceState.MISSING, BACKEND, exc.user_message)
        if self.source_name:
            names = [n for n in names if n == self.source_name]
        if not names:
            return DeviceStatus(KIND, "Сканер", DeviceState.MISSING, BACKEND, NO_SCANNER)
        return DeviceStatus(
            KIND, names[0], DeviceState.READY, BACKEND, f"Сканер «{names[0]}» підключено (TWAIN)."
        )

    def scan(self, settings: ScanSettings, source: str | None = None) -> list[ScannedPage]:
        tw = self._module()
        wanted = source or self.source_name
        with self._manager() as manager:
            names = list(manager.source_list)
            if wanted and wanted not in names or not names:
                raise ScannerError(ScannerErrorKind.NO_DEVICE, "no TWAIN source", NO_SCANNER)
            try:
                src = manager.open_source(wanted or names[0])
            except Exception as exc:
                raise twain_error(exc) from exc
            if src is None:
                raise ScannerError(ScannerErrorKind.CANCELLED, "no source opened")
            try:
                feeder = self._configure(tw, src, settings)
                return self._acquire(tw, src, settings, feeder)
            finally:
                src.close()

    @staticmethod
    def _configure(tw: Any, src: Any, settings: ScanSettings) -> bool:
        try:
            grey = settings.color is ColorMode.GRAY
            src.set_capability(tw.ICAP_PIXELTYPE, tw.TWTY_UINT16, tw.TWPT_GRAY if grey else tw.TWPT_RGB)
            src.set_capability(tw.ICAP_XRESOLUTION, tw.TWTY_FIX32, float(settings.dpi))
            src.set_capability(tw.ICAP_YRESOLUTION, tw.TWTY_FIX32, float(settings.dpi))
            w_mm, h_mm = PAPER_MM[settings.paper]
            src.set_capability(tw.ICAP_UNITS, tw.TWTY_UINT16, tw.TWUN_INCHES)
            src.set_image_layout((0.0, 0.0, w_mm / MM_PER_INCH, h_mm / MM_PER_INCH))
        except Exception as exc:
            raise twain_error(exc) from exc
        feeder = settings.source is PaperSource.FEEDER
        if settings.source is not PaperSource.AUTO:
            try:
                src.set_capability(tw.CAP_FEEDERENABLED, tw.TWTY_BOOL, feeder)
                if feeder:
                    src.set_capability(tw.CAP_AUTOFEED, tw.TWTY_BOOL, True)
            except Exception as exc:
                if feeder:
                    raise ScannerError(
                        ScannerErrorKind.UNSUPPORTED,
                        "no feeder",
                        "Цей сканер не має автоподавача. Виберіть «Планшет».",
                    ) from exc
        return feeder

    @staticmethod
    def _acquire(tw: Any, src: Any, settings: ScanSettings, feeder: bool) -> list[ScannedPage]:
        from PIL import Image  # noqa: PLC0415

        from mobile_case.devices.scanner.imaging import encode_pil  # noqa: PLC0415

        pages: list[ScannedPage] = []
        try:
            src.request_acquire(show_ui=False, modal_ui=False)
        except Exception as exc:
            raise twain_error(exc) from exc
        remaining = 1
        while remaining:
            try:
                handle, remaining = src.xfer_image_natively()
            except Exception as exc:
                error = twain_error(exc, pages)
                if pages and error.kind in (ScannerErrorKind.NO_PAPER, ScannerErrorKind.CANCELLED):
                    return pages
                raise error from exc
            try:
                bmp = tw.dib_to_bm_file(handle)
            finally:
                tw.global_handle_free(handle)
            image = Image.open(io.BytesIO(bmp), formats=["BMP"])
            image.load()
            image = image.convert("L" if settings.color is ColorMode.GRAY else "RGB")
            data = encode_pil(image, settings.image_format, settings.dpi, settings.jpeg_quality)
            pages.append(
                ScannedPage(
                    data, MIME[settings.image_format], image.width, image.height, settings.dpi, settings.color
                )
            )
            if settings.source is PaperSource.FLATBED:
                break  # one sheet on the glass, whatever the source reports pending
        return pages
