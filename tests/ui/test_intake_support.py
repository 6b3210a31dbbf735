"""Helpers shared by the intake and outing-planner tests (no tests here).

Real values: a РНОКПП and an УНЗР with correct check digits for a person born on 05.03.1948.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from mobile_case.domain.model import (
    Address,
    Consents,
    Person,
    RequestChannel,
    ServiceRequest,
)

BIRTH = date(1948, 3, 5)
RNOKPP = "1759601236"  # check digit valid, encodes 05.03.1948
UNZR = "19480305-01238"  # 7-3-1 check digit valid for this birth date
PHONE_TYPED = "067 123 45 67"
PHONE_E164 = "+380671234567"
FREE_SERVICE = "residence_owner_consent"  # безоплатно, two documents
PAID_SERVICE = "residence_registration"  # 49,92 грн


def wait(tasks: Any, qtbot: Any | None = None) -> None:
    """Let the debounce timers fire and every database operation finish."""
    from PySide6.QtWidgets import QApplication

    if qtbot is not None:
        qtbot.wait(10)
    for _ in range(3):
        QApplication.processEvents()
        assert tasks.wait_idle(20)


def flush(wizard: Any, tasks: Any) -> None:
    """Save what is typed now and wait until it is stored."""
    wizard.keeper.flush()
    assert tasks.wait_idle(20)
    assert not wizard.keeper.busy


def eligible_request(
    profile: Any, surname: str = "Шевченко", settlement: str = "chortkiv", **kw: Any
) -> ServiceRequest:
    """A request that passes every O 2.3 check (age category, free service, all documents)."""
    service = profile.service(FREE_SERVICE)
    req = ServiceRequest(
        channel=RequestChannel.PHONE,
        subject=Person(
            surname=surname,
            given_name="Тарас",
            patronymic="Григорович",
            birth_date=BIRTH,
            rnokpp=RNOKPP,
            unzr=UNZR,
            phone=PHONE_E164,
        ),
        address=Address(
            settlement_code=settlement,
            settlement_name=profile.settlement(settlement).name,
            street="вул. Шевченка",
            house="5",
            apartment="12",
            door_code="12К",
        ),
        category_code="age_70",
        service_codes=[FREE_SERVICE],
        documents_present={d.code: True for d in service.documents},
        preferred_date=date.today() + timedelta(days=2),
        window_start=time(10, 0),
        window_end=time(12, 0),
        consents=Consents(True, True, True, False),
    )
    for key, value in kw.items():
        setattr(req, key, value)
    return req


def registered_request(services: Any, **kw: Any) -> ServiceRequest:
    """Store an eligible request through the services and register it (state REGISTERED)."""
    draft = services.requests.new_draft(RequestChannel.PHONE)
    req = eligible_request(services.profile, **kw)
    req.id = draft.id
    services.requests.save_draft(req)
    return services.requests.register(req.id)
