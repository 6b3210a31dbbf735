"""Eligibility of a request for the mobile workplace (F2; O 1.5, 2.2, 2.3).

``assess(req, profile, today)`` runs four checks, one per refusal reason of O 2.3, and reports every
reason that applies (several may apply at once):

1. NOT_ELIGIBLE_CATEGORY — the subject belongs to none of the profile's categories: the chosen
   category is unknown; the age category needs the age (from the identity document's birth date) to
   reach the threshold; other categories need at least one of their accepted proof documents. A subject
   who has reached the age threshold qualifies by age whatever category was chosen. Membership of the
   community (O 1.5) is part of this check: an IDP (ВПО) shows membership by the IDP certificate.
2. SERVICE_NOT_ON_MOBILE — a chosen service is not in the community's catalogue or is not served on the
   mobile workplace (biometric documents, O 1.6), or no service was chosen.
3. ADDRESS_OUTSIDE_COMMUNITY — the settlement of the visit address is not in the profile's list.
4. DOCUMENTS_INCOMPLETE — a document of the chosen services is not marked as present.

The explanation is written for the citizen: which rule, what was found, what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mobile_case.domain.model import PaymentMethod, RefusalReason, ServiceRequest
from mobile_case.domain.profile import Category, CommunityProfile, Service, ServiceDocument
from mobile_case.domain.texts import (
    REFUSAL_REASON_SHORT_TITLES,
    community_genitive,
    format_age,
    format_date,
    format_money,
    lower_first,
    refusal_reason_text,
    sentence,
)
from mobile_case.domain.validators import age_on

REASON_ORDER: tuple[RefusalReason, ...] = (
    RefusalReason.NOT_ELIGIBLE_CATEGORY,
    RefusalReason.SERVICE_NOT_ON_MOBILE,
    RefusalReason.ADDRESS_OUTSIDE_COMMUNITY,
    RefusalReason.DOCUMENTS_INCOMPLETE,
)


@dataclass
class EligibilityDecision:
    eligible: bool
    reasons: list[RefusalReason]  # empty when eligible; exactly the O 2.3 reasons
    explanation: str  # Ukrainian, complete sentences, shown and stored
    age: int | None
    missing_documents: list[str]  # service document titles not present
    notes: list[str]  # Ukrainian detail lines (why each check passed/failed)
    qualifying_category: str = ""  # code of the category the subject qualifies under, if any
    missing_document_codes: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)  # what to do, one sentence per failed check

    @property
    def reason_set(self) -> frozenset[RefusalReason]:
        return frozenset(self.reasons)


@dataclass
class _Check:
    ok: bool
    note: str  # what was found (for notes and the explanation)
    advice: str = ""  # what to do when not ok


def assess(req: ServiceRequest, profile: CommunityProfile, today: date) -> EligibilityDecision:
    """Assess ``req`` against the community ``profile`` on ``today``. Pure: changes nothing."""
    age = _age(req, today)
    category_check, qualifying = _check_category(req, profile, age, today)
    membership_check = _check_membership(req, profile)
    service_check, services = _check_services(req, profile)
    address_check = _check_address(req, profile)
    docs_check, missing = _check_documents(req, services)

    reasons: list[RefusalReason] = []
    if not (category_check.ok and membership_check.ok):
        reasons.append(RefusalReason.NOT_ELIGIBLE_CATEGORY)
    if not service_check.ok:
        reasons.append(RefusalReason.SERVICE_NOT_ON_MOBILE)
    if not address_check.ok:
        reasons.append(RefusalReason.ADDRESS_OUTSIDE_COMMUNITY)
    if not docs_check.ok:
        reasons.append(RefusalReason.DOCUMENTS_INCOMPLETE)

    checks = [category_check, membership_check, service_check, address_check, docs_check]
    notes = [c.note for c in checks if c.note]
    fee_note = _fee_note(req, services)
    if fee_note:
        notes.append(fee_note)
    advice = [c.advice for c in checks if not c.ok and c.advice]
    explanation = _explain(reasons, checks, profile)
    return EligibilityDecision(
        eligible=not reasons,
        reasons=reasons,
        explanation=explanation,
        age=age,
        missing_documents=[d.title for d in missing],
        notes=notes,
        qualifying_category=qualifying.code if qualifying else "",
        missing_document_codes=[d.code for d in missing],
        advice=advice,
    )


# --------------------------------------------------------------------------------------------------


def _age(req: ServiceRequest, today: date) -> int | None:
    born = req.subject.birth_date
    if born is None or born > today:
        return None
    return age_on(born, today)


def _check_category(
    req: ServiceRequest, profile: CommunityProfile, age: int | None, today: date
) -> tuple[_Check, Category | None]:
    age_cat = profile.age_category()
    threshold = profile.age_threshold
    born = req.subject.birth_date
    by_age = age is not None and age >= threshold

    age_found = ""
    if born is None:
        age_found = "дату народження суб'єкта звернення не вказано, тому вік не визначено"
    elif born > today:
        age_found = f"дата народження {format_date(born)} ще не настала, тому вік не визначено"
    else:
        age_found = f"на {format_date(today)} суб'єкту звернення виповнилося {format_age(age or 0)}"

    chosen = profile.category(req.category_code) if req.category_code else None

    if by_age and age_cat is not None:
        if chosen is None or chosen.code == age_cat.code:
            return _Check(
                True,
                f"Категорія: {lower_first(age_cat.title)} — {age_found} (вік визначено за документом, що посвідчує особу).",
            ), age_cat
        proof_ok, _ = _proof_status(req, chosen, profile)
        if not proof_ok:
            return _Check(
                True,
                f"Категорія: {lower_first(age_cat.title)} — {age_found}. Обрану категорію «{chosen.title}» "
                "документом не підтверджено, але за віком особа має право на послугу.",
            ), age_cat

    if not req.category_code:
        if age_cat is not None and age is not None:
            return _Check(
                False,
                f"Категорію не обрано; {age_found}, а за віком право мають особи від {format_age(threshold)}.",
                "Оберіть категорію з переліку п. 1.5 Порядку і вкажіть документ, що її підтверджує.",
            ), None
        return _Check(
            False,
            "Категорію суб'єкта звернення не обрано.",
            "Оберіть категорію з переліку п. 1.5 Порядку і вкажіть документ, що її підтверджує.",
        ), None

    if chosen is None:
        return _Check(
            False,
            f"Категорії з кодом «{req.category_code}» немає в переліку громади.",
            "Оберіть категорію з переліку п. 1.5 Порядку.",
        ), None

    if chosen.min_age is not None:
        if age is None:
            return _Check(
                False,
                f"Категорія: {lower_first(chosen.title)} — {age_found}.",
                "Вкажіть дату народження за паспортом або ID-карткою.",
            ), None
        return _Check(
            False,
            f"Категорія: {lower_first(chosen.title)} — {age_found}, а право мають особи від {format_age(chosen.min_age)}.",
            "Якщо особа належить до іншої категорії (інвалідність, стан здоров'я, соціальна категорія), "
            "оберіть її і вкажіть підтвердний документ.",
        ), None

    proof_ok, found = _proof_status(req, chosen, profile)
    if proof_ok:
        detail = f" Підтверджено документом: {found}." if found else ""
        return _Check(True, f"Категорія: {chosen.title}.{detail}"), chosen
    accepted = "; ".join(_proof_title(profile, c) for c in chosen.accepted_proof_codes)
    given = [c for c in req.proof_document_codes if c]
    if given:
        given_titles = "; ".join(_proof_title(profile, c) for c in given)
        note = f"Категорія: {chosen.title}. Наданий документ ({given_titles}) не підтверджує цю категорію."
    else:
        note = f"Категорія: {chosen.title}. Документ, що підтверджує категорію, не вказано."
    return _Check(
        False,
        note,
        f"Для цієї категорії потрібен один з документів: {accepted}.",
    ), None


def _proof_status(req: ServiceRequest, category: Category, profile: CommunityProfile) -> tuple[bool, str]:
    if not category.needs_proof:
        return True, ""
    matched = [c for c in req.proof_document_codes if c in category.accepted_proof_codes]
    if matched:
        return True, "; ".join(_proof_title(profile, c) for c in matched)
    return False, ""


def _proof_title(profile: CommunityProfile, code: str) -> str:
    doc = profile.proof_document(code)
    return lower_first(doc.title) if doc else f"невідомий документ «{code}»"


def _check_membership(req: ServiceRequest, profile: CommunityProfile) -> _Check:
    if req.is_idp:
        if req.membership_proof.strip():
            return _Check(
                True,
                "Належність до громади: внутрішньо переміщена особа, подано довідку про взяття на облік ВПО "
                f"({req.membership_proof.strip()}).",
            )
        return _Check(
            False,
            "Суб'єкт звернення — внутрішньо переміщена особа, але довідку про взяття на облік ВПО не вказано.",
            "Для ВПО належність до громади підтверджує довідка про взяття на облік внутрішньо переміщеної особи; "
            "вкажіть її номер і дату.",
        )
    if req.membership_proof.strip():
        return _Check(True, f"Належність до громади: {req.membership_proof.strip()}.")
    return _Check(
        True,
        "Належність до громади визначається місцем реєстрації; документ (паспорт з відміткою, витяг з реєстру "
        "територіальної громади) перевіряється під час візиту.",
    )


def _check_services(req: ServiceRequest, profile: CommunityProfile) -> tuple[_Check, list[Service]]:
    codes = [c for c in dict.fromkeys(req.service_codes) if c]
    if not codes:
        return _Check(
            False,
            "Не обрано жодної адміністративної послуги.",
            "Оберіть послугу з переліку послуг віддаленого робочого місця.",
        ), []
    ok_services: list[Service] = []
    unknown: list[str] = []
    not_mobile: list[Service] = []
    for code in codes:
        service = profile.service(code)
        if service is None:
            unknown.append(code)
        elif not service.mobile_allowed:
            not_mobile.append(service)
        else:
            ok_services.append(service)
    if not unknown and not not_mobile:
        titles = "; ".join(f"«{s.title}»" for s in ok_services)
        return _Check(True, f"Послуги надаються на віддаленому робочому місці: {titles}."), ok_services
    parts: list[str] = []
    for s in not_mobile:
        why = f" ({lower_first(s.mobile_note.rstrip('.'))})" if s.mobile_note else ""
        parts.append(f"послуга «{s.title}» не надається на віддаленому робочому місці{why}")
    if unknown:
        parts.append(
            "послуг з кодами "
            + ", ".join(f"«{c}»" for c in unknown)
            + " немає в переліку послуг ЦНАП громади"
        )
    note = "; ".join(parts)
    note = note[0].upper() + note[1:] + "."
    advice = "Такі послуги можна отримати лише особисто в ЦНАП"
    if not_mobile and profile.cnap_address:
        advice += f" за адресою: {profile.cnap_address}"
    advice += "."
    return _Check(False, note, advice), ok_services


def _check_address(req: ServiceRequest, profile: CommunityProfile) -> _Check:
    addr = req.address
    if addr.settlement_code:
        settlement = profile.settlement(addr.settlement_code)
        if settlement is not None:
            return _Check(
                True, f"Адреса візиту: {settlement.display_name} — населений пункт {_genitive(profile)}."
            )
        found = addr.settlement_name or addr.settlement_code
        return _Check(
            False,
            f"Населеного пункту «{found}» немає в переліку населених пунктів {_genitive(profile)}.",
            "Послуги на віддаленому робочому місці надаються лише за адресами в межах території громади.",
        )
    if addr.settlement_name.strip():
        match = profile.settlement_by_name(addr.settlement_name)
        if match is not None:
            return _Check(
                True, f"Адреса візиту: {match.display_name} — населений пункт {_genitive(profile)}."
            )
        return _Check(
            False,
            f"Населений пункт «{addr.settlement_name.strip()}» знаходиться за межами {_genitive(profile)}.",
            "Послуги на віддаленому робочому місці надаються лише за адресами в межах території громади; "
            "зверніться до ЦНАП за місцем фактичного перебування.",
        )
    return _Check(
        False,
        "Адресу візиту не вказано, тому неможливо встановити, що вона в межах громади.",
        "Оберіть населений пункт зі списку громади і вкажіть повну адресу.",
    )


FEE_RECEIPT_CODE = "fee_receipt"
PAID_DURING_VISIT: frozenset[PaymentMethod] = frozenset({PaymentMethod.FAST_PAY, PaymentMethod.POS_TERMINAL})


def required_documents(
    services: list[Service] | tuple[Service, ...],
    payment_method: PaymentMethod = PaymentMethod.PREPAID_RECEIPT,
) -> list[ServiceDocument]:
    """The documents the subject must have for these services, each once, in the order of the services.

    With fast-pay or the POS terminal of the kit (G 1.5) the fee is paid during the visit and the receipt
    is printed there, so the fee receipt is not asked for at intake."""
    required: dict[str, ServiceDocument] = {}
    for service in services:
        for doc in service.documents:
            if doc.code == FEE_RECEIPT_CODE and PaymentMethod(payment_method) in PAID_DURING_VISIT:
                continue
            required.setdefault(doc.code, doc)
    return list(required.values())


def _check_documents(req: ServiceRequest, services: list[Service]) -> tuple[_Check, list[ServiceDocument]]:
    if not services:
        return _Check(True, ""), []
    required = required_documents(services, req.payment_method)
    paid_later = req.payment_method in PAID_DURING_VISIT and any(
        d.code == FEE_RECEIPT_CODE for s in services for d in s.documents
    )
    later = " Квитанцію про сплату збору буде роздруковано під час візиту." if paid_later else ""
    missing = [doc for doc in required if not req.documents_present.get(doc.code, False)]
    if not missing:
        return _Check(True, f"Усі потрібні документи в наявності ({len(required)}).{later}"), []
    titles = "; ".join(_doc_phrase(d) for d in missing)
    return _Check(
        False,
        f"Відсутні документи, потрібні для послуги: {titles}.{later}",
        "Підготуйте ці документи до візиту адміністратора і повідомте ЦНАП, коли вони будуть у вас.",
    ), missing


def _fee_note(req: ServiceRequest, services: list[Service]) -> str:
    paid = [s for s in services if not s.is_free]
    if paid and req.payment_method == PaymentMethod.FREE:
        titles = "; ".join(f"«{s.title}» — {format_money(s.fee)}" for s in paid)
        return f"Послуга платна ({titles}): узгодьте спосіб оплати (квитанція, fast-pay або POS-термінал)."
    return ""


def _doc_phrase(doc: ServiceDocument) -> str:
    return doc.title + (" (оригінал)" if doc.original_required else "")


def _genitive(profile: CommunityProfile) -> str:
    return community_genitive(profile.community_name)


def _explain(reasons: list[RefusalReason], checks: list[_Check], profile: CommunityProfile) -> str:
    if not reasons:
        lines = [
            "Заявку можна прийняти: суб'єкт звернення належить до категорії осіб, визначених п. 1.5 Порядку, "
            "послуги надаються на віддаленому робочому місці, адреса в межах громади, документи в наявності."
        ]
        lines += [c.note for c in checks if c.note]
        return " ".join(lines)
    count = len(reasons)
    head = (
        "У прийнятті заяви на надання послуг на віддаленому робочому місці відмовлено "
        f"з {'такої причини' if count == 1 else 'таких причин'} (п. 2.3 Порядку):"
    )
    parts = [head]
    for i, reason in enumerate(reasons, start=1):
        parts.append(
            f"{i}) {sentence(refusal_reason_text(reason, profile.community_name))}"
            if count > 1
            else sentence(refusal_reason_text(reason, profile.community_name))
        )
    failed = [c for c in checks if not c.ok]
    parts.append("Що встановлено: " + " ".join(sentence(c.note) for c in failed))
    todo = [c.advice for c in failed if c.advice]
    if todo:
        parts.append("Що робити: " + " ".join(sentence(a) for a in dict.fromkeys(todo)))
    parts.append(
        "Після усунення причин відмови можна звернутися повторно"
        + (f" до ЦНАП ({profile.cnap_address})" if profile.cnap_address else "")
        + "."
    )
    return " ".join(parts)


def explain_short(decision: EligibilityDecision) -> str:
    """One line for lists: «Можна прийняти» or the short reasons."""
    if decision.eligible:
        return "Можна прийняти"
    return "Відмова: " + "; ".join(lower_first(REFUSAL_REASON_SHORT_TITLES[r]) for r in decision.reasons)


__all__ = [
    "EligibilityDecision",
    "FEE_RECEIPT_CODE",
    "PAID_DURING_VISIT",
    "REASON_ORDER",
    "assess",
    "explain_short",
    "required_documents",
]
