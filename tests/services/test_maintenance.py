"""The kit keeper's maintenance log (G 1.7): recorded with who/when/items/notes, audited, role-checked;
and the planned recording time the pre-outing disk check needs."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from mobile_case.domain.errors import PermissionDenied, ValidationError
from mobile_case.domain.model import Outing, OutingModel
from mobile_case.services.maintenance import CHECKLIST, ItemMark, Mark

TODAY = date(2026, 3, 4)


def test_checklist_follows_the_guide():
    codes = [i.code for i in CHECKLIST]
    # G 1.7: charging, traffic/account, batteries, OS updates, cleaning, cartridges, telling the head, warranty
    for code in (
        "charging",
        "traffic",
        "batteries",
        "os_updates",
        "cleanup",
        "cartridges",
        "escalation",
        "warranty",
    ):
        assert code in codes
    assert len(codes) == len(set(codes))
    assert all(i.title and i.hint for i in CHECKLIST)


def test_keeper_records_a_session_and_reads_it_back_with_name(app, team, login, clock):
    login("keeper")
    entry = app.maintenance.record(
        {
            "charging": ItemMark(Mark.DONE),
            "paper": ItemMark(Mark.NOT_NEEDED),
            "cartridges": ItemMark(Mark.PROBLEM, "чорний картридж закінчився, замовлено"),
        },
        notes="перед виїздом до Липівки",
        devices={"printer": "ok", "battery": "failing"},
    )
    assert entry.performed_by == team.keeper.id and entry.at == clock.now
    clock.advance(days=1)
    later = app.maintenance.record({"charging": ItemMark(Mark.DONE)})
    [newest, older] = app.maintenance.log()
    assert newest.id == later.id and older.id == entry.id
    assert older.performed_by_name == "Бондар Василь Степанович"
    assert older.items["cartridges"] == ItemMark(Mark.PROBLEM, "чорний картридж закінчився, замовлено")
    assert older.problems == ["cartridges"]
    assert older.notes == "перед виїздом до Липівки"
    assert older.devices == {"printer": "ok", "battery": "failing"}
    assert app.maintenance.last().id == later.id
    # the day filter
    assert [e.id for e in app.maintenance.log(day_from=TODAY, day_to=TODAY)] == [entry.id]


def test_each_session_is_audited_without_the_notes(app, team, login):
    login("keeper")
    entry = app.maintenance.record(
        {"charging": ItemMark(Mark.DONE), "traffic": ItemMark(Mark.PROBLEM, "на рахунку 3 грн")},
        notes="Секретна примітка",
    )
    [audit] = [e for e in app.store.audit.entries() if e.action == "kit_maintenance_recorded"]
    assert audit.actor_id == team.keeper.id and audit.entity_id == entry.id
    assert audit.details == {"done": 1, "not_needed": 0, "problem": 1}
    assert "Секретна" not in str(audit.details) and "3 грн" not in str(audit.details)


def test_head_may_keep_the_log_the_administrator_may_not(app, team, login):
    login("head")
    app.maintenance.record({"charging": ItemMark(Mark.DONE)})
    assert len(app.maintenance.log()) == 1
    login("admin")
    with pytest.raises(PermissionDenied):
        app.maintenance.record({"charging": ItemMark(Mark.DONE)})
    with pytest.raises(PermissionDenied):
        app.maintenance.log()
    assert any(e.action == "permission_denied" for e in app.store.audit.entries())


def test_invalid_sessions_are_refused_in_ukrainian(app, team, login):
    login("keeper")
    with pytest.raises(ValidationError) as empty:
        app.maintenance.record({})
    assert "хоча б один" in empty.value.user_message
    with pytest.raises(ValidationError) as problem:
        app.maintenance.record({"batteries": ItemMark(Mark.PROBLEM, "  ")})
    assert "Батарейки" in problem.value.user_message
    with pytest.raises(ValidationError):
        app.maintenance.record({"no_such_item": ItemMark(Mark.DONE)})
    assert app.maintenance.log() == []


def test_planned_recording_counts_the_visits_still_to_record(app, team, login, registered, profile):
    login("admin")
    reqs = [registered(surname=s) for s in ("Коваль", "Мельник", "Шевчук")]
    today = app.outings.create(
        Outing(date=TODAY, model=OutingModel.FIXED_POINT, administrator_id=team.admin.id,
               settlement_code=profile.settlements[1].code)
    )  # fmt: skip
    later = app.outings.create(
        Outing(date=TODAY + timedelta(days=10), model=OutingModel.FIXED_POINT, administrator_id=team.admin.id,
               settlement_code=profile.settlements[1].code)
    )  # fmt: skip
    app.outings.add_visit(today.id, reqs[0].id, time(10, 0), time(10, 45))
    v2 = app.outings.add_visit(today.id, reqs[1].id, time(11, 0), time(11, 30))
    app.outings.add_visit(later.id, reqs[2].id, time(9, 0), time(10, 0))

    week = app.maintenance.planned_recording(TODAY, TODAY + timedelta(days=6))
    assert (week.visits, week.seconds) == (2, 75 * 60)
    assert app.maintenance.planned_for_outing(today.id).seconds == 75 * 60
    assert app.maintenance.planned_recording(TODAY, TODAY + timedelta(days=30)).visits == 3
    # a visit taken out of the plan no longer needs disk space
    app.outings.remove_visit(v2.id)
    assert app.maintenance.planned_recording(TODAY, TODAY).seconds == 45 * 60
    # the kit keeper may ask (counts only), an unknown outing is NotFound
    login("keeper")
    assert app.maintenance.planned_recording(TODAY, TODAY).visits == 1
