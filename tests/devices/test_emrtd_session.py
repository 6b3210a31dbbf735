"""The whole chip read (emrtd.session) in-process against the project's virtual eMRTD card (no pcscd):
PACE with CAN or MRZ on several curves and ciphers, BAC, extended and short reads, passive authentication
verdicts, and every error kind of issue 3 point 6."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from emrtd_card.card import CardConfig, EmrtdCard
from emrtd_card.data import build_chip
from emrtd_card.pki import foreign_pki
from PIL import Image

from mobile_case.devices.cardreader.base import (
    CardAccess,
    CardReaderError,
    CardReaderErrorKind,
    CardReadResult,
    Verdict,
)
from mobile_case.devices.cardreader.emrtd.session import ChipRead, read_emrtd, to_result

pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


class Wire:
    """The transport: the card's ``process``, with an optional fault injected into the n-th response."""

    def __init__(self, card: EmrtdCard, fault: Callable[[int, bytes, bytes], bytes] | None = None) -> None:
        self.card = card
        self.fault = fault
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        response = self.card.process(apdu)
        return self.fault(len(self.sent), apdu, response) if self.fault else response


def _can(card: EmrtdCard) -> CardAccess:
    return CardAccess.from_can(card.files.holder.can)


def _mrz(card: EmrtdCard) -> CardAccess:
    h = card.files.holder
    return CardAccess.from_mrz(h.document_number, h.birth_date, h.expiry_date)


def _read(card: EmrtdCard, access: CardAccess, csca: Path, **kw: object) -> tuple[ChipRead, CardReadResult]:
    chip = read_emrtd(Wire(card), access, atr=card.atr, csca_dir=csca, **kw)  # type: ignore[arg-type]
    return chip, to_result(chip, "Virtual PCD 00 00", "pcsc")


@pytest.fixture
def no_csca(tmp_path: Path) -> Path:
    return tmp_path / "empty"


@pytest.fixture
def csca(tmp_path: Path) -> Path:
    return build_chip().pki.write_csca(tmp_path / "csca")


def test_pace_can_full_read_fills_every_field(csca: Path) -> None:
    card = EmrtdCard()
    h = card.files.holder
    steps: list[float] = []
    chip, result = _read(card, _can(card), csca, progress=lambda text, done: steps.append(done))
    assert result.access_protocol.startswith("PACE-ECDH-GM-AES-128")
    assert card.authentications == ["PACE-CAN"]
    assert (result.surname, result.given_names, result.patronymic) == (h.surname, h.given_names, h.patronymic)
    assert result.surname_latin == "DEMIANENKO" and result.given_names_latin == "HANNA"
    assert result.birth_date == h.birth_date and result.expiry_date == h.expiry_date
    assert result.document_number == h.document_number and result.document_code == "ID"
    assert result.unzr == h.unzr and result.rnokpp == h.rnokpp
    assert result.issuing_authority == h.issuing_authority and result.issue_date == h.issue_date
    assert result.place_of_birth == h.place_of_birth
    assert result.verdict is Verdict.AUTHENTIC, result.verdict_detail
    assert "CSCA" in result.verdict_detail
    assert result.photo_format == "jpeg2000" and result.photo_original == card.files.face
    with Image.open(io.BytesIO(result.photo_jpeg)) as img:
        assert img.format == "JPEG" and img.size[0] > 100
    assert set(result.raw_files) == {"COM", "SOD", "DG1", "DG2", "DG11", "DG12"}
    assert result.raw_files["DG2"] == card.files.dgs[2]
    assert result.data_groups_read == (1, 2, 11, 12)
    assert result.simulated is False and result.backend == "pcsc"
    assert steps == sorted(steps)
    # extended length: each file in one command; only EF.ATR/INFO comes on top of the minimum
    assert result.commands == card.commands == result.min_commands + 1 == 14
    assert result.commands <= 1.1 * result.min_commands


def test_no_csca_is_cannot_check_with_a_reason(no_csca: Path) -> None:
    card = EmrtdCard()
    _, result = _read(card, _can(card), no_csca)
    assert result.verdict is Verdict.CANNOT_CHECK
    assert "CSCA" in result.verdict_detail and "підпис документа (DS) збігаються" in result.verdict_detail


def test_a_csca_of_another_country_does_not_vouch(tmp_path: Path) -> None:
    folder = foreign_pki().write_csca(tmp_path / "foreign")
    card = EmrtdCard()
    _, result = _read(card, _can(card), folder)
    assert result.verdict is Verdict.CANNOT_CHECK


@pytest.mark.parametrize(
    ("pace", "extended"),
    [
        ((("3DES", 13),), False),
        ((("AES-128", 12),), True),
        ((("AES-192", 15),), False),
        ((("AES-256", 16),), True),
        ((("AES-256", 17),), False),
        ((("AES-128", 18),), True),
    ],
)
def test_pace_mrz_on_each_cipher_and_curve(
    pace: tuple[tuple[str, int], ...], extended: bool, csca: Path
) -> None:
    card = EmrtdCard(CardConfig(pace=pace, extended_length=extended))
    _, result = _read(card, _mrz(card), csca)
    assert card.authentications == ["PACE-MRZ"]
    assert result.verdict is Verdict.AUTHENTIC
    assert result.surname == "Дем'яненко"
    assert result.commands <= 1.1 * result.min_commands
    if not extended:
        assert result.commands > 60  # the 15 KB photo in ≤ 0xE7-byte pieces


def test_bac_card_with_mrz(csca: Path) -> None:
    card = EmrtdCard(CardConfig(pace=(), extended_length=False))
    _, result = _read(card, _mrz(card), csca)
    assert card.authentications == ["BAC"]
    assert result.access_protocol == "BAC"
    assert result.verdict is Verdict.AUTHENTIC


def test_tampered_data_group_is_data_altered(csca: Path) -> None:
    card = EmrtdCard(CardConfig(files=build_chip(tamper_dg=11)))
    _, result = _read(card, _can(card), csca)
    assert result.verdict is Verdict.DATA_ALTERED
    assert "DG11" in result.verdict_detail


def test_tampered_photo_is_data_altered_without_a_broken_photo(csca: Path) -> None:
    card = EmrtdCard(CardConfig(files=build_chip(tamper_dg=2)))
    _, result = _read(card, _can(card), csca)
    assert result.verdict is Verdict.DATA_ALTERED
    assert "DG2" in result.verdict_detail


def test_broken_sod_signature_is_data_altered(csca: Path) -> None:
    card = EmrtdCard(CardConfig(files=build_chip(bad_signature=True)))
    _, result = _read(card, _can(card), csca)
    assert result.verdict is Verdict.DATA_ALTERED
    assert "Підпис" in result.verdict_detail


def _error(card: EmrtdCard, access: CardAccess, **kw: object) -> CardReaderError:
    with pytest.raises(CardReaderError) as info:
        read_emrtd(Wire(card, kw.pop("fault", None)), access, atr=card.atr, **kw)  # type: ignore[arg-type]
    assert info.value.user_message
    return info.value


def test_wrong_can_counts_down_then_suspends_then_blocks(no_csca: Path) -> None:
    card = EmrtdCard()
    wrong = CardAccess.from_can("000000")
    first = _error(card, wrong, csca_dir=no_csca)
    assert first.kind is CardReaderErrorKind.WRONG_ACCESS_KEY and "Залишилося спроб: 2" in first.user_message
    second = _error(card, wrong, csca_dir=no_csca)
    assert second.kind is CardReaderErrorKind.WRONG_ACCESS_KEY and "призупинено" in second.user_message
    third = _error(card, wrong, csca_dir=no_csca)
    assert third.kind is CardReaderErrorKind.BLOCKED


def test_blocked_card(no_csca: Path) -> None:
    card = EmrtdCard(CardConfig(retries=0))
    assert _error(card, _can(card), csca_dir=no_csca).kind is CardReaderErrorKind.BLOCKED


def test_wrong_mrz_on_a_bac_card(no_csca: Path) -> None:
    card = EmrtdCard(CardConfig(pace=()))
    h = card.files.holder
    wrong = CardAccess.from_mrz("004817266", h.birth_date, h.expiry_date)
    assert _error(card, wrong, csca_dir=no_csca).kind is CardReaderErrorKind.WRONG_ACCESS_KEY


def test_can_on_a_bac_only_card_asks_for_the_mrz(no_csca: Path) -> None:
    card = EmrtdCard(CardConfig(pace=()))
    err = _error(card, _can(card), csca_dir=no_csca)
    assert err.kind is CardReaderErrorKind.WRONG_ACCESS_KEY and "машинозчитуваної" in err.user_message


def test_bank_card_is_not_an_emrtd(no_csca: Path) -> None:
    card = EmrtdCard(CardConfig(bank_card=True))
    assert _error(card, CardAccess.from_can("123456"), csca_dir=no_csca).kind is CardReaderErrorKind.NOT_EMRTD


def _flip_mac(at: int) -> Callable[[int, bytes, bytes], bytes]:
    def fault(n: int, apdu: bytes, response: bytes) -> bytes:
        if n == at:
            return response[:-3] + bytes([response[-3] ^ 0x01]) + response[-2:]
        return response

    return fault


def _truncate(at: int) -> Callable[[int, bytes, bytes], bytes]:
    def fault(n: int, apdu: bytes, response: bytes) -> bytes:
        return response[: len(response) // 2] + response[-2:] if n == at else response

    return fault


@pytest.mark.parametrize("fault", [_flip_mac(9), _flip_mac(14), _truncate(10), _truncate(14)])
def test_corrupt_responses_are_corrupt_never_partial(
    fault: Callable[[int, bytes, bytes], bytes], no_csca: Path
) -> None:
    card = EmrtdCard()
    assert _error(card, _can(card), csca_dir=no_csca, fault=fault).kind is CardReaderErrorKind.CORRUPT


def test_card_pulled_mid_read_propagates(no_csca: Path) -> None:
    def pulled(n: int, apdu: bytes, response: bytes) -> bytes:
        if n == 12:
            raise CardReaderError(CardReaderErrorKind.CARD_REMOVED, "test: card removed")
        return response

    card = EmrtdCard()
    assert _error(card, _can(card), csca_dir=no_csca, fault=pulled).kind is CardReaderErrorKind.CARD_REMOVED


def test_slow_card_times_out(no_csca: Path) -> None:
    def slow(n: int, apdu: bytes, response: bytes) -> bytes:
        time.sleep(0.05)
        return response

    card = EmrtdCard()
    err = _error(card, _can(card), csca_dir=no_csca, fault=slow, deadline=0.2)
    assert err.kind is CardReaderErrorKind.TIMEOUT


def test_further_groups_are_read_and_eac_groups_listed_as_unreadable(csca: Path) -> None:
    from dataclasses import replace

    from emrtd_card.data import ef_sod

    base = build_chip()
    dgs = dict(base.dgs)
    dgs[14] = encode_dg(0x6E, bytes.fromhex("3100"))  # DG14: an empty SecurityInfos (no chip authentication)
    dgs[15] = encode_dg(0x6F, bytes.fromhex("3000"))  # DG15: a (dummy) public key info
    tags = bytes([0x61, 0x75, 0x63, 0x6B, 0x6C, 0x6E, 0x6F])  # DG1, 2, 3 (fingerprints: EAC), 11, 12, 14, 15
    com = encode_dg(0x60, encode_dg(0x5F01, b"0107") + encode_dg(0x5F36, b"040000") + encode_dg(0x5C, tags))
    files = replace(base, com=com, dgs=dgs, sod=ef_sod(dgs, base.pki))
    card = EmrtdCard(CardConfig(files=files))
    chip, result = _read(card, _can(card), csca)
    assert result.data_groups_read == (1, 2, 11, 12, 14, 15)
    assert result.data_groups_unreadable == (3,)
    assert result.verdict is Verdict.AUTHENTIC
    assert {"DG14", "DG15"} <= set(result.raw_files)
    assert not [a for a in card.authentications if a != "PACE-CAN"]


def encode_dg(tag: int, value: bytes) -> bytes:
    from mobile_case.devices.cardreader.emrtd.tlv import encode

    return encode(tag, value)


class NoExtendedReader(Wire):
    """A reader that cannot carry extended APDUs: it answers 67 00 itself, the card never sees them."""

    def transmit(self, apdu: bytes) -> bytes:
        self.sent.append(apdu)
        if len(apdu) > 5 and apdu[4] == 0x00:
            return b"\x67\x00"
        return self.card.process(apdu)


def test_a_reader_without_extended_apdus_is_detected(csca: Path) -> None:
    from mobile_case.devices.cardreader.emrtd.session import ExtendedLengthRefused

    card = EmrtdCard()  # announces extended length in EF.ATR/INFO
    with pytest.raises(ExtendedLengthRefused):
        read_emrtd(NoExtendedReader(card), _can(card), atr=card.atr, csca_dir=csca)
    card.reset()  # what the PC/SC layer does before it reads again
    chip = read_emrtd(NoExtendedReader(card), _can(card), atr=card.atr, csca_dir=csca, allow_extended=False)
    assert chip.pa.verdict is Verdict.AUTHENTIC and chip.commands > 60


class StrictLeCard(EmrtdCard):
    """A card that refuses (67 00) an Le reaching past the end of the file, instead of returning less."""

    def _read_binary(self, p1: int, p2: int, le: int | None, extended: bool) -> tuple[bytes, int]:
        body, sw = super()._read_binary(p1, p2, le, extended)
        if sw == 0x9000 and le is not None and len(body) < le:
            return b"", 0x6700
        return body, sw


def test_a_card_strict_about_le_is_read_header_first(csca: Path) -> None:
    from emrtd_card.card import CardConfig as Config

    card = StrictLeCard(Config(extended_length=False))
    _, result = _read(card, _can(card), csca)
    assert result.verdict is Verdict.AUTHENTIC and result.surname == "Дем'яненко"
    assert result.commands <= 1.1 * result.min_commands + 12  # two more per small file, 6 files


def test_the_signature_in_dg7_is_read_and_shown(csca: Path) -> None:
    from dataclasses import replace

    from emrtd_card.data import ef_sod

    buf = io.BytesIO()
    Image.new("L", (160, 60), 255).save(buf, "JPEG")
    base = build_chip()
    dgs = {**base.dgs, 7: encode_dg(0x67, encode_dg(0x02, b"\x01") + encode_dg(0x5F43, buf.getvalue()))}
    tags = bytes([0x61, 0x75, 0x67, 0x6B, 0x6C])
    com = encode_dg(0x60, encode_dg(0x5F01, b"0107") + encode_dg(0x5F36, b"040000") + encode_dg(0x5C, tags))
    card = EmrtdCard(CardConfig(files=replace(base, com=com, dgs=dgs, sod=ef_sod(dgs, base.pki))))
    _, result = _read(card, _can(card), csca)
    assert result.data_groups_read == (1, 2, 7, 11, 12) and result.verdict is Verdict.AUTHENTIC
    with Image.open(io.BytesIO(result.signature_jpeg)) as img:
        assert img.size == (160, 60)
    _, plain = _read(EmrtdCard(), _can(card), csca)
    assert plain.signature_jpeg == b""


def test_the_csca_folder_can_be_set_by_the_environment(csca: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mobile_case.devices.cardreader.emrtd.session import CSCA_ENV, default_csca_dir

    monkeypatch.setenv(CSCA_ENV, str(csca))
    assert default_csca_dir() == csca
    card = EmrtdCard()
    chip = read_emrtd(Wire(card), _can(card), atr=card.atr)  # no csca_dir: the environment's
    assert chip.pa.verdict is Verdict.AUTHENTIC
    monkeypatch.delenv(CSCA_ENV)
    assert default_csca_dir().name == "csca"
