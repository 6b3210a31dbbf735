"""The case-lid trigger in the window: the configured switch (``devices/lid.py``) drives the open visit's
recording through the recorder contract's ``VisitRecording.trigger(opened)`` — which alone decides
whether a recording may start (a visit in progress, consent given). The serial source reports from its
own thread; :class:`LidWatcher`'s signals deliver on the GUI thread.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from mobile_case.devices.lid import LidConfig, LidError, LidSourceKind, load_config, make_source

log = logging.getLogger(__name__)


class LidWatcher(QObject):
    lid_changed = Signal(bool)  # True = opened
    problem = Signal(str)  # Ukrainian; "" = the switch works again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = LidConfig()
        self.source: Any = None
        self.opened: bool | None = None
        self.last_problem = ""
        self.lid_changed.connect(self._remember)
        self.problem.connect(self._remember_problem)

    def _remember(self, opened: bool) -> None:
        self.opened = opened

    def _remember_problem(self, message: str) -> None:
        self.last_problem = message

    @property
    def active(self) -> bool:
        return self.source is not None

    def apply(self, config: LidConfig) -> None:
        """Stop the current source and start the one ``config`` describes (none = off).
        Raises LidError (Ukrainian) for settings that cannot work; the old source is stopped anyway."""
        self.stop()
        self.config = config
        self.opened = None
        self.last_problem = ""
        source = make_source(config, self.lid_changed.emit, self.problem.emit)
        if source is None:
            return
        source.start()  # serial: opened in its own thread; hid: the event filter on this (GUI) thread
        self.source = source
        log.info("lid trigger on (%s)", config.source)

    def stop(self) -> None:
        source, self.source = self.source, None
        if source is not None:
            source.stop()


def connect_to_window(watcher: LidWatcher, window: Any) -> None:
    """Lid events go to the visit page's recording (only once that page exists: before, no visit is open)."""

    def changed(opened: bool) -> None:
        page = window.page("visit") if hasattr(window, "page") else None
        recording = getattr(page, "recording", None)
        if recording is None:
            return
        recording.trigger(opened)

    def problem(message: str) -> None:
        if message and hasattr(window, "show_message"):
            window.show_message(message, "warning")

    watcher.lid_changed.connect(changed)
    watcher.problem.connect(problem)


def install_lid_trigger(window: Any) -> LidWatcher:
    """Create the window's lid watcher from the data folder's kit settings (off unless configured)."""
    watcher = LidWatcher(window)
    connect_to_window(watcher, window)
    data_dir = getattr(getattr(getattr(window, "services", None), "store", None), "data_dir", None)
    if data_dir is not None:
        config = load_config(data_dir)
        if config.source != LidSourceKind.NONE:
            try:
                watcher.apply(config)
            except LidError as exc:
                log.warning("lid trigger not started: %s", exc)
                watcher.last_problem = exc.user_message

    # the serial thread closes its port when the session ends (a new window after the next login opens it
    # again: two readers on one port would split its lines) and before the program exits
    def stop(*_args: Any) -> None:
        watcher.stop()

    for name in ("logout_requested", "locked_out", "destroyed"):
        signal = getattr(window, name, None)
        if signal is not None:
            signal.connect(stop)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(stop)
    return watcher
