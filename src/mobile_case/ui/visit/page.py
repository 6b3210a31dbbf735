"""The visit screen (F5): the visit at the citizen's address as large sequential steps.

Opened with ``window.open_page("visit", visit_id=...)``. A scheduled visit first shows the start view
(«start the visit» — SCHEDULED → IN_PROGRESS — or «the subject is absent: draw up the act»); an open
visit continues at its ``current_step`` with every field as it was entered. Every change is saved at
once through the single database worker (``VisitService.save``); saves are coalesced so that at most one
is queued behind the one running. The «Draw up the act» button is always visible (F6).

Views: the chooser (today's visits, when opened without a visit), loading, start, steps, act, done.
"""

from __future__ import annotations

import copy
import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mobile_case.documents.formatting import address_text
from mobile_case.domain import texts
from mobile_case.domain.model import (
    VISIT_STEPS,
    Act,
    ActReason,
    ActStage,
    CaseState,
    ServiceRequest,
    Visit,
    VisitStep,
)
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.visit.act import ActForm
from mobile_case.ui.visit.data import VisitBundle, load_bundle, service_titles
from mobile_case.ui.visit.external_import import ExternalImport
from mobile_case.ui.visit.recording import VisitRecording
from mobile_case.ui.visit.stepbar import StepBar
from mobile_case.ui.visit.steps.application import ApplicationStep, application_pdf_bytes
from mobile_case.ui.visit.steps.base import StepWidget
from mobile_case.ui.visit.steps.category import CategoryStep
from mobile_case.ui.visit.steps.consent import ConsentStep
from mobile_case.ui.visit.steps.delivery import DeliveryStep
from mobile_case.ui.visit.steps.documents import DocumentsStep
from mobile_case.ui.visit.steps.identification import IdentificationStep
from mobile_case.ui.visit.steps.payment import PaymentStep
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.layout import Card
from mobile_case.ui.widgets.printing import DocumentPanel, PdfPreview

log = logging.getLogger(__name__)

STEP_TYPES: tuple[type[StepWidget], ...] = (
    ConsentStep,
    IdentificationStep,
    CategoryStep,
    DocumentsStep,
    PaymentStep,
    ApplicationStep,
    DeliveryStep,
)  # in the order of VISIT_STEPS


def step_titles() -> list[str]:
    """The step bar's titles (the same messages as each step's ``title()``), without building the steps."""
    return [
        QCoreApplication.translate("ConsentStep", "Consent"),
        QCoreApplication.translate("IdentificationStep", "Identity"),
        QCoreApplication.translate("CategoryStep", "Category"),
        QCoreApplication.translate("DocumentsStep", "Documents"),
        QCoreApplication.translate("PaymentStep", "Payment"),
        QCoreApplication.translate("ApplicationStep", "Application"),
        QCoreApplication.translate("DeliveryStep", "Result"),
    ]


CHOOSER, LOADING, START, STEPS, ACT, DONE = range(6)


class VisitPage(QWidget):
    """The visit page of the main window (key ``visit``)."""

    saved = Signal(object)  # Visit, after each save
    finished = Signal(str)  # visit id, after completion or an act

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.tasks = ctx.tasks
        self.devices = getattr(ctx, "devices", None)
        self.window_ref = getattr(ctx, "window", None)
        self.bundle: VisitBundle | None = None
        self.visit_id = ""
        self._saving = False
        self._dirty = False
        self._closing = False
        self.save_count = 0
        self.reached = 0
        self.finished.connect(self._request_sync)  # issue 4: seal and send the closed case now

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)

        # -- header: who, where, what, and the act button ---------------------------------------
        self.header = Card(margins=8)
        head_row = QHBoxLayout()
        head_row.setSpacing(theme.SPACING)
        texts_box = QVBoxLayout()
        texts_box.setSpacing(0)
        self.subject_label = QLabel()
        self.subject_label.setStyleSheet(f"font-size: {theme.FONT_LARGE_PX}px; font-weight: 700;")
        self.subject_label.setWordWrap(True)
        self.address_label = QLabel()
        self.address_label.setWordWrap(True)
        self.address_label.setStyleSheet(f"font-size: {theme.FONT_SMALL_PX + 1}px;")
        self.services_label = QLabel()
        self.services_label.setWordWrap(True)
        theme.set_role(self.services_label, "muted")
        for label in (self.subject_label, self.address_label):
            texts_box.addWidget(label)
        # F8: the recording starts when the visit is opened at the address, stops when it is closed;
        # its chip sits at the end of the services line
        self.recording = VisitRecording(self.tasks, self.services, self.devices, self)
        services_row = QHBoxLayout()
        services_row.setSpacing(theme.SPACING)
        services_row.addWidget(self.services_label, 1)
        services_row.addWidget(self.recording.attach(self.header), 0, Qt.AlignmentFlag.AlignBottom)
        texts_box.addLayout(services_row)
        head_row.addLayout(texts_box, 1)
        self.act_button = BigButton(self.tr("Draw up the act"), kind="danger")
        self.act_button.setToolTip(self.tr("The act of impossibility of providing the service (point 2.13)"))
        self.act_button.clicked.connect(lambda: self.request_act(None))
        head_row.addWidget(self.act_button, 0, Qt.AlignmentFlag.AlignTop)
        # requests-kit 1: the administrator imports the external recorder's files of a closed visit
        self.external_import = ExternalImport(self)
        head_row.addWidget(self.external_import.button, 0, Qt.AlignmentFlag.AlignTop)
        self.header.body.addLayout(head_row)
        outer.addWidget(self.header)

        self.step_bar = StepBar()
        self.step_bar.step_clicked.connect(self.show_step)
        outer.addWidget(self.step_bar)

        self.banner = MessageBanner()
        outer.addWidget(self.banner)
        self.recording.failed.connect(self.banner.show_warning)

        self.views = QStackedWidget()
        outer.addWidget(self.views, 1)

        # chooser
        self.chooser = QWidget()
        chooser_layout = QVBoxLayout(self.chooser)
        chooser_title = QLabel(self.tr("Today's visits"))
        theme.set_role(chooser_title, "section")
        chooser_layout.addWidget(chooser_title)
        self.chooser_hint = QLabel(self.tr("Choose the visit to open."))
        theme.set_role(self.chooser_hint, "muted")
        chooser_layout.addWidget(self.chooser_hint)
        self.chooser_list = QListWidget()
        self.chooser_list.setStyleSheet("QListWidget::item { min-height: 56px; padding: 6px; }")
        self.chooser_list.itemActivated.connect(self._open_from_chooser)
        self.chooser_list.itemClicked.connect(self._open_from_chooser)
        chooser_layout.addWidget(self.chooser_list, 1)
        self.views.addWidget(self.chooser)

        # loading
        self.loading_label = QLabel(self.tr("Opening the visit…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.views.addWidget(self.loading_label)

        # start (a scheduled visit)
        self.start_view = QWidget()
        start_layout = QVBoxLayout(self.start_view)
        start_card = Card()
        self.start_text = QLabel()
        self.start_text.setWordWrap(True)
        start_card.body.addWidget(self.start_text)
        self.start_button = BigButton(self.tr("Start the visit"), kind="primary")
        self.start_button.setMinimumHeight(72)
        self.start_button.clicked.connect(self.start_visit)
        start_card.body.addWidget(self.start_button)
        self.absent_button = BigButton(self.tr("The subject is not there: draw up the act"), kind="danger")
        self.absent_button.clicked.connect(lambda: self.request_act(ActReason.SUBJECT_ABSENT))
        start_card.body.addWidget(self.absent_button)
        start_layout.addWidget(start_card)
        start_layout.addStretch(1)
        self.views.addWidget(self.start_view)

        # steps
        self.steps_view = QWidget()
        steps_layout = QVBoxLayout(self.steps_view)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        self.step_stack = QStackedWidget()
        steps_layout.addWidget(self.step_stack, 1)
        nav = QHBoxLayout()
        nav.setSpacing(theme.SPACING)
        self.back_button = BigButton(self.tr("← Back"))
        self.back_button.clicked.connect(self.go_back)
        self.blocker_label = QLabel()
        self.blocker_label.setWordWrap(True)
        self.blocker_label.setStyleSheet(f"color: {theme.WARNING}; font-weight: 600;")
        self.next_button = BigButton(self.tr("Next →"), kind="primary")
        self.next_button.setMinimumWidth(180)
        self.next_button.clicked.connect(self.go_next)
        nav.addWidget(self.back_button)
        nav.addWidget(self.blocker_label, 1)
        nav.addWidget(self.next_button)
        steps_layout.addLayout(nav)
        self.views.addWidget(self.steps_view)

        # The steps are built when the visit first needs them (building all seven at once costs the GUI
        # thread ~0.4 s); each sits in its own slot of the stack, so indexes never move.
        self._steps: list[StepWidget | None] = [None] * len(STEP_TYPES)
        self._slots: list[QWidget] = []
        for _type in STEP_TYPES:
            slot = QWidget()
            slot_layout = QVBoxLayout(slot)
            slot_layout.setContentsMargins(0, 0, 0, 0)
            self.step_stack.addWidget(slot)
            self._slots.append(slot)
        self.step_bar.set_steps(step_titles())

        # act
        self.act_form = ActForm(self.tasks, self.services, self.devices)
        self.act_form.pending_visit = self.collect_visit  # type: ignore[method-assign]
        self.act_form.cancelled.connect(self._act_cancelled)
        self.act_form.drawn_up.connect(self._act_drawn)
        self.act_form.done.connect(self.go_home)
        self.views.addWidget(self.act_form)

        # done
        self.done_view = QWidget()
        done_layout = QHBoxLayout(self.done_view)
        done_layout.setContentsMargins(0, 0, 0, 0)
        done_card = Card()
        self.done_title = QLabel(self.tr("The visit is finished"))
        theme.set_role(self.done_title, "section")
        done_card.body.addWidget(self.done_title)
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        done_card.body.addWidget(self.done_text)
        self.done_preview = PdfPreview()
        self.done_preview.setVisible(False)
        self.done_panel = DocumentPanel(
            self.tasks,
            self.devices,
            self._application_pdf,
            title="Заява (Додаток 2)",
            file_name="zaiava.pdf",
            print_text=self.tr("Print the application again"),
            preview=self.done_preview,
        )
        done_card.body.addWidget(self.done_panel)
        done_card.body.addStretch(1)
        self.return_act_button = BigButton(self.tr("Draw up an act at the return of the result"))
        self.return_act_button.setToolTip(
            self.tr("When the result cannot be handed over (point 2.13): the case stays completed")
        )
        self.return_act_button.clicked.connect(lambda: self.request_act(None, ActStage.RESULT_RETURN))
        done_card.body.addWidget(self.return_act_button)
        home = BigButton(self.tr("To the home screen"), kind="primary")
        home.clicked.connect(self.go_home)
        done_card.body.addWidget(home)
        done_layout.addWidget(done_card, 1)
        done_layout.addWidget(self.done_preview, 1)
        self.views.addWidget(self.done_view)

        self._show_view(CHOOSER)

    # -- host API for the steps -----------------------------------------------------------------
    @property
    def profile(self) -> Any:
        return self.services.profile

    def run_db(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("owner", self)
        return self.tasks.run_db(fn, *args, **kwargs)

    def run_io(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("owner", self)
        return self.tasks.run_io(fn, *args, **kwargs)

    def show_error(self, message: str) -> None:
        self.banner.show_error(message)

    def visit_changed(self, visit: Visit) -> None:
        if self.bundle is None:
            return
        # Keep what the steps hold; take what the service set (case number, times).
        self.bundle.visit = visit
        for step in self.steps:
            if step.bundle is not None:
                step.bundle = self.bundle
        self.current_step_widget().load(self.bundle)
        self.schedule_save()
        self._update_nav()

    def request_changed(self, request: ServiceRequest) -> None:
        """A step replaced the visit's request (its subject filled from the ID card's chip, the registered
        address typed from the extract): the bundle every step shares, the header and the window title
        follow it. The steps keep what is on screen; nothing is saved here (the service already did)."""
        if self.bundle is None or request.id != self.bundle.request.id:
            return
        self.bundle.request = request
        for step in self.steps:
            if step.bundle is not None:
                step.bundle = self.bundle
        self._show_header(self.bundle)

    @property
    def application_step(self) -> ApplicationStep:
        return self.step(VisitStep.APPLICATION)  # type: ignore[return-value]

    @property
    def delivery_step(self) -> DeliveryStep:
        return self.step(VisitStep.DELIVERY)  # type: ignore[return-value]

    def step(self, which: VisitStep) -> StepWidget:
        return self.step_at(VISIT_STEPS.index(which))

    @property
    def steps(self) -> list[StepWidget]:
        """The steps built so far."""
        return [s for s in self._steps if s is not None]

    def step_at(self, index: int) -> StepWidget:
        """The step at ``index``, built (and filled with the open visit) on first use."""
        step = self._steps[index]
        if step is not None:
            return step
        step = STEP_TYPES[index](self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(step)
        self._slots[index].layout().addWidget(scroll)
        step.changed.connect(self.schedule_save)
        step.blocker_changed.connect(self._update_nav)
        if isinstance(step, ConsentStep):  # the recording starts (or stops) with the consent
            step.choice.changed.connect(lambda s=step: self.recording.set_consent(self.visit_id, s.consent()))
        if isinstance(step, DeliveryStep):
            step.finish_requested.connect(self.finish_visit)
        self._steps[index] = step
        if self.bundle is not None and self.bundle.state is CaseState.IN_PROGRESS:
            step.load(self.bundle)
        return step

    # -- activation -----------------------------------------------------------------------------
    def activate(self, visit_id: str = "", act_reason: ActReason | str | None = None, **_kw: Any) -> None:
        """Open ``visit_id`` (or, without it, the visit already open or the list of today's visits)."""
        if not visit_id:
            if self.bundle is not None and not self.bundle.finished:
                self._show_header(self.bundle)  # the window title names the subject again
                return
            self.bundle = None
            self.visit_id = ""
            self.load_chooser()
            return
        if visit_id == self.visit_id and self.bundle is not None and act_reason is None:
            self._show_header(self.bundle)
            return
        self.open_visit(visit_id, ActReason(act_reason) if act_reason else None)

    def deactivate(self) -> None:
        """Leaving the page (or locking, logging out): the last edit is submitted now, even while an
        earlier save is still running — the database worker runs them in order, ahead of what the
        window submits next (a logout would refuse a save sent after it)."""
        if self.bundle is None or self.bundle.state is not CaseState.IN_PROGRESS or self._closing:
            return
        if not self._saving:
            self.schedule_save()
            return
        visit = self.collect_visit()
        if visit is None:
            return
        self._dirty = False
        self.run_db(
            self.services.visits.save,
            visit,
            on_done=self._saved,
            on_error=self._save_failed,
            name="visit.save",
        )

    def end_session(self) -> None:
        """The user logs out or the window closes: the recording stops and goes into the archive
        (submitted ahead of the logout)."""
        self.recording.stop()

    def open_visit(self, visit_id: str, act_reason: ActReason | None = None) -> None:
        self.visit_id = visit_id
        self.bundle = None
        self._closing = False
        self._dirty = False
        self.banner.clear()
        if self.window_ref is not None and hasattr(self.window_ref, "clear_notice"):
            self.window_ref.clear_notice()  # «visit finished; case …» is about the previous citizen
        self._show_view(LOADING)
        self.run_db(
            load_bundle,
            self.services,
            visit_id,
            on_done=lambda bundle: self._loaded(bundle, act_reason),
            on_error=self._load_failed,
            name="visit.load",
        )

    def _load_failed(self, failure: TaskFailure) -> None:
        self.banner.show_error(failure.message)
        self.load_chooser()

    def _loaded(self, bundle: VisitBundle, act_reason: ActReason | None = None) -> None:
        if bundle.visit.id != self.visit_id:
            return
        self.bundle = bundle
        self._show_header(bundle)
        state = bundle.state
        if state is CaseState.SCHEDULED:
            self._show_start(bundle)
            if act_reason is not None:
                self.request_act(act_reason)
            return
        if state is CaseState.IN_PROGRESS:
            # O 2.9: recorded from the moment the consent is marked; never without it (O 2.13)
            self.recording.open_visit(bundle.visit.id, bundle.visit.recording_consent)
            for step in self.steps:  # built for an earlier visit: show this one
                step.load(bundle)
            self.reached = VISIT_STEPS.index(bundle.visit.current_step)
            for index in range(self.reached + 1):
                self.step_at(index)
            self.show_step(self.reached)
            self._show_view(STEPS)
            if act_reason is not None:
                self.request_act(act_reason)
            return
        if state is CaseState.IMPOSSIBLE and bundle.acts:
            self._show_view(ACT)
            self.act_form.show_act(bundle.acts[-1], bundle)
            return
        if state is CaseState.COMPLETED:
            self._show_done(bundle)
            return
        self.banner.show_warning(
            self.tr("This visit cannot be run: the request is «{state}».").format(state=texts.title(state))
        )
        self.load_chooser()

    def _show_header(self, bundle: VisitBundle) -> None:
        request = bundle.request
        subject = request.subject
        parts = [subject.full_name]
        if subject.birth_date:
            parts.append(self.tr("born {date}").format(date=texts.format_date(subject.birth_date)))
        if request.number:
            parts.append(request.number)
        self.subject_label.setText(" · ".join(parts))
        address = address_text(request.address, self.profile, with_region=False)
        extra = []
        if request.address.door_code:
            extra.append(self.tr("door code {code}").format(code=request.address.door_code))
        if request.address.access_notes:
            extra.append(request.address.access_notes)
        window = texts.format_time_window(bundle.visit.planned_start, bundle.visit.planned_end)
        self.address_label.setText(" · ".join(p for p in (address, *extra, window) if p))
        self.services_label.setText(service_titles(request, self.profile))
        if self.window_ref is not None and hasattr(self.window_ref, "set_page_title"):
            self.window_ref.set_page_title(self.tr("Visit — {name}").format(name=subject.short_name))

    def _show_view(self, index: int) -> None:
        self.views.setCurrentIndex(index)
        has_visit = self.bundle is not None and index != CHOOSER
        self.header.setVisible(has_visit)
        self.step_bar.setVisible(index == STEPS)
        self.act_button.setVisible(index in (START, STEPS))
        self.external_import.refresh(self.bundle, index in (DONE, ACT))

    def current_view(self) -> int:
        return self.views.currentIndex()

    # -- the chooser ----------------------------------------------------------------------------
    def load_chooser(self) -> None:
        self._show_view(CHOOSER)
        self.chooser_list.clear()
        services = self.services
        clock = getattr(services, "clock", None)
        today = clock().date() if callable(clock) else date.today()
        self.run_db(
            services.outings.today,
            today,
            on_done=self._fill_chooser,
            on_error=self._chooser_failed,
            name="visit.today",
        )

    def _fill_chooser(self, rows: list[Any]) -> None:
        self.chooser_list.clear()
        for _outing, visit, request in rows:
            window = texts.format_time_window(visit.planned_start, visit.planned_end)
            text = f"{window}  {request.subject.full_name} — {address_text(request.address, self.profile, with_region=False)}"
            text += f"  ({texts.STATE_SHORT_TITLES[request.state]})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, visit.id)
            self.chooser_list.addItem(item)
        self.chooser_hint.setText(
            self.tr("Choose the visit to open.") if rows else self.tr("No visits are planned for today.")
        )

    def _chooser_failed(self, failure: TaskFailure) -> None:
        self.chooser_hint.setText(failure.message)

    def _open_from_chooser(self, item: QListWidgetItem) -> None:
        visit_id = item.data(Qt.ItemDataRole.UserRole)
        if visit_id:
            self.open_visit(str(visit_id))

    # -- start ----------------------------------------------------------------------------------
    def _show_start(self, bundle: VisitBundle) -> None:
        visit = bundle.visit
        lines = [self.tr("You are at the subject's address. Start the visit when the subject is here.")]
        if visit.call_outcome is not None:
            lines.append(
                self.tr("Phone call ahead: {outcome}").format(outcome=texts.title(visit.call_outcome))
            )
        lines.append(
            self.tr(
                "The visit is recorded on video and audio: switch on the kit's recorder and tell everyone present (point 2.9)."
            )
        )
        self.start_text.setText("\n\n".join(lines))
        self.start_button.setEnabled(True)
        self._show_view(START)

    def start_visit(self) -> None:
        if self.bundle is None:
            return
        self.start_button.setEnabled(False)
        self.run_db(
            load_bundle,
            self.services,
            self.visit_id,
            open_visit=True,
            on_done=self._loaded,
            on_error=self._start_failed,
            name="visit.open",
        )

    def _start_failed(self, failure: TaskFailure) -> None:
        self.start_button.setEnabled(True)
        self.banner.show_error(failure.message)

    # -- steps ----------------------------------------------------------------------------------
    def current_index(self) -> int:
        return self.step_stack.currentIndex()

    def current_step_widget(self) -> StepWidget:
        return self.step_at(self.current_index())

    def show_step(self, index: int) -> None:
        index = max(0, min(index, len(STEP_TYPES) - 1))
        if index > self.reached:
            return
        self.step_at(index)
        self.step_stack.setCurrentIndex(index)
        self.step_bar.set_state(self.reached, index)
        self._update_nav()
        if (
            index == VISIT_STEPS.index(VisitStep.APPLICATION)
            and self.bundle
            and self.bundle.visit.case_number
        ):
            if self.application_step.panel.pdf is None:
                self.application_step.panel.show_preview()

    def _update_nav(self) -> None:
        if self.bundle is None:
            return
        index = self.current_index()
        step = self._steps[index]
        if step is None:
            return
        blocker = step.blocker()
        last = index == len(STEP_TYPES) - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(not last)
        self.next_button.setEnabled(not blocker)
        self.blocker_label.setText(blocker)
        delivery = self._steps[-1]
        if isinstance(delivery, DeliveryStep):
            delivery.finish_button.setEnabled(not delivery.blocker() and not self._closing)

    def go_next(self) -> None:
        index = self.current_index()
        blocker = self.step_at(index).blocker()
        if blocker:
            self.blocker_label.setText(blocker)
            return
        if index + 1 >= len(STEP_TYPES):
            return
        if index + 1 > self.reached:
            self.reached = index + 1
        self.show_step(index + 1)
        self.schedule_save()

    def go_back(self) -> None:
        self.show_step(self.current_index() - 1)

    # -- saving ---------------------------------------------------------------------------------
    def collect_visit(self) -> Visit | None:
        """A copy of the visit with every reached step as entered (for the worker)."""
        if self.bundle is None:
            return None
        visit = copy.deepcopy(self.bundle.visit)
        for step in self._steps[: self.reached + 1]:
            if step is not None and step.bundle is not None:
                step.apply(visit)
        visit.current_step = VISIT_STEPS[self.reached]
        documents = self._steps[VISIT_STEPS.index(VisitStep.DOCUMENTS)]
        if isinstance(documents, DocumentsStep) and documents.bundle is not None:
            documents.sync_receipt(visit)
        self.bundle.visit = copy.deepcopy(visit)
        return visit

    def schedule_save(self) -> None:
        if self.bundle is None or self.bundle.state is not CaseState.IN_PROGRESS or self._closing:
            return
        if self._saving:
            self._dirty = True
            return
        visit = self.collect_visit()
        if visit is None:
            return
        self._saving = True
        self.run_db(
            self.services.visits.save,
            visit,
            on_done=self._saved,
            on_error=self._save_failed,
            name="visit.save",
        )

    def _saved(self, visit: Visit) -> None:
        self._saving = False
        self.save_count += 1
        self.saved.emit(visit)
        if self._dirty:
            self._dirty = False
            self.schedule_save()

    def _save_failed(self, failure: TaskFailure) -> None:
        self._saving = False
        self._dirty = False
        self.banner.show_error(failure.message)

    # -- finishing ------------------------------------------------------------------------------
    def finish_visit(self) -> None:
        if self.bundle is None:
            return
        blocker = next((b for b in (self.step_at(i).blocker() for i in range(len(STEP_TYPES))) if b), "")
        if blocker:
            self.banner.show_warning(blocker)
            return
        visit = self.collect_visit()
        self._closing = True
        self._dirty = False
        self._update_nav()
        services = self.services
        visit_id = self.visit_id

        def work() -> VisitBundle:
            services.visits.save(visit)
            services.visits.complete(visit_id)
            return load_bundle(services, visit_id)

        self.run_db(work, on_done=self._completed, on_error=self._finish_failed, name="visit.complete")

    def _finish_failed(self, failure: TaskFailure) -> None:
        self._closing = False
        self._update_nav()
        self.banner.show_error(failure.message)

    def _completed(self, bundle: VisitBundle) -> None:
        self.bundle = bundle
        self.recording.stop()  # the visit is closed: the recording goes into the archive
        self._show_done(bundle)
        self.finished.emit(bundle.visit.id)
        if self.window_ref is not None and hasattr(self.window_ref, "show_message"):
            self.window_ref.show_message(
                self.tr("The visit is finished; case No. {number} is formed.").format(
                    number=bundle.visit.case_number
                ),
                "success",
            )

    def _show_done(self, bundle: VisitBundle) -> None:
        visit = bundle.visit
        lines = [
            self.tr("Case No. {number}").format(number=visit.case_number or "—"),
        ]
        if bundle.deadline is not None:
            lines.append(
                self.tr("Hand the documents to the service provider no later than {date}.").format(
                    date=texts.format_date(bundle.deadline)
                )
            )
        if visit.delivery_method is not None:
            lines.append(self.tr("Result: {method}").format(method=texts.title(visit.delivery_method)))
            if visit.delivery_note:
                lines.append(visit.delivery_note)
        for act in bundle.acts:
            lines.append(
                self.tr("Act No. {number}: {reason}").format(
                    number=act.number, reason=texts.ACT_REASON_SHORT_TITLES[act.reason]
                )
            )
        if visit.payment.receipt_number:
            lines.append(
                self.tr("Paid: {amount}, receipt No. {receipt}").format(
                    amount=texts.format_money(visit.payment.amount), receipt=visit.payment.receipt_number
                )
            )
        self.done_text.setText("\n".join(lines))
        self.done_panel.invalidate()
        self._show_view(DONE)

    def _application_pdf(self) -> bytes:
        assert self.bundle is not None
        return application_pdf_bytes(self.services, self.bundle.request.id)

    # -- the act --------------------------------------------------------------------------------
    def request_act(self, reason: ActReason | None, stage: ActStage = ActStage.DOCUMENT_INTAKE) -> None:
        if self.bundle is None:
            return
        if reason is None and self.current_view() == STEPS:
            reason = self.current_step_widget().suggested_act_reason()
        self._view_before_act = self.current_view()
        self.act_form.start(self.bundle, reason, stage)
        self._show_view(ACT)

    _view_before_act = STEPS

    def _request_sync(self, _visit_id: str = "") -> None:
        """The visit is closed (completed or ended by an act): ask the background sync to seal and send
        now. Queued on the database worker behind the recording's archiving, so the package has it."""
        store = getattr(self.services, "store", None)
        if store is None:
            return

        def wake() -> bool:
            from mobile_case.services.sync import request_sync

            return request_sync(store)

        self.tasks.run_db(
            wake,
            on_error=lambda f: log.warning("sync not woken: %s", type(f.exception).__name__),
            name="visit.sync-request",
        )

    def _act_cancelled(self) -> None:
        self._show_view(self._view_before_act)

    def _act_drawn(self, act: Act) -> None:
        self._closing = True
        if self.recording.visit_id == act.visit_id or not act.visit_id:
            self.recording.stop()  # the visit is closed by the act (the recording up to it is kept)
        if self.bundle is not None:
            self.bundle.acts.append(act)
            if self.bundle.request.state is not CaseState.COMPLETED:
                self.bundle.request.state = CaseState.IMPOSSIBLE
        self._show_view(ACT)
        self.finished.emit(self.visit_id)
        if self.window_ref is not None and hasattr(self.window_ref, "show_message"):
            if act.stage is ActStage.RESULT_RETURN:
                message = self.tr("Act No. {number} is drawn up at the return of the result.")
            else:
                message = self.tr("Act No. {number} is drawn up; the case is closed as impossible.")
            self.window_ref.show_message(message.format(number=act.number), "warning")

    def go_home(self) -> None:
        if self.window_ref is not None and hasattr(self.window_ref, "open_page"):
            self.window_ref.open_page("home")
