"""The visits of an outing: the waiting requests added with a time window each, the phone call ahead
(O 2.5), removing a visit, and opening it on the visit screen."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mobile_case.domain import texts, validators
from mobile_case.domain.model import CallOutcome, CaseState, Outing, ServiceRequest, Visit
from mobile_case.domain.profile import CommunityProfile
from mobile_case.ui import theme
from mobile_case.ui.intake.summary import address_text, service_titles
from mobile_case.ui.intake.timefield import TimeCombo
from mobile_case.ui.widgets import BigButton, Card, ChoiceList, LabeledTextEdit, Option

VISIT_MINUTES = 60  # default length of a visit window


def add_minutes(t: time, minutes: int) -> time:
    moment = datetime(2000, 1, 1, t.hour, t.minute) + timedelta(minutes=minutes)
    if moment.day != 1:
        return time(23, 45)
    return moment.time()


def round_up(t: time, step: int = 15) -> time:
    minutes = t.hour * 60 + t.minute
    minutes = -(-minutes // step) * step
    minutes = min(minutes, 23 * 60 + 45)
    return time(minutes // 60, minutes % 60)


def phones(req: ServiceRequest) -> str:
    numbers = []
    if req.subject.phone:
        numbers.append(validators.format_phone(req.subject.phone))
    rep = req.representative
    if rep is not None and rep.person.phone:
        who = rep.relation or QCoreApplication.translate("Outings", "representative")
        numbers.append(f"{validators.format_phone(rep.person.phone)} ({who})")
    return ", ".join(numbers)


def call_text(visit: Visit) -> str:
    if visit.call_outcome is None:
        return ""
    when = texts.format_datetime(visit.call_at) if visit.call_at else ""
    line = texts.CALL_OUTCOME_TITLES[visit.call_outcome]
    if when:
        line += f" ({when})"
    if visit.call_note:
        line += f": {visit.call_note}"
    return line


class VisitCard(Card):
    """One visit: time window, who, where, phone, the call outcome, and its actions."""

    call_clicked = Signal(str)
    remove_clicked = Signal(str)
    open_clicked = Signal(str)
    time_clicked = Signal(str)
    move_clicked = Signal(str, int)  # visit id, -1 up / +1 down

    def __init__(
        self,
        index: int,
        visit: Visit,
        req: ServiceRequest,
        profile: CommunityProfile,
        *,
        first: bool = False,
        last: bool = False,
    ) -> None:
        super().__init__(margins=12)
        self.visit = visit
        self.request = req
        top = QHBoxLayout()
        window = texts.format_time_window(visit.planned_start, visit.planned_end)
        self.title_label = QLabel(f"{index}. {window} — {req.subject.short_name or req.subject.full_name}")
        theme.set_role(self.title_label, "section")
        self.title_label.setWordWrap(True)
        top.addWidget(self.title_label, 1)
        self.up_button = BigButton("↑")
        self.up_button.setToolTip(self.tr("Earlier in the outing"))
        self.up_button.setAccessibleName(self.tr("Earlier in the outing"))
        self.up_button.clicked.connect(lambda: self.move_clicked.emit(visit.id, -1))
        self.down_button = BigButton("↓")
        self.down_button.setToolTip(self.tr("Later in the outing"))
        self.down_button.setAccessibleName(self.tr("Later in the outing"))
        self.down_button.clicked.connect(lambda: self.move_clicked.emit(visit.id, 1))
        self.up_button.setEnabled(not first)
        self.down_button.setEnabled(not last)
        for button in (self.up_button, self.down_button):
            button.setFixedWidth(theme.TOUCH_MIN + 8)
            top.addWidget(button)
        self.open_button = BigButton(self.tr("Open the visit"), kind="primary")
        self.open_button.clicked.connect(lambda: self.open_clicked.emit(visit.id))
        top.addWidget(self.open_button)
        self.body.addLayout(top)
        lines = [f"{texts.STATE_SHORT_TITLES.get(req.state, '')} · {address_text(req.address, profile)}"]
        if req.address.door_code:
            lines[0] += " · " + self.tr("door code {code}").format(code=req.address.door_code)
        if req.address.access_notes:
            lines.append(req.address.access_notes)
        phone = phones(req)
        if phone:
            lines.append(self.tr("Phone: {phones}").format(phones=phone))
        lines.append(service_titles(req, profile))
        if req.number:
            lines.append(self.tr("Request {number}").format(number=req.number))
        info = QLabel("\n".join(lines))
        info.setWordWrap(True)
        self.body.addWidget(info)
        self.call_label = QLabel()
        self.call_label.setWordWrap(True)
        called = call_text(visit)
        if called:
            self.call_label.setText(self.tr("Call: {outcome}").format(outcome=called))
            colour = theme.SUCCESS if visit.call_outcome == CallOutcome.CONFIRMED else theme.WARNING
            self.call_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        else:
            self.call_label.setText(self.tr("Not called yet: phone ahead to warn of the visit (O 2.5)."))
            theme.set_role(self.call_label, "muted")
        self.body.addWidget(self.call_label)
        buttons = QHBoxLayout()
        self.call_button = BigButton(self.tr("Record the call"))
        self.call_button.clicked.connect(lambda: self.call_clicked.emit(visit.id))
        self.time_button = BigButton(self.tr("Change the time"))
        self.time_button.clicked.connect(lambda: self.time_clicked.emit(visit.id))
        self.remove_button = BigButton(self.tr("Remove from the outing"))
        self.remove_button.clicked.connect(lambda: self.remove_clicked.emit(visit.id))
        scheduled = req.state == CaseState.SCHEDULED
        self.call_button.setEnabled(scheduled)
        self.time_button.setEnabled(scheduled)
        self.remove_button.setEnabled(scheduled)
        buttons.addWidget(self.call_button)
        buttons.addWidget(self.time_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)


class CallDialog(QDialog):
    """The outcome of the phone call ahead of the visit (O 2.5); the time is recorded on saving."""

    def __init__(self, visit: Visit, req: ServiceRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Phone call before the visit"))
        self.setMinimumWidth(640)
        self.visit = visit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        title = QLabel(self.tr("Call {name}").format(name=req.subject.full_name))
        theme.set_role(title, "section")
        title.setWordWrap(True)
        layout.addWidget(title)
        number = QLabel(phones(req) or self.tr("No phone number in the request."))
        number.setStyleSheet(f"font-size: {theme.FONT_LARGE_PX}px; font-weight: 600;")
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(number)
        window = texts.format_time_window(visit.planned_start, visit.planned_end)
        hint = QLabel(
            self.tr(
                "Say that the administrator comes at {window}, with what documents to have at hand."
            ).format(window=window)
        )
        hint.setWordWrap(True)
        theme.set_role(hint, "muted")
        layout.addWidget(hint)
        self.outcome = ChoiceList(
            [Option(o.value, texts.CALL_OUTCOME_TITLES[o]) for o in CallOutcome], columns=2
        )
        if visit.call_outcome is not None:
            self.outcome.set_selected_code(visit.call_outcome.value)
        self.outcome.changed.connect(self._update)
        layout.addWidget(self.outcome)
        self.note = LabeledTextEdit(
            self.tr("Note"), placeholder=self.tr("e.g. asks to come after 11:00"), lines=2
        )
        self.note.setText(visit.call_note)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = BigButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(self.tr("Save the call"), kind="primary")
        self.save_button.clicked.connect(self.accept)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self._update()

    def _update(self) -> None:
        self.save_button.setEnabled(bool(self.outcome.selected_code()))

    def result_values(self) -> tuple[CallOutcome, str]:
        return CallOutcome(self.outcome.selected_code()), self.note.text().strip()


class TimeDialog(QDialog):
    """A new time window for a planned visit (it keeps its place, order and call record)."""

    def __init__(self, visit: Visit, req: ServiceRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Time of the visit"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        title = QLabel(self.tr("Time of the visit: {name}").format(name=req.subject.full_name))
        title.setWordWrap(True)
        theme.set_role(title, "section")
        layout.addWidget(title)
        row = QHBoxLayout()
        self.start = TimeCombo(self.tr("From"), step=15, first=time(7, 0))
        self.end = TimeCombo(self.tr("To"), step=15, first=time(7, 0))
        self.start.set_value(visit.planned_start)
        self.end.set_value(visit.planned_end)
        row.addWidget(self.start)
        row.addWidget(self.end)
        layout.addLayout(row)
        hint = QLabel(self.tr("Tell the citizen the new time when you call ahead (O 2.5)."))
        hint.setWordWrap(True)
        theme.set_role(hint, "muted")
        layout.addWidget(hint)
        self.error = QLabel()
        theme.set_role(self.error, "error")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = BigButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(self.tr("Save the time"), kind="primary")
        self.save_button.clicked.connect(self._accept)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def window(self) -> tuple[time | None, time | None]:
        return self.start.value(), self.end.value()

    def _accept(self) -> None:
        start, end = self.window()
        if start is None or end is None or start >= end:
            self.error.setText(self.tr("The visit must end later than it starts."))
            return
        self.accept()


class PlanRow(QWidget):
    """A waiting request in the «add visits» dialog: tick it and set its time window."""

    def __init__(self, req: ServiceRequest, profile: CommunityProfile, start: time, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.request = req
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(10)
        wish = []
        if req.preferred_date:
            wish.append(texts.format_date(req.preferred_date))
        window = texts.format_time_window(req.window_start, req.window_end)
        if window:
            wish.append(window)
        detail = " · ".join(
            p
            for p in (
                address_text(req.address, profile),
                self.tr("wishes: {when}").format(when=" ".join(wish)) if wish else "",
            )
            if p
        )
        self.pick = ChoiceListCheck(f"{req.number} — {req.subject.full_name}", detail)
        layout.addWidget(self.pick, 1)
        self.start = TimeCombo(self.tr("From"), step=15, first=time(7, 0))
        self.end = TimeCombo(self.tr("To"), step=15, first=time(7, 0))
        self.start.set_value(req.window_start or start)
        self.end.set_value(req.window_end or add_minutes(req.window_start or start, VISIT_MINUTES))
        layout.addWidget(self.start)
        layout.addWidget(self.end)

    def chosen(self) -> bool:
        return self.pick.checked()

    def window(self) -> tuple[time | None, time | None]:
        return self.start.value(), self.end.value()


class ChoiceListCheck(QWidget):
    """A single big tick row (a one-item CheckList) with a title and a detail line."""

    def __init__(self, title: str, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from mobile_case.ui.widgets import CheckList

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = CheckList([Option("x", title, detail)])
        layout.addWidget(self.list)

    def checked(self) -> bool:
        return self.list.is_checked("x")

    def set_checked(self, on: bool) -> None:
        self.list.set_checked("x", on)


class AddVisitsDialog(QDialog):
    """Pick the registered requests waiting for an outing and give each a time window."""

    def __init__(
        self,
        waiting: list[ServiceRequest],
        outing: Outing,
        profile: CommunityProfile,
        first_start: time,
        preselect: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add visits to the outing"))
        self.setMinimumSize(900, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        title = QLabel(self.tr("Requests waiting for an outing"))
        theme.set_role(title, "section")
        layout.addWidget(title)
        hint = QLabel(
            self.tr(
                "Tick the requests to serve on this outing and agree each time window. At a fixed point several "
                "citizens are served one after another."
            )
        )
        hint.setWordWrap(True)
        theme.set_role(hint, "muted")
        layout.addWidget(hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        rows = QVBoxLayout(inner)
        rows.setSpacing(4)
        self.rows: list[PlanRow] = []
        start = first_start
        same_place = [r for r in waiting if r.address.settlement_code == outing.settlement_code]
        others = [r for r in waiting if r.address.settlement_code != outing.settlement_code]
        for req in same_place + others:
            row = PlanRow(req, profile, start)
            if req.id == preselect:
                row.pick.set_checked(True)
            rows.addWidget(row)
            self.rows.append(row)
            start = add_minutes(start, VISIT_MINUTES)
        if not waiting:
            empty = QLabel(self.tr("No registered request is waiting for an outing."))
            theme.set_role(empty, "muted")
            rows.addWidget(empty)
        rows.addStretch(1)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.set_role(self.error, "error")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = BigButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.add_button = BigButton(self.tr("Add the ticked"), kind="primary")
        self.add_button.clicked.connect(self._accept)
        buttons.addWidget(cancel)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)

    def row_for(self, request_id: str) -> PlanRow | None:
        return next((r for r in self.rows if r.request.id == request_id), None)

    def plan(self) -> list[tuple[str, Any, Any]]:
        return [(r.request.id, *r.window()) for r in self.rows if r.chosen()]

    def _accept(self) -> None:
        plan = self.plan()
        if not plan:
            self.error.setText(self.tr("Tick at least one request."))
            return
        for _rid, start, end in plan:
            if start is None or end is None or start >= end:
                self.error.setText(self.tr("Each time window must end later than it starts."))
                return
        self.accept()
