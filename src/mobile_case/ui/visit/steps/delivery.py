"""Step 7: how the result goes back to the subject (O 2.15), then the visit is finished.

Post, courier, a repeat visit of the administrator, or at the CNAP; with the address or a note. The
address is pre-filled from the request for post and courier.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from mobile_case.documents.formatting import address_text
from mobile_case.domain import texts
from mobile_case.domain.model import DeliveryMethod, Visit
from mobile_case.ui import theme
from mobile_case.ui.visit.data import VisitBundle
from mobile_case.ui.visit.steps.base import StepWidget, VisitHost
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.choices import ChoiceList, Option
from mobile_case.ui.widgets.fields import LabeledTextEdit
from mobile_case.ui.widgets.layout import Card


class DeliveryStep(StepWidget):
    finish_requested = Signal()

    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        card = Card()
        title = QLabel(self.tr("How does the subject want to receive the result?"))
        theme.set_role(title, "section")
        card.body.addWidget(title)
        self.methods = ChoiceList(
            [Option(m.value, text) for m, text in texts.choices(DeliveryMethod)], columns=2
        )
        self.methods.changed.connect(self._on_method)
        card.body.addWidget(self.methods)
        self.body.addWidget(card)

        note_card = Card()
        self.note = LabeledTextEdit(self.tr("Address or note"), lines=3)
        self.note.changed.connect(self.user_changed)
        self.note.changed.connect(lambda _t: self.blocker_changed.emit())
        note_card.body.addWidget(self.note)
        self.body.addWidget(note_card)

        self.error = MessageBanner()
        self.body.addWidget(self.error)
        self.finish_button = BigButton(self.tr("Finish the visit"), kind="primary")
        self.finish_button.clicked.connect(self.finish_requested)
        self.body.addWidget(self.finish_button)
        self.body.addStretch(1)
        self._address = ""

    def title(self) -> str:
        return self.tr("Result")

    def fill(self, bundle: VisitBundle) -> None:
        self._address = address_text(bundle.request.address, self.host.profile)
        method = bundle.visit.delivery_method
        self.methods.set_selected_code(method.value if method else "")
        self.note.setText(bundle.visit.delivery_note)
        self._update_label()

    def method(self) -> DeliveryMethod | None:
        code = self.methods.selected_code()
        return DeliveryMethod(code) if code else None

    def apply(self, visit: Visit) -> None:
        visit.delivery_method = self.method()
        visit.delivery_note = self.note.text().strip()

    def blocker(self) -> str:
        method = self.method()
        if method is None:
            return self.tr("Choose how the result is delivered.")
        if method in (DeliveryMethod.POST, DeliveryMethod.COURIER) and not self.note.text().strip():
            return self.tr("Enter the delivery address.")
        return ""

    def _on_method(self) -> None:
        method = self.method()
        if method is None:
            return
        if method in (DeliveryMethod.POST, DeliveryMethod.COURIER) and not self.note.text().strip():
            self.note.setText(self._address)
        self._update_label()
        self.user_changed()
        self.blocker_changed.emit()

    def _update_label(self) -> None:
        method = self.method()
        labels = {
            DeliveryMethod.POST: self.tr("Postal address"),
            DeliveryMethod.COURIER: self.tr("Delivery address"),
            DeliveryMethod.REPEAT_VISIT: self.tr("Agreed date and time of the repeat visit"),
            DeliveryMethod.AT_CNAP: self.tr("Who will collect the result (note)"),
        }
        self.note.set_label(
            labels.get(method, self.tr("Address or note")) if method else self.tr("Address or note")
        )
