"""Step 4: the documents of the services, checked one by one (O 2.10–2.12).

Each document the request's services need gets a tick. When something is missing the administrator
gives the consultation of O 2.12 and warns that a refusal is likely; the warning is recorded. Missing
originals (incl. the fee receipt) are also a reason for the act (O 2.13).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from mobile_case.domain.eligibility import FEE_RECEIPT_CODE, PAID_DURING_VISIT
from mobile_case.domain.model import ActReason, Visit
from mobile_case.ui import theme
from mobile_case.ui.visit.data import VisitBundle, request_services
from mobile_case.ui.visit.steps.base import ConfirmCheck, StepWidget, VisitHost
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.choices import CheckList, Option
from mobile_case.ui.widgets.layout import Card


class DocumentsStep(StepWidget):
    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        intro = QLabel(self.tr("Tick each document the subject has shown. Originals are marked."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self.list_card = Card()
        self.body.addWidget(self.list_card)
        self.lists: list[CheckList] = []
        self._widgets: list[QWidget] = []

        self.missing_card = Card()
        self.missing_banner = MessageBanner(closable=False)
        self.missing_card.body.addWidget(self.missing_banner)
        self.missing_list = QLabel()
        self.missing_list.setWordWrap(True)
        self.missing_card.body.addWidget(self.missing_list)
        self.warned = ConfirmCheck(
            self.tr(
                "Consultation given: the subject knows what to bring and was warned that a refusal "
                "of the service is likely"
            )
        )
        self.warned.changed.connect(self.user_changed)
        self.warned.changed.connect(self.blocker_changed)
        self.missing_card.body.addWidget(self.warned)
        row = QHBoxLayout()
        self.act_button = BigButton(self.tr("No originals: draw up the act"), kind="danger")
        self.act_button.clicked.connect(lambda: self.host.request_act(ActReason.NO_ORIGINAL_DOCUMENTS))
        row.addWidget(self.act_button)
        row.addStretch(1)
        self.missing_card.body.addLayout(row)
        self.body.addWidget(self.missing_card)
        self.body.addStretch(1)
        self.missing_card.setVisible(False)

    def title(self) -> str:
        return self.tr("Documents")

    def fill(self, bundle: VisitBundle) -> None:
        for widget in self._widgets:
            self.list_card.body.removeWidget(widget)
            widget.deleteLater()
        self._widgets = []
        self.lists = []
        self._titles: dict[str, str] = {}
        self._pay_later = (
            bundle.request.payment_method in PAID_DURING_VISIT
            or bundle.visit.payment.method in PAID_DURING_VISIT
        )
        for service in request_services(bundle.request, self.host.profile):
            head = QLabel(service.title)
            head.setWordWrap(True)
            theme.set_role(head, "section")
            self.list_card.body.addWidget(head)
            self._widgets.append(head)
            options = []
            for doc in service.documents:
                if doc.code in self._titles:
                    continue
                self._titles[doc.code] = doc.title
                detail = self.tr("original") if doc.original_required else ""
                if doc.code == FEE_RECEIPT_CODE and self._pay_later:
                    detail = self.tr(
                        "paid during the visit: ticked when the receipt is entered at the payment step"
                    )
                options.append(Option(doc.code, doc.title, detail))
            if options:
                checks = CheckList(options)
                checks.changed.connect(self._on_toggled)
                self.list_card.body.addWidget(checks)
                self._widgets.append(checks)
                self.lists.append(checks)
            else:
                none = QLabel(
                    self.tr("No documents of its own (listed above for another service).")
                    if service.documents
                    else self.tr("No documents needed besides the identity document.")
                )
                theme.set_role(none, "muted")
                self.list_card.body.addWidget(none)
                self._widgets.append(none)
        checked = bundle.visit.documents_checked
        for checks in self.lists:
            checks.set_checked_codes([c for c in checks.codes() if checked.get(c, False)])
        self.warned.setChecked(bundle.visit.missing_documents_warned)
        self._update_missing()

    def states(self) -> dict[str, bool]:
        """Document code -> ticked, for every document of the request's services."""
        result: dict[str, bool] = {}
        for checks in self.lists:
            for code in checks.codes():
                result[code] = checks.is_checked(code)
        return result

    def set_checked(self, code: str, checked: bool = True) -> None:
        for checks in self.lists:
            if code in checks.rows:
                checks.set_checked(code, checked)

    def missing(self) -> list[str]:
        """Documents not shown — the fee receipt not counted when the fee is paid during the visit."""
        return [
            code
            for code, ok in self.states().items()
            if not ok and not (code == FEE_RECEIPT_CODE and self._pay_later)
        ]

    def sync_receipt(self, visit: Visit) -> None:
        """Show the fee receipt ticked once the payment step has recorded it (no save is triggered)."""
        if FEE_RECEIPT_CODE not in self.states():
            return
        wanted = bool(visit.documents_checked.get(FEE_RECEIPT_CODE, False))
        if self.states()[FEE_RECEIPT_CODE] != wanted:
            self._loading = True
            try:
                self.set_checked(FEE_RECEIPT_CODE, wanted)
            finally:
                self._loading = False
            self._update_missing()

    _pay_later = False

    def apply(self, visit: Visit) -> None:
        visit.documents_checked = self.states()
        visit.missing_documents_warned = bool(self.missing()) and self.warned.isChecked()

    def blocker(self) -> str:
        if self.missing() and not self.warned.isChecked():
            return self.tr(
                "Some documents are missing: give the consultation and warn that a refusal is likely, "
                "or draw up the act."
            )
        return ""

    def suggested_act_reason(self) -> ActReason | None:
        return ActReason.NO_ORIGINAL_DOCUMENTS

    def _on_toggled(self) -> None:
        self._update_missing()
        self.user_changed()
        self.blocker_changed.emit()

    def _update_missing(self) -> None:
        missing = self.missing()
        self.missing_card.setVisible(bool(missing))
        if not missing:
            return
        self.missing_banner.show_warning(
            self.tr(
                "Documents are missing. Explain to the subject in full how and on what terms the service "
                "is obtained and that the request must be made again at the CNAP once the shortcomings are "
                "removed. If the package is registered with shortcomings, warn the subject that a refusal is "
                "likely (point 2.12 of the Order)."
            )
        )
        lines = "\n".join(f"• {self._titles[code]}" for code in missing)
        self.missing_list.setText(self.tr("Missing:") + "\n" + lines)
