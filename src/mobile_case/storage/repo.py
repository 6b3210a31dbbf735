"""Mapping between the domain dataclasses and the table rows — the only writer of those tables.

Functions take an open SQLAlchemy session (the caller owns the transaction) and take/return the
dataclasses of :mod:`mobile_case.domain.model`; no ORM object leaves this module.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from mobile_case.domain.model import (
    Act,
    ActReason,
    ActStage,
    CaseState,
    Escort,
    HandoverDirection,
    HandoverEntry,
    Outing,
    OutingModel,
    RequestChannel,
    Role,
    ServiceRequest,
    User,
    Visit,
    new_id,
)
from mobile_case.storage import codec
from mobile_case.storage.models import (
    ActRow,
    EscortRow,
    HandoverRow,
    OutingRow,
    RequestRow,
    UserRow,
    VisitRow,
)


def _none_if_empty(value: str) -> str | None:
    return value or None


def _data(obj, columns: tuple[str, ...]) -> str:  # noqa: ANN001
    """JSON of the fields that do not have their own column."""
    plain = codec.to_plain(obj)
    for name in columns:
        plain.pop(name, None)
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# --- users -------------------------------------------------------------------------------------------


def user_from_row(row: UserRow) -> User:
    return User(
        id=row.id,
        login=row.login,
        full_name=row.full_name,
        position=row.position,
        role=Role(row.role),
        active=row.active,
    )


def apply_user(row: UserRow, user: User) -> None:
    row.login = user.login
    row.full_name = user.full_name
    row.position = user.position
    row.role = user.role.value
    row.active = user.active


# --- requests ----------------------------------------------------------------------------------------

_REQUEST_COLUMNS = ("id", "number", "state", "channel", "created_at", "created_by")


def search_text(req: ServiceRequest) -> str:
    """Case-folded text the list filter searches (number, names, РНОКПП, УНЗР, phones, address)."""
    s, a = req.subject, req.address
    rep = req.representative.person if req.representative else None
    parts = [
        req.number,
        s.surname,
        s.given_name,
        s.patronymic,
        s.rnokpp,
        s.unzr,
        s.phone,
        rep.surname if rep else "",
        rep.given_name if rep else "",
        rep.phone if rep else "",
        a.settlement_name,
        a.street,
        a.house,
    ]
    return " ".join(p for p in parts if p).casefold()


def request_to_row(req: ServiceRequest, row: RequestRow | None = None, *, registered_at=None) -> RequestRow:  # noqa: ANN001
    row = row or RequestRow(id=req.id)
    row.number = _none_if_empty(req.number)
    row.state = req.state.value
    row.channel = req.channel.value
    row.created_at = req.created_at or datetime.now()
    row.created_by = _none_if_empty(req.created_by)
    if registered_at is not None:
        row.registered_at = registered_at
    row.settlement_code = req.address.settlement_code
    row.category_code = req.category_code
    row.preferred_date = req.preferred_date
    row.subject_name = req.subject.full_name
    row.subject_birth_date = req.subject.birth_date
    row.search_text = search_text(req)
    row.data = _data(req, _REQUEST_COLUMNS)
    return row


def request_from_row(row: RequestRow) -> ServiceRequest:
    data = json.loads(row.data)
    req = codec.from_dict(ServiceRequest, data)
    req.id = row.id
    req.number = row.number or ""
    req.state = CaseState(row.state)
    req.channel = RequestChannel(row.channel)
    req.created_at = row.created_at
    req.created_by = row.created_by or ""
    return req


# --- outings -----------------------------------------------------------------------------------------


def outing_to_row(outing: Outing, session: Session, row: OutingRow | None = None, *, now=None) -> OutingRow:  # noqa: ANN001
    row = row or OutingRow(id=outing.id, created_at=now or datetime.now())
    row.date = outing.date
    row.model = outing.model.value
    row.settlement_code = outing.settlement_code
    row.administrator_id = _none_if_empty(outing.administrator_id)
    row.departure = outing.departure
    row.travel_minutes = outing.travel_minutes
    row.vehicle = outing.vehicle
    row.notes = outing.notes
    session.add(row)
    session.flush()
    session.execute(delete(EscortRow).where(EscortRow.outing_id == outing.id))
    for i, escort in enumerate(outing.escorts):
        session.add(
            EscortRow(
                id=new_id(),
                outing_id=outing.id,
                position=i,
                full_name=escort.full_name,
                role=escort.role,
            )
        )
    return row


def outing_from_row(row: OutingRow, session: Session) -> Outing:
    escorts = session.scalars(
        select(EscortRow).where(EscortRow.outing_id == row.id).order_by(EscortRow.position)
    )
    return Outing(
        id=row.id,
        date=row.date,
        model=OutingModel(row.model),
        settlement_code=row.settlement_code,
        administrator_id=row.administrator_id or "",
        escorts=[Escort(full_name=e.full_name, role=e.role) for e in escorts],
        vehicle=row.vehicle,
        departure=row.departure,
        travel_minutes=row.travel_minutes,
        notes=row.notes,
    )


# --- visits ------------------------------------------------------------------------------------------

_VISIT_COLUMNS = ("id", "outing_id", "request_id", "order", "planned_start", "planned_end")


def visit_to_row(visit: Visit, row: VisitRow | None = None) -> VisitRow:
    row = row or VisitRow(id=visit.id)
    row.outing_id = visit.outing_id
    row.request_id = visit.request_id
    row.ord = visit.order
    row.planned_start = visit.planned_start
    row.planned_end = visit.planned_end
    row.call_outcome = visit.call_outcome.value if visit.call_outcome else None
    row.opened_at = visit.opened_at
    row.closed_at = visit.closed_at
    row.registered_at = visit.application_registered_at
    row.case_number = visit.case_number
    row.data = _data(visit, _VISIT_COLUMNS)
    return row


def visit_from_row(row: VisitRow) -> Visit:
    visit = codec.from_dict(Visit, json.loads(row.data))
    visit.id = row.id
    visit.outing_id = row.outing_id
    visit.request_id = row.request_id
    visit.order = row.ord
    visit.planned_start = row.planned_start
    visit.planned_end = row.planned_end
    return visit


# --- acts --------------------------------------------------------------------------------------------

_ACT_COLUMNS = ("id", "number", "request_id", "visit_id", "reason", "stage", "drawn_at", "administrator_id")


def act_to_row(act: Act, row: ActRow | None = None) -> ActRow:
    row = row or ActRow(id=act.id)
    row.number = act.number
    row.request_id = act.request_id
    row.visit_id = _none_if_empty(act.visit_id)
    row.reason = act.reason.value
    row.stage = act.stage.value
    row.drawn_at = act.drawn_at or datetime.now()
    row.administrator_id = _none_if_empty(act.administrator_id)
    row.data = _data(act, _ACT_COLUMNS)
    return row


def act_from_row(row: ActRow) -> Act:
    act = codec.from_dict(Act, json.loads(row.data))
    act.id = row.id
    act.number = row.number
    act.request_id = row.request_id
    act.visit_id = row.visit_id or ""
    act.reason = ActReason(row.reason)
    act.stage = ActStage(row.stage)
    act.drawn_at = row.drawn_at
    act.administrator_id = row.administrator_id or ""
    return act


# --- hand-over entries -------------------------------------------------------------------------------

_HANDOVER_COLUMNS = ("id", "number", "outing_id", "direction", "at")


def handover_to_row(entry: HandoverEntry, row: HandoverRow | None = None) -> HandoverRow:
    row = row or HandoverRow(id=entry.id)
    row.number = entry.number
    row.outing_id = _none_if_empty(entry.outing_id)
    row.direction = entry.direction.value
    row.at = entry.at or datetime.now()
    row.data = _data(entry, _HANDOVER_COLUMNS)
    return row


def handover_from_row(row: HandoverRow) -> HandoverEntry:
    entry = codec.from_dict(HandoverEntry, json.loads(row.data))
    entry.id = row.id
    entry.number = row.number
    entry.outing_id = row.outing_id or ""
    entry.direction = HandoverDirection(row.direction)
    entry.at = row.at
    return entry


def copy(obj):  # noqa: ANN001, ANN201
    """A deep copy of a dataclass (so callers never share mutable state with what was saved)."""
    return codec.from_dict(type(obj), codec.to_plain(obj)) if dataclasses.is_dataclass(obj) else obj
