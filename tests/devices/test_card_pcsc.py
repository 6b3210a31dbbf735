"""The real chip read through the whole PC/SC stack: the app's ``PcscCardReader`` → pyscard → pcscd → the
vpcd reader driver → TCP → the virtual Ukrainian ID card (tests/devices/emrtd_card), as a real card on a
contactless reader. A full read with PACE (CAN, MRZ) and with BAC, and every error of issue 3 point 6 gives
its ``CardReaderErrorKind`` and nothing partial."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from emrtd_card.card import CardConfig, EmrtdCard
from emrtd_card.data import ChipFiles, build_chip
from emrtd_card.pcsc_service import PcscService
from emrtd_card.rig import card_on_reader as on_reader
from emrtd_card.rig import wait_for as _wait
from PIL import Image
from vpcd_card import Fault, VirtualCard

from mobile_case.devices.cardreader.base import (
    CardAccess,
    CardReaderError,
    CardReaderErrorKind,
    CardReadResult,
    Verdict,
)

pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


@pytest.fixture(scope="module")
def files() -> ChipFiles:
    return build_chip()


@pytest.fixture(scope="module")
def csca(files: ChipFiles, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return files.pki.write_csca(tmp_path_factory.mktemp("csca"))


@pytest.fixture
def reader_for(pcsc_service: PcscService) -> Callable[..., object]:
    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    def make(csca_dir: Path, **kw: object) -> PcscCardReader:
        return PcscCardReader(pcsc_service.reader, poll_interval=0.05, csca_dir=csca_dir, **kw)  # type: ignore[arg-type]

    return make


def _can(files: ChipFiles) -> CardAccess:
    return CardAccess.from_can(files.holder.can)


def _mrz(files: ChipFiles) -> CardAccess:
    h = files.holder
    return CardAccess.from_mrz(h.document_number, h.birth_date, h.expiry_date)


def _assert_exact(result: CardReadResult, files: ChipFiles) -> None:
    h = files.holder
    assert (result.surname, result.given_names, result.patronymic) == ("Дем'яненко", "Ганна", "Мар'янівна")
    assert (result.surname_latin, result.given_names_latin) == ("DEMIANENKO", "HANNA")
    assert (result.document_code, result.issuing_state, result.nationality) == ("ID", "UKR", "UKR")
    assert result.document_number == h.document_number == "004817265"
    assert (result.birth_date, result.expiry_date, result.sex) == (h.birth_date, h.expiry_date, "F")
    assert result.unzr == "19520417-02711"
    assert result.rnokpp == "1910008642"
    assert (result.issuing_authority, result.issue_date) == ("6117", h.issue_date)
    assert result.place_of_birth == h.place_of_birth
    assert result.mrz == h.mrz
    assert result.photo_format == "jpeg2000" and result.photo_original == files.face
    with Image.open(io.BytesIO(result.photo_jpeg)) as image:
        assert image.format == "JPEG" and image.size == (300, 400)
    assert result.raw_files["DG1"] == files.dgs[1] and result.raw_files["DG2"] == files.dgs[2]
    assert result.raw_files["DG11"] == files.dgs[11] and result.raw_files["DG12"] == files.dgs[12]
    assert result.raw_files["SOD"] == files.sod and result.raw_files["COM"] == files.com
    assert result.simulated is False and result.backend == "pcsc"
    assert result.reader_name == "Virtual PCD 00 00"


def test_full_read_with_pace_and_the_can(
    files: ChipFiles, csca: Path, reader_for: Callable[..., object]
) -> None:
    chip = EmrtdCard(CardConfig(files=files))
    reader = reader_for(csca)
    steps: list[float] = []
    with on_reader(chip, reader) as card:
        result = reader.read(_can(files), progress=lambda text, done: steps.append(done))  # type: ignore[attr-defined]
    _assert_exact(result, files)
    assert result.verdict is Verdict.AUTHENTIC, result.verdict_detail
    assert result.access_protocol.startswith("PACE-ECDH-GM-AES-128")
    assert chip.authentications == ["PACE-CAN"]
    assert result.commands == len(card.apdus) == chip.commands
    assert steps == sorted(steps) and steps[-1] == 1.0
    assert result.timings.total > 0


def test_a_second_read_without_lifting_the_card_is_as_good_as_the_first(
    files: ChipFiles, csca: Path, reader_for: Callable[..., object]
) -> None:
    """pcscd does not reset a card between connections: the chip still has the eMRTD application selected
    (and its secure session) from the first read. The second read must still find EF.ATR/INFO (in the master
    file) and use extended length, and open a fresh PACE session."""
    chip = EmrtdCard(CardConfig(files=files))
    reader = reader_for(csca)
    with on_reader(chip, reader):
        first = reader.read(_can(files))  # type: ignore[attr-defined]
        second = reader.read(_can(files))  # type: ignore[attr-defined]
    assert second.verdict is Verdict.AUTHENTIC
    assert second.raw_files == first.raw_files
    assert second.commands == first.commands, (first.commands, second.commands)
    assert chip.authentications == ["PACE-CAN", "PACE-CAN"]


def test_full_read_with_bac_on_a_bac_only_card(
    files: ChipFiles, csca: Path, reader_for: Callable[..., object]
) -> None:
    chip = EmrtdCard(CardConfig(files=files, pace=(), extended_length=False))
    reader = reader_for(csca)
    with on_reader(chip, reader):
        result = reader.read(_mrz(files))  # type: ignore[attr-defined]
    _assert_exact(result, files)
    assert result.verdict is Verdict.AUTHENTIC
    assert result.access_protocol == "BAC" and chip.authentications == ["BAC"]


@pytest.mark.parametrize(
    ("pace", "extended"),
    [((("3DES", 12),), False), ((("AES-256", 17),), True), ((("AES-192", 16), ("AES-128", 13)), False)],
)
def test_pace_with_the_mrz_on_other_ciphers_and_curves(
    files: ChipFiles, csca: Path, reader_for: Callable[..., object], pace: tuple, extended: bool
) -> None:
    chip = EmrtdCard(CardConfig(files=files, pace=pace, extended_length=extended))
    reader = reader_for(csca)
    with on_reader(chip, reader):
        result = reader.read(_mrz(files))  # type: ignore[attr-defined]
    _assert_exact(result, files)
    assert result.verdict is Verdict.AUTHENTIC
    assert chip.authentications == ["PACE-MRZ"]


# --- what passive authentication says ----------------------------------------------------------------------


@pytest.mark.parametrize(("tamper", "bad_signature"), [(11, False), (2, False), (None, True)])
def test_altered_data_is_read_but_marked_data_altered(
    csca: Path, reader_for: Callable[..., object], tamper: int | None, bad_signature: bool
) -> None:
    files = build_chip(tamper_dg=tamper, bad_signature=bad_signature)
    chip = EmrtdCard(CardConfig(files=files))
    reader = reader_for(csca)
    with on_reader(chip, reader):
        result = reader.read(_can(files))  # type: ignore[attr-defined]
    assert result.verdict is Verdict.DATA_ALTERED, result.verdict_detail
    if tamper is not None:
        assert str(tamper) in result.verdict_detail


def test_without_a_csca_the_verdict_is_cannot_check(
    files: ChipFiles, tmp_path: Path, reader_for: Callable[..., object]
) -> None:
    chip = EmrtdCard(CardConfig(files=files))
    reader = reader_for(tmp_path / "no-csca")
    with on_reader(chip, reader):
        result = reader.read(_can(files))  # type: ignore[attr-defined]
    assert result.verdict is Verdict.CANNOT_CHECK, result.verdict_detail
    _assert_exact(result, files)


# --- errors: a kind each, nothing partial -----------------------------------------------------------------------


def _read_error(reader: object, access: CardAccess) -> CardReaderError:
    with pytest.raises(CardReaderError) as info:
        reader.read(access)  # type: ignore[attr-defined]
    error = info.value
    assert error.user_message and any("а" <= ch <= "я" for ch in error.user_message.lower())
    return error


def test_wrong_can_then_suspended_then_blocked(
    files: ChipFiles, csca: Path, reader_for: Callable[..., object]
) -> None:
    chip = EmrtdCard(CardConfig(files=files))
    reader = reader_for(csca)
    wrong = CardAccess.from_can("111111")
    with on_reader(chip, reader):
        first = _read_error(reader, wrong)  # 63C2
        assert first.kind is CardReaderErrorKind.WRONG_ACCESS_KEY and "2" in first.user_message
        suspended = _read_error(reader, wrong)  # 63C1: one try left, the chip says «suspended»
        assert (
            suspended.kind is CardReaderErrorKind.WRONG_ACCESS_KEY and "призупинено" in suspended.user_message
        )
        assert _read_error(reader, wrong).kind is CardReaderErrorKind.BLOCKED  # 6983
        assert _read_error(reader, _can(files)).kind is CardReaderErrorKind.BLOCKED  # even the right CAN now
    assert chip.authentications == [] and chip.retries == 0


def test_a_blocked_card_says_blocked(files: ChipFiles, csca: Path, reader_for: Callable[..., object]) -> None:
    chip = EmrtdCard(CardConfig(files=files, retries=0))
    reader = reader_for(csca)
    with on_reader(chip, reader):
        assert _read_error(reader, _can(files)).kind is CardReaderErrorKind.BLOCKED
    assert chip.authentications == []


def test_wrong_mrz_on_a_bac_card(files: ChipFiles, csca: Path, reader_for: Callable[..., object]) -> None:
    chip = EmrtdCard(CardConfig(files=files, pace=()))
    reader = reader_for(csca)
    h = files.holder
    with on_reader(chip, reader):
        error = _read_error(reader, CardAccess.from_mrz("004817266", h.birth_date, h.expiry_date))
    assert error.kind is CardReaderErrorKind.WRONG_ACCESS_KEY


def test_a_bank_card_is_not_an_id_card(csca: Path, reader_for: Callable[..., object]) -> None:
    chip = EmrtdCard(CardConfig(bank_card=True))
    reader = reader_for(csca)
    with on_reader(chip, reader):
        assert _read_error(reader, CardAccess.from_can("482615")).kind is CardReaderErrorKind.NOT_EMRTD


@pytest.fixture(scope="module")
def clean_read_commands(files: ChipFiles, csca: Path, pcsc_service: PcscService) -> int:
    """How many commands a clean PACE read of this card takes (the faults are placed inside it)."""
    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    chip = EmrtdCard(CardConfig(files=files, extended_length=False))
    reader = PcscCardReader(pcsc_service.reader, poll_interval=0.05, csca_dir=csca)
    with on_reader(chip, reader) as card:
        reader.read(_can(files))
        return len(card.apdus)


@pytest.mark.parametrize(
    ("kind", "where", "expected"),
    [
        ("pull", 0.5, CardReaderErrorKind.CARD_REMOVED),  # while reading the photo
        ("pull", 0.15, CardReaderErrorKind.CARD_REMOVED),  # during PACE
        ("corrupt", 0.6, CardReaderErrorKind.CORRUPT),
        ("truncate", 0.7, CardReaderErrorKind.CORRUPT),
        ("truncate", 0.2, CardReaderErrorKind.CORRUPT),  # a PACE step's answer cut short
    ],
)
def test_faults_mid_read_give_their_kind_and_nothing_partial(
    files: ChipFiles,
    csca: Path,
    reader_for: Callable[..., object],
    clean_read_commands: int,
    kind: str,
    where: float,
    expected: CardReaderErrorKind,
) -> None:
    chip = EmrtdCard(CardConfig(files=files, extended_length=False))
    reader = reader_for(csca)
    after = max(1, int(clean_read_commands * where))
    card = VirtualCard(atr=chip.atr, respond=chip.process, on_power=chip.reset, fault=Fault(kind, after))
    card.insert()
    try:
        assert _wait(lambda: reader.card_present())  # type: ignore[attr-defined]
        started = time.monotonic()
        error = _read_error(reader, _can(files))
        assert card.fault_fired.is_set()
        assert error.kind is expected, (error.kind, str(error))
        assert time.monotonic() - started < 10
    finally:
        card.remove()
        assert _wait(lambda: not reader.card_present())  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("silence", [3.0, 60.0], ids=["answers-late", "never-answers"])
def test_a_card_that_stops_answering_times_out(
    files: ChipFiles, csca: Path, reader_for: Callable[..., object], clean_read_commands: int, silence: float
) -> None:
    """The card goes silent mid-read, still on the reader: for longer than the reader's deadline and then
    answers late, or for good (vpcd itself has no transmit timeout). Either way the read ends with TIMEOUT
    within a few seconds of the deadline — no hang, nothing partial."""
    chip = EmrtdCard(CardConfig(files=files, extended_length=False))
    reader = reader_for(csca, deadline=2.0)
    card = VirtualCard(
        atr=chip.atr,
        respond=chip.process,
        on_power=chip.reset,
        fault=Fault("hang", clean_read_commands // 2, silence),
    )
    card.insert()
    try:
        assert _wait(lambda: reader.card_present())  # type: ignore[attr-defined]
        started = time.monotonic()
        error = _read_error(reader, _can(files))
        assert error.kind is CardReaderErrorKind.TIMEOUT, (error.kind, str(error))
        assert time.monotonic() - started < 8
    finally:
        card.remove()


# benchmarks/bench_card_read.py --quick runs in tests/benchmarks/test_bench_smoke.py (with the other chip benches)


def test_the_session_pcscd_is_private_where_the_machine_allows(pcsc_service: PcscService) -> None:
    """With mount namespaces this run's pcscd listens on its own socket and its vpcd readers on their own
    ports: another test run (or the machine's own pcscd) neither sees nor disturbs them."""
    import os

    from emrtd_card import pcsc_service as service_module

    if not pcsc_service.private:
        pytest.skip("no mount namespaces here: the machine-wide pcscd is shared under a lock")
    socket_path = Path(os.environ[service_module.SOCKET_ENV])
    assert socket_path.is_socket() and socket_path.parent != Path("/run/pcscd")
    assert pcsc_service.port != service_module.DEFAULT_VPCD_PORT
    assert pcsc_service.process is not None and pcsc_service.process.poll() is None
    assert (
        f"/dev/null:0x{pcsc_service.port:X}"
        in (pcsc_service.log_path.parent / "reader.conf.d" / "vpcd").read_text()
    )
