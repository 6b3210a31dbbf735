"""Office accounts of the Centre (PIN login, lockout, session tokens) and the office's list of cases."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update

from mobile_case.station.common import StationPart, iso_z
from mobile_case.station.errors import ApiError
from mobile_case.station.store import (
    accounts,
    aware,
    kits,
    now_utc,
    package_files,
    packages,
    tokens,
)

MAX_PIN_FAILURES = 5
LOCK_MINUTES = 15


@dataclass
class Account:
    login: str
    name: str
    role: str

    @property
    def is_head(self) -> bool:
        return self.role == "head"


def require_head(account: Account) -> None:
    if not account.is_head:
        raise ApiError(403, "head_only", "only the head of the Centre may use the recordings archive")


class Office(StationPart):
    def add_account(self, login: str, name: str, role: str, pin: str) -> None:
        from mobile_case.domain.model import Role
        from mobile_case.storage.pins import check_pin_rules, hash_pin

        if role not in ("head", "administrator"):
            raise ValueError("Роль має бути head (керівник Центру) або administrator (адміністратор ЦНАП).")
        if not re.fullmatch(r"[a-z0-9._-]{2,64}", login):
            raise ValueError("Логін: 2–64 малі латинські літери, цифри, крапка, дефіс або підкреслення.")
        check_pin_rules(pin, Role(role))
        with self.engine.begin() as conn:
            if conn.execute(select(accounts.c.login).where(accounts.c.login == login)).first():
                conn.execute(
                    update(accounts).where(accounts.c.login == login).values(
                        name=name, role=role, pin_hash=hash_pin(pin), failures=0, locked_until=None
                    )
                )
            else:
                conn.execute(
                    insert(accounts).values(
                        login=login, name=name, role=role, pin_hash=hash_pin(pin), failures=0, created_at=now_utc()
                    )
                )

    def login(self, login: str, pin: str) -> dict[str, Any]:
        from mobile_case.storage.pins import verify_pin

        now = now_utc()
        refused = ApiError(401, "login_failed", "wrong login or PIN")
        with self.engine.begin() as conn:
            row = conn.execute(select(accounts).where(accounts.c.login == login)).first()
            if row is None:
                raise refused
            if row.locked_until is not None and aware(row.locked_until) > now:
                raise ApiError(423, "account_locked", "too many wrong PINs; try again later",
                               locked_until=iso_z(aware(row.locked_until)))
            good = verify_pin(row.pin_hash, pin)
            if not good:
                failures = row.failures + 1
                locked = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_PIN_FAILURES else None
                conn.execute(
                    update(accounts).where(accounts.c.login == login).values(
                        failures=0 if locked else failures, locked_until=locked
                    )
                )
            else:
                token = secrets.token_urlsafe(32)
                expires = now + timedelta(hours=self.config.token_hours)
                conn.execute(update(accounts).where(accounts.c.login == login).values(failures=0, locked_until=None))
                conn.execute(delete(tokens).where(tokens.c.expires_at < now))
                conn.execute(
                    insert(tokens).values(
                        token_sha256=hashlib.sha256(token.encode()).hexdigest(), login=login, expires_at=expires
                    )
                )
        if not good:
            raise refused
        return {"token": token, "expires_at": iso_z(expires), "login": row.login, "name": row.name, "role": row.role}

    def account_for_token(self, token: str | None) -> Account:
        if not token:
            raise ApiError(401, "login_required", "log in to the office first")
        digest = hashlib.sha256(token.encode()).hexdigest()
        with self.engine.connect() as conn:
            row = conn.execute(
                select(accounts.c.login, accounts.c.name, accounts.c.role, tokens.c.expires_at)
                .join(tokens, tokens.c.login == accounts.c.login)
                .where(tokens.c.token_sha256 == digest)
            ).first()
        if row is None or aware(row.expires_at) < now_utc():
            raise ApiError(401, "login_required", "the session ended; log in again")
        return Account(row.login, row.name, row.role)

    def logout(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(tokens).where(tokens.c.token_sha256 == hashlib.sha256(token.encode()).hexdigest()))

    def remove_account(self, login: str) -> bool:
        with self.engine.begin() as conn:
            conn.execute(delete(tokens).where(tokens.c.login == login))
            return bool(conn.execute(delete(accounts).where(accounts.c.login == login)).rowcount)


    def list_cases(self, kit_id: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """The cases received, newest first: of a case corrected later only its newest package (the one
        no other package of its kit supersedes)."""
        later = packages.alias("later")
        newer = select(later.c.supersedes).where(later.c.supersedes.is_not(None))
        query = (
            select(packages)
            .where(packages.c.package_id.not_in(newer))
            .order_by(packages.c.received_at.desc())
            .limit(limit)
        )
        if kit_id:
            query = query.where(packages.c.kit_id == kit_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            names = dict(conn.execute(select(kits.c.kit_id, kits.c.name)).all())
            files = conn.execute(
                select(package_files).where(package_files.c.package_id.in_([r.package_id for r in rows]))
            ).all()
        by_pkg: dict[str, list[dict[str, Any]]] = {}
        for f in files:
            by_pkg.setdefault(f.package_id, []).append(
                {"file_id": f.file_id, "kind": f.kind, "name": f.name, "mime": f.mime, "size": f.size,
                 "sha256": f.sha256, "in_archive": f.in_archive}
            )
        return [
            {
                "package_id": r.package_id,
                "kit_id": r.kit_id,
                "kit_name": names.get(r.kit_id, ""),
                "received_at": iso_z(aware(r.received_at)),
                "sealed_at": r.sealed_at,
                "service_date": r.service_date.isoformat() if r.service_date else None,
                "supersedes": r.supersedes,
                "case": r.case_data,
                "files": by_pkg.get(r.package_id, []),
            }
            for r in rows
        ]
