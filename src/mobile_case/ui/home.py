"""The home screen: today's visits, requests waiting to be scheduled, deadlines due.

Three columns of big rows, loaded together on the database worker each time the page is opened (and
with the refresh button). A row opens the visit, the outing planner for the request, or the request.

«Today's visits» is the administrator's to-do list: only the visits still to be done (the request
SCHEDULED or IN_PROGRESS). The visits finished today (COMPLETED, or ended with an act) leave it; they
are kept in a collapsed «Finished today» group under it (the journals keep them too).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mobile_case.ui import theme
from mobile_case.ui.pages import PageContext
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets import BigButton, Card, MessageBanner

log = logging.getLogger(__name__)

PAGE = 20  # rows built at once per column; the rest on «Show more» (a big store has thousands)


@dataclass
class HomeData:
    day: date
    visits: list[tuple[Any, Any, Any]]  # (Outing, Visit, ServiceRequest) still to be done
    waiting: list[Any]  # ServiceRequest
    deadlines: list[Any]  # DeadlineItem
    finished: list[tuple[Any, Any, Any]] = field(default_factory=list)  # done today (not to-do)


def is_to_do(visit: Any, request: Any) -> bool:
    """A visit still to be done today: not closed, its request planned or under way."""
    from mobile_case.domain.model import CaseState

    return visit.closed_at is None and request.state in (CaseState.SCHEDULED, CaseState.IN_PROGRESS)


def is_finished(visit: Any, request: Any) -> bool:
    """A visit done with: the case formed, or ended by an act (or closed otherwise)."""
    from mobile_case.domain.model import CaseState

    if is_to_do(visit, request):
        return False
    return visit.closed_at is not None or request.state in (CaseState.COMPLETED, CaseState.IMPOSSIBLE)


def load_home(services: Any, day: date) -> HomeData:
    """The three lists of the home screen (runs on the database worker)."""
    today = services.outings.today(day)
    return HomeData(
        day=day,
        visits=[(o, v, r) for o, v, r in today if is_to_do(v, r)],
        waiting=services.requests.waiting_to_schedule(),
        deadlines=services.journals.deadlines_due(day),
        finished=[(o, v, r) for o, v, r in today if is_finished(v, r)],
    )


class HomeRow(QFrame):
    """A big clickable row: a bold title with a small badge, a muted detail below, an arrow."""

    clicked = Signal()

    def __init__(
        self, head: str, title: str, detail: str = "", badge: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        theme.set_role(self, "card")
        self.setMinimumHeight(64)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 8, 8, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        plain = "border: none; background: transparent;"
        self.head_label = QLabel(head)
        self.head_label.setStyleSheet(f"color: {theme.PRIMARY_DARK}; font-weight: 600; {plain}")
        grid.addWidget(self.head_label, 0, 0)
        self.title_label = QLabel(title)
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet(f"font-weight: 600; font-size: {theme.FONT_LARGE_PX - 1}px; {plain}")
        grid.addWidget(self.title_label, 1, 0, 1, 2)
        self.badge_label = QLabel(badge)
        self.badge_label.setWordWrap(True)  # a long state («Виїзд заплановано») wraps in a narrow column
        self.badge_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_badge_colour(theme.PRIMARY_DARK, theme.PRIMARY_LIGHT)
        self.badge_label.setVisible(bool(badge))
        grid.addWidget(self.badge_label, 0, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.detail_label = QLabel(detail)
        self.detail_label.setWordWrap(True)
        self.detail_label.setStyleSheet(f"color: {theme.MUTED}; font-size: {theme.FONT_SMALL_PX}px; {plain}")
        self.detail_label.setVisible(bool(detail))
        grid.addWidget(self.detail_label, 2, 0, 1, 2)
        arrow = QLabel("›")
        arrow.setStyleSheet(f"font-size: 30px; color: {theme.MUTED}; {plain}")
        grid.addWidget(arrow, 0, 2, 3, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(0, 1)
        self.setAccessibleName(f"{head} {title}. {badge}. {detail}")

    def set_badge_colour(self, colour: str, background: str) -> None:
        self.badge_label.setStyleSheet(
            f"color: {colour}; background: {background}; border: none; border-radius: 10px;"
            " padding: 1px 8px; font-size: 13px; font-weight: 600;"
        )

    def click(self) -> None:
        self.clicked.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class HomeColumn(Card):
    """A titled card with a scrolling list of rows and an empty-state text."""

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, margins=12)
        head = QHBoxLayout()
        self.title_label = QLabel(title)
        theme.set_role(self.title_label, "section")
        self.title_label.setWordWrap(True)
        head.addWidget(self.title_label, 1)
        self.count_label = QLabel("")
        self.count_label.setStyleSheet(
            f"background: {theme.PRIMARY_LIGHT}; color: {theme.PRIMARY_DARK}; border-radius: 12px;"
            " padding: 2px 10px; font-weight: 700;"
        )
        head.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(head)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.viewport().setAutoFillBackground(False)
        self.scroll.setStyleSheet("QScrollArea { background: transparent; }")
        inner = QWidget()
        inner.setObjectName("HomeColumnRows")
        inner.setStyleSheet("QWidget#HomeColumnRows { background: transparent; }")
        self.rows_layout = QVBoxLayout(inner)
        self.rows_layout.setContentsMargins(0, 0, 4, 0)
        self.rows_layout.setSpacing(8)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setWordWrap(True)
        theme.set_role(self.empty_label, "muted")
        self.rows_layout.addWidget(self.empty_label)
        # a long list is built a page at a time (a row costs the GUI thread a few milliseconds)
        self.more_button = QPushButton()
        self.more_button.setMinimumHeight(theme.TOUCH_MIN)
        self.more_button.setVisible(False)
        self.more_button.clicked.connect(self.show_more)
        self.rows_layout.addWidget(self.more_button)
        # an optional collapsed group under the rows (e.g. the visits finished today): a toggle and
        # its rows, hidden while the group is empty
        self.group_button = QPushButton()
        self.group_button.setCheckable(True)
        self.group_button.setMinimumHeight(theme.TOUCH_MIN)
        self.group_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.group_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.group_button.setStyleSheet(
            f"QPushButton {{ text-align: left; border: none; background: transparent; color: {theme.MUTED};"
            f" font-weight: 600; padding: 4px 2px; min-height: {theme.TOUCH_MIN}px; }}"
        )
        self.group_button.toggled.connect(self._group_toggled)
        self.group_button.setVisible(False)
        self.rows_layout.addWidget(self.group_button)
        self.group_box = QWidget()
        self.group_box.setObjectName("HomeColumnGroup")
        self.group_box.setStyleSheet("QWidget#HomeColumnGroup { background: transparent; }")
        self.group_layout = QVBoxLayout(self.group_box)
        self.group_layout.setContentsMargins(0, 0, 0, 0)
        self.group_layout.setSpacing(8)
        self.group_box.setVisible(False)
        self.rows_layout.addWidget(self.group_box)
        self.rows_layout.addStretch(1)
        self.scroll.setWidget(inner)
        self.body.addWidget(self.scroll, 1)
        self.rows: list[HomeRow] = []
        self._items: list[Any] = []
        self._make_row: Callable[[Any], HomeRow] | None = None
        self.group_rows: list[HomeRow] = []
        self._group_title = ""

    def set_rows(self, rows: list[HomeRow]) -> None:
        """Show exactly these rows."""
        self._items, self._make_row = [], None
        self._replace(rows, len(rows))

    def set_items(self, items: list[Any], make_row: Callable[[Any], HomeRow]) -> None:
        """Show the first :data:`PAGE` of ``items`` as rows (made by ``make_row``), the rest on «more»."""
        self._items, self._make_row = list(items), make_row
        self._replace([make_row(item) for item in self._items[:PAGE]], len(self._items))

    def show_more(self) -> None:
        if self._make_row is None:
            return
        start = len(self.rows)
        more = [self._make_row(item) for item in self._items[start : start + PAGE]]
        for index, row in enumerate(more):
            self.rows_layout.insertWidget(1 + start + index, row)
        self.rows.extend(more)
        self._update_more()

    def _replace(self, rows: list[HomeRow], total: int) -> None:
        for row in self.rows:
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = rows
        for index, row in enumerate(rows):
            self.rows_layout.insertWidget(1 + index, row)
        self.empty_label.setVisible(not rows)
        self.count_label.setText(str(total))
        self.count_label.setVisible(bool(total))
        self._update_more()

    def _update_more(self) -> None:
        left = len(self._items) - len(self.rows) if self._make_row is not None else 0
        n = min(left, PAGE)  # a plain name: lupdate extracts %n only from a name
        self.more_button.setText(self.tr("Show %n more", "", n))
        self.more_button.setVisible(left > 0)

    def set_group(self, title: str, rows: list[HomeRow]) -> None:
        """The collapsed group under the rows (not counted in the column's count)."""
        for row in self.group_rows:
            self.group_layout.removeWidget(row)
            row.deleteLater()
        self.group_rows = rows
        self._group_title = title
        for row in rows:
            self.group_layout.addWidget(row)
        self.group_button.setVisible(bool(rows))
        self._group_toggled(self.group_button.isChecked())

    @property
    def group_expanded(self) -> bool:
        return self.group_button.isChecked()

    def _group_toggled(self, expanded: bool) -> None:
        mark = "▾" if expanded else "▸"
        self.group_button.setText(f"{mark} {self._group_title} ({len(self.group_rows)})")
        self.group_box.setVisible(expanded and bool(self.group_rows))


def _address_text(profile: Any, address: Any) -> str:
    settlement = ""
    if address.settlement_code and profile is not None:
        found = profile.settlement(address.settlement_code)
        if found is not None:
            settlement = found.display_name
    settlement = settlement or address.settlement_name
    street = " ".join(p for p in (address.street, address.house) if p)
    if address.apartment:
        street = f"{street}, кв. {address.apartment}" if street else f"кв. {address.apartment}"
    return ", ".join(p for p in (settlement, street) if p)


class HomePage(QWidget):
    """Registered as page "home" by the main window."""

    loaded = Signal()

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.data: HomeData | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        top = QHBoxLayout()
        top.setSpacing(12)
        self.date_label = QLabel()
        theme.set_role(self.date_label, "section")
        top.addWidget(self.date_label, 1)
        from mobile_case.ui.main_window import icon

        self.refresh_button = BigButton(self.tr("Refresh"), icon=icon("refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        self.new_request_button = BigButton(
            self.tr("New request"), kind="primary", icon=icon("intake", "#ffffff", theme.PRIMARY)
        )
        self.new_request_button.clicked.connect(lambda: self.ctx.window.open_page("intake"))
        top.addWidget(self.new_request_button)
        layout.addLayout(top)

        self.banner = MessageBanner()
        layout.addWidget(self.banner)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        self.visits_column = HomeColumn(
            self.tr("Today's visits"), self.tr("No visits are planned for today.")
        )
        self.waiting_column = HomeColumn(
            self.tr("Waiting to be scheduled"), self.tr("No registered requests are waiting for an outing.")
        )
        self.deadlines_column = HomeColumn(self.tr("Deadlines"), self.tr("No deadlines are due."))
        for column in (self.visits_column, self.waiting_column, self.deadlines_column):
            columns.addWidget(column, 1)
        layout.addLayout(columns, 1)
        from mobile_case.ui.widgets.sync_queue import SyncQueueCard  # issue 4: the sync queue

        self.sync_card = SyncQueueCard(ctx)
        layout.addWidget(self.sync_card)
        self._update_buttons()

    def _update_buttons(self) -> None:
        window = self.ctx.window
        self.new_request_button.setVisible(hasattr(window, "is_allowed") and window.is_allowed("intake"))

    # -- page hooks ---------------------------------------------------------------------------
    def activate(self, **_kwargs: Any) -> None:
        self._update_buttons()
        self.refresh()
        self.sync_card.refresh()

    def today(self) -> date:
        clock = getattr(self.ctx.services, "clock", None)
        return clock().date() if clock is not None else date.today()

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.refresh_button.setEnabled(False)
        self.ctx.tasks.run_db(
            load_home,
            self.ctx.services,
            self.today(),
            on_done=self._show,
            on_error=self._failed,
            name="home-load",
            owner=self,
        )

    def _failed(self, failure: TaskFailure) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        self.banner.show_error(failure.message)

    def _show(self, data: HomeData) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        self.banner.clear()
        self.data = data
        locale = QLocale()
        from PySide6.QtCore import QDate

        qdate = QDate(data.day.year, data.day.month, data.day.day)
        self.date_label.setText(
            self.tr("Today: %1").replace("%1", locale.toString(qdate, "dddd, d MMMM yyyy"))
        )
        self.visits_column.set_items(data.visits, lambda item: self._visit_row(*item))
        self.visits_column.set_group(
            self.tr("Finished today"), [self._visit_row(o, v, r, finished=True) for o, v, r in data.finished]
        )
        self.visits_column.empty_label.setText(
            self.tr("All of today's visits are done.")
            if data.finished
            else self.tr("No visits are planned for today.")
        )
        self.waiting_column.set_items(data.waiting, self._waiting_row)
        self.deadlines_column.set_items(data.deadlines, self._deadline_row)
        self.loaded.emit()

    # -- rows ---------------------------------------------------------------------------------
    def _service_titles(self, codes: list[str]) -> str:
        """The first service's title, and «+ ще N» for the rest (rows stay short)."""
        profile = self.ctx.services.profile
        titles = []
        for code in codes:
            service = profile.service(code) if profile is not None else None
            titles.append(service.title if service is not None else code)
        if len(titles) > 1:
            n = len(titles) - 1
            # self.tr with a plain name: lupdate makes it a plural (QCoreApplication.translate with a
            # variable count it does not, and then only «one» is found: «+ 2 more» stayed English)
            more = self.tr("+ %n more", "", n)
            return f"{titles[0]} {more}"
        return titles[0] if titles else ""

    def _visit_row(self, outing: Any, visit: Any, request: Any, finished: bool = False) -> HomeRow:
        from mobile_case.domain.texts import STATE_SHORT_TITLES, format_time

        start = format_time(visit.planned_start) if visit.planned_start else ""
        end = format_time(visit.planned_end) if visit.planned_end else ""
        when = f"{start}–{end}" if start and end else start or end
        name = request.subject.short_name or self.tr("(no name)")
        detail = _address_text(self.ctx.services.profile, request.address)
        services = self._service_titles(request.service_codes)
        if services:
            detail = f"{detail}\n{services}" if detail else services
        # the short state («Заплановано», «Триває», «Надано», «Акт»): the long titles do not fit the column
        row = HomeRow(when, name, detail, STATE_SHORT_TITLES.get(request.state, ""))
        if finished:
            from mobile_case.domain.model import CaseState

            if request.state is CaseState.IMPOSSIBLE:
                row.set_badge_colour(theme.DANGER, theme.DANGER_LIGHT)
            else:
                row.set_badge_colour(theme.SUCCESS, theme.SUCCESS_LIGHT)
        row.setProperty("visitId", visit.id)
        row.clicked.connect(lambda vid=visit.id: self.ctx.window.open_page("visit", visit_id=vid))
        return row

    def _waiting_row(self, request: Any) -> HomeRow:
        from mobile_case.domain.texts import format_date

        name = request.subject.short_name or self.tr("(no name)")
        parts = [_address_text(self.ctx.services.profile, request.address)]
        if request.preferred_date:
            parts.append(self.tr("preferred date: %1").replace("%1", format_date(request.preferred_date)))
        services = self._service_titles(request.service_codes)
        detail = "\n".join(p for p in (" · ".join(x for x in parts if x), services) if p)
        row = HomeRow(request.number, name, detail, self.tr("Plan"))
        row.setProperty("requestId", request.id)
        row.clicked.connect(lambda rid=request.id: self.ctx.window.open_page("outings", request_id=rid))
        return row

    def _deadline_row(self, item: Any) -> HomeRow:
        from mobile_case.domain.texts import format_date

        kind = str(getattr(item.kind, "value", item.kind))
        kinds = {
            "handover": self.tr("Hand the documents to the service provider"),
            "result": self.tr("The service term ends"),
            "schedule": self.tr("Preferred date — no visit planned"),
        }
        overdue = item.due < self.today()
        due = format_date(item.due)
        badge = self.tr("overdue %1").replace("%1", due) if overdue else self.tr("by %1").replace("%1", due)
        row = HomeRow(item.number, item.subject_name, kinds.get(kind, kind), badge)
        if overdue:
            row.set_badge_colour(theme.DANGER, theme.DANGER_LIGHT)
        row.setProperty("requestId", item.request_id)
        if kind == "schedule":
            row.clicked.connect(
                lambda rid=item.request_id: self.ctx.window.open_page("outings", request_id=rid)
            )
        else:
            row.clicked.connect(
                lambda rid=item.request_id: self.ctx.window.open_page("intake", request_id=rid)
            )
        return row
