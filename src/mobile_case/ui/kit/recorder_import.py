"""The import from the kit's external video recorder (issue 5 point 5), one panel for two places: the kit
screen's «Відеореєстратор» tab imports every file into the visit it was recorded in; a closed visit's
«Імпорт з відеореєстратора» dialog (ui/visit/external_import.py, ``visit_id`` given) imports only that
visit's files and shows the others as belonging elsewhere.

The recorder's folder is scanned on the device pool (``run_io``), the visits of the files' days are read
and the files copied into the encrypted archive on the database worker (``run_db``); the progress of the
copy comes back by a signal.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mobile_case.devices import external_recorder as ext
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton

log = logging.getLogger(__name__)

ROW_HEIGHT = 44


def visit_windows(services: Any, days: set[date]) -> list[ext.VisitWindow]:
    """On the database worker: the opened visits of ``days`` as time windows (labels: time and number)."""
    windows = []
    for day in sorted(days):
        for _outing, visit, request in services.outings.today(day):
            if visit.opened_at is None:
                continue
            closed = f"{visit.closed_at:%H:%M}" if visit.closed_at else "…"
            label = f"{visit.opened_at:%d.%m %H:%M}–{closed}  {request.number or ''}".strip()
            windows.append(ext.VisitWindow(visit.id, visit.opened_at, visit.closed_at, label))
    return windows


def scan_camera(data_dir: Path) -> tuple[Path | None, list[ext.ExternalFile]]:
    """On the device pool: the camera's folder and its files."""
    config = ext.load_config(data_dir)
    roots = ext.find_storage(config)
    if not roots:
        return None, []
    return roots[0], ext.list_files(roots[0], config)


class RecorderImportPanel(QWidget):
    """Folder, «Find recordings», the files with the visit each belongs to, «Import». With ``visit_id``
    only that visit's files are imported; without it, every file that matched a visit."""

    progress = Signal(int, int)  # files done, files in all (emitted on the worker, shown here)
    imported = Signal(int)  # files that went into the archive
    busy = Signal(bool)  # a scan or a copy is running

    def __init__(
        self,
        tasks: Any,
        services: Any,
        banner: MessageBanner,
        visit_id: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.services = services
        self.banner = banner
        self.visit_id = visit_id
        self.data_dir = Path(services.store.data_dir)
        self.files: list[ext.ExternalFile] = []
        self.jobs: dict[str, list[ext.ExternalFile]] = {}  # what «Import» copies, by visit
        self.visit_of: dict[Path, str] = {}  # the table's «Visit» column

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.folder = QLineEdit()
        self.folder.setMinimumHeight(ROW_HEIGHT)
        self.folder.setPlaceholderText(self.tr("Empty: find the recorder's memory card automatically"))
        self.folder.setText(ext.load_config(self.data_dir).path)
        form.addRow(self.tr("Recorder folder"), self.folder)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.find_button = BigButton(self.tr("Find recordings"))
        self.find_button.clicked.connect(self.find)
        row.addWidget(self.find_button)
        row.addStretch(1)
        title = self.tr("Import into this visit") if visit_id else self.tr("Import into the visits")
        self.import_button = BigButton(title, kind="primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        row.addWidget(self.import_button)
        layout.addLayout(row)
        self.delete_source = QCheckBox(self.tr("Delete from the recorder after the copy is verified"))
        self.delete_source.setMinimumHeight(ROW_HEIGHT)
        layout.addWidget(self.delete_source)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Recorded"), self.tr("Length"), self.tr("Visit")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        theme.set_role(self.note, "muted")
        layout.addWidget(self.note)
        self.progress.connect(self._show_progress)

    # -- finding ---------------------------------------------------------------------------------
    def find(self) -> None:
        config = ext.load_config(self.data_dir)
        config.path = self.folder.text().strip()
        ext.save_config(self.data_dir, config)  # remembered for the next import
        self._busy(True)
        self.banner.clear()
        self.note.setText(self.tr("Looking for the recorder's files…"))
        self.tasks.run_io(
            scan_camera, self.data_dir, on_done=self._scanned, on_error=self._failed,
            name="recorder-import-scan", owner=self,
        )  # fmt: skip

    def _scanned(self, result: tuple[Path | None, list[ext.ExternalFile]]) -> None:
        root, files = result
        self.files, self.jobs, self.visit_of = files, {}, {}
        if root is None:
            self._busy(False)
            self.note.setText("")
            self.banner.show_warning(
                self.tr(
                    "The recorder's memory was not found. Connect the recorder by USB (or insert its card) "
                    "and wait until the system shows it, or enter its folder above."
                )
            )
            self._fill()
            return
        days = {f.start.date() for f in files}
        self.tasks.run_db(
            visit_windows, self.services, days, on_done=self._matched, on_error=self._failed,
            name="recorder-import-windows", owner=self,
        )  # fmt: skip

    def _matched(self, windows: list[ext.VisitWindow]) -> None:
        self._busy(False)
        config = ext.load_config(self.data_dir)
        labels = {w.visit_id: w.label for w in windows}
        matching = ext.match_to_visits(
            self.files, windows, slack=timedelta(minutes=config.slack_minutes), now=self.services.clock()
        )
        for visit_id, files in matching.by_visit.items():
            label = self.tr("this visit") if visit_id == self.visit_id else labels.get(visit_id, visit_id)
            self.visit_of.update((f.path, label) for f in files)
        if self.visit_id:
            self.jobs = {v: fs for v, fs in matching.by_visit.items() if v == self.visit_id and fs}
        else:
            self.jobs = {v: fs for v, fs in matching.by_visit.items() if fs}
        self._fill()
        matched = sum(len(v) for v in matching.by_visit.values())
        if self.visit_id:
            mine = sum(len(v) for v in self.jobs.values())
            self.note.setText(
                self.tr("Files: %1; of this visit: %2; of other visits: %3; without a visit: %4.")
                .replace("%1", str(len(self.files)))
                .replace("%2", str(mine))
                .replace("%3", str(matched - mine))
                .replace("%4", str(len(matching.unmatched)))
            )
            if self.files and not mine:
                self.banner.show_warning(
                    self.tr(
                        "None of the recorder's files was recorded during this visit. Check the recorder's "
                        "clock (Кейс → Відеореєстратор) or choose another folder."
                    )
                )
        else:
            self.note.setText(
                self.tr("Files: %1; matched to visits: %2; without a visit: %3.")
                .replace("%1", str(len(self.files)))
                .replace("%2", str(matched))
                .replace("%3", str(len(matching.unmatched)))
            )
        self.import_button.setEnabled(bool(self.jobs))

    def _fill(self) -> None:
        self.table.setRowCount(len(self.files))
        for row, f in enumerate(self.files):
            length = f"{int(f.duration // 60)}:{int(f.duration % 60):02d}" if f.duration else "—"
            source = "" if f.time_source == "metadata" else self.tr(" (file time)")
            values = [
                f.name,
                f"{f.start:%d.%m.%Y %H:%M:%S}{source}",
                length,
                self.visit_of.get(f.path, self.tr("no visit at this time")),
            ]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))

    # -- importing -------------------------------------------------------------------------------
    def run_import(self) -> None:
        jobs = dict(self.jobs)
        if not jobs:
            return
        delete = self.delete_source.isChecked()
        self._busy(True)
        self.banner.clear()
        self.note.setText(self.tr("Copying into the encrypted archive…"))
        recordings, progress = self.services.recordings, self.progress
        total = sum(len(files) for files in jobs.values())

        def work() -> int:
            count = 0
            for visit_id, files in jobs.items():
                done = ext.import_to_visit(
                    recordings,
                    visit_id,
                    files,
                    delete_source=delete,
                    progress=lambda i, _n, base=count: progress.emit(base + i, total),
                )
                count += len(done)
            return count

        self.tasks.run_db(
            work, on_done=self._imported, on_error=self._failed, name="recorder-import", owner=self
        )

    def _show_progress(self, done: int, total: int) -> None:
        self.note.setText(
            self.tr("Copied into the encrypted archive: %1 of %2…")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )

    def _imported(self, count: int) -> None:
        log.info("external recordings imported: %d (visit %s)", count, self.visit_id or "matched by time")
        copied = {f.path for files in self.jobs.values() for f in files}
        self.files = [f for f in self.files if f.path not in copied]
        self.jobs = {}
        self._fill()
        self._busy(False)
        self.note.setText("")
        if self.visit_id:
            text = self.tr("Imported into this visit's archive: %1 (checksums verified).")
        else:
            text = self.tr("Imported into the visits' archive: %1 (checksums verified).")
        self.banner.show_success(text.replace("%1", str(count)))
        self.imported.emit(count)

    def _failed(self, failure: TaskFailure) -> None:
        self._busy(False)
        self.note.setText("")
        message = getattr(failure.exception, "user_message", "") or failure.message
        self.banner.show_error(message)

    def _busy(self, on: bool) -> None:
        self.find_button.setEnabled(not on)
        self.import_button.setEnabled(not on and bool(self.jobs))
        self.busy.emit(on)


__all__ = ["RecorderImportPanel", "scan_camera", "visit_windows"]
