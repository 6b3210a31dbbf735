"""One contract for the network link: the system monitor against a real local TCP "station", and the
simulator; the station check never sends a byte."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from mobile_case.devices.base import DeviceState
from mobile_case.devices.network import monitor
from mobile_case.devices.network.monitor import (
    NetworkConfig,
    NetworkMonitor,
    SimulatedNetwork,
    SimulatedNetworkConfig,
    SystemNetworkMonitor,
)

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


class Station:
    """A local TCP server that records how many bytes each client sent."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.received: list[int] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                total = 0
                try:
                    while chunk := conn.recv(1024):
                        total += len(chunk)
                except OSError:
                    pass
                self.received.append(total)

    def close(self) -> None:
        self.sock.close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class NetRig:
    reachable: NetworkMonitor
    unreachable: NetworkMonitor
    unconfigured: NetworkMonitor
    offline: NetworkMonitor
    station: Station | None


@pytest.fixture(params=["system", "simulator"])
def rig(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[NetRig]:
    if request.param == "simulator":
        cfg = NetworkConfig("station.cnap.example", 443)
        yield NetRig(
            SimulatedNetwork(cfg),
            SimulatedNetwork(cfg, SimulatedNetworkConfig(station_reachable=False)),
            SimulatedNetwork(NetworkConfig()),
            SimulatedNetwork(cfg, SimulatedNetworkConfig(online=False)),
            None,
        )
        return
    station = Station()

    class Offline(SystemNetworkMonitor):
        """The system monitor on a machine with no route out (this machine has one: the route check is
        the one thing replaced)."""

        def check(self):  # type: ignore[no-untyped-def]
            monkeypatch.setattr(monitor, "has_route", lambda: False)
            try:
                return super().check()
            finally:
                monkeypatch.undo()

    yield NetRig(
        SystemNetworkMonitor(NetworkConfig("127.0.0.1", station.port, 2.0), use_qt=False),
        SystemNetworkMonitor(NetworkConfig("127.0.0.1", closed_port(), 2.0), use_qt=False),
        SystemNetworkMonitor(NetworkConfig(), use_qt=False),
        Offline(NetworkConfig(), use_qt=False),
        station,
    )
    station.close()


def test_is_a_network_monitor(rig: NetRig) -> None:
    assert isinstance(rig.reachable, NetworkMonitor)
    status = rig.reachable.status()
    assert status.kind == "network"
    assert CYRILLIC.search(status.message)


def test_reachable_station_is_ready(rig: NetRig) -> None:
    report = rig.reachable.check()
    assert report.online and report.station_reachable is True and report.latency_ms is not None
    status = rig.reachable.status()
    assert status.state in (DeviceState.READY, DeviceState.SIMULATED)
    assert "доступний" in status.message
    if rig.station is not None:
        deadline = time.monotonic() + 5
        while len(rig.station.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert rig.station.received == [0, 0], "the reachability check must connect and send nothing"


def test_unreachable_station_is_failing(rig: NetRig) -> None:
    report = rig.unreachable.check()
    assert report.station_reachable is False
    status = rig.unreachable.status()
    assert status.state in (DeviceState.FAILING, DeviceState.SIMULATED)
    assert "недоступний" in status.message


def test_no_station_configured(rig: NetRig) -> None:
    report = rig.unconfigured.check()
    assert report.online and report.station_reachable is None
    assert "не налаштовано" in rig.unconfigured.status().message


def test_offline_is_missing_and_says_the_app_works_offline(rig: NetRig) -> None:
    report = rig.offline.check()
    assert report.online is False and report.station_reachable is None
    status = rig.offline.status()
    assert status.state in (DeviceState.MISSING, DeviceState.SIMULATED)
    assert "без мережі" in status.message


def test_route_check_sends_nothing_and_sees_this_machines_route() -> None:
    assert monitor.has_route() is True  # the test machine reaches package registries, so it has a route


def test_qt_network_information_is_asked_on_the_application_thread(qtbot: object) -> None:
    on_main = SystemNetworkMonitor(NetworkConfig()).check()  # Qt loads its backend here if it has one
    assert on_main.online is True  # this machine has a link
    result: list[object] = []

    def worker() -> None:
        result.append(SystemNetworkMonitor(NetworkConfig()).check())

    # the application thread runs its event loop: the worker gets Qt's answer
    thread = threading.Thread(target=worker)
    thread.start()
    qtbot.waitUntil(lambda: bool(result), timeout=5000)  # type: ignore[attr-defined]
    thread.join()
    assert result[0].via == on_main.via  # type: ignore[attr-defined]
    # the application thread is blocked (no event loop): the worker falls back to the route check
    result.clear()
    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert result[0].via == "socket" and result[0].online is True  # type: ignore[attr-defined]
