"""The simulated ID-card reader: consistent demo people, access keys, realistic timing, every error."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from PySide6.QtGui import QImage
from stdnum.ua import rntrc

from mobile_case.devices.cardreader.base import (
    CARD_READER_MESSAGES,
    CardAccess,
    CardReaderError,
    CardReaderErrorKind,
    Verdict,
)
from mobile_case.devices.cardreader.demo_people import DEMO_CARDS, rnokpp_for
from mobile_case.devices.cardreader.mrz import parse_td1, transliterate
from mobile_case.devices.cardreader.simulator import (
    STEP_SECONDS,
    SimulatedCardReader,
    SimulatedCardReaderConfig,
)
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.validators import (
    rnokpp_birth_date,
    rnokpp_sex,
    validate_rnokpp,
    validate_td1,
    validate_unzr,
)


def instant(**kwargs: object) -> SimulatedCardReader:
    return SimulatedCardReader(SimulatedCardReaderConfig(time_scale=0.0, **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("index", range(len(DEMO_CARDS)))
def test_each_demo_card_reads_with_consistent_data(index: int) -> None:
    card = DEMO_CARDS[index]
    result = instant(card_index=index).read(CardAccess.from_can(card.can))
    assert result.simulated is True and result.backend == "simulator"
    assert (result.surname, result.given_names, result.patronymic) == (
        card.surname,
        card.given_names,
        card.patronymic,
    )
    assert result.surname_latin == transliterate(card.surname).upper().replace("'", "")
    assert result.given_names_latin == transliterate(card.given_names).upper()
    assert result.document_code == "ID" and result.issuing_state == "UKR" and result.nationality == "UKR"
    assert len(result.document_number) == 9 and result.document_number.isdigit()
    assert result.expiry_date == result.issue_date.replace(year=result.issue_date.year + 10)
    # the MRZ is valid by the domain's own validator, and carries the УНЗР
    mrz = validate_td1(list(result.mrz), reference=date(2026, 4, 1))
    assert mrz.birth_date == result.birth_date and mrz.document_number == result.document_number
    assert result.mrz[0][15:28] == result.unzr.replace("-", "")
    assert validate_unzr(result.unzr, birth_date=result.birth_date) == result.unzr
    if result.rnokpp:
        assert validate_rnokpp(result.rnokpp) == result.rnokpp
        assert rntrc.is_valid(result.rnokpp)
        assert rnokpp_birth_date(result.rnokpp) == result.birth_date
        assert rnokpp_sex(result.rnokpp) == result.sex
    image = QImage.fromData(result.photo_jpeg, "JPEG")
    assert (image.width(), image.height()) == (240, 320)
    assert len(result.issuing_authority) == 4 and result.issuing_authority.isdigit()
    assert result.verdict is Verdict.AUTHENTIC and "справжні" in result.verdict_text
    person = result.to_person()
    assert person.full_name == card.full_name and person.unzr == result.unzr


def test_demo_people_have_apostrophes_and_one_without_rnokpp() -> None:
    assert sum("'" in c.full_name for c in DEMO_CARDS) >= 2
    assert any(c.rnokpp == "" for c in DEMO_CARDS)
    assert len({c.can for c in DEMO_CARDS}) == len(DEMO_CARDS)


@pytest.mark.parametrize(
    ("birth", "sex"), [(date(1948, 3, 17), "F"), (date(1941, 11, 2), "M"), (date(2001, 1, 1), "F")]
)
def test_generated_rnokpp_is_valid_for_many_serials(birth: date, sex: str) -> None:
    for serial in range(0, 10000, 137):
        number = rnokpp_for(birth, serial, sex)
        assert rntrc.is_valid(number)
        assert rnokpp_birth_date(number) == birth and rnokpp_sex(number) == sex


def test_mrz_key_opens_the_card_too() -> None:
    card = DEMO_CARDS[0]
    access = CardAccess.from_mrz(card.document_number, card.birth_date, card.expiry_date)
    assert instant(card_index=0).read(access).document_number == card.document_number


@pytest.mark.parametrize(
    "access",
    [
        CardAccess.from_can("000000"),
        CardAccess.from_mrz(DEMO_CARDS[0].document_number, date(1948, 3, 18), DEMO_CARDS[0].expiry_date),
        CardAccess.from_can(DEMO_CARDS[1].can),  # another card's CAN
    ],
)
def test_wrong_access_key_is_refused(access: CardAccess) -> None:
    with pytest.raises(CardReaderError) as info:
        instant(card_index=0).read(access)
    assert info.value.kind is CardReaderErrorKind.WRONG_ACCESS_KEY
    assert "CAN" in info.value.user_message


@pytest.mark.parametrize("bad", ["12345", "1234567", "12a456", ""])
def test_malformed_can_is_a_validation_error(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        CardAccess.from_can(bad)
    assert info.value.field == "can"


def test_mrz_access_validates_its_fields() -> None:
    with pytest.raises(ValidationError):
        CardAccess.from_mrz("АБ123", date(1950, 1, 1), date(2030, 1, 1))  # Cyrillic letters
    with pytest.raises(ValidationError):
        CardAccess.from_mrz("004813572", date(2030, 1, 1), date(2020, 1, 1))


@pytest.mark.parametrize("kind", list(CardReaderErrorKind))
def test_every_error_kind_can_be_simulated(kind: CardReaderErrorKind) -> None:
    reader = instant(card_index=0, fail_with=kind)
    with pytest.raises(CardReaderError) as info:
        reader.read(CardAccess.from_can(DEMO_CARDS[0].can))
    assert info.value.kind is kind
    assert info.value.user_message == CARD_READER_MESSAGES[kind]
    # the log text is English and carries no personal data
    assert DEMO_CARDS[0].surname not in str(info.value) and DEMO_CARDS[0].can not in str(info.value)


def test_simulated_removal_takes_the_card_off() -> None:
    reader = instant(card_index=0, fail_with=CardReaderErrorKind.CARD_REMOVED)
    events = []
    reader.watch(events.append)
    with pytest.raises(CardReaderError):
        reader.read(CardAccess.from_can(DEMO_CARDS[0].can))
    assert reader.inserted_card() is None
    assert [e.present for e in events] == [True, False]


def test_no_reader_status_is_missing() -> None:
    reader = instant(fail_with=CardReaderErrorKind.NO_READER)
    assert reader.readers() == []
    assert reader.status().state.value == "missing"


@pytest.mark.parametrize("verdict", list(Verdict))
def test_configured_verdict_is_reported(verdict: Verdict) -> None:
    result = instant(card_index=2, verdict=verdict).read(CardAccess.from_can(DEMO_CARDS[2].can))
    assert result.verdict is verdict
    assert result.verdict_text


def test_read_takes_realistic_time_and_reports_each_step() -> None:
    scale = 0.1
    reader = SimulatedCardReader(SimulatedCardReaderConfig(card_index=0, time_scale=scale))
    texts: list[str] = []
    started = time.perf_counter()
    result = reader.read(
        CardAccess.from_can(DEMO_CARDS[0].can), progress=lambda text, done: texts.append(text)
    )
    elapsed = time.perf_counter() - started
    assert 2.0 <= sum(STEP_SECONDS.values()) <= 6.0  # a real contactless read of the card with its photo
    assert elapsed >= sum(STEP_SECONDS.values()) * scale
    t = result.timings
    assert t.photo >= STEP_SECONDS["photo"] * scale
    assert t.total >= t.connect + t.access + t.dg1 + t.dg11 + t.dg12 + t.photo + t.verify
    assert texts[1].startswith("Встановлення захищеного каналу") and texts[-1] == "Готово"


def test_taking_the_card_off_mid_read_fails_the_read() -> None:
    reader = SimulatedCardReader(SimulatedCardReaderConfig(card_index=0, time_scale=0.2))
    threading.Timer(0.15, reader.remove_card).start()
    with pytest.raises(CardReaderError) as info:
        reader.read(CardAccess.from_can(DEMO_CARDS[0].can))
    assert info.value.kind is CardReaderErrorKind.CARD_REMOVED


def test_corrupt_dg1_is_detected_by_its_check_digit() -> None:
    card = DEMO_CARDS[0]
    assert parse_td1(card.mrz).checks_ok
    with pytest.raises(CardReaderError) as info:
        instant(card_index=0, fail_with=CardReaderErrorKind.CORRUPT).read(CardAccess.from_can(card.can))
    assert "check digit" in str(info.value)
