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


def _story(
    req: ServiceRequest, profile: CommunityProfile, visit: Visit | None, administrator_name: str
) -> list:
    st: Styles = styles()
    width = content_width(A4)
    story: list = []

    corner = [Paragraph("Додаток 2", st.header_small), Paragraph(f"до {esc(ORDER_NAME)}", st.header_small)]
    if profile.council_decision:
        corner.append(Paragraph(f"({esc(decision_reference(profile))})", st.header_small))
    story.append(right_block(corner, width, 80 * mm))
    story.append(Spacer(1, 3 * mm))

    addressee = [Paragraph(f"<b>{esc(profile.cnap_name)}</b>", st.body)]
    if profile.cnap_address:
        addressee.append(Paragraph(esc(profile.cnap_address), st.body))
    addressee.append(Spacer(1, 2 * mm))
    addressee += [Paragraph(line, st.body) for line in _applicant_lines(req)]
    story.append(right_block(addressee, width, 85 * mm))
    story.append(Spacer(1, 4 * mm))

    story.append(Paragraph(TITLE, st.title))
    story.append(Paragraph(esc(SUBTITLE), st.subtitle))
    number = f"№ {esc(req.number)}" if req.number else "№ ____________ (номер буде надано після реєстрації)"
    story.append(Paragraph(number, st.caption if not req.number else st.subtitle))
    story.append(Spacer(1, 3 * mm))

    when = date_long(req.preferred_date)
    story.append(
        form_row(
            [
                label("Прошу надати"),
                value(esc(when), "(дата)", width=55 * mm),
                label("з"),
                value(esc(time_hm(req.window_start)), "(з якої години)", width=28 * mm),
                label("по"),
                value(esc(time_hm(req.window_end)), "(по яку годину)", width=28 * mm),
            ],
            width,
        )
    )
    services = _services(req, profile)
    if len(services) > 1:
        service_text = "; ".join(f"{i}) {esc(t)}" for i, t in enumerate(services, start=1))
    else:
        service_text = esc(services[0]) if services else ""
    story.append(
        form_row(
            [
                label("адміністративну послугу"),
                value(service_text, "(назва адміністративної послуги)", min_lines=2),
            ],
            width,
        )
    )
    address = address_text(req.address, profile)
    if req.address.door_code:
        address = (
            f"{address}; код вхідних дверей: {req.address.door_code}"
            if address
            else (f"код вхідних дверей: {req.address.door_code}")
        )
    story.append(
        form_row(
            [label("за адресою:"), value(esc(address), "(повна адреса, код вхідних дверей)", min_lines=2)],
            width,
        )
    )
    story.append(Paragraph(esc(PURPOSE_TEXT), st.body))
    story.append(
        form_row(
            [
                label("гр."),
                value(esc(person_line(req.subject)), "(П.І.Б., дата народження (суб'єкта звернення))"),
            ],
            width,
        )
    )
    story.append(
        form_row(
            [
                label("самостійно не пересувається з причини"),
                value(esc(_category_reason(req, profile)), min_lines=1),
            ],
            width,
        )
    )
    story.append(Spacer(1, 3 * mm))

    story.append(Paragraph("<b>Додатки:</b>", st.body))
    proof = _proof_text(req, profile)
    attachments = [
        esc(ATTACHMENT_IDENTITY) + ";",
        esc(ATTACHMENT_CATEGORY) + (f": {esc(proof)};" if proof else ";"),
    ]
    for i, text in enumerate(attachments, start=1):
        story.append(Paragraph(f"{i}. {text}", st.body, bulletText=None))
    checklist = _documents_checklist(req, profile, visit)
    if checklist:
        story.append(
            Paragraph(
                f"{len(attachments) + 1}. документи, необхідні для надання послуги (☒ — наявні):", st.body
            )
        )
        for line in checklist:
            indent = 12 if line.startswith("<i>") else 20
            story.append(
                Paragraph(line, st.cell.clone("checklist", fontSize=9, leading=11, leftIndent=indent))
            )
    story.append(Spacer(1, 4 * mm))

    signed_on = _signed_on(req, visit)
    story.append(
        KeepTogether(
            form_row(
                [
                    value(esc(date_long(signed_on)), "(дата)", width=50 * mm),
                    label("", width=8 * mm),
                    value("", "(підпис)", width=40 * mm),
                    label("", width=8 * mm),
                    value(esc(req.subject.short_name), "(прізвище, ініціали)"),
                ],
                width,
            )
        )
    )
    story.append(Spacer(1, 5 * mm))

    accepted_on = (
        visit.application_registered_at.date() if visit and visit.application_registered_at else None
    )
    case_number = visit.case_number if visit else ""
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
    story.append(KeepTogether(accepted))
    story.append(Spacer(1, 3 * mm))

    story.append(CondPageBreak(45 * mm))
    story.append(Paragraph("<b>ПРИМІТКИ:</b>", st.body))
    for consent in _consents(req, visit):
        mark = f"{consent.mark_label} {box(consent.given)} так   {box(not consent.given)} ні"
        story.append(
            KeepTogether(
                [
                    Paragraph(esc(consent.text), st.italic),
                    form_row(
                        [label(esc(mark), width=70 * mm), value("", "(підпис)", width=55 * mm)],
                        width,
                    ),
                    Spacer(1, 2 * mm),
                ]
            )
        )
    return story


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
