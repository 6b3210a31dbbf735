"""Labelled input fields with live validation.

A field takes a *validator*: a function ``str -> value`` that raises
:class:`mobile_case.domain.errors.ValidationError` (the domain validators of ``domain/validators.py`` are
exactly that). As the user types, the field runs it and shows the Ukrainian message under the field
with a red border; ``value()`` returns the validator's normalised result.

Widgets only: no database access here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from mobile_case.domain.errors import ValidationError
from mobile_case.ui import theme

# the line edit and its base live in lineedit.py (kept light for the login window); re-exported here
from mobile_case.ui.widgets.lineedit import (  # noqa: F401
    LabeledLineEdit,
    Validator,
    _FieldBase,
    required_message,
)


def _parse_date(text: str) -> date:
    from mobile_case.domain.validators import parse_date

    return parse_date(text)


def _format_date(d: date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


class DateField(LabeledLineEdit):
    """A date typed as дд.мм.рррр (8 digits typed without dots are formatted), or picked from a
    calendar. ``date()`` → ``datetime.date | None``; ``set_date(d)``."""

    date_changed = Signal(object)  # date | None

    def __init__(
        self,
        label: str,
        parent: QWidget | None = None,
        *,
        required: bool = False,
        hint: str = "",
        calendar: bool = True,
        field_name: str = "",
        validator: Validator | None = None,
    ) -> None:
        super().__init__(
            label,
            parent,
            validator=validator or _parse_date,
            required=required,
            placeholder=self.tr("dd.mm.yyyy"),
            hint=hint,
            max_length=10,
            field_name=field_name,
        )
        from PySide6.QtCore import Qt  # not at module level: see theme.centered

        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferNumbers)
        self.edit.setMaximumWidth(220)
        self.edit.textEdited.connect(self._auto_format)
        self.changed.connect(self._emit_date)
        self.calendar_button: QPushButton | None = None
        if calendar:
            from PySide6.QtCore import QSize

            self.calendar_button = QPushButton()
            self.calendar_button.setIcon(theme.icon("calendar", theme.PRIMARY_DARK))
            self.calendar_button.setIconSize(QSize(28, 28))
            self.calendar_button.setToolTip(self.tr("Choose from the calendar"))
            self.calendar_button.setAccessibleName(self.tr("Choose from the calendar"))
            self.calendar_button.setStyleSheet("padding: 0;")
            self.calendar_button.setFixedWidth(theme.TOUCH_MIN)
            self.calendar_button.setMinimumHeight(44)
            self.calendar_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            self.calendar_button.clicked.connect(self.pick_from_calendar)
            self._row.addWidget(self.calendar_button)
        self._row.addStretch(1)

    def _auto_format(self, text: str) -> None:
        if len(text) == 8 and text.isdigit():
            self.edit.setText(f"{text[:2]}.{text[2:4]}.{text[4:]}")

    def _emit_date(self, _text: str) -> None:
        self.date_changed.emit(self.date())

    def date(self) -> date | None:
        """The date, or None when empty or not (yet) valid."""
        try:
            value = self.value()
        except ValidationError:
            return None
        return value if isinstance(value, date) else None

    def set_date(self, d: date | None) -> None:
        self.setText(_format_date(d) if d else "")

    def pick_from_calendar(self) -> None:
        from PySide6.QtWidgets import QDialog

        from mobile_case.ui.widgets.calendar import CalendarPopup

        popup = CalendarPopup(self.date() or date.today(), self)
        if popup.exec() == QDialog.DialogCode.Accepted:
            self.set_date(popup.selected())
            self._touched = True


def _validate_phone(text: str) -> str:
    from mobile_case.domain.validators import validate_phone

    return validate_phone(text)


class PhoneField(LabeledLineEdit):
    """A Ukrainian phone number; shown formatted after editing, ``value()`` → E.164 (``+380…``)."""

    def __init__(
        self,
        label: str,
        parent: QWidget | None = None,
        *,
        required: bool = False,
        hint: str = "",
        field_name: str = "",
    ) -> None:
        super().__init__(
            label,
            parent,
            validator=_validate_phone,
            required=required,
            placeholder="+380 67 123 4567",
            hint=hint,
            max_length=20,
            field_name=field_name,
        )
        from PySide6.QtCore import Qt

        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.edit.setMaximumWidth(320)
        self._row.addStretch(1)
        self.editing_finished.connect(self._reformat)

    def _reformat(self) -> None:
        from mobile_case.domain.validators import format_phone

        try:
            e164 = _validate_phone(self.text())
        except ValidationError:
            return
        pretty = format_phone(e164)
        if pretty != self.text():
            self.setText(pretty)

    def set_phone(self, e164: str) -> None:
        if not e164:
            self.setText("")
            return
        from mobile_case.domain.validators import format_phone

        self.setText(format_phone(e164))


class LabeledTextEdit(_FieldBase):
    """A labelled multi-line text (notes, access instructions). ``text()``/``setText()``; ``changed``."""

    changed = Signal(str)

    def __init__(
        self,
        label: str,
        parent: QWidget | None = None,
        *,
        placeholder: str = "",
        hint: str = "",
        lines: int = 3,
        required: bool = False,
    ) -> None:
        super().__init__(label, parent, hint=hint, required=required)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(max(theme.TOUCH_MIN, 16 + lines * 26))
        self.label.setBuddy(self.edit)
        self._row.addWidget(self.edit, 1)
        self.edit.textChanged.connect(lambda: self.changed.emit(self.edit.toPlainText()))

    def text(self) -> str:
        return self.edit.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802
        if text != self.edit.toPlainText():
            self.edit.setPlainText(text)

    set_text = setText

    def set_error(self, message: str) -> None:
        self._show_error(message, self.edit)


class LabeledCombo(_FieldBase):
    """A labelled drop-down of ``(code, title)`` choices. ``current_code()`` / ``set_current_code()``."""

    changed = Signal(str)  # code

    def __init__(
        self,
        label: str,
        items: Iterable[tuple[str, str]] = (),
        parent: QWidget | None = None,
        *,
        hint: str = "",
        placeholder: str = "",
        required: bool = False,
    ) -> None:
        super().__init__(label, parent, hint=hint, required=required)
        self.combo = QComboBox()
        self.combo.setMinimumHeight(theme.TOUCH_MIN)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(16)
        self._placeholder = placeholder
        self.label.setBuddy(self.combo)
        self._row.addWidget(self.combo, 1)
        self.set_items(items)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit(self.current_code()))

    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        current = self.current_code() if self.combo.count() else ""
        self.combo.blockSignals(True)
        self.combo.clear()
        if self._placeholder:
            self.combo.addItem(self._placeholder, "")
        for code, title in items:
            self.combo.addItem(title, code)
        self.combo.blockSignals(False)
        self.set_current_code(current)

    def current_code(self) -> str:
        data = self.combo.currentData()
        return "" if data is None else str(data)

    def set_current_code(self, code: str) -> None:
        index = self.combo.findData(code)
        self.combo.setCurrentIndex(index if index >= 0 else 0 if self.combo.count() else -1)

    def set_error(self, message: str) -> None:
        self._show_error(message, self.combo)


# -- settlements ----------------------------------------------------------------------------------
KIND_ABBREVIATIONS = {"місто": "м.", "село": "с.", "селище": "с-ще", "смт": "смт"}


def settlement_label(name: str, kind: str) -> str:
    """«м. Чортків», «с. Білобожниця» — the Ukrainian address convention."""
    prefix = KIND_ABBREVIATIONS.get(kind, kind)
    return f"{prefix} {name}".strip()


class SettlementPicker(_FieldBase):
    """The settlement of the community, picked from the profile's list with type-to-filter.

    ``settlements``: objects with ``code``, ``name``, ``kind`` (``domain.profile.Settlement``).
    Typing filters the list by any part of the name, case-insensitively. ``settlement_code()`` is the
    chosen code, "" when the text matches no settlement of the community (``typed_text()`` then holds
    what was typed — an address outside the community is a refusal reason, O 2.3).
    """

    changed = Signal(str)  # code ("" = none / outside the list)
    text_changed = Signal(str)  # every edit of the text

    def __init__(
        self,
        label: str,
        settlements: Sequence[Any] = (),
        parent: QWidget | None = None,
        *,
        hint: str = "",
        required: bool = False,
    ) -> None:
        super().__init__(label, parent, hint=hint, required=required)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumHeight(theme.TOUCH_MIN)
        self.combo.setMaxVisibleItems(8)
        self.combo.lineEdit().setPlaceholderText(self.tr("Start typing the name…"))
        self.label.setBuddy(self.combo)
        self._row.addWidget(self.combo, 1)
        self._names = QStringListModel(self)
        from PySide6.QtCore import Qt

        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.popup().setStyleSheet(f"font-size: {theme.FONT_PX}px;")
        self.combo.setCompleter(completer)
        self._codes: list[str] = []
        self._last_code = ""
        self.set_settlements(settlements)
        self.combo.currentIndexChanged.connect(self._emit_if_changed)
        self.combo.lineEdit().textEdited.connect(self._emit_if_changed)
        self.combo.editTextChanged.connect(self.text_changed)
        completer.activated.connect(self._on_completion)

    def set_settlements(self, settlements: Sequence[Any]) -> None:
        labels = [settlement_label(s.name, s.kind) for s in settlements]
        self._codes = [s.code for s in settlements]
        self._plain = {s.name.casefold(): s.code for s in settlements}
        self.combo.blockSignals(True)
        self.combo.clear()
        for code, text in zip(self._codes, labels, strict=True):
            self.combo.addItem(text, code)
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")
        self.combo.blockSignals(False)
        self._names.setStringList(labels)
        self._last_code = ""

    def count(self) -> int:
        return self.combo.count()

    def matching(self, text: str) -> list[str]:
        """Labels of the settlements the typed ``text`` filters to (what the popup offers)."""
        needle = text.strip().casefold()
        return [
            self.combo.itemText(i)
            for i in range(self.combo.count())
            if needle in self.combo.itemText(i).casefold()
        ]

    def settlement_code(self) -> str:
        from PySide6.QtCore import Qt

        text = self.combo.currentText().strip()
        if not text:
            return ""
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.combo.itemData(index))
        return self._plain.get(text.casefold(), "")

    def typed_text(self) -> str:
        return self.combo.currentText().strip()

    def set_settlement_code(self, code: str) -> None:
        index = self.combo.findData(code) if code else -1
        self.combo.setCurrentIndex(index)
        if index < 0:
            self.combo.setEditText("")
        self._emit_if_changed()

    def set_typed_text(self, text: str) -> None:
        """Set the text as if typed (tests, restoring a draft with a name outside the list)."""
        self.combo.setEditText(text)
        self._emit_if_changed()

    def _on_completion(self, text: str) -> None:
        from PySide6.QtCore import Qt

        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        self._emit_if_changed()

    def _emit_if_changed(self, *_args: object) -> None:
        code = self.settlement_code()
        if code != self._last_code:
            self._last_code = code
            self.changed.emit(code)

    def set_error(self, message: str) -> None:
        self._show_error(message, self.combo)
