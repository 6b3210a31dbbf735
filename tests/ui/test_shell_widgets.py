"""ui/widgets: live validation, dates, phones, settlements, choices, banner, dialogs, keypad."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from mobile_case.domain.errors import ValidationError
from mobile_case.ui import theme
from mobile_case.ui.widgets import (
    BigButton,
    CheckList,
    ChoiceList,
    ConfirmDialog,
    DateField,
    LabeledCombo,
    LabeledLineEdit,
    LabeledTextEdit,
    MessageBanner,
    PhoneField,
    PinPad,
    SectionHeader,
    SettlementPicker,
    StatusChip,
    confirm,
)


def only_digits(text: str) -> str:
    if not text.isdigit():
        raise ValidationError("n", "Лише цифри, будь ласка.")
    return text


def test_line_edit_shows_the_validator_message_as_typed(qtbot, type_text) -> None:
    field = LabeledLineEdit("Номер", validator=only_digits)
    qtbot.addWidget(field)
    field.show()
    validity = []
    field.validity_changed.connect(validity.append)
    type_text(field.edit, "12а")
    assert field.error_text() == "Лише цифри, будь ласка."
    assert field.message_label.isVisible()
    assert field.edit.property("invalid") == "true"
    assert validity == [False]
    with pytest.raises(ValidationError):
        field.value()
    field.edit.backspace()
    assert field.error_text() == ""
    assert field.edit.property("invalid") == "false"
    assert field.value() == "12"
    assert validity == [False, True]


def test_required_field_complains_only_after_leaving_it(qtbot) -> None:
    field = LabeledLineEdit("ПІБ", required=True)
    qtbot.addWidget(field)
    assert field.label.text() == "ПІБ *"
    assert field.error_text() == ""  # not nagging before the user touched it
    assert not field.is_valid()
    assert field.validate() is False
    assert field.error_text() == "Це поле обов'язкове."
    field.setText("Шевченко")
    assert field.validate() and field.value() == "Шевченко"


def test_external_error_is_cleared_by_editing(qtbot) -> None:
    field = LabeledLineEdit("РНОКПП", field_name="rnokpp")
    qtbot.addWidget(field)
    field.setText("123")
    field.set_error("Контрольна цифра не збігається.")
    assert field.error_text() == "Контрольна цифра не збігається."
    with pytest.raises(ValidationError) as info:
        field.value()
    assert info.value.field == "rnokpp"
    field.setText("1234")
    assert field.error_text() == ""


def test_date_field_parses_formats_and_rejects(qtbot, type_text) -> None:
    field = DateField("Дата народження")
    qtbot.addWidget(field)
    type_text(field.edit, "05031948")
    assert field.text() == "05.03.1948"
    assert field.date() == date(1948, 3, 5)
    field.setText("32.01.2020")
    assert field.date() is None
    assert "немає 32-го числа" in field.error_text()
    field.set_date(date(2026, 5, 4))
    assert field.text() == "04.05.2026" and field.error_text() == ""
    assert field.calendar_button.minimumHeight() >= 44


def test_date_field_calendar_button_is_an_icon_and_is_not_cut_off(qtbot) -> None:
    """An SVG icon (the «📅» emoji was an empty box without an emoji font), and the button as tall as
    its style wants (a fixed 44 px cut its bottom border off under the theme's padding and border)."""
    field = DateField("З")
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    button = field.calendar_button
    assert button.text() == "" and not button.icon().isNull()
    assert button.accessibleName() == "Вибрати в календарі"
    assert button.height() >= max(44, button.minimumSizeHint().height())
    assert button.width() >= 44
    assert button.geometry().bottom() <= field.rect().bottom()


def test_date_field_calendar_popup_sets_the_date(qtbot, monkeypatch) -> None:
    from mobile_case.ui.widgets import calendar

    field = DateField("Дата")
    qtbot.addWidget(field)

    def fake_exec(popup):
        from PySide6.QtCore import QDate

        popup.calendar.setSelectedDate(QDate(2026, 7, 1))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(calendar.CalendarPopup, "exec", fake_exec)
    field.calendar_button.click()
    assert field.date() == date(2026, 7, 1)


def test_phone_field_validates_and_formats(qtbot) -> None:
    field = PhoneField("Телефон")
    qtbot.addWidget(field)
    field.setText("067")
    assert "10 цифр" in field.error_text()
    field.setText("0671234567")
    field.edit.editingFinished.emit()
    assert field.value() == "+380671234567"
    assert field.text() == "+380 67 123 45 67"
    field.set_phone("+380501112233")
    assert field.value() == "+380501112233"


def test_settlement_picker_filters_and_resolves_codes(qtbot, profile) -> None:
    picker = SettlementPicker("Населений пункт", profile.settlements)
    qtbot.addWidget(picker)
    assert picker.count() == len(profile.settlements)
    first = profile.settlements[1]
    part = first.name[1:4]
    matches = picker.matching(part)
    assert first.display_name in matches
    assert all(part.casefold() in m.casefold() for m in matches)
    codes = []
    picker.changed.connect(codes.append)
    picker.set_typed_text(first.display_name)
    assert picker.settlement_code() == first.code
    picker.set_typed_text(first.name.upper())  # typed without the prefix, other case
    assert picker.settlement_code() == first.code
    picker.set_typed_text("Київ")
    assert picker.settlement_code() == "" and picker.typed_text() == "Київ"
    picker.set_settlement_code(profile.settlements[0].code)
    assert picker.settlement_code() == profile.settlements[0].code
    assert codes == [first.code, "", profile.settlements[0].code]
    completer = picker.combo.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains


def test_check_list_and_choice_list(qtbot) -> None:
    checks = CheckList([("a", "Паспорт"), ("b", "Довідка", "оригінал")])
    qtbot.addWidget(checks)
    changes = []
    checks.changed.connect(lambda: changes.append(checks.checked_codes()))
    checks.click("b")
    assert checks.checked_codes() == ["b"]
    checks.set_checked_codes(["a", "b"])
    assert checks.checked_codes() == ["a", "b"]
    assert changes[0] == ["b"]
    assert checks.rows["b"].detail_label.text() == "оригінал"
    assert checks.rows["a"].minimumHeight() >= 44

    choice = ChoiceList([("x", "Пошта"), ("y", "Кур'єр"), ("z", "У ЦНАП")])
    qtbot.addWidget(choice)
    assert choice.selected_code() == ""
    choice.click("y")
    choice.click("z")
    assert choice.selected_code() == "z"
    choice.set_selected_code("")
    assert choice.selected_code() == ""
    choice.set_items([("x", "Пошта"), ("q", "Інше")])
    assert choice.codes() == ["x", "q"]


def test_row_tap_toggles(qtbot) -> None:
    checks = CheckList([("a", "Паспорт")])
    qtbot.addWidget(checks)
    checks.show()
    qtbot.mouseClick(checks.rows["a"].title_label, Qt.MouseButton.LeftButton)
    # the label passes the click to the row, which toggles the box
    assert checks.is_checked("a")


def test_banner_kinds(qtbot) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    host = QWidget()
    qtbot.addWidget(host)
    banner = MessageBanner()
    QVBoxLayout(host).addWidget(banner)
    host.show()
    assert not banner.isVisible()
    banner.show_error("Помилка збереження")
    assert banner.isVisible() and banner.kind() == "error" and banner.text() == "Помилка збереження"
    assert banner.property("role") == "banner-error"
    banner.close_button.click()
    assert not banner.isVisible()
    with pytest.raises(ValueError):
        banner.show_message("x", "purple")


def test_confirm_dialog_buttons(qtbot, dialog_answers) -> None:
    assert confirm(None, "Видалити?", "Точно?") is True
    dialog_answers.answer = False
    assert confirm(None, "Скасувати заявку?", "Точно?", danger=True) is False
    assert dialog_answers.asked == ["Видалити?", "Скасувати заявку?"]


def test_confirm_dialog_real_buttons(qtbot) -> None:
    dialog = ConfirmDialog(None, "Завершити візит?", "Запис буде зупинено.", danger=True)
    qtbot.addWidget(dialog)
    assert dialog.confirm_button.kind == "danger"
    assert dialog.cancel_button.text() == "Скасувати"
    assert dialog.confirm_button.minimumHeight() >= theme.BIG_BUTTON_HEIGHT
    dialog.confirm_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_pinpad_touch_and_keyboard(qtbot) -> None:
    pad = PinPad()
    qtbot.addWidget(pad)
    pad.show()
    for d in "2580":
        pad.keys[d].click()
    pad.keys["⌫"].click()
    assert pad.pin() == "258"
    with qtbot.waitSignal(pad.submitted) as blocker:
        pad.keys["OK"].click()
    assert blocker.args == ["258"]
    pad.clear()
    qtbot.keyClicks(pad.display, "12a3")  # letters are refused by the validator
    assert pad.pin() == "123"
    with qtbot.waitSignal(pad.submitted) as blocker:
        qtbot.keyClick(pad.display, Qt.Key.Key_Return)
    assert blocker.args == ["123"]
    assert all(b.width() >= 64 and b.height() >= 64 for b in pad.keys.values()), [
        b.size() for b in pad.keys.values()
    ]


def test_misc_widgets(qtbot) -> None:
    combo = LabeledCombo("Спосіб оплати", [("free", "Безоплатно"), ("pos", "POS-термінал")])
    qtbot.addWidget(combo)
    combo.set_current_code("pos")
    assert combo.current_code() == "pos"
    text = LabeledTextEdit("Примітки")
    qtbot.addWidget(text)
    text.setText("Домофон 12")
    assert text.text() == "Домофон 12"
    header = SectionHeader("Заявник", "Дані з документа")
    qtbot.addWidget(header)
    header.add_widget(BigButton("Дія"))
    assert header.subtitle_label.text() == "Дані з документа"
    button = BigButton("Зберегти", kind="primary")
    assert button.minimumHeight() >= 44 and button.kind == "primary"


def test_status_chip(qtbot) -> None:
    from mobile_case.devices.base import DeviceState, DeviceStatus

    chip = StatusChip()
    qtbot.addWidget(chip)
    chip.set_status(DeviceStatus("printer", "CUPS-PDF", DeviceState.FAILING, "qt", "Немає паперу."))
    assert chip.state == "failing" and "Принтер" in chip.text()
    assert "Немає паперу." in chip.toolTip() and "несправність" in chip.toolTip()
    assert chip.property("role") == "chip-failing"
