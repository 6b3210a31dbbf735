"""Intake: drafts saved as typed, registration with numbers, refusal with O 2.3 reasons, cancellation."""

from __future__ import annotations

from datetime import date

import pytest

from mobile_case.domain.errors import IllegalTransition, NotFound, ValidationError
from mobile_case.domain.model import (
    CaseState,
    Person,
    RefusalReason,
    Representative,
    RequestChannel,
)


def test_new_draft_is_saved_at_once(app, team, login, clock):
    user = login("admin")
    req = app.requests.new_draft(RequestChannel.MESSENGER)
    assert req.state == CaseState.DRAFT and req.number == ""
    stored = app.requests.get(req.id)
    assert stored == req
    assert stored.created_by == user.id and stored.created_at == clock()
    [entry] = app.store.audit.entries(action="request_created")
    assert entry.entity_id == req.id and entry.details == {"channel": "messenger"}


def test_save_draft_keeps_everything_typed_even_when_incomplete(app, team, login, fill):
    login("admin")
    req = app.requests.new_draft(RequestChannel.PHONE)
    req = fill(req)
    req.subject.phone = "not a phone yet"
    req.address.access_notes = "Собака на подвір'ї; дзвонити заздалегідь"
    req.representative = Representative(Person(surname="Коваль", given_name="Олена"), relation="донька")
    req.state = CaseState.COMPLETED  # ignored: the state changes only through the workflow
    req.number = "МК-1999-9999"  # ignored
    saved = app.requests.save_draft(req)
    assert saved.state == CaseState.DRAFT and saved.number == ""
    again = app.requests.get(req.id)
    assert again.subject.phone == "not a phone yet"
    assert again.address.access_notes == "Собака на подвір'ї; дзвонити заздалегідь"
    assert again.representative.relation == "донька"
    assert again.documents_present == req.documents_present


def test_register_gives_sequential_numbers_and_stores_the_decision(app, team, login, registered):
    login("admin")
    first = registered()
    second = registered(surname="Мельник")
    assert first.state == CaseState.REGISTERED
    assert (first.number, second.number) == ("МК-2026-0001", "МК-2026-0002")
    assert first.subject.phone == "+380671234567"  # normalized by the validator
    assert first.decision_explanation.strip()
    assert app.requests.get(first.id).number == "МК-2026-0001"
    assert [r.id for r in app.requests.waiting_to_schedule()] == [first.id, second.id]
    entry = app.store.audit.entries(action="request_registered")[0]
    assert entry.details == {"number": "МК-2026-0002"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda r: setattr(r.subject, "surname", ""), "subject.surname"),
        (lambda r: setattr(r.subject, "birth_date", None), "subject.birth_date"),
        (lambda r: setattr(r.subject, "phone", ""), "subject.phone"),
        (lambda r: setattr(r.subject, "phone", "12345"), "subject.phone"),
        (lambda r: setattr(r.subject, "rnokpp", "1234567890"), "subject.rnokpp"),
        (lambda r: setattr(r.address, "settlement_code", ""), "address.settlement"),
        (lambda r: setattr(r.address, "house", " "), "address.house"),
        (lambda r: setattr(r, "category_code", ""), "category_code"),
        (lambda r: setattr(r, "service_codes", []), "service_codes"),
    ],
)
def test_register_refuses_missing_or_invalid_fields_and_changes_nothing(
    app, team, login, fill, change, field
):
    login("admin")
    req = fill(app.requests.new_draft(RequestChannel.PHONE))
    change(req)
    app.requests.save_draft(req)
    with pytest.raises(ValidationError) as exc:
        app.requests.register(req.id)
    assert exc.value.field == field
    assert exc.value.user_message
    after = app.requests.get(req.id)
    assert after.state == CaseState.DRAFT and after.number == ""
    assert app.store.counter_value("request-2026") == 0


def test_register_refuses_an_ineligible_request(app, team, login, fill):
    login("admin")
    req = fill(app.requests.new_draft(RequestChannel.PHONE))
    req.address.settlement_code = ""
    req.address.settlement_name = "Тернопіль"
    app.requests.save_draft(req)
    decision = app.requests.assess(req, date(2026, 3, 4))
    assert not decision.eligible
    assert decision.reasons == [RefusalReason.ADDRESS_OUTSIDE_COMMUNITY]
    with pytest.raises(ValidationError) as exc:
        app.requests.register(req.id)
    assert exc.value.field == "eligibility"
    assert "Тернопіль" in exc.value.user_message
    assert app.requests.get(req.id).state == CaseState.DRAFT


def test_refuse_stores_the_reasons_and_the_explanation(app, team, login, fill):
    login("admin")
    req = fill(app.requests.new_draft(RequestChannel.PHONE))
    req.subject.birth_date = date(1990, 1, 1)
    app.requests.save_draft(req)
    decision = app.requests.assess(req, date(2026, 3, 4))
    assert RefusalReason.NOT_ELIGIBLE_CATEGORY in decision.reasons
    refused = app.requests.refuse(req.id, decision.reasons, decision.explanation)
    assert refused.state == CaseState.REFUSED
    stored = app.requests.get(req.id)
    assert stored.refusal_reasons == decision.reasons
    assert stored.decision_explanation == decision.explanation
    entry = app.store.audit.entries(action="request_refused")[0]
    assert entry.details == {"reasons": [r.value for r in decision.reasons]}
    # a refused request is closed
    with pytest.raises(IllegalTransition):
        app.requests.register(req.id)
    with pytest.raises(ValidationError):
        app.requests.save_draft(stored)


def test_refuse_needs_a_reason_and_an_explanation(app, team, login, fill):
    login("admin")
    req = app.requests.save_draft(fill(app.requests.new_draft(RequestChannel.PHONE)))
    with pytest.raises(ValidationError) as exc:
        app.requests.refuse(req.id, [], "Пояснення")
    assert exc.value.field == "refusal_reasons"
    with pytest.raises(ValidationError) as exc:
        app.requests.refuse(req.id, [RefusalReason.DOCUMENTS_INCOMPLETE], "  ")
    assert exc.value.field == "decision_explanation"
    with pytest.raises(ValueError):
        app.requests.refuse(req.id, ["no_such_reason"], "Пояснення")
    assert app.requests.get(req.id).state == CaseState.DRAFT


def test_cancel_keeps_a_note(app, team, login, registered):
    login("admin")
    req = registered()
    cancelled = app.requests.cancel(req.id, "Звернеться особисто")
    assert cancelled.state == CaseState.CANCELLED
    assert "Звернеться особисто" in app.requests.get(req.id).notes
    with pytest.raises(IllegalTransition) as exc:
        app.requests.cancel(req.id, "ще раз")
    assert "Скасовано" in exc.value.user_message


def test_illegal_transitions_are_refused_with_a_ukrainian_message(app, team, login, registered):
    login("admin")
    req = registered()
    with pytest.raises(IllegalTransition) as exc:
        app.requests.register(req.id)
    assert exc.value.source == "registered" and exc.value.target == "registered"
    assert exc.value.user_message.startswith("Заявка вже має стан")
    app.requests.refuse(req.id, [RefusalReason.DOCUMENTS_INCOMPLETE], "Немає документа")
    with pytest.raises(IllegalTransition) as exc:
        app.requests.cancel(req.id, "")
    assert "відмовлено" in exc.value.user_message


def test_registered_request_can_be_corrected_but_must_stay_valid(app, team, login, registered):
    login("admin")
    req = registered()
    req.address.door_code = "42"
    app.requests.save_draft(req)
    assert app.requests.get(req.id).address.door_code == "42"
    assert app.requests.get(req.id).number == req.number
    req.subject.surname = ""
    with pytest.raises(ValidationError):
        app.requests.save_draft(req)
    assert app.requests.get(req.id).subject.surname == "Коваль"


def test_list_filters_by_state_and_text(app, team, login, registered, fill):
    login("admin")
    a = registered(surname="Ґалаґан")
    b = registered(surname="Мельник")
    draft = app.requests.save_draft(fill(app.requests.new_draft(RequestChannel.PHONE), surname="Бойко"))
    assert {r.id for r in app.requests.list()} == {a.id, b.id, draft.id}
    assert [r.id for r in app.requests.list(states={CaseState.DRAFT})] == [draft.id]
    assert [r.id for r in app.requests.list(text="ҐАЛАҐ")] == [a.id]  # Cyrillic case-folded
    assert [r.id for r in app.requests.list(text="мк-2026-0002")] == [b.id]
    assert [r.id for r in app.requests.list(text="бойко шевченка")] == [draft.id]
    assert app.requests.list(text="100%_") == []
    assert len(app.requests.list(limit=2)) == 2


def test_unknown_ids_raise_not_found(app, team, login):
    login("admin")
    with pytest.raises(NotFound) as exc:
        app.requests.get("00000000-0000-0000-0000-000000000000")
    assert exc.value.user_message
    with pytest.raises(NotFound):
        app.requests.register("nope")
