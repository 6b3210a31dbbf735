"""Working calendar and deadlines (F11).

* Law «Про адміністративні послуги», art. 13: documents received on a remote workplace go to the
  service provider no later than the next working day — ``handover_deadline(received, cal)``.
* Each service has its own term in calendar or working days — ``service_due_date(start, service, cal)``.

Holidays are configurable (community profile ``holidays`` and ``working_weekends``): under martial law the
public holidays of art. 73 of the Labour Code are NOT days off (art. 6 of the Law «Про організацію
трудових відносин в умовах воєнного стану»), so the default calendar has only Saturdays and Sundays off.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mobile_case.domain.profile import CommunityProfile, Service

# Public holidays of art. 73 of the Labour Code (fixed dates) — for use after martial law ends.
# Easter and Trinity move each year; Christmas is 25 December since 2023.
FIXED_PUBLIC_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Новий рік"),
    (3, 8, "Міжнародний жіночий день"),
    (5, 1, "День праці"),
    (5, 8, "День пам'яті та перемоги над нацизмом у Другій світовій війні 1939–1945 років"),
    (6, 28, "День Конституції України"),
    (7, 15, "День Української Державності"),
    (8, 24, "День незалежності України"),
    (10, 1, "День захисників і захисниць України"),
    (12, 25, "Різдво Христове"),
)

_MAX_SCAN_DAYS = 3660  # a calendar where no day is working is a configuration error


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days: Monday–Friday unless listed in ``holidays``; plus ``working_weekends``."""

    holidays: Iterable[date] = ()
    weekend: Iterable[int] = (5, 6)  # date.weekday(): 5 = Saturday, 6 = Sunday
    working_weekends: Iterable[date] = ()
    _holidays: frozenset[date] = field(init=False, repr=False, compare=False)
    _weekend: frozenset[int] = field(init=False, repr=False, compare=False)
    _working: frozenset[date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weekend = frozenset(int(d) for d in self.weekend)
        if not weekend <= set(range(7)):
            raise ValueError("weekend days must be 0..6 (Monday..Sunday)")
        if len(weekend) == 7:
            raise ValueError("a calendar needs at least one working weekday")
        object.__setattr__(self, "_holidays", frozenset(self.holidays))
        object.__setattr__(self, "_weekend", weekend)
        object.__setattr__(self, "_working", frozenset(self.working_weekends))

    @classmethod
    def from_profile(cls, profile: CommunityProfile) -> WorkingCalendar:
        return cls(holidays=profile.holidays, working_weekends=profile.working_weekends)

    def is_working_day(self, d: date) -> bool:
        if d in self._working:
            return True
        if d in self._holidays:
            return False
        return d.weekday() not in self._weekend

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self._scan(d + timedelta(days=1))

    def working_day_on_or_after(self, d: date) -> date:
        return self._scan(d)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (``n`` = 0 gives ``d`` moved to a working day if needed)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return self.working_day_on_or_after(d)
        current = d
        for _ in range(n):
            current = self.next_working_day(current)
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end] — how many working days after ``start`` up to ``end`` inclusive."""
        if end <= start:
            return 0
        return sum(
            1 for i in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=i))
        )

    def _scan(self, d: date) -> date:
        for i in range(_MAX_SCAN_DAYS):
            candidate = d + timedelta(days=i)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("no working day within ten years: check the holidays of the calendar")


def public_holidays(year: int) -> tuple[date, ...]:
    """The fixed-date public holidays of art. 73 of the Labour Code for a year (for peacetime calendars)."""
    return tuple(date(year, m, d) for m, d, _ in FIXED_PUBLIC_HOLIDAYS)


def handover_deadline(received: date, cal: WorkingCalendar) -> date:
    """The last day to hand the documents to the service provider: the next working day (law art. 13)."""
    return cal.next_working_day(received)


def term_due_date(start: date, days: int, working: bool, cal: WorkingCalendar) -> date:
    """The day a term of ``days`` ends, counted from the day after ``start``.

    Calendar terms that end on a day off move to the next working day (Civil Code art. 254 part 5)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if working:
        return cal.add_working_days(start, days)
    end = start + timedelta(days=days)
    return cal.working_day_on_or_after(end)


def service_due_date(start: date, service: Service, cal: WorkingCalendar) -> date:
    """When the result of ``service`` is due, counting its term from the registration day ``start``."""
    return term_due_date(start, service.term_days, service.term_kind == "working", cal)


def latest_due_date(start: date, services: Iterable[Service], cal: WorkingCalendar) -> date | None:
    """The latest due date among several services (one application for several services)."""
    dates = [service_due_date(start, s, cal) for s in services]
    return max(dates) if dates else None


# -- how long a visit recording is kept (O 2.9): three months after the service day, then destroyed --
RECORDING_KEEP_MONTHS = 3


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months; the day is clamped to the target month's last day."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def keep_until(service_day: date) -> date:
    """The last day a recording of ``service_day`` is kept (three months, O 2.9) — on the kit and on the
    CNAP station alike."""
    return add_months(service_day, RECORDING_KEEP_MONTHS)
