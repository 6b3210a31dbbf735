"""«Імпорт з відеореєстратора» on a closed visit's page (requests-kit 1): the administrator who ran the visit
copies the kit's external video recorder's files of that visit into its encrypted archive.

The kit screen (where the kit keeper and the head import every file) is not on the administrator's rail;
this dialog holds the same panel (ui/kit/recorder_import.py) limited to the visit: the files are matched
against every opened visit of their days, so a file of another visit of the same outing is shown but never
put into this one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from mobile_case.domain.model import CaseState
from mobile_case.domain.roles import Permission, has_permission
from mobile_case.ui import theme
from mobile_case.ui.kit.recorder_import import RecorderImportPanel
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton

CLOSED_STATES = (CaseState.COMPLETED, CaseState.IMPOSSIBLE)


class ExternalImportDialog(QDialog):
    """Find the recorder's files, show which belong to this visit, import them (checksums verified)."""

    def __init__(self, tasks: Any, services: Any, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visit_id = visit_id
        self.setWindowTitle(self.tr("Import from the video recorder"))
        self.setMinimumSize(900, 560)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Recordings of the external video recorder for this visit"))
        theme.set_role(title, "section")
        layout.addWidget(title)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)
        self.panel = RecorderImportPanel(tasks, services, self.banner, visit_id)
        layout.addWidget(self.panel, 1)
        self.close_button = BigButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        self.panel.busy.connect(lambda on: self.close_button.setEnabled(not on))
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)


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
        self.dialog.panel.imported.connect(self._imported)
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
