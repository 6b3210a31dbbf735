"""One day end to end through the services: intake, outing, hand-over, visit to a registered
application, a visit ended with an act, journals, stored PDFs and deadlines."""

from __future__ import annotations

import io
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from mobile_case.domain import texts
from mobile_case.domain.errors import IllegalTransition, PermissionDenied, ValidationError
from mobile_case.domain.model import (
    Act,
    ActReason,
    ActStage,
    CallOutcome,
    CaseState,
    DeliveryMethod,
    Escort,
    HandoverDirection,
    HandoverEntry,
    Outing,
    OutingModel,
    VisitStep,
)
from mobile_case.services import DeadlineKind, JournalFilter, JournalKind

TODAY = date(2026, 3, 4)  # Wednesday (the FakeClock's day)


@pytest.fixture
def day(app, team, login, registered, profile):
    """Two registered requests in one fixed-point outing today, the kit issued to the administrator."""
    login("admin")
    first = registered(surname="Коваль")
    second = registered(surname="Мельник", settlement=2)
    outing = app.outings.create(
        Outing(
            date=TODAY,
            model=OutingModel.FIXED_POINT,
            settlement_code=profile.settlements[1].code,
            administrator_id=team.admin.id,
            escorts=[Escort("Кушнір Олег Романович", "водій"), Escort("Дячук Світлана", "представник УСЗН")],
            vehicle="Renault Duster",
            departure=time(9, 30),
            travel_minutes=25,
        )
    )
    v1 = app.outings.add_visit(outing.id, first.id, time(10, 0), time(10, 45))
    v2 = app.outings.add_visit(outing.id, second.id, time(11, 0), time(11, 30))
    login("keeper")
    app.outings.handover(
        HandoverEntry(
            outing_id=outing.id,
            direction=HandoverDirection.ISSUE,
            kit_items_checked=[k.code for k in profile.kit_items],
            given_by_name=team.keeper.full_name,
            received_by_name=team.admin.full_name,
        )
    )
    login("admin")
    return outing, (first, v1), (second, v2)


def test_outing_is_stored_with_escorts_and_visits_in_order(app, day, profile):
    outing, (first, v1), (second, v2) = day
    stored = app.outings.get(outing.id)
    assert stored == outing
    assert [e.full_name for e in stored.escorts] == ["Кушнір Олег Романович", "Дячук Світлана"]
    assert [v.id for v in app.outings.visits(outing.id)] == [v1.id, v2.id]
    assert (v1.order, v2.order) == (1, 2)
    assert app.requests.get(first.id).state == CaseState.SCHEDULED
    assert app.requests.waiting_to_schedule() == []
    assert [o.id for o in app.outings.list(TODAY, TODAY)] == [outing.id]
    assert app.outings.list(date(2026, 3, 5)) == []
    today = app.outings.today(TODAY)
    assert [(o.id, v.id, r.id) for o, v, r in today] == [
        (outing.id, v1.id, first.id),
        (outing.id, v2.id, second.id),
    ]
    [entry] = app.outings.handovers(outing.id)
    assert entry.number == 1 and entry.destination == profile.settlements[1].name
    assert entry.at == app.clock()


def test_outing_update_replaces_escorts(app, day):
    outing, *_ = day
    outing.escorts = [Escort("Новий Водій", "водій")]
    outing.travel_minutes = 40
    app.outings.update(outing)
    stored = app.outings.get(outing.id)
    assert [e.full_name for e in stored.escorts] == ["Новий Водій"] and stored.travel_minutes == 40


def test_outing_validation(app, team, login, profile):
    login("admin")
    with pytest.raises(ValidationError) as exc:
        app.outings.create(Outing(date=None))
    assert exc.value.field == "date"
    with pytest.raises(ValidationError) as exc:
        app.outings.create(Outing(date=TODAY, administrator_id=team.keeper.id))
    assert exc.value.field == "administrator_id"
    with pytest.raises(ValidationError) as exc:
        app.outings.create(Outing(date=TODAY, settlement_code="atlantis"))
    assert exc.value.field == "settlement_code"
    with pytest.raises(ValidationError) as exc:
        app.outings.create(Outing(date=TODAY, escorts=[Escort("", "водій")]))
    assert exc.value.field == "escorts[0].full_name"


def test_scheduling_rules(app, day, registered):
    outing, (first, v1), _ = day
    # a request is in one outing at a time
    with pytest.raises(IllegalTransition):
        app.outings.add_visit(outing.id, first.id, time(12, 0), time(13, 0))
    third = registered(surname="Бойко")
    with pytest.raises(ValidationError):
        app.outings.add_visit(outing.id, third.id, time(13, 0), time(12, 0))
    # remove a planned visit: the request waits again
    app.outings.remove_visit(v1.id)
    assert app.requests.get(first.id).state == CaseState.REGISTERED
    assert [v.order for v in app.outings.visits(outing.id)] == [2]
    # an opened visit cannot be removed
    v2 = day[2][1]
    app.visits.open(v2.id)
    with pytest.raises(IllegalTransition):
        app.outings.remove_visit(v2.id)


def test_reschedule_and_reorder_keep_the_visit(app, day, clock):
    outing, (first, v1), (second, v2) = day
    app.outings.record_call(v1.id, CallOutcome.CONFIRMED)
    moved = app.outings.reschedule_visit(v1.id, time(12, 0), time(12, 30))
    stored = app.visits.get(v1.id)
    assert (
        (stored.planned_start, stored.planned_end)
        == (time(12, 0), time(12, 30))
        == (
            moved.planned_start,
            moved.planned_end,
        )
    )
    assert stored.call_outcome == CallOutcome.CONFIRMED and stored.order == 1
    with pytest.raises(ValidationError):
        app.outings.reschedule_visit(v1.id, time(12, 0), time(11, 0))

    assert [v.id for v in app.outings.reorder_visits(outing.id, [v2.id, v1.id])] == [v2.id, v1.id]
    assert [(v.id, v.order) for v in app.outings.visits(outing.id)] == [(v2.id, 1), (v1.id, 2)]
    assert [v.id for _, v, _ in app.outings.today(TODAY)] == [v2.id, v1.id]
    for wrong in ([v1.id], [v1.id, v1.id], [v1.id, v2.id, "x"]):
        with pytest.raises(ValidationError) as exc:
            app.outings.reorder_visits(outing.id, wrong)
        assert exc.value.field == "visit_ids"

    app.visits.open(v2.id)
    with pytest.raises(ValidationError) as exc:
        app.outings.reschedule_visit(v2.id, time(13, 0), time(14, 0))
    assert exc.value.field == "state"


def test_call_ahead_is_recorded(app, day, clock):
    _, (first, v1), _ = day
    clock.set(datetime(2026, 3, 4, 9, 5))
    visit = app.outings.record_call(v1.id, CallOutcome.RESCHEDULE_REQUESTED, "Просить о 12:00")
    stored = app.visits.get(v1.id)
    assert stored.call_outcome == CallOutcome.RESCHEDULE_REQUESTED
    assert stored.call_at == datetime(2026, 3, 4, 9, 5) and stored.call_note == "Просить о 12:00"
    assert visit == stored


def _complete_steps(app, visit, req):
    visit.recording_consent = True
    visit.present_persons = "суб'єкт звернення, водій"
    visit.current_step = VisitStep.IDENTIFICATION
    app.visits.save(visit)
    visit.identification.document_number = "001234567"
    visit.identification.verified = True
    visit.category_confirmed = True
    visit.documents_checked = dict(req.documents_present)
    visit.current_step = VisitStep.APPLICATION
    return app.visits.save(visit)


def test_visit_to_a_registered_application_and_completion(app, day, clock, team):
    outing, (first, v1), _ = day
    clock.set(datetime(2026, 3, 4, 10, 2))
    visit = app.visits.open(v1.id)
    assert visit.opened_at == datetime(2026, 3, 4, 10, 2)
    assert app.requests.get(first.id).state == CaseState.IN_PROGRESS
    with pytest.raises(IllegalTransition):
        app.visits.open(v1.id)

    # each step is saved as entered; the managed fields cannot be forged through save()
    visit.recording_consent = True
    visit.case_number = "forged"
    visit.opened_at = datetime(2020, 1, 1)
    app.visits.save(visit)
    stored = app.visits.get(v1.id)
    assert stored.recording_consent is True
    assert stored.case_number == "" and stored.opened_at == datetime(2026, 3, 4, 10, 2)

    with pytest.raises(ValidationError) as exc:
        app.visits.register_application(v1.id)
    assert exc.value.field == "identification"
    visit = _complete_steps(app, stored, first)
    with pytest.raises(ValidationError) as exc:
        app.visits.complete(v1.id)
    assert exc.value.field == "application"

    visit = app.visits.register_application(v1.id)
    assert visit.case_number == "МК-С-2026-0001"
    assert visit.application_registered_at == clock()
    assert app.visits.register_application(v1.id).case_number == "МК-С-2026-0001"  # once only
    # registered on a Wednesday: documents go to the provider by Thursday (art. 13)
    assert app.visits.deadline_for(v1.id) == date(2026, 3, 5)

    pdf = app.documents.application_pdf(first.id)
    assert pdf.mime == "application/pdf" and pdf.kind == "application_pdf"
    assert app.documents.read(pdf).startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(app.documents.read(pdf))).pages)
    assert "Коваль" in text and first.number in text

    with pytest.raises(ValidationError) as exc:
        app.visits.complete(v1.id)
    assert exc.value.field == "delivery_method"
    visit.delivery_method = DeliveryMethod.POST
    visit.application_printed = True
    app.visits.save(visit)
    clock.set(datetime(2026, 3, 4, 10, 40))
    done = app.visits.complete(v1.id)
    assert done.closed_at == datetime(2026, 3, 4, 10, 40)
    assert app.requests.get(first.id).state == CaseState.COMPLETED
    with pytest.raises(ValidationError):
        app.visits.save(done)  # closed

    actions = [e.action for e in app.store.audit.entries(entity_id=v1.id)]
    assert (
        actions[0] == "visit_completed" and "application_registered" in actions and "visit_opened" in actions
    )


def test_missing_documents_need_the_warning_of_o_2_12(app, day, profile):
    _, (first, v1), _ = day
    visit = app.visits.open(v1.id)
    visit = _complete_steps(app, visit, first)
    code = next(iter(first.documents_present))
    visit.documents_checked[code] = False
    app.visits.save(visit)
    with pytest.raises(ValidationError) as exc:
        app.visits.register_application(v1.id)
    assert exc.value.field == "missing_documents_warned" and "2.12" in exc.value.user_message
    visit.missing_documents_warned = True
    app.visits.save(visit)
    assert app.visits.register_application(v1.id).case_number


def test_no_recording_consent_means_no_application(app, day):
    _, (first, v1), _ = day
    visit = app.visits.open(v1.id)
    visit = _complete_steps(app, visit, first)
    visit.recording_consent = False
    app.visits.save(visit)
    with pytest.raises(ValidationError) as exc:
        app.visits.register_application(v1.id)
    assert exc.value.field == "recording_consent" and "2.13" in exc.value.user_message


def test_act_of_impossibility_ends_the_case(app, day, team, clock):
    _, _, (second, v2) = day
    app.visits.open(v2.id)
    clock.set(datetime(2026, 3, 4, 11, 10))
    act = app.acts.draw_up(
        Act(
            request_id=second.id,
            visit_id=v2.id,
            reason=ActReason.NO_RECORDING_CONSENT,
            stage=ActStage.DOCUMENT_INTAKE,
            details="Відмовився підписати згоду",
        )
    )
    assert act.number == "1/2026"
    assert act.administrator_id == team.admin.id and act.administrator_name == team.admin.full_name
    assert act.subject_name.startswith("Мельник") and act.address_text and act.service_titles
    assert act.drawn_at == datetime(2026, 3, 4, 11, 10)
    assert app.acts.get(act.id) == act
    assert app.acts.for_request(second.id) == [act]
    assert app.requests.get(second.id).state == CaseState.IMPOSSIBLE
    assert app.visits.get(v2.id).closed_at == datetime(2026, 3, 4, 11, 10)
    with pytest.raises(IllegalTransition):
        app.acts.draw_up(Act(request_id=second.id, reason=ActReason.SUBJECT_ABSENT))

    stored = app.documents.act_pdf(act.id)
    assert stored.kind == "act_pdf"
    assert app.documents.act_pdf(act.id) == stored  # same content: stored once
    files = app.documents.files(second.id)
    assert [f.id for f in files] == [stored.id]


def test_subject_absent_act_straight_from_a_scheduled_visit(app, day):
    _, (first, v1), _ = day
    act = app.acts.draw_up(Act(request_id=first.id, visit_id=v1.id, reason=ActReason.SUBJECT_ABSENT))
    assert app.requests.get(first.id).state == CaseState.IMPOSSIBLE
    [line] = app.journals.services(JournalFilter())
    assert line.request_id == first.id and line.outcome == "impossible"
    assert line.notes.startswith(f"Акт № {act.number}")


def test_act_needs_the_visit_of_the_same_request(app, day):
    _, (first, v1), (second, v2) = day
    with pytest.raises(ValidationError) as exc:
        app.acts.draw_up(Act(request_id=first.id, visit_id=v2.id))
    assert exc.value.field == "visit_id"


def _run_day(app, day, clock, team, login, profile):
    outing, (first, v1), (second, v2) = day
    visit = _complete_steps(app, app.visits.open(v1.id), first)
    app.visits.register_application(v1.id)
    visit = app.visits.get(v1.id)
    visit.delivery_method = DeliveryMethod.AT_CNAP
    app.visits.save(visit)
    app.visits.complete(v1.id)
    app.documents.application_pdf(first.id)
    app.visits.open(v2.id)
    act = app.acts.draw_up(Act(request_id=second.id, visit_id=v2.id, reason=ActReason.INCAPACITY_SIGNS))
    login("keeper")
    app.outings.handover(
        HandoverEntry(
            outing_id=outing.id,
            direction=HandoverDirection.RETURN,
            kit_items_checked=[k.code for k in profile.kit_items][:-1],
            kit_notes="Повербанк розряджений",
            given_by_name=team.admin.full_name,
            received_by_name=team.keeper.full_name,
        )
    )
    return act


def test_journals_show_exactly_the_day(app, day, clock, team, login, profile):
    outing, (first, v1), (second, v2) = day
    act = _run_day(app, day, clock, team, login, profile)

    login("head")
    lines = app.journals.services(JournalFilter(TODAY, TODAY))
    assert [(e.number, e.request_id, e.outcome) for e in lines] == [
        (1, first.id, "completed"),
        (2, second.id, "impossible"),
    ]
    one = lines[0]
    assert one.subject_name == "Коваль Марія Іванівна" and one.subject_birth_date == date(1941, 5, 12)
    assert one.case_number == "МК-С-2026-0001" and one.administrator_name == team.admin.full_name
    assert one.category_title == profile.age_category().title
    assert one.settlement_name == profile.settlements[1].name and "вул. Шевченка" in one.address_text
    assert one.notes == "Результат: " + texts.DELIVERY_METHOD_TITLES[DeliveryMethod.AT_CNAP]
    assert (
        lines[1].notes == f"Акт № {act.number}: " + texts.ACT_REASON_SHORT_TITLES[ActReason.INCAPACITY_SIGNS]
    )
    assert app.journals.services(JournalFilter(date(2026, 3, 5))) == []
    assert [e.request_id for e in app.journals.services(JournalFilter(outcome="impossible"))] == [second.id]
    assert [e.request_id for e in app.journals.services(JournalFilter(text="мельник"))] == [second.id]
    assert [
        e.request_id
        for e in app.journals.services(JournalFilter(settlement_code=profile.settlements[2].code))
    ] == [second.id]
    assert app.journals.services(JournalFilter(administrator_id=team.admin2.id)) == []

    # paging
    assert [e.number for e in app.journals.services(JournalFilter(), limit=1)] == [1]
    assert [e.number for e in app.journals.services(JournalFilter(), limit=1, offset=1)] == [2]
    assert app.journals.services(JournalFilter(), offset=2) == []
    assert app.journals.services_count(JournalFilter()) == 2
    assert app.journals.services_count(JournalFilter(text="мельник")) == 1
    assert app.journals.services_count(JournalFilter(date(2026, 3, 5))) == 0
    assert [a.id for a in app.journals.acts(JournalFilter(), limit=5)] == [act.id]

    handovers = app.journals.handover(JournalFilter(TODAY, TODAY))
    assert [(h.number, h.direction) for h in handovers] == [
        (1, HandoverDirection.ISSUE),
        (2, HandoverDirection.RETURN),
    ]
    assert [h.number for h in app.journals.handover(JournalFilter(text="повербанк"))] == [2]
    assert [h.number for h in app.journals.handover(JournalFilter(outcome="return"))] == [2]

    assert [a.id for a in app.journals.acts(JournalFilter(TODAY, TODAY))] == [act.id]
    assert app.journals.acts(JournalFilter(outcome=ActReason.SUBJECT_ABSENT.value)) == []

    # exports: PDF and a workbook with the same lines
    pdf = app.documents.journal_pdf(JournalKind.SERVICES, JournalFilter(TODAY, TODAY))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Коваль" in text and "Мельник" in text
    book = load_workbook(io.BytesIO(app.documents.journal_xlsx(JournalKind.HANDOVER, JournalFilter())))
    cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None)
    assert team.keeper.full_name in cells
    exports = app.store.audit.entries(action="journal_exported")
    assert [e.details["format"] for e in exports] == ["xlsx", "pdf"]


def test_administrators_see_their_own_journal_lines(app, day, clock, team, login, profile):
    _run_day(app, day, clock, team, login, profile)
    login("admin")
    assert len(app.journals.services(JournalFilter())) == 2
    login("admin2")
    assert app.journals.services(JournalFilter()) == []
    assert app.journals.acts(JournalFilter()) == []
    with pytest.raises(PermissionDenied) as exc:
        app.journals.services(JournalFilter(administrator_id=team.admin.id))
    assert "керівник" in exc.value.user_message


def test_deadlines_due(app, day, clock, team, login, profile, registered):
    outing, (first, v1), _ = day
    waiting = registered(surname="Бойко", preferred_date=date(2026, 3, 5))
    later = registered(surname="Ткаченко", preferred_date=date(2026, 3, 20))
    visit = _complete_steps(app, app.visits.open(v1.id), first)
    app.visits.register_application(v1.id)
    due = app.journals.deadlines_due(TODAY)
    kinds = {(d.request_id, d.kind) for d in due}
    assert (first.id, DeadlineKind.HANDOVER) in kinds
    assert (waiting.id, DeadlineKind.SCHEDULE) in kinds
    assert all(d.request_id != later.id for d in due)
    handover = next(d for d in due if d.kind == DeadlineKind.HANDOVER)
    assert handover.due == date(2026, 3, 5) and handover.number == first.number
    assert handover.subject_name == "Коваль Марія Іванівна"
    # the day after the deadline it is no longer listed as due
    assert all(d.kind != DeadlineKind.HANDOVER for d in app.journals.deadlines_due(date(2026, 3, 6)))
    # the day before registration nothing of it is due yet
    assert all(d.request_id != first.id for d in app.journals.deadlines_due(date(2026, 3, 3)))
    del visit


def test_friday_registration_is_due_monday(app, team, login, registered, clock, profile):
    clock.set(datetime(2026, 3, 6, 9, 0))  # Friday
    login("admin")
    req = registered()
    outing = app.outings.create(Outing(date=date(2026, 3, 6), administrator_id=team.admin.id))
    v = app.outings.add_visit(outing.id, req.id, time(10, 0), time(11, 0))
    _complete_steps(app, app.visits.open(v.id), req)
    app.visits.register_application(v.id)
    assert app.visits.deadline_for(v.id) == date(2026, 3, 9)
    assert [
        d.due for d in app.journals.deadlines_due(date(2026, 3, 9)) if d.kind == DeadlineKind.HANDOVER
    ] == [date(2026, 3, 9)]
