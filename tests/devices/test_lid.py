"""The case-lid trigger: a serial switch on a pseudo-terminal (line protocol), a reed switch on a modem
status line (pyserial's loop:// port), a lost port, a keyboard-wedge (HID) switch, and the settings."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest
import serial

from mobile_case.devices.lid import (
    HidLid,
    LidConfig,
    LidError,
    SerialLid,
    load_config,
    make_source,
    save_config,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class Events:
    def __init__(self) -> None:
        self.changes: list[bool] = []
        self.problems: list[str] = []
        self._cond = threading.Condition()

    def change(self, opened: bool) -> None:
        with self._cond:
            self.changes.append(opened)
            self._cond.notify_all()

    def problem(self, message: str) -> None:
        with self._cond:
            self.problems.append(message)
            self._cond.notify_all()

    def wait(self, predicate, timeout: float = 5.0) -> bool:  # noqa: ANN001
        with self._cond:
            return self._cond.wait_for(predicate, timeout)


@pytest.fixture
def pty_pair():
    master, slave = os.openpty()
    name = os.ttyname(slave)
    yield master, name
    for fd in (master, slave):
        try:
            os.close(fd)
        except OSError:
            pass


def test_line_protocol_on_a_pseudo_terminal(pty_pair):
    master, name = pty_pair
    events = Events()
    lid = SerialLid(LidConfig(source="serial", port=name), events.change, events.problem)
    lid.start()
    try:
        time.sleep(0.3)  # the thread opens the port
        os.write(master, b"OPEN\r\n")
        assert events.wait(lambda: events.changes == [True])
        os.write(master, b"open\n")  # the same state again (any case): no second event
        os.write(master, b"noise 123\n")
        os.write(master, b"CLOSED\n")
        assert events.wait(lambda: len(events.changes) == 2)
        assert events.changes == [True, False] and lid.state is False
        assert events.problems == []
    finally:
        lid.stop()


def test_configurable_words(pty_pair):
    master, name = pty_pair
    events = Events()
    lid = SerialLid(
        LidConfig(source="serial", port=name, open_text="LID=1", closed_text="LID=0"), events.change
    )
    lid.start()
    try:
        time.sleep(0.3)
        os.write(master, b"OPEN\nLID=1\n")
        assert events.wait(lambda: events.changes == [True])
        os.write(master, b"LID=0\n")
        assert events.wait(lambda: events.changes == [True, False])
    finally:
        lid.stop()


def test_modem_line_with_debounce_on_a_loop_port():
    port = serial.serial_for_url("loop://", timeout=0.2)  # pyserial's loop: CTS follows our RTS
    port.rts = False
    events = Events()
    lid = SerialLid(
        LidConfig(source="serial", port="loop://", signal="cts", debounce_ms=150),
        events.change,
        events.problem,
        opener=lambda _c: port,
    )
    lid.start()
    try:
        assert events.wait(lambda: events.changes == [False])  # lid closed: line not asserted
        port.rts = True
        time.sleep(0.02)
        port.rts = False  # a bounce shorter than the debounce time is not an event
        time.sleep(0.4)
        assert events.changes == [False]
        port.rts = True
        assert events.wait(lambda: events.changes == [False, True])
    finally:
        lid.stop()


def test_inverted_line(tmp_path):
    port = serial.serial_for_url("loop://", timeout=0.2)
    port.dtr = True  # DSR follows DTR on the loop port
    events = Events()
    lid = SerialLid(
        LidConfig(source="serial", port="loop://", signal="dsr", active_means_open=False, debounce_ms=0),
        events.change,
        opener=lambda _c: port,
    )
    lid.start()
    try:
        assert events.wait(lambda: events.changes == [False])  # asserted = closed here
        port.dtr = False
        assert events.wait(lambda: events.changes == [False, True])
    finally:
        lid.stop()


def test_a_port_that_cannot_be_opened_is_reported_in_ukrainian(tmp_path):
    events = Events()
    lid = SerialLid(LidConfig(source="serial", port=str(tmp_path / "ttyNONE")), events.change, events.problem)
    lid.start()
    try:
        assert events.wait(lambda: len(events.problems) == 1)
        assert "Не вдалося відкрити порт датчика кришки" in events.problems[0]
    finally:
        lid.stop()
    assert events.changes == []


def test_a_lost_port_is_reported_once(pty_pair):
    master, name = pty_pair
    events = Events()
    lid = SerialLid(LidConfig(source="serial", port=name), events.change, events.problem)
    lid.start()
    try:
        time.sleep(0.3)
        os.write(master, b"OPEN\n")
        assert events.wait(lambda: events.changes == [True])
        os.close(master)  # the USB-serial adapter is pulled out
        assert events.wait(lambda: len(events.problems) >= 1)
        assert "Датчик кришки" in events.problems[0] or "порт" in events.problems[0]
        time.sleep(0.3)
        assert len(events.problems) == 1
    finally:
        lid.stop()


def test_stop_ends_the_thread_quickly(pty_pair):
    _master, name = pty_pair
    lid = SerialLid(LidConfig(source="serial", port=name), lambda _o: None)
    lid.start()
    time.sleep(0.2)
    began = time.monotonic()
    lid.stop()
    assert time.monotonic() - began < 2.5
    assert not any(t.name == "lid-serial" and t.is_alive() for t in threading.enumerate())


def test_hid_switch_keys_are_caught_and_swallowed(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    events = Events()
    lid = HidLid(LidConfig(source="hid", open_key="F9", closed_key="Ctrl+F10"), events.change)
    lid.start()
    try:
        got: list[int] = []
        field.keyPressEvent = lambda e: got.append(e.key())  # what reaches the widget
        qtbot.keyClick(field, Qt.Key.Key_F9)
        qtbot.keyClick(field, Qt.Key.Key_F10)  # without Ctrl: not the closing key
        qtbot.keyClick(field, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier)
        assert events.changes == [True, False]
        assert [k for k in got if k != Qt.Key.Key_Control] == [Qt.Key.Key_F10]
    finally:
        lid.stop()
    qtbot.keyClick(field, Qt.Key.Key_F9)
    assert events.changes == [True, False]  # the filter is gone


def test_settings_validate_and_round_trip(tmp_path: Path):
    assert load_config(tmp_path) == LidConfig()  # none yet: the trigger is off
    assert make_source(LidConfig(), lambda _o: None) is None
    with pytest.raises(LidError) as no_port:
        LidConfig(source="serial").validate()
    assert "порт" in no_port.value.user_message
    with pytest.raises(LidError):
        LidConfig(source="serial", port="loop://", open_text="X", closed_text="x").validate()
    with pytest.raises(LidError):
        LidConfig(source="hid", open_key="F9", closed_key="F9").validate()
    with pytest.raises(LidError):
        LidConfig(source="bluetooth").validate()
    config = LidConfig(source="serial", port="/dev/ttyUSB0", signal="dsr", active_means_open=False)
    save_config(tmp_path, config)
    assert load_config(tmp_path) == config
    (tmp_path / "kit-devices.json").write_text("{broken", encoding="utf-8")
    assert load_config(tmp_path) == LidConfig()
    assert isinstance(make_source(config, lambda _o: None), SerialLid)


def test_a_port_held_by_another_reader_is_refused(pty_pair):
    _master, name = pty_pair
    first = SerialLid(LidConfig(source="serial", port=name), lambda _o: None)
    first.start()
    events = Events()
    second = SerialLid(LidConfig(source="serial", port=name), events.change, events.problem)
    try:
        time.sleep(0.3)
        second.start()
        assert events.wait(lambda: len(events.problems) == 1)
        assert "Не вдалося відкрити порт датчика кришки" in events.problems[0]
    finally:
        second.stop()
        first.stop()
