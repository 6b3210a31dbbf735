"""Real scanners through SANE (Linux), with python-sane imported lazily.

Without python-sane, or without any scanner SANE can see, the scanner is MISSING with a Ukrainian
message. Every SANE operation runs in a short-lived child process (multiprocessing, "spawn"): a scanner
driver that crashes or hangs — and some do, SANE's own test backend included — cannot take the app down
or freeze it; after ``timeout`` seconds the child is killed and the user is told the scanner does not
answer. SANE is started afresh in each child, so a scanner plugged in later is found without restarting
the app. Windows scanners (WIA/TWAIN) and the document camera are issue 5.
"""

from __future__ import annotations

import importlib.util
import io
import multiprocessing
import sys
import threading
from collections.abc import Mapping
from multiprocessing.connection import Connection
from typing import Any

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.scanner.base import (
    KIND,
    MIME,
    PAPER_MM,
    ColorMode,
    ImageFormat,
    PaperSource,
    ScannedPage,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)

BACKEND = "sane"
_LOCK = threading.Lock()  # one SANE child process at a time
_RUNNING: dict[str, int] = {}  # op -> PID of the SANE child now running (for diagnostics and tests)
_RECEIVED: dict[str, int] = {}  # op -> pages received so far from the running child

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


def _sane_installed() -> bool:
    """Whether python-sane can be imported (checked without loading libsane into this process)."""
    return importlib.util.find_spec("sane") is not None


_NOT_ANSWERING = (
    "Сканер не відповідає. Вимкніть і знову ввімкніть сканер, перепідключіть кабель USB і спробуйте ще раз."
)


_CONNECTION_LOST = (
    "Зв'язок зі сканером перервано під час сканування: можливо, кабель USB від'єднано. Перепідключіть "
    "сканер і повторіть сканування — уже збережені сторінки не втрачено."
)


def running_pid(op: str = "scan") -> int | None:
    """The PID of the SANE child now doing ``op`` (None when none is running)."""
    return _RUNNING.get(op) or None


def pages_received(op: str = "scan") -> int:
    """How many pages the running (or last) scan has delivered so far."""
    return _RECEIVED.get(op, 0)


def _worker(conn: Connection, op: str, args: tuple[Any, ...]) -> None:  # runs in the child process
    try:
        import sane  # noqa: PLC0415

        sane.init()
        try:
            result = _OPS[op](sane, lambda page: conn.send(("page", page)), *args)
        finally:
            sane.exit()
        conn.send(("ok", result))
    except ScannerError as exc:
        conn.send(("scanner_error", exc.kind.value, str(exc), exc.user_message))
    except Exception as exc:  # a SANE status (_sane.error) or a driver/library failure
        conn.send(("sane_error", str(exc), type(exc).__name__))
    finally:
        conn.close()


def _isolated(op: str, args: tuple[Any, ...], timeout: float) -> Any:
    """Run ``_OPS[op]`` in a child process; raise ScannerError on its errors, a crash or a timeout.

    A scan sends each page to this process as soon as it is read, so a failure later in the feeder —
    even the child dying — keeps the pages that arrived (``ScannerError.pages``); ``timeout`` bounds
    the wait for each next message."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_worker, args=(sender, op, args), name=f"sane-{op}", daemon=True)
    pages: list[ScannedPage] = []
    with _LOCK:  # one SANE child at a time: a scanner serves one client
        process.start()
        sender.close()
        _RUNNING[op] = process.pid or 0
        _RECEIVED[op] = 0
        try:
            while True:
                if not receiver.poll(timeout):
                    raise ScannerError(
                        ScannerErrorKind.IO,
                        f"SANE {op} did not finish in {timeout:g} s",
                        _NOT_ANSWERING,
                        pages,
                    )
                try:
                    message = receiver.recv()
                except EOFError:  # the driver died (a scanner unplugged mid-scan can take libusb with it)
                    raise ScannerError(
                        ScannerErrorKind.IO, f"SANE {op} worker died", _CONNECTION_LOST, pages
                    ) from None
                if message[0] != "page":
                    break
                pages.append(message[1])
                _RECEIVED[op] = len(pages)
        finally:
            _RUNNING.pop(op, None)
            receiver.close()
            process.join(0.5)
            if process.is_alive():
                process.kill()
                process.join()
    tag = message[0]
    if tag == "ok":
        return pages if op == "scan" else message[1]
    if tag == "scanner_error":
        _tag, kind, log_message, user_message = message
        raise ScannerError(ScannerErrorKind(kind), log_message.split(": ", 2)[-1], user_message, pages)
    _tag, text, type_name = message
    if type_name == "error":  # _sane.error carries the SANE status text
        error = _error(RuntimeError(text))
        error.pages = pages
        raise error
    raise ScannerError(ScannerErrorKind.IO, f"SANE {op} failed: {type_name}", pages=pages)


def _op_devices(sane: Any, _emit: Any) -> list[tuple[str, str, str, str]]:
    return [tuple(d) for d in sane.get_devices(localOnly=True)]


def _op_scan(sane: Any, emit: Any, device: str, settings: ScanSettings, options: dict[str, Any]) -> int:
    names = [name for name, *_ in sane.get_devices(localOnly=True)]
    wanted = device or (names[0] if names else "")
    if not wanted or wanted not in names:
        raise ScannerError(ScannerErrorKind.NO_DEVICE, "no SANE device", _NO_DEVICE)
    try:
        dev = sane.open(wanted)
    except Exception as exc:
        raise _error(exc) from exc
    try:
        _configure(dev, settings, options)
        dpi = round(dev.resolution) if "resolution" in dev.optlist else settings.dpi
        feeder = "source" in dev.optlist and "feeder" in str(getattr(dev, "source", "")).lower()
        count = 0
        try:
            if feeder:
                for image in dev.multi_scan():
                    emit(_page(image, settings, dpi))
                    count += 1
            else:
                emit(_page(dev.scan(), settings, dpi))
                count = 1
        except Exception as exc:
            error = _error(exc)
            if feeder and count and error.kind is ScannerErrorKind.NO_PAPER:
                return count  # the feeder ran out after the last sheet: done
            raise error from exc
        if not count:
            raise ScannerError(ScannerErrorKind.NO_PAPER, "feeder empty")
        return count
    finally:
        dev.close()


_OPS = {"devices": _op_devices, "scan": _op_scan}


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


def _configure(dev: Any, settings: ScanSettings, extra: Mapping[str, Any]) -> None:
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
        if settings.source is not PaperSource.AUTO and "source" in options:
            sources = [str(v) for v in (dev["source"].constraint or [])]
            want = ("adf", "feeder") if settings.source is PaperSource.FEEDER else ("flatbed", "normal")
            match = next((v for v in sources if any(w in v.lower() for w in want)), None)
            if match is None:
                raise ScannerError(ScannerErrorKind.UNSUPPORTED, f"source {settings.source} not offered")
            dev.source = match
        for name, value in extra.items():
            setattr(dev, name, value)
    except ScannerError:
        raise
    except Exception as exc:
        raise ScannerError(ScannerErrorKind.UNSUPPORTED, f"SANE option: {exc}") from exc


def _page(image: Any, settings: ScanSettings, dpi: int) -> ScannedPage:
    mode = "RGB" if settings.color is ColorMode.COLOR else "L"
    if image.mode != mode:
        image = image.convert(mode)
    buffer = io.BytesIO()
    if settings.image_format is ImageFormat.PNG:
        image.save(buffer, "PNG", dpi=(dpi, dpi))
    else:
        image.save(buffer, "JPEG", quality=settings.jpeg_quality, dpi=(dpi, dpi))
    return ScannedPage(
        buffer.getvalue(), MIME[settings.image_format], image.width, image.height, dpi, settings.color
    )


class SaneScanner:
    """A SANE scanner. ``device`` picks one by SANE name (``test:0``, ``genesys:libusb:001:004``);
    ``options`` are extra backend options set before each scan (by python-sane name); ``list_timeout``
    and ``scan_timeout`` bound how long a driver may take before it is given up on."""

    backend = BACKEND

    def __init__(
        self,
        device: str = "",
        options: Mapping[str, Any] | None = None,
        *,
        list_timeout: float = 30.0,
        scan_timeout: float = 300.0,
    ) -> None:
        self.device = device
        self.options = dict(options or {})
        self.list_timeout = list_timeout
        self.scan_timeout = scan_timeout

    def _devices(self) -> list[tuple[str, str, str, str]]:
        if not _sane_installed():
            return []
        return _isolated("devices", (), self.list_timeout)

    def sources(self) -> list[str]:
        try:
            return [name for name, *_ in self._devices()]
        except ScannerError:  # SANE failing to start means no usable scanner
            return []

    def status(self) -> DeviceStatus:
        if not _sane_installed():
            return DeviceStatus(KIND, "Сканер", DeviceState.MISSING, BACKEND, _NO_LIBRARY)
        try:
            devices = self._devices()
        except ScannerError as exc:
            return DeviceStatus(KIND, "Сканер", DeviceState.FAILING, BACKEND, exc.user_message)
        if self.device:
            devices = [d for d in devices if d[0] == self.device]
        if not devices:
            return DeviceStatus(KIND, "Сканер", DeviceState.MISSING, BACKEND, _NO_DEVICE)
        name, vendor, model, _kind = devices[0]
        title = f"{vendor} {model}".strip() or name
        return DeviceStatus(KIND, name, DeviceState.READY, BACKEND, f"Сканер «{title}» підключено.")

    def scan(self, settings: ScanSettings, source: str | None = None) -> list[ScannedPage]:
        if not _sane_installed():
            raise ScannerError(ScannerErrorKind.NO_DEVICE, "python-sane not installed", _NO_LIBRARY)
        return _isolated("scan", (source or self.device, settings, self.options), self.scan_timeout)
