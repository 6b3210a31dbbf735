"""The case-lid trigger (G 1.2): a switch in the case tells the program the lid was opened or closed, and
the open visit's recording starts or stops with it (through the recorder contract's
``VisitRecording.trigger(opened)``, which alone decides whether a recording may start: a visit in
progress with the consent to recording given).

Sources (pluggable, chosen in the kit settings, ``kit-devices.json`` in the data folder):

* ``serial`` — a USB-serial switch (pyserial; a port name such as ``/dev/ttyUSB0``/``COM3`` or any pyserial
  URL such as ``loop://``). Either a **line protocol** (the device writes ``OPEN`` / ``CLOSED`` lines; the
  words are configurable) or a **modem status line** (a reed switch wired to CTS, DSR or CD: asserted =
  open unless ``active_means_open`` is false). A state must hold for ``debounce_ms`` before it counts.
  A port that disappears is reported once and re-opened every two seconds.
* ``hid`` — a keyboard-wedge switch that "types" a key when the lid opens and another when it closes
  (configurable Qt key sequences, e.g. ``F9``/``F10``); an application-wide event filter catches and
  swallows them.
* ``none`` — no trigger (the default): the recording follows the visit only.

Only changes are reported (``OPEN`` twice is one event). Callbacks come from the serial thread; the UI
wraps the source in a Qt object whose signals are delivered on the GUI thread (``ui/kit/lid.py``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from mobile_case.devices import kit_settings
from mobile_case.devices.errors import DeviceError

log = logging.getLogger(__name__)

SETTINGS_FILE = kit_settings.SETTINGS_FILE
REOPEN_SECONDS = 2.0
POLL_SECONDS = 0.02


class LidSourceKind(StrEnum):
    NONE = "none"
    SERIAL = "serial"
    HID = "hid"


class SerialSignal(StrEnum):
    LINES = "lines"  # "OPEN" / "CLOSED" text lines
    CTS = "cts"
    DSR = "dsr"
    CD = "cd"


@dataclass
class LidConfig:
    source: str = LidSourceKind.NONE.value
    port: str = ""  # serial: /dev/ttyUSB0, COM3, or a pyserial URL
    baudrate: int = 9600
    signal: str = SerialSignal.LINES.value
    open_text: str = "OPEN"
    closed_text: str = "CLOSED"
    active_means_open: bool = True  # modem line asserted = lid open
    open_key: str = "F9"  # hid: a Qt key sequence
    closed_key: str = "F10"
    debounce_ms: int = 150

    def validate(self) -> None:
        """Raise LidError (Ukrainian) when the settings cannot work."""
        if self.source not in {k.value for k in LidSourceKind}:
            raise LidError(
                LidErrorKind.SETTINGS, f"source {self.source!r}", "Невідоме джерело сигналу кришки."
            )
        if self.source == LidSourceKind.SERIAL:
            if not self.port.strip():
                raise LidError(LidErrorKind.SETTINGS, "no port", "Вкажіть послідовний порт датчика кришки (наприклад, /dev/ttyUSB0 або COM3).")  # fmt: skip
            if self.signal not in {s.value for s in SerialSignal}:
                raise LidError(LidErrorKind.SETTINGS, f"signal {self.signal!r}", "Оберіть сигнал датчика: рядки, CTS, DSR або CD.")  # fmt: skip
            if self.signal == SerialSignal.LINES and (
                not self.open_text.strip()
                or not self.closed_text.strip()
                or self.open_text.strip().casefold() == self.closed_text.strip().casefold()
            ):
                raise LidError(LidErrorKind.SETTINGS, "words", "Слова «відкрито» і «закрито» мають бути різними й непорожніми.")  # fmt: skip
        if self.source == LidSourceKind.HID and (
            not self.open_key.strip() or self.open_key.strip() == self.closed_key.strip()
        ):
            raise LidError(LidErrorKind.SETTINGS, "keys", "Клавіші «відкрито» і «закрито» мають бути різними й непорожніми.")  # fmt: skip


class LidErrorKind(StrEnum):
    SETTINGS = "settings"
    PORT = "port"
    LOST = "lost"


class LidError(DeviceError):
    device = "lid"


def load_config(data_dir: Path) -> LidConfig:
    """The lid settings of this data folder (defaults when there are none or the file is unreadable)."""
    return kit_settings.load_section(data_dir, "lid", LidConfig)


def save_config(data_dir: Path, config: LidConfig) -> None:
    """Write the lid section of ``kit-devices.json`` (other sections are kept)."""
    kit_settings.save_section(data_dir, "lid", config)


class LidSource(Protocol):
    def start(self) -> None:
        """Begin watching; raises LidError when the source cannot be opened."""
        ...

    def stop(self) -> None: ...


OnChange = Callable[[bool], None]  # True = lid opened
OnProblem = Callable[[str], None]  # Ukrainian message; "" = working again


class SerialLid:
    """A serial-port lid switch, watched in a daemon thread."""

    def __init__(
        self,
        config: LidConfig,
        on_change: OnChange,
        on_problem: OnProblem | None = None,
        opener: Callable[[LidConfig], Any] | None = None,
    ) -> None:
        config.validate()
        self.config = config
        self.on_change = on_change
        self.on_problem = on_problem or (lambda _m: None)
        self._opener = opener or _open_port
        self._port: Any = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.state: bool | None = None  # last reported: True open, False closed, None unknown

    def start(self) -> None:
        """Start watching in a daemon thread; the port is opened there (a port that cannot be opened is
        reported through ``on_problem`` and tried again every two seconds)."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="lid-serial", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(2.0)
        self._close()

    def _close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception:  # already gone with the USB device
                pass

    def _report(self, opened: bool) -> None:
        if opened is self.state:
            return
        self.state = opened
        log.info("case lid %s", "opened" if opened else "closed")
        try:
            self.on_change(opened)
        except Exception:
            log.exception("lid change handler failed")

    def _run(self) -> None:
        import serial  # noqa: PLC0415

        lost = False
        while not self._stop.is_set():
            try:
                if self._port is None:
                    self._port = self._opener(self.config)
                    if lost:
                        lost = False
                        self.on_problem("")
                if self.config.signal == SerialSignal.LINES:
                    self._read_lines()
                else:
                    self._poll_line()
            except (serial.SerialException, OSError, LidError) as exc:
                if self._stop.is_set():
                    break
                if not lost:
                    lost = True
                    log.warning("lid switch port unavailable: %s", type(exc).__name__)
                    self.on_problem(
                        exc.user_message
                        if isinstance(exc, LidError)
                        else "Датчик кришки кейса від'єднано або порт недоступний. Перевірте кабель датчика; "
                        "запис і далі вмикається й вимикається разом із візитом."
                    )
                self._close()
                self._stop.wait(REOPEN_SECONDS)

    def _read_lines(self) -> None:
        opened_word = self.config.open_text.strip().casefold()
        closed_word = self.config.closed_text.strip().casefold()
        while not self._stop.is_set():
            port = self._port
            if port is None:
                return
            raw = port.readline()  # the port's timeout keeps this loop responsive to stop()
            if not raw:
                continue
            word = raw.decode("ascii", "replace").strip().casefold()
            if word == opened_word:
                self._report(True)
            elif word == closed_word:
                self._report(False)

    def _poll_line(self) -> None:
        attribute = {SerialSignal.CTS: "cts", SerialSignal.DSR: "dsr", SerialSignal.CD: "cd"}[
            SerialSignal(self.config.signal)
        ]
        debounce = max(0, self.config.debounce_ms) / 1000
        candidate: bool | None = None
        since = 0.0
        while not self._stop.is_set():
            port = self._port
            if port is None:
                return
            asserted = bool(getattr(port, attribute))
            opened = asserted if self.config.active_means_open else not asserted
            now = time.monotonic()
            if opened != candidate:
                candidate, since = opened, now
            if now - since >= debounce:
                self._report(opened)
            self._stop.wait(POLL_SECONDS)


def _open_port(config: LidConfig) -> Any:
    import serial  # noqa: PLC0415

    try:
        extra = {} if "://" in config.port else {"exclusive": True}  # one reader per device (POSIX lock)
        return serial.serial_for_url(config.port, baudrate=config.baudrate, timeout=0.2, **extra)
    except (serial.SerialException, OSError, ValueError) as exc:
        raise LidError(
            LidErrorKind.PORT,
            type(exc).__name__,
            f"Не вдалося відкрити порт датчика кришки «{config.port}». Перевірте, чи підключено датчик і чи "
            "правильно вказано порт у налаштуваннях кейса.",
        ) from exc


class HidLid:
    """A keyboard-wedge lid switch: an application-wide Qt event filter for two configured keys.
    Create and start it on the GUI thread (it needs a QCoreApplication)."""

    def __init__(self, config: LidConfig, on_change: OnChange, on_problem: OnProblem | None = None) -> None:
        config.validate()
        self.config = config
        self.on_change = on_change
        self.state: bool | None = None
        self._filter: Any = None

    def start(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent, QObject  # noqa: PLC0415
        from PySide6.QtGui import QKeySequence  # noqa: PLC0415

        app = QCoreApplication.instance()
        if app is None:
            raise LidError(
                LidErrorKind.PORT, "no app", "Датчик кришки (клавіатурний) працює лише у вікні програми."
            )
        keys = {}
        for text, opened in ((self.config.open_key, True), (self.config.closed_key, False)):
            seq = QKeySequence(text.strip())
            if seq.isEmpty() or seq.count() != 1:
                raise LidError(LidErrorKind.SETTINGS, "bad key", f"Не вдалося розпізнати клавішу «{text}».")
            keys[seq[0].toCombined()] = opened
        owner = self

        class _Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802
                if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
                    combined = event.keyCombination().toCombined()
                    if combined in keys:
                        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
                            owner._report(keys[combined])
                        event.accept()
                        return True
                return False

        self._filter = _Filter()
        app.installEventFilter(self._filter)

    def _report(self, opened: bool) -> None:
        if opened is self.state:
            return
        self.state = opened
        self.on_change(opened)

    def stop(self) -> None:
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

        app = QCoreApplication.instance()
        if self._filter is not None and app is not None:
            app.removeEventFilter(self._filter)
        self._filter = None


def make_source(
    config: LidConfig, on_change: OnChange, on_problem: OnProblem | None = None
) -> LidSource | None:
    """The configured source (not started), or None when the trigger is off."""
    config.validate()
    if config.source == LidSourceKind.SERIAL:
        return SerialLid(config, on_change, on_problem)
    if config.source == LidSourceKind.HID:
        return HidLid(config, on_change, on_problem)
    return None
