"""«Імпорт з відеореєстратора» on a closed visit's page (requests-kit 1): the administrator who ran the visit
copies the kit's external video recorder's files of that visit into its encrypted archive.

The kit screen's import (ui/kit/page.py) is for the kit keeper's screen, which the administrator does not
have; this dialog uses the same pieces: ``scan_camera`` on the device pool, ``visit_windows`` and
``external_recorder.import_to_visit`` on the database worker. The files are matched against every opened
visit of their days, so a file of another visit of the same outing is shown but never put into this one.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
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
from mobile_case.domain.model import CaseState
from mobile_case.domain.roles import Permission, has_permission
from mobile_case.ui import theme
from mobile_case.ui.kit.page import scan_camera, visit_windows
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton

log = logging.getLogger(__name__)

ROW_HEIGHT = 44
CLOSED_STATES = (CaseState.COMPLETED, CaseState.IMPOSSIBLE)


class ExternalImportDialog(QDialog):
    """Find the recorder's files, show which belong to this visit, import them (checksums verified)."""

    progress = Signal(int, int)  # files done, files in all (emitted on the worker, shown here)
    imported = Signal(int)  # how many files went into the visit's archive

    def __init__(self, tasks: Any, services: Any, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.services = services
        self.visit_id = visit_id
        self.data_dir = Path(services.store.data_dir)
        self.files: list[ext.ExternalFile] = []
        self.mine: list[ext.ExternalFile] = []
        self.visit_of: dict[Path, str] = {}
        self.setWindowTitle(self.tr("Import from the video recorder"))
        self.setMinimumSize(900, 560)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Recordings of the external video recorder for this visit"))
        theme.set_role(title, "section")
        layout.addWidget(title)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)
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
        self.delete_source = QCheckBox(self.tr("Delete from the recorder after the copy is verified"))
        self.delete_source.setMinimumHeight(ROW_HEIGHT)
        row.addWidget(self.delete_source)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Recorded"), self.tr("Length"), self.tr("Visit")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        theme.set_role(self.note, "muted")
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = BigButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        self.import_button = BigButton(self.tr("Import into this visit"), kind="primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)
        self.progress.connect(self._show_progress)

    # -- finding ---------------------------------------------------------------------------------
    def find(self) -> None:
        config = ext.load_config(self.data_dir)
        config.path = self.folder.text().strip()
        ext.save_config(self.data_dir, config)  # remembered for the next visit and the kit screen
        self.find_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.banner.clear()
        self.note.setText(self.tr("Looking for the recorder's files…"))
        self.tasks.run_io(
            scan_camera, self.data_dir, on_done=self._scanned, on_error=self._failed,
            name="visit-camera-scan", owner=self,
        )  # fmt: skip

    def _scanned(self, result: tuple[Path | None, list[ext.ExternalFile]]) -> None:
        root, files = result
        self.files = files
        self.mine = []
        self.visit_of = {}
        if root is None:
            self.find_button.setEnabled(True)
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
            name="visit-camera-windows", owner=self,
        )  # fmt: skip

    def _matched(self, windows: list[ext.VisitWindow]) -> None:
        self.find_button.setEnabled(True)
        config = ext.load_config(self.data_dir)
        labels = {w.visit_id: w.label for w in windows}
        matching = ext.match_to_visits(
            self.files, windows, slack=timedelta(minutes=config.slack_minutes), now=self.services.clock()
        )
        self.mine = list(matching.by_visit.get(self.visit_id, []))
        for visit_id, files in matching.by_visit.items():
            for f in files:
                self.visit_of[f.path] = (
                    self.tr("this visit") if visit_id == self.visit_id else labels.get(visit_id, "")
                )
        self._fill()
        others = len(self.files) - len(self.mine) - len(matching.unmatched)
        self.note.setText(
            self.tr("Files: %1; of this visit: %2; of other visits: %3; without a visit: %4.")
            .replace("%1", str(len(self.files)))
            .replace("%2", str(len(self.mine)))
            .replace("%3", str(others))
            .replace("%4", str(len(matching.unmatched)))
        )
        if self.files and not self.mine:
            self.banner.show_warning(
                self.tr(
                    "None of the recorder's files was recorded during this visit. Check the recorder's "
                    "clock (Кейс → Відеореєстратор) or choose another folder."
                )
            )
        self.import_button.setEnabled(bool(self.mine))

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
        files = list(self.mine)
        if not files:
            return
        delete = self.delete_source.isChecked()
        self.import_button.setEnabled(False)
        self.find_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.banner.clear()
        self.note.setText(self.tr("Copying into the encrypted archive…"))
        recordings, visit_id, progress = self.services.recordings, self.visit_id, self.progress

        def work() -> int:
            done = ext.import_to_visit(
                recordings, visit_id, files, delete_source=delete, progress=progress.emit
            )
            return len(done)

        self.tasks.run_db(
            work, on_done=self._imported, on_error=self._failed, name="visit-camera-import", owner=self
        )

    def _show_progress(self, done: int, total: int) -> None:
        self.note.setText(
            self.tr("Copied into the encrypted archive: %1 of %2…")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )

    def _imported(self, count: int) -> None:
        log.info("external recordings imported into visit %s: %d", self.visit_id, count)
        self.files = [f for f in self.files if f not in self.mine]
        self.mine = []
        self._fill()
        self.find_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.note.setText("")
        self.banner.show_success(
            self.tr("Imported into this visit's archive: %1 (checksums verified).").replace("%1", str(count))
        )
        self.imported.emit(count)

    def _failed(self, failure: TaskFailure) -> None:
        self.find_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.import_button.setEnabled(bool(self.mine))
        self.note.setText("")
        message = getattr(failure.exception, "user_message", "") or failure.message
        self.banner.show_error(message)


class ExternalImport(QObject):
    """The visit page's «Імпорт з відеореєстратора» button: shown on a closed visit that was opened at
    the address, to a user who may run visits (the administrator, the head)."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: ExternalImportDialog | None = None
        self.button = BigButton(self.tr("Import from the video recorder"))
        self.button.setToolTip(
            self.tr("Copy the external recorder's files of this visit into its encrypted archive")
        )
        self.button.setVisible(False)
        self.button.clicked.connect(self.open_dialog)

    def refresh(self, bundle: Any, closed_view: bool) -> None:
        user = getattr(self.page.services.auth, "current_user", None)
        self.button.setVisible(
            closed_view
            and bundle is not None
            and bundle.visit.opened_at is not None
            and bundle.request.state in CLOSED_STATES
            and has_permission(getattr(user, "role", None), Permission.RUN_VISIT)
        )

    def open_dialog(self) -> None:
        page = self.page
        if page.bundle is None:
            return
        self.dialog = ExternalImportDialog(page.tasks, page.services, page.bundle.visit.id, page)
        self.dialog.imported.connect(self._imported)
        self.dialog.open()

    def _imported(self, count: int) -> None:
        window = getattr(self.page, "window_ref", None)
        if window is not None and hasattr(window, "show_message"):
            window.show_message(
                self.tr("Recordings of the video recorder imported into the visit: %1.").replace(
                    "%1", str(count)
                ),
                "success",
            )


__all__ = ["ExternalImport", "ExternalImportDialog"]
