"""Step 4: the documents of the services, checked one by one (O 2.10–2.12).

Each document the request's services need gets a tick. When something is missing the administrator
gives the consultation of O 2.12 and warns that a refusal is likely; the warning is recorded. Missing
originals (incl. the fee receipt) are also a reason for the act (O 2.13).

Each document can be scanned (issue 5): the «Скани» button of its row opens the scan editor below the
list for that document (scanner, camera or file; pages re-ordered, rotated, re-scanned, deleted), and
«Зберегти документ» stores one A4 PDF attached to the item — the item is then ticked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from mobile_case.domain.eligibility import FEE_RECEIPT_CODE, PAID_DURING_VISIT
from mobile_case.domain.model import ActReason, Visit
from mobile_case.ui import theme
from mobile_case.ui.visit.data import VisitBundle, request_services
from mobile_case.ui.visit.scan_editor import ScanEditor
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

        # scans of the documents (issue 5)
        self.scan_card = Card()
        scan_head = QHBoxLayout()
        scan_title = QLabel(self.tr("Scans of the documents"))
        theme.set_role(scan_title, "section")
        scan_head.addWidget(scan_title)
        scan_head.addStretch(1)
        self.scan_choice = QComboBox()
        self.scan_choice.setMinimumHeight(theme.TOUCH_MIN)
        self.scan_choice.setMinimumWidth(360)
        self.scan_choice.currentIndexChanged.connect(lambda _i: self._choose_scan_item())
        scan_head.addWidget(self.scan_choice)
        self.scan_card.body.addLayout(scan_head)
        self.scan_editor = ScanEditor(host)
        self.scan_editor.document_saved.connect(self._scan_saved)
        self.scan_editor.pages_changed.connect(self._scan_pages_changed)
        self.scan_card.body.addWidget(self.scan_editor)
        self.body.addWidget(self.scan_card)
        self.scan_files: dict[str, Any] = {}  # code -> StoredFile of the saved PDF
        self.scan_pages: dict[str, int] = {}  # code -> pages taken
        self.scan_buttons: dict[str, BigButton] = {}

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
        self._fill_scans(bundle)

    # -- scans ------------------------------------------------------------------------------------
    def _fill_scans(self, bundle: VisitBundle) -> None:
        from mobile_case.domain.model import CaseState  # noqa: PLC0415

        self.scan_buttons = {}
        for checks in self.lists:
            for code, row in checks.rows.items():
                button = BigButton(self.tr("Scans"))
                button.setToolTip(self.tr("Scan this document (scanner, camera or file)"))
                button.clicked.connect(lambda _c=False, code=code: self.open_scans(code))
                row.layout().addWidget(button)
                self.scan_buttons[code] = button
        self.scan_choice.blockSignals(True)
        self.scan_choice.clear()
        for code, title in self._titles.items():
            self.scan_choice.addItem(title, code)
        self.scan_choice.blockSignals(False)
        self.scan_files, self.scan_pages = {}, {}
        editable = bundle.state is CaseState.IN_PROGRESS
        self.scan_card.setVisible(bool(self._titles))
        if self._titles:
            self.scan_editor.set_item(
                bundle.visit.id, self.scan_choice.currentData(), self.scan_choice.currentText(), editable
            )
        scans = getattr(self.host.services, "scans", None)
        if scans is not None:
            visit_id = bundle.visit.id
            self.host.run_db(
                scans.documents, visit_id, on_done=lambda files: self._scan_files_loaded(visit_id, files)
            )

    def _scan_files_loaded(self, visit_id: str, files: dict[str, Any]) -> None:
        if self.bundle is None or self.bundle.visit.id != visit_id:
            return
        self.scan_files = dict(files)
        self._show_scan_states()

    def _show_scan_states(self) -> None:
        for checks in self.lists:
            for code, row in checks.rows.items():
                base = row.option.detail
                extra = ""
                if code in self.scan_files:
                    extra = self.tr("scan saved")
                elif self.scan_pages.get(code):
                    extra = self.tr("%n scanned page(s), not saved yet", "", self.scan_pages[code])
                text = " · ".join(t for t in (base, extra) if t)
                row.detail_label.setText(text)
                row.detail_label.setVisible(bool(text))

    def open_scans(self, code: str) -> None:
        index = self.scan_choice.findData(code)
        if index >= 0:
            self.scan_choice.setCurrentIndex(index)
            self._choose_scan_item()
        from PySide6.QtWidgets import QScrollArea  # noqa: PLC0415

        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:  # bring the editor into view (the list may fill the screen)
            parent.ensureWidgetVisible(self.scan_card, 0, 0)

    def _choose_scan_item(self) -> None:
        code = self.scan_choice.currentData()
        if self.bundle is None or not code or code == self.scan_editor.code:
            return
        self.scan_editor.set_item(
            self.bundle.visit.id, code, self.scan_choice.currentText(), self.scan_editor.editable
        )

    def _scan_pages_changed(self, code: str, count: int) -> None:
        self.scan_pages[code] = count
        self._show_scan_states()

    def _scan_saved(self, code: str, stored: Any) -> None:
        self.scan_files[code] = stored
        self._show_scan_states()
        if not self.states().get(code, False):
            self.set_checked(code, True)  # the scan proves the document was shown
            self._on_toggled()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.scan_editor.shutdown()  # the camera is not kept while the step is not on screen
        super().hideEvent(event)

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
