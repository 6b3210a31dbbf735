"""Named background operations: one database writer, a pool for devices and rendering.

The pattern of Anki's ``CollectionOp`` and Picard's ``run_task``: the GUI thread never waits on the
database, a device, a PDF or the network. Every operation runs in a worker and its result — or its
error — comes back *on the GUI thread* through a queued signal, where the callbacks may touch widgets.

- ``run_db(fn, *args, on_done=..., on_error=...)`` — on the single database worker. Service calls go
  here, in submission order, one at a time (SQLite has one writer; services open short sessions).
- ``run_io(fn, *args, on_done=..., on_error=...)`` — on a small general pool: device reads, scans,
  printing, rendering, file export.

Errors: a :class:`~mobile_case.domain.errors.DomainError` carries its Ukrainian ``user_message``;
any other exception is logged (type and stack frames only — never the message, which could hold
personal data) and the user sees a generic Ukrainian message. ``on_error`` receives a
:class:`TaskFailure`; without ``on_error`` the runner emits :attr:`TaskRunner.failed`, which the main
window shows in its message banner.

``owner``: pass the widget that asked. If it has been deleted when the result arrives, the callbacks
are skipped (no "C++ object already deleted" crash after a screen was closed).

In tests: ``runner.wait_idle()`` (or the module function ``wait_idle()``) processes Qt events until
every submitted operation has finished and its callbacks have run.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal, Slot

from mobile_case.domain.errors import DomainError

log = logging.getLogger(__name__)

DB = "db"
IO = "io"


def generic_error_message() -> str:
    return QCoreApplication.translate(
        "Tasks",
        "Something went wrong. The data already saved is safe. Try again; if it repeats, "
        "tell the CNAP's IT person (the details are in the log).",
    )


def user_message_for(exc: BaseException) -> str:
    """The Ukrainian text to show for an exception raised by a worker."""
    if isinstance(exc, DomainError) and exc.user_message:
        return exc.user_message
    return generic_error_message()


def log_failure(name: str, exc: BaseException) -> None:
    """Log a failed operation without personal data: domain errors by their English log message
    (personal-data free by contract), anything else by type and stack frames only."""
    if isinstance(exc, DomainError):
        log.warning("operation %s failed: %s: %s", name, type(exc).__name__, exc)
        return
    import traceback

    # file, line and function of each frame — no source text, no locals, no exception message
    frames = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(exc.__traceback__)
    )
    log.error("operation %s failed with %s\n%s", name, type(exc).__name__, frames)


class TaskFailure:
    """What ``on_error`` receives. (Plain classes here, not dataclasses: this module is imported before
    the login window paints, and ``dataclasses`` costs a few ms of cold start.)"""

    __slots__ = ("name", "exception", "message")

    def __init__(self, name: str, exception: BaseException, message: str) -> None:
        self.name = name
        self.exception = exception
        self.message = message  # Ukrainian, ready to show

    def __repr__(self) -> str:
        return f"TaskFailure({self.name!r}, {type(self.exception).__name__})"

    @property
    def is_domain(self) -> bool:
        return isinstance(self.exception, DomainError)


class Task:
    """A submitted operation. ``done`` becomes True after its callbacks have run on the GUI thread."""

    __slots__ = (
        "id",
        "name",
        "lane",
        "on_done",
        "on_error",
        "owner",
        "done",
        "result",
        "failure",
        "started_at",
        "_outcome",
    )

    def __init__(
        self,
        id: int,  # noqa: A002 - the task's number
        name: str,
        lane: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[TaskFailure], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        self.id = id
        self.name = name
        self.lane = lane
        self.on_done = on_done
        self.on_error = on_error
        self.owner = owner
        self.done = False
        self.result: Any = None
        self.failure: TaskFailure | None = None
        self.started_at = time.monotonic()
        self._outcome: tuple[Any, BaseException | None] = (None, None)

    def __repr__(self) -> str:
        return f"Task({self.id}, {self.name!r}, {self.lane}, done={self.done})"


class _Relay(QObject):
    """Lives in the GUI thread; worker threads emit ``finished`` and Qt queues it to the GUI thread."""

    # Only the Task travels through the signal (its outcome is stored on it first): PySide6 mishandles
    # the reference count of ``None`` passed as an ``object`` argument across threads.
    finished = Signal(object)


def _owner_alive(owner: QObject | None) -> bool:
    if owner is None:
        return True
    try:
        import shiboken6

        return shiboken6.isValid(owner)
    except Exception:  # pragma: no cover - shiboken6 always ships with PySide6
        return True


class TaskRunner(QObject):
    """Runs named operations in workers and hands results back on the GUI thread."""

    failed = Signal(object)  # TaskFailure of an operation that had no on_error
    busy_changed = Signal(bool)
    finished = Signal(object)  # Task, after its callbacks ran

    def __init__(self, io_workers: int = 3, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._io_workers = io_workers
        self._db: Any = None  # ThreadPoolExecutors, created on first use (keeps start-up light)
        self._io: Any = None
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._ids = itertools.count(1)
        self._pending: dict[int, Task] = {}
        self._lock = threading.Lock()
        self._closed = False

    # -- submitting -------------------------------------------------------------------------------
    def run_db(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[TaskFailure], None] | None = None,
        name: str | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run ``fn(*args, **kwargs)`` on the single database worker."""
        return self._submit(DB, fn, args, kwargs, on_done, on_error, name, owner)

    def run_io(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[TaskFailure], None] | None = None,
        name: str | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run ``fn(*args, **kwargs)`` on the device/rendering pool."""
        return self._submit(IO, fn, args, kwargs, on_done, on_error, name, owner)

    def _pool(self, lane: str) -> Any:
        from concurrent.futures import ThreadPoolExecutor

        if lane == DB:
            if self._db is None:
                self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mc-db")
            return self._db
        if self._io is None:
            self._io = ThreadPoolExecutor(max_workers=self._io_workers, thread_name_prefix="mc-io")
        return self._io

    def _submit(self, lane, fn, args, kwargs, on_done, on_error, name, owner) -> Task:
        task = Task(
            id=next(self._ids),
            name=name or getattr(fn, "__qualname__", None) or repr(fn),
            lane=lane,
            on_done=on_done,
            on_error=on_error,
            owner=owner,
        )
        if self._closed:
            # The app is closing (or a test ended) and a widget's timer still asked for work: refuse it
            # visibly in the log and on the task, never with an exception inside a Qt slot.
            log.warning("operation %s refused: the task runner is shut down", task.name)
            task.failure = TaskFailure(
                task.name, RuntimeError("task runner shut down"), generic_error_message()
            )
            task.done = True
            task.owner = None
            return task
        pool = self._pool(lane)
        with self._lock:
            was_idle = not self._pending
            self._pending[task.id] = task
        if was_idle:
            self.busy_changed.emit(True)
        pool.submit(self._call, task, fn, args, kwargs)  # the outcome travels through the relay signal
        return task

    def _call(self, task: Task, fn, args, kwargs) -> None:
        try:
            task._outcome = (fn(*args, **kwargs), None)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
            task._outcome = (None, exc)
        self._relay.finished.emit(task)

    # -- delivering (GUI thread) ------------------------------------------------------------------
    @Slot(object)
    def _deliver(self, task: Task) -> None:
        result, exc = task._outcome
        task._outcome = (None, None)
        try:
            alive = _owner_alive(task.owner)
            if exc is None:
                task.result = result
                if task.on_done is not None and alive:
                    try:
                        task.on_done(result)
                    except Exception as cb_exc:  # a bug in a GUI callback
                        self._fail(task, cb_exc, alive, in_callback=True)
            else:
                self._fail(task, exc, alive)
        finally:
            task.done = True
            task.owner = None
            with self._lock:
                self._pending.pop(task.id, None)
                now_idle = not self._pending
            self.finished.emit(task)
            if now_idle:
                self.busy_changed.emit(False)

    def _fail(self, task: Task, exc: BaseException, alive: bool, in_callback: bool = False) -> None:
        log_failure(task.name + (" (callback)" if in_callback else ""), exc)
        failure = TaskFailure(task.name, exc, user_message_for(exc))
        task.failure = failure
        if not alive:
            return
        if task.on_error is not None and not in_callback:
            try:
                task.on_error(failure)
                return
            except Exception as cb_exc:
                log_failure(task.name + " (error callback)", cb_exc)
        self.failed.emit(failure)

    # -- state ------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def pending_names(self) -> list[str]:
        with self._lock:
            return [t.name for t in self._pending.values()]

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Process Qt events until nothing is pending (True) or ``timeout`` seconds pass (False).

        Callbacks may submit further operations; those are waited for too."""
        deadline = time.monotonic() + timeout
        app = QCoreApplication.instance()
        while True:
            if app is not None:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if not self.busy:
                if app is not None:
                    app.processEvents()
                if not self.busy:
                    return True
            if time.monotonic() > deadline:
                log.warning("wait_idle timed out; pending: %s", ", ".join(self.pending_names()))
                return False
            time.sleep(0.002)

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work; with ``wait`` finish what is running (the db worker never stops
        mid-transaction)."""
        self._closed = True
        for pool in (self._db, self._io):
            if pool is not None:
                pool.shutdown(wait=wait, cancel_futures=not wait)


# -- the application's runner ---------------------------------------------------------------------
_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    """The application's runner (created on first use, in the GUI thread)."""
    global _runner
    if _runner is None or _runner._closed:
        _runner = TaskRunner()
    return _runner


def set_runner(new: TaskRunner | None) -> None:
    """Install a runner (app start-up, tests). ``None`` forgets the current one."""
    global _runner
    _runner = new


def run_db(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
    """``runner().run_db(...)`` — see :meth:`TaskRunner.run_db`."""
    return runner().run_db(fn, *args, **kwargs)


def run_io(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
    """``runner().run_io(...)`` — see :meth:`TaskRunner.run_io`."""
    return runner().run_io(fn, *args, **kwargs)


def wait_idle(timeout: float = 10.0) -> bool:
    """Tests: wait until the application's runner has nothing pending."""
    return runner().wait_idle(timeout)
