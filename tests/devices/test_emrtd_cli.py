"""``mobile-case card …``: argument checks (no PC/SC needed) and a real read through pcscd + vpcd + the
virtual ID card, as the IT person runs it."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from emrtd_card.card import EmrtdCard
from emrtd_card.data import build_chip
from emrtd_card.pcsc_service import PcscService
from emrtd_card.rig import wait_for as _wait
from PIL import Image
from vpcd_card import VirtualCard

from mobile_case.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["card", "read", "--can", "12345"], "6 цифр"),
        (["card", "read", "--mrz", "004817265,520417"], "три значення"),
        (["card", "read", "--mrz", "004817265,52-04-17,300316"], "РРММДД"),
        (["card", "read", "--mrz", "004817265,250101,250101"], "пізніше"),
    ],
)
def test_wrong_access_arguments_are_explained(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert needle in capsys.readouterr().err


def test_can_and_mrz_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["card", "read", "--can", "123456", "--mrz", "1,520417,300316"])
    assert info.value.code == 2


@pytest.fixture
def card_on_reader(pcsc_service: PcscService) -> Callable[..., VirtualCard]:
    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    placed: list[VirtualCard] = []
    reader = PcscCardReader(pcsc_service.reader)

    def place(chip: EmrtdCard) -> VirtualCard:
        # a card an earlier test took off without waiting may still be «present» to vpcd: wait it out,
        # or this card's connection queues behind the dead one and every command fails
        assert _wait(lambda: not reader.card_present()), "an earlier card is still on the reader"
        card = VirtualCard(atr=chip.atr, respond=chip.process, on_power=chip.reset)
        card.insert()
        placed.append(card)
        assert _wait(lambda: reader.card_present())
        return card

    yield place
    for card in placed:
        card.remove()
    assert _wait(lambda: not reader.card_present())


def test_card_read_json_and_photo_through_pcscd(
    pcsc_service: PcscService, card_on_reader: Callable[..., VirtualCard], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    files = build_chip()
    csca = files.pki.write_csca(tmp_path / "csca")
    vcard = card_on_reader(EmrtdCard())
    photo = tmp_path / "face.jpg"
    code = main(["card", "read", "--can", files.holder.can, "--reader", pcsc_service.reader, "--json",
                 "--photo", str(photo), "--csca", str(csca)])  # fmt: skip
    captured = capsys.readouterr()
    out = captured.out
    assert code == 0, (captured.err, len(vcard.apdus))
    data = json.loads(out)
    assert data["surname"] == "Дем'яненко" and data["patronymic"] == "Мар'янівна"
    assert data["unzr"] == files.holder.unzr and data["rnokpp"] == files.holder.rnokpp
    assert data["verdict"] == "authentic" and "CSCA" in data["verdict_detail"]
    assert data["access_protocol"].startswith("PACE-ECDH-GM")
    assert data["commands"] >= data["min_commands"] > 0
    assert data["timings"]["total"] > 0 and data["file_sizes"]["DG2"] > 10_000
    with Image.open(io.BytesIO(photo.read_bytes())) as img:
        assert img.format == "JPEG"


def test_card_read_text_and_wrong_can(
    pcsc_service: PcscService, card_on_reader: Callable[..., VirtualCard], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    files = build_chip()
    card_on_reader(EmrtdCard())
    assert main(["card", "read", "--can", "000000", "--reader", pcsc_service.reader]) == 1
    assert "не прийняла номер доступу" in capsys.readouterr().err
    assert main(["card", "read", "--can", files.holder.can, "--reader", pcsc_service.reader,
                 "--csca", str(tmp_path)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Дем'яненко Ганна Мар'янівна" in out
    assert "Справжність даних чипа перевірити не вдалося" in out
    assert "Команд:" in out and "усього" in out


def test_card_readers_lists_the_virtual_reader(
    pcsc_service: PcscService, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["card", "readers", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert pcsc_service.reader in [r["name"] for r in data["readers"]]


def test_card_read_with_the_mrz_on_a_bac_card_and_altered_data_exit_6(
    pcsc_service: PcscService, card_on_reader: Callable[..., VirtualCard], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """--mrz opens a BAC-only card (an older passport's way) through pcscd; a chip whose DG11 was changed
    after signing is read but reported as altered: exit 6, the verdict in the JSON, the detail says which."""
    from emrtd_card.card import CardConfig

    files = build_chip(tamper_dg=11)
    csca = files.pki.write_csca(tmp_path / "csca")
    holder = files.holder
    mrz = ",".join((holder.document_number, holder.birth_date.strftime("%y%m%d"),
                    holder.expiry_date.strftime("%y%m%d")))  # fmt: skip
    card_on_reader(EmrtdCard(CardConfig(files=files, pace=())))
    code = main(["card", "read", "--mrz", mrz, "--reader", pcsc_service.reader, "--json", "--csca", str(csca),
                 "--timeout", "20"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 6, captured.err
    data = json.loads(captured.out)
    assert data["access_protocol"] == "BAC" and data["verdict"] == "data_altered"
    assert "11" in data["verdict_detail"]


def test_without_the_pc_sc_service_the_cli_says_no_reader(tmp_path: Path) -> None:
    """The real libpcsclite with no pcscd behind its socket (the service stopped, nothing installed): the IT
    person gets the Ukrainian «the pcscd service is not running» message and exit 1, at once — no hang, no traceback."""
    import os
    import subprocess
    import sys

    from emrtd_card import pcsc_service

    reason = pcsc_service.missing_reason()
    if reason:
        pytest.skip(reason)
    env = dict(os.environ, PCSCLITE_CSOCK_NAME=str(tmp_path / "no-pcscd.comm"))
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from mobile_case.cli import main; sys.exit(main(sys.argv[1:]))",
         "card", "read", "--can", "482615"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "Служба смарт-карток pcscd не запущена" in done.stderr  # and how to start it
    assert time.monotonic() - started < 30


@pytest.mark.slow
def test_card_read_timeout_is_the_read_deadline(
    pcsc_service: PcscService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--timeout 2 with a card that goes silent mid-read (for 4 s, still on the reader): the command ends
    with the Ukrainian «did not answer in time» and exit 1 a few seconds after the deadline, not after
    the default 60 s."""
    from vpcd_card import Fault

    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    chip = EmrtdCard()
    presence = PcscCardReader(pcsc_service.reader)
    assert _wait(lambda: not presence.card_present())
    card = VirtualCard(atr=chip.atr, respond=chip.process, on_power=chip.reset, fault=Fault("hang", 10, 4.0))
    card.insert()
    try:
        assert _wait(lambda: presence.card_present())
        started = time.monotonic()
        code = main(["card", "read", "--can", build_chip().holder.can, "--reader", pcsc_service.reader,
                     "--csca", str(tmp_path), "--timeout", "2"])  # fmt: skip
        took = time.monotonic() - started
        assert code == 1 and card.fault_fired.is_set()
        assert "Картка не відповіла вчасно" in capsys.readouterr().err
        assert took < 10
    finally:
        card.remove()
        assert _wait(lambda: not presence.card_present())
