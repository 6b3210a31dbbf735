"""Confirmation and information dialogs with big buttons.

Tests: the ``dialog_answers`` fixture of ``tests/ui/conftest.py`` answers every ``ConfirmDialog``
without showing it (it patches ``ConfirmDialog.exec``), whatever the import style of the caller.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mobile_case.ui.widgets.buttons import BigButton


class ConfirmDialog(QDialog):
    """A question with a confirm and a cancel button. ``exec()`` → Accepted when confirmed."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        confirm_text: str = "",
        cancel_text: str = "",
        danger: bool = False,
        informative: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        self.title_label = QLabel(title)
        self.title_label.setProperty("role", "section")
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addStretch(1)
        self.cancel_button = BigButton(cancel_text or self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = BigButton(
            confirm_text or (self.tr("OK") if informative else self.tr("Confirm")),
            kind="danger" if danger else "primary",
        )
        self.confirm_button.clicked.connect(self.accept)
        self.confirm_button.setDefault(True)
        if not informative:
            buttons.addWidget(self.cancel_button)
        else:
            self.cancel_button.hide()
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    confirm_text: str = "",
    cancel_text: str = "",
    danger: bool = False,
) -> bool:
    """Ask and wait; True when the user confirmed."""
    dialog = ConfirmDialog(
        parent, title, text, confirm_text=confirm_text, cancel_text=cancel_text, danger=danger
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Show a message with a single OK button and wait."""
    ConfirmDialog(parent, title, text, informative=True).exec()
