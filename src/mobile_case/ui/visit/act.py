"""The act of impossibility of providing the service (F6, O 2.13, Додаток 4).

Reachable from every step of the visit and from a scheduled visit whose subject is absent. The form
has the four reasons of O 2.13 word for word (``domain.texts``), the stage (прийом документів /
повернення документів з результатом), details, the date and time (pre-filled, editable), the
administrator (the logged-in user) and whether the subject acknowledged the act or refused to sign.
``ActService.draw_up`` numbers it and ends the case (→ IMPOSSIBLE); the act's PDF is then printed,
previewed or saved.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mobile_case.documents.formatting import address_text
from mobile_case.domain import texts
from mobile_case.domain.model import Act, ActReason, ActStage, CaseState
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.visit.data import VisitBundle, service_titles
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.choices import ChoiceList, Option
from mobile_case.ui.widgets.fields import LabeledTextEdit
from mobile_case.ui.widgets.layout import Card
from mobile_case.ui.widgets.printing import DocumentPanel, PdfPreview

ACK_SIGNED = "signed"
ACK_REFUSED = "refused"
ACK_ABSENT = "absent"
REFUSED_NOTE = "від підпису відмовився"
ABSENT_NOTE = "суб'єкт звернення відсутній"


def act_pdf_bytes(services: Any, act_id: str) -> bytes:
    """Render (and store) the act, then read its bytes — on the database worker."""
    stored = services.documents.act_pdf(act_id)
    return services.store.blobs.read(stored.sha256)


class ActForm(QWidget):
    """The act: first the form, then — once drawn up — its number, print/preview/save."""

    cancelled = Signal()  # back to the visit without an act
    drawn_up = Signal(object)  # Act
    done = Signal()  # the administrator has finished with the act

    def __init__(self, tasks: Any, services: Any, devices: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.services = services
        self.devices = devices
        self.bundle: VisitBundle | None = None
        self.act: Act | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        # -- the form -------------------------------------------------------------------------
        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(4, 4, 4, 4)
        body.setSpacing(theme.SPACING)
        scroll.setWidget(content)
        form_layout.addWidget(scroll, 1)

        heading = QLabel(self.tr("Act of impossibility of providing the administrative service (Annex 4)"))
        heading.setWordWrap(True)
        theme.set_role(heading, "section")
        body.addWidget(heading)

        facts = Card()
        grid = QFormLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.service_value = QLabel()
        self.subject_value = QLabel()
        self.address_value = QLabel()
        self.admin_value = QLabel()
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setMinimumHeight(theme.TOUCH_MIN)
        self.when.setMaximumWidth(260)
        rows = [
            (self.tr("Administrative service"), self.service_value),
            (self.tr("Subject"), self.subject_value),
            (self.tr("Address"), self.address_value),
            (self.tr("Date and time of the act"), self.when),
            (self.tr("Drawn up by"), self.admin_value),
        ]
        for name, widget in rows:
            label = QLabel(name)
            theme.set_role(label, "fieldLabel")
            if isinstance(widget, QLabel):
                widget.setWordWrap(True)
            grid.addRow(label, widget)
        facts.body.addLayout(grid)
        body.addWidget(facts)

        reason_card = Card()
        reason_title = QLabel(self.tr("Reason the service is not provided (point 2.13 of the Order)"))
        theme.set_role(reason_title, "section")
        reason_card.body.addWidget(reason_title)
        self.reasons = ChoiceList(
            [Option(r.value, texts.sentence(texts.ACT_REASON_TITLES[r])) for r in ActReason]
        )
        self.reasons.changed.connect(self._on_reason)
        reason_card.body.addWidget(self.reasons)
        body.addWidget(reason_card)

        stage_card = Card()
        stage_title = QLabel(self.tr("Stage"))
        theme.set_role(stage_title, "section")
        stage_card.body.addWidget(stage_title)
        self.stages = ChoiceList(
            [Option(s.value, texts.sentence(texts.ACT_STAGE_TITLES[s])) for s in ActStage], columns=2
        )
        stage_card.body.addWidget(self.stages)
        body.addWidget(stage_card)

        details_card = Card()
        self.details = LabeledTextEdit(
            self.tr("Details"),
            placeholder=self.tr("What exactly happened: which documents are missing, what was seen…"),
            lines=3,
        )
        details_card.body.addWidget(self.details)
        ack_title = QLabel(self.tr("Acknowledgement of the subject"))
        theme.set_role(ack_title, "fieldLabel")
        details_card.body.addWidget(ack_title)
        self.ack = ChoiceList(
            [
                Option(ACK_SIGNED, self.tr("The subject has read the act and signed it")),
                Option(ACK_REFUSED, self.tr("The subject refused to sign («від підпису відмовився»)")),
                Option(ACK_ABSENT, self.tr("The subject is absent: acknowledgement is not possible")),
            ]
        )
        details_card.body.addWidget(self.ack)
        body.addWidget(details_card)

        self.error = MessageBanner()
        form_layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.cancel_button = BigButton(self.tr("Back to the visit"))
        self.cancel_button.clicked.connect(self.cancelled)
        self.draw_button = BigButton(self.tr("Draw up the act"), kind="danger")
        self.draw_button.clicked.connect(self.draw_up)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.draw_button)
        form_layout.addLayout(buttons)
        outer.addWidget(self.form)

        # -- after drawing up -----------------------------------------------------------------
        self.result = QWidget()
        result_layout = QHBoxLayout(self.result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.setSpacing(theme.SPACING)
        left = Card()
        self.result_title = QLabel()
        self.result_title.setWordWrap(True)
        theme.set_role(self.result_title, "section")
        left.body.addWidget(self.result_title)
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        left.body.addWidget(self.result_text)
        self.preview = PdfPreview()
        self.panel = DocumentPanel(
            tasks,
            devices,
            self._produce,
            title="Акт (Додаток 4)",
            file_name="akt.pdf",
            print_text=self.tr("Print the act"),
            preview=self.preview,
        )
        left.body.addWidget(self.panel)
        left.body.addStretch(1)
        self.done_button = BigButton(self.tr("Done"), kind="primary")
        self.done_button.clicked.connect(self.done)
        left.body.addWidget(self.done_button)
        result_layout.addWidget(left, 1)
        result_layout.addWidget(self.preview, 1)
        outer.addWidget(self.result)
        self.result.setVisible(False)

    # -- filling ------------------------------------------------------------------------------
    def start(
        self, bundle: VisitBundle, reason: ActReason | None, stage: ActStage = ActStage.DOCUMENT_INTAKE
    ) -> None:
        """Show an empty act for the bundle's visit, with ``reason`` and ``stage`` pre-selected."""
        self.bundle = bundle
        self.act = None
        self.error.clear()
        request = bundle.request
        profile = self.services.profile
        self.service_value.setText(service_titles(request, profile))
        self.subject_value.setText(request.subject.full_name)
        self.address_value.setText(address_text(request.address, profile, with_region=False))
        user = bundle.user
        self.admin_value.setText(getattr(user, "full_name", "") or "—")
        now = self._now()
        self.when.setDateTime(QDateTime(now.date(), now.time().replace(microsecond=0)))
        self.reasons.set_selected_code(reason.value if reason else "")
        self.stages.set_selected_code(stage.value)
        self.details.setText("")
        self.ack.set_selected_code(ACK_ABSENT if reason is ActReason.SUBJECT_ABSENT else "")
        self.form.setVisible(True)
        self.result.setVisible(False)
        self.draw_button.setEnabled(True)

    def show_act(self, act: Act, bundle: VisitBundle | None = None) -> None:
        """Show an act already drawn up (after draw_up, or when the visit is reopened)."""
        if bundle is not None:
            self.bundle = bundle
        self.act = act
        self.panel.invalidate()
        self.form.setVisible(False)
        self.result.setVisible(True)
        self.result_title.setText(self.tr("Act No. {number} is drawn up").format(number=act.number or "—"))
        lines = [
            texts.sentence(texts.ACT_REASON_SHORT_TITLES[act.reason]),
            self.tr("Stage: {stage}").format(stage=texts.ACT_STAGE_TITLES[act.stage]),
        ]
        if act.drawn_at:
            lines.append(self.tr("Date and time: {when}").format(when=texts.format_datetime(act.drawn_at)))
        if act.subject_acknowledged:
            lines.append(self.tr("The subject has read the act."))
        elif act.acknowledgement_note:
            lines.append(self.tr("Acknowledgement: {note}").format(note=act.acknowledgement_note))
        lines.append(self.tr("Print the act, sign it and give the subject a copy."))
        self.result_text.setText("\n".join(lines))
        self.panel.show_preview()

    def _now(self) -> datetime:
        clock = getattr(self.services, "clock", None)
        return clock() if callable(clock) else datetime.now()

    # -- the act ------------------------------------------------------------------------------
    def _on_reason(self) -> None:
        if self.reasons.selected_code() == ActReason.SUBJECT_ABSENT.value and not self.ack.selected_code():
            self.ack.set_selected_code(ACK_ABSENT)

    def build_act(self) -> Act | None:
        """The act from the form, or None with the problem shown."""
        assert self.bundle is not None
        reason = self.reasons.selected_code()
        stage = self.stages.selected_code()
        ack = self.ack.selected_code()
        if not reason:
            self.error.show_error(self.tr("Choose the reason of point 2.13."))
            return None
        if not stage:
            self.error.show_error(self.tr("Choose the stage."))
            return None
        if not ack:
            self.error.show_error(self.tr("Mark whether the subject acknowledged the act."))
            return None
        request = self.bundle.request
        profile = self.services.profile
        user = self.bundle.user
        qdt = self.when.dateTime()
        drawn_at = datetime(
            qdt.date().year(), qdt.date().month(), qdt.date().day(), qdt.time().hour(), qdt.time().minute()
        )
        return Act(
            request_id=request.id,
            visit_id=self.bundle.visit.id,
            service_titles=service_titles(request, profile),
            stage=ActStage(stage),
            subject_name=request.subject.full_name,
            address_text=address_text(request.address, profile, with_region=False),
            reason=ActReason(reason),
            details=self.details.text().strip(),
            drawn_at=drawn_at,
            administrator_id=getattr(user, "id", "") or "",
            administrator_name=getattr(user, "full_name", "") or "",
            subject_acknowledged=ack == ACK_SIGNED,
            acknowledgement_note={ACK_REFUSED: REFUSED_NOTE, ACK_ABSENT: ABSENT_NOTE}.get(ack, ""),
        )

    def draw_up(self) -> None:
        if self.bundle is None:
            return
        self.error.clear()
        act = self.build_act()
        if act is None:
            return
        self.draw_button.setEnabled(False)
        services = self.services
        pending_visit = self.pending_visit() if self.bundle.state is CaseState.IN_PROGRESS else None

        def work() -> Act:
            if pending_visit is not None:
                services.visits.save(pending_visit)  # what was entered before the act is kept
            return services.acts.draw_up(act)

        self.tasks.run_db(work, on_done=self._drawn, on_error=self._failed, name="act.draw_up", owner=self)

    def pending_visit(self) -> Any:
        """The visit with every step as entered (set by the visit page)."""
        return None

    def _drawn(self, act: Act) -> None:
        self.act = act
        self.drawn_up.emit(act)
        self.show_act(act)

    def _failed(self, failure: TaskFailure) -> None:
        self.draw_button.setEnabled(True)
        self.error.show_error(failure.message)

    def _produce(self) -> bytes:
        assert self.act is not None
        return act_pdf_bytes(self.services, self.act.id)
