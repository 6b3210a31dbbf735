"""The device registry: real backends where present, simulators otherwise, honest Ukrainian statuses."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.cardreader.base import CardReader
from mobile_case.devices.cardreader.pcsc import PcscCardReader
from mobile_case.devices.cardreader.simulator import SimulatedCardReader
from mobile_case.devices.network.monitor import SimulatedNetwork, SystemNetworkMonitor
from mobile_case.devices.printer.base import Printer
from mobile_case.devices.printer.simulator import SimulatedPrinter
from mobile_case.devices.recorder.base import Recorder
from mobile_case.devices.recorder.simulator import SimulatedRecorder
from mobile_case.devices.registry import KINDS, DeviceConfig, DeviceRegistry
from mobile_case.devices.scanner.base import Scanner
from mobile_case.devices.scanner.sane_backend import SaneScanner
from mobile_case.devices.scanner.simulator import SimulatedScanner


@pytest.fixture
def config(tmp_path: Path) -> DeviceConfig:
    return DeviceConfig(simulated_printer_dir=tmp_path / "printed", simulator_time_scale=0.0)


def test_simulate_true_uses_every_simulator(config: DeviceConfig, qapp: object) -> None:
    registry = DeviceRegistry(simulate=True, config=config)
    statuses = registry.statuses()
    assert [s.kind for s in statuses] == list(KINDS)
    assert all(s.state is DeviceState.SIMULATED for s in statuses)
    assert all(s.backend == "simulator" for s in statuses)
    assert all("симул" in s.message.lower() for s in statuses)
    assert isinstance(registry.card_reader, SimulatedCardReader) and isinstance(
        registry.card_reader, CardReader
    )
    assert isinstance(registry.scanner, SimulatedScanner) and isinstance(registry.scanner, Scanner)
    assert isinstance(registry.printer, SimulatedPrinter) and isinstance(registry.printer, Printer)
    assert isinstance(registry.recorder, SimulatedRecorder) and isinstance(registry.recorder, Recorder)
    assert isinstance(registry.network, SimulatedNetwork)
    assert registry.card_reader is registry.card_reader  # one instance per registry
    assert all(registry.is_simulated(kind) for kind in KINDS)
    assert str(config.simulated_printer_dir) in statuses[2].message


def test_automatic_choice_without_hardware_uses_simulators_and_says_why(
    config: DeviceConfig, sane_empty: Path, qapp: object
) -> None:
    registry = DeviceRegistry(config=config)
    by_kind = {s.kind: s for s in registry.statuses()}
    assert by_kind["scanner"].state is DeviceState.SIMULATED
    assert by_kind["scanner"].message == (
        "Сканер не підключено або SANE його не бачить — використовується симулятор "
        "(сторінки-зразки замість справжніх сканів)."
    )
    assert isinstance(registry.scanner, SimulatedScanner)
    # no camera or microphone here, and recording from a real one is not in this version
    assert by_kind["recorder"].message.startswith(
        "Камеру й мікрофон не підключено — використовується симулятор"
    )
    assert isinstance(registry.recorder, SimulatedRecorder)
    # the network is never simulated automatically: offline is a real state
    assert isinstance(registry.network, SystemNetworkMonitor)
    assert by_kind["network"].state is not DeviceState.SIMULATED
    if not PcscCardReader().readers():
        assert isinstance(registry.card_reader, SimulatedCardReader)
        assert (
            "— використовується симулятор (демонстраційні картки вигаданих людей)."
            in by_kind["card_reader"].message
        )
    if by_kind["printer"].state is DeviceState.SIMULATED:
        assert isinstance(registry.printer, SimulatedPrinter)
        assert str(config.simulated_printer_dir) in by_kind["printer"].message


def test_real_scanner_is_chosen_when_present_and_dropped_when_gone(
    config: DeviceConfig, sane_config: Path, qapp: object
) -> None:
    registry = DeviceRegistry(config=config)
    assert isinstance(registry.scanner, SaneScanner)
    assert registry.status("scanner").state is DeviceState.READY
    assert not registry.is_simulated("scanner")
    (sane_config / "dll.conf").write_text("")  # the scanner is unplugged
    status = registry.status("scanner")
    assert status.state is DeviceState.SIMULATED and "використовується симулятор" in status.message
    assert isinstance(registry.scanner, SimulatedScanner)
    (sane_config / "dll.conf").write_text("test\n")  # plugged in again
    assert registry.status("scanner").state is DeviceState.READY
    assert isinstance(registry.scanner, SaneScanner)


def test_real_card_reader_is_chosen_when_pcscd_has_readers(config: DeviceConfig, pcscd: str) -> None:
    registry = DeviceRegistry(config=config)
    assert isinstance(registry.card_reader, PcscCardReader)
    status = registry.status("card_reader")
    assert status.state is DeviceState.READY and status.name == pcscd


def test_simulate_false_never_simulates(config: DeviceConfig, sane_empty: Path, qapp: object) -> None:
    registry = DeviceRegistry(simulate=False, config=config)
    statuses = registry.statuses()
    assert all(s.state is not DeviceState.SIMULATED for s in statuses)
    assert statuses[1].state is DeviceState.MISSING and "scanimage -L" in statuses[1].message
    assert not any(registry.is_simulated(kind) for kind in KINDS)


def test_statuses_from_a_worker_thread(config: DeviceConfig, qtbot: Any, sane_empty: Path) -> None:
    """The UI asks from a worker: Qt-side queries are answered by the application thread."""
    registry = DeviceRegistry(config=config)
    box: list[list[DeviceStatus]] = []
    thread = threading.Thread(target=lambda: box.append(registry.statuses()))
    thread.start()
    qtbot.waitUntil(lambda: bool(box), timeout=20000)
    thread.join()
    recorder = box[0][3]
    assert recorder.kind == "recorder" and recorder.state is DeviceState.SIMULATED
    assert "Камеру й мікрофон не підключено" in recorder.message


class _Camera:
    """A stand-in for a working camera backend (this machine has none)."""

    backend = "qt"
    last_error = None

    def status(self) -> DeviceStatus:
        return DeviceStatus("recorder", "USB Camera", DeviceState.READY, "qt", "Камера готова.")


def test_a_recording_in_progress_is_not_switched(
    config: DeviceConfig, tmp_path: Path, monkeypatch: Any
) -> None:
    registry = DeviceRegistry(config=config)
    monkeypatch.setattr(
        registry, "_real_recorder", lambda: (_ for _ in ()).throw(RuntimeError("no camera yet"))
    )
    recorder = registry.recorder
    assert isinstance(recorder, SimulatedRecorder)
    recorder.start("visit-1", tmp_path / "rec")
    try:
        registry._slots["recorder"].real = _Camera()  # a camera appears while recording
        registry.status("recorder")
        assert registry.recorder is recorder
    finally:
        segments = recorder.stop()
    assert segments
    registry.status("recorder")
    assert isinstance(registry.recorder, _Camera)


def test_a_broken_driver_does_not_break_the_registry(
    config: DeviceConfig, monkeypatch: Any, qapp: object
) -> None:
    def broken() -> Any:
        class Broken:
            backend = "sane"

            def status(self) -> DeviceStatus:
                raise OSError("driver crashed")

        return Broken()

    registry = DeviceRegistry(config=config)
    registry._slots["scanner"].real_factory = broken
    status = registry.status("scanner")
    assert status.state is DeviceState.SIMULATED
    assert status.message.startswith("Сканер: не вдалося перевірити стан")
    assert isinstance(registry.scanner, SimulatedScanner)


def test_first_use_does_not_wait_for_a_probe_in_progress(config: DeviceConfig) -> None:
    registry = DeviceRegistry(simulate=True, config=config)
    reader = registry.card_reader
    slot = registry._slots["card_reader"]
    with slot.lock:  # a worker is probing the reader right now
        started = time.monotonic()
        assert registry.card_reader is reader
        assert time.monotonic() - started < 0.5
