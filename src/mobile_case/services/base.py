"""What every service shares: the context, the role check, the audit entry, row look-ups."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from sqlalchemy.orm import Session

from mobile_case.domain import roles
from mobile_case.domain.deadlines import WorkingCalendar
from mobile_case.domain.errors import AuthError, NotFound, PermissionDenied
from mobile_case.domain.model import User, new_id
from mobile_case.domain.profile import CommunityProfile
from mobile_case.services.context import UserSession
from mobile_case.storage.models import FileRow
from mobile_case.storage.store import Store

log = logging.getLogger("mobile_case.services")

NOT_LOGGED_IN = "Увійдіть у програму, щоб продовжити."
SESSION_LOCKED = "Сеанс заблоковано через бездіяльність. Введіть свій PIN, щоб продовжити."


@dataclass
class ServiceContext:
    profile: CommunityProfile
    store: Store
    session: UserSession
    clock: Callable[[], datetime]

    @cached_property
    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar.from_profile(self.profile)


class BaseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # --- context ---------------------------------------------------------------------------------
    @property
    def _store(self) -> Store:
        return self._ctx.store

    @property
    def _profile(self) -> CommunityProfile:
        return self._ctx.profile

    def _now(self) -> datetime:
        return self._ctx.clock()

    def _today(self) -> date:
        return self._ctx.clock().date()

    # --- who may do it ---------------------------------------------------------------------------
    def _user(self) -> User:
        """The logged-in user (AuthError when nobody is, or the session is locked)."""
        session = self._ctx.session
        if session.user is None:
            raise AuthError("no user logged in", NOT_LOGGED_IN)
        if session.locked:
            raise AuthError("session locked after inactivity", SESSION_LOCKED)
        return session.user

    def _require(self, permission: roles.Permission) -> User:
        user = self._user()
        try:
            roles.require(user.role, permission)
        except PermissionDenied:
            log.info("permission %s denied to user %s", permission, user.id)
            self._store.audit.append(user.id, "permission_denied", details={"permission": str(permission)})
            raise
        return user

    # --- audit and rows --------------------------------------------------------------------------
    def _audit(
        self,
        s: Session,
        actor: User | str,
        action: str,
        kind: str,
        entity_id: str,
        **details: object,
    ) -> None:
        actor_id = actor.id if isinstance(actor, User) else actor
        self._store.audit.append(actor_id, action, kind, entity_id, dict(details), session=s)

    def _file_row(
        self,
        user: User,
        *,
        sha256: str,
        name: str,
        mime: str,
        size: int,
        kind: str,
        entity_kind: str,
        entity_id: str,
        id: str = "",  # noqa: A002 — the row's column
        created_at: datetime | None = None,
    ) -> FileRow:
        """A new file row: the stored blob ``sha256`` linked to an entity, made by ``user`` (now)."""
        return FileRow(
            id=id or new_id(),
            sha256=sha256,
            name=name,
            mime=mime,
            size=size,
            kind=kind,
            entity_kind=entity_kind,
            entity_id=entity_id,
            created_at=created_at or self._now(),
            created_by=user.id,
        )

    @staticmethod
    def _row(s: Session, model: type, ident: str, kind: str):  # noqa: ANN205
        row = s.get(model, ident) if ident else None
        if row is None:
            raise NotFound(kind, ident)
        return row
