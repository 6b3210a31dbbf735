"""Dataclass <-> JSON of the nested entity parts (every field type of the domain model round-trips)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from mobile_case.domain.model import (
    Act,
    CallOutcome,
    CaseState,
    Consents,
    DeliveryMethod,
    HandoverEntry,
    Identification,
    IdentificationSource,
    Payment,
    PaymentMethod,
    Person,
    RefusalReason,
    Representative,
    ServiceRequest,
    Visit,
    VisitStep,
)
from mobile_case.storage import codec


def test_service_request_round_trip():
    req = ServiceRequest(
        number="МК-2026-0001",
        state=CaseState.REFUSED,
        created_at=datetime(2026, 3, 4, 9, 15, 30),
        subject=Person("Коваль", "Марія", "Іванівна", date(1941, 5, 12), "3000000001", "19410512-00014"),
        representative=Representative(Person("Коваль", "Олена"), "донька", "довіреність № 5"),
        proof_document_codes=["disability_certificate"],
        service_codes=["a", "b"],
        documents_present={"passport": True, "receipt": False},
        payment_method=PaymentMethod.POS_TERMINAL,
        preferred_date=date(2026, 3, 10),
        window_start=time(10, 0),
        window_end=time(12, 30),
        consents=Consents(True, True, False, True),
        refusal_reasons=[RefusalReason.DOCUMENTS_INCOMPLETE],
    )
    again = codec.loads(ServiceRequest, codec.dumps(req))
    assert again == req
    assert isinstance(again.window_end, time) and isinstance(again.created_at, datetime)
    assert type(again.preferred_date) is date


def test_visit_round_trip_with_decimal_and_optional_enums():
    visit = Visit(
        call_outcome=CallOutcome.NO_ANSWER,
        current_step=VisitStep.PAYMENT,
        recording_consent=None,
        identification=Identification(source=IdentificationSource.CHIP, verified=True),
        payment=Payment(PaymentMethod.FAST_PAY, Decimal("49.92"), "0.0.1", datetime(2026, 3, 4, 10, 0)),
        delivery_method=DeliveryMethod.COURIER,
    )
    again = codec.loads(Visit, codec.dumps(visit))
    assert again == visit and again.payment.amount == Decimal("49.92")
    empty = Visit()
    assert codec.loads(Visit, codec.dumps(empty)) == empty


def test_missing_and_unknown_keys():
    act = codec.from_dict(Act, {"number": "5/2026", "future_field": 1})
    assert act.number == "5/2026" and act.details == ""
    entry = codec.from_dict(HandoverEntry, {"kit_items_checked": ["laptop"]})
    assert entry.kit_items_checked == ["laptop"]


def test_text_is_kept_as_unicode():
    assert "Коваль" in codec.dumps(Person("Коваль"))
