"""Ukrainian titles for every enum and the Ukrainian date/number formatting."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from mobile_case.domain import model, texts
from mobile_case.domain.model import ActReason, ActStage, DeliveryMethod, PaymentMethod, RefusalReason

ENUMS = [
    obj
    for obj in vars(model).values()
    if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == model.__name__
]


def test_all_model_enums_are_covered():
    assert len(ENUMS) >= 14
    for enum_type in ENUMS:
        for member in enum_type:
            title = texts.title(member)
            assert title and title.strip() == title
            assert any("а" <= ch.lower() <= "я" or ch in "іїєґ" for ch in title), (member, title)
            assert texts.short_title(member)
        assert [m for m, _ in texts.choices(enum_type)] == list(enum_type)


def test_unknown_enum():
    class Colour(enum.Enum):
        RED = 1

    with pytest.raises(KeyError):
        texts.title(Colour.RED)


def test_refusal_reasons_are_o_2_3_wording():
    assert texts.title(RefusalReason.NOT_ELIGIBLE_CATEGORY) == (
        "суб'єкт звернення не відноситься до переліку категорій осіб, визначених пунктом 1.5. цього Порядку"
    )
    assert texts.title(RefusalReason.DOCUMENTS_INCOMPLETE) == (
        "відсутній або неповний пакет документів для надання адміністративної послуги у суб'єкта звернення"
    )
    assert "пересувному віддаленому робочому місці" in texts.title(RefusalReason.SERVICE_NOT_ON_MOBILE)
    assert texts.refusal_reason_text(
        RefusalReason.ADDRESS_OUTSIDE_COMMUNITY, "Чортківська міська територіальна громада"
    ) == (
        "адреса місця фактичного перебування суб'єкта звернення знаходиться за межами території Чортківської "
        "міської територіальної громади"
    )


def test_act_reasons_are_o_2_13_wording():
    assert texts.title(ActReason.SUBJECT_ABSENT).startswith("суб'єкт звернення відсутній за місцем")
    assert "квитанція про сплату адміністративного збору" in texts.title(ActReason.NO_ORIGINAL_DOCUMENTS)
    assert "письмового погодження на проведення аудіо та відео фіксації" in texts.title(
        ActReason.NO_RECORDING_CONSENT
    )
    assert "явних ознак сп'яніння" in texts.title(ActReason.INCAPACITY_SIGNS)
    assert texts.title(ActStage.DOCUMENT_INTAKE) == "прийом документів"
    assert (
        texts.title(ActStage.RESULT_RETURN) == "повернення документів з результатом адміністративної послуги"
    )


def test_payment_and_delivery():
    assert "fast-pay" in texts.title(PaymentMethod.FAST_PAY)
    assert "POS-термінал" in texts.title(PaymentMethod.POS_TERMINAL)
    assert texts.title(DeliveryMethod.POST) == "Поштою"
    assert texts.place_kind_title("hospital") == "У лікарні"
    assert texts.place_kind_title("moon") == "moon"


@pytest.mark.parametrize(
    ("d", "long", "quoted"),
    [
        (date(2026, 11, 23), "23 листопада 2026 р.", "«23» листопада 2026 р."),
        (date(2026, 1, 1), "1 січня 2026 р.", "«01» січня 2026 р."),
        (date(2026, 3, 27), "27 березня 2026 р.", "«27» березня 2026 р."),
    ],
)
def test_dates(d, long, quoted):
    assert texts.format_date_long(d) == long
    assert texts.format_date_quoted(d) == quoted
    assert texts.format_date(d) == d.strftime("%d.%m.%Y")


def test_all_months_and_weekdays():
    assert [texts.format_date_long(date(2026, m, 1)).split()[1] for m in range(1, 13)] == list(
        texts.MONTHS_GENITIVE
    )
    assert texts.format_month_year(date(2026, 5, 9)) == "травень 2026 р."
    assert texts.format_weekday_date(date(2026, 11, 23)) == "понеділок, 23 листопада 2026 р."


def test_times():
    assert texts.format_time(time(9, 5)) == "09:05"
    assert texts.format_datetime(datetime(2026, 11, 23, 9, 5)) == "23.11.2026 09:05"
    assert texts.format_datetime_long(datetime(2026, 11, 23, 14, 30)) == "23 листопада 2026 р. о 14:30"
    assert texts.format_time_window(time(10), time(12)) == "з 10:00 до 12:00"
    assert texts.format_time_window(None, time(12)) == "до 12:00"
    assert texts.format_time_window(None, None) == ""


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "день"),
        (2, "дні"),
        (4, "дні"),
        (5, "днів"),
        (11, "днів"),
        (12, "днів"),
        (14, "днів"),
        (21, "день"),
        (22, "дні"),
        (25, "днів"),
        (101, "день"),
        (111, "днів"),
        (0, "днів"),
    ],
)
def test_plural(n, word):
    assert texts.plural(n, "день", "дні", "днів") == word


def test_counts():
    assert texts.format_age(71) == "71 рік"
    assert texts.format_age(72) == "72 роки"
    assert texts.format_age(75) == "75 років"
    assert texts.format_days(1, working=True) == "1 робочий день"
    assert texts.format_days(5, working=True) == "5 робочих днів"
    assert texts.format_days(10) == "10 календарних днів"
    assert texts.format_days(3) == "3 календарні дні"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("49.92"), "49,92 грн"),
        (Decimal("1147"), "1\u00a0147,00 грн"),
        (None, "безоплатно"),
        (Decimal("0"), "безоплатно"),
        (Decimal("1234567.5"), "1\u00a0234\u00a0567,50 грн"),
        (330, "330,00 грн"),
    ],
)
def test_money(amount, text):
    assert texts.format_money(amount) == text


def test_helpers():
    assert texts.lower_first("Довідка МСЕК") == "довідка МСЕК"
    assert texts.lower_first("ЛКК висновок") == "ЛКК висновок"
    assert texts.lower_first("ID-картка") == "ID-картка"
    assert texts.sentence("відмовлено") == "Відмовлено."
    assert texts.sentence("Так!") == "Так!"
    assert texts.community_genitive("Іллінецька міська територіальна громада") == (
        "Іллінецької міської територіальної громади"
    )
