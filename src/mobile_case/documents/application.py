"""Додаток 2: «ЗАЯВА на отримання адміністративної послуги із застосуванням спеціального автоматизованого
комплексу «Мобільний кейс»», laid out like the form of the Order, pre-filled from the request and the visit.

Every value that is known is written on its line; what is not known yet (a time, a date of signing) and
every signature is left as an empty ruled line for the pen. The three consents of the ПРИМІТКИ are printed
word for word, each with its signature line and a mark of what the applicant chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from mobile_case.documents.formatting import address_text, date_long, person_line, time_hm
from mobile_case.documents.layout import (
    Styles,
    box,
    build_pdf,
    content_width,
    esc,
    form_row,
    label,
    right_block,
    styles,
    value,
)
from mobile_case.domain.model import RequestChannel, ServiceRequest, Visit
from mobile_case.domain.profile import CommunityProfile

ORDER_NAME = (
    "Порядку надання адміністративних послуг на пересувному віддаленому робочому місці адміністратора "
    "із застосуванням спеціального автоматизованого комплексу «Мобільний кейс»"
)

TITLE = "ЗАЯВА"
SUBTITLE = (
    "на отримання адміністративної послуги із застосуванням спеціального автоматизованого комплексу "
    "«Мобільний кейс»"
)
PURPOSE_TEXT = (
    "скориставшись можливістю отримання адміністративної послуги із застосуванням спеціального "
    "автоматизованого комплексу «Мобільний кейс», оскільки"
)
ATTACHMENT_IDENTITY = "копія документа, що посвідчує особу суб'єкта звернення"
ATTACHMENT_CATEGORY = "копія документа, що підтверджує категорію осіб, передбачених п. 1.5 Порядку"

# The three consents of the form's ПРИМІТКИ, word for word (Додаток 2 of the Order).
CONSENT_NO_TRANSFER = (
    "Відповідно до ст.11 Закону України «Про інформацію», ст.7 Закону України «Про доступ до публічної "
    "інформації» забороняю без моєї згоди передачу інформації відносно мене третім особам."
)
CONSENT_PERSONAL_DATA = (
    "Відповідно до ст. 11 Закону України «Про захист персональних даних» надаю згоду на обробку та "
    "використання моїх персональних даних для здійснення повноважень, пов'язаних із розглядом даної заяви."
)
CONSENT_RECORDING = (
    "Ознайомлений та зобов'язуюсь попередити всіх осіб, присутніх при наданні адміністративної послуги, "
    "з тим, що під час надання адміністративної послуги із застосуванням спеціального автоматизованого "
    "комплексу «Мобільний кейс» проводиться відео та аудіо фіксація, та надаю на це свою згоду."
)
CONSENT_TEXTS: tuple[str, str, str] = (CONSENT_NO_TRANSFER, CONSENT_PERSONAL_DATA, CONSENT_RECORDING)


def decision_reference(profile: CommunityProfile) -> str:
    """The council's decision that approved the Order, as it stands in brackets under «до Порядку …»."""
    text = profile.council_decision.strip()
    return "р" + text[1:] if text.startswith("Рішення") else text


@dataclass(frozen=True)
class _Consent:
    text: str
    given: bool
    mark_label: str  # «Згоду надано:» / «Заборону висловлено:»


def _services(req: ServiceRequest, profile: CommunityProfile) -> list[str]:
    titles = []
    for code in req.service_codes:
        service = profile.service(code)
        titles.append(service.title if service else code)
    return titles


def _documents_checklist(req: ServiceRequest, profile: CommunityProfile, visit: Visit | None) -> list[str]:
    """One markup line per document of each chosen service, with a box: present (☒) or not (☐)."""
    checked = dict(req.documents_present)
    if visit is not None:
        checked.update(visit.documents_checked)
    lines: list[str] = []
    for code in req.service_codes:
        service = profile.service(code)
        if service is None or not service.documents:
            continue
        lines.append(f"<i>до послуги «{esc(service.title)}»:</i>")
        for doc in service.documents:
            note = " (оригінал)" if doc.original_required else ""
            lines.append(f"{box(bool(checked.get(doc.code)))} {esc(doc.title)}{note}")
    return lines


def _category_reason(req: ServiceRequest, profile: CommunityProfile) -> str:
    if req.category_reason.strip():
        return req.category_reason.strip()
    category = profile.category(req.category_code) if req.category_code else None
    if category is None:
        return ""
    return category.reason_text or category.title


def _proof_text(req: ServiceRequest, profile: CommunityProfile) -> str:
    titles = []
    for code in req.proof_document_codes:
        doc = profile.proof_document(code)
        titles.append(doc.title if doc else code)
    text = "; ".join(titles)
    if req.proof_note.strip():
        text = f"{text} ({req.proof_note.strip()})" if text else req.proof_note.strip()
    return text


def _consents(req: ServiceRequest, visit: Visit | None) -> list[_Consent]:
    recording = req.consents.recording
    if visit is not None and visit.recording_consent is not None:
        recording = visit.recording_consent
    return [
        _Consent(CONSENT_NO_TRANSFER, req.consents.no_third_party_transfer, "Заборону висловлено:"),
        _Consent(CONSENT_PERSONAL_DATA, req.consents.personal_data_processing, "Згоду надано:"),
        _Consent(CONSENT_RECORDING, recording, "Згоду надано:"),
    ]


def _applicant_lines(req: ServiceRequest) -> list[str]:
    lines = [
        f"від <b>{esc(req.subject.full_name)}</b>" if req.subject.full_name else "від ____________________"
    ]
    phone = req.subject.phone
    rep = req.representative
    if rep is not None and rep.person.full_name:
        relation = f" ({esc(rep.relation)})" if rep.relation else ""
        lines.append(f"через представника: {esc(rep.person.full_name)}{relation}")
        phone = rep.person.phone or phone
    if phone:
        lines.append(f"тел.: {esc(phone)}")
    return lines


def _header(req: ServiceRequest, profile: CommunityProfile, st: Styles, width: float) -> list:
    """«Додаток 2 до Порядку …» in the corner, the addressee (the CNAP) and the applicant, the title."""
    corner = [Paragraph("Додаток 2", st.header_small), Paragraph(f"до {esc(ORDER_NAME)}", st.header_small)]
    if profile.council_decision:
        corner.append(Paragraph(f"({esc(decision_reference(profile))})", st.header_small))
    addressee = [Paragraph(f"<b>{esc(profile.cnap_name)}</b>", st.body)]
    if profile.cnap_address:
        addressee.append(Paragraph(esc(profile.cnap_address), st.body))
    addressee.append(Spacer(1, 2 * mm))
    addressee += [Paragraph(line, st.body) for line in _applicant_lines(req)]
    if req.number:
        number = Paragraph(f"№ {esc(req.number)}", st.subtitle)
    else:
        number = Paragraph("№ ____________ (номер буде надано після реєстрації)", st.caption)
    return [
        right_block(corner, width, 80 * mm),
        Spacer(1, 3 * mm),
        right_block(addressee, width, 85 * mm),
        Spacer(1, 4 * mm),
        Paragraph(TITLE, st.title),
        Paragraph(esc(SUBTITLE), st.subtitle),
        number,
        Spacer(1, 3 * mm),
    ]


def _full_address(req: ServiceRequest, profile: CommunityProfile) -> str:
    parts = [address_text(req.address, profile)]
    if req.address.door_code:
        parts.append(f"код вхідних дверей: {req.address.door_code}")
    return "; ".join(p for p in parts if p)


def _request_text(req: ServiceRequest, profile: CommunityProfile, st: Styles, width: float) -> list:
    """«Прошу надати … з … по … адміністративну послугу … за адресою: … оскільки гр. … самостійно не
    пересувається з причини …» — the body of the form, each value on its ruled line."""
    services = [esc(t) for t in _services(req, profile)]
    service_text = (
        "; ".join(f"{i}) {t}" for i, t in enumerate(services, start=1))
        if len(services) > 1
        else (services[0] if services else "")
    )
    return [
        form_row(
            [
                label("Прошу надати"),
                value(esc(date_long(req.preferred_date)), "(дата)", width=55 * mm),
                label("з"),
                value(esc(time_hm(req.window_start)), "(з якої години)", width=28 * mm),
                label("по"),
                value(esc(time_hm(req.window_end)), "(по яку годину)", width=28 * mm),
            ],
            width,
        ),
        form_row(
            [
                label("адміністративну послугу"),
                value(service_text, "(назва адміністративної послуги)", min_lines=2),
            ],
            width,
        ),
        form_row(
            [
                label("за адресою:"),
                value(esc(_full_address(req, profile)), "(повна адреса, код вхідних дверей)", min_lines=2),
            ],
            width,
        ),
        Paragraph(esc(PURPOSE_TEXT), st.body),
        form_row(
            [
                label("гр."),
                value(esc(person_line(req.subject)), "(П.І.Б., дата народження (суб'єкта звернення))"),
            ],
            width,
        ),
        form_row(
            [
                label("самостійно не пересувається з причини"),
                value(esc(_category_reason(req, profile))),
            ],
            width,
        ),
        Spacer(1, 3 * mm),
    ]


def _attachments(req: ServiceRequest, profile: CommunityProfile, visit: Visit | None, st: Styles) -> list:
    """«Додатки:»: the two copies of the form, then the documents of each chosen service with a box."""
    proof = _proof_text(req, profile)
    items = [
        esc(ATTACHMENT_IDENTITY) + ";",
        esc(ATTACHMENT_CATEGORY) + (f": {esc(proof)};" if proof else ";"),
    ]
    story: list = [Paragraph("<b>Додатки:</b>", st.body)]
    story += [Paragraph(f"{i}. {text}", st.body) for i, text in enumerate(items, start=1)]
    checklist = _documents_checklist(req, profile, visit)
    if checklist:
        story.append(
            Paragraph(f"{len(items) + 1}. документи, необхідні для надання послуги (☒ — наявні):", st.body)
        )
        service_style = st.cell.clone("checklist_service", fontSize=9, leading=11, leftIndent=12)
        document_style = service_style.clone("checklist_document", leftIndent=20)
        for line in checklist:
            story.append(Paragraph(line, service_style if line.startswith("<i>") else document_style))
    story.append(Spacer(1, 4 * mm))
    return story


def _signatures(req: ServiceRequest, visit: Visit | None, administrator_name: str, width: float) -> list:
    """The applicant's date and signature; «Документи прийняті …», the case number, the administrator."""
    accepted_on = (
        visit.application_registered_at.date() if visit and visit.application_registered_at else None
    )
    case_number = visit.case_number if visit else ""
    applicant = form_row(
        [
            value(esc(date_long(_signed_on(req, visit))), "(дата)", width=50 * mm),
            label("", width=8 * mm),
            value("", "(підпис)", width=40 * mm),
            label("", width=8 * mm),
            value(esc(req.subject.short_name), "(прізвище, ініціали)"),
        ],
        width,
    )
    accepted = [
        form_row(
            [
                label("Документи прийняті"),
                value(esc(date_long(accepted_on)), "(дата)", width=50 * mm),
                label("", width=6 * mm),
                label("№ справи:"),
                value(esc(case_number), "(реєстраційний номер)"),
            ],
            width,
        ),
        form_row(
            [
                label("Адміністратор:"),
                value("", "(підпис, печатка)", width=50 * mm),
                label("", width=8 * mm),
                value(esc(administrator_name), "(прізвище, ініціали)"),
            ],
            width,
        ),
    ]
    return [KeepTogether(applicant), Spacer(1, 5 * mm), KeepTogether(accepted), Spacer(1, 3 * mm)]


def _notes(req: ServiceRequest, visit: Visit | None, st: Styles, width: float) -> list:
    """«ПРИМІТКИ:»: the three consents word for word, each with its mark and signature line."""
    story: list = [CondPageBreak(45 * mm), Paragraph("<b>ПРИМІТКИ:</b>", st.body)]
    for consent in _consents(req, visit):
        mark = f"{consent.mark_label} {box(consent.given)} так   {box(not consent.given)} ні"
        story.append(
            KeepTogether(
                [
                    Paragraph(esc(consent.text), st.italic),
                    form_row([label(esc(mark), width=70 * mm), value("", "(підпис)", width=55 * mm)], width),
                    Spacer(1, 2 * mm),
                ]
            )
        )
    return story


def _story(
    req: ServiceRequest, profile: CommunityProfile, visit: Visit | None, administrator_name: str
) -> list:
    st = styles()
    width = content_width(A4)
    return [
        *_header(req, profile, st, width),
        *_request_text(req, profile, st, width),
        *_attachments(req, profile, visit, st),
        *_signatures(req, visit, administrator_name, width),
        *_notes(req, visit, st, width),
    ]


def _signed_on(req: ServiceRequest, visit: Visit | None) -> date | None:
    """The date the applicant signs: at registration in the visit, or at an in-person intake."""
    if visit is not None and visit.application_registered_at is not None:
        return visit.application_registered_at.date()
    if req.channel == RequestChannel.IN_PERSON and req.created_at is not None:
        return req.created_at.date()
    return None


def render_application(
    req: ServiceRequest,
    profile: CommunityProfile,
    *,
    visit: Visit | None = None,
    administrator_name: str = "",
) -> bytes:
    """The application (Додаток 2) as A4 PDF bytes."""
    reference = req.number or "заява без номера"
    return build_pdf(
        _story(req, profile, visit, administrator_name),
        pagesize=A4,
        title=f"Заява {req.number}".strip(),
        subject="Додаток 2: заява на отримання адміністративної послуги («Мобільний кейс»)",
        footer=reference,
    )
