"""The visit at the citizen's address (F5, F10, F11): each step saved as entered."""

from __future__ import annotations

from datetime import date

from mobile_case.domain import workflow
from mobile_case.domain.deadlines import handover_deadline
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import CaseState, PaymentMethod, Visit
from mobile_case.domain.roles import Permission
from mobile_case.services.base import BaseService
from mobile_case.storage import repo
from mobile_case.storage.models import RequestRow, VisitRow

# Set only by the service methods, never by save(): the visit's place, times and registration.
_MANAGED = (
    "outing_id",
    "request_id",
    "planned_start",
    "planned_end",
    "order",
    "call_outcome",
    "call_at",
    "call_note",
    "opened_at",
    "closed_at",
    "application_registered_at",
    "case_number",
)


def case_number(year: int, n: int) -> str:
    """Registration number of the administrative case formed on the mobile workplace."""
    return f"МК-С-{year}-{n:04d}"


class VisitService(BaseService):
    def open(self, visit_id: str) -> Visit:
        """Start the visit at the address: SCHEDULED -> IN_PROGRESS; it gets its journal № з/п."""
        user = self._require(Permission.RUN_VISIT)
        with self._store.writer() as s:
            row = self._row(s, VisitRow, visit_id, "visit")
            req_row = self._row(s, RequestRow, row.request_id, "request")
            req = repo.request_from_row(req_row)
            req.state = workflow.transition(req.state, CaseState.IN_PROGRESS)
            visit = repo.visit_from_row(row)
            visit.opened_at = self._now()
            repo.visit_to_row(visit, row)
            if row.journal_number is None:
                row.journal_number = self._store.next_number(s, "journal-services")
            repo.request_to_row(req, req_row)
            self._audit(s, user, "visit_opened", "visit", visit_id, request=req.id)
        return visit

    def get(self, visit_id: str) -> Visit:
        self._user()
        with self._store.reader() as s:
            return repo.visit_from_row(self._row(s, VisitRow, visit_id, "visit"))

    def for_request(self, request_id: str) -> list[Visit]:
        """The visits of a request (at most one is active), the latest last."""
        from sqlalchemy import select

        self._user()
        with self._store.reader() as s:
            rows = s.scalars(select(VisitRow).where(VisitRow.request_id == request_id).order_by(VisitRow.ord))
            return [repo.visit_from_row(r) for r in rows]

    def save(self, visit: Visit) -> Visit:
        """Save the steps as entered (no completeness check here); only while the visit is open."""
        user = self._require(Permission.RUN_VISIT)
        visit = repo.copy(visit)
        with self._store.writer() as s:
            row = self._row(s, VisitRow, visit.id, "visit")
            state = CaseState(self._row(s, RequestRow, row.request_id, "request").state)
            if state != CaseState.IN_PROGRESS:
                raise ValidationError(
                    "state",
                    f"Візит не відкрито: заявка має стан «{workflow.state_title(state)}». "
                    "Дані кроків візиту зберігаються лише під час візиту.",
                )
            stored = repo.visit_from_row(row)
            for name in _MANAGED:
                setattr(visit, name, getattr(stored, name))
            repo.visit_to_row(visit, row)
            self._audit(s, user, "visit_saved", "visit", visit.id, step=visit.current_step.value)
        return visit

    def register_application(self, visit_id: str) -> Visit:
        """Register the application and form the case (O 2.11): gives the case number and time."""
        user = self._require(Permission.RUN_VISIT)
        now = self._now()
        with self._store.writer() as s:
            row = self._row(s, VisitRow, visit_id, "visit")
            req_row = self._row(s, RequestRow, row.request_id, "request")
            req = repo.request_from_row(req_row)
            visit = repo.visit_from_row(row)
            if req.state != CaseState.IN_PROGRESS:
                raise ValidationError("state", "Заяву реєструють під час візиту: спочатку відкрийте візит.")
            if visit.application_registered_at is not None:
                return visit
            if visit.recording_consent is not True:
                raise ValidationError(
                    "recording_consent",
                    "Без письмової згоди на відео- та аудіофіксацію заяву не приймають — "
                    "складіть акт про неможливість надання послуги (п. 2.13 Порядку).",
                )
            if not visit.identification.verified:
                raise ValidationError("identification", "Спочатку встановіть особу суб'єкта звернення.")
            if not visit.category_confirmed:
                raise ValidationError(
                    "category_confirmed", "Підтвердіть належність до категорії (п. 1.5 Порядку)."
                )
            missing = self._missing_documents(req.service_codes, visit.documents_checked)
            if missing and not visit.missing_documents_warned:
                raise ValidationError(
                    "missing_documents_warned",
                    "Бракує документів: " + "; ".join(missing) + ". Попередьте суб'єкта звернення "
                    "про ймовірність відмови (п. 2.12 Порядку) або складіть акт.",
                )
            if visit.payment.method != PaymentMethod.FREE and not visit.payment.receipt_number.strip():
                raise ValidationError("payment.receipt_number", "Вкажіть номер квитанції про оплату.")
            visit.application_registered_at = now
            visit.case_number = case_number(now.year, self._store.next_number(s, f"case-{now.year}"))
            repo.visit_to_row(visit, row)
            self._audit(s, user, "application_registered", "visit", visit_id, request=req.id)
        return visit

    def _missing_documents(self, service_codes: list[str], checked: dict[str, bool]) -> list[str]:
        missing = []
        for code in service_codes:
            service = self._profile.service(code)
            if service is None:
                continue
            for doc in service.documents:
                if not checked.get(doc.code, False) and doc.title not in missing:
                    missing.append(doc.title)
        return missing

    def complete(self, visit_id: str) -> Visit:
        """IN_PROGRESS -> COMPLETED, after the application is registered and delivery agreed (O 2.15)."""
        user = self._require(Permission.RUN_VISIT)
        with self._store.writer() as s:
            row = self._row(s, VisitRow, visit_id, "visit")
            req_row = self._row(s, RequestRow, row.request_id, "request")
            req = repo.request_from_row(req_row)
            visit = repo.visit_from_row(row)
            new_state = workflow.transition(req.state, CaseState.COMPLETED)
            if visit.application_registered_at is None:
                raise ValidationError(
                    "application", "Спочатку зареєструйте заяву (або складіть акт про неможливість)."
                )
            if visit.delivery_method is None:
                raise ValidationError(
                    "delivery_method", "Оберіть спосіб отримання результату (п. 2.15 Порядку)."
                )
            visit.closed_at = self._now()
            req.state = new_state
            repo.visit_to_row(visit, row)
            repo.request_to_row(req, req_row)
            self._audit(s, user, "visit_completed", "visit", visit_id, request=req.id)
        return visit

    def deadline_for(self, visit_id: str) -> date | None:
        """The last day to hand the documents to the service provider (next working day, art. 13)."""
        visit = self.get(visit_id)
        if visit.application_registered_at is None:
            return None
        return handover_deadline(visit.application_registered_at.date(), self._ctx.calendar)
