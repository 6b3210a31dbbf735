"""Real scanners through SANE (Linux), with python-sane imported lazily.

Without python-sane, or without any scanner SANE can see, the scanner is MISSING with a Ukrainian
message. SANE is initialised for each operation and closed after it (under one process-wide lock), so a
scanner plugged in later is found without restarting the app. Windows scanners (WIA/TWAIN) and the
document camera are issue 5.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.scanner.base import (
    KIND,
    MIME,
    PAPER_MM,
    ColorMode,
    ImageFormat,
    ScannedPage,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)

BACKEND = "sane"
_LOCK = threading.Lock()  # SANE is process-global: one operation at a time

if sys.platform == "win32":
    _NO_LIBRARY = "Сканери Windows (WIA/TWAIN) ця версія програми ще не підтримує."
else:
    _NO_LIBRARY = (
        "Бібліотеку python-sane для роботи зі сканером не встановлено. Встановіть пакети sane-utils і "
        "libsane-dev, потім python-sane (pip install python-sane), і перезапустіть програму."
    )
_NO_DEVICE = (
    "Сканер не підключено або SANE його не бачить. Підключіть сканер до USB-порту й увімкніть його "
    "(перевірити: команда scanimage -L)."
)

# SANE status strings (sane_strstatus) → our error kinds
_SANE_ERRORS: dict[str, ScannerErrorKind] = {
    "Document feeder jammed": ScannerErrorKind.JAMMED,
    "Document feeder out of documents": ScannerErrorKind.NO_PAPER,
    "Scanner cover is open": ScannerErrorKind.COVER_OPEN,
    "Device busy": ScannerErrorKind.BUSY,
    "Error during device I/O": ScannerErrorKind.IO,
    "Operation was cancelled": ScannerErrorKind.CANCELLED,
    "Operation was canceled": ScannerErrorKind.CANCELLED,
    "Operation not supported": ScannerErrorKind.UNSUPPORTED,
    "Invalid argument": ScannerErrorKind.UNSUPPORTED,
    "Out of memory": ScannerErrorKind.IO,
    "Access to resource has been denied": ScannerErrorKind.IO,
}


def _import_sane() -> Any | None:
    try:
        import sane  # noqa: PLC0415 — optional dependency, imported lazily
    except ImportError:
        return None
    return sane


@contextmanager
def _session(sane: Any) -> Iterator[None]:
    with _LOCK:
        sane.init()
        try:
            yield
        finally:
            sane.exit()


def _error(exc: Exception) -> ScannerError:
    message = str(exc)
    kind = _SANE_ERRORS.get(message, ScannerErrorKind.IO)
    return ScannerError(kind, f"SANE: {message}")


def _nearest(constraint: Any, value: float) -> float:
    if isinstance(constraint, tuple) and len(constraint) == 3:
        low, high, _step = constraint
        return min(max(value, low), high)
    if isinstance(constraint, list) and constraint:
        return min(constraint, key=lambda c: abs(c - value))
    return value


class SaneScanner:
    """A SANE scanner. ``device`` picks one by SANE name (``test:0``, ``genesys:libusb:001:004``);
    ``options`` are extra backend options set before each scan (by python-sane name)."""

    backend = BACKEND

    def __init__(self, device: str = "", options: Mapping[str, Any] | None = None) -> None:
        self.device = device
        self.options = dict(options or {})

    def _devices(self) -> list[tuple[str, str, str, str]]:
        sane = _import_sane()
        if sane is None:
            return []
        with _session(sane):
            return list(sane.get_devices(localOnly=True))

    def sources(self) -> list[str]:
        try:
            return [name for name, *_ in self._devices()]
        except Exception:  # SANE failing to start means no usable scanner
            return []

    def status(self) -> DeviceStatus:
        if _import_sane() is None:
            return DeviceStatus(KIND, "Сканер", DeviceState.MISSING, BACKEND, _NO_LIBRARY)
        try:
            devices = self._devices()
        except Exception as exc:
            return DeviceStatus(KIND, "Сканер", DeviceState.FAILING, BACKEND, f"SANE не запустився: {exc}")
        if self.device:
            devices = [d for d in devices if d[0] == self.device]
        if not devices:
            return DeviceStatus(KIND, "Сканер", DeviceState.MISSING, BACKEND, _NO_DEVICE)
        name, vendor, model, _kind = devices[0]
        title = f"{vendor} {model}".strip() or name
        return DeviceStatus(KIND, name, DeviceState.READY, BACKEND, f"Сканер «{title}» підключено.")

    def scan(self, settings: ScanSettings, source: str | None = None) -> list[ScannedPage]:
        sane = _import_sane()
        if sane is None:
            raise ScannerError(ScannerErrorKind.NO_DEVICE, "python-sane not installed", _NO_LIBRARY)
        with _session(sane):
            names = [name for name, *_ in sane.get_devices(localOnly=True)]
            wanted = source or self.device or (names[0] if names else "")
            if not wanted or wanted not in names:
                raise ScannerError(ScannerErrorKind.NO_DEVICE, "no SANE device", _NO_DEVICE)
            try:
                dev = sane.open(wanted)
            except Exception as exc:
                raise _error(exc) from exc
            try:
                self._configure(dev, settings)
                dpi = round(dev.resolution) if "resolution" in dev.optlist else settings.dpi
                feeder = (
                    "feeder" in str(getattr(dev, "source", "")).lower() if "source" in dev.optlist else False
                )
                try:
                    images = list(dev.multi_scan()) if feeder else [dev.scan()]
                except Exception as exc:
                    raise _error(exc) from exc
                if not images:
                    raise ScannerError(ScannerErrorKind.NO_PAPER, "feeder empty")
                return [self._page(image, settings, dpi) for image in images]
            finally:
                dev.close()

    def _configure(self, dev: Any, settings: ScanSettings) -> None:
        options = dev.optlist
        try:
            if "mode" in options:
                modes = dev["mode"].constraint or []
                want = "color" if settings.color is ColorMode.COLOR else "gray"
                match = next((m for m in modes if str(m).lower().startswith(want)), None)
                if match is None:
                    raise ScannerError(ScannerErrorKind.UNSUPPORTED, f"mode {want} not offered")
                dev.mode = match
            if "resolution" in options:
                dev.resolution = _nearest(dev["resolution"].constraint, settings.dpi)
            w_mm, h_mm = PAPER_MM[settings.paper]
            for name, value in (("tl_x", 0.0), ("tl_y", 0.0), ("br_x", w_mm), ("br_y", h_mm)):
                if name in options and dev[name].is_active() and dev[name].is_settable():
                    setattr(dev, name, _nearest(dev[name].constraint, value))
            for name, value in self.options.items():
                setattr(dev, name, value)
        except ScannerError:
            raise
        except Exception as exc:
            raise ScannerError(ScannerErrorKind.UNSUPPORTED, f"SANE option: {exc}") from exc

    @staticmethod
    def _page(image: Any, settings: ScanSettings, dpi: int) -> ScannedPage:
        mode = "RGB" if settings.color is ColorMode.COLOR else "L"
        if image.mode != mode:
            image = image.convert(mode)
        buffer = io.BytesIO()
        if settings.image_format is ImageFormat.PNG:
            image.save(buffer, "PNG", dpi=(dpi, dpi))
        else:
            image.save(buffer, "JPEG", quality=settings.jpeg_quality, dpi=(dpi, dpi))
        return ScannedPage(buffer.getvalue(), MIME[settings.image_format], image.width, image.height, dpi,
                           settings.color)  # fmt: skip
