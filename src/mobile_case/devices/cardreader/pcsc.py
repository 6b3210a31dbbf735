"""The real ID-card readers through PC/SC (pyscard; the Windows smart-card service or pcsc-lite).

Finding the readers, telling whether a card lies on one, watching cards come and go, and reading the chip:
``PcscCardReader.read`` connects (T=1 or T=0), holds a PC/SC transaction for the whole read and runs
``emrtd.session.read_emrtd`` (PACE or BAC, secure messaging, the data groups, passive authentication) over
``SCardTransmit``. PC/SC failures become ``CardReaderError`` kinds (card removed, no reader, timeout, reader
busy); a card reset mid-read is reconnected once and the read restarted (its secure session is gone).

pyscard is imported lazily: without it (or without the PC/SC service) the reader is MISSING with a
Ukrainian message that says what to install or start.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

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
log = logging.getLogger(__name__)

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
COMMAND_TIMEOUT = 15.0  # s for one APDU (PACE on a slow card takes ~1 s); then TIMEOUT
_GONE_WAIT = 1.5  # s to wait for the reader to report a card gone after an empty response
_SCARD_E_TIMEOUT = 0x8010000A
_SCARD_E_NO_SMARTCARD = 0x8010000C
_SCARD_W_UNRESPONSIVE_CARD = 0x80100066
_SCARD_W_UNPOWERED_CARD = 0x80100067
_SCARD_W_REMOVED_CARD = 0x80100069
_SCARD_W_RESET_CARD = 0x80100068
_SCARD_E_SHARING_VIOLATION = 0x8010000B
_SCARD_E_UNKNOWN_READER = 0x80100009
_SCARD_E_READER_UNAVAILABLE = 0x80100017
_SCARD_E_NOT_TRANSACTED = 0x80100016
_SCARD_E_PROTO_MISMATCH = 0x8010000F
_BUSY = (
    "Зчитувач або картка зайняті іншою програмою. Закрийте програми, що працюють з картками (наприклад, "
    "«Дія» чи клієнт КЕП), і спробуйте ще раз."
)
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
            f"Зчитувач «{names[0]}» підключено.",
            names,
            present,
        )
    finally:
        scard.SCardReleaseContext(context)


class PcscCardReader:
    """The real PC/SC readers: listing, card presence, card events and the ICAO 9303 chip read."""

    backend = BACKEND

    def __init__(
        self, preferred_reader: str = "", poll_interval: float = 0.5, csca_dir: Path | None = None,
        deadline: float = 60.0,
    ) -> None:  # fmt: skip
        self.preferred_reader = preferred_reader
        self.poll_interval = poll_interval
        self.csca_dir = csca_dir  # None: resources/csca/
        self.deadline = deadline

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
        """Read the chip on ``reader`` (the preferred or first one). Slow: call from a worker thread.

        Raises ``CardReaderError``: NO_READER / NO_CARD / CARD_REMOVED / TIMEOUT / NOT_EMRTD /
        WRONG_ACCESS_KEY / BLOCKED / CORRUPT / NOT_SUPPORTED. Never returns a partial read.
        The log gets the outcome only — protocol, verdict, commands, time, error kind — never chip data."""
        try:
            read = self._read(access, reader, progress)
        except CardReaderError as exc:
            log.warning("chip read failed: %s", exc)  # kinds and status words only, no personal data
            raise
        log.info(
            "chip read: %s, verdict %s, groups %s, %d commands (minimum %d), %.3f s",
            read.access_protocol, read.verdict.value, ",".join(map(str, read.data_groups_read)),
            read.commands, read.min_commands, read.timings.total,
        )  # fmt: skip
        return read

    def _read(
        self, access: CardAccess, reader: str | None, progress: ProgressCallback | None
    ) -> CardReadResult:
        from mobile_case.devices.cardreader.emrtd.session import (  # noqa: PLC0415
            ExtendedLengthRefused,
            read_emrtd,
            to_result,
        )

        result = probe()
        if result.state is DeviceState.MISSING and not result.readers:
            raise CardReaderError(CardReaderErrorKind.NO_READER, "no PC/SC reader", result.message)
        name = self._pick(result, reader)
        if not (reader or self.preferred_reader):
            # no reader named: the one the card lies on (a laptop may also have a contact slot or a
            # virtual smart card listed first)
            name = next((n for n in result.readers if result.present.get(n)), name)
        if not result.present.get(name, False):
            raise CardReaderError(CardReaderErrorKind.NO_CARD, "no card on the PC/SC reader")
        if progress is not None:
            progress("З'єднання з карткою…", 0.0)
        allow_extended = True
        for attempt in (1, 2, 3):
            start = time.perf_counter()
            with PcscConnection(name, min(COMMAND_TIMEOUT, self.deadline)) as conn:
                connected = time.perf_counter() - start
                try:
                    chip = read_emrtd(conn, access, atr=conn.atr, progress=progress, csca_dir=self.csca_dir,
                                      deadline=self.deadline, allow_extended=allow_extended)  # fmt: skip
                except _CardReset:
                    if attempt == 3:
                        raise CardReaderError(
                            CardReaderErrorKind.CARD_REMOVED, "card reset repeatedly"
                        ) from None
                    continue
                except ExtendedLengthRefused:
                    if not allow_extended:
                        raise
                    allow_extended = False  # this reader cannot carry extended APDUs: short reads, anew
                    continue
            chip.timings["connect"] = connected
            chip.timings["total"] = chip.timings.get("total", 0.0) + connected
            if progress is not None:
                progress("Готово", 1.0)
            return to_result(chip, name, BACKEND)
        raise AssertionError("unreachable")


class _CardReset(Exception):
    """The card was reset by someone else mid-read: the secure session is lost, start over."""


class PcscConnection:
    """One connection to the card on a reader, inside a PC/SC transaction, as an emrtd ``Transport``."""

    def __init__(self, reader: str, command_timeout: float = COMMAND_TIMEOUT) -> None:
        self.reader = reader
        self.atr = b""
        self.commands = 0
        self.command_timeout = command_timeout
        self._context = None
        self._card = None
        self._protocol = 0
        # SCardTransmit cannot be interrupted and some drivers (vpcd among them) never time out: each
        # command runs on this one helper thread and the caller waits at most ``command_timeout``
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pcsc-transmit")
        self._stuck = False

    def __enter__(self) -> PcscConnection:
        from smartcard import scard  # noqa: PLC0415

        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            raise CardReaderError(CardReaderErrorKind.NO_READER, "PC/SC service unavailable", _NO_SERVICE)
        self._context = context
        try:
            hresult, card, protocol = scard.SCardConnect(
                context,
                self.reader,
                scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T1 | scard.SCARD_PROTOCOL_T0,
            )
            if hresult != scard.SCARD_S_SUCCESS:
                raise _card_error(hresult, "connect")
            self._card, self._protocol = card, protocol
            hresult = scard.SCardBeginTransaction(card)
            if hresult != scard.SCARD_S_SUCCESS:
                raise _card_error(hresult, "begin transaction")
            hresult, _reader, _state, _protocol, atr = scard.SCardStatus(card)
            if hresult == scard.SCARD_S_SUCCESS:
                self.atr = bytes(atr)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def reconnect(self) -> None:
        """Reconnect after a reset (the card stays on the reader, its state is lost)."""
        from smartcard import scard  # noqa: PLC0415

        hresult, protocol = scard.SCardReconnect(
            self._card, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T1 | scard.SCARD_PROTOCOL_T0,
            scard.SCARD_LEAVE_CARD,
        )  # fmt: skip
        if hresult != scard.SCARD_S_SUCCESS:
            raise _card_error(hresult, "reconnect")
        self._protocol = protocol

    def transmit(self, apdu: bytes) -> bytes:
        from smartcard import scard  # noqa: PLC0415

        if self._stuck:
            raise CardReaderError(CardReaderErrorKind.TIMEOUT, "an earlier command never returned")
        self.commands += 1
        future = self._pool.submit(scard.SCardTransmit, self._card, self._protocol, list(apdu))
        try:
            hresult, response = future.result(timeout=self.command_timeout)
        except FutureTimeout:
            self._stuck = True
            raise CardReaderError(
                CardReaderErrorKind.TIMEOUT, "card did not answer a command in time"
            ) from None
        if hresult != scard.SCARD_S_SUCCESS:
            if _hr(hresult) == _SCARD_W_RESET_CARD:
                self.reconnect()
                raise _CardReset()
            raise _card_error(hresult, "transmit")
        data = bytes(response)
        if len(data) < 2:
            self._check_still_there()  # vpcd/pcscd answer an empty response when the card went away
        if len(data) == 2 and data[0] == 0x61:  # T=0: more data waiting — GET RESPONSE
            return self.transmit(bytes([0x00, 0xC0, 0x00, 0x00, data[1]]))
        if len(data) == 2 and data[0] == 0x6C:  # T=0: wrong Le, resend with the right one
            return self.transmit(bytes(apdu[:4]) + bytes([data[1]]))
        return data

    def _check_still_there(self) -> None:
        """CARD_REMOVED when the card has left the reader (a short response is otherwise CORRUPT)."""
        from smartcard import scard  # noqa: PLC0415

        hresult, *_status = scard.SCardStatus(self._card)  # its state word differs on Windows and pcsc-lite
        if hresult != scard.SCARD_S_SUCCESS:
            raise _card_error(hresult, "status after a short response")
        # the reader may notice the card has gone only a moment later: watch it briefly
        deadline = time.monotonic() + _GONE_WAIT
        while True:
            if not probe().present.get(self.reader, False):
                raise CardReaderError(CardReaderErrorKind.CARD_REMOVED, "card gone after a short response")
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)

    def __exit__(self, *exc: object) -> None:
        # a command still hanging holds the handle: close it on the helper thread once that returns
        if self._stuck:
            self._pool.submit(self._close)
        else:
            self._close()
        self._pool.shutdown(wait=False)

    def _close(self) -> None:
        """End the transaction and disconnect with a reset: the secure session ends with the read, and the
        next read finds the card at its master file (not inside the eMRTD application)."""
        from smartcard import scard  # noqa: PLC0415

        if self._card is not None:
            scard.SCardEndTransaction(self._card, scard.SCARD_LEAVE_CARD)
            scard.SCardDisconnect(self._card, scard.SCARD_RESET_CARD)
            self._card = None
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None


def _card_error(hresult: int, what: str) -> CardReaderError:
    code = _hr(hresult)
    if code in (_SCARD_E_NO_SMARTCARD,):
        return CardReaderError(CardReaderErrorKind.NO_CARD, f"{what}: no card")
    if code in (_SCARD_W_REMOVED_CARD, _SCARD_W_RESET_CARD, _SCARD_W_UNPOWERED_CARD):
        return CardReaderError(CardReaderErrorKind.CARD_REMOVED, f"{what}: card removed (0x{code:08X})")
    if code in (
        _SCARD_E_TIMEOUT,
        _SCARD_W_UNRESPONSIVE_CARD,
        _SCARD_E_NOT_TRANSACTED,
        _SCARD_E_PROTO_MISMATCH,
    ):
        return CardReaderError(CardReaderErrorKind.TIMEOUT, f"{what}: card unresponsive (0x{code:08X})")
    if code == _SCARD_E_SHARING_VIOLATION:
        return CardReaderError(CardReaderErrorKind.TIMEOUT, f"{what}: sharing violation", _BUSY)
    if code in (_SCARD_E_UNKNOWN_READER, _SCARD_E_READER_UNAVAILABLE, _SCARD_E_NO_READERS_AVAILABLE):
        return CardReaderError(CardReaderErrorKind.NO_READER, f"{what}: reader gone (0x{code:08X})")
    if code in (_SCARD_E_NO_SERVICE, _SCARD_E_SERVICE_STOPPED):
        return CardReaderError(CardReaderErrorKind.NO_READER, f"{what}: PC/SC service gone", _NO_SERVICE)
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
