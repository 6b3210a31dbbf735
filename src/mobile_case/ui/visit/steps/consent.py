"""Step 1: consent to the video and audio recording, and who is present and was told (O 2.9).

Without the subject's written consent the service is not provided: only the act of impossibility can
be drawn up (O 2.13, «не надав письмового погодження на проведення аудіо та відео фіксації»).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from mobile_case.domain.model import ActReason, Visit
from mobile_case.ui import theme
from mobile_case.ui.visit.data import VisitBundle, default_present_persons
from mobile_case.ui.visit.steps.base import StepWidget, VisitHost
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.choices import ChoiceList, Option
from mobile_case.ui.widgets.fields import LabeledTextEdit
from mobile_case.ui.widgets.layout import Card

YES = "yes"
NO = "no"


class ConsentStep(StepWidget):
    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        card = Card()
        explain = QLabel(
            self.tr(
                "Tell the subject and everyone present that the visit is recorded on video and audio "
                "(point 2.9 of the Order). The subject confirms the consent with a signature in the "
                "application (Annex 2)."
            )
        )
        explain.setWordWrap(True)
        card.body.addWidget(explain)

        self.choice = ChoiceList(
            [
                Option(YES, self.tr("The subject consents to the recording in writing")),
                Option(NO, self.tr("The subject does not consent to the recording")),
            ]
        )
        for row in self.choice.rows.values():
            row.title_label.setStyleSheet(f"font-size: {theme.FONT_LARGE_PX}px; font-weight: 600;")
        self.choice.changed.connect(self._on_consent)
        card.body.addWidget(self.choice)
        self.body.addWidget(card)

        self.refusal = MessageBanner(closable=False)
        self.body.addWidget(self.refusal)
        act_row = QHBoxLayout()
        self.act_button = BigButton(self.tr("Draw up the act: no consent to recording"), kind="danger")
        self.act_button.clicked.connect(lambda: self.host.request_act(ActReason.NO_RECORDING_CONSENT))
        act_row.addWidget(self.act_button)
        act_row.addStretch(1)
        self.body.addLayout(act_row)

        people = Card()
        self.present = LabeledTextEdit(
            self.tr("Who is present and was told of the recording"),
            placeholder=self.tr("Names and roles, separated by semicolons"),
            hint=self.tr(
                "The subject, the representative, the escort (driver, inspector), others in the room."
            ),
            lines=3,
            required=True,
        )
        self.present.changed.connect(self.user_changed)
        self.present.changed.connect(lambda _t: self.blocker_changed.emit())
        people.body.addWidget(self.present)
        fill_row = QHBoxLayout()
        self.fill_button = QPushButton(self.tr("Fill in from the request and the outing"))
        self.fill_button.clicked.connect(self._fill_default_people)
        fill_row.addWidget(self.fill_button)
        fill_row.addStretch(1)
        people.body.addLayout(fill_row)
        self.body.addWidget(people)
        self.body.addStretch(1)
        self._update_refusal()

    def title(self) -> str:
        return self.tr("Consent")

    def fill(self, bundle: VisitBundle) -> None:
        visit = bundle.visit
        code = {True: YES, False: NO}.get(visit.recording_consent, "")  # type: ignore[arg-type]
        self.choice.set_selected_code(code)
        text = visit.present_persons or default_present_persons(bundle.request, bundle.outing)
        self.present.setText(text)
        self._update_refusal()

    def consent(self) -> bool | None:
        return {YES: True, NO: False}.get(self.choice.selected_code())

    def apply(self, visit: Visit) -> None:
        visit.recording_consent = self.consent()
        visit.present_persons = self.present.text().strip()

    def blocker(self) -> str:
        consent = self.consent()
        if consent is None:
            return self.tr("Mark whether the subject consents to the recording.")
        if consent is False:
            return self.tr("Without consent to the recording only the act of impossibility can be drawn up.")
        if not self.present.text().strip():
            return self.tr("List who is present and was told of the recording.")
        return ""

    def suggested_act_reason(self) -> ActReason | None:
        return ActReason.NO_RECORDING_CONSENT if self.consent() is False else None

    def _on_consent(self) -> None:
        self._update_refusal()
        self.user_changed()
        self.blocker_changed.emit()

    def _update_refusal(self) -> None:
        refused = self.consent() is False
        if refused:
            self.refusal.show_error(
                self.tr(
                    "Without the subject's written consent to the video and audio recording the service "
                    "is not provided (point 2.13 of the Order). Draw up the act of impossibility."
                )
            )
        else:
            self.refusal.clear()
        self.act_button.setVisible(refused)

    def _fill_default_people(self) -> None:
        if self.bundle is not None:
            self.present.setText(default_present_persons(self.bundle.request, self.bundle.outing))
