"""Put the virtual ID card on the first vpcd reader of the tests' pcscd, for any test that wants a real
card read (the ``pcscd``/``pcsc_service`` fixtures of tests/devices/conftest.py start pcscd first):

    with card_on_reader(EmrtdCard(), PcscCardReader(pcscd)) as card:
        result = reader.read(CardAccess.from_can("482615"))
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from vpcd_card import Fault, VirtualCard

from .card import EmrtdCard


class _Presence(Protocol):
    def card_present(self, reader: str | None = None) -> bool: ...


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@contextmanager
def card_on_reader(chip: EmrtdCard, reader: _Presence, fault: Fault | None = None) -> Iterator[VirtualCard]:
    """The card lies on the reader for the duration of the block (its vpcd port from the environment)."""
    card = VirtualCard(atr=chip.atr, respond=chip.process, on_power=chip.reset, fault=fault)
    card.insert()
    try:
        if not wait_for(reader.card_present):
            raise AssertionError("the virtual card did not appear on the reader")
        yield card
    finally:
        card.remove()
        if not wait_for(lambda: not reader.card_present()):
            raise AssertionError("the virtual card did not leave the reader")
