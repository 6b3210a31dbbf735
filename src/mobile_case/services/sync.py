"""Sync for the UI (issue 4): the queue, pairing, settings and the background scheduler of this store.

The scheduler is one thread per open store (:func:`scheduler_for`), started when the UI first asks for
it and stopped by :meth:`SyncService.stop` (the app's quit). Everything here may block (network, disk):
the UI calls it from ``ui/tasks.py`` workers, never on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mobile_case.domain.errors import ValidationError
from mobile_case.domain.roles import Permission, require
from mobile_case.sync.outbox import QueueItem, SyncReport, counts, load_pairing, queue
from mobile_case.sync.scheduler import Link, SyncScheduler
from mobile_case.sync.settings import SyncSettings, load_settings, save_settings

_SCHEDULERS: dict[int, SyncScheduler] = {}
_LOCK = threading.Lock()


@dataclass
class SyncStatus:
    paired: bool
    station_name: str = ""
    url: str = ""
    kit_id: str = ""
    cert_sha256: str = ""
    revoked: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    items: list[QueueItem] = field(default_factory=list)
    last_error: str = ""
    running: bool = False


def scheduler_for(store: Any, **kw: Any) -> SyncScheduler:
    with _LOCK:
        sched = _SCHEDULERS.get(id(store))
        if sched is None:
            sched = SyncScheduler(store, **kw)
            _SCHEDULERS[id(store)] = sched
        return sched


def link_from_monitor(monitor: Any) -> Callable[[], Link]:
    """The connection type for the recordings policy, from the devices' network monitor."""

    def link() -> Link:
        from mobile_case.sync.medium import resolve

        try:
            report = monitor.check()
        except Exception:  # noqa: BLE001 - no monitor answer: the interfaces decide
            return Link(resolve("unknown"))
        return Link(resolve(report.medium), report.metered)

    return link


def request_sync(store: Any) -> bool:
    """Ask the background sync of this store to seal and send now (after a visit is completed or ended
    by an act). Only wakes a scheduler that is running — an unpaired kit or a logged-out app has none.
    Sets an event: cheap, but the UI still calls it from a worker (the import is not free)."""
    with _LOCK:
        sched = _SCHEDULERS.get(id(store))
    if sched is None or not sched.running:
        return False
    sched.sync_now()
    return True


def start_if_paired(services: Any, link: Callable[[], Link] | None = None) -> bool:
    """The app's start of the background sync after login: only for a paired kit that is not revoked.
    ``link`` tells the connection type (for the recordings policy). Returns whether it runs. I/O worker
    (reads the store)."""
    pairing = load_pairing(services.store)
    if pairing is None or pairing.revoked:
        return False
    SyncService(services).start(link=link)
    return True


def stop_sync(services: Any, timeout: float = 2.0) -> None:
    """Stop the background sync of these services (logout, quit); a no-op when none runs."""
    SyncService(services).stop(timeout)


class SyncService:
    def __init__(self, services: Any) -> None:
        self._services = services
        self._store = services.store

    def _user(self) -> Any:
        user = self._services.session.user
        if user is None:
            from mobile_case.domain.errors import AuthError

            raise AuthError("no user", "Увійдіть у програму, щоб продовжити.")
        return user

    def status(self) -> SyncStatus:
        self._user()
        pr = load_pairing(self._store)
        sched = _SCHEDULERS.get(id(self._store))
        last = sched.last_report if sched else None
        if pr is None:
            return SyncStatus(False, counts=counts(self._store), items=queue(self._store))
        return SyncStatus(
            True,
            pr.station_name or pr.station_id,
            pr.url,
            pr.kit_id,
            pr.cert_sha256,
            pr.revoked,
            counts(self._store),
            queue(self._store),
            last.error if last else "",
            bool(sched and sched._lock.locked()),
        )

    def pair(
        self, *, code: str = "", host: str = "", port: int = 0, secret: str = "", kit_name: str = ""
    ) -> Any:
        user = self._user()
        require(user.role, Permission.EDIT_SETTINGS)
        from mobile_case.sync.pairing import PairingError, pair

        try:
            res = pair(self._store, code=code or None, host=host, port=port, secret=secret, kit_name=kit_name)
        except PairingError as exc:
            raise ValidationError("pairing", exc.message) from exc
        self._store.audit.append(
            user.id, "sync_paired_by", "station", res.station_id[:36], {"kit": res.kit_id}
        )
        return res

    def settings(self) -> SyncSettings:
        self._user()
        return load_settings(self._store)

    def save_settings(self, settings: SyncSettings) -> SyncSettings:
        user = self._user()
        require(user.role, Permission.EDIT_SETTINGS)
        save_settings(self._store, settings)
        self._store.audit.append(
            user.id, "sync_settings_changed", details={"mobile": settings.recordings_over_mobile}
        )
        return settings

    def start(
        self,
        *,
        link: Callable[[], Link] | None = None,
        on_report: Callable[[SyncReport], None] | None = None,
        on_progress: Callable[[str, int, int], None] | None = None,
    ) -> SyncScheduler:
        sched = scheduler_for(self._store, link=link, on_report=on_report, on_progress=on_progress)
        if on_report is not None:
            sched.on_report = on_report
        if on_progress is not None:
            sched.on_progress = on_progress
        if link is not None:
            sched._link = link
        sched.start()
        return sched

    def sync_now(self) -> None:
        self._user()
        scheduler_for(self._store).start()
        scheduler_for(self._store).sync_now()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the background sync (at quit: waits at most ``timeout`` s — every state change is already
        committed, so a chunk cut short is simply sent again from the station's offset next time)."""
        with _LOCK:
            sched = _SCHEDULERS.pop(id(self._store), None)
        if sched is not None:
            sched.stop(timeout)
