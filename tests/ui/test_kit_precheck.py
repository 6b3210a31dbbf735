"""The pre-outing disk check in the outing planner: issuing the kit for an outing whose planned visits
would not fit on the disk shows a clear warning in the hand-over dialog and on the page."""

from __future__ import annotations

from collections import namedtuple
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from test_visit_support import fast_devices, scheduled_visit, settle

from mobile_case.devices.selfcheck import RESERVE_BYTES, recording_bytes
from mobile_case.domain.model import HandoverDirection
from mobile_case.ui.kit import precheck
from mobile_case.ui.outings.handover import HandoverDialog

Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def issue(main_window: Any, tasks: Any, outing_id: str) -> tuple[Any, HandoverDialog]:
    page = main_window.open_page("outings", outing_id=outing_id)
    settle(tasks)
    page.start_handover(HandoverDirection.ISSUE)
    settle(tasks)
    assert isinstance(page.dialog, HandoverDialog)
    return page, page.dialog


def test_a_short_disk_is_warned_before_the_kit_is_issued(
    main_window: Any, services: Any, tasks: Any, monkeypatch: Any, screenshot: Any
) -> None:
    _r, outing, _v = scheduled_visit(services, start=time(10, 0))
    scheduled_visit(services, surname="Коваль", outing=outing, start=time(11, 0))
    plan = services.maintenance.planned_for_outing(outing.id)
    assert plan.visits == 2 and plan.seconds > 0
    need = recording_bytes(plan.seconds) + RESERVE_BYTES
    monkeypatch.setattr(precheck, "disk_usage", lambda _p: Usage(need * 2, need, need - 1))
    page, dialog = issue(main_window, tasks, outing.id)
    label = dialog.findChild(QLabel, "DiskWarning")
    assert label is not None and label.isVisible()
    assert "Недостатньо місця на диску" in label.text() and "заплановано візитів: 2" in label.text()
    assert "Недостатньо місця на диску" in page.banner.text()
    screenshot(dialog, "kit-precheck-handover")
    dialog.reject()


def test_no_warning_when_the_recordings_fit(
    main_window: Any, services: Any, tasks: Any, monkeypatch: Any
) -> None:
    _r, outing, _v = scheduled_visit(services)
    monkeypatch.setattr(precheck, "disk_usage", lambda _p: Usage(10**13, 0, 10**13))
    page, dialog = issue(main_window, tasks, outing.id)
    assert dialog.findChild(QLabel, "DiskWarning") is None
    assert "Недостатньо місця" not in page.banner.text()
    dialog.reject()


def test_the_return_of_the_kit_is_not_checked(
    main_window: Any, services: Any, tasks: Any, monkeypatch: Any
) -> None:
    _r, outing, _v = scheduled_visit(services)
    monkeypatch.setattr(precheck, "disk_usage", lambda _p: Usage(1, 1, 0))
    page = main_window.open_page("outings", outing_id=outing.id)
    settle(tasks)
    page.start_handover(HandoverDirection.RETURN)
    settle(tasks)
    assert "Недостатньо місця" not in page.banner.text()
    page.dialog.reject()
