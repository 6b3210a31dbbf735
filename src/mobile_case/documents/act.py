"""Додаток 4: «АКТ щодо неможливості надання адміністративної послуги» (O 2.13), pre-filled from the act.

Every field of the form in its order: the service, the stage, the subject, the address, the reason (the
wording of O 2.13 plus the administrator's details), the date and time, «Акт склав» with the
administrator's name and a line to sign, «З актом ознайомлений» with the subject's signature line, and
the acknowledgement note (e.g. «від підпису відмовився»).
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from mobile_case.documents.application import ORDER_NAME, decision_reference
from mobile_case.documents.formatting import date_long, time_hm
from mobile_case.documents.layout import (
    build_pdf,
    content_width,
    esc,
    form_row,
    label,
    right_block,
    styles,
    value,
)
from mobile_case.domain import texts
from mobile_case.domain.model import Act
from mobile_case.domain.profile import CommunityProfile

TITLE = "АКТ"
SUBTITLE = "щодо неможливості надання адміністративної послуги"
STAGE_CAPTION = "(прийом документів, повернення документів з результатом адміністративної послуги)"


def reason_text(act: Act) -> str:
    """The O 2.13 wording of the reason, as a sentence, followed by the administrator's details."""
    text = texts.sentence(texts.title(act.reason))
    if act.details.strip():
        text = f"{text} {texts.sentence(act.details.strip())}"
    return text


def _story(act: Act, profile: CommunityProfile) -> list:
    st = styles()
    width = content_width(A4)
    story: list = []
    corner = [Paragraph("Додаток 4", st.header_small), Paragraph(f"до {esc(ORDER_NAME)}", st.header_small)]
    if profile.council_decision:
        corner.append(Paragraph(f"({esc(decision_reference(profile))})", st.header_small))
    story.append(right_block(corner, width, 80 * mm))
    story.append(Spacer(1, 6 * mm))
    if profile.cnap_name:
        story.append(Paragraph(esc(profile.cnap_name), st.caption.clone("cnap", fontSize=9, leading=11)))
        story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(TITLE + (f" № {esc(act.number)}" if act.number else ""), st.title))
    story.append(Paragraph(esc(SUBTITLE), st.subtitle))
    story.append(Spacer(1, 6 * mm))

    def block(heading: str, text: str, caption: str = "", lines: int = 1) -> None:
        story.append(Paragraph(heading, st.body))
        story.append(form_row([value(text, caption, min_lines=lines)], width))
        story.append(Spacer(1, 2 * mm))

    block(
        "Акт про неможливість надання адміністративної послуги:",
        esc(act.service_titles),
        "(назва адміністративної послуги)",
        lines=2,
    )
    story.append(form_row([value(esc(texts.title(act.stage)), STAGE_CAPTION)], width))
    story.append(Spacer(1, 3 * mm))
    story.append(
        form_row(
            [label("Суб'єкту звернення:"), value(esc(act.subject_name), "(ПІБ суб'єкта звернення)")], width
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(form_row([label("За адресою:"), value(esc(act.address_text), min_lines=2)], width))
    story.append(Spacer(1, 2 * mm))
    block("Причина ненадання адміністративної послуги:", esc(reason_text(act)), lines=3)
    when = f"{date_long(act.drawn_at.date())}, {time_hm(act.drawn_at)}" if act.drawn_at else ""
    story.append(form_row([label("Дата і час складання акта:"), value(esc(when))], width))
    story.append(Spacer(1, 6 * mm))
    story.append(
        KeepTogether(
            [
                form_row(
                    [
                        label("Акт склав:"),
                        value(esc(act.administrator_name), "(ПІБ адміністратора)"),
                        label("", width=8 * mm),
                        value("", "(підпис)", width=45 * mm),
                    ],
                    width,
                ),
                Spacer(1, 6 * mm),
                form_row(
                    [
                        label("З актом ознайомлений:"),
                        value("", "(підпис суб'єкта звернення)", width=55 * mm),
                        label("", width=8 * mm),
                        value(esc(act.subject_name), "(ПІБ)"),
                    ],
                    width,
                ),
            ]
        )
    )
    story.append(Spacer(1, 4 * mm))
    note = act.acknowledgement_note.strip()
    if act.subject_acknowledged and not note:
        note = "Суб'єкт звернення з актом ознайомлений."
    story.append(form_row([label("Відмітка про ознайомлення:"), value(esc(note), min_lines=2)], width))
    return story


def render_act(act: Act, profile: CommunityProfile) -> bytes:
    """The act of impossibility (Додаток 4) as A4 PDF bytes."""
    return build_pdf(
        _story(act, profile),
        pagesize=A4,
        title=f"Акт {act.number}".strip(),
        subject="Додаток 4: акт щодо неможливості надання адміністративної послуги",
        footer=act.number or "акт без номера",
    )
