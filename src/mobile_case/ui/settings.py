"""The settings screen: community profile (read-only), people (head only), devices, general.

- Community: the profile of the council's decision — general data, categories with their proof
  documents, settlements, the service catalogue (fee, term, mobile workplace yes/no). Read-only: a
  profile is changed by the council's decision, i.e. by its data file.
- People (head only): add and edit users, set a PIN, roles, deactivate / activate.
- Devices: every device and its state (``DeviceRegistry.statuses()``, refreshed in a worker).
- General: language, inactivity lock minutes, where the database key is kept, own PIN change.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mobile_case.domain.errors import ValidationError
from mobile_case.ui import theme
from mobile_case.ui.main_window import role_title
from mobile_case.ui.pages import PageContext, allowed
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets import (
    BigButton,
    Card,
    ChoiceList,
    LabeledCombo,
    LabeledLineEdit,
    MessageBanner,
    SectionHeader,
    confirm,
    device_kind_title,
    device_state_title,
)

log = logging.getLogger(__name__)

INACTIVITY_CHOICES = (1, 2, 5, 10, 15, 30, 0)


def make_table(
    headers: list[str],
    rows: list[list[str]],
    *,
    stretch: int | None = None,
    widths: dict[int, int] | None = None,
) -> QTableWidget:
    """A read-only table with word-wrapped cells and rows tall enough to touch.

    Columns fit their contents, except ``stretch`` (takes the free width) and ``widths`` (fixed
    starting widths, for long wrapped texts). Row heights follow the column widths."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setMinimumSectionSize(theme.TOUCH_MIN)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column, width in (widths or {}).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    fill_table(table, rows)
    pending = QTimer(table)
    pending.setSingleShot(True)
    pending.setInterval(0)
    pending.timeout.connect(table.resizeRowsToContents)
    header.sectionResized.connect(lambda *_a: pending.start())
    return table


def fill_table(table: QTableWidget, rows: list[list[Any]]) -> None:
    """Cells are texts, or ``(text, tooltip)`` pairs for a short text with the detail on hover/hold."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            text, tip = cell if isinstance(cell, tuple) else (cell, "")
            item = QTableWidgetItem(text)
            if tip:
                item.setToolTip(tip)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


def _fee_text(service: Any) -> tuple[str, str]:
    """The fee, with its legal note as the tooltip (marked with an asterisk)."""
    from mobile_case.domain.texts import format_money

    if service.fee is None or service.fee == 0:
        text = QCoreApplication.translate("SettingsPage", "free")
    else:
        text = format_money(service.fee)
    return (f"{text} *" if service.fee_note else text), service.fee_note


def _term_text(service: Any) -> tuple[str, str]:
    from mobile_case.domain.texts import format_days

    text = format_days(service.term_days, working=getattr(service, "term_kind", "") == "working")
    return (f"{text} *" if service.term_note else text), service.term_note


# -- community profile ------------------------------------------------------------------------------
class ProfileTab(QTabWidget):
    def __init__(self, profile: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.addTab(self._general(), self.tr("General"))
        self.categories_table = self._categories()
        self.addTab(
            self.categories_table, self.tr("Categories (%1)").replace("%1", str(len(profile.categories)))
        )
        self.settlements_table = self._settlements()
        self.addTab(
            self.settlements_table, self.tr("Settlements (%1)").replace("%1", str(len(profile.settlements)))
        )
        self.services_table = self._services()
        self.addTab(self.services_table, self.tr("Services (%1)").replace("%1", str(len(profile.services))))

    def _general(self) -> QWidget:
        p = self.profile
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        form = QFormLayout(inner)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(12)
        form.setHorizontalSpacing(20)
        mobile = len(p.mobile_services())
        rows = [
            (self.tr("Community"), p.community_name),
            (self.tr("CNAP"), p.cnap_name),
            (self.tr("CNAP address"), p.cnap_address),
            (self.tr("CNAP phone"), p.cnap_phone),
            (self.tr("Council decision"), p.council_decision),
            (self.tr("Age threshold"), self.tr("%1 years and older").replace("%1", str(p.age_threshold))),
            (
                self.tr("Services"),
                self.tr("%1 in the catalogue, %2 on the mobile workplace")
                .replace("%1", str(len(p.services)))
                .replace("%2", str(mobile)),
            ),
            (self.tr("Kit"), "\n".join(f"• {k.title}" for k in p.kit_items)),
            (
                self.tr("Staff of the mobile workplace"),
                "\n".join(f"• {s.full_name} — {s.position}" for s in p.staff),
            ),
        ]
        for label, value in rows:
            value_label = QLabel(value or "—")
            value_label.setWordWrap(True)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name = QLabel(label)
            theme.set_role(name, "fieldLabel")
            form.addRow(name, value_label)
        scroll.setWidget(inner)
        return scroll

    def _categories(self) -> QTableWidget:
        from mobile_case.domain.texts import CATEGORY_GROUP_TITLES

        p = self.profile
        rows = []
        for c in p.categories:
            proofs = []
            for code in c.accepted_proof_codes:
                doc = p.proof_document(code)
                proofs.append(f"• {doc.title if doc is not None else code}")
            if c.min_age is not None:
                proof_text = self.tr("Identity document (age %1+)").replace("%1", str(c.min_age))
            elif not c.needs_proof:
                proof_text = self.tr("No proof needed")
            else:
                proof_text = "\n".join(proofs)
            rows.append([c.title, CATEGORY_GROUP_TITLES.get(c.group, c.group), proof_text])
        return make_table(
            [self.tr("Category"), self.tr("Group"), self.tr("Documents that prove it")],
            rows,
            stretch=2,
            widths={0: 380, 1: 170},
        )

    def _settlements(self) -> QTableWidget:
        rows = [[s.display_name, s.kind, s.code] for s in self.profile.settlements]
        return make_table([self.tr("Settlement"), self.tr("Kind"), self.tr("Code")], rows, stretch=0)

    def _services(self) -> QTableWidget:
        rows = []
        for s in self.profile.services:
            mobile = (self.tr("yes"), "") if s.mobile_allowed else (self.tr("no"), s.mobile_note)
            rows.append([s.title, s.provider, _fee_text(s), _term_text(s), mobile])
        return make_table(
            [
                self.tr("Service"),
                self.tr("Provider"),
                self.tr("Fee"),
                self.tr("Term"),
                self.tr("Mobile workplace"),
            ],
            rows,
            stretch=0,
            widths={1: 260, 2: 130, 3: 170, 4: 110},
        )


# -- people -------------------------------------------------------------------------------------------
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


# -- devices ------------------------------------------------------------------------------------------
class DevicesTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)
        self.table = make_table(
            [self.tr("Device"), self.tr("Name"), self.tr("State"), self.tr("Backend"), self.tr("Details")],
            [],
            stretch=4,
            widths={1: 250},
        )
        layout.addWidget(self.table, 1)
        from mobile_case.ui.kit.choice import DeviceChoice  # which scanner/camera/microphone (issue 5)

        self.choice = DeviceChoice(ctx)
        self.choice.saved.connect(self.refresh)
        layout.addWidget(self.choice)
        buttons = QHBoxLayout()
        self.refresh_button = BigButton(self.tr("Check the devices again"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(self.refresh_button)
        window = getattr(ctx, "window", None)  # the kit room's screen: full self-check, maintenance, import
        if window is not None and hasattr(window, "is_allowed") and window.is_allowed("kit"):
            self.kit_button = BigButton(QCoreApplication.translate("KitPage", "Kit check and maintenance"))
            self.kit_button.clicked.connect(lambda: window.open_page("kit"))
            buttons.addWidget(self.kit_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.statuses: list[Any] = []

    def refresh(self) -> None:
        devices = self.ctx.devices
        if devices is None:
            self.banner.show_info(self.tr("The devices are still being detected…"))
            return
        self.refresh_button.setEnabled(False)
        self.ctx.tasks.run_io(
            devices.statuses, on_done=self._show, on_error=self._failed, name="device-statuses", owner=self
        )
        self.choice.refresh()

    def _show(self, statuses: list[Any]) -> None:
        self.refresh_button.setEnabled(True)
        self.banner.clear()
        self.statuses = statuses
        rows = [
            [
                device_kind_title(s.kind),
                s.name,
                device_state_title(str(getattr(s.state, "value", s.state))),
                backend_title(s.backend),
                s.message,
            ]
            for s in statuses
        ]
        fill_table(self.table, rows)
        window = self.ctx.window
        if hasattr(window, "set_device_statuses"):
            window.set_device_statuses(statuses)

    def _failed(self, failure: TaskFailure) -> None:
        self.refresh_button.setEnabled(True)
        self.banner.show_error(failure.message)


def backend_title(backend: str) -> str:
    names = {
        "simulator": QCoreApplication.translate("SettingsPage", "simulator"),
        "qt": "Qt",
        "pcsc": "PC/SC",
    }
    return names.get(backend, backend)


# -- general ------------------------------------------------------------------------------------------
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


class SettingsPage(QWidget):
    """Registered as page "settings" by the main window."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)
        self.profile_tab = ProfileTab(ctx.services.profile)
        self.tabs.addTab(self.profile_tab, self.tr("Community"))
        self.people_tab: PeopleTab | None = None
        from mobile_case.domain.roles import Permission

        role = getattr(ctx.user, "role", None)
        if allowed(role, Permission.MANAGE_USERS):
            self.people_tab = PeopleTab(ctx)
            self.tabs.addTab(self.people_tab, self.tr("People"))
        self.devices_tab = DevicesTab(ctx)
        self.tabs.addTab(self.devices_tab, self.tr("Devices"))
        self.general_tab = GeneralTab(ctx)
        self.tabs.addTab(self.general_tab, self.tr("General"))
        self.sync_tab = None  # issue 4: pairing with the CNAP office station and the sync settings
        if allowed(role, Permission.EDIT_SETTINGS):
            from mobile_case.ui.widgets.sync_settings import SyncSettingsTab

            self.sync_tab = SyncSettingsTab(ctx)
            self.tabs.addTab(self.sync_tab, self.sync_tab.title())
        self.tabs.currentChanged.connect(self._tab_changed)

    def activate(self, tab: str = "", **_kwargs: Any) -> None:
        """``open_page("settings", tab="people"|"devices"|"general"|"community")``."""
        tabs = {
            "community": self.profile_tab,
            "people": self.people_tab,
            "devices": self.devices_tab,
            "general": self.general_tab,
            "sync": self.sync_tab,
        }
        target = tabs.get(tab)
        if target is not None:
            self.tabs.setCurrentWidget(target)
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is self.people_tab and self.people_tab is not None:
            self.people_tab.refresh()
        elif current is self.devices_tab:
            self.devices_tab.refresh()
        elif current is self.general_tab:
            self.general_tab.load()
        elif current is not None and current is self.sync_tab:
            self.sync_tab.load()
