"""The identification step of a visit reading the virtual Ukrainian ID card through the real PC/SC stack:
the step → ``PcscCardReader`` → pyscard → pcscd → vpcd → TCP → the virtual eMRTD card of
tests/devices/emrtd_card (room chip-card), exactly as a card on a contactless reader. The read fills the
subject and shows the verdict; a tampered card shows «data altered»; a card taken off mid-read leaves
nothing saved.

pcscd: the session's private service of the plugin tests/devices/emrtd_card/pytest_plugin.py (registered
from tests/conftest.py), the same one the device tests use when they run in the same process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QScrollArea
from sqlalchemy import select
from test_visit_support import settle, to_identification

from mobile_case.devices.cardreader.base import CARD_READER_MESSAGES, CardReaderErrorKind
from mobile_case.domain.model import VisitStep
from mobile_case.services.cardreads import CARD_READ_KIND
from mobile_case.storage.models import FileRow

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning"),
]


@pytest.fixture(scope="module")
def chip_files() -> Any:
    from emrtd_card.data import build_chip

    return build_chip()


@pytest.fixture(scope="module")
def csca(chip_files: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return chip_files.pki.write_csca(tmp_path_factory.mktemp("csca"))


@pytest.fixture
def real_reader(pcscd: str, csca: Path, devices: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The app's device registry with the real PC/SC reader on the vpcd reader in the card reader's place."""
    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    reader = PcscCardReader(pcscd, poll_interval=0.05, csca_dir=csca)
    monkeypatch.setattr(type(devices), "card_reader", property(lambda _self: reader))
    return reader


@contextmanager
def card_on(reader: Any, files: Any, fault: Any = None) -> Iterator[Any]:
    """The virtual card with ``files`` on the vpcd reader (chip-card's rig) for the block."""
    from emrtd_card.card import CardConfig, EmrtdCard
    from emrtd_card.rig import card_on_reader

    with card_on_reader(EmrtdCard(CardConfig(files=files)), reader, fault) as card:
        yield card


def test_the_virtual_card_through_pcscd_fills_the_subject_and_shows_the_verdict(
    main_window: Any, services: Any, tasks: Any, real_reader: Any, chip_files: Any, screenshot: Any
) -> None:
    holder = chip_files.holder  # Дем'яненко Ганна Мар'янівна
    req, visit, page = to_identification(main_window, services, tasks, surname="Демяненко",
                                         given_name=holder.given_names, patronymic=holder.patronymic,
                                         birth=holder.birth_date)  # fmt: skip
    ident = page.step(VisitStep.IDENTIFICATION)
    assert ident.reader.card_present is False  # watched through pcscd: no card yet
    from emrtd_card.rig import wait_for

    with card_on(real_reader, chip_files):
        assert wait_for(lambda: (QApplication.processEvents(), ident.reader.card_present)[1])
        assert "лежить" in ident.reader.card_state.text()
        ident.reader.form.set_mode("can")
        ident.can.setText(holder.can)
        shown: list[tuple[int, str, bool]] = []  # the progress bar as the reader's steps reach the GUI
        ident.progress.valueChanged.connect(
            lambda value: shown.append((value, ident.progress.format(), ident.progress.isVisibleTo(page)))
        )
        ident.read_button.click()
        assert ident.progress.isVisibleTo(page) and not ident.read_button.isEnabled()  # reading: no 2nd tap
        assert tasks.wait_idle(30)
        settle(tasks)
    assert ident.reader_banner.kind() != "error", ident.reader_banner.text()
    values = [v for v, _text, _visible in shown]
    assert len(set(values)) >= 4 and values == sorted(values) and values[-1] == 100, shown
    assert all(visible for value, _text, visible in shown if value > 0)  # 0: set just before it is shown
    assert any("PACE" in text or "фото" in text.lower() for _v, text, _vis in shown), shown
    assert not ident.progress.isVisibleTo(page) and ident.read_button.isEnabled()  # done: hidden again
    result = ident.read_result
    assert result is not None and not result.simulated and result.backend != "simulator"
    assert not ident.document_demo_mark.isVisibleTo(page)  # a real read is not marked «ДЕМО»
    assert ident.verdict.kind == "success" and ident.verdict.icon.text() == "✔"
    assert ident.photo.isVisibleTo(page) and not ident.photo.pixmap().isNull()  # JPEG 2000 on the chip
    assert ident.mismatches == {"surname"}
    assert ident.document_cells["unzr"].text() == holder.unzr
    assert not ident.latin_banner.isVisibleTo(page)  # DEMIANENKO HANNA is the КМУ № 55 form
    assert services.visits.get(visit.id).identification.card_read_id == ident.card_read_id != ""
    screenshot(main_window, "visit-02-identification-pcsc")
    # the README tour: the photo, the compared rows and the verdict in view
    area = ident.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area is not None
    area.verticalScrollBar().setValue(ident.photo.mapTo(area.widget(), QPoint(0, 0)).y() - 90)
    screenshot(main_window, "visit-02-identification-pcsc-top")
    ident.fill_button.click()
    settle(tasks)
    subject = services.requests.get(req.id).subject
    assert (subject.surname, subject.given_name, subject.patronymic) == (
        holder.surname,
        holder.given_names,
        holder.patronymic,
    )
    assert subject.rnokpp == holder.rnokpp and subject.unzr == holder.unzr
    assert ident.mismatches == set()


def test_a_tampered_card_shows_data_altered_and_offers_nothing(
    main_window: Any, services: Any, tasks: Any, real_reader: Any
) -> None:
    from emrtd_card.data import build_chip

    tampered = build_chip(tamper_dg=11)
    _req, _visit, page = to_identification(main_window, services, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    with card_on(real_reader, tampered):
        ident.can.setText(tampered.holder.can)
        ident.read_button.click()
        assert tasks.wait_idle(30)
        settle(tasks)
    assert ident.verdict.kind == "error" and ident.verdict.icon.text() == "✖"
    assert "змінено" in ident.verdict.plain_text().lower()
    assert not ident.fill_box.isVisibleTo(page)


def test_a_wrong_can_on_the_real_stack_is_shown_and_nothing_is_saved(
    main_window: Any, services: Any, tasks: Any, real_reader: Any, chip_files: Any
) -> None:
    _req, visit, page = to_identification(main_window, services, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    wrong = "000000" if chip_files.holder.can != "000000" else "111111"
    with card_on(real_reader, chip_files):
        ident.can.setText(wrong)
        ident.read_button.click()
        assert tasks.wait_idle(30)
        settle(tasks)
    assert ident.reader_banner.kind() == "error"
    assert ident.reader_banner.text().startswith(
        CARD_READER_MESSAGES[CardReaderErrorKind.WRONG_ACCESS_KEY].split(".")[0]
    )
    assert ident.read_result is None
    with services.store.reader() as s:
        assert not list(s.scalars(select(FileRow).where(FileRow.kind == CARD_READ_KIND)))
    assert services.visits.get(visit.id).identification.card_read_id == ""


def test_a_card_taken_off_mid_read_says_so_and_saves_nothing(
    main_window: Any, services: Any, tasks: Any, real_reader: Any, chip_files: Any
) -> None:
    """The card leaves the reader after PACE, while the files are read (the 10th of 14 commands): the step
    shows «картку прибрали» in Ukrainian, keeps nothing, and the next read (card back) works."""
    from vpcd_card import Fault

    _req, visit, page = to_identification(main_window, services, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    with card_on(real_reader, chip_files, Fault("pull", 10)) as card:
        ident.can.setText(chip_files.holder.can)
        ident.read_button.click()
        assert tasks.wait_idle(30)
        settle(tasks)
        assert card.fault_fired.is_set()
    assert ident.reader_banner.kind() == "error"
    assert ident.reader_banner.text() == CARD_READER_MESSAGES[CardReaderErrorKind.CARD_REMOVED]
    assert (
        ident.read_result is None
        and not ident.photo.isVisibleTo(page)
        and not ident.verdict.isVisibleTo(page)
    )
    assert ident.read_button.isEnabled() and not ident.progress.isVisibleTo(page)
    with services.store.reader() as s:
        assert not list(s.scalars(select(FileRow).where(FileRow.kind == CARD_READ_KIND)))
    assert services.visits.get(visit.id).identification.card_read_id == ""
    with card_on(real_reader, chip_files):  # put back: read again, whole
        ident.read_button.click()
        assert tasks.wait_idle(30)
        settle(tasks)
    assert ident.read_result is not None and ident.card_read_id != ""
