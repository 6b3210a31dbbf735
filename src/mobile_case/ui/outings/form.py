"""The outing's own data (F4; O 2.5, 2.6): date, model, destination, administrator, escorts, vehicle,
departure and travel time."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mobile_case.domain import texts
from mobile_case.domain.model import Escort, Outing, OutingModel, User
from mobile_case.domain.profile import CommunityProfile
from mobile_case.ui import theme
from mobile_case.ui.intake.timefield import TimeCombo
from mobile_case.ui.widgets import (
    BigButton,
    ChoiceList,
    DateField,
    LabeledCombo,
    LabeledLineEdit,
    LabeledTextEdit,
    Option,
    SettlementPicker,
)

TRAVEL_MINUTES = (0, 10, 15, 20, 25, 30, 40, 45, 50, 60, 75, 90, 120, 150, 180)
ESCORT_ROLES = ("водій", "інспектор муніципальної інспекції", "представник УСЗН", "інший адміністратор ЦНАП")


class EscortRow(QWidget):
    """One person accompanying the administrator: name and role, with a remove button."""

    removed = Signal(object)
    changed = Signal()

    def __init__(self, escort: Escort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.name = LabeledLineEdit(self.tr("Full name"), required=True)
        self.name.setText(escort.full_name)
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.setMinimumHeight(theme.TOUCH_MIN)
        self.role.addItems(list(ESCORT_ROLES))
        self.role.setEditText(escort.role)
        role_box = QVBoxLayout()
        role_box.setSpacing(4)
        role_label = QLabel(self.tr("Role"))
        theme.set_role(role_label, "fieldLabel")
        role_box.addWidget(role_label)
        role_box.addWidget(self.role)
        role_box.addStretch(1)
        self.remove_button = BigButton("✕")
        self.remove_button.setToolTip(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the escort"))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(self.name, 3)
        layout.addLayout(role_box, 2)
        layout.addWidget(self.remove_button)
        self.name.changed.connect(self.changed)
        self.role.editTextChanged.connect(self.changed)

    def escort(self) -> Escort:
        return Escort(full_name=self.name.text().strip(), role=self.role.currentText().strip())


class OutingForm(QWidget):
    """Edits an :class:`Outing`. ``outing()`` builds the outing from the fields."""

    changed = Signal()

    def __init__(self, profile: CommunityProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self._outing = Outing()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        self.model = ChoiceList(
            [Option(m.value, texts.OUTING_MODEL_TITLES[m]) for m in OutingModel], columns=2
        )
        layout.addWidget(self.model)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.day = DateField(self.tr("Date of the outing"), required=True, field_name="date")
        self.day.edit.setMinimumWidth(160)
        self.settlement = SettlementPicker(self.tr("Destination"), profile.settlements, required=True)
        self.administrator = LabeledCombo(
            self.tr("Administrator (by the head's decision, O 2.5)"), placeholder=self.tr("— choose —")
        )
        self.vehicle = LabeledLineEdit(
            self.tr("Vehicle"),
            placeholder=self.tr("service car of the council, plate number"),
            field_name="vehicle",
        )
        self.departure = TimeCombo(self.tr("Departure"), self.tr("not set"), step=15, first=time(7, 0))
        self.travel = LabeledCombo(self.tr("Travel time one way"))
        self.travel.set_items([(str(m), self.tr("{n} min").format(n=m)) for m in TRAVEL_MINUTES])
        grid.addWidget(self.day, 0, 0)
        grid.addWidget(self.settlement, 0, 1)
        grid.addWidget(self.administrator, 1, 0)
        grid.addWidget(self.vehicle, 1, 1)
        grid.addWidget(self.departure, 2, 0)
        grid.addWidget(self.travel, 2, 1)
        layout.addLayout(grid)

        escorts_header = QHBoxLayout()
        title = QLabel(self.tr("Accompanying persons (O 2.6)"))
        theme.set_role(title, "section")
        escorts_header.addWidget(title, 1)
        self.add_escort_button = BigButton(self.tr("+ Add a person"))
        self.add_escort_button.clicked.connect(lambda: self.add_escort(Escort()))
        escorts_header.addWidget(self.add_escort_button)
        layout.addLayout(escorts_header)
        hint = QLabel(
            self.tr(
                "Everything at the address is done in the presence of the driver, a municipal inspector or "
                "another person the head assigns."
            )
        )
        hint.setWordWrap(True)
        theme.set_role(hint, "muted")
        layout.addWidget(hint)
        self.escorts_box = QVBoxLayout()
        self.escorts_box.setSpacing(6)
        layout.addLayout(self.escorts_box)
        self.escort_rows: list[EscortRow] = []
        self.notes = LabeledTextEdit(self.tr("Notes"), lines=2)
        layout.addWidget(self.notes)

        self.model.changed.connect(self.changed)
        self.day.changed.connect(lambda _t: self.changed.emit())
        self.settlement.changed.connect(lambda _c: self.changed.emit())
        self.administrator.changed.connect(lambda _c: self.changed.emit())
        self.vehicle.changed.connect(lambda _t: self.changed.emit())
        self.departure.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.travel.changed.connect(lambda _c: self.changed.emit())
        self.notes.changed.connect(lambda _t: self.changed.emit())

    # -- staff --------------------------------------------------------------------------------------
    def set_staff(self, users: list[User]) -> None:
        current = self.administrator.current_code() or self._outing.administrator_id
        self.administrator.set_items([(u.id, u.full_name) for u in users])
        self.administrator.set_current_code(current)

    # -- outing <-> fields --------------------------------------------------------------------------
    def set_outing(self, outing: Outing) -> None:
        self._outing = outing
        self.model.set_selected_code(outing.model.value)
        self.day.set_date(outing.date)
        self.settlement.set_settlement_code(outing.settlement_code)
        self.administrator.set_current_code(outing.administrator_id)
        self.vehicle.setText(outing.vehicle)
        self.departure.set_value(outing.departure)
        minutes = str(outing.travel_minutes)
        if self.travel.combo.findData(minutes) < 0:
            self.travel.combo.addItem(self.tr("{n} min").format(n=outing.travel_minutes), minutes)
        self.travel.set_current_code(minutes)
        for row in list(self.escort_rows):
            self._remove_row(row)
        for escort in outing.escorts:
            self.add_escort(escort)
        self.notes.setText(outing.notes)

    def add_escort(self, escort: Escort) -> EscortRow:
        row = EscortRow(escort)
        row.removed.connect(self._remove_row)
        row.changed.connect(self.changed)
        self.escorts_box.addWidget(row)
        self.escort_rows.append(row)
        self.changed.emit()
        return row

    def _remove_row(self, row: EscortRow) -> None:
        self.escort_rows.remove(row)
        self.escorts_box.removeWidget(row)
        row.deleteLater()
        self.changed.emit()

    def outing(self) -> Outing:
        """The outing as the fields say (the id of the outing being edited is kept)."""
        o = self._outing
        code = self.model.selected_code()
        return Outing(
            id=o.id,
            date=self.day.date(),
            model=OutingModel(code) if code else OutingModel.AT_ADDRESS,
            settlement_code=self.settlement.settlement_code(),
            administrator_id=self.administrator.current_code(),
            escorts=[r.escort() for r in self.escort_rows if r.escort().full_name or r.escort().role],
            vehicle=self.vehicle.text().strip(),
            departure=self.departure.value(),
            travel_minutes=int(self.travel.current_code() or 0),
            notes=self.notes.text().strip(),
        )

    def problems(self) -> list[str]:
        """Ukrainian messages of what must be fixed before saving."""
        found = []
        if self.day.date() is None:
            found.append(self.day.error_text() or self.tr("Enter the date of the outing."))
        if not self.settlement.settlement_code():
            found.append(self.tr("Choose the destination from the community's settlements."))
        for row in self.escort_rows:
            escort = row.escort()
            if escort.role and not escort.full_name:
                found.append(self.tr("Enter the name of each accompanying person."))
                break
        return found

    def show_error(self, field: str, message: str) -> None:
        """Show a service's ValidationError at its field."""
        target = {
            "date": self.day,
            "settlement_code": self.settlement,
            "administrator_id": self.administrator,
            "vehicle": self.vehicle,
        }.get(field)
        if target is not None:
            target.set_error(message)


__all__ = ["EscortRow", "OutingForm"]
