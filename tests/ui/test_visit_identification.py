"""The identification step with the ID-card reader (issue 3, point 5), through the simulated reader:
CAN and MRZ access, the read filling the subject, mismatches and the verdict, the Latin names, the read
kept with the visit and shown again after a reopen and a restart, every reader error in Ukrainian."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from test_visit_support import open_page, scheduled_visit, settle, to_identification

from mobile_case.devices.cardreader.base import CARD_READER_MESSAGES, CardReaderErrorKind, Verdict
from mobile_case.devices.cardreader.demo_people import DEMO_CARDS
from mobile_case.domain.model import Address, IdentificationSource, VisitStep
from mobile_case.services.cardreads import CARD_PHOTO_KIND, CARD_READ_KIND
from mobile_case.storage.models import FileRow

CARD = DEMO_CARDS[0]  # Дем'янчук Мар'яна Степанівна, on the simulated reader


def read_with_can(ident: Any, tasks: Any, can: str = CARD.can) -> None:
    ident.reader.form.set_mode("can")
    ident.can.setText(can)
    ident.read_button.click()
    settle(tasks)


def stored_reads(services: Any) -> list[Any]:
    with services.store.reader() as s:
        return list(s.scalars(select(FileRow).where(FileRow.kind.in_([CARD_READ_KIND, CARD_PHOTO_KIND]))))


def test_reading_the_card_fills_the_subject_after_confirmation(
    main_window: Any, services: Any, tasks: Any, screenshot: Any, devices: Any
) -> None:
    # the request was taken by phone: another spelling of the surname, no РНОКПП and УНЗР
    req, visit, page = to_identification(
        main_window, services, tasks, surname="Демянчук", given_name="Мар'яна", patronymic="Степанівна",
        birth=CARD.birth_date,
    )  # fmt: skip
    ident = page.step(VisitStep.IDENTIFICATION)
    screenshot(main_window, "visit-02-identification-before-read")
    assert not ident.verdict.isVisibleTo(page) and not ident.fill_box.isVisibleTo(page)
    read_with_can(ident, tasks)

    # the read is kept with the visit at once, the visit refers to it
    stored = services.visits.get(visit.id).identification
    assert stored.card_read_id == ident.card_read_id != ""
    assert stored.source is IdentificationSource.CHIP and stored.document_number == CARD.document_number
    assert {r.kind for r in stored_reads(services)} == {CARD_READ_KIND, CARD_PHOTO_KIND}
    # side by side: the surname differs (colour, sign and words), the rest matches
    assert ident.mismatches == {"surname"}
    assert ident.document_cells["surname"].text().startswith("≠\u00a0Дем'янчук")
    assert "не збігається" in ident.document_cells["surname"].text()
    assert ident.document_cells["given_name"].text() == CARD.given_names
    assert ident.document_cells["unzr"].text() == CARD.unzr
    assert ident.mismatch_banner.isVisibleTo(page)
    assert ident.photo.isVisibleTo(page) and not ident.photo.pixmap().isNull()
    assert ident.verdict.isVisibleTo(page) and ident.verdict.kind == "success"
    assert "Справжні" in ident.verdict.plain_text()
    assert not ident.latin_banner.isVisibleTo(page)  # DEMIANCHUK MARIANA is the official transliteration
    assert ident.fill_box.isVisibleTo(page)
    screenshot(main_window, "visit-02-identification-mismatch")

    ident.fill_button.click()
    settle(tasks)
    subject = services.requests.get(req.id).subject
    assert (subject.surname, subject.given_name, subject.patronymic) == (
        CARD.surname,
        CARD.given_names,
        CARD.patronymic,
    )
    assert subject.unzr == CARD.unzr and subject.rnokpp == CARD.rnokpp and subject.phone == req.subject.phone
    assert ident.mismatches == set() and not ident.mismatch_banner.isVisibleTo(page)
    assert ident.request_cells["unzr"].text() == CARD.unzr
    assert CARD.surname in page.subject_label.text()  # the header names the subject as on the card
    assert page.bundle.request.subject.surname == CARD.surname  # request_changed: the bundle follows
    assert not ident.fill_box.isVisibleTo(page) and ident.fill_banner.kind() == "success"
    assert not page.next_button.isEnabled()  # still to confirm
    ident.verified.click()
    settle(tasks)
    assert page.next_button.isEnabled()
    screenshot(main_window, "visit-02-identification-filled")


def test_the_step_says_whether_a_card_lies_on_the_reader(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    _req, _visit, page = to_identification(main_window, services, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    settle(tasks)
    assert ident.reader.card_present is True and "лежить" in ident.reader.card_state.text()
    devices.card_reader.remove_card()
    settle(tasks)
    assert ident.reader.card_present is False and "Покладіть" in ident.reader.card_state.text()
    read_with_can(ident, tasks)
    assert ident.reader_banner.text() == CARD_READER_MESSAGES[CardReaderErrorKind.NO_CARD]
    devices.card_reader.insert_card(0)
    settle(tasks)
    assert ident.reader.card_present is True
    read_with_can(ident, tasks)
    assert ident.read_result is not None
    # another step shown: the reader is no longer watched
    page.show_step(0)
    settle(tasks)
    assert ident.reader._stop_watch is None


def test_enter_by_hand_keeps_the_request(main_window: Any, services: Any, tasks: Any, devices: Any) -> None:
    req, visit, page = to_identification(
        main_window, services, tasks, surname="Демянчук", birth=CARD.birth_date
    )
    ident = page.step(VisitStep.IDENTIFICATION)
    read_with_can(ident, tasks)
    ident.manual_button.click()
    settle(tasks)
    assert services.requests.get(req.id).subject.surname == "Демянчук"
    assert not ident.fill_box.isVisibleTo(page) and ident.fill_banner.kind() == "info"
    stored = services.visits.get(visit.id).identification
    assert stored.source is IdentificationSource.MANUAL
    assert stored.card_read_id == ident.card_read_id != ""  # the read stays kept with the visit


@pytest.mark.parametrize(
    ("verdict", "kind", "words"),
    [
        (Verdict.AUTHENTIC, "success", "Справжні"),
        (Verdict.DATA_ALTERED, "error", "Дані змінено"),
        (Verdict.CANNOT_CHECK, "warning", "Неможливо перевірити"),
    ],
)
def test_the_verdict_is_one_clear_line(
    main_window: Any, services: Any, tasks: Any, devices: Any, screenshot: Any, verdict: Verdict, kind: str,
    words: str,
) -> None:  # fmt: skip
    devices.card_reader.config.verdict = verdict
    _req, _visit, page = to_identification(main_window, services, tasks, surname=CARD.surname,
                                           given_name=CARD.given_names, patronymic=CARD.patronymic,
                                           birth=CARD.birth_date)  # fmt: skip
    ident = page.step(VisitStep.IDENTIFICATION)
    read_with_can(ident, tasks)
    assert ident.verdict.isVisibleTo(page)
    assert ident.verdict.kind == kind
    icon = {"success": "✔", "error": "✖", "warning": "⚠"}[kind]
    assert ident.verdict.icon.text() == icon  # not colour only: a sign and words too
    assert words in ident.verdict.plain_text()
    # altered data are not offered for the request; the others are (the request lacks РНОКПП and УНЗР)
    assert ident.fill_box.isVisibleTo(page) is (verdict is not Verdict.DATA_ALTERED)
    if verdict is Verdict.DATA_ALTERED:
        screenshot(main_window, "visit-02-identification-data-altered")


@pytest.mark.parametrize("kind", list(CardReaderErrorKind))
def test_each_reader_error_shows_its_message_and_saves_nothing(
    main_window: Any, services: Any, tasks: Any, devices: Any, screenshot: Any, kind: CardReaderErrorKind
) -> None:
    _req, visit, page = to_identification(main_window, services, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    devices.card_reader.config.fail_with = kind
    read_with_can(ident, tasks)
    assert ident.reader_banner.kind() == "error"
    assert ident.reader_banner.text() == CARD_READER_MESSAGES[kind]
    if kind is CardReaderErrorKind.WRONG_ACCESS_KEY:
        screenshot(main_window, "visit-02-identification-error")
    assert not ident.progress.isVisibleTo(page)
    assert ident.read_result is None and not ident.verdict.isVisibleTo(page)
    assert stored_reads(services) == []
    assert services.visits.get(visit.id).identification.card_read_id == ""
    # the visit stays usable: the number is typed by hand, the reader may be tried again
    assert ident.read_button.isEnabled() and ident.can.isEnabled()
    ident.number.setText("004512378")
    ident.verified.click()
    settle(tasks)
    assert page.next_button.isEnabled()


def test_mrz_fields_validate_check_digits_as_typed_and_open_the_chip(
    main_window: Any, services: Any, tasks: Any, devices: Any, screenshot: Any
) -> None:
    _req, _visit, page = to_identification(main_window, services, tasks, surname=CARD.surname,
                                           given_name=CARD.given_names, birth=CARD.birth_date)  # fmt: skip
    ident = page.step(VisitStep.IDENTIFICATION)
    form = ident.reader.form
    form.set_mode("mrz")
    assert form.mrz_box.isVisibleTo(page) and not form.can.isVisibleTo(page)
    line1, line2 = CARD.mrz[0], CARD.mrz[1]
    number_with_check = line1[5:15]  # the number and its check digit as printed in the MRZ
    birth_with_check, expiry_with_check = line2[0:7], line2[8:15]
    wrong = number_with_check[:-1] + str((int(number_with_check[-1]) + 1) % 10)
    form.document_number.setText(wrong)
    assert "контрольна цифра" in form.document_number.error_text().lower()
    form.document_number.setText(number_with_check)
    assert form.document_number.error_text() == ""
    form.birth_date.setText(birth_with_check[:6] + str((int(birth_with_check[6]) + 1) % 10))
    assert "контрольна цифра" in form.birth_date.error_text().lower()
    ident.scroll_to(form.birth_date)
    settle(tasks)
    screenshot(main_window, "visit-02-identification-mrz")
    form.birth_date.setText(birth_with_check)
    form.expiry_date.setText("31.02.2030")
    assert form.expiry_date.error_text() != ""
    form.expiry_date.setText(expiry_with_check)
    assert form.birth_date.value() == CARD.birth_date and form.expiry_date.value() == CARD.expiry_date
    ident.read_button.click()
    settle(tasks)
    assert ident.reader_banner.kind() != "error"
    assert ident.read_result is not None and ident.read_result.document_number == CARD.document_number
    # the dates as on the front of the card work the same
    form.birth_date.setText(CARD.birth_date.strftime("%d.%m.%Y"))
    form.expiry_date.setText(CARD.expiry_date.strftime("%d.%m.%Y"))
    form.document_number.setText(CARD.document_number)
    ident.read_button.click()
    settle(tasks)
    assert ident.reader_banner.kind() != "error"
    # a wrong date: the card refuses the key, in Ukrainian
    form.birth_date.setText(date(1950, 1, 1).strftime("%d.%m.%Y"))
    ident.read_button.click()
    settle(tasks)
    assert ident.reader_banner.text() == CARD_READER_MESSAGES[CardReaderErrorKind.WRONG_ACCESS_KEY]


def test_an_empty_or_short_can_is_refused_before_the_reader(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    _req, _visit, page = to_identification(main_window, services, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    read_with_can(ident, tasks, can="")
    assert "CAN" in ident.can.error_text() and not ident.progress.isVisibleTo(page)
    read_with_can(ident, tasks, can="12 34")
    assert "6 цифр" in ident.can.error_text()
    assert stored_reads(services) == []


class _LatinOtherwise:
    """The simulated reader, with the DG1 surname written otherwise than by the КМУ № 55 table (as in
    an old passport): what a real card may hold."""

    backend = "simulator"

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def read(self, access: Any, reader: Any = None, progress: Any = None) -> Any:
        result = self._reader.read(access, reader, progress)
        return dataclasses.replace(result, surname_latin="DEMYANCHUK")


def test_a_latin_name_other_than_the_official_transliteration_is_shown(
    main_window: Any, services: Any, tasks: Any, devices: Any, monkeypatch: Any
) -> None:
    _req, _visit, page = to_identification(main_window, services, tasks, surname=CARD.surname,
                                           given_name=CARD.given_names, birth=CARD.birth_date)  # fmt: skip
    ident = page.step(VisitStep.IDENTIFICATION)
    wrapped = _LatinOtherwise(devices.card_reader)
    monkeypatch.setattr(type(devices), "card_reader", property(lambda _self: wrapped))
    read_with_can(ident, tasks)
    assert ident.latin_banner.isVisibleTo(page) and ident.latin_banner.kind() == "warning"
    text = ident.latin_banner.text()
    assert "DEMYANCHUK" in text and "DEMIANCHUK" in text and "55" in text
    assert ident.read_result is not None and ident.card_read_id  # not fatal: read and kept


def test_the_read_and_the_typed_address_come_back_when_the_visit_is_reopened(
    main_window: Any, services: Any, tasks: Any, devices: Any, screenshot: Any
) -> None:
    req, visit, page = to_identification(main_window, services, tasks, surname="Демянчук",
                                         given_name=CARD.given_names, patronymic=CARD.patronymic,
                                         birth=CARD.birth_date)  # fmt: skip
    ident = page.step(VisitStep.IDENTIFICATION)
    read_with_can(ident, tasks)
    # the registered address is not on the chip with the CAN: the step says so and asks for the extract
    assert ident.address_box.isVisibleTo(page) and "витягу" in ident.address_note.text()
    fields = ident.address_fields
    fields["settlement_name"].setText("м. Чортків")
    ident.address_button.click()  # no street, no house: refused on the spot, nothing saved
    settle(tasks)
    assert fields["street"].error_text() and services.requests.get(req.id).registered_address is None
    fields["street"].setText("вул. Шевченка")
    fields["house"].setText("12")
    fields["apartment"].setText("5")
    ident.address_button.click()
    settle(tasks)
    assert ident.address_banner.kind() == "success"
    # typed into the request itself, the visit address untouched; the page's bundle follows
    stored = services.requests.get(req.id)
    assert stored.registered_address == Address(settlement_name="м. Чортків", street="вул. Шевченка",
                                                house="12", apartment="5")  # fmt: skip
    assert stored.address == req.address
    assert page.bundle.request.registered_address == stored.registered_address
    ident.scroll_to(ident.address_button)
    settle(tasks)
    screenshot(main_window, "visit-02-identification-address")
    read_id = ident.card_read_id
    # another visit on the same page: nothing of this citizen stays on screen
    _req2, _outing2, other = scheduled_visit(services, surname="Мельник")
    page = open_page(main_window, tasks, other.id)
    page.start_button.click()
    settle(tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    assert (
        ident.read_result is None and not ident.photo.isVisibleTo(page) and ident.typed_address_text() == ""
    )
    # «as the visit address» copies that visit's address into the fields (to be checked and saved)
    ident.address_copy_button.click()
    visit_address = services.requests.get(_req2.id).address
    assert ident.address_fields["street"].text() == visit_address.street != ""
    assert ident.address_fields["settlement_name"].text() != ""
    # back to the first visit: the photo, the verdict, the mismatch and the address are shown again
    page = open_page(main_window, tasks, visit.id)
    page.show_step(1)
    settle(tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    assert ident.card_read_id == read_id
    assert ident.read_result is not None and ident.read_result.document_number == CARD.document_number
    assert ident.photo.isVisibleTo(page) and not ident.photo.pixmap().isNull()
    assert ident.verdict.kind == "success" and ident.mismatches == {"surname"}
    assert ident.typed_address() == stored.registered_address
    assert ident.reader_banner.kind() == "info" and "збережено з візитом" in ident.reader_banner.text()
    assert ident.source_label.text() == "Зчитано з чипа ID-картки"


def test_the_read_is_shown_again_after_a_restart(
    qtbot: Any, main_window: Any, services: Any, tasks: Any, devices: Any, data_dir: Any, profile: Any,
    key_provider: Any, app_config: Any, login_as: Any,
) -> None:  # fmt: skip
    from mobile_case.domain.model import Role
    from mobile_case.services import build_services
    from mobile_case.ui.main_window import MainWindow

    _req, visit, page = to_identification(main_window, services, tasks, surname=CARD.surname,
                                           given_name=CARD.given_names, birth=CARD.birth_date)  # fmt: skip
    devices.card_reader.config.verdict = Verdict.CANNOT_CHECK
    read_with_can(page.step(VisitStep.IDENTIFICATION), tasks)
    read_id = page.step(VisitStep.IDENTIFICATION).card_read_id
    main_window.close()
    settle(tasks)
    # the app starts again on the same data folder
    again = build_services(data_dir, profile, key_provider=key_provider)
    try:
        login_as(again, Role.HEAD)
        window = MainWindow(again, devices=devices, tasks=tasks, config=app_config)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        page = open_page(window, tasks, visit.id)
        ident = page.step(VisitStep.IDENTIFICATION)
        page.show_step(1)
        settle(tasks)
        assert ident.card_read_id == read_id
        assert ident.photo.isVisibleTo(page) and not ident.photo.pixmap().isNull()
        assert ident.verdict.kind == "warning" and "Неможливо перевірити" in ident.verdict.plain_text()
        assert ident.document_cells["surname"].text() == CARD.surname
        tasks.wait_idle()
        window.watcher.stop()
        window.close()
        settle(tasks)
    finally:
        again.close()


def test_the_access_fields_parse_as_printed_and_as_in_the_mrz() -> None:
    from mobile_case.domain.errors import ValidationError
    from mobile_case.domain.validators import mrz_check_digit
    from mobile_case.ui.widgets.cardread import parse_can, parse_document_number, parse_mrz_date

    today = date(2026, 12, 6)

    def refused(call: Any) -> str:
        with pytest.raises(ValidationError) as caught:
            call()
        return caught.value.user_message

    assert parse_can(" 482 615 ") == "482615"
    for bad in ("48261", "4826155", "48261a"):
        with pytest.raises(ValidationError):
            parse_can(bad)
    number = "004813572"
    check = str(mrz_check_digit(number))
    assert parse_document_number(number) == number
    assert parse_document_number(f"{number} {check}") == number
    assert parse_document_number(f"{number}<{check}") == number
    assert parse_document_number("fx123456") == "FX123456"  # a passport number, upper-cased
    assert "10-й символ" in refused(lambda: parse_document_number(number + str((int(check) + 1) % 10)))
    with pytest.raises(ValidationError):
        parse_document_number("АБ123456")  # Cyrillic is not in the MRZ
    assert parse_mrz_date("17.03.1948", birth=True, today=today) == date(1948, 3, 17)
    assert parse_mrz_date("480317", birth=True, today=today) == date(1948, 3, 17)
    assert parse_mrz_date(f"480317 {mrz_check_digit('480317')}", birth=True, today=today) == date(1948, 3, 17)
    assert parse_mrz_date("010203", birth=True, today=today) == date(2001, 2, 3)  # not 1901
    assert parse_mrz_date("290612", birth=False, today=today) == date(2029, 6, 12)
    assert "Контрольна цифра дати народження" in refused(
        lambda: parse_mrz_date(f"480317{(mrz_check_digit('480317') + 1) % 10}", birth=True, today=today)
    )
    assert "не існує" in refused(lambda: parse_mrz_date("29.02.2027", birth=False, today=today))
    assert "майбутньому" in refused(lambda: parse_mrz_date("01.01.2027", birth=True, today=today))
    assert "ДД.ММ.РРРР" in refused(lambda: parse_mrz_date("березень 1948", birth=True, today=today))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=16))
def test_any_typed_text_is_a_value_or_a_ukrainian_message(text: str) -> None:
    from mobile_case.domain.errors import ValidationError
    from mobile_case.ui.widgets.cardread import parse_can, parse_document_number, parse_mrz_date

    for parse in (
        parse_can,
        parse_document_number,
        lambda t: parse_mrz_date(t, birth=True, today=date(2026, 12, 6)),
        lambda t: parse_mrz_date(t, birth=False, today=date(2026, 12, 6)),
    ):
        try:
            value = parse(text)
        except ValidationError as exc:
            assert exc.user_message
        else:
            assert isinstance(value, (str, date))


def test_a_read_that_cannot_be_saved_says_so_and_keeps_nothing(
    main_window: Any, services: Any, tasks: Any, devices: Any, monkeypatch: Any
) -> None:
    from mobile_case.domain.errors import AuthError
    from mobile_case.services.cardreads import CardReadService

    _req, visit, page = to_identification(main_window, services, tasks, surname=CARD.surname)
    ident = page.step(VisitStep.IDENTIFICATION)

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AuthError("session locked", "Сеанс заблоковано через бездіяльність. Введіть свій PIN.")

    monkeypatch.setattr(CardReadService, "save", refuse)
    read_with_can(ident, tasks)
    assert ident.reader_banner.kind() == "error"
    assert "не збережено" in ident.reader_banner.text() and "PIN" in ident.reader_banner.text()
    assert ident.card_read_id == "" and stored_reads(services) == []
    assert services.visits.get(visit.id).identification.card_read_id == ""
    # the data read are on screen for the comparison, but nothing can be filled from an unsaved read
    assert ident.read_result is not None
    ident.fill_button.click()
    settle(tasks)
    assert ident.fill_banner.kind() == "warning" and "ще раз" in ident.fill_banner.text()
    assert services.requests.get(_req.id).subject.surname == CARD.surname


def test_every_control_of_the_step_is_a_touch_target_at_1280x800(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    """After a read, with the MRZ form, the fill choice and the address fields on screen: every button,
    field and combo of the step is at least 44 px high (and buttons 44 px wide) in the 1280×800 window."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    _req, _visit, page = to_identification(main_window, services, tasks, surname="Демянчук")
    assert (main_window.width(), main_window.height()) == (1280, 800)
    ident = page.step(VisitStep.IDENTIFICATION)
    read_with_can(ident, tasks)
    ident.reader.form.set_mode("mrz")
    settle(tasks)
    small, seen = [], 0
    for kind in (QAbstractButton, QLineEdit, QComboBox):
        for widget in ident.findChildren(kind):
            if not widget.isVisibleTo(ident):
                continue
            seen += 1
            if type(widget.parentWidget()).__name__ == "OptionRow":  # the whole row is the target
                widget = widget.parentWidget()
            too_narrow = widget.width() < 44
            if widget.height() < 44 or too_narrow:
                small.append(
                    (type(widget).__name__, widget.text() if hasattr(widget, "text") else "", widget.size())
                )
    assert seen >= 18  # MRZ fields, read, fill/by hand, address fields and buttons, the confirmation …
    # the document type shows whole: short distinct names, the official title as the tooltip
    combo = ident.doc_type.combo
    assert combo.currentText() == "Паспорт: ID-картка"
    assert combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole).endswith("у формі ID-картки")
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) < combo.width() - 40
    assert not small, small
