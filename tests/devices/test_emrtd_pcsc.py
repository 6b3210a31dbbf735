"""The app's PC/SC reader against things only the real stack shows (pcscd + vpcd + the virtual ID card)."""

from __future__ import annotations

from pathlib import Path

import pytest
from emrtd_card.card import EmrtdCard
from emrtd_card.data import build_chip
from emrtd_card.pcsc_service import PcscService
from emrtd_card.rig import wait_for as _wait
from vpcd_card import VirtualCard

from mobile_case.devices.cardreader.base import CardAccess, Verdict

pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


def test_reader_that_cannot_carry_extended_apdus_falls_back_to_short_reads(
    pcsc_service: PcscService, tmp_path: Path
) -> None:
    """The card announces extended length; the «reader» (here the wire in front of the card) refuses every
    extended APDU with 67 00. The read resets the card, reads again with short reads and succeeds."""
    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    files = build_chip()
    chip = EmrtdCard()
    reader = PcscCardReader(pcsc_service.reader, csca_dir=files.pki.write_csca(tmp_path / "csca"))

    def respond(apdu: bytes) -> bytes:
        if len(apdu) > 5 and apdu[4] == 0x00:
            return b"\x67\x00"
        return chip.process(apdu)

    assert _wait(lambda: not reader.card_present())
    card = VirtualCard(atr=chip.atr, respond=respond, on_power=chip.reset)
    card.insert()
    try:
        assert _wait(lambda: reader.card_present())
        result = reader.read(CardAccess.from_can(files.holder.can))
        assert result.verdict is Verdict.AUTHENTIC
        assert result.surname == "Дем'яненко"
        assert result.commands <= 1.1 * result.min_commands and result.min_commands > 60  # short pieces
        assert chip.authentications == ["PACE-CAN", "PACE-CAN"]  # the second session after the reset
    finally:
        card.remove()
        assert _wait(lambda: not reader.card_present())


def test_without_a_reader_name_the_card_is_found_on_the_second_reader(pcsc_service: PcscService) -> None:
    """vpcd shows two readers; the card lies on the second. ``read()`` with no reader named reads it there."""
    from emrtd_card.pcsc_service import READER_1

    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    files = build_chip()
    chip = EmrtdCard()
    reader = PcscCardReader()
    if READER_1 not in reader.readers():
        pytest.skip("vpcd shows one reader here")
    card = VirtualCard(port=pcsc_service.port + 1, atr=chip.atr, respond=chip.process, on_power=chip.reset)
    card.insert()
    try:
        assert _wait(lambda: reader.card_present(READER_1))
        result = reader.read(CardAccess.from_can(files.holder.can))
        assert result.reader_name == READER_1 and result.document_number == files.holder.document_number
    finally:
        card.remove()
        assert _wait(lambda: not reader.card_present(READER_1))


def test_the_log_has_the_outcome_and_no_personal_data(
    pcsc_service: PcscService, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from mobile_case.devices.cardreader.base import CardReaderError
    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    files = build_chip()
    chip = EmrtdCard()
    reader = PcscCardReader(pcsc_service.reader, csca_dir=files.pki.write_csca(tmp_path / "csca"))
    assert _wait(lambda: not reader.card_present())
    card = VirtualCard(atr=chip.atr, respond=chip.process, on_power=chip.reset)
    card.insert()
    try:
        assert _wait(lambda: reader.card_present())
        with caplog.at_level(logging.INFO, logger="mobile_case.devices.cardreader.pcsc"):
            reader.read(CardAccess.from_can(files.holder.can))
            with pytest.raises(CardReaderError):
                reader.read(CardAccess.from_can("000000"))
    finally:
        card.remove()
        assert _wait(lambda: not reader.card_present())
    text = caplog.text
    assert "verdict authentic" in text and "wrong_access_key" in text
    h = files.holder
    for secret in (h.surname, h.surname_latin, h.document_number, h.can, h.rnokpp, h.unzr, h.unzr.replace("-", ""),
                   "1952", "000000"):  # fmt: skip
        assert secret not in text


@pytest.mark.parametrize("resets", [1, 3], ids=["once-then-reads", "every-time"])
def test_a_card_reset_mid_read_reconnects_and_starts_over(
    pcsc_service: PcscService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, resets: int
) -> None:
    """Another program resets the card mid-read (pcscd answers SCARD_W_RESET_CARD to every other handle):
    the reader reconnects and reads again from the start — the chip lost its secure session — and gives
    a whole read. A card reset on every attempt ends as CARD_REMOVED, nothing partial. The reset is real:
    at the 10th command of an attempt this handle resets the card through pcscd (vpcd powers the virtual
    card off and on) and the reader is told what another handle would be told."""
    from smartcard import scard

    from mobile_case.devices.cardreader.base import CardReaderError, CardReaderErrorKind
    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    files = build_chip()
    chip = EmrtdCard()
    reader = PcscCardReader(pcsc_service.reader, csca_dir=files.pki.write_csca(tmp_path / "csca"))
    real_transmit, real_reconnect = scard.SCardTransmit, scard.SCardReconnect
    calls, done = {"n": 0}, {"resets": 0}

    def transmit(card: object, protocol: int, apdu: list[int]) -> tuple[int, list[int]]:
        calls["n"] += 1
        if calls["n"] == 10 and done["resets"] < resets:  # after PACE (8 commands), amid the files
            done["resets"] += 1
            hresult, _protocol = real_reconnect(
                card, scard.SCARD_SHARE_SHARED, protocol, scard.SCARD_RESET_CARD
            )
            assert hresult == scard.SCARD_S_SUCCESS
            calls["n"] = 0
            return 0x80100068 - (1 << 32), []  # SCARD_W_RESET_CARD as pyscard gives it (a signed long)
        return real_transmit(card, protocol, apdu)

    monkeypatch.setattr(scard, "SCardTransmit", transmit)
    assert _wait(lambda: not reader.card_present())
    card = VirtualCard(atr=chip.atr, respond=chip.process, on_power=chip.reset)
    card.insert()
    try:
        assert _wait(lambda: reader.card_present())
        if resets == 1:
            result = reader.read(CardAccess.from_can(files.holder.can))
            assert result.verdict is Verdict.AUTHENTIC and result.surname == "Дем'яненко"
            assert chip.authentications == ["PACE-CAN", "PACE-CAN"]  # the second session after the reset
        else:
            with pytest.raises(CardReaderError) as info:
                reader.read(CardAccess.from_can(files.holder.can))
            assert info.value.kind is CardReaderErrorKind.CARD_REMOVED
            assert len(chip.authentications) == 3
        assert done["resets"] == resets
    finally:
        card.remove()
        assert _wait(lambda: not reader.card_present())
