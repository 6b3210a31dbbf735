"""The request being typed in the intake wizard, saved as typed through the single database worker.

``DraftKeeper`` owns the :class:`~mobile_case.domain.model.ServiceRequest` the wizard's steps edit in
place. Every change calls :meth:`DraftKeeper.touch`; a short debounce gathers the keystrokes of one
field into one save, and :meth:`DraftKeeper.flush` saves at once (page changes, leaving the screen,
before registering). The first save of a new request goes through ``RequestService.new_draft`` (the
request gets its stable id and is stored as DRAFT), every later one through ``save_draft`` with a
deep copy of the request — the worker never sees an object the GUI thread is still changing.

Saves run in submission order on the one database worker, so the last snapshot submitted is the one
that stays. Log lines carry the request id only.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from mobile_case.domain.model import CaseState, RequestChannel, ServiceRequest
from mobile_case.ui.tasks import TaskFailure

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400
RETRY_MS = 5000


class DraftKeeper(QObject):
    """Holds the request of the wizard and keeps the stored draft in step with it."""

    saving_changed = Signal(bool)  # a save is pending (typed but not yet stored)
    saved = Signal(object)  # datetime of the last successful save
    failed = Signal(str)  # Ukrainian message of a failed save
    created = Signal(str)  # request id, once new_draft stored it

    def __init__(self, services: Any, tasks: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.request = ServiceRequest()
        self.stored = False  # the request exists in the store
        self._creating = False
        self._dirty = False
        self._pending = 0
        self.last_saved: datetime | None = None
        self.last_error = ""
        self._after_create: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        # a save refused while the session is locked (or any other failure) is tried again later
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.flush)

    # -- the request ------------------------------------------------------------------------------
    def reset(self, channel: RequestChannel = RequestChannel.IN_PERSON) -> None:
        """Start over with an empty, not yet stored request (nothing is saved until the first change)."""
        self._timer.stop()
        self._retry.stop()
        self.request = ServiceRequest(channel=channel)
        self.stored = False
        self._creating = False
        self._dirty = False
        self.last_saved = None
        self.last_error = ""

    def adopt(self, req: ServiceRequest) -> None:
        """Continue a stored request (a draft reopened, or one already registered/refused)."""
        self._timer.stop()
        self._retry.stop()
        self.request = req
        self.stored = True
        self._creating = False
        self._dirty = False
        self.last_saved = None
        self.last_error = ""

    @property
    def editable(self) -> bool:
        return self.request.state == CaseState.DRAFT

    @property
    def busy(self) -> bool:
        """Something typed is not stored yet (or is being stored)."""
        return self._dirty or self._pending > 0 or self._creating

    # -- saving -----------------------------------------------------------------------------------
    def touch(self) -> None:
        """The request changed: save it soon."""
        if not self.editable:
            return
        self._dirty = True
        self.saving_changed.emit(True)
        self._timer.start()

    def flush(self, then: Callable[[], None] | None = None) -> None:
        """Save now what is not saved yet; ``then`` runs on the GUI thread after the save (or at once
        when there was nothing to save). Whatever is submitted to the database worker after this call
        runs after the save."""
        self._timer.stop()
        self._retry.stop()
        if not self.editable:
            if then is not None:
                then()
            return
        if not self.stored and not self._creating:
            if not self._dirty:
                if then is not None:
                    then()
                return
            self._create(then)
            return
        if self._creating:
            # the first save is on its way; the snapshot follows it (see _created)
            if then is not None:
                self._after_create.append(then)
            return
        if not self._dirty:
            if then is not None:
                if self._pending:
                    self._run_db(
                        lambda: None, on_done=lambda _r: then(), name="intake.after-save", owner=self
                    )
                else:
                    then()
            return
        self._submit(then)

    def _create(self, then: Callable[[], None] | None) -> None:
        self._creating = True
        self._after_create = [then] if then is not None else []
        self.saving_changed.emit(True)
        if not self._run_db(
            self.services.requests.new_draft,
            self.request.channel,
            on_done=self._created,
            on_error=self._create_failed,
            name="intake.new_draft",
            owner=self,
        ):
            self._creating = False
            self._after_create = []

    def _created(self, stored: ServiceRequest) -> None:
        # The stored draft has the id, state, author and time; what was typed meanwhile stays ours.
        self.request.id = stored.id
        self.request.created_at = stored.created_at
        self.request.created_by = stored.created_by
        self.request.state = stored.state
        self.stored = True
        self._creating = False
        log.info("intake draft %s created", stored.id)
        self.created.emit(stored.id)
        waiting = self._after_create
        self._after_create = []
        self._dirty = True  # the fields typed before the draft existed are saved now
        self._submit(None)
        for then in waiting:
            self._run_db(lambda: None, on_done=lambda _r, t=then: t(), name="intake.after-save", owner=self)

    def _create_failed(self, failure: TaskFailure) -> None:
        self._creating = False
        self._after_create = []
        self._report(failure)

    def _submit(self, then: Callable[[], None] | None) -> None:
        self._dirty = False
        snapshot = copy.deepcopy(self.request)

        def done(_result: ServiceRequest) -> None:
            self._pending -= 1
            self.last_saved = datetime.now()
            self.last_error = ""
            self.saved.emit(self.last_saved)
            if not self.busy:
                self.saving_changed.emit(False)
            if then is not None:
                then()

        def failed(failure: TaskFailure) -> None:
            self._pending -= 1
            self._dirty = True  # try again with the next change
            self._report(failure)

        if self._run_db(
            self.services.requests.save_draft,
            snapshot,
            on_done=done,
            on_error=failed,
            name="intake.save_draft",
            owner=self,
        ):
            self._pending += 1  # its callbacks come later, on the GUI thread

    def _run_db(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Submit to the database worker. False when the runner has already stopped (the app is
        closing): the change stays in memory and the keeper stays dirty."""
        try:
            self.tasks.run_db(fn, *args, **kwargs)
        except RuntimeError:
            log.warning("intake draft %s not saved: the task runner is shut down", self.request.id)
            self._dirty = True
            return False
        return True

    def _report(self, failure: TaskFailure) -> None:
        self.last_error = failure.message
        self.failed.emit(failure.message)
        if self.editable:
            self._dirty = True
            self._retry.start()
