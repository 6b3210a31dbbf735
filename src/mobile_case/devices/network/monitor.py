"""The modem / network link: is there a connection, and can the CNAP office's station be reached?

The system monitor asks the OS through QNetworkInformation when Qt has a backend for it (Windows'
Network List Manager, NetworkManager, glib…), otherwise it checks that a default route exists (a UDP
socket "connect" is a local route lookup and sends nothing). Reaching the station is a bare TCP
handshake to the configured host and port: no byte of data, let alone personal data, is sent.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.qtthread import QtUnavailable, call_on_app_thread

KIND = "network"
_ROUTE_PROBE = ("198.51.100.1", 9)  # TEST-NET-2: only the routing table is consulted, nothing is sent


class Medium:
    CELLULAR = "cellular"
    WIFI = "wifi"
    ETHERNET = "ethernet"
    BLUETOOTH = "bluetooth"
    UNKNOWN = "unknown"


MEDIUM_TITLES = {
    Medium.CELLULAR: "мобільний модем",
    Medium.WIFI: "Wi-Fi",
    Medium.ETHERNET: "кабель Ethernet",
    Medium.BLUETOOTH: "Bluetooth",
    Medium.UNKNOWN: "мережа",
}


@dataclass(frozen=True)
class NetworkConfig:
    station_host: str = ""  # the CNAP office station (sync server); "" = not configured
    station_port: int = 443
    timeout: float = 3.0


@dataclass(frozen=True)
class NetworkReport:
    online: bool  # a link with a route out exists
    medium: str  # Medium.*
    station_reachable: bool | None  # None when no station is configured or there is no link
    latency_ms: float | None  # TCP handshake time to the station
    metered: bool | None  # e.g. a mobile data plan (None = unknown)
    via: str  # "qt", "socket" or "simulator"


@runtime_checkable
class NetworkMonitor(Protocol):
    backend: str
    config: NetworkConfig

    def check(self) -> NetworkReport:
        """Look at the link now (may take up to ``config.timeout`` seconds: call from a worker)."""
        ...

    def status(self) -> DeviceStatus: ...


def status_from_report(report: NetworkReport, config: NetworkConfig, backend: str) -> DeviceStatus:
    medium = MEDIUM_TITLES.get(report.medium, MEDIUM_TITLES[Medium.UNKNOWN])
    name = medium[0].upper() + medium[1:]
    via = f": {medium}" if report.medium != Medium.UNKNOWN else ""
    in_brackets = f" ({medium})" if report.medium != Medium.UNKNOWN else ""
    if not report.online:
        return DeviceStatus(
            KIND,
            name,
            DeviceState.MISSING,
            backend,
            "Немає зв'язку (модем без сигналу або не підключений). Програма працює без мережі; "
            "дані буде надіслано, коли з'явиться зв'язок.",
        )
    extra = " (лімітований тариф)" if report.metered else ""
    if report.station_reachable is None:
        return DeviceStatus(
            KIND,
            name,
            DeviceState.READY,
            backend,
            f"Зв'язок є{via}{extra}. Адресу сервера ЦНАП для надсилання даних не налаштовано.",
        )
    if report.station_reachable:
        latency = f", відповідь за {report.latency_ms:.0f} мс" if report.latency_ms is not None else ""
        return DeviceStatus(
            KIND,
            name,
            DeviceState.READY,
            backend,
            f"Зв'язок є{via}{extra}; сервер ЦНАП {config.station_host} доступний{latency}.",
        )
    return DeviceStatus(
        KIND,
        name,
        DeviceState.FAILING,
        backend,
        f"Мережа є{in_brackets}, але сервер ЦНАП {config.station_host} недоступний. Дані буде надіслано пізніше.",
    )


def has_route() -> bool:
    """Whether the OS has a route out (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(_ROUTE_PROBE)
            return not sock.getsockname()[0].startswith("127.")
    except OSError:
        return False


def reach(host: str, port: int, timeout: float) -> float | None:
    """TCP handshake time in ms, or None when the host cannot be reached. Sends no data."""
    started = time.perf_counter()
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return (time.perf_counter() - started) * 1000
    except OSError:
        return None


def _qt_query() -> tuple[bool | None, str, bool | None]:
    from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415

    info = QNetworkInformation.instance()
    if info is None:
        if not QNetworkInformation.loadDefaultBackend():
            return None, Medium.UNKNOWN, None
        info = QNetworkInformation.instance()
        if info is None:
            return None, Medium.UNKNOWN, None
    reachability = info.reachability()
    r = QNetworkInformation.Reachability
    online = None if reachability == r.Unknown else reachability != r.Disconnected
    t = QNetworkInformation.TransportMedium
    medium = {
        t.Cellular: Medium.CELLULAR,
        t.WiFi: Medium.WIFI,
        t.Ethernet: Medium.ETHERNET,
        t.Bluetooth: Medium.BLUETOOTH,
    }.get(info.transportMedium(), Medium.UNKNOWN)
    metered = info.isMetered() if info.supports(QNetworkInformation.Feature.Metered) else None
    return online, medium, metered


def _qt_link() -> tuple[bool | None, str, bool | None]:
    """(online, medium, metered) from QNetworkInformation (loaded once, on the application's thread);
    online is None when Qt cannot tell."""
    try:
        return call_on_app_thread(_qt_query, timeout=2.0)
    except (QtUnavailable, ImportError):
        return None, Medium.UNKNOWN, None


class SystemNetworkMonitor:
    """The real link, as the OS sees it."""

    backend = "system"

    def __init__(self, config: NetworkConfig | None = None, use_qt: bool = True) -> None:
        self.config = config or NetworkConfig()
        self.use_qt = use_qt

    def check(self) -> NetworkReport:
        online, medium, metered = _qt_link() if self.use_qt else (None, Medium.UNKNOWN, None)
        via = "qt"
        if online is None:
            online, via = has_route(), "socket"
        station: bool | None = None
        latency: float | None = None
        if self.config.station_host:
            latency = reach(self.config.station_host, self.config.station_port, self.config.timeout)
            station = latency is not None
            online = online or station  # a reachable station proves the link, whatever the OS says
        return NetworkReport(online, medium, station if online else None, latency, metered, via)

    def status(self) -> DeviceStatus:
        return status_from_report(self.check(), self.config, self.backend)


@dataclass
class SimulatedNetworkConfig:
    online: bool = True
    station_reachable: bool = True
    medium: str = Medium.CELLULAR
    metered: bool = True
    latency_ms: float = 85.0


class SimulatedNetwork:
    """A pretend modem link (for demos and tests): online or not, station reachable or not."""

    backend = "simulator"

    def __init__(
        self, config: NetworkConfig | None = None, sim: SimulatedNetworkConfig | None = None
    ) -> None:
        self.config = config or NetworkConfig(station_host="station.cnap.example")
        self.sim = sim or SimulatedNetworkConfig()

    def check(self) -> NetworkReport:
        s = self.sim
        if not s.online:
            return NetworkReport(False, s.medium, None, None, s.metered, "simulator")
        station = s.station_reachable if self.config.station_host else None
        return NetworkReport(
            True, s.medium, station, s.latency_ms if station else None, s.metered, "simulator"
        )

    def status(self) -> DeviceStatus:
        status = status_from_report(self.check(), self.config, self.backend)
        status.state = DeviceState.SIMULATED
        status.message = "Симулятор зв'язку. " + status.message
        return status
