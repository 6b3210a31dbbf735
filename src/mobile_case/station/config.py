"""The station's settings and folders."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PORT = 8443


def default_data_dir() -> Path:
    env = os.environ.get("MOBILE_CASE_STATION_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("mobile-case-station", appauthor=False))


@dataclass
class StationConfig:
    data_dir: Path
    db_url: str | None = None
    hosts: list[str] = field(default_factory=list)
    max_upload: int = 8 * 1024**3  # Tus-Max-Size: 8 GiB per file
    upload_expiry_days: int = 7  # unfinished tus uploads are removed after this
    clock_skew: int = 600  # seconds a request's timestamp may differ from the station's clock
    nonce_window: int = 20 * 60  # seconds a nonce is remembered
    pair_code_minutes: int = 15
    token_hours: int = 8
    download_minutes: int = 10
    disk_reserve: int = 256 * 1024**2  # bytes kept free on the station's disk
    housekeeping_hours: float = 24.0  # the daily retention + expiration timer

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def spool_dir(self) -> Path:
        return self.data_dir / "spool"

    def make_dirs(self) -> None:
        for path in (self.data_dir, self.uploads_dir, self.documents_dir, self.archive_dir, self.spool_dir):
            path.mkdir(parents=True, exist_ok=True)
        os.chmod(self.archive_dir, 0o700)
