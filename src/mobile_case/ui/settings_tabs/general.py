"""Settings → General: language, inactivity lock minutes, where the database key is kept, own PIN
change."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from mobile_case.domain.errors import ValidationError
from mobile_case.ui import theme
from mobile_case.ui.pages import PageContext
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets import (
    BigButton,
    Card,
    ChoiceList,
    LabeledCombo,
    LabeledLineEdit,
    MessageBanner,
    SectionHeader,
)

log = logging.getLogger("mobile_case.ui.settings")  # the settings page's logger, as before the split

INACTIVITY_CHOICES = (1, 2, 5, 10, 15, 30, 0)


class GeneralTab(QScrollArea):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 8, 8, 8)
        layout.setSpacing(12)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        left = Card()
        left.body.addWidget(SectionHeader(self.tr("Language and screen lock")))
        self.language = LabeledCombo(
            self.tr("Language of the interface"),
            [("uk", "Українська"), ("en", "English")],
            hint=self.tr("Takes effect after the program is restarted."),
        )
        left.body.addWidget(self.language)
        lock_label = QLabel(self.tr("Lock the screen after inactivity"))
        theme.set_role(lock_label, "fieldLabel")
        left.body.addWidget(lock_label)
        self.inactivity = ChoiceList(
            [
                (str(m), self.tr("%1 min").replace("%1", str(m)) if m else self.tr("never"))
                for m in INACTIVITY_CHOICES
            ],
            columns=4,
        )
        left.body.addWidget(self.inactivity)
        self.save_button = BigButton(self.tr("Save the settings"), kind="primary")
        self.save_button.clicked.connect(self.save)
        left.body.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.body.addStretch(1)
        columns.addWidget(left, 1)

        right = Card()
        right.body.addWidget(SectionHeader(self.tr("Data protection")))
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        right.body.addWidget(self.key_label)
        self.data_label = QLabel()
        self.data_label.setWordWrap(True)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.set_role(self.data_label, "muted")
        right.body.addWidget(self.data_label)
        right.body.addWidget(SectionHeader(self.tr("Change my PIN")))
        self.old_pin = LabeledLineEdit(self.tr("Current PIN"), required=True)
        self.new_pin = LabeledLineEdit(self.tr("New PIN"), required=True)
        for f in (self.old_pin, self.new_pin):
            f.edit.setEchoMode(QLineEdit.EchoMode.Password)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.old_pin, 1)
        pin_row.addWidget(self.new_pin, 1)
        right.body.addLayout(pin_row)
        self.change_pin_button = BigButton(self.tr("Change the PIN"))
        self.change_pin_button.clicked.connect(self.change_pin)
        right.body.addWidget(self.change_pin_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.body.addStretch(1)
        columns.addWidget(right, 1)
        layout.addLayout(columns)
        layout.addStretch(1)
        self.setWidget(inner)
        self.load()

    def load(self) -> None:
        config = self.ctx.config
        self.language.set_current_code(getattr(config, "language", "uk") or "uk")
        minutes = getattr(config, "inactivity_minutes", 5)
        self.inactivity.set_selected_code(str(minutes if minutes in INACTIVITY_CHOICES else 5))
        store = getattr(self.ctx.services, "store", None)
        status = getattr(store, "key_status", None)
        if status is None:
            self.key_label.setText("")
        elif status.location == "keyring":
            self.key_label.setText(
                "✔ "
                + self.tr("The database is encrypted; its key is kept in the system keyring (%1).").replace(
                    "%1", status.backend
                )
            )
            self.key_label.setStyleSheet(f"color: {theme.SUCCESS};")
        elif status.location == "file":
            self.key_label.setText("⚠ " + (status.message or self.tr("The key is kept in a file.")))
            self.key_label.setStyleSheet(f"color: {theme.WARNING}; font-weight: 600;")
        else:
            self.key_label.setText("✔ " + self.tr("The database is encrypted with a key given at start-up."))
        data_dir = getattr(store, "data_dir", None)
        if data_dir is not None:
            self.data_label.setText(self.tr("Data folder: %1").replace("%1", str(data_dir)))

    def save(self) -> None:
        config = self.ctx.config
        if config is None:
            return
        config.language = self.language.current_code() or "uk"
        config.inactivity_minutes = int(self.inactivity.selected_code() or 5)
        try:
            config.save()
        except OSError as exc:
            log.warning("settings not saved: %s", type(exc).__name__)
            self.banner.show_error(self.tr("The settings could not be saved to the data folder."))
            return
        window = self.ctx.window
        if hasattr(window, "set_inactivity_minutes"):
            window.set_inactivity_minutes(config.inactivity_minutes)
        self.banner.show_success(self.tr("Settings saved."))

    def change_pin(self) -> None:
        if not (self.old_pin.validate() and self.new_pin.validate()):
            return
        old, new = self.old_pin.text(), self.new_pin.text()

        def done(_r: Any) -> None:
            self.old_pin.clear()
            self.new_pin.clear()
            self.banner.show_success(self.tr("Your PIN has been changed."))

        def failed(failure: TaskFailure) -> None:
            exc = failure.exception
            if isinstance(exc, ValidationError) and exc.field == "new_pin":
                self.new_pin.set_error(exc.user_message)
            self.banner.show_error(failure.message)

        self.ctx.tasks.run_db(
            self.ctx.services.users.change_own_pin,
            old,
            new,
            on_done=done,
            on_error=failed,
            name="change-own-pin",
            owner=self,
        )
