"""Readable one-line descriptions of a request, for the finish page, the drafts list and the planner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mobile_case.domain import texts, validators
from mobile_case.domain.model import Address, ServiceRequest
from mobile_case.domain.profile import CommunityProfile


def address_text(address: Address, profile: CommunityProfile) -> str:
    """«м. Чортків, вул. Шевченка, 5, кв. 12» — as written on Ukrainian forms."""
    settlement = profile.settlement(address.settlement_code) if address.settlement_code else None
    parts = [settlement.display_name if settlement is not None else address.settlement_name.strip()]
    street = address.street.strip()
    if street:
        parts.append(street)
    house = address.house.strip()
    if house:
        parts.append(house + (f", корп. {address.building.strip()}" if address.building.strip() else ""))
    if address.apartment.strip():
        parts.append(f"кв. {address.apartment.strip()}")
    return ", ".join(p for p in parts if p)


def subject_name(req: ServiceRequest) -> str:
    name = req.subject.full_name
    return name or QCoreApplication.translate("Summary", "(no name yet)")


def service_titles(req: ServiceRequest, profile: CommunityProfile) -> str:
    titles = []
    for code in req.service_codes:
        service = profile.service(code)
        titles.append(service.title if service is not None else code)
    return "; ".join(titles)


def summary_lines(req: ServiceRequest, profile: CommunityProfile) -> list[str]:
    """The request in a few lines (Ukrainian values, translated labels)."""
    s = req.subject
    lines = []
    who = subject_name(req)
    if s.birth_date is not None:
        who += QCoreApplication.translate("Summary", ", born {date}").format(
            date=texts.format_date(s.birth_date)
        )
    lines.append(QCoreApplication.translate("Summary", "Subject: {who}").format(who=who))
    if s.phone:
        lines.append(
            QCoreApplication.translate("Summary", "Phone: {phone}").format(
                phone=validators.format_phone(s.phone)
            )
        )
    rep = req.representative
    if rep is not None and rep.person.full_name:
        relation = f" ({rep.relation})" if rep.relation else ""
        lines.append(
            QCoreApplication.translate("Summary", "Representative: {name}").format(
                name=rep.person.full_name + relation
            )
        )
    lines.append(
        QCoreApplication.translate("Summary", "Channel: {channel}").format(
            channel=texts.CHANNEL_TITLES[req.channel]
        )
    )
    address = address_text(req.address, profile)
    if address:
        place = texts.place_kind_title(req.address.place_kind)
        lines.append(
            QCoreApplication.translate("Summary", "Address: {address} ({place})").format(
                address=address, place=place.lower()
            )
        )
    category = profile.category(req.category_code) if req.category_code else None
    if category is not None:
        lines.append(QCoreApplication.translate("Summary", "Category: {title}").format(title=category.title))
    if req.service_codes:
        lines.append(
            QCoreApplication.translate("Summary", "Services: {titles}").format(
                titles=service_titles(req, profile)
            )
        )
    if req.preferred_date is not None or req.window_start is not None or req.window_end is not None:
        when = texts.format_date(req.preferred_date) if req.preferred_date else ""
        window = texts.format_time_window(req.window_start, req.window_end)
        lines.append(
            QCoreApplication.translate("Summary", "Preferred time: {when}").format(
                when=" ".join(p for p in (when, window) if p)
            )
        )
    lines.append(
        QCoreApplication.translate("Summary", "Payment: {method}").format(
            method=texts.PAYMENT_METHOD_SHORT_TITLES[req.payment_method]
        )
    )
    return lines


def request_line(req: ServiceRequest, profile: CommunityProfile) -> str:
    """One line for lists: «МК-2026-0003 · Шевченко Т. Г. · м. Чортків, вул. …»."""
    parts = [req.number] if req.number else []
    parts.append(req.subject.short_name or subject_name(req))
    address = address_text(req.address, profile)
    if address:
        parts.append(address)
    return " · ".join(parts)
