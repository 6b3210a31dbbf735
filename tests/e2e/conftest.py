"""Fixtures of the end-to-end tests (owned by the e2e room).

The e2e tests start from the composition root (``mobile_case.app.AppController``) on an empty temp data
folder, so they need what ``app.main()`` sets up around it: the theme and the Ukrainian catalogues on the
QApplication, and a task runner that the test shuts down. PINs are hashed with the app's real Argon2id
parameters (no cheap hasher here: the whole day logs in only three times).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(scope="session", autouse=True)
def _e2e_themed_app(qapp: QApplication) -> QApplication:
    """What ``app.main()`` does before it builds the controller: the theme and the translations."""
    from mobile_case import i18n
    from mobile_case.ui import theme

    theme.apply_theme(qapp)
    cache = Path(os.environ.get("MOBILE_CASE_TEST_CACHE", "/tmp/mobile-case-test-cache")) / "translations"
    i18n.install(qapp, "uk", cache_dir=cache)
    return qapp


def destroy_leftovers() -> None:
    """Delete what earlier tests left behind, here on the GUI thread.

    A window of an earlier test that is only reachable through reference cycles would otherwise be
    destroyed whenever Python's cyclic GC next runs — and that is often inside the database worker
    (it allocates the most), i.e. Qt widgets and timers deleted off the GUI thread, which crashed
    this test in ``QUnifiedTimer::updateAnimationTimers`` (see docs/design/requests-e2e.md, 5)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[Any]:
    """A fresh task runner installed as the app's runner (the controller takes it with ``runner()``)."""
    from mobile_case.ui import tasks as tasks_module

    destroy_leftovers()
    runner = tasks_module.TaskRunner()
    tasks_module.set_runner(runner)
    yield runner
    runner.wait_idle(10)
    runner.shutdown(wait=True)
    tasks_module.set_runner(None)
    destroy_leftovers()  # leave nothing of ours for a later test's worker thread to collect
