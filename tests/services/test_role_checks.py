"""Role checks below the UI: for each role, which service calls are allowed and which are refused."""

from __future__ import annotations

from datetime import date, time

import pytest

from mobile_case.domain.errors import PermissionDenied
from mobile_case.domain.model import (
    Act,
    ActReason,
    CallOutcome,
    HandoverEntry,
    Outing,
    RequestChannel,
)
from mobile_case.services import JournalFilter, JournalKind

TODAY = date(2026, 3, 4)


@pytest.fixture
def world(app, team, login, registered):
    """A registered request, another one scheduled in an outing."""
    login("admin")
    waiting = registered(surname="Бойко")
    planned = registered(surname="Коваль")
    outing = app.outings.create(Outing(date=TODAY, administrator_id=team.admin.id))
    visit = app.outings.add_visit(outing.id, planned.id, time(10, 0), time(11, 0))
    app.auth.logout()
    return {"waiting": waiting, "planned": planned, "outing": outing, "visit": visit}


CALLS = {
    "new_draft": lambda app, w: app.requests.new_draft(RequestChannel.PHONE),
    "assess": lambda app, w: app.requests.assess(w["waiting"], TODAY),
    "cancel": lambda app, w: app.requests.cancel(w["waiting"].id, "тест"),
    "create_outing": lambda app, w: app.outings.create(Outing(date=TODAY)),
    "record_call": lambda app, w: app.outings.record_call(w["visit"].id, CallOutcome.CONFIRMED),
    "open_visit": lambda app, w: app.visits.open(w["visit"].id),
    "draw_up_act": lambda app, w: app.acts.draw_up(
        Act(request_id=w["planned"].id, visit_id=w["visit"].id, reason=ActReason.SUBJECT_ABSENT)
    ),
    "handover": lambda app, w: app.outings.handover(
        HandoverEntry(
            outing_id=w["outing"].id, given_by_name="Бондар В. С.", received_by_name="Коваленко А. П."
        )
    ),
    "services_journal": lambda app, w: app.journals.services(JournalFilter()),
    "acts_journal": lambda app, w: app.journals.acts(JournalFilter()),
    "handover_journal": lambda app, w: app.journals.handover(JournalFilter()),
    "export": lambda app, w: app.documents.journal_xlsx(JournalKind.ACTS, JournalFilter()),
    "application_pdf": lambda app, w: app.documents.application_pdf(w["waiting"].id),
    "users": lambda app, w: app.users.list(),
}

ALLOWED = {
    "head": set(CALLS),
    "admin": set(CALLS) - {"users"},
    "keeper": {"handover", "handover_journal"},
}


@pytest.mark.parametrize("who", ["head", "admin", "keeper"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_role_matrix(app, world, login, who, call):
    user = login(who)
    if call in ALLOWED[who]:
        CALLS[call](app, world)
    else:
        before = len(app.store.audit.entries())
        with pytest.raises(PermissionDenied) as exc:
            CALLS[call](app, world)
        assert exc.value.user_message.startswith("У вас немає права")
        entries = app.store.audit.entries()
        assert len(entries) == before + 1  # only the refusal itself is recorded
        assert entries[0].action == "permission_denied" and entries[0].actor_id == user.id


def test_refused_calls_change_nothing(app, world, login):
    login("keeper")
    with pytest.raises(PermissionDenied):
        app.requests.cancel(world["waiting"].id, "тест")
    with pytest.raises(PermissionDenied):
        app.visits.open(world["visit"].id)
    login("admin")
    assert app.requests.get(world["waiting"].id).state.value == "registered"
    assert app.requests.get(world["planned"].id).state.value == "scheduled"
