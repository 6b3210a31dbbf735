"""The journals screen (F7) on a real store: exactly the lines of the day's visits, filters, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_visit_support import fast_devices, open_page, run_visit_in_ui, scheduled_visit, settle

from mobile_case.services.types import JournalKind


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def test_journals_smoke(
    main_window: Any, services: Any, tasks: Any, screenshot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    _req, outing, visit = scheduled_visit(services)
    page = open_page(main_window, tasks, visit.id)
    run_visit_in_ui(page, tasks, monkeypatch, tmp_path)
    journals = main_window.open_page("journals")
    settle(tasks)
    state = journals.state(JournalKind.SERVICES)
    assert state.model.total() == 1
    screenshot(main_window, "journals-01-services")
