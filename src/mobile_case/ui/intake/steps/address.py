"""Step 3: where the administrator goes — the full address, door code and access notes (G 1.9).

The settlement is picked from the community's list (type to filter). A name that is not on the list is
kept as typed: an address outside the community is a refusal reason (O 2.3), and the verdict says so.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator

from mobile_case.domain import texts
from mobile_case.domain.model import ServiceRequest
from mobile_case.ui.intake.steps.base import Step
from mobile_case.ui.widgets import ChoiceList, LabeledLineEdit, LabeledTextEdit, Option, SettlementPicker

PLACE_KINDS = ("home", "hospital", "social_institution", "fixed_point")


class AddressStep(Step):
    key = "address"

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.section(
            self.tr("The address of the visit"),
            self.tr("Where the subject actually stays: at home, in a hospital, in a social institution."),
        )
        self.place = ChoiceList(
            [Option(k, texts.place_kind_title(k)) for k in PLACE_KINDS],
            columns=4,
        )
        self.place.changed.connect(self._edited)
        self.body.addWidget(self.place)

        self.settlement = SettlementPicker(
            self.tr("Settlement"),
            self.profile.settlements,
            required=True,
            hint=self.tr("Type a part of the name and pick it from the community's list."),
        )
        self.settlement.text_changed.connect(self._settlement_edited)
        self.body.addWidget(self.settlement)
        self.outside_label = self.note("", "error")
        self.outside_label.setVisible(False)

        grid = self.grid()
        self.street = LabeledLineEdit(self.tr("Street"), required=True, field_name="address.street")
        self.house = LabeledLineEdit(
            self.tr("House"), required=True, field_name="address.house", max_length=12
        )
        self.building = LabeledLineEdit(
            self.tr("Building (корпус)"), field_name="address.building", max_length=12
        )
        self.apartment = LabeledLineEdit(self.tr("Apartment"), field_name="address.apartment", max_length=12)
        self.postal = LabeledLineEdit(
            self.tr("Postal code"), placeholder="48500", field_name="address.postal_code", max_length=5
        )
        self.postal.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"), self))
        self.door = LabeledLineEdit(
            self.tr("Door / intercom code"), field_name="address.door_code", max_length=40
        )
        grid.addWidget(self.street, 0, 0, 1, 2)
        grid.addWidget(self.house, 1, 0)
        grid.addWidget(self.building, 1, 1)
        grid.addWidget(self.apartment, 2, 0)
        grid.addWidget(self.postal, 2, 1)
        grid.addWidget(self.door, 3, 0)
        self.access = LabeledTextEdit(
            self.tr("How to get in"),
            placeholder=self.tr("floor, lift, entrance from the yard, a dog, whom to call at the gate…"),
            lines=2,
        )
        self.body.addWidget(self.access)
        self.body.addStretch(1)
        for field in (
            self.street,
            self.house,
            self.building,
            self.apartment,
            self.postal,
            self.door,
            self.access,
        ):
            field.changed.connect(self._edited)

    def title(self) -> str:
        return self.tr("The address of the visit")

    def short_title(self) -> str:
        return self.tr("Address")

    # -- request <-> widgets ----------------------------------------------------------------------
    def fill(self, req: ServiceRequest) -> None:
        a = req.address
        self.place.set_selected_code(a.place_kind or "home")
        if a.settlement_code and self.profile.settlement(a.settlement_code) is not None:
            self.settlement.set_settlement_code(a.settlement_code)
        else:
            self.settlement.set_typed_text(a.settlement_name)
        self.street.setText(a.street)
        self.house.setText(a.house)
        self.building.setText(a.building)
        self.apartment.setText(a.apartment)
        self.postal.setText(a.postal_code)
        self.door.setText(a.door_code)
        self.access.setText(a.access_notes)
        self._update_labels()

    def _settlement_edited(self, *_args: object) -> None:
        self._update_labels()
        self._edited()

    def _update_labels(self) -> None:
        kind = self.place.selected_code()
        if kind in ("hospital", "social_institution"):
            self.street.set_label(self.tr("Street (or the name of the institution)"))
        else:
            self.street.set_label(self.tr("Street"))
        typed = self.settlement.typed_text()
        outside = bool(typed) and not self.settlement.settlement_code()
        if outside:
            self.outside_label.setText(
                self.tr(
                    "«{name}» is not on the list of the community's settlements. If the subject stays outside "
                    "the community, the request is refused (O 2.3)."
                ).format(name=typed)
            )
        self.outside_label.setVisible(outside)

    def _edited(self, *_args: object) -> None:
        if self.loading:
            return
        self._update_labels()
        a = self.request.address
        a.place_kind = self.place.selected_code() or "home"
        code = self.settlement.settlement_code()
        a.settlement_code = code
        settlement = self.profile.settlement(code) if code else None
        a.settlement_name = settlement.name if settlement is not None else self.settlement.typed_text()
        a.street = self.street.text().strip()
        a.house = self.house.text().strip()
        a.building = self.building.text().strip()
        a.apartment = self.apartment.text().strip()
        a.postal_code = self.postal.text().strip()
        a.door_code = self.door.text().strip()
        a.access_notes = self.access.text().strip()
        self.changed()
