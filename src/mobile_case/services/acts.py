"""The act of impossibility of providing the service (F6, O 2.13, Додаток 4)."""

from __future__ import annotations

from sqlalchemy import select

from mobile_case.domain import workflow
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import Act, ActReason, ActStage, CaseState
from mobile_case.domain.roles import Permission
from mobile_case.services.base import BaseService
from mobile_case.services.formatting import address_line, service_titles
from mobile_case.storage import repo
from mobile_case.storage.models import ActRow, RequestRow, UserRow, VisitRow


def act_number(year: int, n: int) -> str:
    return f"{n}/{year}"


class ActService(BaseService):
    def draw_up(self, act: Act) -> Act:
        """Record the act with the next number. At document intake the case ends as IMPOSSIBLE; at the
        return of the result (stage «повернення документів з результатом») the case was completed
        already and keeps its state — the act records why the result could not be handed over."""
        user = self._require(Permission.RUN_VISIT)
        act = repo.copy(act)
        act.reason = ActReason(act.reason)
        act.stage = ActStage(act.stage)
        now = self._now()
        with self._store.writer() as s:
            if s.get(ActRow, act.id) is not None:
                raise ValidationError("id", "Цей акт уже складено.")
            req_row = self._row(s, RequestRow, act.request_id, "request")
            req = repo.request_from_row(req_row)
            visit_row = None
            if act.visit_id:
                visit_row = self._row(s, VisitRow, act.visit_id, "visit")
                if visit_row.request_id != req.id:
                    raise ValidationError("visit_id", "Візит не належить до цієї заявки.")
            if act.stage == ActStage.RESULT_RETURN and req.state == CaseState.COMPLETED:
                new_state = req.state
            else:
                new_state = workflow.transition(req.state, CaseState.IMPOSSIBLE)
            admin_id = act.administrator_id or user.id
            admin = s.get(UserRow, admin_id)
            if admin is None:
                raise ValidationError("administrator_id", "Оберіть адміністратора, який склав акт.")
            act.administrator_id = admin_id
            act.administrator_name = act.administrator_name.strip() or admin.full_name
            act.subject_name = act.subject_name.strip() or req.subject.full_name
            act.address_text = act.address_text.strip() or address_line(self._profile, req.address)
            act.service_titles = act.service_titles.strip() or service_titles(
                self._profile, req.service_codes
            )
            act.drawn_at = act.drawn_at or now
            act.number = act_number(now.year, self._store.next_number(s, f"act-{now.year}"))
            s.add(repo.act_to_row(act))
            if visit_row is not None:
                visit = repo.visit_from_row(visit_row)
                if visit.closed_at is None:
                    visit.closed_at = now
                repo.visit_to_row(visit, visit_row)
                if visit_row.journal_number is None:  # the attempt is a line of the services journal
                    visit_row.journal_number = self._store.next_number(s, "journal-services")
            if new_state != req.state:
                req.state = new_state
                repo.request_to_row(req, req_row)
            self._audit(
                s,
                user,
                "act_drawn_up",
                "act",
                act.id,
                number=act.number,
                request=req.id,
                reason=act.reason.value,
                stage=act.stage.value,
            )
        return act

    def get(self, act_id: str) -> Act:
        self._user()
        with self._store.reader() as s:
            return repo.act_from_row(self._row(s, ActRow, act_id, "act"))

    def for_request(self, request_id: str) -> list[Act]:
        self._user()
        with self._store.reader() as s:
            rows = s.scalars(select(ActRow).where(ActRow.request_id == request_id).order_by(ActRow.drawn_at))
            return [repo.act_from_row(r) for r in rows]
