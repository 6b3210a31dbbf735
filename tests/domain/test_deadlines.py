"""Working calendar and deadlines (law art. 13: the next working day; service terms)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mobile_case.domain.deadlines import (
    WorkingCalendar,
    handover_deadline,
    latest_due_date,
    public_holidays,
    service_due_date,
    term_due_date,
)
from mobile_case.domain.profile import Service, ServiceDocument

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 23) + timedelta(days=i) for i in range(7))
CAL = WorkingCalendar()


def _service(days: int, kind: str) -> Service:
    doc = ServiceDocument("identity_document", "Паспорт", True)
    return Service("x", "Послуга", "ЦНАП", "Група", (doc,), Decimal("1"), "", days, "", True, term_kind=kind)


def test_week():
    assert MON.weekday() == 0
    assert [CAL.is_working_day(d) for d in (MON, TUE, WED, THU, FRI, SAT, SUN)] == [True] * 5 + [False] * 2


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (MON, TUE),
        (THU, FRI),
        (FRI, MON + timedelta(days=7)),
        (SAT, MON + timedelta(days=7)),
        (SUN, MON + timedelta(days=7)),
    ],
)
def test_handover_next_working_day(received, deadline):
    assert handover_deadline(received, CAL) == deadline


def test_martial_law_default_has_no_public_holidays():
    # 1 January 2027 is a Friday: a working day under martial law with the default calendar
    assert CAL.is_working_day(date(2027, 1, 1))
    assert handover_deadline(date(2026, 12, 31), CAL) == date(2027, 1, 1)


def test_configured_holidays_and_working_weekends():
    cal = WorkingCalendar(holidays=public_holidays(2027), working_weekends=[date(2027, 1, 9)])
    assert not cal.is_working_day(date(2027, 1, 1))
    assert handover_deadline(date(2026, 12, 31), cal) == date(2027, 1, 4)
    assert cal.is_working_day(date(2027, 1, 9))  # a Saturday declared working
    assert handover_deadline(date(2027, 1, 8), cal) == date(2027, 1, 9)
    assert date(2027, 8, 24) in public_holidays(2027) and date(2027, 12, 25) in public_holidays(2027)
    assert len(public_holidays(2027)) == 9


def test_custom_weekend():
    cal = WorkingCalendar(weekend=(6,))  # a six-day week
    assert cal.is_working_day(SAT) and not cal.is_working_day(SUN)
    assert cal.next_working_day(FRI) == SAT
    with pytest.raises(ValueError):
        WorkingCalendar(weekend=range(7))
    with pytest.raises(ValueError):
        WorkingCalendar(weekend=(7,))


def test_add_working_days():
    assert CAL.add_working_days(MON, 0) == MON
    assert CAL.add_working_days(SAT, 0) == MON + timedelta(days=7)
    assert CAL.add_working_days(MON, 1) == TUE
    assert CAL.add_working_days(THU, 2) == MON + timedelta(days=7)
    assert CAL.add_working_days(MON, 5) == MON + timedelta(days=7)
    assert CAL.add_working_days(FRI, 10) == FRI + timedelta(days=14)
    with pytest.raises(ValueError):
        CAL.add_working_days(MON, -1)
    holiday_cal = WorkingCalendar(holidays=[TUE, WED])
    assert holiday_cal.add_working_days(MON, 2) == FRI


def test_working_days_between():
    assert CAL.working_days_between(MON, MON) == 0
    assert CAL.working_days_between(MON, FRI) == 4
    assert CAL.working_days_between(FRI, MON + timedelta(days=7)) == 1
    assert CAL.working_days_between(FRI, MON) == 0


def test_term_due_dates():
    assert term_due_date(MON, 10, False, CAL) == THU + timedelta(days=7)
    assert term_due_date(WED, 10, False, CAL) == MON + timedelta(days=14)  # Saturday -> Monday
    assert term_due_date(MON, 5, True, CAL) == MON + timedelta(days=7)
    with pytest.raises(ValueError):
        term_due_date(MON, -1, True, CAL)


def test_service_due_dates(chortkiv):
    cal = WorkingCalendar.from_profile(chortkiv)
    assert service_due_date(MON, _service(10, "calendar"), cal) == THU + timedelta(days=7)
    assert service_due_date(MON, _service(5, "working"), cal) == MON + timedelta(days=7)
    property_reg = chortkiv.service("property_ownership_registration")  # 5 working days
    subsidy = chortkiv.service("housing_subsidy")  # 10 calendar days
    assert service_due_date(FRI, property_reg, cal) == FRI + timedelta(days=7)
    assert latest_due_date(MON, [property_reg, subsidy], cal) == THU + timedelta(days=7)
    assert latest_due_date(MON, [], cal) is None


def test_calendar_without_any_working_day_is_reported():
    cal = WorkingCalendar(
        weekend=(0, 1, 2, 3, 4, 5), holidays=[SUN + timedelta(days=7 * i) for i in range(600)]
    )
    with pytest.raises(ValueError):
        cal.next_working_day(MON)
