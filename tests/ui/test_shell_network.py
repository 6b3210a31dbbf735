"""The devices' network check asks for the CNAP station the kit is paired with (sync settings)."""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mobile_case.app import AppController, station_network
from mobile_case.devices.network.monitor import NetworkConfig
from mobile_case.storage.keys import StaticKeyProvider


def _pair(store: Any, url: str, *, revoked: bool = False) -> None:
    from mobile_case.storage.models import SyncPairingRow
    from mobile_case.sync import protocol

    with store.writer() as s:
        row = s.get(SyncPairingRow, 1)
        if row is not None:
            s.delete(row)
            s.flush()
        s.add(
            SyncPairingRow(
                id=1,
                kit_id="0b8e4f5e-1111-4222-8333-944455556666",
                kit_name="Кейс 1",
                station_id="station-1",
                station_name="ЦНАП Чортків",
                url=url,
                station_sign_pub=protocol.b64e(b"s" * 32),
                station_box_pub=protocol.b64e(b"b" * 32),
                cert_sha256="ab" * 32,
                paired_at=datetime(2026, 12, 6, 9, 0),
                revoked=revoked,
            )
        )


def test_station_network_from_the_pairing(app_services: Any) -> None:
    store = app_services.store
    assert station_network(store) == NetworkConfig()  # not paired: no station to ask for
    _pair(store, "https://cnap.chortkiv.example:8443")
    assert station_network(store) == NetworkConfig(station_host="cnap.chortkiv.example", station_port=8443)
    _pair(store, "https://10.20.30.40")
    assert station_network(store) == NetworkConfig(station_host="10.20.30.40", station_port=443)
    _pair(store, "https://10.20.30.40:9000", revoked=True)
    assert station_network(store) == NetworkConfig()


def test_the_started_app_checks_the_paired_station(
    data_dir: Path, store_key: bytes, tasks: Any, qtbot: Any, app_services: Any
) -> None:
    """A real TCP listener plays the station: the real network monitor of the started app connects to the
    host and port of the pairing (and reports it reachable); the pairing changes, so does the check."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    _pair(app_services.store, f"https://127.0.0.1:{port}")
    app_services.close()  # the app opens the same store itself
    args = SimpleNamespace(data_dir=data_dir, demo=False, profile=None, lang="uk", simulate_devices=None)
    c = AppController(data_dir, args, key_provider=StaticKeyProvider(store_key))
    try:
        c.start()
        qtbot.addWidget(c.login_window)
        qtbot.waitUntil(lambda: c.services is not None and c.devices is not None, timeout=30000)
        tasks.wait_idle(30)
        assert c.network == NetworkConfig(station_host="127.0.0.1", station_port=port)
        monitor = c.devices.network  # only the network is probed: no real reader/scanner is touched
        assert monitor.backend == "system" and monitor.config == c.network
        report = monitor.check()
        assert report.station_reachable is True and report.latency_ms is not None
        # paired anew (in Settings, while logged in): the next read gives the devices the new station
        listener.close()
        _pair(c.services.store, f"https://127.0.0.1:{port}", revoked=True)
        c._read_station()
        tasks.wait_idle(30)
        assert c.devices.network.config == NetworkConfig()
        assert c.devices.network.check().station_reachable is None  # no station configured
    finally:
        listener.close()
        tasks.wait_idle(30)
        if c.services is not None:
            c.services.close()
