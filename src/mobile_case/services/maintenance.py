"""The kit keeper's maintenance log (G 1.7) and the recording time the plan needs (pre-outing disk check).

G 1.7 names a person responsible for the technical state of the kit and lists that person's routine:
charging, mobile traffic and paying the account in advance, batteries of the scanner and the mouse,
operating-system updates, cleaning the system and the browser, cartridges and the waste-ink box of the
printer, telling the head about harder problems, warranty cases to the supplier. :data:`CHECKLIST` is that
list (plus paper, which the printer needs as much as ink). Each maintenance session is one row of
``maintenance_log`` (revision 0003): who, when, the mark of each item (done / not needed / a problem) with a
note, free notes and, optionally, the states the device self-check found at that moment.

Only the kit keeper and the head may write or read the log (``Permission.KIT_MAINTENANCE``); each entry is
audited (counts only — notes stay in the encrypted database, never in the audit or the program log).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import CaseState, new_id
from mobile_case.domain.roles import Permission, has_permission
from mobile_case.services.base import BaseService
from mobile_case.storage.models import MaintenanceRow, OutingRow, RequestRow, UserRow, VisitRow

# A visit without planned times is counted as one hour of recording (the guide's usual visit length).
DEFAULT_VISIT_MINUTES = 60
MAX_NOTE = 2000


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    title: str  # Ukrainian, as in the guide
    hint: str  # what exactly to do


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "charging", "Зарядження Мобільної валізи", "Ноутбук, принтер, сканер і павербанк заряджено повністю."
    ),  # fmt: skip
    ChecklistItem(
        "traffic",
        "Мобільний трафік і рахунок",
        "Перевірено залишок трафіку; мобільний рахунок оплачено завчасно.",
    ),  # fmt: skip
    ChecklistItem(
        "batteries",
        "Батарейки сканера і миші",
        "За потреби замінено батарейки в портативному сканері та бездротовій миші.",
    ),  # fmt: skip
    ChecklistItem(
        "cartridges",
        "Картриджі та контейнер для чорнил",
        "За потреби замінено картриджі й контейнер для відпрацьованих чорнил принтера.",
    ),  # fmt: skip
    ChecklistItem("paper", "Папір для принтера", "У кейсі є запас паперу А4 для заяв, актів і розписок."),
    ChecklistItem(
        "os_updates",
        "Оновлення операційної системи і програм",
        "За необхідності встановлено оновлення системи та «Мобільного кейсу».",
    ),  # fmt: skip
    ChecklistItem(
        "cleanup", "Профілактичне очищення", "Очищено операційну систему та браузер (тимчасові файли, кеш)."
    ),  # fmt: skip
    ChecklistItem(
        "escalation",
        "Повідомлення керівнику",
        "Про складніші питання технічного обслуговування повідомлено керівника.",
    ),  # fmt: skip
    ChecklistItem(
        "warranty", "Гарантійні випадки", "Гарантійні несправності передано постачальнику валізи."
    ),  # fmt: skip
)
CHECKLIST_CODES = frozenset(i.code for i in CHECKLIST)


class Mark(StrEnum):
    DONE = "done"  # виконано
    NOT_NEEDED = "not_needed"  # не потрібно цього разу
    PROBLEM = "problem"  # не вдалося / потрібна допомога (say what in the note)


MARK_TITLES: dict[Mark, str] = {
    Mark.DONE: "виконано",
    Mark.NOT_NEEDED: "не потрібно",
    Mark.PROBLEM: "проблема",
}


@dataclass
class ItemMark:
    mark: Mark
    note: str = ""


@dataclass
class MaintenanceEntry:
    id: str
    at: datetime
    performed_by: str | None  # user id
    performed_by_name: str  # the user's full name at reading time ("" when unknown)
    items: dict[str, ItemMark]
    notes: str = ""
    devices: dict[str, str] = field(default_factory=dict)  # self-check kind -> state at that moment

    @property
    def problems(self) -> list[str]:
        return [code for code, m in self.items.items() if m.mark is Mark.PROBLEM]


@dataclass(frozen=True)
class PlannedRecording:
    """The visits still to be recorded between two days and how long they are planned to take."""

    visits: int
    seconds: int
    day_from: date
    day_to: date


def _minutes(start: time | None, end: time | None) -> int:
    if start is None or end is None:
        return DEFAULT_VISIT_MINUTES
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes if minutes > 0 else DEFAULT_VISIT_MINUTES


def _entry(row: MaintenanceRow, name: str | None) -> MaintenanceEntry:
    data = json.loads(row.data or "{}")
    items = {
        code: ItemMark(Mark(v.get("mark", Mark.DONE)), v.get("note", ""))
        for code, v in (data.get("items") or {}).items()
    }
    return MaintenanceEntry(
        id=row.id,
        at=row.at,
        performed_by=row.performed_by,
        performed_by_name=name or "",
        items=items,
        notes=row.notes or "",
        devices=dict(data.get("devices") or {}),
    )


def planned_recording_in(session: Session, day_from: date, day_to: date) -> PlannedRecording:
    """The query behind :meth:`MaintenanceService.planned_recording`, on an open session (the IT person's
    ``mobile-case devices check`` runs it on the database without a login: counts and minutes only)."""
    rows = session.execute(
        select(VisitRow.planned_start, VisitRow.planned_end)
        .join(OutingRow, OutingRow.id == VisitRow.outing_id)
        .join(RequestRow, RequestRow.id == VisitRow.request_id)
        .where(
            OutingRow.date >= day_from,
            OutingRow.date <= day_to,
            VisitRow.closed_at.is_(None),
            RequestRow.state.in_([CaseState.SCHEDULED.value, CaseState.IN_PROGRESS.value]),
        )
    ).all()
    seconds = sum(_minutes(start, end) * 60 for start, end in rows)
    return PlannedRecording(len(rows), seconds, day_from, day_to)


class MaintenanceService(BaseService):
    def checklist(self) -> tuple[ChecklistItem, ...]:
        return CHECKLIST

    def record(
        self,
        items: dict[str, ItemMark],
        notes: str = "",
        devices: dict[str, str] | None = None,
    ) -> MaintenanceEntry:
        """Write one maintenance session into the log (kit keeper, head). ``devices``: the self-check's
        ``{kind: state}`` at that moment, if the keeper ran it."""
        user = self._require(Permission.KIT_MAINTENANCE)
        unknown = set(items) - CHECKLIST_CODES
        if unknown:
            raise ValidationError("items", "Невідомий пункт переліку обслуговування.")
        if not items:
            raise ValidationError("items", "Позначте хоча б один пункт переліку обслуговування.")
        for code, m in items.items():
            if m.mark is Mark.PROBLEM and not m.note.strip():
                title = next(i.title for i in CHECKLIST if i.code == code)
                raise ValidationError(
                    f"items.{code}", f"Опишіть проблему в пункті «{title}»: що саме не вдалося зробити."
                )
            if len(m.note) > MAX_NOTE:
                raise ValidationError(f"items.{code}", "Примітка задовга (до 2000 символів).")
        if len(notes) > MAX_NOTE * 5:
            raise ValidationError("notes", "Примітки задовгі (до 10 000 символів).")
        data = {
            "items": {code: {"mark": m.mark.value, "note": m.note.strip()} for code, m in items.items()},
            "devices": dict(devices or {}),
        }
        row = MaintenanceRow(
            id=new_id(),
            at=self._now(),
            performed_by=user.id,
            notes=notes.strip(),
            data=json.dumps(data, ensure_ascii=False),
        )
        with self._store.writer() as s:
            s.add(row)
            counts = {m.value: sum(1 for x in items.values() if x.mark is m) for m in Mark}
            self._audit(s, user, "kit_maintenance_recorded", "maintenance", row.id, **counts)
        return _entry(row, user.full_name)

    def log(
        self, limit: int = 200, day_from: date | None = None, day_to: date | None = None
    ) -> list[MaintenanceEntry]:
        """The log, newest first (kit keeper, head)."""
        self._require(Permission.KIT_MAINTENANCE)
        q = select(MaintenanceRow, UserRow.full_name).outerjoin(
            UserRow, UserRow.id == MaintenanceRow.performed_by
        )
        if day_from is not None:
            q = q.where(MaintenanceRow.at >= datetime.combine(day_from, time.min))
        if day_to is not None:
            q = q.where(MaintenanceRow.at <= datetime.combine(day_to, time.max))
        q = q.order_by(MaintenanceRow.at.desc(), MaintenanceRow.id).limit(limit)
        with self._store.reader() as s:
            return [_entry(row, name) for row, name in s.execute(q).all()]

    def last(self) -> MaintenanceEntry | None:
        entries = self.log(limit=1)
        return entries[0] if entries else None

    def planned_recording(self, day_from: date, day_to: date) -> PlannedRecording:
        """The visits planned between ``day_from`` and ``day_to`` (inclusive) that are still to be recorded
        (scheduled, or open now) and their planned duration in seconds. Any user who plans outings, runs
        visits or keeps the kit may ask: it reveals counts only."""
        user = self._user()
        if not any(
            has_permission(user.role, p)
            for p in (Permission.PLAN_OUTINGS, Permission.RUN_VISIT, Permission.KIT_MAINTENANCE)
        ):
            self._require(Permission.KIT_MAINTENANCE)
        with self._store.reader() as s:
            return planned_recording_in(s, day_from, day_to)

    def planned_for_outing(self, outing_id: str) -> PlannedRecording:
        """The same for the visits of one outing (the planner's check before the outing is issued)."""
        user = self._user()
        if not any(
            has_permission(user.role, p) for p in (Permission.PLAN_OUTINGS, Permission.KIT_MAINTENANCE)
        ):
            self._require(Permission.PLAN_OUTINGS)
        with self._store.reader() as s:
            outing = self._row(s, OutingRow, outing_id, "outing")
            rows = s.execute(
                select(VisitRow.planned_start, VisitRow.planned_end)
                .join(RequestRow, RequestRow.id == VisitRow.request_id)
                .where(
                    VisitRow.outing_id == outing_id,
                    VisitRow.closed_at.is_(None),
                    RequestRow.state.in_([CaseState.SCHEDULED.value, CaseState.IN_PROGRESS.value]),
                )
            ).all()
            day = outing.date or self._today()
        seconds = sum(_minutes(start, end) * 60 for start, end in rows)
        return PlannedRecording(len(rows), seconds, day, day)
