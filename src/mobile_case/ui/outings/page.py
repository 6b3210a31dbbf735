"""The outing planner (F4; O 2.4–2.6): outings by date on the left, the chosen outing on the right —
its data, its visits (the waiting requests with a time window each, the call ahead) and the kit hand-over
(Додаток 1).

``window.open_page("outings")`` shows the list; ``open_page("outings", outing_id=...)`` opens an outing;
``open_page("outings", request_id=...)`` starts a new outing for a registered request (its date and
settlement filled in) and offers the request as its first visit once the outing is saved.
"""

from __future__ import annotations

import logging
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mobile_case.domain import texts
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import HandoverDirection, Outing, OutingModel, Role, ServiceRequest
from mobile_case.ui import theme
from mobile_case.ui.outings import data
from mobile_case.ui.outings.form import OutingForm
from mobile_case.ui.outings.handover import HandoverDialog, HandoverPanel
from mobile_case.ui.outings.visits import (
    AddVisitsDialog,
    CallDialog,
    TimeDialog,
    VisitCard,
    add_minutes,
    round_up,
)
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets import BigButton, MessageBanner, confirm

log = logging.getLogger(__name__)

PAST_DAYS = 7  # the list shows outings from a week ago unless «show past» is ticked
DEFAULT_DEPARTURE = time(9, 0)


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class OutingsPage(QWidget):
    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.services = ctx.services
        self.tasks = ctx.tasks
        self.window_ = getattr(ctx, "window", None)
        self.profile = ctx.services.profile
        self.bundle: data.OutingBundle | None = None
        self.is_new = False
        self.dirty = False
        self.pending_request = ""
        self.staff: list[Any] = []
        self.rows: list[data.OutingRow] = []
        self.dialog: Any = None
        self._loading = False

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(14)

        # -- the list ------------------------------------------------------------------------------
        left = QVBoxLayout()
        left.setSpacing(8)
        self.new_button = BigButton(self.tr("+ New outing"), kind="primary")
        self.new_button.clicked.connect(lambda: self.new_outing())
        left.addWidget(self.new_button)
        self.show_past = QCheckBox(self.tr("Show past outings"))
        self.show_past.toggled.connect(lambda _on: self.refresh_list())
        left.addWidget(self.show_past)
        list_inner = QWidget()
        self.list_box = QVBoxLayout(list_inner)
        self.list_box.setContentsMargins(0, 0, 6, 0)
        self.list_box.setSpacing(6)
        self.list_box.addStretch(1)
        left.addWidget(_scroll(list_inner), 1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setFixedWidth(290)
        outer.addWidget(left_widget)
        self.list_buttons: dict[str, BigButton] = {}

        # -- the outing -----------------------------------------------------------------------------
        right = QVBoxLayout()
        right.setSpacing(8)
        self.heading = QLabel()
        theme.set_role(self.heading, "section")
        self.heading.setWordWrap(True)
        right.addWidget(self.heading)
        self.banner = MessageBanner()
        right.addWidget(self.banner)
        self.tabs = QTabWidget()
        right.addWidget(self.tabs, 1)

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(4, 8, 8, 8)
        self.form = OutingForm(self.profile)
        self.form.changed.connect(self._form_changed)
        details_layout.addWidget(self.form)
        details_layout.addStretch(1)
        details_tab = QWidget()
        details_tab_layout = QVBoxLayout(details_tab)
        details_tab_layout.setContentsMargins(0, 0, 0, 0)
        details_tab_layout.addWidget(_scroll(details), 1)
        save_row = QHBoxLayout()
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        theme.set_role(self.form_error, "error")
        save_row.addWidget(self.form_error, 1)
        self.save_button = BigButton(self.tr("Save the outing"), kind="primary")
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        details_tab_layout.addLayout(save_row)
        self.tabs.addTab(details_tab, self.tr("Outing"))

        visits = QWidget()
        visits_layout = QVBoxLayout(visits)
        visits_layout.setContentsMargins(4, 8, 8, 8)
        visits_head = QHBoxLayout()
        self.visits_hint = QLabel()
        self.visits_hint.setWordWrap(True)
        theme.set_role(self.visits_hint, "muted")
        visits_head.addWidget(self.visits_hint, 1)
        self.add_button = BigButton(self.tr("+ Add requests"), kind="primary")
        self.add_button.clicked.connect(lambda: self.add_visits())
        visits_head.addWidget(self.add_button)
        visits_layout.addLayout(visits_head)
        self.visits_box = QVBoxLayout()
        self.visits_box.setSpacing(8)
        visits_layout.addLayout(self.visits_box)
        self.no_visits = QLabel(self.tr("No visits yet: add the registered requests waiting for an outing."))
        theme.set_role(self.no_visits, "muted")
        visits_layout.addWidget(self.no_visits)
        visits_layout.addStretch(1)
        self.tabs.addTab(_scroll(visits), self.tr("Visits"))
        self.visit_cards: dict[str, VisitCard] = {}

        self.handover = HandoverPanel(self.profile)
        self.handover.issue_button.clicked.connect(lambda: self.start_handover(HandoverDirection.ISSUE))
        self.handover.return_button.clicked.connect(lambda: self.start_handover(HandoverDirection.RETURN))
        handover_wrap = QWidget()
        handover_layout = QVBoxLayout(handover_wrap)
        handover_layout.setContentsMargins(4, 8, 8, 8)
        handover_layout.addWidget(self.handover)
        self.tabs.addTab(_scroll(handover_wrap), self.tr("Kit hand-over"))

        outer.addLayout(right, 1)
        self._apply_role()
        self._load_staff()
        if self.can_plan:
            self.new_outing()
        else:
            self._show_nothing()
        self.refresh_list()

    # -- what the role may do -----------------------------------------------------------------------
    def _apply_role(self) -> None:
        """Planning needs PLAN_OUTINGS; the kit keeper (KIT_HANDOVER only) works on the hand-over tab.
        The services check the same permissions; this only hides what would be refused."""
        from mobile_case.domain.roles import Permission, has_permission

        user = self.services.auth.current_user
        role = getattr(user, "role", None)
        self.can_plan = role is not None and has_permission(role, Permission.PLAN_OUTINGS)
        self.can_hand_over = role is not None and has_permission(role, Permission.KIT_HANDOVER)
        self.new_button.setVisible(self.can_plan)
        self.save_button.setVisible(self.can_plan)
        self.add_button.setVisible(self.can_plan)
        self.form.setEnabled(self.can_plan)
        self.handover.issue_button.setVisible(self.can_hand_over)
        self.handover.return_button.setVisible(self.can_hand_over)

    def _show_nothing(self) -> None:
        self.bundle = None
        self.is_new = False
        self.heading.setText(self.tr("Choose an outing on the left."))
        for index in range(self.tabs.count()):
            self.tabs.setTabEnabled(index, False)

    # -- page hooks ---------------------------------------------------------------------------------
    def activate(self, outing_id: str = "", request_id: str = "", **_kwargs: Any) -> None:
        if outing_id:
            self.open_outing(outing_id)
        elif request_id:
            self.plan_request(request_id)
        else:
            self.refresh_list()

    def deactivate(self) -> None:
        pass

    # -- the list -------------------------------------------------------------------------------------
    def refresh_list(self) -> None:
        day_from = None if self.show_past.isChecked() else date.today() - timedelta(days=PAST_DAYS)
        self.tasks.run_db(
            data.list_outings,
            self.services,
            day_from,
            on_done=self._show_list,
            on_error=self._failed,
            name="outings.list",
            owner=self,
        )

    def _show_list(self, rows: list[data.OutingRow]) -> None:
        self.rows = rows
        while self.list_box.count() > 1:
            item = self.list_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.list_buttons = {}
        last_day: date | None = None
        index = 0
        for row in rows:
            o = row.outing
            if o.date != last_day:
                label = QLabel(texts.format_weekday_date(o.date) if o.date else "")
                label.setWordWrap(True)
                theme.set_role(label, "fieldLabel")
                self.list_box.insertWidget(index, label)
                index += 1
                last_day = o.date
            button = BigButton(self._row_text(row), kind="row")
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, oid=o.id: self.open_outing(oid))
            self.list_box.insertWidget(index, button)
            index += 1
            self.list_buttons[o.id] = button
        if not rows:
            empty = QLabel(self.tr("No outings planned."))
            theme.set_role(empty, "muted")
            self.list_box.insertWidget(0, empty)
        self._mark_current()

    def _row_text(self, row: data.OutingRow) -> str:
        o = row.outing
        settlement = self.profile.settlement(o.settlement_code)
        place = settlement.display_name if settlement is not None else "—"
        departure = texts.format_time(o.departure) if o.departure else "—"
        model = self.tr("fixed point") if o.model == OutingModel.FIXED_POINT else self.tr("at the address")
        visits = self.tr("%n visit(s)", "", row.visit_count)
        return f"{departure} · {place}\n{model}\n{visits}"

    def _mark_current(self) -> None:
        current = self.bundle.outing.id if self.bundle is not None and not self.is_new else ""
        for oid, button in self.list_buttons.items():
            button.setChecked(oid == current)

    # -- choosing an outing ---------------------------------------------------------------------------
    def _leave_ok(self) -> bool:
        if not self.dirty:
            return True
        return confirm(
            self,
            self.tr("Discard the changes?"),
            self.tr("The outing's data was changed and not saved."),
            confirm_text=self.tr("Discard"),
            danger=True,
        )

    def new_outing(self, outing: Outing | None = None) -> None:
        if not self._leave_ok():
            return
        user = self.services.auth.current_user
        if outing is None:
            outing = Outing(
                date=date.today() + timedelta(days=1),
                departure=DEFAULT_DEPARTURE,
                travel_minutes=20,
                administrator_id=user.id if user is not None and user.role != Role.KIT_KEEPER else "",
            )
        self.bundle = data.OutingBundle(outing)
        self.is_new = True
        self._show_bundle()
        self.tabs.setCurrentIndex(0)

    def plan_request(self, request_id: str) -> None:
        """A new outing for a registered request: its date and settlement, the request offered first."""
        self.tasks.run_db(
            self.services.requests.get,
            request_id,
            on_done=self._plan_for,
            on_error=self._failed,
            name="outings.plan-request",
            owner=self,
        )

    def _plan_for(self, req: ServiceRequest) -> None:
        user = self.services.auth.current_user
        outing = Outing(
            date=req.preferred_date or date.today() + timedelta(days=1),
            model=OutingModel.FIXED_POINT
            if req.address.place_kind == "fixed_point"
            else OutingModel.AT_ADDRESS,
            settlement_code=req.address.settlement_code,
            departure=DEFAULT_DEPARTURE,
            travel_minutes=20,
            administrator_id=user.id if user is not None and user.role != Role.KIT_KEEPER else "",
        )
        self.new_outing(outing)
        if self.is_new and self.bundle is not None and self.bundle.outing is outing:
            self.pending_request = req.id
            self.banner.show_info(
                self.tr(
                    "Check the outing's data and save it; then request {number} is offered as its visit."
                ).format(number=req.number or "")
            )

    def open_outing(self, outing_id: str) -> None:
        if not self._leave_ok():
            self._mark_current()
            return
        self.tasks.run_db(
            data.load_outing,
            self.services,
            outing_id,
            on_done=self._opened,
            on_error=self._failed,
            name="outings.open",
            owner=self,
        )

    def _opened(self, bundle: data.OutingBundle) -> None:
        self.bundle = bundle
        self.is_new = False
        self._show_bundle()

    def _show_bundle(self) -> None:
        assert self.bundle is not None
        b = self.bundle
        self._loading = True
        try:
            self.form.set_staff(self.staff)
            self.form.set_outing(b.outing)
        finally:
            self._loading = False
        self.dirty = False
        self.form_error.setText("")
        self._update_heading()
        self.tabs.setTabEnabled(1, not self.is_new)
        self.tabs.setTabEnabled(2, not self.is_new)
        self.tabs.setTabText(1, self.tr("Visits ({n})").format(n=len(b.visits)))
        self._show_visits()
        self.handover.set_entries(b.handovers)
        self._mark_current()
        self.tabs.setTabEnabled(0, True)
        for card in self.visit_cards.values():
            for button in (
                card.call_button,
                card.time_button,
                card.remove_button,
                card.up_button,
                card.down_button,
            ):
                button.setVisible(self.can_plan)
        if not self.can_plan and not self.is_new:
            self.tabs.setCurrentIndex(2)

    def _update_heading(self) -> None:
        b = self.bundle
        if b is None:
            return
        if self.is_new:
            self.heading.setText(self.tr("New outing"))
            return
        o = b.outing
        settlement = self.profile.settlement(o.settlement_code)
        place = settlement.display_name if settlement is not None else ""
        when = texts.format_weekday_date(o.date) if o.date else ""
        admin = b.administrator.full_name if b.administrator is not None else ""
        self.heading.setText(" · ".join(p for p in (when, place, admin) if p))

    def _form_changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self.form_error.setText("")

    def _load_staff(self) -> None:
        self.tasks.run_db(
            data.field_staff,
            self.services,
            on_done=self._staff_loaded,
            on_error=self._failed,
            name="outings.staff",
            owner=self,
        )

    def _staff_loaded(self, users: list[Any]) -> None:
        self.staff = users
        was = self._loading
        self._loading = True
        try:
            self.form.set_staff(users)
        finally:
            self._loading = was

    # -- saving -----------------------------------------------------------------------------------------
    def save(self) -> None:
        problems = self.form.problems()
        if problems:
            self.form_error.setText("\n".join(problems))
            return
        outing = self.form.outing()
        self.banner.clear()
        self.save_button.setEnabled(False)
        self.tasks.run_db(
            data.save_outing,
            self.services,
            outing,
            self.is_new,
            on_done=self._saved,
            on_error=self._save_failed,
            name="outings.save",
            owner=self,
        )

    def _saved(self, bundle: data.OutingBundle) -> None:
        self.save_button.setEnabled(True)
        self.bundle = bundle
        self.is_new = False
        self._show_bundle()
        self.banner.show_success(self.tr("The outing is saved."))
        self.refresh_list()
        if self.pending_request:
            request_id, self.pending_request = self.pending_request, ""
            self.tabs.setCurrentIndex(1)
            self.add_visits(preselect=request_id)

    def _save_failed(self, failure: TaskFailure) -> None:
        self.save_button.setEnabled(True)
        exc = failure.exception
        if isinstance(exc, ValidationError):
            self.form.show_error(exc.field, failure.message)
        self.form_error.setText(failure.message)

    # -- visits ------------------------------------------------------------------------------------------
    def _show_visits(self) -> None:
        for card in self.visit_cards.values():
            self.visits_box.removeWidget(card)
            card.deleteLater()
        self.visit_cards = {}
        b = self.bundle
        if b is None:
            return
        count = len(b.visits)
        for index, (visit, req) in enumerate(b.visits, start=1):
            card = VisitCard(index, visit, req, self.profile, first=index == 1, last=index == count)
            card.call_clicked.connect(self.start_call)
            card.time_clicked.connect(self.change_time)
            card.move_clicked.connect(self.move_visit)
            card.remove_clicked.connect(self.remove_visit)
            card.open_clicked.connect(self.open_visit)
            self.visits_box.addWidget(card)
            self.visit_cards[visit.id] = card
        self.no_visits.setVisible(not b.visits)
        if b.outing.model == OutingModel.FIXED_POINT:
            self.visits_hint.setText(
                self.tr("Fixed point: the citizens are served one after another, each in their time window.")
            )
        else:
            self.visits_hint.setText(
                self.tr("At the address: the administrator goes to each citizen in turn.")
            )

    def _next_start(self) -> time:
        b = self.bundle
        assert b is not None
        ends = [v.planned_end for v, _r in b.visits if v.planned_end is not None]
        if ends:
            return max(ends)
        departure = b.outing.departure or DEFAULT_DEPARTURE
        return round_up(add_minutes(departure, b.outing.travel_minutes))

    def add_visits(self, preselect: str = "") -> None:
        if self.bundle is None or self.is_new:
            return
        self.tasks.run_db(
            self.services.requests.waiting_to_schedule,
            on_done=lambda waiting: self._choose_visits(waiting, preselect),
            on_error=self._failed,
            name="outings.waiting",
            owner=self,
        )

    def _choose_visits(self, waiting: list[ServiceRequest], preselect: str) -> None:
        assert self.bundle is not None
        dialog = AddVisitsDialog(
            waiting, self.bundle.outing, self.profile, self._next_start(), preselect, self
        )
        dialog.accepted.connect(lambda: self._add_planned(dialog.plan()))
        self.dialog = dialog
        dialog.open()

    def _add_planned(self, plan: list[tuple[str, Any, Any]]) -> None:
        assert self.bundle is not None
        self._run_change(
            data.add_visits, self.services, self.bundle.outing.id, plan, name="outings.add-visits"
        )

    def start_call(self, visit_id: str) -> None:
        card = self.visit_cards.get(visit_id)
        if card is None:
            return
        dialog = CallDialog(card.visit, card.request, self)
        dialog.accepted.connect(lambda: self._record_call(visit_id, *dialog.result_values()))
        self.dialog = dialog
        dialog.open()

    def _record_call(self, visit_id: str, outcome: Any, note: str) -> None:
        assert self.bundle is not None
        self._run_change(
            data.record_call,
            self.services,
            self.bundle.outing.id,
            visit_id,
            outcome,
            note,
            name="outings.call",
        )

    def change_time(self, visit_id: str) -> None:
        card = self.visit_cards.get(visit_id)
        if card is None:
            return
        dialog = TimeDialog(card.visit, card.request, self)
        dialog.accepted.connect(lambda: self._reschedule(visit_id, *dialog.window()))
        self.dialog = dialog
        dialog.open()

    def _reschedule(self, visit_id: str, start: Any, end: Any) -> None:
        assert self.bundle is not None
        self._run_change(
            data.reschedule_visit,
            self.services,
            self.bundle.outing.id,
            visit_id,
            start,
            end,
            name="outings.time",
        )

    def move_visit(self, visit_id: str, step: int) -> None:
        """Move a visit earlier (-1) or later (+1) in the outing's order."""
        if self.bundle is None:
            return
        ids = [v.id for v, _r in self.bundle.visits]
        index = ids.index(visit_id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        self._run_change(
            data.reorder_visits, self.services, self.bundle.outing.id, ids, name="outings.reorder"
        )

    def remove_visit(self, visit_id: str) -> None:
        card = self.visit_cards.get(visit_id)
        if card is None or self.bundle is None:
            return
        if not confirm(
            self,
            self.tr("Remove the visit?"),
            self.tr("{name} goes back to the requests waiting for an outing.").format(
                name=card.request.subject.full_name
            ),
            confirm_text=self.tr("Remove"),
            danger=True,
        ):
            return
        self._run_change(
            data.remove_visit, self.services, self.bundle.outing.id, visit_id, name="outings.remove"
        )

    def open_visit(self, visit_id: str) -> None:
        if self.window_ is not None:
            self.window_.open_page("visit", visit_id=visit_id)

    # -- kit hand-over -------------------------------------------------------------------------------
    def _names(self) -> list[str]:
        names = [u.full_name for u in self.staff]
        names += [s.full_name for s in self.profile.staff]
        user = self.services.auth.current_user
        if user is not None:
            names.insert(0, user.full_name)
        return list(dict.fromkeys(n for n in names if n))

    def start_handover(self, direction: HandoverDirection) -> None:
        b = self.bundle
        if b is None or self.is_new:
            return
        user = self.services.auth.current_user
        me = user.full_name if user is not None else ""
        admin = b.administrator.full_name if b.administrator is not None else ""
        # The kit goes from the keeper (or the head) to the outing's administrator and back. When the
        # administrator records it themself, the other side is left to be chosen: a default of giving
        # the kit to oneself could be saved with one tap.
        if user is not None and b.administrator is not None and user.id == b.administrator.id:
            me = ""
        if direction == HandoverDirection.ISSUE:
            given, received = me, admin
        else:
            given, received = admin, me
        dialog = HandoverDialog(direction, b.outing, self.profile, self._names(), given, received, self)
        dialog.accepted.connect(lambda: self._handover(dialog.entry()))
        self.dialog = dialog
        if direction == HandoverDirection.ISSUE:  # kit room: warn when the disk cannot hold the recordings
            from mobile_case.ui.kit.precheck import warn_if_disk_short

            warn_if_disk_short(self, b.outing.id, dialog)
        dialog.open()

    def _handover(self, entry: Any) -> None:
        self._run_change(data.handover, self.services, entry, name="outings.handover")

    # -- common ---------------------------------------------------------------------------------------
    def _run_change(self, fn: Any, *args: Any, name: str) -> None:
        self.banner.clear()
        self.tasks.run_db(fn, *args, on_done=self._changed, on_error=self._failed, name=name, owner=self)

    def _changed(self, bundle: data.OutingBundle) -> None:
        self.bundle = bundle
        self.is_new = False
        current = self.tabs.currentIndex()
        self._show_bundle()
        self.tabs.setCurrentIndex(current)
        self.refresh_list()

    def _failed(self, failure: TaskFailure) -> None:
        self.banner.show_error(failure.message)
        if self.bundle is not None and not self.is_new:
            # what did happen (e.g. the first visits of a batch) is shown as stored
            self.tasks.run_db(
                data.load_outing,
                self.services,
                self.bundle.outing.id,
                on_done=self._reloaded,
                name="outings.reload",
                owner=self,
            )

    def _reloaded(self, bundle: data.OutingBundle) -> None:
        current = self.tabs.currentIndex()
        self.bundle = bundle
        self._show_bundle()
        self.tabs.setCurrentIndex(current)
