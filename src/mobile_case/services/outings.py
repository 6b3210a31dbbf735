"""Outings and scheduling (F4): outings, their visits, calls ahead, the kit hand-over (Додаток 1)."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import func, select

from mobile_case.domain import workflow
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import (
    CallOutcome,
    CaseState,
    HandoverEntry,
    Outing,
    Role,
    ServiceRequest,
    Visit,
)
from mobile_case.domain.roles import Permission
from mobile_case.services.base import BaseService
from mobile_case.storage import repo
from mobile_case.storage.models import HandoverRow, OutingRow, RequestRow, UserRow, VisitRow


class OutingService(BaseService):
    # --- outings ---------------------------------------------------------------------------------
    def _check_outing(self, s, outing: Outing) -> None:  # noqa: ANN001
        if outing.date is None:
            raise ValidationError("date", "Вкажіть дату виїзду.")
        if outing.travel_minutes < 0:
            raise ValidationError("travel_minutes", "Час у дорозі не може бути від'ємним.")
        if outing.settlement_code and self._profile.settlement(outing.settlement_code) is None:
            raise ValidationError("settlement_code", "Оберіть населений пункт зі списку громади.")
        if outing.administrator_id:
            admin = s.get(UserRow, outing.administrator_id)
            if admin is None or not admin.active or admin.role not in (Role.ADMINISTRATOR, Role.HEAD):
                raise ValidationError(
                    "administrator_id",
                    "Оберіть адміністратора, який може виїжджати (активний обліковий запис).",
                )
        for i, escort in enumerate(outing.escorts):
            if not escort.full_name.strip():
                raise ValidationError(f"escorts[{i}].full_name", "Вкажіть ПІБ супровідної особи.")

    def create(self, outing: Outing) -> Outing:
        user = self._require(Permission.PLAN_OUTINGS)
        outing = repo.copy(outing)
        with self._store.writer() as s:
            self._check_outing(s, outing)
            if s.get(OutingRow, outing.id) is not None:
                raise ValidationError("id", "Такий виїзд уже існує.")
            repo.outing_to_row(outing, s, now=self._now())
            self._audit(s, user, "outing_created", "outing", outing.id, date=outing.date.isoformat())
        return outing

    def update(self, outing: Outing) -> Outing:
        user = self._require(Permission.PLAN_OUTINGS)
        outing = repo.copy(outing)
        with self._store.writer() as s:
            row = self._row(s, OutingRow, outing.id, "outing")
            self._check_outing(s, outing)
            repo.outing_to_row(outing, s, row)
            self._audit(s, user, "outing_updated", "outing", outing.id, date=outing.date.isoformat())
        return outing

    def get(self, outing_id: str) -> Outing:
        self._user()
        with self._store.reader() as s:
            return repo.outing_from_row(self._row(s, OutingRow, outing_id, "outing"), s)

    def list(self, day_from: date | None = None, day_to: date | None = None) -> list[Outing]:
        self._user()
        stmt = select(OutingRow).order_by(OutingRow.date, OutingRow.departure, OutingRow.created_at)
        if day_from is not None:
            stmt = stmt.where(OutingRow.date >= day_from)
        if day_to is not None:
            stmt = stmt.where(OutingRow.date <= day_to)
        with self._store.reader() as s:
            return [repo.outing_from_row(r, s) for r in s.scalars(stmt).all()]

    # --- visits of an outing ---------------------------------------------------------------------
    def add_visit(self, outing_id: str, request_id: str, start: time, end: time) -> Visit:
        """Plan the visit of a REGISTERED request in the outing (-> SCHEDULED)."""
        user = self._require(Permission.PLAN_OUTINGS)
        if start is None or end is None or start >= end:
            raise ValidationError("end", "Кінець часу візиту має бути пізніше за початок.")
        with self._store.writer() as s:
            self._row(s, OutingRow, outing_id, "outing")
            req_row = self._row(s, RequestRow, request_id, "request")
            req = repo.request_from_row(req_row)
            req.state = workflow.transition(req.state, CaseState.SCHEDULED)
            order = s.scalar(select(func.max(VisitRow.ord)).where(VisitRow.outing_id == outing_id))
            visit = Visit(
                outing_id=outing_id,
                request_id=request_id,
                planned_start=start,
                planned_end=end,
                order=(order or 0) + 1,
            )
            s.add(repo.visit_to_row(visit))
            repo.request_to_row(req, req_row)
            self._audit(s, user, "visit_scheduled", "visit", visit.id, request=request_id, outing=outing_id)
        return visit

    def remove_visit(self, visit_id: str) -> None:
        """Take a planned (not yet opened) visit out of its outing (-> REGISTERED again)."""
        user = self._require(Permission.PLAN_OUTINGS)
        with self._store.writer() as s:
            row = self._row(s, VisitRow, visit_id, "visit")
            req_row = self._row(s, RequestRow, row.request_id, "request")
            req = repo.request_from_row(req_row)
            req.state = workflow.transition(req.state, CaseState.REGISTERED)
            repo.request_to_row(req, req_row)
            outing_id = row.outing_id
            s.delete(row)
            self._audit(s, user, "visit_removed", "visit", visit_id, request=req.id, outing=outing_id)

    def visits(self, outing_id: str) -> list[Visit]:
        """The visits of the outing in their order (``Visit.order``, set by :meth:`reorder_visits`)."""
        self._user()
        with self._store.reader() as s:
            rows = s.scalars(
                select(VisitRow)
                .where(VisitRow.outing_id == outing_id)
                .order_by(VisitRow.ord, VisitRow.planned_start)
            )
            return [repo.visit_from_row(r) for r in rows]

    def reschedule_visit(self, visit_id: str, start: time, end: time) -> Visit:
        """Change the time window of a planned visit (the request stays SCHEDULED; the visit keeps its
        id, order and call record)."""
        user = self._require(Permission.PLAN_OUTINGS)
        if start is None or end is None or start >= end:
            raise ValidationError("end", "Кінець часу візиту має бути пізніше за початок.")
        with self._store.writer() as s:
            row = self._row(s, VisitRow, visit_id, "visit")
            state = CaseState(self._row(s, RequestRow, row.request_id, "request").state)
            if state != CaseState.SCHEDULED:
                raise ValidationError(
                    "state",
                    f"Час можна змінити лише запланованому візиту (стан заявки: «{workflow.state_title(state)}»).",
                )
            visit = repo.visit_from_row(row)
            visit.planned_start, visit.planned_end = start, end
            repo.visit_to_row(visit, row)
            self._audit(
                s, user, "visit_rescheduled", "visit", visit_id, start=start.isoformat(), end=end.isoformat()
            )
        return visit

    def reorder_visits(self, outing_id: str, visit_ids: list[str]) -> list[Visit]:
        """Put the outing's visits in the given order (``Visit.order`` = 1..n). ``visit_ids`` must name
        every visit of the outing exactly once."""
        user = self._require(Permission.PLAN_OUTINGS)
        with self._store.writer() as s:
            self._row(s, OutingRow, outing_id, "outing")
            rows = {r.id: r for r in s.scalars(select(VisitRow).where(VisitRow.outing_id == outing_id))}
            if len(visit_ids) != len(set(visit_ids)) or set(visit_ids) != set(rows):
                raise ValidationError("visit_ids", "Порядок має містити кожен візит цього виїзду один раз.")
            for position, visit_id in enumerate(visit_ids, start=1):
                rows[visit_id].ord = position
            self._audit(s, user, "visits_reordered", "outing", outing_id, visits=len(visit_ids))
            return [repo.visit_from_row(rows[v]) for v in visit_ids]

    def record_call(self, visit_id: str, outcome: CallOutcome, note: str = "") -> Visit:
        """The outcome of the phone call ahead of the visit (O 2.5)."""
        user = self._require(Permission.PLAN_OUTINGS)
        with self._store.writer() as s:
            row = self._row(s, VisitRow, visit_id, "visit")
            visit = repo.visit_from_row(row)
            visit.call_outcome = CallOutcome(outcome)
            visit.call_at = self._now()
            visit.call_note = note.strip()
            repo.visit_to_row(visit, row)
            self._audit(s, user, "call_recorded", "visit", visit_id, outcome=visit.call_outcome.value)
        return visit

    # --- kit hand-over (Додаток 1) -----------------------------------------------------------------
    def handover(self, entry: HandoverEntry) -> HandoverEntry:
        """Add a line to the hand-over journal; it gets the next № з/п. Lines are never edited."""
        user = self._require(Permission.KIT_HANDOVER)
        entry = repo.copy(entry)
        if not entry.given_by_name.strip():
            raise ValidationError("given_by_name", "Вкажіть, хто видав (повернув) кейс.")
        if not entry.received_by_name.strip():
            raise ValidationError("received_by_name", "Вкажіть, хто прийняв кейс.")
        unknown = [c for c in entry.kit_items_checked if self._profile.kit_item(c) is None]
        if unknown:
            raise ValidationError("kit_items_checked", "Позначено предмет, якого немає в комплектації кейсу.")
        with self._store.writer() as s:
            if s.get(HandoverRow, entry.id) is not None:
                raise ValidationError("id", "Цей запис журналу вже збережено.")
            if entry.outing_id:
                outing = repo.outing_from_row(self._row(s, OutingRow, entry.outing_id, "outing"), s)
                if not entry.destination and outing.settlement_code:
                    settlement = self._profile.settlement(outing.settlement_code)
                    entry.destination = settlement.name if settlement else ""
            entry.at = entry.at or self._now()
            entry.number = self._store.next_number(s, "journal-handover")
            s.add(repo.handover_to_row(entry))
            self._audit(
                s,
                user,
                "kit_handover",
                "handover",
                entry.id,
                number=entry.number,
                direction=entry.direction.value,
                outing=entry.outing_id,
            )
        return entry

    def handovers(self, outing_id: str) -> list[HandoverEntry]:
        self._user()
        with self._store.reader() as s:
            rows = s.scalars(
                select(HandoverRow).where(HandoverRow.outing_id == outing_id).order_by(HandoverRow.number)
            )
            return [repo.handover_from_row(r) for r in rows]

    def today(self, day: date) -> list[tuple[Outing, Visit, ServiceRequest]]:
        """The visits of ``day`` in order: by outing departure, then planned start."""
        self._user()
        with self._store.reader() as s:
            rows = s.execute(
                select(OutingRow, VisitRow, RequestRow)
                .join(VisitRow, VisitRow.outing_id == OutingRow.id)
                .join(RequestRow, RequestRow.id == VisitRow.request_id)
                .where(OutingRow.date == day)
                .order_by(OutingRow.departure, OutingRow.created_at, VisitRow.ord, VisitRow.planned_start)
            ).all()
            outings: dict[str, Outing] = {}
            result = []
            for o_row, v_row, r_row in rows:
                if o_row.id not in outings:
                    outings[o_row.id] = repo.outing_from_row(o_row, s)
                result.append((outings[o_row.id], repo.visit_from_row(v_row), repo.request_from_row(r_row)))
            return result
