"""What the visit screen loads, and the plain rules it shows (no Qt, no database here).

``VisitBundle`` is everything one visit screen needs, read in one go on the database worker by
:func:`load_bundle`. The helpers below derive what the steps display: the services of the request,
the documents to check, the fee, the default list of people present, mismatches between the
request and the identity document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from mobile_case.domain.model import (
    Act,
    CaseState,
    Outing,
    Person,
    ServiceRequest,
    User,
    Visit,
)
from mobile_case.domain.profile import CommunityProfile, Service, ServiceDocument


@dataclass
class VisitBundle:
    visit: Visit
    request: ServiceRequest
    outing: Outing | None = None
    acts: list[Act] = field(default_factory=list)
    user: User | None = None
    deadline: date | None = None

    @property
    def state(self) -> CaseState:
        return self.request.state

    @property
    def finished(self) -> bool:
        return self.request.state in (
            CaseState.COMPLETED,
            CaseState.IMPOSSIBLE,
            CaseState.CANCELLED,
            CaseState.REFUSED,
        )


def current_user(services: Any) -> User | None:
    """The logged-in user of an ``AppServices``, or None."""
    auth = getattr(services, "auth", None)
    user = getattr(auth, "current_user", None) if auth is not None else None
    if user is None:
        session = getattr(services, "session", None)
        user = getattr(session, "user", None) if session is not None else None
    return user


def load_bundle(services: Any, visit_id: str, *, open_visit: bool = False) -> VisitBundle:
    """Read the visit, its request, outing and acts (database worker). With ``open_visit`` a
    SCHEDULED visit is opened first (SCHEDULED → IN_PROGRESS)."""
    visit = services.visits.get(visit_id)
    request = services.requests.get(visit.request_id)
    if open_visit and request.state is CaseState.SCHEDULED:
        visit = services.visits.open(visit_id)
        request = services.requests.get(visit.request_id)
    outing = services.outings.get(visit.outing_id) if visit.outing_id else None
    acts = services.acts.for_request(request.id)
    deadline = services.visits.deadline_for(visit_id) if visit.case_number else None
    return VisitBundle(visit, request, outing, acts, current_user(services), deadline)


def request_services(request: ServiceRequest, profile: CommunityProfile) -> list[Service]:
    """The request's services known to the profile, in the request's order."""
    found = (profile.service(code) for code in request.service_codes)
    return [s for s in found if s is not None]


def service_titles(request: ServiceRequest, profile: CommunityProfile) -> str:
    titles = [s.title for s in request_services(request, profile)]
    unknown = [c for c in request.service_codes if profile.service(c) is None]
    return "; ".join(titles + unknown)


def required_documents(request: ServiceRequest, profile: CommunityProfile) -> list[ServiceDocument]:
    """Every document the request's services need, each once (a document shared by two services is
    checked once), in the order the services list them."""
    seen: set[str] = set()
    docs: list[ServiceDocument] = []
    for service in request_services(request, profile):
        for doc in service.documents:
            if doc.code not in seen:
                seen.add(doc.code)
                docs.append(doc)
    return docs


def missing_documents(
    visit: Visit, request: ServiceRequest, profile: CommunityProfile
) -> list[ServiceDocument]:
    return [d for d in required_documents(request, profile) if not visit.documents_checked.get(d.code, False)]


def fee_total(request: ServiceRequest, profile: CommunityProfile) -> Decimal:
    """The sum of the administrative fees of the request's services (0 when all are free)."""
    total = Decimal("0")
    for service in request_services(request, profile):
        if service.fee:
            total += service.fee
    return total


def default_present_persons(request: ServiceRequest, outing: Outing | None) -> str:
    """The subject, the representative and the escorts of the outing (O 2.6) — to be corrected on site."""
    names: list[str] = []
    if request.subject.full_name:
        names.append(request.subject.full_name)
    if request.representative is not None and request.representative.person.full_name:
        rep = request.representative
        names.append(f"{rep.person.full_name} ({rep.relation})" if rep.relation else rep.person.full_name)
    if outing is not None:
        for escort in outing.escorts:
            if escort.full_name:
                names.append(f"{escort.full_name} ({escort.role})" if escort.role else escort.full_name)
    return "; ".join(names)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("ʼ", "'").split()).casefold()


def person_mismatches(expected: Person, found: Person) -> set[str]:
    """Which of the identity fields differ between the request and the document: a subset of
    {"surname", "given_name", "patronymic", "birth_date", "rnokpp"}. A field empty on either side
    is not compared (nothing to contradict)."""
    result: set[str] = set()
    for name in ("surname", "given_name", "patronymic", "rnokpp"):
        a, b = getattr(expected, name), getattr(found, name)
        if a and b and _norm(a) != _norm(b):
            result.add(name)
    if expected.birth_date and found.birth_date and expected.birth_date != found.birth_date:
        result.add("birth_date")
    return result


def age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
