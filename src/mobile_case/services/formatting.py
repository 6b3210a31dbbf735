"""One-line texts the services put into acts and journal lines (the PDFs format their own)."""

from __future__ import annotations

from mobile_case.domain.model import Address
from mobile_case.domain.profile import CommunityProfile


def address_line(profile: CommunityProfile, address: Address) -> str:
    """«с. Біла, вул. Шевченка, буд. 5, кв. 2» — settlement from the profile when it is on the list."""
    settlement = profile.settlement(address.settlement_code) if address.settlement_code else None
    parts = [settlement.display_name if settlement else address.settlement_name, address.street]
    if address.house:
        parts.append(f"буд. {address.house}")
    if address.building:
        parts.append(f"корп. {address.building}")
    if address.apartment:
        parts.append(f"кв. {address.apartment}")
    return ", ".join(p for p in parts if p)


def settlement_name(profile: CommunityProfile, address: Address) -> str:
    settlement = profile.settlement(address.settlement_code) if address.settlement_code else None
    return settlement.name if settlement else address.settlement_name


def service_titles(profile: CommunityProfile, codes: list[str]) -> str:
    titles = []
    for code in codes:
        service = profile.service(code)
        titles.append(service.title if service else code)
    return "; ".join(titles)
