"""The device registry: one place that knows which backend serves each device.

``DeviceRegistry(simulate=None)`` uses the real device where one is present and working, and its
simulator otherwise; ``simulate=True`` uses every simulator (demos, tests, training); ``simulate=False``
uses only the real backends, even when they are missing (their status then says what is wrong).

Choosing probes the hardware (PC/SC, SANE, the print system, QtMultimedia), which can take a moment:
build the registry anywhere, but call ``statuses()`` — and the first use of each device — from a
worker thread. ``statuses()`` probes again, so a reader plugged in later is picked up; a device in use
(a recording in progress) is never switched under the user's hands.

The network link is never simulated in the automatic mode: being offline is a real state, not a missing
device. Results of simulators are always marked (``simulated=True`` on reads and scans, ``*.simulated.mkv``
recordings, the SIMULATED state) so demo data cannot pass for a citizen's.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.cardreader.base import CardReader
from mobile_case.devices.network.monitor import NetworkConfig, NetworkMonitor
from mobile_case.devices.recorder.base import Recorder, RecorderState
from mobile_case.devices.scanner.base import Scanner

log = logging.getLogger(__name__)

KINDS: tuple[str, ...] = ("card_reader", "scanner", "printer", "recorder", "network")

TITLES: dict[str, str] = {
    "card_reader": "Зчитувач ID-карток",
    "scanner": "Сканер",
    "printer": "Принтер",
    "recorder": "Камера і мікрофон",
    "network": "Зв'язок",
}

_SIMULATOR_NOTE: dict[str, str] = {
    "card_reader": "демонстраційні картки вигаданих людей",
    "scanner": "сторінки-зразки замість справжніх сканів",
    "printer": "документи зберігаються як PDF-файли",  # with the folder, see _note()
    "recorder": "тестове відео без звуку замість справжнього запису",
}


@dataclass
class DeviceConfig:
    """Which real device to prefer and how the simulators behave (all optional)."""

    card_reader: str = ""  # PC/SC reader name; "" = the first one
    scanner: str = ""  # SANE device name / WIA DeviceID / TWAIN source; "" = the first one
    camera: str = ""  # the recorder's camera (QtMultimedia description or device id); "" = the first one
    microphone: str = ""  # the recorder's microphone (description or id); "" = the first one
    printer: str = ""  # print queue name; "" = the system default
    network: NetworkConfig = field(default_factory=NetworkConfig)
    simulated_printer_dir: Path | None = None  # where the simulated printer writes PDFs
    simulator_time_scale: float = 1.0  # 1 = realistic durations, 0 = instant (tests)


def _first_sentence(message: str) -> str:
    head = message.split(". ", 1)[0].strip()
    return head.rstrip(".")


class _Slot:
    """One device kind: its real and simulated factories and the backend chosen now."""

    def __init__(self, kind: str, real: Callable[[], Any] | None, simulator: Callable[[], Any]) -> None:
        self.kind = kind
        self.real_factory = real
        self.sim_factory = simulator
        self.real: Any = None
        self.sim: Any = None
        self.current: Any = None
        self.status: DeviceStatus | None = None
        self.lock = threading.Lock()  # held while probing this device only

    def real_backend(self) -> Any:
        if self.real is None and self.real_factory is not None:
            self.real = self.real_factory()
        return self.real

    def sim_backend(self) -> Any:
        if self.sim is None:
            self.sim = self.sim_factory()
        return self.sim


class DeviceRegistry:
    def __init__(self, simulate: bool | None = None, config: DeviceConfig | None = None) -> None:
        self.simulate = simulate
        self.config = config or DeviceConfig()
        self._slots: dict[str, _Slot] = {
            "card_reader": _Slot("card_reader", self._real_card_reader, self._sim_card_reader),
            "scanner": _Slot("scanner", self._real_scanner, self._sim_scanner),
            "printer": _Slot("printer", self._real_printer, self._sim_printer),
            "recorder": _Slot("recorder", self._real_recorder, self._sim_recorder),
            "network": _Slot("network", self._real_network, self._sim_network),
        }

    # --- factories (imports are lazy: a missing optional library must not break the others) --------
    def _real_card_reader(self) -> CardReader:
        from mobile_case.devices.cardreader.pcsc import PcscCardReader  # noqa: PLC0415

        return PcscCardReader(self.config.card_reader)

    def _sim_card_reader(self) -> CardReader:
        from mobile_case.devices.cardreader.simulator import (  # noqa: PLC0415
            SimulatedCardReader,
            SimulatedCardReaderConfig,
        )

        return SimulatedCardReader(SimulatedCardReaderConfig(time_scale=self.config.simulator_time_scale))

    def _real_scanner(self) -> Scanner:
        from mobile_case.devices.scanner.system import system_scanner  # noqa: PLC0415

        return system_scanner(self.config.scanner)  # SANE on Linux; WIA, else TWAIN, on Windows

    def _sim_scanner(self) -> Scanner:
        from mobile_case.devices.scanner.simulator import SimulatedScanner, SimulatedScannerConfig  # noqa: PLC0415

        return SimulatedScanner(SimulatedScannerConfig(time_scale=self.config.simulator_time_scale))

    def _real_printer(self) -> Any:
        from mobile_case.devices.printer import printer_classes  # noqa: PLC0415

        real_cls, _sim_cls = printer_classes()
        return real_cls(self.config.printer) if self.config.printer else real_cls()

    def _sim_printer(self) -> Any:
        from mobile_case.devices.printer import printer_classes  # noqa: PLC0415

        _real_cls, sim_cls = printer_classes()
        folder = (
            self.config.simulated_printer_dir or Path(tempfile.gettempdir()) / "mobile-case-simulated-printer"
        )
        return sim_cls(folder)

    def _real_recorder(self) -> Recorder:
        from mobile_case.devices.recorder.qt_recorder import QtRecorder  # noqa: PLC0415

        return QtRecorder(camera=self.config.camera, microphone=self.config.microphone)

    def _sim_recorder(self) -> Recorder:
        from mobile_case.devices.recorder.simulator import SimulatedRecorder  # noqa: PLC0415

        return SimulatedRecorder()

    def _real_network(self) -> NetworkMonitor:
        from mobile_case.devices.network.monitor import SystemNetworkMonitor  # noqa: PLC0415

        return SystemNetworkMonitor(self.config.network)

    def _sim_network(self) -> NetworkMonitor:
        from mobile_case.devices.network.monitor import SimulatedNetwork  # noqa: PLC0415

        cfg = self.config.network
        return SimulatedNetwork(cfg if cfg.station_host else None)

    # --- choosing ---------------------------------------------------------------------------------
    def _note(self, kind: str, sim: Any) -> str:
        folder = getattr(sim, "folder", None)
        if kind == "printer" and folder is not None:
            return f"документи зберігаються як PDF у теці «{folder}»"
        return _SIMULATOR_NOTE[kind]

    def _busy(self, backend: Any) -> bool:
        state = getattr(backend, "state", None)
        return callable(state) and state() is RecorderState.RECORDING

    def _probe_status(self, slot: _Slot, backend: Any) -> DeviceStatus:
        try:
            status = backend.status()
        except Exception as exc:  # a broken driver must not take the registry down
            log.warning("%s status failed: %s", slot.kind, type(exc).__name__)
            status = DeviceStatus(slot.kind, TITLES[slot.kind], DeviceState.FAILING, getattr(backend, "backend", "?"),
                                  f"{TITLES[slot.kind]}: не вдалося перевірити стан ({type(exc).__name__}).")  # fmt: skip
        status.kind = slot.kind
        return status

    def _resolve(self, kind: str) -> _Slot:
        """Choose (again) the backend of ``kind`` and compute its status."""
        slot = self._slots[kind]
        if self.simulate is True:
            sim = slot.sim_backend()
            status = self._probe_status(slot, sim)
            if status.state is DeviceState.SIMULATED and kind != "network":  # the network's says more
                status.message = f"Увімкнено режим симуляції пристроїв — використовується симулятор ({self._note(kind, sim)})."
            slot.current, slot.status = sim, status
            return slot
        try:
            real = slot.real_backend()
        except Exception as exc:  # e.g. the printer package not importable
            log.warning("%s real backend unavailable: %s", kind, type(exc).__name__)
            real = None
        real_status = (
            self._probe_status(slot, real)
            if real is not None
            else DeviceStatus(
                kind, TITLES[kind], DeviceState.MISSING, "none", f"{TITLES[kind]}: драйвер недоступний."
            )
        )
        if self.simulate is False or kind == "network" or real_status.state is DeviceState.READY:
            if slot.current is not None and slot.current is not real and self._busy(slot.current):
                return slot  # keep the busy backend until it is free
            slot.current, slot.status = real, real_status
            return slot
        if slot.current is not None and slot.current is not slot.sim and self._busy(slot.current):
            return slot
        sim = slot.sim_backend()
        sim_status = self._probe_status(slot, sim)
        if sim_status.state is DeviceState.SIMULATED:
            sim_status.message = f"{_first_sentence(real_status.message)} — використовується симулятор ({self._note(kind, sim)})."
        slot.current, slot.status = sim, sim_status
        return slot

    def _get(self, kind: str) -> Any:
        slot = self._slots[kind]
        current = slot.current  # chosen already: no lock, so a probe in a worker never blocks the GUI
        if current is not None:
            return current
        with slot.lock:
            if slot.current is None:
                self._resolve(kind)
            return slot.current

    # --- the public surface -----------------------------------------------------------------------
    @property
    def card_reader(self) -> CardReader:
        return self._get("card_reader")

    @property
    def scanner(self) -> Scanner:
        return self._get("scanner")

    @property
    def printer(self) -> Any:
        """A ``devices.printer.base.Printer``: the Qt print system's printer, or the simulated one."""
        return self._get("printer")

    @property
    def recorder(self) -> Recorder:
        return self._get("recorder")

    @property
    def network(self) -> NetworkMonitor:
        return self._get("network")

    def statuses(self) -> list[DeviceStatus]:
        """Probe every device again (switching backends where the hardware changed) and report them,
        in the order card reader, scanner, printer, recorder, network. Slow: call from a worker."""
        return [self.status(kind) for kind in KINDS]

    def status(self, kind: str) -> DeviceStatus:
        """Probe one device again and report it."""
        slot = self._slots[kind]
        with slot.lock:
            self._resolve(kind)
            assert slot.status is not None
            return slot.status

    def set_network(self, network: NetworkConfig) -> None:
        """Use ``network`` (the station of the sync pairing, app.py) from the next status or use on:
        the network monitors made with the old one are dropped."""
        slot = self._slots["network"]
        with slot.lock:
            if network == self.config.network:
                return
            self.config.network = network
            slot.real = slot.sim = slot.current = slot.status = None

    def choices(self) -> dict[str, list[str]]:
        """What can be chosen in Settings → Devices: the scanners the system's backend sees (SANE names,
        WIA DeviceIDs, TWAIN sources) and the cameras and microphones QtMultimedia sees. Slow (probes the
        drivers): call from a worker. A backend that cannot be asked gives an empty list."""
        found: dict[str, list[str]] = {"scanner": [], "camera": [], "microphone": []}
        for kind, ask in (
            ("scanner", lambda: self._slots["scanner"].real_backend().sources()),
            ("camera", lambda: self._slots["recorder"].real_backend().cameras()),
            ("microphone", lambda: self._slots["recorder"].real_backend().microphones()),
        ):
            try:
                found[kind] = [str(name) for name in ask()]
            except Exception as exc:  # a broken driver lists nothing
                log.warning("%s choices not listed: %s", kind, type(exc).__name__)
        return found

    def prefer(self, scanner: str | None = None, camera: str | None = None, microphone: str | None = None) -> None:
        """Use these devices from the next use on ("" = the first one found; None = unchanged). The real
        backends made with the old choice are dropped — a recording in progress keeps its camera until
        it stops (the registry keeps a busy recorder)."""
        changes = {"scanner": {"scanner": scanner}, "recorder": {"camera": camera, "microphone": microphone}}
        for kind, values in changes.items():
            values = {k: v for k, v in values.items() if v is not None and v != getattr(self.config, k)}
            if not values:
                continue
            slot = self._slots[kind]
            with slot.lock:
                for name, value in values.items():
                    setattr(self.config, name, value)
                if slot.current is not None and slot.current is slot.real and self._busy(slot.current):
                    slot.real = None  # the busy one stays current; the next status makes the new one
                    continue
                if slot.current is slot.real:
                    slot.current = slot.status = None
                slot.real = None

    def is_simulated(self, kind: str) -> bool:
        """Whether ``kind`` is served by its simulator now."""
        slot = self._slots[kind]
        current = self._get(kind)
        return current is slot.sim
