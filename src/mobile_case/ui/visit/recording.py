"""The recording of the open visit (F8, F9; O 2.9, 2.13; issue 5 point 4).

It starts by itself when the visit is opened at the address **and** the subject's consent to the
recording is marked; without consent it never starts (the visit can then only end with the act, O 2.13:
the consent step blocks the way on and ``VisitService.complete`` refuses). It stops when the visit is
completed, ended by an act, the consent withdrawn, the user logs out or the window closes
(``end_session``), and — through :meth:`VisitRecording.trigger` — when the case's lid is closed.

The recorder (``devices.recorder``) writes its segments into the visit's private folder
(``services.recordings.folder_for``); every segment the recorder closes while recording, and all of them
when it stops, go into the encrypted, head-only archive (``services.recordings.archive``, with each
segment's SHA-256 in the audit log) and the plain files are deleted. All of it runs on the database
worker, so the order with everything else the window submits is kept (a logout submitted next finds the
recording archived). When the session cannot archive any more (locked out, logged out from the lock
screen) the recorder is still stopped; its segments stay in the private folder and are archived the next
time the visit is opened, or at the next start (``RecordingService.archive_leftovers``).

Once a second the recording looks at the recorder: elapsed time for the indicators (the chip in the
visit's header and the large one in the main window's top bar), problems (camera unplugged, microphone
silent, disk nearly full) shown at once, a recorder that broke off (its child process died, the disk
filled up) stopped and archived — the visit stays usable and nothing captured is lost.

A recorder that cannot record (no camera) does not stop the visit: the indicator says so and the
administrator uses the kit's own video recorder.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from mobile_case.devices.recorder.base import RecorderState
from mobile_case.domain.errors import DomainError
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure

log = logging.getLogger(__name__)

OFF, STARTING, RECORDING, STOPPING, FAILED = "off", "starting", "recording", "stopping", "failed"


def start_recording(services: Any, recorder: Any, visit_id: str) -> int:
    """On the database worker: archive what an earlier, interrupted recording of this visit left in its
    folder, then start the recorder there. Returns how many leftover segments were archived."""
    folder = services.recordings.folder_for(visit_id)
    leftovers = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if leftovers:
        services.recordings.archive(visit_id, leftovers)
    recorder.start(visit_id, folder)
    return len(leftovers)


def stop_recording(services: Any, recorder: Any, visit_id: str) -> int:
    """On the database worker: stop the recorder and archive its segments. Returns how many were
    archived (0 when the session may no longer archive: they wait in the folder for the next time)."""
    segments = [Path(p) for p in recorder.stop()]
    return archive_segments(services, visit_id, segments)


def archive_segments(services: Any, visit_id: str, segments: list[Path]) -> int:
    """On the database worker: archive the finished ``segments`` still on disk (0 if not allowed now)."""
    segments = [p for p in segments if p.is_file()]
    if not segments:
        return 0
    try:
        return len(services.recordings.archive(visit_id, segments))
    except DomainError as exc:  # logged out / locked: archived when the visit is next opened
        log.warning("recording of visit %s not archived now: %s", visit_id, type(exc).__name__)
        return 0


class VisitRecording(QObject):
    """Starts and stops the recorder for the open visit; ``indicator`` (the chip in the visit's header)
    and the main window's ``rec_indicator`` show what it does."""

    changed = Signal()
    failed = Signal(str)  # why it does not record, or what is wrong with it (Ukrainian), for the banner

    def __init__(self, tasks: Any, services: Any, devices: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.services = services
        self.devices = devices
        self.state = OFF
        self.visit_id = ""  # the visit being recorded (or last recorded)
        self.open_id = ""  # the visit open at the address (in progress), "" when none
        self.consent: bool | None = None  # the open visit's consent to the recording
        self.lid_closed = False  # the case's lid trigger said «closed»
        self.message = ""  # why it does not record (Ukrainian)
        self.problems: list[str] = []  # what is wrong while recording (Ukrainian)
        self.archived = 0  # segments archived by the last stop
        self.archived_total = 0  # segments archived while recording and by stops
        self._archiving = False
        self._sent: set[Path] = set()  # finished segments already handed to the archive
        self._active: Any = None  # the recorder started for this recording
        self._then: list[tuple[str, str]] = []  # ("start", visit id) / ("stop", "") asked while busy
        self.indicator = QLabel()
        self.indicator.setVisible(False)
        window = getattr(parent, "window_ref", None)
        self.big = getattr(window, "rec_indicator", None)  # the main window's top-bar indicator
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

    # -- what the visit page asks ----------------------------------------------------------------
    @property
    def recorder(self) -> Any:
        """The recorder in use (kept from its start to its stop: the registry may switch backends
        meanwhile), else the registry's current one."""
        if self._active is not None:
            return self._active
        return self.devices.recorder if self.devices is not None else None

    def open_visit(self, visit_id: str, consent: bool | None) -> None:
        """The visit ``visit_id`` is open at the address (in progress) with this consent: record it if
        the consent is given (another visit's recording is stopped and archived first)."""
        self.open_id, self.consent, self.lid_closed = visit_id, consent, False
        self._apply()

    def set_consent(self, visit_id: str, consent: bool | None) -> None:
        """The administrator marked (or changed) the consent of the open visit."""
        if visit_id != self.open_id or consent == self.consent:
            return
        self.consent = consent
        self._apply()

    def trigger(self, opened: bool) -> None:
        """The case's lid (kit's trigger): closed stops and archives, opened records again — only the
        open visit, only with consent."""
        if not self.open_id:
            return
        self.lid_closed = not opened
        self._apply()

    def may_record(self) -> bool:
        return bool(self.open_id) and self.consent is True and not self.lid_closed

    def _apply(self) -> None:
        if self.may_record():
            self.start(self.open_id)
        else:
            self._stop()
            self._show()

    def start(self, visit_id: str) -> None:
        """Record ``visit_id`` (stopping and archiving another visit's recording first) — only the open
        visit with its consent given; anything else is refused (never records without consent)."""
        if visit_id != self.open_id or not self.may_record():
            log.info("recording of visit %s not started: no consent / not open", visit_id)
            return
        if self.state in (STARTING, STOPPING):
            self._then.append(("start", visit_id))
            return
        if self.state == RECORDING:
            if self.visit_id == visit_id:
                return
            self._then.append(("start", visit_id))
            self._stop()
            return
        self.visit_id = visit_id
        self.message = ""
        self.problems = []
        self._sent = set()
        if self.devices is None:
            self._failed_to_start(self.tr("There is no recorder in this program's set-up."))
            return
        self.state = STARTING
        self._active = self.devices.recorder
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
        """The visit is closed (finished, act) or the session ends: stop recording and archive the
        segments; nothing restarts it until a visit is opened again."""
        self.open_id, self.consent, self.lid_closed = "", None, False
        self._then = [t for t in self._then if t[0] != "start"]
        if self.state == FAILED and not self._recorder_has_segments():
            self.state = OFF  # «not recording» was about the visit that is now closed
        self._stop()
        self._show()

    def _stop(self) -> None:
        if self.state == STARTING:
            self._then.append(("stop", ""))
            return
        if self.state not in (RECORDING, FAILED) or (
            self.state == FAILED and not self._recorder_has_segments()
        ):
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

    def _recorder_has_segments(self) -> bool:
        recorder = self.recorder
        return recorder is not None and getattr(recorder, "state", lambda: None)() is RecorderState.FAILED

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
        self.archived_total += leftovers
        self.state = RECORDING
        self._clock.start()
        self._show()
        self._next()

    def _failed_to_start(self, message: str) -> None:
        self._active = None
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
        self._active = None
        self.archived = archived
        self.archived_total += archived
        self.problems = []
        broke_off = self.state == STOPPING and self.message and self._broke_off
        self.state = FAILED if broke_off else OFF
        self._broke_off = False
        self._show()
        self._next()

    _broke_off = False

    def _stop_failed(self, failure: TaskFailure) -> None:
        self._active = None
        self.state = FAILED
        self.message = failure.message
        self._show()
        self.failed.emit(self.failure_text())
        self._next()

    def _next(self) -> None:
        while self._then:
            action, visit_id = self._then.pop(0)
            if action == "stop":
                if not self.may_record():
                    self._stop()
            else:
                self.start(visit_id)
            if self.state in (STARTING, STOPPING):
                return
        if self.state == RECORDING and not self.may_record():
            self._stop()  # the consent was withdrawn / the lid closed while it was starting

    # -- once a second while recording -----------------------------------------------------------
    def _tick(self) -> None:
        recorder = self.recorder
        if self.state != RECORDING or recorder is None:
            return
        try:
            device_state = recorder.state()
            problems = [p.message for p in getattr(recorder, "problems", list)()]
            finished = [Path(p) for p in getattr(recorder, "finished_segments", list)()]
        except Exception:  # a device that cannot tell now: ask again next second
            log.exception("recorder state unavailable")
            return
        if device_state is RecorderState.FAILED:
            # it broke off (its process died, the disk filled up): archive what it wrote, say so
            error = getattr(recorder, "last_error", None)
            self.message = getattr(error, "user_message", "") or self.tr("the recorder stopped.")
            self._broke_off = True
            self.failed.emit(self.failure_text())
            self._stop()
            return
        new = [p for p in problems if p not in self.problems]
        self.problems = problems
        for message in new:
            self.failed.emit(message)
        fresh = [p for p in finished if p not in self._sent]
        if fresh and not self._archiving:
            self._sent.update(fresh)
            self._archiving = True
            self.tasks.run_db(
                archive_segments,
                self.services,
                self.visit_id,
                fresh,
                on_done=self._segments_archived,
                on_error=self._segments_not_archived,
                name="visit.recording.archive",
                owner=self,
            )
        self._show()

    def _segments_archived(self, count: int) -> None:
        self._archiving = False
        self.archived_total += count

    def _segments_not_archived(self, failure: TaskFailure) -> None:
        self._archiving = False  # they stay in the folder: archived with the rest when it stops
        log.warning("finished segments not archived now: %s", type(failure.exception).__name__)

    # -- the indicators --------------------------------------------------------------------------
    def _simulated(self) -> bool:
        recorder = self.recorder
        return recorder is not None and getattr(recorder, "backend", "") == "simulator"

    def _show(self) -> None:
        from mobile_case.ui.widgets.rec_indicator import MUTED, WARNING  # noqa: PLC0415
        from mobile_case.ui.widgets.rec_indicator import RECORDING as REC_KIND  # noqa: PLC0415

        label = self.indicator
        problem = ""
        kind = MUTED
        if self.state == RECORDING:
            seconds = int(self.elapsed())
            text = self.tr("● Recording {time}").format(time=f"{seconds // 60:02d}:{seconds % 60:02d}")
            if self._simulated():
                text += " · " + self.tr("DEMO")
            colour, background = theme.DANGER, theme.DANGER_LIGHT
            kind = REC_KIND
            tip = self.tr(
                "The visit is recorded on video and audio (point 2.9); it stops when the visit ends."
            )
            if self.problems:
                problem = self.problems[0]
                kind = WARNING
                colour, background = theme.WARNING, theme.WARNING_LIGHT
                tip = "\n".join(self.problems)
        elif self.state == STARTING:
            text, colour, background = self.tr("Starting the recording…"), theme.MUTED, theme.BACKGROUND
            tip = ""
        elif self.state == STOPPING:
            text, colour, background = self.tr("Saving the recording…"), theme.MUTED, theme.BACKGROUND
            tip = ""
        elif self.state == FAILED:
            text = self.tr("Not recording")
            colour, background = theme.WARNING, theme.WARNING_LIGHT
            kind = WARNING
            tip = self.failure_text()
            problem = self.message
        elif self.open_id and self.consent is None:
            text, colour, background = (
                self.tr("Recording starts after the consent"),
                theme.MUTED,
                theme.BACKGROUND,
            )
            tip = self.tr("Mark the subject's consent to the recording: it starts at once (point 2.9).")
        elif self.open_id and self.consent is False:
            text = self.tr("Not recorded: no consent")
            colour, background = theme.WARNING, theme.WARNING_LIGHT
            kind = WARNING
            tip = self.tr("Without consent to the recording only the act of impossibility can be drawn up.")
        elif self.open_id and self.lid_closed:
            text, colour, background = (
                self.tr("Recording paused: the case is closed"),
                theme.MUTED,
                theme.BACKGROUND,
            )
            tip = ""
        else:
            label.setVisible(False)
            if self.big is not None:
                self.big.hide_state()
            self.changed.emit()
            return
        label.setText(text)
        label.setToolTip(tip)
        label.setStyleSheet(
            f"color: {colour}; background: {background}; border-radius: 9px; padding: 0px 10px;"
            f" font-size: {theme.FONT_SMALL_PX}px; font-weight: 700;"
        )
        label.setVisible(True)
        if self.big is not None:
            self.big.show_state(text, kind, _short(problem), tip)
        self.changed.emit()

    def attach(self, parent: QWidget) -> QLabel:
        self.indicator.setParent(parent)
        return self.indicator


def _short(message: str, limit: int = 44) -> str:
    """The first sentence of a problem, cut to fit the top bar (the whole text is in the tooltip)."""
    head = message.split(". ", 1)[0].rstrip(".")
    return head if len(head) <= limit else head[: limit - 1] + "…"
