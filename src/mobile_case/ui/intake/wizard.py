"""The intake wizard (F3; O 2.1–2.4): large sequential pages with a progress bar, Back/Next, the live
eligibility verdict at the side, and everything saved as it is typed.

Opening: ``window.open_page("intake")`` continues what is on screen (or starts a new request);
``window.open_page("intake", request_id=...)`` reopens a stored request — a draft continues where it was,
a registered or refused one is shown with its decision.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mobile_case.domain.eligibility import EligibilityDecision
from mobile_case.domain.model import CaseState, RefusalReason, ServiceRequest
from mobile_case.ui import theme
from mobile_case.ui.intake.draft import DraftKeeper
from mobile_case.ui.intake.steps.address import AddressStep
from mobile_case.ui.intake.steps.applicant import ApplicantStep
from mobile_case.ui.intake.steps.base import Step
from mobile_case.ui.intake.steps.category import CategoryStep
from mobile_case.ui.intake.steps.consents import ConsentsStep
from mobile_case.ui.intake.steps.documents import DocumentsStep
from mobile_case.ui.intake.steps.finish import FinishStep
from mobile_case.ui.intake.steps.schedule import ScheduleStep
from mobile_case.ui.intake.steps.services import ServicesStep
from mobile_case.ui.intake.steps.subject import SubjectStep
from mobile_case.ui.intake.summary import request_line
from mobile_case.ui.intake.verdict import VerdictPanel
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets import BigButton, MessageBanner

log = logging.getLogger(__name__)


class StepBar(QWidget):
    """The progress header: one numbered button per step; done steps are ticked."""

    def __init__(self, titles: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QToolButton] = []
        for index in range(len(titles)):
            button = QToolButton()
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumHeight(58)
            button.setSizePolicy(button.sizePolicy().Policy.Expanding, button.sizePolicy().Policy.Fixed)
            button.setStyleSheet(
                "QToolButton { font-size: 14px; padding: 2px 4px; border-radius: 8px; }"
                f"QToolButton:checked {{ background: {theme.PRIMARY}; color: white; border-color: {theme.PRIMARY}; }}"
            )
            self.group.addButton(button, index)
            self.buttons.append(button)
            layout.addWidget(button)
        self.titles = titles
        self.set_done(set())

    def set_current(self, index: int) -> None:
        self.buttons[index].setChecked(True)

    def set_done(self, done: set[int]) -> None:
        for index, (button, title) in enumerate(zip(self.buttons, self.titles, strict=True)):
            mark = "✓" if index in done else str(index + 1)
            button.setText(f"{mark}\n{title}")
            button.setAccessibleName(f"{index + 1}. {title}")


class IntakeWizard(QWidget):
    """The «New request» page."""

    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.services = ctx.services
        self.tasks = ctx.tasks
        self.devices = getattr(ctx, "devices", None)
        self.window_ = getattr(ctx, "window", None)
        self.profile = ctx.services.profile
        self.keeper = DraftKeeper(self.services, self.tasks, self)
        self.keeper.saving_changed.connect(self._show_save_state)
        self.keeper.saved.connect(self._saved)
        self.keeper.failed.connect(self._save_failed)
        self.decision: EligibilityDecision | None = None
        self._busy = False
        self._index = 0
        self._reached = 0  # the furthest step shown for this request

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        self.steps: list[Step] = [
            ApplicantStep(self),
            SubjectStep(self),
            AddressStep(self),
            CategoryStep(self),
            ServicesStep(self),
            DocumentsStep(self),
            ScheduleStep(self),
            ConsentsStep(self),
            FinishStep(self),
        ]
        self.applicant, self.subject, self.address, self.category, self.services_step = self.steps[:5]
        self.documents, self.schedule, self.consents, self.finish = self.steps[5:]
        self.bar = StepBar([s.short_title() for s in self.steps])
        self.bar.group.idClicked.connect(self.go_to)
        outer.addWidget(self.bar)
        self.banner = MessageBanner()
        outer.addWidget(self.banner)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(6)
        self.step_title = QLabel()
        theme.set_role(self.step_title, "title")
        left.addWidget(self.step_title)
        self.stack = QStackedWidget()
        for step in self.steps:
            self.stack.addWidget(step)
        left.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        nav.setSpacing(theme.SPACING)
        self.back_button = BigButton(self.tr("← Back"))
        self.back_button.clicked.connect(self.back)
        nav.addWidget(self.back_button)
        self.save_label = QLabel()
        self.save_label.setWordWrap(True)
        # the buttons keep their size; the status line takes what is left
        self.save_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        theme.set_role(self.save_label, "muted")
        nav.addWidget(self.save_label, 1)
        self.drafts_button = BigButton(self.tr("Drafts…"))
        self.drafts_button.clicked.connect(self.show_drafts)
        nav.addWidget(self.drafts_button)
        self.new_button = BigButton(self.tr("New request"))
        self.new_button.clicked.connect(self.new_request)
        nav.addWidget(self.new_button)
        self.next_button = BigButton(self.tr("Next →"), kind="primary")
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.next_button)
        left.addLayout(nav)
        columns.addLayout(left, 1)
        self.verdict = VerdictPanel(self.profile)
        columns.addWidget(self.verdict)
        outer.addLayout(columns, 1)

        self._assess_timer = QTimer(self)
        self._assess_timer.setSingleShot(True)
        self._assess_timer.setInterval(0)
        self._assess_timer.timeout.connect(self.assess)
        self._load(self.keeper.request)
        self.go_to(0)
        app = QCoreApplication.instance()
        if app is not None:  # quitting: what is typed goes to the database worker before it stops
            app.aboutToQuit.connect(self.keeper.flush)

    # -- page hooks (main window) -------------------------------------------------------------------
    def activate(self, request_id: str = "", **_kwargs: Any) -> None:
        if request_id and request_id != self.keeper.request.id:
            self.open_request(request_id)

    def deactivate(self) -> None:
        self.keeper.flush()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # the window is closed or another page is shown: what is typed is saved now
        self.keeper.flush()
        super().hideEvent(event)

    # -- requests -----------------------------------------------------------------------------------
    def open_request(self, request_id: str) -> None:
        """Load a stored request (after saving what is typed now)."""
        self.banner.clear()

        def load() -> None:
            self.tasks.run_db(
                self.services.requests.get,
                request_id,
                on_done=self._opened,
                on_error=self._open_failed,
                name="intake.open",
                owner=self,
            )

        self.keeper.flush(load)

    def _opened(self, req: ServiceRequest) -> None:
        self.adopt(req)
        self.go_to(self.resume_index(req))

    def _open_failed(self, failure: TaskFailure) -> None:
        self.banner.show_error(failure.message)

    def new_request(self) -> None:
        """Start an empty request (what was typed is saved first)."""
        self.banner.clear()

        def fresh() -> None:
            self.keeper.reset()
            self._load(self.keeper.request)
            self.go_to(0)

        self.keeper.flush(fresh)

    def adopt(self, req: ServiceRequest) -> None:
        """Show a stored request (reopened, registered or refused)."""
        self.keeper.adopt(req)
        self._load(req)

    def _load(self, req: ServiceRequest) -> None:
        self._reached = self.resume_index(req)
        editable = self.keeper.editable
        for step in self.steps:
            step.load(req)
            step.set_read_only(not editable)
        self.assess()
        self._update_nav()
        self._show_save_state()

    def resume_index(self, req: ServiceRequest) -> int:
        """Where to continue a request: the first step that still lacks something; the decision page for
        a request already decided."""
        if req.state != CaseState.DRAFT:
            return len(self.steps) - 1
        s, a = req.subject, req.address
        checks = [
            True,
            bool(s.surname and s.given_name and s.birth_date),
            bool((a.settlement_code or a.settlement_name) and a.street and a.house),
            bool(req.category_code),
            bool(req.service_codes),
            bool(self.documents.documents(req))
            and all(req.documents_present.get(d.code, False) for d, _ in self.documents.documents(req)),
            bool(req.preferred_date or req.window_start),
            bool(req.consents.personal_data_processing or req.consents.recording),
        ]
        for index, ok in enumerate(checks):
            if not ok:
                return index
        return len(self.steps) - 1

    # -- changes ------------------------------------------------------------------------------------
    def request_changed(self, source: Step | None = None) -> None:
        """A step changed the request: keep dependent values in step, save, re-check."""
        self.schedule._sync_payment()
        self.keeper.touch()
        self._assess_timer.start()

    def settled_reasons(self) -> frozenset[RefusalReason]:
        """The O 2.3 reasons whose part of the request the administrator has gone past."""
        steps = {
            RefusalReason.ADDRESS_OUTSIDE_COMMUNITY: self.address,
            RefusalReason.NOT_ELIGIBLE_CATEGORY: self.category,
            RefusalReason.SERVICE_NOT_ON_MOBILE: self.services_step,
            RefusalReason.DOCUMENTS_INCOMPLETE: self.documents,
        }
        return frozenset(r for r, step in steps.items() if self.steps.index(step) < self._reached)

    def assess(self) -> None:
        req = self.keeper.request
        self.decision = self.verdict.assess(req, self.settled_reasons())
        self.verdict.set_problems(self.problems())
        self.bar.set_done(self._done_steps(req))
        current = self.steps[self._index]
        if current is self.finish:
            self.finish.refresh()

    def problems(self) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for step in self.steps:
            found += step.problems()
        return found

    def missing(self) -> list[str]:
        """Labels of the required fields still empty."""
        from mobile_case.ui.widgets import LabeledLineEdit

        labels: list[str] = []
        for step in self.steps:
            for field in step.findChildren(LabeledLineEdit):
                if field.required and field.isVisibleTo(step) and not field.text().strip():
                    labels.append(field.label.text().rstrip(" *"))
        req = self.keeper.request
        if not (req.address.settlement_code or req.address.settlement_name.strip()):
            labels.append(self.address.settlement.label.text().rstrip(" *"))
        if not req.category_code:
            labels.append(self.category.short_title())
        if not req.service_codes:
            labels.append(self.services_step.title())
        return list(dict.fromkeys(labels))

    def _done_steps(self, req: ServiceRequest) -> set[int]:
        first_missing = self.resume_index(req)
        return set(range(first_missing))

    # -- navigation ---------------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        index = max(0, min(index, len(self.steps) - 1))
        if index != self._index:
            self.keeper.flush()
        self._index = index
        if index > self._reached:
            self._reached = index
            self._assess_timer.start()
        step = self.steps[index]
        self.stack.setCurrentWidget(step)
        step.entered()
        self.bar.set_current(index)
        self.step_title.setText(f"{index + 1}. {step.title()}")
        self._update_nav()
        step.scroll.verticalScrollBar().setValue(0)

    def current_index(self) -> int:
        return self._index

    def current_step(self) -> Step:
        return self.steps[self._index]

    def next(self) -> None:
        self.go_to(self._index + 1)

    def back(self) -> None:
        self.go_to(self._index - 1)

    def _update_nav(self) -> None:
        self.back_button.setEnabled(self._index > 0)
        self.next_button.setVisible(self._index < len(self.steps) - 1)

    def open_outings(self) -> None:
        if self.window_ is not None:
            self.window_.open_page("outings", request_id=self.keeper.request.id)

    # -- state shown ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.finish.refresh()

    def _show_save_state(self, *_args: object) -> None:
        keeper = self.keeper
        if not keeper.editable:
            number = keeper.request.number
            self.save_label.setText(self.tr("Request {number}").format(number=number) if number else "")
        elif keeper.busy:
            self.save_label.setText(self.tr("Saving…"))
        elif keeper.last_saved is not None:
            self.save_label.setText(
                self.tr("Draft saved at {time}").format(time=keeper.last_saved.strftime("%H:%M:%S"))
            )
        elif keeper.stored:
            self.save_label.setText(self.tr("Draft"))
        else:
            self.save_label.setText(self.tr("Nothing typed yet"))

    def _save_failed(self, message: str) -> None:
        self.banner.show_error(self.tr("The draft is not saved: {message}").format(message=message))
        self._save_error_shown = True
        self._show_save_state()

    _save_error_shown = False

    def _saved(self, *_args: object) -> None:
        if self._save_error_shown:  # saved after all: the error no longer holds
            self.banner.clear()
            self._save_error_shown = False
        self._show_save_state()

    # -- drafts -------------------------------------------------------------------------------------
    def show_drafts(self) -> None:
        self.tasks.run_db(
            self.services.requests.list,
            {CaseState.DRAFT},
            on_done=self._pick_draft,
            name="intake.drafts",
            owner=self,
        )

    def _pick_draft(self, drafts: list[ServiceRequest]) -> None:
        dialog = DraftsDialog(drafts, self.profile, self)
        dialog.accepted.connect(lambda: self.open_request(dialog.chosen) if dialog.chosen else None)
        self.drafts_dialog = dialog
        dialog.open()

    drafts_dialog: DraftsDialog | None = None


class DraftsDialog(QDialog):
    """The unfinished requests, newest first; tap one to continue it."""

    def __init__(self, drafts: list[ServiceRequest], profile: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unfinished requests"))
        self.setMinimumSize(720, 520)
        self.chosen = ""
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Unfinished requests (drafts)"))
        theme.set_role(title, "section")
        layout.addWidget(title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        rows = QVBoxLayout(inner)
        rows.setSpacing(6)
        if not drafts:
            empty = QLabel(self.tr("There are no drafts."))
            theme.set_role(empty, "muted")
            rows.addWidget(empty)
        self.buttons: dict[str, BigButton] = {}
        for req in drafts:
            when = req.created_at.strftime("%d.%m.%Y %H:%M") if isinstance(req.created_at, datetime) else ""
            text = " · ".join(p for p in (when, request_line(req, profile)) if p)
            button = BigButton(text, kind="row")
            button.clicked.connect(lambda _c=False, rid=req.id: self._choose(rid))
            rows.addWidget(button)
            self.buttons[req.id] = button
        rows.addStretch(1)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        close = BigButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

    def _choose(self, request_id: str) -> None:
        self.chosen = request_id
        self.accept()


__all__ = ["DraftsDialog", "IntakeWizard", "StepBar"]
