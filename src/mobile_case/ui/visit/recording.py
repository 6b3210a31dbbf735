"""The recording of the open visit (F8, F9; O 2.9): it starts when the visit is opened at the address and
stops when the visit is closed (finished, or ended by an act).

The recorder (``devices.recorder``) writes its segments into the visit's private folder
(``services.recordings.folder_for``); when the recording stops, the segments go into the encrypted,
head-only archive (``services.recordings.archive``) and the plain files are deleted. Both run as one
operation on the database worker, so the order with everything else the window submits is kept (a
logout submitted next finds the recording archived). When the session cannot archive any more (locked
out, logged out from the lock screen) the recorder is still stopped; its segments stay in the private
folder and are archived the next time the visit is opened.

A recorder that cannot record (no camera, not supported by this version) does not stop the visit: the
indicator says so and the administrator uses the kit's own video recorder.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from mobile_case.domain.errors import DomainError
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure

log = logging.getLogger(__name__)

OFF, STARTING, RECORDING, STOPPING, FAILED = "off", "starting", "recording", "stopping", "failed"


def start_recording(services: Any, recorder: Any, visit_id: str) -> int:
    """On the database worker: archive what an earlier, interrupted recording of this visit left in its
    folder, then start the recorder there. Returns how many leftover segments were archived."""
    folder = services.recordings.folder_for(visit_id)
    leftovers = sorted(p for p in folder.iterdir() if p.is_file())
    if leftovers:
        services.recordings.archive(visit_id, leftovers)
    recorder.start(visit_id, folder)
    return len(leftovers)


def stop_recording(services: Any, recorder: Any, visit_id: str) -> int:
    """On the database worker: stop the recorder and archive its segments. Returns how many were
    archived (0 when the session may no longer archive: they wait in the folder for the next time)."""
    segments = [Path(p) for p in recorder.stop()]
    segments = [p for p in segments if p.is_file()]
    if not segments:
        return 0
    try:
        return len(services.recordings.archive(visit_id, segments))
    except DomainError as exc:  # logged out / locked: archived when the visit is next opened
        log.warning("recording of visit %s not archived now: %s", visit_id, type(exc).__name__)
        return 0


class VisitRecording(QObject):
    """Starts and stops the recorder for the open visit; ``indicator`` shows what it does."""

    changed = Signal()
    failed = Signal(str)  # why it does not record, with what to do (Ukrainian), for the page's banner

    def __init__(self, tasks: Any, services: Any, devices: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.services = services
        self.devices = devices
        self.state = OFF
        self.visit_id = ""
        self.message = ""  # why it does not record (Ukrainian)
        self.archived = 0  # segments archived by the last stop
        self._then: list[tuple[str, str]] = []  # ("start", visit id) / ("stop", "") asked while busy
        self.indicator = QLabel()
        self.indicator.setVisible(False)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._show)

    # -- what the visit page asks ----------------------------------------------------------------
    @property
    def recorder(self) -> Any:
        return self.devices.recorder if self.devices is not None else None

    def start(self, visit_id: str) -> None:
        """Record ``visit_id`` (stopping and archiving another visit's recording first)."""
        if self.state in (STARTING, STOPPING):
            self._then.append(("start", visit_id))
            return
        if self.state == RECORDING:
            if self.visit_id == visit_id:
                return
            self._then.append(("start", visit_id))
            self.stop()
            return
        self.visit_id = visit_id
        self.message = ""
        if self.devices is None:
            self._failed_to_start(self.tr("There is no recorder in this program's set-up."))
            return
        self.state = STARTING
        self._show()
        self.tasks.run_db(
            start_recording,
            self.services,
            self.recorder,
            visit_id,
            on_done=self._started,
            on_error=lambda f: self._failed_to_start(f.message),
            name="visit.recording.start",
            owner=self,
        )

    def stop(self) -> None:
        """Stop recording and archive the segments (nothing when not recording)."""
        if self.state == STARTING:
            self._then.append(("stop", ""))
            return
        if self.state != RECORDING:
            return
        self.state = STOPPING
        self._clock.stop()
        self._show()
        self.tasks.run_db(
            stop_recording,
            self.services,
            self.recorder,
            self.visit_id,
            on_done=self._stopped,
            on_error=self._stop_failed,
            name="visit.recording.stop",
            owner=self,
        )

    @property
    def recording(self) -> bool:
        return self.state == RECORDING

    def elapsed(self) -> float:
        try:
            return float(self.recorder.elapsed()) if self.recorder is not None else 0.0
        except Exception:  # a device that cannot tell
            return 0.0

    # -- results ---------------------------------------------------------------------------------
    def _started(self, leftovers: int) -> None:
        if leftovers:
            log.info("visit %s: %d segment(s) of an interrupted recording archived", self.visit_id, leftovers)
        self.state = RECORDING
        self._clock.start()
        self._show()
        self._next()

    def _failed_to_start(self, message: str) -> None:
        self.state = FAILED
        self.message = message
        self._show()
        self.failed.emit(self.failure_text())
        self._next()

    def failure_text(self) -> str:
        return " ".join((self.tr("Not recording: {reason}").format(reason=self.message), self.advice()))

    def advice(self) -> str:
        return self.tr("Record the visit with the kit's video recorder.")

    def _stopped(self, archived: int) -> None:
        self.state = OFF
        self.archived = archived
        self._show()
        self._next()

    def _stop_failed(self, failure: TaskFailure) -> None:
        self.state = FAILED
        self.message = failure.message
        self._show()
        self.failed.emit(self.failure_text())
        self._next()

    def _next(self) -> None:
        while self._then:
            action, visit_id = self._then.pop(0)
            if action == "stop":
                self.stop()
            else:
                self.start(visit_id)
            if self.state in (STARTING, STOPPING):
                return

    # -- the indicator ---------------------------------------------------------------------------
    def _simulated(self) -> bool:
        recorder = self.recorder
        return recorder is not None and getattr(recorder, "backend", "") == "simulator"

    def _show(self) -> None:
        label = self.indicator
        if self.state == RECORDING:
            seconds = int(self.elapsed())
            text = self.tr("● Recording {time}").format(time=f"{seconds // 60:02d}:{seconds % 60:02d}")
            if self._simulated():
                text += " · " + self.tr("DEMO")
            colour, background = theme.DANGER, theme.DANGER_LIGHT
            tip = self.tr(
                "The visit is recorded on video and audio (point 2.9); it stops when the visit ends."
            )
        elif self.state == STARTING:
            text, colour, background = self.tr("Starting the recording…"), theme.MUTED, theme.BACKGROUND
            tip = ""
        elif self.state == STOPPING:
            text, colour, background = self.tr("Saving the recording…"), theme.MUTED, theme.BACKGROUND
            tip = ""
        elif self.state == FAILED:
            text = self.tr("Not recording")
            colour, background = theme.WARNING, theme.WARNING_LIGHT
            tip = self.failure_text()
        else:
            label.setVisible(False)
            self.changed.emit()
            return
        label.setText(text)
        label.setToolTip(tip)
        label.setStyleSheet(
            f"color: {colour}; background: {background}; border-radius: 9px; padding: 0px 10px;"
            f" font-size: {theme.FONT_SMALL_PX}px; font-weight: 700;"
        )
        label.setVisible(True)
        self.changed.emit()

    def attach(self, parent: QWidget) -> QLabel:
        self.indicator.setParent(parent)
        return self.indicator
