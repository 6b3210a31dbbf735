"""Running the station: ``mobile-case station`` — uvicorn over HTTPS with the station's own certificate."""

from __future__ import annotations

import logging
import sys

from mobile_case.station.config import StationConfig
from mobile_case.station.core import Station

log = logging.getLogger(__name__)


def serve(config: StationConfig, host: str, port: int) -> int:
    """Bind, print the station's address and fingerprint, serve until Ctrl+C / SIGTERM. Exit codes: 0 stopped,
    2 the address cannot be used, 5 the store cannot be opened (raised as StoreError by Station)."""
    import socket

    import uvicorn

    from mobile_case.station.app import create_app

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        print(
            f"mobile-case: не вдалося відкрити адресу {host}:{port} ({exc.strerror or exc}). Можливо, станцію вже "
            "запущено або порт зайнято іншою програмою: зупиніть її або вкажіть інший --port; --host має бути "
            "адресою цього комп'ютера (або 0.0.0.0 — усі адреси).",
            file=sys.stderr,
        )
        return 2
    sock.listen(128)
    station = Station(config)
    app = create_app(station)
    uv = uvicorn.Config(
        app,
        ssl_keyfile=str(station.identity.key_path),
        ssl_certfile=str(station.identity.cert_path),
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
        timeout_graceful_shutdown=10,
        server_header=False,
    )
    server = uvicorn.Server(uv)
    print(
        f"Станція ЦНАП «{station.identity.name}» працює: https://{host}:{port}/\n"
        f"  ідентифікатор станції: {station.identity.station_id}\n"
        f"  відбиток сертифіката (SHA-256): {station.identity.cert_sha256}\n"
        f"  папка даних: {config.data_dir}\n"
        "Зупинити: Ctrl+C.",
        flush=True,
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        station.close()
    return 0


def main_quiet_logging(data_dir=None) -> None:  # noqa: ANN001 — a Path or None
    """INFO to stderr and, with a data folder, to ``<data>/logs/station.log`` (5 × 5 MB, rotated). Only ids
    are logged (kits, packages, uploads, recordings, accounts' logins) — never personal data."""
    from pathlib import Path

    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if data_dir is not None:
        from logging.handlers import RotatingFileHandler

        logs = Path(data_dir) / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(logs / "station.log", maxBytes=5 * 1024 * 1024, backupCount=5,
                                            encoding="utf-8"))
    logging.basicConfig(level=logging.INFO, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
