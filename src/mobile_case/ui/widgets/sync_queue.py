"""The sync queue on the home screen (issue 4): where the station stands, each package's state in
Ukrainian, bytes sent and the error if any, and «Синхронізувати зараз».

All data is loaded on a worker (``ctx.tasks``); the background scheduler runs in its own thread and its
reports come back to the GUI thread through a Qt signal (queued connection)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.layout import Card

log = logging.getLogger(__name__)

SHOWN = 3  # packages listed on the home screen (the rest: «mobile-case sync status»)


def load_sync_status(services: Any) -> Any:
    from mobile_case.services.sync import SyncService

    return SyncService(services).status()


def _start(services: Any, devices: Any) -> Any:
    from mobile_case.services.sync import SyncService, link_from_monitor

    svc = SyncService(services)
    link = None
    if devices is not None:
        try:
            link = link_from_monitor(devices.network)
        except Exception:  # noqa: BLE001 - no monitor: unknown medium
            link = None
    svc.start(link=link)
    return svc


def _sync_now(services: Any, devices: Any) -> None:
    _start(services, devices).sync_now()


def human_bytes(n: int) -> str:
    if n >= 1024 * 1024:
        return QCoreApplication.translate("SyncQueue", "%1 MB").replace("%1", f"{n / 1024 / 1024:.1f}")
    return QCoreApplication.translate("SyncQueue", "%1 KB").replace("%1", f"{max(n, 0) / 1024:.0f}")


class _Bridge(QObject):
    report = Signal(object)


STATE_COLOURS = {
    "sealed": "#5f6b7a",
    "sending": theme.PRIMARY_DARK,
    "awaiting_receipt": theme.PRIMARY_DARK,
    "delivered": "#1b7a3a",
    "set_aside": "#b3261e",
}


class QueueDialog(QDialog):
    """The whole queue (every package waiting or set aside, and the latest delivered): state, case,
    bytes sent, the error in full. Opened from the home card, which shows only the first three."""

    def __init__(self, items: list[Any], parent: QWidget | None = None) -> None:
        from mobile_case.sync.states import state_title

        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync queue"))
        self.setModal(True)
        self.resize(1100, 620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        title = QLabel(self.tr("Sync queue"))
        theme.set_role(title, "section")
        layout.addWidget(title)
        headers = [self.tr("State"), self.tr("Case"), self.tr("Sent"), self.tr("Error or reason")]
        self.table = QTableWidget(len(items), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setMinimumSectionSize(theme.TOUCH_MIN)
        for r, item in enumerate(items):
            sent = self.tr("%1 of %2").replace("%1", human_bytes(item.bytes_sent)).replace(
                "%2", human_bytes(item.bytes_total)
            )
            case = item.request_number or item.request_id[:8]
            if item.has_recording:
                case += " — " + self.tr("with a recording")
            for c, text in enumerate((state_title(item.state), case, sent, item.error)):
                cell = QTableWidgetItem(text)
                if c == 0:
                    cell.setForeground(Qt.GlobalColor.white)
                    cell.setBackground(QColor(STATE_COLOURS.get(item.state, theme.MUTED)))
                self.table.setItem(r, c, cell)
        head = self.table.horizontalHeader()
        for c in range(3):
            head.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = BigButton(self.tr("Close"), kind="primary")
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        layout.addLayout(row)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Row heights once the columns have their real widths (the error column wraps)."""
        super().showEvent(event)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.table.resizeRowsToContents)


class SyncQueueCard(Card):
    """A card for the home page. ``refresh()`` loads; ``sync_now()`` wakes the background sync."""

    loaded = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, margins=12)
        self.ctx = ctx
        self.status: Any = None
        self._loading = False
        self._started = False
        self._bridge = _Bridge(self)
        self._bridge.report.connect(self._on_report)
        head = QHBoxLayout()
        self.title_label = QLabel(self.tr("Sync with the CNAP office"))
        theme.set_role(self.title_label, "section")
        head.addWidget(self.title_label, 1)
        self.all_button = BigButton(self.tr("Whole queue"))
        self.all_button.clicked.connect(self.show_queue)
        self.all_button.setVisible(False)
        head.addWidget(self.all_button, 0, Qt.AlignmentFlag.AlignTop)
        self.now_button = BigButton(self.tr("Sync now"), kind="primary")
        self.now_button.clicked.connect(self.sync_now)
        head.addWidget(self.now_button, 0, Qt.AlignmentFlag.AlignTop)
        self.queue_dialog: QueueDialog | None = None
        self.body.addLayout(head)
        self.station_label = QLabel("")
        self.station_label.setWordWrap(True)
        theme.set_role(self.station_label, "muted")
        self.body.addWidget(self.station_label)
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.error_label.setVisible(False)
        self.body.addWidget(self.error_label)
        rows = QWidget()
        self.rows_layout = QVBoxLayout(rows)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(4)
        self.body.addWidget(rows)
        self.rows: list[QWidget] = []
        self.row_labels: list[QLabel] = []
        self.row_badges: list[QLabel] = []

    # ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading or self.ctx is None:
            return
        self._loading = True
        self.ctx.tasks.run_db(
            load_sync_status,
            self.ctx.services,
            on_done=self._show,
            on_error=self._failed,
            name="sync-status",
            owner=self,
        )

    def sync_now(self) -> None:
        self.now_button.setEnabled(False)
        self.station_label.setText(self.tr("Synchronising…"))
        self._ensure_listening()
        self.ctx.tasks.run_io(
            _sync_now,
            self.ctx.services,
            getattr(self.ctx, "devices", None),
            on_done=lambda _r: None,
            on_error=self._failed,
            name="sync-now",
            owner=self,
        )

    def _ensure_listening(self) -> None:
        """Route the scheduler's reports (its own thread) to this card through the queued signal."""
        from mobile_case.services.sync import scheduler_for

        sched = scheduler_for(self.ctx.services.store)
        bridge = self._bridge
        sched.on_report = lambda rep: bridge.report.emit(rep)

    def _on_report(self, _report: Any) -> None:
        self.now_button.setEnabled(True)
        self.refresh()

    def _failed(self, failure: TaskFailure) -> None:
        self._loading = False
        self.now_button.setEnabled(True)
        self.error_label.setText(failure.message)
        self.error_label.setVisible(True)

    def _show(self, status: Any) -> None:
        self._loading = False
        self.status = status
        if not status.paired:
            self.station_label.setText(
                self.tr("The kit is not paired with the CNAP office station yet. Pair it in Settings → Sync.")
            )
            self.now_button.setEnabled(False)
        else:
            if not self._started:  # the app starts and stops the sync (app.py); the card listens
                self._started = True
                self._ensure_listening()
            waiting = sum(
                n for s, n in status.counts.items() if s in ("sealed", "sending", "awaiting_receipt")
            )
            delivered = status.counts.get("delivered", 0)
            text = self.tr("Station «%1». Waiting to be sent: %2; delivered: %3.")
            text = (
                text.replace("%1", status.station_name)
                .replace("%2", str(waiting))
                .replace("%3", str(delivered))
            )
            self.station_label.setText(text)
            self.now_button.setEnabled(not status.revoked)
        self.error_label.setText(status.last_error)
        self.error_label.setVisible(bool(status.last_error))
        for row in self.rows:
            row.deleteLater()
        self.rows, self.row_labels, self.row_badges = [], [], []
        shown = [i for i in status.items if i.state != "delivered"][:SHOWN]
        if len(shown) < SHOWN:
            shown += [i for i in status.items if i.state == "delivered"][: SHOWN - len(shown)]
        for item in shown:
            self._add_row(item)
        more = len(status.items) - len(shown)
        self.all_button.setText(self.tr("Whole queue (%1 more)").replace("%1", str(more)))
        self.all_button.setVisible(more > 0)
        self.loaded.emit()

    def show_queue(self) -> None:
        """Every package of the queue (already loaded with the status) in a dialog."""
        if self.status is None:
            return
        self.queue_dialog = QueueDialog(list(self.status.items), self.window())
        self.queue_dialog.open()

    def _add_row(self, item: Any) -> None:
        """A row: a coloured badge with the state in Ukrainian, then the case, bytes and the error."""
        from mobile_case.sync.states import state_title

        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(10)
        badge = QLabel(state_title(item.state))
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setMinimumWidth(150)
        badge.setMinimumHeight(32)
        colour = STATE_COLOURS.get(item.state, theme.MUTED)
        badge.setStyleSheet(
            f"background: {colour}; color: #ffffff; border-radius: 12px; padding: 2px 10px; font-weight: 700;"
        )
        line.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        label = QLabel(self._row_text(item))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        line.addWidget(label, 1)
        row.setMinimumHeight(theme.TOUCH_MIN)
        self.rows_layout.addWidget(row)
        self.rows.append(row)
        self.row_labels.append(label)
        self.row_badges.append(badge)

    def _row_text(self, item: Any) -> str:

        number = item.request_number or item.request_id[:8]
        text = number
        if item.state in ("sending", "awaiting_receipt", "sealed"):
            text += " — " + self.tr("%1 of %2").replace("%1", human_bytes(item.bytes_sent)).replace(
                "%2", human_bytes(item.bytes_total)
            )
        if item.has_recording:
            text += " — " + self.tr("with a recording")
        if item.error:
            text += "\n" + item.error
        return text
