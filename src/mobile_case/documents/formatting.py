"""How values are written on the forms: None-tolerant dates and times (``domain.texts``), addresses, persons."""

from __future__ import annotations

from datetime import date, datetime, time

from mobile_case.domain import texts
from mobile_case.domain.model import Address, Person
from mobile_case.domain.profile import CommunityProfile


def date_short(d: date | None) -> str:
    """«05.03.2026»; empty when unknown."""
    return texts.format_date(d) if d else ""


def date_long(d: date | None) -> str:
    """«05» березня 2026 р. — the way a date is written on a Ukrainian form; empty when unknown."""
    return texts.format_date_quoted(d) if d else ""


def time_hm(t: time | datetime | None) -> str:
    return texts.format_time(t) if t else ""


def datetime_text(dt: datetime | None) -> str:
    """«05.03.2026, 10:45»."""
    return f"{date_short(dt.date())}, {time_hm(dt)}" if dt else ""


def settlement_title(address: Address, profile: CommunityProfile) -> str:
    if address.settlement_code:
        settlement = profile.settlement(address.settlement_code)
        if settlement is not None:
            return settlement.display_name
    return address.settlement_name


def address_text(address: Address, profile: CommunityProfile, *, with_region: bool = True) -> str:
    """The full postal address: область/район, населений пункт, вулиця, будинок, корпус, квартира, індекс."""
    parts: list[str] = []
    if with_region and profile.region:
        parts.append(profile.region)
    place = settlement_title(address, profile)
    if place:
        parts.append(place)
    if address.street:
        parts.append(address.street)
    if address.house:
        parts.append(f"буд. {address.house}")
    if address.building:
        parts.append(f"корп. {address.building}")
    if address.apartment:
        parts.append(f"кв. {address.apartment}")
    if address.postal_code:
        parts.append(address.postal_code)
    return ", ".join(parts)


def person_line(person: Person) -> str:
    """«Коваль Мар'яна Іванівна, 12.05.1941 р. н.» — ПІБ and date of birth, as the form asks."""
    name = person.full_name
    if person.birth_date:
        return (
            f"{name}, {date_short(person.birth_date)} р. н."
            if name
            else f"{date_short(person.birth_date)} р. н."
        )
    return name
