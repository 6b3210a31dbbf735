"""Log in and out, the first head account, unlock after inactivity, lockout after wrong PINs (F15).

Five wrong PINs in a row lock the account for five minutes (``LOCK_MINUTES``); the Ukrainian message
says until when. Every login, failed login, lockout, logout, lock and unlock is in the audit log.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select

from mobile_case.domain.errors import AuthError, ValidationError
from mobile_case.domain.model import Role, User
from mobile_case.services.base import BaseService
from mobile_case.storage import pins, repo
from mobile_case.storage.models import UserRow

MAX_FAILED = 5
LOCK_MINUTES = 5
LOGIN_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

BAD_CREDENTIALS = "Невірний логін або PIN."


@cache
def _dummy_hash() -> str:
    """Verified against on an unknown login, so that it costs the same time as a wrong PIN."""
    return pins.hash_pin("80615243")


def normalize_login(login: str) -> str:
    return login.strip().lower()


def check_login(login: str) -> str:
    login = normalize_login(login)
    if not LOGIN_RE.match(login):
        raise ValidationError(
            "login",
            "Логін: від 2 до 64 символів — латинські літери, цифри, крапка, дефіс або підкреслення.",
        )
    return login


def check_full_name(full_name: str) -> str:
    full_name = " ".join(full_name.split())
    if len(full_name) < 3:
        raise ValidationError("full_name", "Вкажіть прізвище, ім'я та по батькові.")
    return full_name


def locked_message(until: datetime) -> str:
    return (
        f"Обліковий запис заблоковано після {MAX_FAILED} невдалих спроб введення PIN. "
        f"Спробуйте знову о {until:%H:%M} ({until:%d.%m.%Y})."
    )


def count_pin_failure(
    service: BaseService, s, row: UserRow, now: datetime, action: str, wrong: str = BAD_CREDENTIALS
) -> tuple[AuthError, bool]:  # noqa: ANN001
    """Count a wrong PIN for ``row`` (audited); the fifth in a row locks the account for
    ``LOCK_MINUTES``. Returns the error to raise and whether the account is now locked."""
    row.failed_attempts += 1
    service._audit(s, row.id, action, "user", row.id, attempt=row.failed_attempts)
    if row.failed_attempts >= MAX_FAILED:
        row.failed_attempts = 0
        row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
        service._audit(s, row.id, "account_locked", "user", row.id, minutes=LOCK_MINUTES)
        return AuthError("wrong PIN: account locked", locked_message(row.locked_until)), True
    left = MAX_FAILED - row.failed_attempts
    return AuthError("wrong PIN", f"{wrong} Залишилось спроб: {left}."), False


class AuthService(BaseService):
    @property
    def current_user(self) -> User | None:
        return self._ctx.session.user

    def has_users(self) -> bool:
        with self._store.reader() as s:
            return bool(s.scalar(select(func.count()).select_from(UserRow)))

    def create_first_head(self, login: str, full_name: str, pin: str) -> User:
        """The first account of a new store: the head of the Centre. Refused once any user exists."""
        login = check_login(login)
        full_name = check_full_name(full_name)
        pins.check_pin_rules(pin, Role.HEAD)
        pin_hash = pins.hash_pin(pin)
        now = self._now()
        user = User(login=login, full_name=full_name, position="Керівник Центру", role=Role.HEAD)
        with self._store.writer() as s:
            if s.scalar(select(func.count()).select_from(UserRow)):
                raise AuthError(
                    "first head refused: users exist",
                    "Облікові записи вже створено. Нових користувачів додає керівник Центру.",
                )
            row = UserRow(
                id=user.id,
                pin_hash=pin_hash,
                failed_attempts=0,
                created_at=now,
                updated_at=now,
            )
            repo.apply_user(row, user)
            s.add(row)
            self._audit(s, user, "user_created", "user", user.id, role=user.role.value, first=True)
        return user

    def login(self, login: str, pin: str) -> User:
        now = self._now()
        key = normalize_login(login)
        with self._store.writer() as s:
            row = s.scalar(select(UserRow).where(UserRow.login == key))
            if row is None or not row.active:
                pins.verify_pin(_dummy_hash(), pin)
                self._audit(
                    s,
                    "",
                    "login_failed",
                    "user",
                    row.id if row is not None else "",
                    reason="inactive" if row is not None else "unknown_login",
                )
                failure = AuthError("login failed", BAD_CREDENTIALS)
            elif row.locked_until is not None and row.locked_until > now:
                self._audit(s, row.id, "login_refused_locked", "user", row.id)
                failure = AuthError("login refused: account locked", locked_message(row.locked_until))
            elif pins.verify_pin(row.pin_hash, pin):
                row.failed_attempts = 0
                row.locked_until = None
                if pins.needs_rehash(row.pin_hash):
                    row.pin_hash = pins.hash_pin(pin)
                user = repo.user_from_row(row)
                self._audit(s, user, "login", "user", user.id)
                failure = None
            else:
                failure = count_pin_failure(self, s, row, now, "login_failed")[0]
        if failure is not None:
            raise failure
        session = self._ctx.session
        session.user = user
        session.logged_in_at = now
        session.locked = False
        return user

    def logout(self) -> None:
        session = self._ctx.session
        if session.user is not None:
            self._store.audit.append(session.user.id, "logout", "user", session.user.id)
        session.user = None
        session.logged_in_at = None
        session.locked = False

    def lock(self) -> None:
        """Lock the session after inactivity; :meth:`verify_pin` unlocks it."""
        session = self._ctx.session
        if session.user is not None and not session.locked:
            session.locked = True
            self._store.audit.append(session.user.id, "session_locked", "user", session.user.id)

    def verify_pin(self, pin: str) -> bool:
        """Check the logged-in user's PIN (unlock after inactivity). Wrong PINs count to the lockout;
        the fifth logs the user out and raises ``AuthError`` with the time to retry."""
        session = self._ctx.session
        if session.user is None:
            raise AuthError("no user logged in", "Увійдіть у програму, щоб продовжити.")
        now = self._now()
        with self._store.writer() as s:
            row = self._row(s, UserRow, session.user.id, "user")
            if row.locked_until is not None and row.locked_until > now:
                failure = AuthError("unlock refused: account locked", locked_message(row.locked_until))
                ok = False
            elif pins.verify_pin(row.pin_hash, pin):
                row.failed_attempts = 0
                self._audit(s, row.id, "session_unlocked", "user", row.id)
                failure, ok = None, True
            else:
                failure, locked = count_pin_failure(self, s, row, now, "unlock_failed")
                ok = False
                if not locked:
                    failure = None  # not locked yet: just a wrong PIN
        if ok:
            session.locked = False
            return True
        if failure is not None:  # locked out: end the session
            session.user = None
            session.logged_in_at = None
            session.locked = False
            raise failure
        return False
