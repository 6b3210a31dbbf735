"""The journals (F7): services rendered (Додаток 3), kit hand-over (Додаток 1), acts; deadlines due.

Which lines the services journal has: one per visit that was started (opened at the address) or ended
with an act — each is an attempt to provide the service on the mobile workplace and gets its permanent
№ з/п when that happens (visits only planned, then removed or cancelled, never get a number).

Administrators with only «own journals» see the lines of their own outings and acts; the head sees all.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

from sqlalchemy import and_, func, select

from mobile_case.domain import texts
from mobile_case.domain.deadlines import handover_deadline, latest_due_date
from mobile_case.domain.errors import PermissionDenied
from mobile_case.domain.model import (
    Act,
    ActReason,
    Address,
    CaseState,
    DeliveryMethod,
    HandoverEntry,
    ServiceJournalEntry,
)
from mobile_case.domain.roles import Permission, has_permission
from mobile_case.services.base import BaseService
from mobile_case.services.formatting import address_line, service_titles, settlement_name
from mobile_case.services.types import DeadlineItem, DeadlineKind, JournalFilter
from mobile_case.storage import repo
from mobile_case.storage.models import ActRow, HandoverRow, OutingRow, RequestRow, UserRow, VisitRow

RESULT_WINDOW_DAYS = 3
# Margin over the longest term for holidays a profile may add to the calendar.
LOOKBACK_MARGIN_DAYS = 31
FETCH_BATCH = 500  # rows fetched from the driver at a time by the long journal queries


class JournalService(BaseService):
    def _journal_scope(self, f: JournalFilter) -> JournalFilter:
        """The filter the user may run: administrators see their own lines only."""
        user = self._user()
        if has_permission(user.role, Permission.VIEW_ALL_JOURNALS):
            return f
        if has_permission(user.role, Permission.VIEW_OWN_JOURNALS):
            if f.administrator_id and f.administrator_id != user.id:
                raise PermissionDenied(
                    "view other administrators' journals",
                    "Журнали інших адміністраторів переглядає керівник Центру.",
                )
            return JournalFilter(f.day_from, f.day_to, f.settlement_code, user.id, f.outcome, f.text)
        return self._denied(Permission.VIEW_OWN_JOURNALS, f)

    def _denied(self, permission: Permission, f: JournalFilter) -> JournalFilter:
        self._require(permission)  # raises and audits
        return f  # pragma: no cover

    def services(
        self, f: JournalFilter, *, limit: int | None = None, offset: int = 0
    ) -> list[ServiceJournalEntry]:
        """Додаток 3: one line per visit started or ended with an act, by № з/п. ``limit``/``offset``
        page through a long journal (the first page of 100,000 lines comes back at once).

        Built for 100,000 cases: plain columns (no ORM objects), and only the address, the service codes
        and the delivery method are taken out of the JSON — by SQLite (``json_extract``), not Python."""
        f = self._journal_scope(f)
        act_row = ActRow.__table__.alias("act_row")
        stmt = (
            select(
                VisitRow.journal_number,
                OutingRow.date,
                RequestRow.id,
                RequestRow.subject_name,
                RequestRow.subject_birth_date,
                RequestRow.category_code,
                RequestRow.state,
                VisitRow.case_number,
                UserRow.full_name,
                act_row.c.number,
                act_row.c.reason,
                func.json_extract(RequestRow.data, "$.address"),
                func.json_extract(RequestRow.data, "$.service_codes"),
                func.json_extract(VisitRow.data, "$.delivery_method"),
            )
            .join(OutingRow, OutingRow.id == VisitRow.outing_id)
            .join(RequestRow, RequestRow.id == VisitRow.request_id)
            .outerjoin(UserRow, UserRow.id == OutingRow.administrator_id)
            .outerjoin(act_row, act_row.c.visit_id == VisitRow.id)
            .where(VisitRow.journal_number.is_not(None))
            .order_by(VisitRow.journal_number)
        )
        stmt = _services_where(stmt, f)
        if limit is not None:
            stmt = stmt.limit(limit)
        if offset:
            stmt = stmt.offset(offset)
        profile = self._profile
        categories = {c.code: c.title for c in profile.categories}
        titles: dict[str, str] = {}
        states = {st.value: (st.value, texts.STATE_TITLES[st]) for st in CaseState}
        act_notes = {r.value: texts.ACT_REASON_SHORT_TITLES[r] for r in ActReason}
        delivery = {m.value: "Результат: " + texts.DELIVERY_METHOD_TITLES[m] for m in DeliveryMethod}
        address_fields = {fl.name for fl in dataclasses.fields(Address)}
        entries: list[ServiceJournalEntry] = []
        with self._store.reader() as s:
            # In batches of FETCH_BATCH rows, each turned into lines before the next is fetched: one
            # fetchall of 90,000 rows, and freeing them all at once afterwards, each hold the
            # interpreter for 60-150 ms at a stretch while the GUI thread waits (docs/benchmarks.md).
            for part in s.execute(stmt.execution_options(yield_per=FETCH_BATCH)).partitions():
                for (
                    number,
                    on,
                    request_id,
                    subject_name,
                    birth_date,
                    category_code,
                    state,
                    case_number,
                    admin_name,
                    act_number,
                    act_reason,
                    address_json,
                    codes_json,
                    delivery_method,
                ) in part:
                    raw = json.loads(address_json) if address_json else {}
                    address = Address(**{k: v for k, v in raw.items() if k in address_fields})
                    if codes_json not in titles:
                        titles[codes_json] = service_titles(
                            profile, json.loads(codes_json) if codes_json else []
                        )
                    if act_number:
                        notes = f"Акт № {act_number}: {act_notes[act_reason]}"
                    else:
                        notes = delivery.get(delivery_method or "", "")
                    outcome, outcome_text = states[state]
                    entries.append(
                        ServiceJournalEntry(
                            number=number,
                            on=on,
                            request_id=request_id,
                            subject_name=subject_name,
                            subject_birth_date=birth_date,
                            address_text=address_line(profile, address),
                            settlement_name=settlement_name(profile, address),
                            category_title=categories.get(category_code, category_code),
                            service_titles=titles[codes_json],
                            case_number=case_number,
                            administrator_name=admin_name or "",
                            outcome=outcome,
                            outcome_text=outcome_text,
                            notes=notes,
                        )
                    )
        return entries

    def services_count(self, f: JournalFilter) -> int:
        """How many lines :meth:`services` gives for ``f`` (for a paged table)."""
        f = self._journal_scope(f)
        stmt = select(func.count()).select_from(VisitRow).where(VisitRow.journal_number.is_not(None))
        if f.day_from or f.day_to or f.administrator_id:
            stmt = stmt.join(OutingRow, OutingRow.id == VisitRow.outing_id)
        if f.settlement_code or f.outcome or f.text.strip():
            stmt = stmt.join(RequestRow, RequestRow.id == VisitRow.request_id)
        with self._store.reader() as s:
            return s.scalar(_services_where(stmt, f)) or 0

    def handover(self, f: JournalFilter) -> list[HandoverEntry]:
        """Додаток 1, by № з/п. Seen by whoever hands the kit over or receives it, and by the head."""
        user = self._user()
        if not (
            has_permission(user.role, Permission.KIT_HANDOVER)
            or has_permission(user.role, Permission.VIEW_ALL_JOURNALS)
        ):
            self._require(Permission.KIT_HANDOVER)
        stmt = (
            select(HandoverRow)
            .outerjoin(OutingRow, OutingRow.id == HandoverRow.outing_id)
            .order_by(HandoverRow.number)
        )
        if f.day_from is not None:
            stmt = stmt.where(HandoverRow.at >= _start(f.day_from))
        if f.day_to is not None:
            stmt = stmt.where(HandoverRow.at < _start(f.day_to + timedelta(days=1)))
        if f.settlement_code:
            stmt = stmt.where(OutingRow.settlement_code == f.settlement_code)
        if f.administrator_id:
            stmt = stmt.where(OutingRow.administrator_id == f.administrator_id)
        if f.outcome:
            stmt = stmt.where(HandoverRow.direction == f.outcome)
        words = f.text.casefold().split()
        with self._store.reader() as s:
            result = s.scalars(stmt.execution_options(yield_per=FETCH_BATCH))
            entries = [repo.handover_from_row(r) for part in result.partitions() for r in part]
        if words:
            entries = [
                e
                for e in entries
                if all(
                    w in f"{e.destination} {e.given_by_name} {e.received_by_name} {e.kit_notes}".casefold()
                    for w in words
                )
            ]
        return entries

    def acts(self, f: JournalFilter, *, limit: int | None = None, offset: int = 0) -> list[Act]:
        """The acts of impossibility, in the order drawn up. ``outcome`` filters by the act reason."""
        f = self._journal_scope(f)
        stmt = (
            select(ActRow)
            .join(RequestRow, RequestRow.id == ActRow.request_id)
            .order_by(ActRow.drawn_at, ActRow.id)
        )
        if f.day_from is not None:
            stmt = stmt.where(ActRow.drawn_at >= _start(f.day_from))
        if f.day_to is not None:
            stmt = stmt.where(ActRow.drawn_at < _start(f.day_to + timedelta(days=1)))
        if f.settlement_code:
            stmt = stmt.where(RequestRow.settlement_code == f.settlement_code)
        if f.administrator_id:
            stmt = stmt.where(ActRow.administrator_id == f.administrator_id)
        if f.outcome:
            stmt = stmt.where(ActRow.reason == f.outcome)
        for word in f.text.casefold().split():
            stmt = stmt.where(RequestRow.search_text.contains(word, autoescape=True))
        if limit is not None:
            stmt = stmt.limit(limit)
        if offset:
            stmt = stmt.offset(offset)
        with self._store.reader() as s:
            result = s.scalars(stmt.execution_options(yield_per=FETCH_BATCH))
            return [repo.act_from_row(r) for part in result.partitions() for r in part]

    def deadlines_due(self, day: date) -> list[DeadlineItem]:
        """What the home screen lists for ``day``:

        * handover — documents of an application registered on the mobile workplace go to the service
          provider by the next working day (art. 13): due today or on the next working day;
        * result — the service's own term ends within ``RESULT_WINDOW_DAYS`` days;
        * schedule — a registered request whose preferred date is today, tomorrow or already past,
          with no visit planned.
        """
        self._user()
        cal = self._ctx.calendar
        horizon = cal.next_working_day(day)
        items: list[DeadlineItem] = []
        # Only applications whose deadlines can still fall on ``day``: the longest service term
        # (working days counted as weeks) plus a margin bounds the look-back.
        longest = max(
            (sv.term_days * (7 / 5 if sv.term_kind == "working" else 1) for sv in self._profile.services),
            default=0,
        )
        since = _start(day - timedelta(days=int(longest) + LOOKBACK_MARGIN_DAYS))
        with self._store.reader() as s:
            rows = s.execute(
                select(VisitRow.registered_at, RequestRow)
                .join(RequestRow, RequestRow.id == VisitRow.request_id)
                .where(
                    and_(
                        VisitRow.registered_at.is_not(None),
                        VisitRow.registered_at >= since,
                        RequestRow.state.in_([CaseState.IN_PROGRESS.value, CaseState.COMPLETED.value]),
                    )
                )
            ).all()
            for registered_at, r_row in rows:
                received = registered_at.date()
                if received > day:
                    continue
                due = handover_deadline(received, cal)
                if day <= due <= horizon:
                    items.append(
                        DeadlineItem(
                            r_row.id, r_row.number or "", r_row.subject_name, due, DeadlineKind.HANDOVER
                        )
                    )
                codes = json.loads(r_row.data).get("service_codes", [])
                services = [sv for sv in (self._profile.service(c) for c in codes) if sv is not None]
                result_due = latest_due_date(received, services, cal)
                if result_due is not None and day <= result_due <= day + timedelta(days=RESULT_WINDOW_DAYS):
                    items.append(
                        DeadlineItem(
                            r_row.id, r_row.number or "", r_row.subject_name, result_due, DeadlineKind.RESULT
                        )
                    )
            waiting = s.scalars(
                select(RequestRow).where(
                    RequestRow.state == CaseState.REGISTERED.value,
                    RequestRow.preferred_date.is_not(None),
                    RequestRow.preferred_date <= day + timedelta(days=1),
                )
            )
            for r_row in waiting:
                items.append(
                    DeadlineItem(
                        r_row.id,
                        r_row.number or "",
                        r_row.subject_name,
                        r_row.preferred_date,
                        DeadlineKind.SCHEDULE,
                    )
                )
        kinds = list(DeadlineKind)
        items.sort(key=lambda i: (i.due, kinds.index(i.kind), i.number))
        return items


def _services_where(stmt, f: JournalFilter):  # noqa: ANN001, ANN202
    if f.day_from is not None:
        stmt = stmt.where(OutingRow.date >= f.day_from)
    if f.day_to is not None:
        stmt = stmt.where(OutingRow.date <= f.day_to)
    if f.settlement_code:
        stmt = stmt.where(RequestRow.settlement_code == f.settlement_code)
    if f.administrator_id:
        stmt = stmt.where(OutingRow.administrator_id == f.administrator_id)
    if f.outcome:
        stmt = stmt.where(RequestRow.state == f.outcome)
    for word in f.text.casefold().split():
        stmt = stmt.where(RequestRow.search_text.contains(word, autoescape=True))
    return stmt


def _start(d: date):  # noqa: ANN202
    from datetime import datetime, time

    return datetime.combine(d, time.min)
