"""Settings → People (head only): add and edit users, set a PIN, roles, deactivate / activate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from mobile_case.domain.errors import ValidationError
from mobile_case.ui import theme
from mobile_case.ui.main_window import role_title
from mobile_case.ui.pages import PageContext
from mobile_case.ui.settings_tabs.tables import fill_table, make_table
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets import (
    BigButton,
    ChoiceList,
    LabeledLineEdit,
    MessageBanner,
    SectionHeader,
    confirm,
)


def _check_pin_for(role: Any):  # noqa: ANN202
    def check(text: str) -> str:
        from mobile_case.storage.pins import check_pin_rules

        return check_pin_rules(text, role)

    return check


class UserDialog(QDialog):
    """Add or edit a user; a new user gets a PIN here."""

    def __init__(self, parent: QWidget | None, user: Any = None) -> None:
        super().__init__(parent)
        from mobile_case.domain.model import Role

        self.user = user
        self.setWindowTitle(self.tr("New user") if user is None else self.tr("Edit user"))
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        header = SectionHeader(self.windowTitle())
        layout.addWidget(header)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)
        self.name_field = LabeledLineEdit(self.tr("Full name"), required=True)
        self.login_field = LabeledLineEdit(self.tr("Login"), required=True, validator=_login_validator)
        self.position_field = LabeledLineEdit(self.tr("Position"))
        layout.addWidget(self.name_field)
        row = QHBoxLayout()
        row.addWidget(self.login_field, 1)
        row.addWidget(self.position_field, 1)
        layout.addLayout(row)
        role_label = QLabel(self.tr("Role"))
        theme.set_role(role_label, "fieldLabel")
        layout.addWidget(role_label)
        self.role_list = ChoiceList([(r.value, role_title(r)) for r in Role], columns=3)
        self.role_list.changed.connect(self._role_changed)
        layout.addWidget(self.role_list)
        self.pin_field = LabeledLineEdit(self.tr("PIN (digits)"), required=user is None)
        self.pin2_field = LabeledLineEdit(
            self.tr("Repeat the PIN"), required=user is None, validator=self._same_pin
        )
        for f in (self.pin_field, self.pin2_field):
            f.edit.setEchoMode(QLineEdit.EchoMode.Password)
        pins = QHBoxLayout()
        pins.addWidget(self.pin_field, 1)
        pins.addWidget(self.pin2_field, 1)
        layout.addLayout(pins)
        self.pin_field.setVisible(user is None)
        self.pin2_field.setVisible(user is None)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = BigButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(self.tr("Save"), kind="primary")
        self.save_button.clicked.connect(self._save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        if user is not None:
            self.name_field.setText(user.full_name)
            self.login_field.setText(user.login)
            self.position_field.setText(user.position)
            self.role_list.set_selected_code(user.role.value)
        else:
            self.role_list.set_selected_code(Role.ADMINISTRATOR.value)
        self._role_changed()
        self.result_user: Any = None
        self.result_pin = ""

    def _role_changed(self) -> None:
        from mobile_case.domain.model import Role

        code = self.role_list.selected_code() or Role.ADMINISTRATOR.value
        self.pin_field.set_validator(_check_pin_for(Role(code)))

    def _same_pin(self, text: str) -> str:
        if text != self.pin_field.text():
            raise ValidationError("pin", self.tr("The two PINs differ."))
        return text

    def _save(self) -> None:
        from dataclasses import replace

        from mobile_case.domain.model import Role, User

        fields = [self.name_field, self.login_field]
        if self.user is None:
            fields += [self.pin_field, self.pin2_field]
        if not all([f.validate() for f in fields]):
            self.banner.show_warning(self.tr("Check the fields marked in red."))
            return
        role = Role(self.role_list.selected_code() or Role.ADMINISTRATOR.value)
        base = self.user or User()
        self.result_user = replace(
            base,
            full_name=self.name_field.text().strip(),
            login=self.login_field.text().strip(),
            position=self.position_field.text().strip(),
            role=role,
        )
        self.result_pin = self.pin_field.text()
        self.accept()


def _login_validator(text: str) -> str:
    from mobile_case.services.auth import check_login

    return check_login(text)


class PinDialog(QDialog):
    """The head sets a new PIN for a user (also lifts a lockout)."""

    def __init__(self, parent: QWidget | None, user: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set a new PIN"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(SectionHeader(self.tr("Set a new PIN"), user.full_name))
        self.pin_field = LabeledLineEdit(
            self.tr("New PIN (digits)"), required=True, validator=_check_pin_for(user.role)
        )
        self.pin2_field = LabeledLineEdit(self.tr("Repeat the PIN"), required=True, validator=self._same)
        for f in (self.pin_field, self.pin2_field):
            f.edit.setEchoMode(QLineEdit.EchoMode.Password)
            layout.addWidget(f)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = BigButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(self.tr("Set the PIN"), kind="primary")
        self.save_button.clicked.connect(self._save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def _same(self, text: str) -> str:
        if text != self.pin_field.text():
            raise ValidationError("pin", self.tr("The two PINs differ."))
        return text

    def _save(self) -> None:
        if self.pin_field.validate() and self.pin2_field.validate():
            self.accept()

    def pin(self) -> str:
        return self.pin_field.text()


class PeopleTab(QWidget):
    """Users of this kit (head only). Dialogs are created by ``make_user_dialog``/``make_pin_dialog``
    so tests can drive them without a modal loop."""

    changed = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)
        self.table = make_table(
            [self.tr("Full name"), self.tr("Login"), self.tr("Position"), self.tr("Role"), self.tr("Status")],
            [],
            stretch=0,
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = BigButton(self.tr("Add a user"), kind="primary")
        self.add_button.clicked.connect(self.add_user)
        self.edit_button = BigButton(self.tr("Edit"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.pin_button = BigButton(self.tr("Set PIN"))
        self.pin_button.clicked.connect(self.set_pin_selected)
        self.active_button = BigButton(self.tr("Deactivate"))
        self.active_button.clicked.connect(self.toggle_active_selected)
        for b in (self.add_button, self.edit_button, self.pin_button, self.active_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        self.ctx.tasks.run_db(
            self.ctx.services.users.list,
            on_done=self._show,
            on_error=self._failed,
            name="users-list",
            owner=self,
        )

    def _show(self, users: list[Any]) -> None:
        self.users = users
        rows = [
            [
                u.full_name,
                u.login,
                u.position,
                role_title(u.role),
                self.tr("active") if u.active else self.tr("deactivated"),
            ]
            for u in users
        ]
        fill_table(self.table, rows)
        self._update_buttons()

    def _failed(self, failure: TaskFailure) -> None:
        self.banner.show_error(failure.message)

    def selected_user(self) -> Any:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.users[row] if 0 <= row < len(self.users) else None

    def select_login(self, login: str) -> None:
        for i, u in enumerate(self.users):
            if u.login == login:
                self.table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for b in (self.edit_button, self.pin_button, self.active_button):
            b.setEnabled(user is not None)
        if user is not None:
            self.active_button.setText(self.tr("Deactivate") if user.active else self.tr("Activate"))

    # dialogs (overridable in tests)
    def make_user_dialog(self, user: Any = None) -> UserDialog:
        return UserDialog(self, user)

    def make_pin_dialog(self, user: Any) -> PinDialog:
        return PinDialog(self, user)

    def _run(self, fn: Any, *args: Any, success: str) -> None:
        def done(_r: Any) -> None:
            self.banner.show_success(success)
            self.refresh()
            self.changed.emit()

        self.ctx.tasks.run_db(fn, *args, on_done=done, on_error=self._failed, name="users-change", owner=self)

    def add_user(self) -> None:
        dialog = self.make_user_dialog(None)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(
            self.ctx.services.users.create,
            dialog.result_user,
            dialog.result_pin,
            success=self.tr("User added: %1").replace("%1", dialog.result_user.full_name),
        )

    def edit_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = self.make_user_dialog(user)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(self.ctx.services.users.update, dialog.result_user, success=self.tr("Changes saved."))

    def set_pin_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = self.make_pin_dialog(user)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(
            self.ctx.services.users.set_pin, user.id, dialog.pin(), success=self.tr("The new PIN is set.")
        )

    def toggle_active_selected(self) -> None:
        from dataclasses import replace

        user = self.selected_user()
        if user is None:
            return
        if user.active and not confirm(
            self,
            self.tr("Deactivate the user?"),
            self.tr("%1 will no longer be able to log in. Their records stay in the journals.").replace(
                "%1", user.full_name
            ),
            confirm_text=self.tr("Deactivate"),
            danger=True,
        ):
            return
        self._run(
            self.ctx.services.users.update,
            replace(user, active=not user.active),
            success=self.tr("User deactivated.") if user.active else self.tr("User activated."),
        )
