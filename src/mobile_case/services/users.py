"""Accounts (F15): the head manages them; everyone may change their own PIN."""

from __future__ import annotations

from sqlalchemy import func, select

from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import Role, User
from mobile_case.domain.roles import Permission
from mobile_case.services.auth import check_full_name, check_login, count_pin_failure
from mobile_case.services.base import BaseService
from mobile_case.storage import pins, repo
from mobile_case.storage.models import UserRow


class UserService(BaseService):
    def list(self) -> list[User]:
        self._require(Permission.MANAGE_USERS)
        with self._store.reader() as s:
            rows = s.scalars(select(UserRow).order_by(UserRow.full_name))
            return [repo.user_from_row(r) for r in rows]

    def get(self, user_id: str) -> User:
        """Any logged-in user may look up a colleague (names on outings, acts, journals)."""
        self._user()
        with self._store.reader() as s:
            return repo.user_from_row(self._row(s, UserRow, user_id, "user"))

    def field_staff(self) -> list[User]:
        """Active administrators and heads — who may be sent on an outing (any logged-in user)."""
        self._user()
        with self._store.reader() as s:
            rows = s.scalars(
                select(UserRow)
                .where(UserRow.active.is_(True), UserRow.role.in_([Role.ADMINISTRATOR, Role.HEAD]))
                .order_by(UserRow.full_name)
            )
            return [repo.user_from_row(r) for r in rows]

    def create(self, user: User, pin: str) -> User:
        actor = self._require(Permission.MANAGE_USERS)
        user = repo.copy(user)
        user.login = check_login(user.login)
        user.full_name = check_full_name(user.full_name)
        pins.check_pin_rules(pin, user.role)
        pin_hash = pins.hash_pin(pin)
        now = self._now()
        with self._store.writer() as s:
            self._check_login_free(s, user.login, user.id)
            if s.get(UserRow, user.id) is not None:
                raise ValidationError("id", "Такий користувач уже існує.")
            row = UserRow(id=user.id, pin_hash=pin_hash, failed_attempts=0, created_at=now, updated_at=now)
            repo.apply_user(row, user)
            s.add(row)
            self._audit(s, actor, "user_created", "user", user.id, role=user.role.value)
        return user

    def update(self, user: User) -> User:
        actor = self._require(Permission.MANAGE_USERS)
        user = repo.copy(user)
        user.login = check_login(user.login)
        user.full_name = check_full_name(user.full_name)
        with self._store.writer() as s:
            row = self._row(s, UserRow, user.id, "user")
            self._check_login_free(s, user.login, user.id)
            if row.role == Role.HEAD and row.active and (user.role != Role.HEAD or not user.active):
                heads = s.scalar(
                    select(func.count())
                    .select_from(UserRow)
                    .where(UserRow.role == Role.HEAD.value, UserRow.active.is_(True))
                )
                if heads <= 1:
                    raise ValidationError(
                        "role", "Має залишитися хоча б один активний обліковий запис керівника Центру."
                    )
            changed = [
                name
                for name in ("login", "full_name", "position", "role", "active")
                if getattr(row, name)
                != (getattr(user, name).value if name == "role" else getattr(user, name))
            ]
            repo.apply_user(row, user)
            row.updated_at = self._now()
            self._audit(s, actor, "user_updated", "user", user.id, fields=changed)
        if self._ctx.session.user is not None and self._ctx.session.user.id == user.id:
            self._ctx.session.user = user
        return user

    def set_pin(self, user_id: str, pin: str) -> None:
        """The head sets a new PIN (e.g. a forgotten one); this also lifts a lockout."""
        actor = self._require(Permission.MANAGE_USERS)
        with self._store.reader() as s:
            role = Role(self._row(s, UserRow, user_id, "user").role)
        pins.check_pin_rules(pin, role)
        pin_hash = pins.hash_pin(pin)
        with self._store.writer() as s:
            row = self._row(s, UserRow, user_id, "user")
            row.pin_hash = pin_hash
            row.failed_attempts = 0
            row.locked_until = None
            row.updated_at = self._now()
            self._audit(s, actor, "pin_set", "user", user_id)

    def unlock(self, user_id: str) -> None:
        """The head lifts a lockout before it runs out."""
        actor = self._require(Permission.MANAGE_USERS)
        with self._store.writer() as s:
            row = self._row(s, UserRow, user_id, "user")
            row.failed_attempts = 0
            row.locked_until = None
            self._audit(s, actor, "account_unlocked", "user", user_id)

    def change_own_pin(self, old_pin: str, new_pin: str) -> None:
        """Change one's own PIN. A wrong current PIN counts towards the lockout like a wrong login;
        the fifth in a row locks the account and ends the session."""
        user = self._user()
        pins.check_pin_rules(new_pin, user.role, field="new_pin")
        if old_pin == new_pin:
            raise ValidationError("new_pin", "Новий PIN має відрізнятися від поточного.")
        new_hash = pins.hash_pin(new_pin)
        now = self._now()
        failure, locked = None, False
        with self._store.writer() as s:
            row = self._row(s, UserRow, user.id, "user")
            if not pins.verify_pin(row.pin_hash, old_pin):
                failure, locked = count_pin_failure(
                    self, s, row, now, "pin_change_failed", "Поточний PIN невірний."
                )
            else:
                row.pin_hash = new_hash
                row.failed_attempts = 0
                row.updated_at = now
                self._audit(s, user, "pin_changed", "user", user.id)
        if locked:
            self._ctx.session.user = None
            self._ctx.session.locked = False
        if failure is not None:
            raise failure

    @staticmethod
    def _check_login_free(s, login: str, user_id: str) -> None:  # noqa: ANN001
        other = s.scalar(select(UserRow.id).where(UserRow.login == login, UserRow.id != user_id))
        if other is not None:
            raise ValidationError("login", "Такий логін уже використовується. Оберіть інший.")
