"""Ukrainian titles for every enum of ``domain.model`` and Ukrainian date/number formatting.

Used by documents (PDF forms), journals and the UI. The wording of refusal reasons follows point 2.3
of the Order (O 2.3), of act reasons point 2.13 (O 2.13), of the act stages Додаток 4, of payment
methods the guide's section 1.5 (G 1.5), of delivery methods O 2.15 and the guide's section 1.10.

``title(value)`` returns the title of any enum member defined in ``domain.model``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from mobile_case.domain.model import (
    ActReason,
    ActStage,
    CallOutcome,
    CaseState,
    DeliveryMethod,
    HandoverDirection,
    IdentificationSource,
    IdentityDocumentType,
    OutingModel,
    PaymentMethod,
    RefusalReason,
    RequestChannel,
    Role,
    VisitStep,
)

ROLE_TITLES: dict[Role, str] = {
    Role.ADMINISTRATOR: "Адміністратор ЦНАП",
    Role.HEAD: "Керівник Центру",
    Role.KIT_KEEPER: "Відповідальний за технічний стан «Мобільного кейсу»",
}

CHANNEL_TITLES: dict[RequestChannel, str] = {
    RequestChannel.IN_PERSON: "Особисто в ЦНАП",
    RequestChannel.PHONE: "Телефоном",
    RequestChannel.MESSENGER: "Через месенджер",
}

STATE_TITLES: dict[CaseState, str] = {
    CaseState.DRAFT: "Чернетка",
    CaseState.REGISTERED: "Заяву прийнято, очікує виїзду",
    CaseState.SCHEDULED: "Виїзд заплановано",
    CaseState.IN_PROGRESS: "Візит триває",
    CaseState.COMPLETED: "Заяву зареєстровано, справу сформовано",
    CaseState.IMPOSSIBLE: "Складено акт про неможливість надання послуги",
    CaseState.CANCELLED: "Скасовано",
    CaseState.REFUSED: "Відмовлено у прийнятті заяви",
}

# Short forms for table cells and filters.
STATE_SHORT_TITLES: dict[CaseState, str] = {
    CaseState.DRAFT: "Чернетка",
    CaseState.REGISTERED: "Прийнято",
    CaseState.SCHEDULED: "Заплановано",
    CaseState.IN_PROGRESS: "Триває",
    CaseState.COMPLETED: "Надано",
    CaseState.IMPOSSIBLE: "Акт",
    CaseState.CANCELLED: "Скасовано",
    CaseState.REFUSED: "Відмова",
}

# O 2.3, word for word (with «цього Порядку» kept as in the Order).
REFUSAL_REASON_TITLES: dict[RefusalReason, str] = {
    RefusalReason.NOT_ELIGIBLE_CATEGORY: (
        "суб'єкт звернення не відноситься до переліку категорій осіб, визначених пунктом 1.5. цього Порядку"
    ),
    RefusalReason.SERVICE_NOT_ON_MOBILE: (
        "особа-заявник звернулася щодо отримання адміністративних послуг, яких немає в переліку "
        "адміністративних послуг, що надаються на пересувному віддаленому робочому місці адміністратора"
    ),
    RefusalReason.ADDRESS_OUTSIDE_COMMUNITY: (
        "адреса місця фактичного перебування суб'єкта звернення знаходиться за межами території "
        "територіальної громади"
    ),
    RefusalReason.DOCUMENTS_INCOMPLETE: (
        "відсутній або неповний пакет документів для надання адміністративної послуги у суб'єкта звернення"
    ),
}

REFUSAL_REASON_SHORT_TITLES: dict[RefusalReason, str] = {
    RefusalReason.NOT_ELIGIBLE_CATEGORY: "Не належить до категорій п. 1.5",
    RefusalReason.SERVICE_NOT_ON_MOBILE: "Послуга не надається на віддаленому робочому місці",
    RefusalReason.ADDRESS_OUTSIDE_COMMUNITY: "Адреса за межами громади",
    RefusalReason.DOCUMENTS_INCOMPLETE: "Відсутній або неповний пакет документів",
}

# O 2.13, word for word.
ACT_REASON_TITLES: dict[ActReason, str] = {
    ActReason.SUBJECT_ABSENT: (
        "суб'єкт звернення відсутній за місцем свого проживання/перебування, зазначеним у заяві, "
        "у визначені дату та час"
    ),
    ActReason.NO_ORIGINAL_DOCUMENTS: (
        "суб'єкт звернення не може пред'явити оригінали документів, що засвідчують його особу та належність "
        "до категорії осіб, визначених в пункті 1.5. цього Порядку, та/або у нього відсутні документи необхідні "
        "для надання адміністративної послуги у повному обсязі, у тому числі квитанція про сплату "
        "адміністративного збору (якщо така оплата передбачена законодавством)"
    ),
    ActReason.NO_RECORDING_CONSENT: (
        "суб'єкт звернення не надав письмового погодження на проведення аудіо та відео фіксації під час "
        "подання документів на отримання адміністративної послуги"
    ),
    ActReason.INCAPACITY_SIGNS: (
        "наявність явних ознак того, що суб'єкт звернення не здатен усвідомлювати значення своїх дій та (або) "
        "керувати ними, у тому числі явних ознак сп'яніння"
    ),
}

ACT_REASON_SHORT_TITLES: dict[ActReason, str] = {
    ActReason.SUBJECT_ABSENT: "Суб'єкт звернення відсутній",
    ActReason.NO_ORIGINAL_DOCUMENTS: "Немає оригіналів або повного пакета документів",
    ActReason.NO_RECORDING_CONSENT: "Немає згоди на відео- та аудіофіксацію",
    ActReason.INCAPACITY_SIGNS: "Ознаки нездатності усвідомлювати свої дії",
}

# Додаток 4: «(прийом документів, повернення документів з результатом адміністративної послуги)».
ACT_STAGE_TITLES: dict[ActStage, str] = {
    ActStage.DOCUMENT_INTAKE: "прийом документів",
    ActStage.RESULT_RETURN: "повернення документів з результатом адміністративної послуги",
}

# G 1.5.
PAYMENT_METHOD_TITLES: dict[PaymentMethod, str] = {
    PaymentMethod.PREPAID_RECEIPT: "Попередня оплата: платіжний документ (квитанцію) надано адміністратору",
    PaymentMethod.FAST_PAY: "Оплата через інтернет-банкінг («fast-pay») під час обслуговування",
    PaymentMethod.POS_TERMINAL: "Оплата банківською карткою через POS-термінал кейсу",
    PaymentMethod.FREE: "Послуга безоплатна",
}

PAYMENT_METHOD_SHORT_TITLES: dict[PaymentMethod, str] = {
    PaymentMethod.PREPAID_RECEIPT: "Квитанція",
    PaymentMethod.FAST_PAY: "Fast-pay",
    PaymentMethod.POS_TERMINAL: "POS-термінал",
    PaymentMethod.FREE: "Безоплатно",
}

# O 2.15 «у спосіб, вибраний суб'єктом звернення»; G 1.10: пошта, кур'єр, повторний візит.
DELIVERY_METHOD_TITLES: dict[DeliveryMethod, str] = {
    DeliveryMethod.POST: "Поштою",
    DeliveryMethod.COURIER: "Кур'єром",
    DeliveryMethod.REPEAT_VISIT: "Повторним візитом адміністратора",
    DeliveryMethod.AT_CNAP: "Особисто або через представника в ЦНАП",
}

CALL_OUTCOME_TITLES: dict[CallOutcome, str] = {
    CallOutcome.CONFIRMED: "Візит підтверджено",
    CallOutcome.RESCHEDULE_REQUESTED: "Просить перенести візит",
    CallOutcome.NO_ANSWER: "Не відповідає",
    CallOutcome.CANCELLED_BY_SUBJECT: "Відмовився від візиту",
    CallOutcome.WRONG_NUMBER: "Неправильний номер",
}

OUTING_MODEL_TITLES: dict[OutingModel, str] = {
    OutingModel.AT_ADDRESS: "За місцем проживання або перебування громадянина",
    OutingModel.FIXED_POINT: "У визначеному пункті обслуговування за графіком",
}

IDENTITY_DOCUMENT_TITLES: dict[IdentityDocumentType, str] = {
    IdentityDocumentType.ID_CARD: "Паспорт громадянина України у формі ID-картки",
    IdentityDocumentType.PASSPORT_BOOKLET: "Паспорт громадянина України у формі книжечки",
    IdentityDocumentType.FOREIGN_PASSPORT: "Паспорт громадянина України для виїзду за кордон",
    IdentityDocumentType.OTHER: "Інший документ, що посвідчує особу",
}

IDENTIFICATION_SOURCE_TITLES: dict[IdentificationSource, str] = {
    IdentificationSource.CHIP: "Зчитано з чипа ID-картки",
    IdentificationSource.MANUAL: "Введено вручну з документа",
}

VISIT_STEP_TITLES: dict[VisitStep, str] = {
    VisitStep.CONSENT: "Згода на відео- та аудіофіксацію",
    VisitStep.IDENTIFICATION: "Встановлення особи",
    VisitStep.CATEGORY_PROOF: "Підтвердження категорії",
    VisitStep.DOCUMENTS: "Перевірка документів",
    VisitStep.PAYMENT: "Оплата",
    VisitStep.APPLICATION: "Заява та реєстрація справи",
    VisitStep.DELIVERY: "Спосіб отримання результату",
}

HANDOVER_DIRECTION_TITLES: dict[HandoverDirection, str] = {
    HandoverDirection.ISSUE: "Видача кейсу перед виїздом",
    HandoverDirection.RETURN: "Повернення кейсу після виїзду",
}

# Address.place_kind (O 1.2: «удома, в лікарні, закладі соціальної сфери»; G: фіксований пункт).
PLACE_KIND_TITLES: dict[str, str] = {
    "home": "Удома",
    "hospital": "У лікарні",
    "social_institution": "У закладі соціальної сфери",
    "fixed_point": "У пункті обслуговування",
}

CATEGORY_GROUP_TITLES: dict[str, str] = {
    "age": "Вікові категорії",
    "disability": "Особи з інвалідністю",
    "health": "Стан здоров'я та мобільність",
    "social": "Соціальні категорії",
}

_ALL: dict[type[Enum], dict] = {
    Role: ROLE_TITLES,
    RequestChannel: CHANNEL_TITLES,
    CaseState: STATE_TITLES,
    RefusalReason: REFUSAL_REASON_TITLES,
    ActReason: ACT_REASON_TITLES,
    ActStage: ACT_STAGE_TITLES,
    PaymentMethod: PAYMENT_METHOD_TITLES,
    DeliveryMethod: DELIVERY_METHOD_TITLES,
    CallOutcome: CALL_OUTCOME_TITLES,
    OutingModel: OUTING_MODEL_TITLES,
    IdentityDocumentType: IDENTITY_DOCUMENT_TITLES,
    IdentificationSource: IDENTIFICATION_SOURCE_TITLES,
    VisitStep: VISIT_STEP_TITLES,
    HandoverDirection: HANDOVER_DIRECTION_TITLES,
}

_SHORT: dict[type[Enum], dict] = {
    CaseState: STATE_SHORT_TITLES,
    RefusalReason: REFUSAL_REASON_SHORT_TITLES,
    ActReason: ACT_REASON_SHORT_TITLES,
    PaymentMethod: PAYMENT_METHOD_SHORT_TITLES,
}


def title(value: Enum) -> str:
    """The Ukrainian title of any enum member of ``domain.model``."""
    table = _ALL.get(type(value))
    if table is None:
        raise KeyError(f"no Ukrainian titles for {type(value).__name__}")
    return table[value]


def short_title(value: Enum) -> str:
    """A short title for table cells; falls back to the full title."""
    table = _SHORT.get(type(value))
    if table is not None:
        return table[value]
    return title(value)


def choices(enum_type: type[Enum], *, short: bool = False) -> list[tuple[Enum, str]]:
    """(member, title) pairs in declaration order, for combo boxes."""
    fn = short_title if short else title
    return [(member, fn(member)) for member in enum_type]


def place_kind_title(kind: str) -> str:
    return PLACE_KIND_TITLES.get(kind, kind)


def lower_first(text: str) -> str:
    """Lower the first letter unless the first word is an abbreviation («МСЕК», «ЛКК», «ID-картка»)."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    letters = [ch for ch in first if ch.isalpha()]
    if len(letters) > 1 and letters[1].isupper():
        return text
    return text[0].lower() + text[1:]


def community_genitive(name: str) -> str:
    """«Чортківської міської територіальної громади» from «Чортківська міська територіальна громада»."""
    out = []
    for word in name.split():
        low = word.lower()
        if low == "громада":
            out.append(word[:-1] + "и")
        elif low.endswith("ська") or low.endswith("цька") or low.endswith("зька") or low.endswith("на"):
            out.append(word[:-1] + "ої")
        else:
            out.append(word)
    return " ".join(out)


def refusal_reason_text(reason: RefusalReason, community_name: str = "") -> str:
    """The O 2.3 wording with the community named, as in the Order («…за межами території Чортківської
    міської територіальної громади»)."""
    text = REFUSAL_REASON_TITLES[RefusalReason(reason)]
    if reason == RefusalReason.ADDRESS_OUTSIDE_COMMUNITY and community_name:
        text = text.replace(
            "території територіальної громади", f"території {community_genitive(community_name)}"
        )
    return text


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop (for reasons used as sentences)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# --------------------------------------------------------------------------------------------------
# Dates, times, money
# --------------------------------------------------------------------------------------------------

MONTHS_NOMINATIVE: tuple[str, ...] = (
    "січень",
    "лютий",
    "березень",
    "квітень",
    "травень",
    "червень",
    "липень",
    "серпень",
    "вересень",
    "жовтень",
    "листопад",
    "грудень",
)

MONTHS_GENITIVE: tuple[str, ...] = (
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
)

WEEKDAYS: tuple[str, ...] = ("понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота", "неділя")
WEEKDAYS_SHORT: tuple[str, ...] = ("пн", "вт", "ср", "чт", "пт", "сб", "нд")


def format_date(d: date) -> str:
    """«23.11.2026» — the numeric form used in tables and forms."""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def format_date_long(d: date) -> str:
    """«23 листопада 2026 р.»"""
    return f"{d.day} {MONTHS_GENITIVE[d.month - 1]} {d.year} р."


def format_date_quoted(d: date) -> str:
    """«“23” листопада 2026 р.» — as on the signature lines of the forms."""
    return f"«{d.day:02d}» {MONTHS_GENITIVE[d.month - 1]} {d.year} р."


def format_month_year(d: date) -> str:
    """«листопад 2026 р.»"""
    return f"{MONTHS_NOMINATIVE[d.month - 1]} {d.year} р."


def format_weekday_date(d: date) -> str:
    """«понеділок, 23 листопада 2026 р.»"""
    return f"{WEEKDAYS[d.weekday()]}, {format_date_long(d)}"


def format_time(t: time | datetime) -> str:
    """«09:05»"""
    return f"{t.hour:02d}:{t.minute:02d}"


def format_datetime(dt: datetime) -> str:
    """«23.11.2026 09:05»"""
    return f"{format_date(dt.date())} {format_time(dt)}"


def format_datetime_long(dt: datetime) -> str:
    """«23 листопада 2026 р. о 09:05»"""
    return f"{format_date_long(dt.date())} о {format_time(dt)}"


def format_time_window(start: time | None, end: time | None) -> str:
    """«з 10:00 до 12:00», «з 10:00», «до 12:00» or ""."""
    parts = []
    if start is not None:
        parts.append(f"з {format_time(start)}")
    if end is not None:
        parts.append(f"до {format_time(end)}")
    return " ".join(parts)


def plural(n: int, one: str, few: str, many: str) -> str:
    """Ukrainian plural form: plural(1, "день", "дні", "днів") -> "день"; 2 -> "дні"; 5 -> "днів"."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def format_count(n: int, one: str, few: str, many: str) -> str:
    """«1 день», «3 дні», «11 днів»."""
    return f"{n} {plural(n, one, few, many)}"


def format_age(years: int) -> str:
    """«71 рік», «72 роки», «75 років»."""
    return format_count(years, "рік", "роки", "років")


def format_days(n: int, working: bool = False) -> str:
    """«10 календарних днів», «5 робочих днів», «1 робочий день»."""
    if working:
        return f"{n} {plural(n, 'робочий день', 'робочі дні', 'робочих днів')}"
    return f"{n} {plural(n, 'календарний день', 'календарні дні', 'календарних днів')}"


def format_money(amount: Decimal | int | None) -> str:
    """«49,92 грн», «1 147,00 грн»; None or 0 -> «безоплатно»."""
    if amount is None or Decimal(amount) == 0:
        return "безоплатно"
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, frac = f"{abs(value):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    nbsp = "\u00a0"
    return f"{sign}{nbsp.join(groups)},{frac} грн"
