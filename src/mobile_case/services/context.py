"""The composition of the services: :class:`AppServices` and :func:`build_services`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mobile_case.domain.model import User
from mobile_case.domain.profile import CommunityProfile
from mobile_case.storage.keys import KeyProvider
from mobile_case.storage.store import Store, default_clock, open_store

if TYPE_CHECKING:
    from mobile_case.services.acts import ActService
    from mobile_case.services.auth import AuthService
    from mobile_case.services.cardreads import CardReadService
    from mobile_case.services.documents import DocumentService
    from mobile_case.services.journals import JournalService
    from mobile_case.services.maintenance import MaintenanceService
    from mobile_case.services.outings import OutingService
    from mobile_case.services.recordings import RecordingService
    from mobile_case.services.requests import RequestService
    from mobile_case.services.scans import ScanService
    from mobile_case.services.users import UserService
    from mobile_case.services.visits import VisitService

Clock = Callable[[], datetime]


@dataclass
class UserSession:
    """Who is logged in. ``user`` is None until login; ``locked`` after inactivity until the PIN."""

    user: User | None = None
    logged_in_at: datetime | None = None
    locked: bool = False

    @property
    def active(self) -> bool:
        return self.user is not None and not self.locked


@dataclass
class AppServices:
    profile: CommunityProfile
    store: Store
    session: UserSession
    auth: AuthService
    users: UserService
    requests: RequestService
    outings: OutingService
    visits: VisitService
    acts: ActService
    journals: JournalService
    documents: DocumentService
    recordings: RecordingService
    maintenance: MaintenanceService
    scans: ScanService  # scans of the visit's documents (issue 5)
    clock: Clock = field(default=default_clock)
    card_reads: CardReadService | None = None  # chip reads kept with the case (issue 3)

    def close(self) -> None:
        self.store.close()


def build_services(
    data_dir: Path,
    profile: CommunityProfile,
    *,
    key_provider: KeyProvider | None = None,
    clock: Clock | None = None,
) -> AppServices:
    """Open (or create and migrate) the store in ``data_dir`` and build every service on it."""
    from mobile_case.services.acts import ActService
    from mobile_case.services.auth import AuthService
    from mobile_case.services.base import ServiceContext
    from mobile_case.services.cardreads import CardReadService
    from mobile_case.services.documents import DocumentService
    from mobile_case.services.journals import JournalService
    from mobile_case.services.maintenance import MaintenanceService
    from mobile_case.services.outings import OutingService
    from mobile_case.services.recordings import RecordingService
    from mobile_case.services.requests import RequestService
    from mobile_case.services.scans import ScanService
    from mobile_case.services.users import UserService
    from mobile_case.services.visits import VisitService

    clock = clock or default_clock
    store = open_store(Path(data_dir), key_provider, clock)
    session = UserSession()
    ctx = ServiceContext(profile=profile, store=store, session=session, clock=clock)
    return AppServices(
        profile=profile,
        store=store,
        session=session,
        auth=AuthService(ctx),
        users=UserService(ctx),
        requests=RequestService(ctx),
        outings=OutingService(ctx),
        visits=VisitService(ctx),
        acts=ActService(ctx),
        journals=JournalService(ctx),
        documents=DocumentService(ctx),
        recordings=RecordingService(ctx),
        maintenance=MaintenanceService(ctx),
        scans=ScanService(ctx),
        clock=clock,
        card_reads=CardReadService(ctx),
    )
