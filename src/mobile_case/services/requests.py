"""Intake (F3) and eligibility (F2): drafts saved as typed, registration, refusal, cancellation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from mobile_case.domain import eligibility, validators, workflow
from mobile_case.domain.eligibility import EligibilityDecision
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import CaseState, RefusalReason, RequestChannel, ServiceRequest
from mobile_case.domain.roles import Permission
from mobile_case.services.base import BaseService
from mobile_case.storage import repo
from mobile_case.storage.models import RequestRow

# States in which the intake data may still be corrected (before the visit starts).
EDITABLE_STATES = frozenset({CaseState.DRAFT, CaseState.REGISTERED, CaseState.SCHEDULED})


def request_number(year: int, n: int) -> str:
    return f"МК-{year}-{n:04d}"


def _required(value: object, field: str, message: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()) or value == []:
        raise ValidationError(field, message)


def check_required(req: ServiceRequest) -> ServiceRequest:
    """The fields Додаток 2 cannot do without; normalizes РНОКПП, УНЗР and phones. Raises on the first
    missing or invalid one (``ValidationError.field`` names it)."""
    s, a = req.subject, req.address
    _required(s.surname, "subject.surname", "Вкажіть прізвище суб'єкта звернення.")
    _required(s.given_name, "subject.given_name", "Вкажіть ім'я суб'єкта звернення.")
    _required(s.birth_date, "subject.birth_date", "Вкажіть дату народження суб'єкта звернення.")
    if s.rnokpp:
        s.rnokpp = validators.validate_rnokpp(s.rnokpp, "subject.rnokpp")
    if s.unzr:
        s.unzr = validators.validate_unzr(s.unzr, s.birth_date, "subject.unzr")
    rep = req.representative
    if rep is not None:
        _required(rep.person.surname, "representative.surname", "Вкажіть прізвище представника.")
        _required(rep.person.given_name, "representative.given_name", "Вкажіть ім'я представника.")
        if rep.person.phone:
            rep.person.phone = validators.validate_phone(rep.person.phone, "representative.phone")
    if s.phone:
        s.phone = validators.validate_phone(s.phone, "subject.phone")
    if not s.phone and not (rep is not None and rep.person.phone):
        raise ValidationError(
            "subject.phone", "Вкажіть номер телефону суб'єкта звернення або його представника."
        )
    if not a.settlement_code and not a.settlement_name.strip():
        raise ValidationError("address.settlement", "Оберіть населений пункт.")
    _required(a.street, "address.street", "Вкажіть вулицю (або назву закладу).")
    _required(a.house, "address.house", "Вкажіть номер будинку.")
    _required(req.category_code, "category_code", "Оберіть категорію суб'єкта звернення (п. 1.5 Порядку).")
    _required(req.service_codes, "service_codes", "Оберіть хоча б одну адміністративну послугу.")
    if req.window_start and req.window_end and req.window_start >= req.window_end:
        raise ValidationError("window_end", "Кінець бажаного часу візиту має бути пізніше за початок.")
    return req


class RequestService(BaseService):
    def new_draft(self, channel: RequestChannel) -> ServiceRequest:
        user = self._require(Permission.INTAKE)
        req = ServiceRequest(
            state=CaseState.DRAFT,
            created_at=self._now(),
            created_by=user.id,
            channel=RequestChannel(channel),
        )
        with self._store.writer() as s:
            s.add(repo.request_to_row(req))
            self._audit(s, user, "request_created", "request", req.id, channel=req.channel.value)
        return req

    def save_draft(self, req: ServiceRequest) -> ServiceRequest:
        """Save what was typed, valid or not. The state, number and refusal are not changed here."""
        user = self._require(Permission.INTAKE)
        req = repo.copy(req)
        with self._store.writer() as s:
            row = s.get(RequestRow, req.id)
            if row is None:  # a draft made by the UI itself (its id is already the stable one)
                req.state = CaseState.DRAFT
                req.number = ""
                req.created_at = req.created_at or self._now()
                req.created_by = user.id
                req.refusal_reasons = []
                s.add(repo.request_to_row(req))
                self._audit(s, user, "request_created", "request", req.id, channel=req.channel.value)
                return req
            stored = repo.request_from_row(row)
            if stored.state not in EDITABLE_STATES:
                raise ValidationError(
                    "state",
                    f"Заявку в стані «{workflow.state_title(stored.state)}» змінювати не можна.",
                )
            req.state = stored.state
            req.number = stored.number
            req.created_at = stored.created_at
            req.created_by = stored.created_by
            req.refusal_reasons = stored.refusal_reasons
            if stored.state != CaseState.DRAFT:
                # Once accepted, the recorded decision stays; corrections must still be valid.
                req.decision_explanation = stored.decision_explanation
                check_required(req)
            repo.request_to_row(req, row)
            self._audit(s, user, "request_saved", "request", req.id, state=req.state.value)
        return req

    def assess(self, req: ServiceRequest, today: date) -> EligibilityDecision:
        """The eligibility verdict for what is typed now (pure: nothing is saved)."""
        self._require(Permission.INTAKE)
        return eligibility.assess(req, self._profile, today)

    def register(self, request_id: str) -> ServiceRequest:
        """DRAFT -> REGISTERED: required fields, eligibility (O 1.5, 2.3), a number «МК-2026-0001»."""
        user = self._require(Permission.INTAKE)
        now = self._now()
        with self._store.writer() as s:
            row = self._row(s, RequestRow, request_id, "request")
            req = repo.request_from_row(row)
            new_state = workflow.transition(req.state, CaseState.REGISTERED)
            check_required(req)
            decision = eligibility.assess(req, self._profile, now.date())
            if not decision.eligible:
                raise ValidationError(
                    "eligibility",
                    "Заявку не можна прийняти: "
                    + decision.explanation
                    + " Оформіть відмову з причиною за п. 2.3 Порядку.",
                    "request not eligible: " + ",".join(r.value for r in decision.reasons),
                )
            req.state = new_state
            req.decision_explanation = decision.explanation
            req.refusal_reasons = []
            req.number = request_number(now.year, self._store.next_number(s, f"request-{now.year}"))
            repo.request_to_row(req, row, registered_at=now)
            self._audit(s, user, "request_registered", "request", req.id, number=req.number)
        return req

    def refuse(self, request_id: str, reasons: list[RefusalReason], explanation: str) -> ServiceRequest:
        """Refuse with the O 2.3 reasons; the reasons and the explanation are stored with the request."""
        user = self._require(Permission.INTAKE)
        reasons = [RefusalReason(r) for r in reasons]
        if not reasons:
            raise ValidationError("refusal_reasons", "Оберіть причину відмови (п. 2.3 Порядку).")
        explanation = explanation.strip()
        if not explanation:
            raise ValidationError("decision_explanation", "Поясніть заявнику причину відмови.")
        with self._store.writer() as s:
            row = self._row(s, RequestRow, request_id, "request")
            req = repo.request_from_row(row)
            req.state = workflow.transition(req.state, CaseState.REFUSED)
            req.refusal_reasons = list(dict.fromkeys(reasons))
            req.decision_explanation = explanation
            repo.request_to_row(req, row)
            self._audit(
                s, user, "request_refused", "request", req.id, reasons=[r.value for r in req.refusal_reasons]
            )
        return req

    def cancel(self, request_id: str, note: str) -> ServiceRequest:
        user = self._require(Permission.INTAKE)
        note = note.strip()
        with self._store.writer() as s:
            row = self._row(s, RequestRow, request_id, "request")
            req = repo.request_from_row(row)
            previous = req.state
            req.state = workflow.transition(req.state, CaseState.CANCELLED)
            if note:
                stamp = self._now().strftime("%d.%m.%Y %H:%M")
                req.notes = (req.notes + "\n" if req.notes else "") + f"Скасовано {stamp}: {note}"
            repo.request_to_row(req, row)
            self._audit(s, user, "request_cancelled", "request", req.id, previous=previous.value)
        return req

    def get(self, request_id: str) -> ServiceRequest:
        self._user()
        with self._store.reader() as s:
            return repo.request_from_row(self._row(s, RequestRow, request_id, "request"))

    def list(
        self, states: set[CaseState] | None = None, text: str = "", *, limit: int | None = None
    ) -> list[ServiceRequest]:
        """Newest first. ``text`` matches the number, names, РНОКПП, УНЗР, phones and address."""
        self._user()
        stmt = select(RequestRow).order_by(RequestRow.created_at.desc(), RequestRow.id)
        if states:
            stmt = stmt.where(RequestRow.state.in_([CaseState(x).value for x in states]))
        for word in text.casefold().split():
            stmt = stmt.where(RequestRow.search_text.contains(word, autoescape=True))
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._store.reader() as s:
            return [repo.request_from_row(r) for r in s.scalars(stmt)]

    def waiting_to_schedule(self) -> list[ServiceRequest]:
        """REGISTERED requests, the earliest preferred date first (no date last)."""
        self._user()
        stmt = (
            select(RequestRow)
            .where(RequestRow.state == CaseState.REGISTERED.value)
            .order_by(RequestRow.preferred_date.is_(None), RequestRow.preferred_date, RequestRow.created_at)
        )
        with self._store.reader() as s:
            return [repo.request_from_row(r) for r in s.scalars(stmt)]
