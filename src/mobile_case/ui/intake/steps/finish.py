"""Step 9: the decision. Register the request (it gets its number) and print the application
(Додаток 2) for signature — or refuse it with its O 2.3 reason(s), recorded with the explanation that
is read out to the citizen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mobile_case.domain import texts
from mobile_case.domain.eligibility import REASON_ORDER
from mobile_case.domain.model import CaseState, RefusalReason, ServiceRequest
from mobile_case.ui import theme
from mobile_case.ui.intake.steps.base import Step
from mobile_case.ui.intake.steps.consents import false_information_warning
from mobile_case.ui.intake.summary import summary_lines
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets import BigButton, Card, CheckList, LabeledTextEdit, MessageBanner, Option
from mobile_case.ui.widgets.printing import DocumentPanel, PdfPreview


def application_pdf_bytes(services, request_id: str) -> bytes:  # noqa: ANN001
    """Render (and keep) Додаток 2 for the request; runs on the database worker."""
    stored = services.documents.application_pdf(request_id)
    return services.store.blobs.read(stored.sha256)


class FinishStep(Step):
    key = "finish"

    registered = Signal(object)  # ServiceRequest
    refused = Signal(object)  # ServiceRequest

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.banner = MessageBanner()
        self.body.addWidget(self.banner)

        summary = self.summary_card = Card(margins=14)
        summary.body.addWidget(_section_label(self.tr("The request")))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary.body.addWidget(self.summary_label)
        self.body.addWidget(summary)

        self.warning = MessageBanner(closable=False)
        self.warning.show_warning(false_information_warning())
        self.body.addWidget(self.warning)

        self.pages = OnePage()
        self.body.addWidget(self.pages)
        self.pages.addWidget(self._decide_page())
        self.pages.addWidget(self._refuse_page())
        self.pages.addWidget(self._registered_page())
        self.pages.addWidget(self._refused_page())
        self.body.addStretch(1)
        self._document_id = ""

    def title(self) -> str:
        return self.tr("Decision")

    # -- the four states of the page ----------------------------------------------------------------
    def _decide_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setSpacing(theme.SPACING)
        self.register_button = BigButton(self.tr("Accept and register the request"), kind="primary")
        self.register_button.clicked.connect(self.register)
        self.refuse_button = BigButton(self.tr("Refuse…"))
        self.refuse_button.clicked.connect(self.start_refusal)
        row.addWidget(self.register_button)
        row.addWidget(self.refuse_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        theme.set_role(self.missing_label, "error")
        layout.addWidget(self.missing_label)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        self.decision_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.decision_label)
        layout.addStretch(1)
        return page

    def _refuse_page(self) -> QWidget:
        page = Card(margins=14)
        page.body.addWidget(_section_label(self.tr("Refusal to accept the request (O 2.3)")))
        hint = QLabel(
            self.tr("Tick the reason(s). The explanation is recorded and read out to the applicant.")
        )
        hint.setWordWrap(True)
        theme.set_role(hint, "muted")
        page.body.addWidget(hint)
        self.reasons = CheckList(
            [Option(r.value, texts.sentence(texts.REFUSAL_REASON_TITLES[r])) for r in REASON_ORDER]
        )
        self.reasons.changed.connect(self._refusal_edited)
        page.body.addWidget(self.reasons)
        self.explanation = LabeledTextEdit(self.tr("Explanation for the applicant"), lines=6, required=True)
        self.explanation.changed.connect(self._refusal_edited)
        page.body.addWidget(self.explanation)
        row = QHBoxLayout()
        self.confirm_refusal = BigButton(self.tr("Record the refusal"), kind="danger")
        self.confirm_refusal.clicked.connect(self.refuse)
        self.cancel_refusal = BigButton(self.tr("Back to the decision"))
        self.cancel_refusal.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        row.addWidget(self.confirm_refusal)
        row.addWidget(self.cancel_refusal)
        row.addStretch(1)
        page.body.addLayout(row)
        page.body.addStretch(1)
        return page

    def _registered_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.number_label = QLabel()
        self.number_label.setWordWrap(True)
        self.number_label.setStyleSheet(
            f"font-size: {theme.FONT_TITLE_PX}px; font-weight: 700; color: {theme.SUCCESS};"
        )
        layout.addWidget(self.number_label)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        layout.addWidget(self.next_label)
        row = QHBoxLayout()
        self.plan_button = BigButton(self.tr("Plan the outing"), kind="primary")
        self.plan_button.clicked.connect(self.wizard.open_outings)
        self.new_button = BigButton(self.tr("Take a new request"))
        self.new_button.clicked.connect(self.wizard.new_request)
        row.addWidget(self.plan_button)
        row.addWidget(self.new_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(_section_label(self.tr("The application (Annex 2) for signature")))
        self.preview = PdfPreview()
        self.preview.setMinimumHeight(420)
        self.preview.setVisible(False)
        self.panel = DocumentPanel(
            self.wizard.tasks,
            self.wizard.devices,
            self._produce,
            title="Заява (Додаток 2)",
            file_name="zaiava.pdf",
            print_text=self.tr("Print the application"),
            preview=self.preview,
            wide=True,
        )
        self.panel.pdf_ready.connect(self._show_pdf)
        layout.addWidget(self.panel)
        layout.addWidget(self.preview)
        layout.addStretch(1)
        return page

    def _refused_page(self) -> QWidget:
        page = Card(margins=14)
        self.refused_title = _section_label(self.tr("The request is refused"))
        self.refused_title.setStyleSheet(f"color: {theme.DANGER};")
        page.body.addWidget(self.refused_title)
        self.refused_label = QLabel()
        self.refused_label.setWordWrap(True)
        self.refused_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        page.body.addWidget(self.refused_label)
        row = QHBoxLayout()
        new_button = BigButton(self.tr("Take a new request"), kind="primary")
        new_button.clicked.connect(self.wizard.new_request)
        row.addWidget(new_button)
        row.addStretch(1)
        page.body.addLayout(row)
        return page

    # -- showing --------------------------------------------------------------------------------
    def fill(self, req: ServiceRequest) -> None:
        self.banner.clear()
        self.preview.setVisible(False)
        self.panel.invalidate()
        self._show(req)

    def refresh(self) -> None:
        self._show(self.request)

    def entered(self) -> None:
        self._show(self.request)

    def set_read_only(self, read_only: bool) -> None:
        # the page stays usable: printing again, a new request
        self.read_only = read_only

    def _show(self, req: ServiceRequest) -> None:
        self.summary_label.setText("\n".join(summary_lines(req, self.profile)))
        # once decided, the application itself (or the refusal) is what matters on screen
        self.summary_card.setVisible(req.state == CaseState.DRAFT)
        decision = self.wizard.decision
        if req.state == CaseState.REFUSED:
            reasons = "\n".join(
                "• " + texts.sentence(texts.refusal_reason_text(r, self.profile.community_name))
                for r in req.refusal_reasons
            )
            self.refused_label.setText(
                self.tr("Reasons (O 2.3):") + "\n" + reasons + "\n\n" + req.decision_explanation
            )
            self.warning.setVisible(False)
            self.pages.setCurrentIndex(3)
            return
        if req.state != CaseState.DRAFT:
            self._document_id = req.id
            self.number_label.setText(self.tr("Request No {number} is registered").format(number=req.number))
            self.next_label.setText(
                self.tr(
                    "Print the application: the applicant signs it now, or during the visit if the request came "
                    "by phone or messenger (O 2.4). Then plan the outing."
                )
            )
            self.plan_button.setVisible(req.state == CaseState.REGISTERED)
            self.warning.setVisible(False)
            self.pages.setCurrentIndex(2)
            return
        self.warning.setVisible(True)
        if self.pages.currentIndex() not in (0, 1):
            self.pages.setCurrentIndex(0)
        problems = self.wizard.problems()
        missing = self.wizard.missing()
        eligible = decision is not None and decision.eligible
        if decision is not None:
            if eligible:
                self.decision_label.setText(
                    self.tr(
                        "Every check is passed: the request can be accepted (O 2.4). The details are at the right."
                    )
                )
            else:
                self.decision_label.setText(decision.explanation)
            theme.set_role(self.decision_label, "" if eligible else "error")
        lines = []
        if missing:
            lines.append(self.tr("Not filled in: {fields}.").format(fields=", ".join(missing)))
        for label, message in problems:
            lines.append(f"{label}: {message}")
        self.missing_label.setText("\n".join(lines))
        self.missing_label.setVisible(bool(lines))
        self.register_button.setEnabled(eligible and not problems and not missing and not self.wizard.busy)
        self.refuse_button.set_kind("secondary" if eligible else "danger")

    # -- registering ----------------------------------------------------------------------------
    def register(self) -> None:
        self.banner.clear()
        self.wizard.set_busy(True)
        request_id_of = self.wizard.keeper

        def submit() -> None:
            self.wizard.tasks.run_db(
                self.wizard.services.requests.register,
                request_id_of.request.id,
                on_done=self._registered,
                on_error=self._failed,
                name="intake.register",
                owner=self,
            )

        self.wizard.keeper.flush(submit)

    def _registered(self, req: ServiceRequest) -> None:
        self.wizard.set_busy(False)
        self.wizard.adopt(req)
        self.registered.emit(req)
        # the application is ready at once: show it
        self.panel.show_preview()

    def _failed(self, failure: TaskFailure) -> None:
        self.wizard.set_busy(False)
        self.banner.show_error(failure.message)
        self._show(self.request)

    # -- refusing -------------------------------------------------------------------------------
    def start_refusal(self) -> None:
        decision = self.wizard.decision
        reasons = [r.value for r in decision.reasons] if decision is not None else []
        self.reasons.set_checked_codes(reasons)
        if decision is not None and not decision.eligible:
            self.explanation.setText(decision.explanation)
        else:
            self.explanation.setText("")
        self.pages.setCurrentIndex(1)
        self._refusal_edited()

    def _refusal_edited(self, *_args: object) -> None:
        ok = bool(self.reasons.checked_codes()) and bool(self.explanation.text().strip())
        self.confirm_refusal.setEnabled(ok and not self.wizard.busy)

    def refuse(self) -> None:
        reasons = [RefusalReason(c) for c in self.reasons.checked_codes()]
        explanation = self.explanation.text().strip()
        if not reasons or not explanation:
            return
        self.banner.clear()
        self.wizard.set_busy(True)
        keeper = self.wizard.keeper
        if not keeper.stored:
            keeper.touch()  # a refusal is recorded even when nothing else was typed

        def submit() -> None:
            self.wizard.tasks.run_db(
                self.wizard.services.requests.refuse,
                keeper.request.id,
                reasons,
                explanation,
                on_done=self._refused,
                on_error=self._failed,
                name="intake.refuse",
                owner=self,
            )

        keeper.flush(submit)

    def _refused(self, req: ServiceRequest) -> None:
        self.wizard.set_busy(False)
        self.wizard.adopt(req)
        self.refused.emit(req)

    # -- the document ---------------------------------------------------------------------------
    def _produce(self) -> bytes:
        # runs on the database worker: only the id, taken when the request was shown
        return application_pdf_bytes(self.wizard.services, self._document_id)

    def _show_pdf(self, data: bytes) -> None:
        self.preview.set_pdf(data)
        self.preview.setVisible(True)


class OnePage(QWidget):
    """Shows one of its pages at a time, as tall as that page (a QStackedWidget is as tall as its
    tallest page, which leaves word-wrapped labels stretched over empty space)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = -1

    def addWidget(self, page: QWidget) -> None:  # noqa: N802 - the QStackedWidget name
        self._pages.append(page)
        self._layout.addWidget(page)
        if self._current < 0:
            self._current = 0
        page.setVisible(len(self._pages) - 1 == self._current)

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        self._current = index
        for i, page in enumerate(self._pages):
            page.setVisible(i == index)

    def currentIndex(self) -> int:  # noqa: N802
        return self._current

    def currentWidget(self) -> QWidget:  # noqa: N802
        return self._pages[self._current]


def _section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    theme.set_role(label, "section")
    return label
