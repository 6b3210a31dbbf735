"""The append-only audit log: who did what to which entity, and when — never the personal data.

Rows are only ever inserted; SQLite triggers (migration 0001) abort any UPDATE or DELETE. An entry is
written in the same transaction as the change it records, so there is no change without its entry.
``details`` take codes, states, ids and counts only: strings longer than 64 characters are refused,
which keeps free text (names, addresses, notes) out by construction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mobile_case.storage.db import Database
from mobile_case.storage.models import AuditRow

MAX_DETAIL_TEXT = 64

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor_id: str
    action: str
    entity_kind: str
    entity_id: str
    details: dict = field(default_factory=dict)


def _check_details(details: dict) -> dict:
    def ok(value) -> bool:  # noqa: ANN001
        if isinstance(value, str):
            return len(value) <= MAX_DETAIL_TEXT
        if isinstance(value, (list, tuple)):
            return all(ok(v) for v in value)
        return value is None or isinstance(value, (bool, int, float))

    for key, value in details.items():
        if not ok(value):
            raise ValueError(f"audit detail {key!r} must be a code, an id or a number")
    return details


class AuditLog:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def append(
        self,
        actor_id: str,
        action: str,
        entity_kind: str = "",
        entity_id: str = "",
        details: dict | None = None,
        *,
        session: Session | None = None,
    ) -> None:
        """Append one entry; inside ``session``'s transaction when given, else in its own."""
        row = AuditRow(
            at=self._clock(),
            actor_id=actor_id or "",
            action=action,
            entity_kind=entity_kind,
            entity_id=entity_id or "",
            details=json.dumps(_check_details(details or {}), ensure_ascii=False, sort_keys=True),
        )
        if session is not None:
            session.add(row)
            return
        with self._db.writer() as own:
            own.add(row)

    def entries(
        self,
        *,
        entity_id: str | None = None,
        actor_id: str | None = None,
        action: str | None = None,
        limit: int = 1000,
    ) -> list[AuditEntry]:
        """The most recent entries first."""
        stmt = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)
        if entity_id is not None:
            stmt = stmt.where(AuditRow.entity_id == entity_id)
        if actor_id is not None:
            stmt = stmt.where(AuditRow.actor_id == actor_id)
        if action is not None:
            stmt = stmt.where(AuditRow.action == action)
        with self._db.reader() as s:
            return [
                AuditEntry(
                    r.seq, r.at, r.actor_id, r.action, r.entity_kind, r.entity_id, json.loads(r.details)
                )
                for r in s.scalars(stmt)
            ]
