"""Run a Qt query on the application's thread from any thread.

Some Qt services (QtMultimedia's device list, QNetworkInformation) create QObjects the first time they
are asked and must live on a thread with an event loop — the application's. The registry's statuses
are asked from worker threads, so those queries are handed to the application's thread and waited for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class QtUnavailable(Exception):
    """No QCoreApplication, or its thread did not run the call in time (its event loop is busy or absent)."""


def call_on_app_thread(fn: Callable[[], T], timeout: float = 5.0) -> T:
    """``fn()`` run on the QCoreApplication's thread (directly when already there)."""
    from PySide6.QtCore import QCoreApplication, QThread, QTimer  # noqa: PLC0415

    app = QCoreApplication.instance()
    if app is None:
        raise QtUnavailable("no QCoreApplication")
    if QThread.currentThread() is app.thread():
        return fn()
    done = threading.Event()
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc
        finally:
            done.set()

    QTimer.singleShot(0, app, run)
    if not done.wait(timeout):
        raise QtUnavailable("the application thread did not answer in time")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
