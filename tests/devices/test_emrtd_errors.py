"""How card status words and PC/SC results become CardReaderErrorKind (no pcscd needed), and the T=0
response handling of PcscConnection with a scripted SCardTransmit."""

from __future__ import annotations

import pytest

from mobile_case.devices.cardreader import pcsc
from mobile_case.devices.cardreader.base import CardReaderErrorKind as K
from mobile_case.devices.cardreader.emrtd.session import access_error


@pytest.mark.parametrize(
    ("sw", "kind", "needle"),
    [
        (0x63C2, K.WRONG_ACCESS_KEY, "Залишилося спроб: 2"),
        (0x63C1, K.WRONG_ACCESS_KEY, "призупинено"),
        (0x63C0, K.BLOCKED, "заблоковано"),
        (0x6983, K.BLOCKED, "заблоковано"),
        (0x6984, K.BLOCKED, "заблоковано"),
        (0x6300, K.WRONG_ACCESS_KEY, "CAN"),
        (0x6982, K.WRONG_ACCESS_KEY, "CAN"),
        (0x6A82, K.NOT_EMRTD, "ID-карткою"),
        (0x6D00, K.NOT_EMRTD, "ID-карткою"),
        (0x6F00, K.CORRUPT, "пошкоджені"),
    ],
)
def test_access_status_words(sw: int, kind: K, needle: str) -> None:
    error = access_error(sw, "test")
    assert error.kind is kind and needle in error.user_message


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (0x8010000C, K.NO_CARD),
        (0x80100069, K.CARD_REMOVED),
        (0x80100068, K.CARD_REMOVED),
        (0x80100067, K.CARD_REMOVED),
        (0x8010000A, K.TIMEOUT),
        (0x80100066, K.TIMEOUT),
        (0x80100016, K.TIMEOUT),
        (0x8010000B, K.TIMEOUT),
        (0x80100009, K.NO_READER),
        (0x80100017, K.NO_READER),
        (0x8010001D, K.NO_READER),
        (0x80100001, K.CORRUPT),
    ],
)
def test_pcsc_results(code: int, kind: K) -> None:
    error = pcsc._card_error(code - (1 << 32), "test")  # pyscard hands them over as signed ints
    assert error.kind is kind
    assert error.user_message


def test_sharing_violation_says_the_reader_is_busy() -> None:
    assert "іншою програмою" in pcsc._card_error(0x8010000B, "connect").user_message


def test_t0_get_response_and_wrong_le(monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcard import scard

    answers = {
        bytes.fromhex("00B09C0000"): [0x61, 0x05],  # T=0: 5 bytes waiting
        bytes.fromhex("00C0000005"): [1, 2, 3, 4, 5, 0x90, 0x00],
        bytes.fromhex("00B0810000"): [0x6C, 0x03],  # T=0: wrong Le, 3 bytes there
        bytes.fromhex("00B0810003"): [7, 8, 9, 0x90, 0x00],
    }
    sent: list[bytes] = []

    def transmit(card: object, protocol: int, apdu: list[int]) -> tuple[int, list[int]]:
        sent.append(bytes(apdu))
        return scard.SCARD_S_SUCCESS, answers[bytes(apdu)]

    monkeypatch.setattr(scard, "SCardTransmit", transmit)
    conn = pcsc.PcscConnection("test reader")
    conn._card, conn._protocol = object(), scard.SCARD_PROTOCOL_T0  # noqa: SLF001
    try:
        assert conn.transmit(bytes.fromhex("00B09C0000")) == bytes([1, 2, 3, 4, 5, 0x90, 0x00])
        assert conn.transmit(bytes.fromhex("00B0810000")) == bytes([7, 8, 9, 0x90, 0x00])
    finally:
        conn._card = None  # noqa: SLF001
        conn.__exit__(None, None, None)
    assert sent == list(answers)


def test_a_command_that_never_returns_is_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from smartcard import scard

    release = threading.Event()

    def transmit(card: object, protocol: int, apdu: list[int]) -> tuple[int, list[int]]:
        release.wait(5)
        return scard.SCARD_S_SUCCESS, [0x90, 0x00]

    monkeypatch.setattr(scard, "SCardTransmit", transmit)
    conn = pcsc.PcscConnection("test reader", command_timeout=0.2)
    conn._card, conn._protocol = None, scard.SCARD_PROTOCOL_T1  # noqa: SLF001
    try:
        with pytest.raises(pcsc.CardReaderError) as info:
            conn.transmit(bytes.fromhex("00A4040C07A0000002471001"))
        assert info.value.kind is K.TIMEOUT
        with pytest.raises(pcsc.CardReaderError):  # the handle is busy: no further command goes out
            conn.transmit(bytes.fromhex("00B0000001"))
    finally:
        release.set()
        conn.__exit__(None, None, None)
