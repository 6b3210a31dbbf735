"""The labelled line edit with live validation — its own small module because the login window
(the first screen) needs only this field; ``fields.py`` has the rest and re-exports these names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from mobile_case.domain.errors import ValidationError
from mobile_case.ui import theme

Validator = Callable[[str], Any]


class _FieldBase(QWidget):
    """Label on top, the editor, then a hint/error line."""

    def __init__(self, label: str, parent: QWidget | None = None, *, hint: str = "", required: bool = False):
        super().__init__(parent)
        self._required = required
        self._hint = hint
        self._external_error = ""
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.label = QLabel(self._label_text(label))
        self.label.setWordWrap(True)
        theme.set_role(self.label, "fieldLabel")
        self._layout.addWidget(self.label)
        self._row = QHBoxLayout()
        self._row.setSpacing(8)
        self._layout.addLayout(self._row)
        self.message_label = QLabel(hint)
        self.message_label.setWordWrap(True)
        theme.set_role(self.message_label, "muted")
        self.message_label.setVisible(bool(hint))
        self._layout.addWidget(self.message_label)
        self._label_source = label

    def _label_text(self, label: str) -> str:
        return f"{label} *" if self._required and label else label

    def set_label(self, label: str) -> None:
        self._label_source = label
        self.label.setText(self._label_text(label))

    def _show_error(self, message: str, editor: QWidget) -> None:
        if message:
            self.message_label.setText(message)
            theme.set_role(self.message_label, "error")
            self.message_label.setVisible(True)
        else:
            self.message_label.setText(self._hint)
            theme.set_role(self.message_label, "muted")
            self.message_label.setVisible(bool(self._hint))
        theme.set_role(editor, "true" if message else "false", "invalid")

    def error_text(self) -> str:
        """The error shown under the field, "" when none."""
        return self.message_label.text() if self.message_label.property("role") == "error" else ""

    @property
    def required(self) -> bool:
        return self._required

    def set_required(self, required: bool) -> None:
        self._required = required
        self.label.setText(self._label_text(self._label_source))


def required_message() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Fields", "This field is required.")


class LabeledLineEdit(_FieldBase):
    """A labelled line edit with live validation.

    - ``validator(text) -> value`` raises ``ValidationError``; empty text is valid unless ``required``.
    - ``value()`` → the validated value (raises ``ValidationError``); ``text()``/``setText()`` raw text.
    - ``set_error(msg)`` shows an error from elsewhere (e.g. a service's ValidationError for this field);
      it clears when the user edits the field.
    - Signals: ``changed(str)`` on every edit, ``validity_changed(bool)``, ``editing_finished()``.
    """

    changed = Signal(str)
    validity_changed = Signal(bool)
    editing_finished = Signal()

    def __init__(
        self,
        label: str,
        parent: QWidget | None = None,
        *,
        validator: Validator | None = None,
        required: bool = False,
        placeholder: str = "",
        hint: str = "",
        max_length: int | None = None,
        field_name: str = "",
        clear_button: bool = True,
    ) -> None:
        super().__init__(label, parent, hint=hint, required=required)
        self.field_name = field_name
        self._validator = validator
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumHeight(theme.TOUCH_MIN)
        self.edit.setClearButtonEnabled(clear_button)
        if max_length:
            self.edit.setMaxLength(max_length)
        self.label.setBuddy(self.edit)
        self._row.addWidget(self.edit, 1)
        self._valid = True
        self._touched = False
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.editingFinished.connect(self._on_editing_finished)

    # -- text ---------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming, drop-in for QLineEdit
        self.edit.setText(text)

    set_text = setText

    def clear(self) -> None:
        self.edit.clear()
        self._touched = False
        self._external_error = ""
        self._refresh(show_required=False)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    # -- validation ---------------------------------------------------------------------------
    def _check(self, show_required: bool) -> tuple[bool, str]:
        text = self.edit.text().strip()
        if self._external_error:
            return False, self._external_error
        if not text:
            if self._required:
                return False, required_message() if show_required else ""
            return True, ""
        if self._validator is None:
            return True, ""
        try:
            self._validator(text)
        except ValidationError as exc:
            return False, exc.user_message
        return True, ""

    def _refresh(self, show_required: bool) -> bool:
        valid, message = self._check(show_required)
        self._show_error(message, self.edit)
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        return valid

    def _on_text_changed(self, text: str) -> None:
        self._external_error = ""
        self._refresh(show_required=self._touched)
        self.changed.emit(text)

    def _on_editing_finished(self) -> None:
        self._touched = True
        self._refresh(show_required=True)
        self.editing_finished.emit()

    def validate(self) -> bool:
        """Validate now, showing every problem incl. an empty required field. True when valid."""
        self._touched = True
        return self._refresh(show_required=True)

    def is_valid(self) -> bool:
        return self._check(show_required=True)[0]

    def value(self) -> Any:
        """The validated (normalised) value; "" / None for an empty optional field."""
        text = self.edit.text().strip()
        if self._external_error:
            raise ValidationError(self.field_name or "field", self._external_error)
        if not text:
            if self._required:
                raise ValidationError(self.field_name or "field", required_message())
            return None if self._validator is not None else ""
        if self._validator is None:
            return text
        return self._validator(text)

    def set_error(self, message: str) -> None:
        """Show an error that came from elsewhere; cleared on the next edit."""
        self._external_error = message
        self._refresh(show_required=True)

    def set_validator(self, validator: Validator | None) -> None:
        self._validator = validator
        self._refresh(show_required=self._touched)
