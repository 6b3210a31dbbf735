"""Step 8: the three consents of the application (Додаток 2, ПРИМІТКИ), the consent to publication
(F14), and the warning about responsibility for false information (G 1.9)."""

from __future__ import annotations

from mobile_case.domain.model import RequestChannel, ServiceRequest
from mobile_case.ui.intake.steps.base import Step
from mobile_case.ui.widgets import CheckList, MessageBanner, Option

NO_TRANSFER = "no_third_party_transfer"
PERSONAL_DATA = "personal_data_processing"
RECORDING = "recording"
PUBLICATION = "publication"


def consent_texts() -> dict[str, str]:
    """The wording of Додаток 2 (its Ukrainian translation is the form's text word for word)."""
    from PySide6.QtCore import QCoreApplication

    return {
        NO_TRANSFER: QCoreApplication.translate(
            "Consents",
            "Under Art. 11 of the Law of Ukraine “On Information” and Art. 7 of the Law of Ukraine “On Access "
            "to Public Information”, I forbid passing information about me to third parties without my consent.",
        ),
        PERSONAL_DATA: QCoreApplication.translate(
            "Consents",
            "Under Art. 11 of the Law of Ukraine “On Personal Data Protection”, I consent to the processing and "
            "use of my personal data for the powers related to the consideration of this application.",
        ),
        RECORDING: QCoreApplication.translate(
            "Consents",
            "I have been informed and undertake to warn everyone present when the administrative service is "
            "provided that video and audio recording is made while the service is provided with the special "
            "automated complex “Mobile case”, and I consent to it.",
        ),
    }


def false_information_warning() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "Intake",
        "Warn the applicant: they are responsible for the information they give. A visit called on false "
        "information (a category, an address or documents that are not real) costs the CNAP a whole trip "
        "(G 1.9).",
    )


class ConsentsStep(Step):
    key = "consents"

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.section(
            self.tr("Consents of the application"),
            self.tr(
                "Read each one to the applicant and tick what they agree to; they sign them on the printed application."
            ),
        )
        self.remote_note = self.note(
            self.tr(
                "The request came remotely: the applicant signs the application and its consents during the "
                "visit (O 2.4). Tick what they agreed to now."
            ),
        )
        wording = consent_texts()
        self.consents = CheckList(
            [Option(code, wording[code]) for code in (NO_TRANSFER, PERSONAL_DATA, RECORDING)]
        )
        self.consents.changed.connect(self._edited)
        self.body.addWidget(self.consents)
        self.recording_warning = self.note(
            self.tr(
                "Without the written consent to video and audio recording the service is not provided on the "
                "visit: the administrator draws up an act of impossibility (O 2.13)."
            ),
            "error",
        )
        self.section(self.tr("Publication"), self.tr("Optional: for the CNAP's reports and news (F14)."))
        self.publication = CheckList(
            [
                Option(
                    PUBLICATION,
                    self.tr(
                        "Agrees that the visit may be mentioned in the CNAP's publications (without personal data unless agreed separately)"
                    ),
                )
            ]
        )
        self.publication.changed.connect(self._edited)
        self.body.addWidget(self.publication)
        self.banner = MessageBanner(closable=False)
        self.banner.show_warning(false_information_warning())
        self.body.addWidget(self.banner)
        self.body.addStretch(1)

    def title(self) -> str:
        return self.tr("Consents")

    def fill(self, req: ServiceRequest) -> None:
        c = req.consents
        codes = [
            code
            for code, on in (
                (NO_TRANSFER, c.no_third_party_transfer),
                (PERSONAL_DATA, c.personal_data_processing),
                (RECORDING, c.recording),
            )
            if on
        ]
        self.consents.set_checked_codes(codes)
        self.publication.set_checked_codes([PUBLICATION] if c.publication else [])
        self._update(req)

    def refresh(self) -> None:
        self._update(self.request)

    def _update(self, req: ServiceRequest) -> None:
        self.remote_note.setVisible(req.channel != RequestChannel.IN_PERSON)
        self.recording_warning.setVisible(not req.consents.recording)

    def _edited(self) -> None:
        if self.loading:
            return
        checked = set(self.consents.checked_codes())
        c = self.request.consents
        c.no_third_party_transfer = NO_TRANSFER in checked
        c.personal_data_processing = PERSONAL_DATA in checked
        c.recording = RECORDING in checked
        c.publication = PUBLICATION in self.publication.checked_codes()
        self._update(self.request)
        self.changed()
