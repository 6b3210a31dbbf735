"""The pre-outing disk check (issue 5 point 4): before the kit is issued for an outing, the free disk space
is compared with what the outing's planned visits will record (planned duration × the recorder's
``expected_bytes``, plus a reserve). A shortage is shown as a clear warning in the hand-over dialog and
on the outings page; the hand-over itself is not blocked (the keeper may free space first or go anyway).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from mobile_case.devices.selfcheck import CheckItem, DiskPlan, check_disk
from mobile_case.ui import theme

disk_usage = shutil.disk_usage  # how the free space is asked (tests give a small disk)


def outing_disk_check(services: Any, outing_id: str) -> CheckItem:
    """On the database worker: the outing's planned recording time, then the disk of the data folder."""
    plan = services.maintenance.planned_for_outing(outing_id)
    return check_disk(Path(services.store.data_dir), DiskPlan(plan.visits, plan.seconds), disk_usage)


def warning_text(item: CheckItem) -> str:
    return QCoreApplication.translate(
        "KitPrecheck", "Not enough disk space for this outing's recordings."
    ) + (" " + item.message)


def warn_if_disk_short(page: Any, outing_id: str, dialog: QWidget | None = None) -> None:
    """Run the check in a worker; when the disk is short, put the warning at the top of ``dialog`` (the
    hand-over being filled in) and in the page's banner."""

    def done(item: CheckItem) -> None:
        if not item.problem:
            return
        text = warning_text(item)
        if getattr(page, "banner", None) is not None:
            page.banner.show_warning(text)
        if dialog is not None and dialog.layout() is not None:
            label = QLabel(text)
            label.setObjectName("DiskWarning")
            label.setWordWrap(True)
            label.setStyleSheet(
                f"background: {theme.WARNING_LIGHT}; border: 1px solid #f0c27a; border-radius: 8px; "
                f"color: {theme.TEXT}; padding: 10px;"
            )
            dialog.layout().insertWidget(1, label)

    page.tasks.run_db(
        outing_disk_check, page.services, outing_id, on_done=done, on_error=lambda _f: None,
        name="kit-outing-disk", owner=page,
    )  # fmt: skip
