"""What the planner shows, gathered on the database worker in one go (never on the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mobile_case.domain.errors import PermissionDenied
from mobile_case.domain.model import HandoverEntry, Outing, ServiceRequest, User, Visit


@dataclass
class OutingRow:
    """One line of the outings list."""

    outing: Outing
    visit_count: int


@dataclass
class OutingBundle:
    """An outing with its visits (each with its request) and its kit hand-over entries."""

    outing: Outing
    visits: list[tuple[Visit, ServiceRequest]] = field(default_factory=list)
    handovers: list[HandoverEntry] = field(default_factory=list)
    administrator: User | None = None


def list_outings(services: Any, day_from: date | None) -> list[OutingRow]:
    rows = []
    for outing in services.outings.list(day_from=day_from):
        rows.append(OutingRow(outing, len(services.outings.visits(outing.id))))
    return rows


def load_outing(services: Any, outing_id: str) -> OutingBundle:
    outing = services.outings.get(outing_id)
    visits = [(v, services.requests.get(v.request_id)) for v in services.outings.visits(outing_id)]
    handovers = services.outings.handovers(outing_id)
    admin = None
    if outing.administrator_id:
        admin = services.users.get(outing.administrator_id)
    return OutingBundle(outing, visits, handovers, admin)


def field_staff(services: Any) -> list[User]:
    """Who may be sent on an outing; just the current user if the list may not be read."""
    try:
        return services.users.field_staff()
    except PermissionDenied:
        user = services.auth.current_user
        return [user] if user is not None else []


def save_outing(services: Any, outing: Outing, is_new: bool) -> OutingBundle:
    saved = services.outings.create(outing) if is_new else services.outings.update(outing)
    return load_outing(services, saved.id)


def add_visits(services: Any, outing_id: str, plan: list[tuple[str, Any, Any]]) -> OutingBundle:
    """Add each (request id, start, end) as a visit; stops at the first error (what was added stays)."""
    for request_id, start, end in plan:
        services.outings.add_visit(outing_id, request_id, start, end)
    return load_outing(services, outing_id)


def remove_visit(services: Any, outing_id: str, visit_id: str) -> OutingBundle:
    services.outings.remove_visit(visit_id)
    return load_outing(services, outing_id)


def reschedule_visit(services: Any, outing_id: str, visit_id: str, start: Any, end: Any) -> OutingBundle:
    services.outings.reschedule_visit(visit_id, start, end)
    return load_outing(services, outing_id)


def reorder_visits(services: Any, outing_id: str, visit_ids: list[str]) -> OutingBundle:
    services.outings.reorder_visits(outing_id, visit_ids)
    return load_outing(services, outing_id)


def record_call(services: Any, outing_id: str, visit_id: str, outcome: Any, note: str) -> OutingBundle:
    services.outings.record_call(visit_id, outcome, note)
    return load_outing(services, outing_id)


def handover(services: Any, entry: HandoverEntry) -> OutingBundle:
    services.outings.handover(entry)
    return load_outing(services, entry.outing_id)
