"""One contract for every ID-card reader backend: the simulator always, the real PC/SC backend through a
real pcscd with the vpcd virtual readers and a virtual card that speaks the vpcd protocol."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from mobile_case.devices.base import DeviceState
from mobile_case.devices.cardreader.base import (
    CardAccess,
    CardEvent,
    CardReader,
    CardReaderError,
    CardReaderErrorKind,
    CardReadResult,
)
from mobile_case.devices.cardreader.simulator import SimulatedCardReader, SimulatedCardReaderConfig

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


@dataclass
class ReaderRig:
    reader: CardReader
    insert: Callable[[], None]
    remove: Callable[[], None]
    access: CardAccess
    reads_chip: bool  # False: the backend must refuse honestly instead of returning data


def _wait(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture(params=["simulator", "pcsc"])
def rig(request: pytest.FixtureRequest) -> Iterator[ReaderRig]:
    if request.param == "simulator":
        sim = SimulatedCardReader(SimulatedCardReaderConfig(card_index=None, time_scale=0.0))
        card = sim.demo_cards()[1]
        yield ReaderRig(sim, lambda: sim.insert_card(1), sim.remove_card, CardAccess.from_can(card.can), True)
        return
    request.getfixturevalue("pcscd")
    from vpcd_card import VirtualCard

    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    reader = PcscCardReader("Virtual PCD 00 00", poll_interval=0.05)
    # an ID card answers 90 00 to SELECT of the eMRTD application
    card = VirtualCard(respond=lambda apdu: b"\x90\x00" if apdu[1] == 0xA4 else b"\x6d\x00")

    def insert() -> None:
        card.insert()
        assert _wait(lambda: reader.card_present()), "the virtual card did not appear on the reader"

    def remove() -> None:
        card.remove()
        assert _wait(lambda: not reader.card_present()), "the virtual card did not leave the reader"

    try:
        yield ReaderRig(reader, insert, remove, CardAccess.from_can("123456"), False)
    finally:
        card.remove()


def test_is_a_card_reader_with_a_ukrainian_status(rig: ReaderRig) -> None:
    assert isinstance(rig.reader, CardReader)
    status = rig.reader.status()
    assert status.kind == "card_reader"
    assert status.state in (DeviceState.READY, DeviceState.SIMULATED)
    assert status.backend == rig.reader.backend
    assert CYRILLIC.search(status.message)
    assert status.name in rig.reader.readers()


def test_card_presence_follows_the_card(rig: ReaderRig) -> None:
    assert rig.reader.card_present() is False
    rig.insert()
    assert rig.reader.card_present() is True
    rig.remove()
    assert rig.reader.card_present() is False


def test_watch_reports_cards_coming_and_going_until_stopped(rig: ReaderRig) -> None:
    events: list[CardEvent] = []
    lock = threading.Lock()

    def on_event(event: CardEvent) -> None:
        with lock:
            events.append(event)

    stop = rig.reader.watch(on_event)
    try:
        rig.insert()
        assert _wait(lambda: any(e.present for e in events))
        rig.remove()
        assert _wait(lambda: len(events) >= 2 and not events[-1].present)
    finally:
        stop()
    with lock:
        seen = [e.present for e in events]
        names = {e.reader for e in events}
    assert seen == [True, False]
    assert names <= set(rig.reader.readers())
    rig.insert()
    time.sleep(0.3)
    assert [e.present for e in events] == [True, False], "events after stop()"
    rig.remove()


def test_watch_reports_a_card_already_on_the_reader(rig: ReaderRig) -> None:
    rig.insert()
    events: list[CardEvent] = []
    stop = rig.reader.watch(events.append)
    try:
        assert _wait(lambda: bool(events))
        assert events[0].present is True
    finally:
        stop()
        rig.remove()


def test_read_without_a_card_says_so(rig: ReaderRig) -> None:
    with pytest.raises(CardReaderError) as info:
        rig.reader.read(rig.access)
    assert info.value.kind is CardReaderErrorKind.NO_CARD
    assert CYRILLIC.search(info.value.user_message)
    assert "card_reader" in str(info.value)


def test_read_from_an_unknown_reader_says_no_reader(rig: ReaderRig) -> None:
    with pytest.raises(CardReaderError) as info:
        rig.reader.read(rig.access, reader="Немає такого зчитувача")
    assert info.value.kind is CardReaderErrorKind.NO_READER


def test_read_returns_chip_data_or_refuses_honestly(rig: ReaderRig) -> None:
    rig.insert()
    steps: list[float] = []
    try:
        if rig.reads_chip:
            result = rig.reader.read(rig.access, progress=lambda text, done: steps.append(done))
            assert isinstance(result, CardReadResult)
            assert result.reader_name in rig.reader.readers()
            assert result.backend == rig.reader.backend
            assert result.photo_jpeg[:2] == b"\xff\xd8"
            assert steps == sorted(steps) and steps[-1] == 1.0
        else:
            # an eMRTD application without PACE (no EF.CardAccess) cannot be opened with a CAN
            with pytest.raises(CardReaderError) as info:
                rig.reader.read(rig.access, progress=lambda text, done: steps.append(done))
            assert info.value.kind is CardReaderErrorKind.WRONG_ACCESS_KEY
            assert "CAN" in info.value.user_message
    finally:
        rig.remove()


def test_real_backend_tells_a_card_that_is_not_an_emrtd(pcscd: str) -> None:
    from vpcd_card import VirtualCard

    from mobile_case.devices.cardreader.pcsc import SELECT_EMRTD, PcscCardReader

    reader = PcscCardReader(pcscd)
    card = VirtualCard()  # answers 6D 00 to everything, like a bank card to the eMRTD application
    card.insert()
    try:
        assert _wait(lambda: reader.card_present())
        with pytest.raises(CardReaderError) as info:
            reader.read(CardAccess.from_can("123456"))
        assert info.value.kind is CardReaderErrorKind.NOT_EMRTD
        # EF.CardAccess and EF.ATR/INFO are asked for, then the eMRTD application; no access control
        assert card.apdus[-1] == bytes(SELECT_EMRTD)
        assert not [a for a in card.apdus if a[1] in (0x22, 0x82, 0x84, 0x86)]
    finally:
        card.remove()
        assert _wait(lambda: not reader.card_present()), "the card did not leave the reader"


def test_real_backend_status_names_the_connected_reader(pcscd: str) -> None:
    from mobile_case.devices.cardreader.pcsc import PcscCardReader

    status = PcscCardReader().status()
    assert status.state is DeviceState.READY
    assert status.name == pcscd
    assert "підключено" in status.message
