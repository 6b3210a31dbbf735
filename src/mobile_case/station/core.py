"""The station's logic, independent of HTTP, composed of its parts: pairing (:mod:`.pairing`), request
authentication (:mod:`.auth`), tus uploads (:mod:`.uploads`), package commits with receipts
(:mod:`.packages`), the merged journals (:mod:`.journals`), office accounts (:mod:`.office`), the restricted
recordings archive (:mod:`.archive`) and retention (:mod:`.retention`).

The HTTP layer (``station/app.py``) only translates requests into these calls and :class:`ApiError` into
responses. No personal data is logged: kits, packages, uploads and recordings by their ids only.
"""

from __future__ import annotations

import threading
import time

from mobile_case.domain.deadlines import add_months
from mobile_case.station.archive import Archive
from mobile_case.station.auth import AUTH_RE, Authentication, KitAuth
from mobile_case.station.common import iso_z
from mobile_case.station.config import StationConfig
from mobile_case.station.errors import ApiError
from mobile_case.station.identity import StationIdentity, load_or_create
from mobile_case.station.journals import JOURNALS, Journals
from mobile_case.station.office import LOCK_MINUTES, MAX_PIN_FAILURES, Account, Office, require_head
from mobile_case.station.packages import RECORDING_KINDS, Packages
from mobile_case.station.pairing import MAX_CODE_FAILURES, PairCode, Pairing
from mobile_case.station.retention import KEEP_MONTHS, Retention, keep_until
from mobile_case.station.store import default_url, open_engine
from mobile_case.station.uploads import Uploads

__all__ = [
    "AUTH_RE",
    "JOURNALS",
    "KEEP_MONTHS",
    "LOCK_MINUTES",
    "MAX_CODE_FAILURES",
    "MAX_PIN_FAILURES",
    "RECORDING_KINDS",
    "Account",
    "ApiError",
    "KitAuth",
    "PairCode",
    "Station",
    "add_months",
    "iso_z",
    "keep_until",
    "require_head",
]


class Station(Pairing, Authentication, Uploads, Packages, Journals, Office, Archive, Retention):
    def __init__(self, config: StationConfig, identity: StationIdentity | None = None) -> None:
        self.config = config
        config.make_dirs()
        self.identity = identity or load_or_create(config.data_dir, config.hosts)
        self.engine = open_engine(config.db_url or default_url(config.data_dir))
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._nonce_inserts = 0

    def close(self) -> None:
        self.engine.dispose()

    def lock_for(self, key: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def housekeeping(self) -> None:
        """The daily job: retention, expired uploads, old nonces, stale spool files, orphaned archive files."""
        self.run_retention(trigger="timer")
        self.expire_uploads()
        self.forget_nonces()
        self.sweep_orphans()
        horizon = time.time() - 24 * 3600
        for stale in self.config.spool_dir.glob("*.tmp"):
            if stale.stat().st_mtime < horizon:
                stale.unlink(missing_ok=True)

