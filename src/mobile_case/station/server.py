"""Running the station: ``mobile-case station`` — uvicorn over HTTPS with the station's own certificate."""

from __future__ import annotations

import logging
import sys

from mobile_case.station.config import StationConfig
from mobile_case.station.core import Station

log = logging.getLogger(__name__)


def serve(config: StationConfig, host: str, port: int) -> int:
    import uvicorn

    from mobile_case.station.app import create_app

    station = Station(config)
    app = create_app(station)
    uv = uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_keyfile=str(station.identity.key_path),
        ssl_certfile=str(station.identity.cert_path),
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
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
        server.run()
    finally:
        station.close()
    return 0 if not getattr(server, "should_exit", False) or server.started else 1


def main_quiet_logging() -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
