"""The background sync: a thread (never the GUI thread) that probes the station's
``/api/v1/health`` and, when it answers, runs the outbox. Between tries it waits with exponential
backoff and jitter (so twenty kits returning to the office do not knock at the same second); "sync
now" wakes it at once."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mobile_case.sync.outbox import Outbox, SyncReport, load_pairing, purge_local_copies
from mobile_case.sync.sealing import seal_pending
from mobile_case.sync.settings import load_settings
from mobile_case.sync.states import error_message
from mobile_case.sync.transport import StationClient, StationError

log = logging.getLogger(__name__)

MAX_BACKOFF = 30 * 60.0
SEAL_EVERY = 10.0  # seconds: completed cases are sealed this soon even between probes


@dataclass(frozen=True)
class Link:
    medium: str = "unknown"
    metered: bool | None = None


def backoff_delay(failures: int, base: float, rng: random.Random) -> float:
    """``base · 2^failures`` capped at 30 minutes, times a jitter factor in [0.5, 1.5)."""
    raw = min(base * (2 ** min(failures, 16)), MAX_BACKOFF)
    return raw * (0.5 + rng.random())


class SyncScheduler:
    def __init__(
        self,
        store: Any,
        *,
        link: Callable[[], Link] | None = None,
        on_report: Callable[[SyncReport], None] | None = None,
        on_progress: Callable[[str, int, int], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self._link = link or (lambda: Link())
        self.on_report = on_report
        self.on_progress = on_progress
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._outbox: Outbox | None = None
        self._lock = threading.Lock()  # one run at a time
        self.failures = 0
        self.next_delay = 0.0
        self.last_report: SyncReport | None = None

    # -------------------------------------------------------------------------------- control
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="mobile-case-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._outbox is not None:
            self._outbox.cancelled = True
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_now(self) -> None:
        self.failures = 0
        self._wake.set()

    # ----------------------------------------------------------------------------------- loop
    def _loop(self) -> None:
        first = True
        while not self._stop.is_set():
            settings = load_settings(self.store)
            if not first:
                delay = self.next_delay or settings.probe_seconds
                deadline = time.monotonic() + delay
                # between probes, a case completed meanwhile is sealed within SEAL_EVERY seconds
                while not self._wake.wait(max(0.0, min(SEAL_EVERY, deadline - time.monotonic()))):
                    if time.monotonic() >= deadline:
                        break
                    self._seal_quietly()
                if self._stop.is_set():
                    return
                manual = self._wake.is_set()
                self._wake.clear()
                if not manual and not settings.auto:
                    continue
            first = False
            try:
                report = self.run_once()
            except Exception:  # the loop must survive anything; the report says what happened
                log.exception("sync run failed")
                report = SyncReport(error_code="server_error", error=error_message("server_error"))
            self.last_report = report
            if report.error_code in ("unreachable", "http_502", "http_503", "http_504", "station_disk_full"):
                self.failures += 1
                self.next_delay = backoff_delay(self.failures, settings.probe_seconds / 4, self._rng)
            else:
                self.failures = 0
                self.next_delay = settings.probe_seconds * (0.5 + self._rng.random())
            if self.on_report:
                try:
                    self.on_report(report)
                except Exception:  # pragma: no cover - a UI callback must not stop the thread
                    log.exception("sync report callback failed")

    def _seal_quietly(self) -> None:
        if load_pairing(self.store) is None:
            return
        try:
            with self._lock:
                # new cases only: corrections (a content hash per sealed case) at each probe
                if seal_pending(self.store, corrections=False) and self.on_report:
                    self.on_report(SyncReport(pending=-1))  # the queue changed: let the UI reload it
        except Exception:  # noqa: BLE001 - retried at the next probe, which reports it
            log.warning("sealing between probes failed", exc_info=True)

    def run_once(self) -> SyncReport:
        with self._lock:
            pairing = load_pairing(self.store)
            if pairing is None:
                return SyncReport(error_code="not_paired", error=error_message("not_paired"))
            sealed = 0
            try:  # completed cases are sealed even while the station is out of reach
                sealed = len(seal_pending(self.store))
            except OSError as exc:
                log.warning("sealing failed: %s", type(exc).__name__)
                return SyncReport(error_code="local_disk_full", error=error_message("local_disk_full"))
            with StationClient(pairing.url, pairing.cert_sha256, timeout=10.0) as probe:
                try:
                    probe.health()
                except StationError as exc:
                    code = exc.code if exc.code in ("cert_changed",) else "unreachable"
                    return SyncReport(sealed=sealed, error_code=code, error=error_message(code))
            link = self._link()
            self._outbox = Outbox(self.store)
            self._outbox.on_progress = self.on_progress
            try:
                report = self._outbox.run(medium=link.medium, metered=link.metered)
                report.sealed += sealed
            finally:
                self._outbox = None
            try:
                purge_local_copies(self.store)
            except OSError:
                log.warning("could not remove local copies of delivered packages", exc_info=True)
            return report


def sleep_until(deadline: float) -> None:  # pragma: no cover - helper for scripts
    while time.monotonic() < deadline:
        time.sleep(min(0.5, deadline - time.monotonic()))
