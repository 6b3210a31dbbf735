"""Sync settings kept in the store (``sync_settings``): chunk size, bandwidth limit, mobile data for
recordings, how long local copies stay after delivery, and whether to sync automatically."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from mobile_case.storage.models import SyncSettingRow

MiB = 1024 * 1024


@dataclass
class SyncSettings:
    chunk_bytes: int = 4 * MiB  # tus PATCH size
    rate_limit_kbps: int = 0  # kilobits per second, 0 = unlimited
    recordings_over_mobile: bool = False  # the head may allow recordings over mobile data
    keep_local_days: int = 30  # other local copies are removed N days after the receipt
    auto: bool = True  # background sync when the station answers
    probe_seconds: int = 60  # base interval of the background probe

    def validate(self) -> SyncSettings:
        self.chunk_bytes = min(max(int(self.chunk_bytes), 64 * 1024), 64 * MiB)
        self.rate_limit_kbps = max(int(self.rate_limit_kbps), 0)
        self.keep_local_days = min(max(int(self.keep_local_days), 0), 3650)
        self.probe_seconds = min(max(int(self.probe_seconds), 5), 3600)
        return self

    @property
    def rate_limit_bps(self) -> float:
        return self.rate_limit_kbps * 1000 / 8


def load_settings(store: Any) -> SyncSettings:
    out = SyncSettings()
    names = {f.name for f in fields(SyncSettings)}
    with store.reader() as s:
        for row in s.query(SyncSettingRow).filter(SyncSettingRow.name.in_(names)):  # not the case hashes
            if row.name in names:
                try:
                    setattr(out, row.name, json.loads(row.value))
                except ValueError:
                    continue
    return out.validate()


def save_settings(store: Any, settings: SyncSettings) -> None:
    settings.validate()
    with store.writer() as s:
        for name, value in asdict(settings).items():
            row = s.get(SyncSettingRow, name)
            if row is None:
                s.add(SyncSettingRow(name=name, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
