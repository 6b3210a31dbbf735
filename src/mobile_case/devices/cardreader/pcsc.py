"""The real ID-card readers through PC/SC (pyscard; the Windows smart-card service or pcsc-lite).

What works in this version: finding the readers, telling whether a card lies on one, and watching cards
come and go. Reading the chip itself (PACE/BAC, secure messaging, the data groups, passive authentication)
is not here yet: ``read`` says so in Ukrainian and the administrator types the data from the document.
It never returns invented data.

pyscard is imported lazily: without it (or without the PC/SC service) the reader is MISSING with a
Ukrainian message that says what to install or start.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.cardreader.base import (
    KIND,
    CardAccess,
    CardEvent,
    CardEventCallback,
    CardReaderError,
    CardReaderErrorKind,
    CardReadResult,
    ProgressCallback,
)

BACKEND = "pcsc"

_NO_PYSCARD = (
    "Бібліотеку pyscard для роботи зі зчитувачами смарт-карток не встановлено. Встановіть її "
    "(pip install pyscard) і перезапустіть програму."
)
if sys.platform == "win32":
    _NO_SERVICE = (
        "Служба Windows «Смарт-картка» (SCardSvr) не запущена. Підключіть зчитувач (служба зазвичай "
        "запускається сама) або увімкніть її в «Службах» Windows."
    )
else:
    _NO_SERVICE = (
        "Служба смарт-карток pcscd не запущена. Встановіть і запустіть її: "
        "sudo apt install pcscd && sudo systemctl start pcscd."
    )
_NO_READERS = "Зчитувач ID-карток не підключено. Підключіть зчитувач до USB-порту."
_SCARD_E_NO_SERVICE = 0x8010001D
_SCARD_E_SERVICE_STOPPED = 0x8010001E
_SCARD_E_NO_READERS_AVAILABLE = 0x8010002E
_SCARD_STATE_PRESENT = 0x20
_SCARD_E_TIMEOUT = 0x8010000A
_SCARD_E_NO_SMARTCARD = 0x8010000C
_SCARD_W_UNRESPONSIVE_CARD = 0x80100066
_SCARD_W_UNPOWERED_CARD = 0x80100067
_SCARD_W_REMOVED_CARD = 0x80100069
_SCARD_W_RESET_CARD = 0x80100068
# SELECT the eMRTD application by its AID (ICAO 9303 Part 10), no response data expected
SELECT_EMRTD = [0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]


@dataclass(frozen=True)
class PcscProbe:
    """What PC/SC reports right now."""

    state: DeviceState
    message: str
    readers: tuple[str, ...]
    present: dict[str, bool]


def _hr(value: int) -> int:
    return value & 0xFFFFFFFF


def probe() -> PcscProbe:
    """Ask PC/SC for its readers and whether each holds a card (fast; no card is connected to)."""
    try:
        from smartcard import scard  # noqa: PLC0415 — optional, imported lazily
    except ImportError:
        return PcscProbe(DeviceState.MISSING, _NO_PYSCARD, (), {})
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        if _hr(hresult) in (_SCARD_E_NO_SERVICE, _SCARD_E_SERVICE_STOPPED):
            return PcscProbe(DeviceState.MISSING, _NO_SERVICE, (), {})
        return PcscProbe(
            DeviceState.FAILING,
            f"Служба смарт-карток повідомила про помилку: {scard.SCardGetErrorMessage(hresult)}",
            (),
            {},
        )
    try:
        hresult, readers = scard.SCardListReaders(context, [])
        if _hr(hresult) == _SCARD_E_NO_READERS_AVAILABLE or (
            hresult == scard.SCARD_S_SUCCESS and not readers
        ):
            return PcscProbe(DeviceState.MISSING, _NO_READERS, (), {})
        if hresult != scard.SCARD_S_SUCCESS:
            return PcscProbe(
                DeviceState.FAILING,
                f"Не вдалося отримати список зчитувачів: {scard.SCardGetErrorMessage(hresult)}",
                (),
                {},
            )
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(name, scard.SCARD_STATE_UNAWARE) for name in readers]
        )
        present = {name: bool(state & _SCARD_STATE_PRESENT) for name, state, _atr in states}
        names = tuple(readers)
        return PcscProbe(
            DeviceState.READY,
            f"Зчитувач «{names[0]}» підключено. Читання чипа ID-картки буде в наступній версії — "
            "дані особи вводяться з документа.",
            names,
            present,
        )
    finally:
        scard.SCardReleaseContext(context)


class PcscCardReader:
    """The real PC/SC readers (listing and card presence; the chip read comes with issue 3)."""

    backend = BACKEND

    def __init__(self, preferred_reader: str = "", poll_interval: float = 0.5) -> None:
        self.preferred_reader = preferred_reader
        self.poll_interval = poll_interval

    def readers(self) -> list[str]:
        return list(probe().readers)

    def _pick(self, result: PcscProbe, reader: str | None) -> str:
        if not result.readers:
            raise CardReaderError(CardReaderErrorKind.NO_READER, "no PC/SC reader", result.message)
        wanted = reader or self.preferred_reader
        if wanted:
            if wanted not in result.readers:
                raise CardReaderError(CardReaderErrorKind.NO_READER, "requested PC/SC reader not connected")
            return wanted
        return result.readers[0]

    def status(self) -> DeviceStatus:
        result = probe()
        if result.readers:
            name = self.preferred_reader if self.preferred_reader in result.readers else result.readers[0]
            message = result.message.replace(f"«{result.readers[0]}»", f"«{name}»")
            return DeviceStatus(KIND, name, result.state, BACKEND, message)
        return DeviceStatus(KIND, "Зчитувач ID-карток", result.state, BACKEND, result.message)

    def card_present(self, reader: str | None = None) -> bool:
        result = probe()
        return result.present.get(self._pick(result, reader), False)

    def watch(self, callback: CardEventCallback) -> Callable[[], None]:
        """Poll PC/SC every ``poll_interval`` seconds on a daemon thread and report changes."""
        stop_event = threading.Event()

        def run() -> None:
            known: dict[str, bool] = {}
            while not stop_event.is_set():
                now = probe().present
                for name in set(known) | set(now):
                    before, after = known.get(name, False), now.get(name, False)
                    if before != after and not stop_event.is_set():
                        callback(CardEvent(name, after))
                known = now
                stop_event.wait(self.poll_interval)

        thread = threading.Thread(target=run, name="pcsc-card-watch", daemon=True)
        thread.start()

        def stop() -> None:
            stop_event.set()
            thread.join(timeout=5)

        return stop

    def read(
        self, access: CardAccess, reader: str | None = None, progress: ProgressCallback | None = None
    ) -> CardReadResult:
        """Check that an eMRTD lies on the reader, then say that reading its chip is not available yet.

        Raises NO_READER / NO_CARD / CARD_REMOVED / TIMEOUT / NOT_EMRTD for what is really wrong, and
        NOT_SUPPORTED for an ID card: this version never returns chip data from a real card."""
        result = probe()
        name = self._pick(result, reader)
        if not result.present.get(name, False):
            raise CardReaderError(CardReaderErrorKind.NO_CARD, "no card on the PC/SC reader")
        if progress is not None:
            progress("Перевірка картки…", 0.0)
        if not is_emrtd(name):
            raise CardReaderError(CardReaderErrorKind.NOT_EMRTD, "eMRTD application not selectable")
        raise CardReaderError(CardReaderErrorKind.NOT_SUPPORTED, "ICAO 9303 chip read not implemented yet")


def _card_error(hresult: int, what: str) -> CardReaderError:
    code = _hr(hresult)
    if code in (_SCARD_E_NO_SMARTCARD,):
        return CardReaderError(CardReaderErrorKind.NO_CARD, f"{what}: no card")
    if code in (_SCARD_W_REMOVED_CARD, _SCARD_W_RESET_CARD, _SCARD_W_UNPOWERED_CARD):
        return CardReaderError(CardReaderErrorKind.CARD_REMOVED, f"{what}: card removed (0x{code:08X})")
    if code in (_SCARD_E_TIMEOUT, _SCARD_W_UNRESPONSIVE_CARD):
        return CardReaderError(CardReaderErrorKind.TIMEOUT, f"{what}: card unresponsive (0x{code:08X})")
    return CardReaderError(CardReaderErrorKind.CORRUPT, f"{what}: PC/SC error 0x{code:08X}")


def is_emrtd(reader: str) -> bool:
    """Connect to the card on ``reader`` and SELECT the eMRTD application; True when it answers 90 00."""
    from smartcard import scard  # noqa: PLC0415

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        raise CardReaderError(CardReaderErrorKind.NO_READER, "PC/SC service unavailable", _NO_SERVICE)
    try:
        hresult, card, protocol = scard.SCardConnect(
            context, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        if hresult != scard.SCARD_S_SUCCESS:
            raise _card_error(hresult, "connect")
        try:
            hresult, response = scard.SCardTransmit(card, protocol, SELECT_EMRTD)
            if hresult != scard.SCARD_S_SUCCESS:
                raise _card_error(hresult, "transmit")
            return list(response[-2:]) == [0x90, 0x00]
        finally:
            scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)
    finally:
        scard.SCardReleaseContext(context)
