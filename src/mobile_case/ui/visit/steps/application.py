"""Step 6: the application is registered and printed for signature (O 2.11, Додаток 2).

Registering gives the case number and the deadline for handing the documents to the service provider
(the next working day, law art. 13). The application PDF (Додаток 2) is rendered by the services,
printed through the kit's printer (or saved as PDF when there is none) and shown in a preview.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from mobile_case.domain import texts
from mobile_case.domain.model import Visit
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.visit.data import VisitBundle, missing_documents, service_titles
from mobile_case.ui.visit.steps.base import StepWidget, VisitHost
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.layout import Card
from mobile_case.ui.widgets.printing import DocumentPanel, PdfPreview


def application_pdf_bytes(services: Any, request_id: str) -> bytes:
    """Render (and store) the application, then read its bytes — on the database worker."""
    stored = services.documents.application_pdf(request_id)
    return services.store.blobs.read(stored.sha256)


class ApplicationStep(StepWidget):
    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        columns = QHBoxLayout()
        columns.setSpacing(theme.SPACING)
        self.body.addLayout(columns, 1)
        left = QWidget()
        left_layout = QHBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        card = Card()
        left_layout.addWidget(card)
        columns.addWidget(left, 1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        card.body.addWidget(self.summary)
        self.warnings = MessageBanner(closable=False)
        card.body.addWidget(self.warnings)
        self.register_button = BigButton(self.tr("Register the application"), kind="primary")
        self.register_button.clicked.connect(self.register)
        card.body.addWidget(self.register_button)
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.case_label.setStyleSheet(f"font-size: {theme.FONT_LARGE_PX}px; font-weight: 600;")
        card.body.addWidget(self.case_label)
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        card.body.addWidget(self.deadline_label)
        self.error = MessageBanner()
        card.body.addWidget(self.error)

        self.print_title = QLabel(self.tr("The application (Annex 2) for signature"))
        theme.set_role(self.print_title, "section")
        card.body.addWidget(self.print_title)
        self.preview = PdfPreview()
        self.preview.setMinimumWidth(420)
        self.preview.setVisible(False)
        self.panel = DocumentPanel(
            getattr(host, "tasks", None),
            host.devices,
            self._produce,
            title="Заява (Додаток 2)",
            file_name="zaiava.pdf",
            print_text=self.tr("Print the application"),
            preview=self.preview,
        )
        self.panel.printed.connect(self._on_printed)
        self.panel.saved.connect(self._on_printed)
        self.panel.pdf_ready.connect(lambda data: (self.preview.set_pdf(data), self.preview.setVisible(True)))
        card.body.addWidget(self.panel)
        self.printed_label = QLabel()
        self.printed_label.setWordWrap(True)
        card.body.addWidget(self.printed_label)
        card.body.addStretch(1)
        columns.addWidget(self.preview, 1)
        self._printed = False

    def title(self) -> str:
        return self.tr("Application")

    # -- data ---------------------------------------------------------------------------------
    def fill(self, bundle: VisitBundle) -> None:
        visit, request = bundle.visit, bundle.request
        profile = self.host.profile
        lines = [
            self.tr("Subject: {name}").format(name=request.subject.full_name),
            self.tr("Services: {titles}").format(titles=service_titles(request, profile)),
        ]
        if request.number:
            lines.append(self.tr("Request No.: {number}").format(number=request.number))
        self.summary.setText("\n".join(lines))
        missing = missing_documents(visit, request, profile)
        if missing and not visit.case_number:
            self.warnings.show_warning(
                self.tr(
                    "The package is incomplete ({n} missing). The subject has been warned that a refusal "
                    "is likely (point 2.12)."
                ).format(n=len(missing))
            )
        else:
            self.warnings.clear()
        self._printed = visit.application_printed
        self._show_registration(bundle)

    def _show_registration(self, bundle: VisitBundle) -> None:
        visit = bundle.visit
        registered = bool(visit.case_number)
        self.register_button.setVisible(not registered)
        self.panel.setVisible(registered)
        self.print_title.setVisible(registered)
        if registered:
            when = (
                texts.format_datetime(visit.application_registered_at)
                if visit.application_registered_at
                else ""
            )
            self.case_label.setText(
                self.tr("Case registered:\nNo. {number}, {when}").format(number=visit.case_number, when=when)
            )
            if bundle.deadline is not None:
                self.deadline_label.setText(
                    self.tr(
                        "Hand the documents to the service provider no later than {date} (next working day)."
                    ).format(date=texts.format_weekday_date(bundle.deadline))
                )
            else:
                self.deadline_label.setText("")
        else:
            self.case_label.setText(self.tr("The application is not registered yet."))
            self.deadline_label.setText("")
        self.printed_label.setText(
            self.tr("✔ The application has been printed (or saved) for signature.") if self._printed else ""
        )

    def apply(self, visit: Visit) -> None:
        visit.application_printed = self._printed

    def blocker(self) -> str:
        if self.bundle is None or not self.bundle.visit.case_number:
            return self.tr("Register the application.")
        if not self._printed:
            return self.tr("Print the application for the subject's signature (or save it as PDF).")
        return ""

    # -- actions ------------------------------------------------------------------------------
    def register(self) -> None:
        if self.bundle is None:
            return
        self.error.clear()
        self.register_button.setEnabled(False)
        services = self.host.services
        visit_id = self.bundle.visit.id

        def work() -> tuple[Visit, Any]:
            visit = services.visits.register_application(visit_id)
            return visit, services.visits.deadline_for(visit_id)

        self.host.run_db(
            work, on_done=self._registered, on_error=self._register_failed, name="visit.register"
        )

    def _registered(self, result: tuple[Visit, Any]) -> None:
        visit, deadline = result
        self.register_button.setEnabled(True)
        assert self.bundle is not None
        self.bundle.deadline = deadline
        self.panel.invalidate()
        self.host.visit_changed(visit)

    def _register_failed(self, failure: TaskFailure) -> None:
        self.register_button.setEnabled(True)
        self.error.show_error(failure.message)

    def _produce(self) -> bytes:
        assert self.bundle is not None
        return application_pdf_bytes(self.host.services, self.bundle.request.id)

    def _on_printed(self, _what: str) -> None:
        self._printed = True
        if self.bundle is not None:
            self._show_registration(self.bundle)
        self.user_changed()
        self.blocker_changed.emit()
