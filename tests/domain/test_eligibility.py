"""Eligibility (F2): table-driven over every category, every proof document and every O 2.3 reason."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from mobile_case.domain.eligibility import EligibilityDecision, assess, explain_short, required_documents
from mobile_case.domain.model import Address, PaymentMethod, Person, RefusalReason, ServiceRequest
from mobile_case.domain.texts import REFUSAL_REASON_TITLES
from mobile_case.profiles import communities_dir, load_profile

TODAY = date(2026, 11, 23)
R = RefusalReason

_PROFILES = {name: load_profile(communities_dir() / f"{name}.toml") for name in ("chortkiv", "illintsi")}


def _years_ago(years: int, days: int = 0) -> date:
    from datetime import timedelta

    return TODAY.replace(year=TODAY.year - years) - timedelta(days=days)


def _request(profile, **kw) -> ServiceRequest:
    """An eligible request by default: 40 years old, first non-age category with its first proof,
    a settlement of the community, the first mobile service with all its documents present."""
    service = profile.mobile_services()[0]
    cat = next(c for c in profile.categories if c.min_age is None)
    req = ServiceRequest(
        subject=Person(surname="Шевченко", given_name="Марія", birth_date=_years_ago(40)),
        category_code=cat.code,
        proof_document_codes=[cat.accepted_proof_codes[0]],
        address=Address(settlement_code=profile.settlements[-1].code, street="Шевченка", house="1"),
        service_codes=[service.code],
        documents_present={d.code: True for d in service.documents},
    )
    for key, value in kw.items():
        setattr(req, key, value)
    return req


def _check_explanation(decision: EligibilityDecision, profile) -> None:
    text = decision.explanation
    assert text and text.endswith(".")
    assert "  " not in text
    if decision.eligible:
        assert decision.reasons == [] and text.startswith("Заявку можна прийняти")
        return
    assert text.startswith("У прийнятті заяви")
    assert "п. 2.3 Порядку" in text
    for reason in decision.reasons:
        wording = REFUSAL_REASON_TITLES[reason]
        if reason == R.ADDRESS_OUTSIDE_COMMUNITY:
            wording = wording.replace("території територіальної громади", "території")
        assert wording[1:] in text  # O 2.3 wording, capitalised as a sentence
    assert "Що встановлено:" in text
    assert "Що робити:" in text
    assert len(decision.notes) >= 1


@pytest.fixture(params=sorted(_PROFILES))
def profile(request):
    return _PROFILES[request.param]


def test_default_request_is_eligible(profile):
    decision = assess(_request(profile), profile, TODAY)
    assert decision.eligible, decision.explanation
    assert decision.age == 40
    _check_explanation(decision, profile)


# --- categories × proof documents ---------------------------------------------------------------

_CATEGORY_PROOF_CASES = [
    (name, cat.code, doc.code, doc.code in cat.accepted_proof_codes)
    for name, prof in _PROFILES.items()
    for cat in prof.categories
    if cat.min_age is None
    for doc in prof.proof_documents
]


@pytest.mark.parametrize(("profile_name", "category", "proof", "accepted"), _CATEGORY_PROOF_CASES)
def test_every_category_with_every_proof_document(profile_name, category, proof, accepted):
    profile = _PROFILES[profile_name]
    req = _request(profile, category_code=category, proof_document_codes=[proof])
    decision = assess(req, profile, TODAY)
    assert decision.eligible is accepted, decision.explanation
    if accepted:
        assert decision.qualifying_category == category
        assert profile.proof_document(proof).title[1:] in " ".join(decision.notes)
    else:
        assert decision.reasons == [R.NOT_ELIGIBLE_CATEGORY]
        assert "не підтверджує цю категорію" in decision.explanation
        assert "потрібен один з документів" in decision.explanation
    _check_explanation(decision, profile)


@pytest.mark.parametrize(
    ("profile_name", "category"),
    [(n, c.code) for n, p in _PROFILES.items() for c in p.categories if c.min_age is None],
)
def test_category_without_any_proof_is_refused(profile_name, category):
    profile = _PROFILES[profile_name]
    decision = assess(_request(profile, category_code=category, proof_document_codes=[]), profile, TODAY)
    assert decision.reasons == [R.NOT_ELIGIBLE_CATEGORY]
    assert "не вказано" in decision.explanation
    _check_explanation(decision, profile)


@pytest.mark.parametrize(
    ("profile_name", "category"),
    [(n, c.code) for n, p in _PROFILES.items() for c in p.categories if c.min_age is None],
)
def test_any_accepted_proof_among_several_documents_is_enough(profile_name, category):
    profile = _PROFILES[profile_name]
    cat = profile.category(category)
    others = [d.code for d in profile.proof_documents if d.code not in cat.accepted_proof_codes]
    req = _request(
        profile, category_code=category, proof_document_codes=[*others, cat.accepted_proof_codes[-1]]
    )
    assert assess(req, profile, TODAY).eligible


# --- age ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "days_more", "eligible"),
    [
        (0, 0, True),
        (0, 1, True),
        (5, 0, True),
        (30, 0, True),
        (-1, 0, False),
        (0, -1, False),
        (-20, 0, False),
    ],
)
def test_age_category_threshold(profile, years, days_more, eligible):
    threshold = profile.age_threshold
    born = _years_ago(threshold + years, days_more)
    req = _request(
        profile,
        category_code=profile.age_category().code,
        proof_document_codes=[],
        subject=Person(birth_date=born),
    )
    decision = assess(req, profile, TODAY)
    assert decision.eligible is eligible, decision.explanation
    assert decision.age == threshold + years - (1 if days_more < 0 and years == 0 else 0)
    if not eligible:
        assert decision.reasons == [R.NOT_ELIGIBLE_CATEGORY]
        assert f"від {threshold} років" in decision.explanation
    _check_explanation(decision, profile)


def test_age_needs_a_birth_date(profile):
    req = _request(
        profile,
        category_code=profile.age_category().code,
        proof_document_codes=[],
        subject=Person(birth_date=None),
    )
    decision = assess(req, profile, TODAY)
    assert decision.reasons == [R.NOT_ELIGIBLE_CATEGORY] and decision.age is None
    assert "дату народження суб'єкта звернення не вказано" in decision.explanation


def test_birth_date_in_the_future(profile):
    req = _request(
        profile,
        category_code=profile.age_category().code,
        proof_document_codes=[],
        subject=Person(birth_date=date(2030, 1, 1)),
    )
    decision = assess(req, profile, TODAY)
    assert decision.reasons == [R.NOT_ELIGIBLE_CATEGORY] and decision.age is None
    assert "ще не настала" in decision.explanation


def test_leap_day_birthday():
    profile = _PROFILES["chortkiv"]
    req = _request(
        profile, category_code="age_70", proof_document_codes=[], subject=Person(birth_date=date(1956, 2, 29))
    )
    assert not assess(req, profile, date(2026, 2, 28)).eligible
    assert assess(req, profile, date(2026, 3, 1)).eligible


def test_old_enough_qualifies_by_age_whatever_category(profile):
    """An 85-year-old with an unproven disability category still qualifies by age (O 1.5)."""
    born = _years_ago(85)
    for cat in profile.categories:
        req = _request(
            profile, category_code=cat.code, proof_document_codes=[], subject=Person(birth_date=born)
        )
        decision = assess(req, profile, TODAY)
        assert decision.eligible, (cat.code, decision.explanation)
        assert decision.qualifying_category == profile.age_category().code
    no_category = _request(
        profile, category_code="", proof_document_codes=[], subject=Person(birth_date=born)
    )
    assert assess(no_category, profile, TODAY).eligible


def test_proven_category_wins_over_age(profile):
    cat = next(c for c in profile.categories if c.min_age is None)
    req = _request(profile, subject=Person(birth_date=_years_ago(90)))
    decision = assess(req, profile, TODAY)
    assert decision.eligible and decision.qualifying_category == cat.code


def test_no_category_and_too_young(profile):
    decision = assess(_request(profile, category_code="", proof_document_codes=[]), profile, TODAY)
    assert decision.reasons == [R.NOT_ELIGIBLE_CATEGORY]
    assert "Категорію не обрано" in decision.explanation


def test_unknown_category(profile):
    decision = assess(_request(profile, category_code="pensioner"), profile, TODAY)
    assert decision.reasons == [R.NOT_ELIGIBLE_CATEGORY]
    assert "«pensioner»" in decision.explanation


def test_chortkiv_70_is_not_enough_in_illintsi():
    req = _request(
        _PROFILES["illintsi"],
        category_code="age_80",
        proof_document_codes=[],
        subject=Person(birth_date=_years_ago(75)),
    )
    assert not assess(req, _PROFILES["illintsi"], TODAY).eligible
    req.category_code = "age_70"
    req.address = Address(settlement_code="chortkiv")
    assert assess(req, _PROFILES["chortkiv"], TODAY).eligible


# --- membership: IDP --------------------------------------------------------------------------


def test_idp_with_certificate(profile):
    req = _request(profile, is_idp=True, membership_proof="довідка ВПО № 0512-7001234567 від 12.03.2024")
    decision = assess(req, profile, TODAY)
    assert decision.eligible
    assert "внутрішньо переміщена особа" in " ".join(decision.notes)


def test_idp_without_certificate(profile):
    decision = assess(_request(profile, is_idp=True, membership_proof="  "), profile, TODAY)
    assert decision.reasons == [R.NOT_ELIGIBLE_CATEGORY]
    assert "довідку про взяття на облік ВПО не вказано" in decision.explanation


def test_registration_proof_is_noted(profile):
    decision = assess(
        _request(profile, membership_proof="паспорт з відміткою про реєстрацію"), profile, TODAY
    )
    assert decision.eligible
    assert any("паспорт з відміткою" in n for n in decision.notes)


# --- address ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile_name", "settlement"), [(n, s.code) for n, p in _PROFILES.items() for s in p.settlements]
)
def test_every_settlement_of_the_community_is_inside(profile_name, settlement):
    profile = _PROFILES[profile_name]
    decision = assess(_request(profile, address=Address(settlement_code=settlement)), profile, TODAY)
    assert decision.eligible
    assert profile.settlement(settlement).display_name in " ".join(decision.notes)


@pytest.mark.parametrize(
    "address",
    [
        Address(settlement_code="ternopil", settlement_name="Тернопіль"),
        Address(settlement_code="", settlement_name="с. Улашківці"),
        Address(settlement_code="", settlement_name=""),
    ],
)
def test_address_outside(profile, address):
    decision = assess(_request(profile, address=address), profile, TODAY)
    assert decision.reasons == [R.ADDRESS_OUTSIDE_COMMUNITY]
    _check_explanation(decision, profile)
    if address.settlement_name:
        assert address.settlement_name.strip() in decision.explanation
    else:
        assert "Адресу візиту не вказано" in decision.explanation


def test_settlement_typed_by_name_inside(profile):
    name = profile.settlements[0].display_name  # «м. Чортків»
    decision = assess(_request(profile, address=Address(settlement_name=name)), profile, TODAY)
    assert decision.eligible


def test_outside_address_names_the_community():
    profile = _PROFILES["chortkiv"]
    decision = assess(_request(profile, address=Address(settlement_name="Тернопіль")), profile, TODAY)
    assert "за межами території Чортківської міської територіальної громади" in decision.explanation


# --- services -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile_name", "service"), [(n, s.code) for n, p in _PROFILES.items() for s in p.services]
)
def test_every_service(profile_name, service):
    profile = _PROFILES[profile_name]
    svc = profile.service(service)
    req = _request(profile, service_codes=[service], documents_present={d.code: True for d in svc.documents})
    decision = assess(req, profile, TODAY)
    if svc.mobile_allowed:
        assert decision.eligible, decision.explanation
    else:
        assert decision.reasons == [R.SERVICE_NOT_ON_MOBILE]
        assert svc.title in decision.explanation
        assert "лише особисто в ЦНАП" in decision.explanation
    _check_explanation(decision, profile)


def test_unknown_service(profile):
    decision = assess(_request(profile, service_codes=["teleportation"]), profile, TODAY)
    assert decision.reasons == [R.SERVICE_NOT_ON_MOBILE]
    assert "«teleportation»" in decision.explanation


def test_no_service(profile):
    decision = assess(_request(profile, service_codes=[]), profile, TODAY)
    assert decision.reasons == [R.SERVICE_NOT_ON_MOBILE]
    assert "Не обрано жодної адміністративної послуги" in decision.explanation


def test_mobile_and_non_mobile_service_together(profile):
    mobile = profile.mobile_services()[0]
    non_mobile = next(s for s in profile.services if not s.mobile_allowed)
    req = _request(
        profile,
        service_codes=[mobile.code, non_mobile.code],
        documents_present={d.code: True for d in mobile.documents},
    )
    decision = assess(req, profile, TODAY)
    assert decision.reasons == [R.SERVICE_NOT_ON_MOBILE]
    assert decision.missing_documents == []  # documents of a refused service are not asked for


def test_illintsi_does_not_offer_an_excluded_service():
    chortkiv, illintsi = _PROFILES["chortkiv"], _PROFILES["illintsi"]
    excluded = {s.code for s in chortkiv.services} - {s.code for s in illintsi.services}
    for code in excluded:
        decision = assess(_request(illintsi, service_codes=[code]), illintsi, TODAY)
        assert R.SERVICE_NOT_ON_MOBILE in decision.reasons


# --- documents ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "document"),
    [(s.code, d.code) for s in _PROFILES["chortkiv"].mobile_services() for d in s.documents],
)
def test_each_missing_document(service, document):
    profile = _PROFILES["chortkiv"]
    svc = profile.service(service)
    present = {d.code: True for d in svc.documents}
    present[document] = False
    decision = assess(_request(profile, service_codes=[service], documents_present=present), profile, TODAY)
    assert decision.reasons == [R.DOCUMENTS_INCOMPLETE]
    assert decision.missing_document_codes == [document]
    title = svc.document(document).title
    assert decision.missing_documents == [title]
    assert title in decision.explanation
    _check_explanation(decision, profile)


def test_documents_of_several_services_are_merged(profile):
    services = [
        s for s in profile.mobile_services() if any(d.code == "identity_document" for d in s.documents)
    ][:3]
    codes = {d.code for s in services for d in s.documents}
    req = _request(
        profile, service_codes=[s.code for s in services], documents_present={c: True for c in codes}
    )
    assert assess(req, profile, TODAY).eligible
    req.documents_present = {}
    decision = assess(req, profile, TODAY)
    assert decision.reasons == [R.DOCUMENTS_INCOMPLETE]
    assert sorted(decision.missing_document_codes) == sorted(codes)  # each document once
    assert len(decision.missing_documents) == len(codes)


# --- every combination of reasons ---------------------------------------------------------------

_BREAKERS = {
    R.NOT_ELIGIBLE_CATEGORY: dict(proof_document_codes=[]),
    R.SERVICE_NOT_ON_MOBILE: None,  # built per profile (adds a non-mobile service)
    R.ADDRESS_OUTSIDE_COMMUNITY: dict(address=Address(settlement_name="Київ")),
    R.DOCUMENTS_INCOMPLETE: dict(documents_present={}),
}


@pytest.mark.parametrize(
    "combo",
    [c for n in range(1, 5) for c in itertools.combinations(list(RefusalReason), n)],
    ids=lambda c: "+".join(r.value for r in c),
)
def test_every_combination_of_refusal_reasons(profile, combo):
    req = _request(profile)
    for reason in combo:
        if reason == R.SERVICE_NOT_ON_MOBILE:
            non_mobile = next(s for s in profile.services if not s.mobile_allowed)
            req.service_codes = [*req.service_codes, non_mobile.code]
        else:
            for key, value in _BREAKERS[reason].items():
                setattr(req, key, value)
    decision = assess(req, profile, TODAY)
    assert not decision.eligible
    assert decision.reasons == [r for r in RefusalReason if r in combo]  # O 2.3 order, no extras
    _check_explanation(decision, profile)
    if len(combo) > 1:
        assert "з таких причин" in decision.explanation
        assert all(f"{i})" in decision.explanation for i in range(1, len(combo) + 1))
    else:
        assert "з такої причини" in decision.explanation
    assert explain_short(decision).startswith("Відмова: ")


def test_assess_is_pure(profile):
    req = _request(profile, documents_present={})
    before = repr(req)
    assess(req, profile, TODAY)
    assert repr(req) == before


def test_explain_short_when_eligible(profile):
    assert explain_short(assess(_request(profile), profile, TODAY)) == "Можна прийняти"


# --- payment and the fee receipt (G 1.5) --------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "receipt_needed"),
    [
        (PaymentMethod.PREPAID_RECEIPT, True),
        (PaymentMethod.FREE, True),
        (PaymentMethod.FAST_PAY, False),
        (PaymentMethod.POS_TERMINAL, False),
    ],
)
def test_fee_receipt_not_needed_when_paid_during_the_visit(method, receipt_needed):
    profile = _PROFILES["chortkiv"]
    svc = profile.service("residence_registration")
    present = {d.code: True for d in svc.documents if d.code != "fee_receipt"}
    req = _request(profile, service_codes=[svc.code], documents_present=present, payment_method=method)
    decision = assess(req, profile, TODAY)
    assert decision.eligible is not receipt_needed, decision.explanation
    codes = [d.code for d in required_documents([svc], method)]
    assert ("fee_receipt" in codes) is receipt_needed
    if not receipt_needed:
        assert "буде роздруковано під час візиту" in " ".join(decision.notes)
    else:
        assert decision.missing_document_codes == ["fee_receipt"]


def test_paid_service_with_free_payment_method_is_noted():
    profile = _PROFILES["chortkiv"]
    svc = profile.service("residence_registration")
    req = _request(profile, service_codes=[svc.code], documents_present={d.code: True for d in svc.documents})
    decision = assess(req, profile, TODAY)
    assert decision.eligible
    assert any("49,92 грн" in n and "узгодьте спосіб оплати" in n for n in decision.notes)
    req.payment_method = PaymentMethod.PREPAID_RECEIPT
    assert not any("узгодьте" in n for n in assess(req, profile, TODAY).notes)
