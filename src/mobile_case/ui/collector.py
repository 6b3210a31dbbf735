"""Python's cyclic garbage collector: start-up frozen, full collections on the GUI thread only.

Installed by ``app.main`` once start-up is done. Two problems with the automatic collector in this app
(docs/design/requests-ui-visit.md 2, requests-e2e.md 5):

- **Pauses.** A full (generation 2) collection walks every tracked object of the process while it holds
  the GIL, so every thread — the GUI thread too — stands still for it: 400–700 ms while a 20,000-line
  journal was read in the database worker. The automatic collector starts one whenever enough objects
  have survived the young collections, in the middle of whatever allocates.
- **The thread it runs in.** A collection runs in whichever thread allocates when a threshold is
  crossed — usually the database worker. If it frees a Qt object left in a reference cycle (a closed
  window, a dialog), the object is deleted there, off the GUI thread: a crash in ``QUnifiedTimer`` was
  traced to exactly that (a window of an earlier test, collected by a full collection in ``mc-db_0``).

:func:`install`:

1. ``gc.freeze()``-s what start-up built (the imported modules, the profile, the services, the login
   window — Instagram's recipe): those objects are never walked again. Without a collection first:
   ``app.main`` holds the collector back during start-up, so everything start-up made is still in the
   young generation, and a full collection of it (~150,000 objects) held the GUI thread 80–140 ms just
   as the login form became usable, to free ~500 objects (functions, dicts and classes made while
   importing; no Qt objects) — kept now, frozen, a few dozen kilobytes;
2. keeps the automatic *young* collections (generations 0 and 1: small, a few thousand objects, in any
   thread — they are cheap and keep the memory of short-lived cycles in check) but raises the
   generation-2 threshold out of reach, so the automatic collector never starts a *full* collection;
3. runs the full collections on the GUI thread (:class:`GuiCollector`, a timer): when as many young
   collections have happened as the automatic collector would wait for, at most every
   :data:`FULL_MIN_S` seconds, preferably while no background operation runs (a long one waits at
   most :data:`FULL_MAX_WAIT_S`), never inside :func:`gc_paused`.

So objects that lived long enough to reach the old generation (windows, dialogs, pages) are only ever
freed by a collection on the GUI thread. (A Qt object that becomes cyclic garbage while still young can
be freed by a young collection in another thread; parentless Qt objects are not kept in cycles.)

:func:`gc_paused` (used by the journals while they read a large journal) holds every collection back —
the automatic young ones and the GUI thread's full ones — until the read is over; reference counting
frees what it can in the meantime.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

TICK_MS = 1000  # how often the GUI thread looks whether a full collection is due
FULL_MIN_S = 5.0  # at most one full collection this often
FULL_MAX_WAIT_S = 30.0  # a due full collection waits for idle workers at most this long
OUT_OF_REACH = 1 << 30  # the generation-2 threshold while installed

_pause_lock = threading.Lock()
_pause_depth = 0
_pause_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection (automatic or the GUI thread's) inside this block, in any thread.

    Reading 100,000 journal lines allocates millions of objects; every few hundred thousand the
    collector would run a full pass over the whole heap, holding the GIL for half a second or more —
    and the GUI thread with it. Reference counting still frees everything in the meantime; the
    collector runs again afterwards."""
    global _pause_depth, _pause_was_enabled
    with _pause_lock:
        if _pause_depth == 0:
            _pause_was_enabled = gc.isenabled()
            gc.disable()
        _pause_depth += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pause_depth -= 1
            if _pause_depth == 0 and _pause_was_enabled:
                gc.enable()


def paused() -> bool:
    return _pause_depth > 0


class GuiCollector(QObject):
    """Full collections, by a timer on the thread this object lives in (the GUI thread)."""

    def __init__(self, tasks: Any = None, full_after: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.full_after = full_after  # young (generation-1) collections before a full one is due
        self.full_collections = 0
        self._last_full = time.monotonic()
        self._tasks = tasks
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _workers_busy(self) -> bool:
        try:
            return bool(self._tasks is not None and self._tasks.busy)
        except RuntimeError:  # the runner is gone
            return False

    def due(self) -> bool:
        """Whether a full collection should run now."""
        if paused() or gc.get_count()[2] < self.full_after:
            return False
        waited = time.monotonic() - self._last_full
        if waited < FULL_MIN_S:
            return False
        return not self._workers_busy() or waited >= FULL_MAX_WAIT_S

    def tick(self) -> bool:
        if not self.due():
            return False
        self.collect()
        return True

    def collect(self) -> None:
        gc.collect(2)
        self.full_collections += 1
        self._last_full = time.monotonic()


_installed: GuiCollector | None = None
_thresholds: tuple[int, int, int] = gc.get_threshold()


def install(tasks: Any = None) -> GuiCollector:
    """Once start-up is done (on the GUI thread): freeze what start-up built (no collection: see the
    module's notes) and leave full collections to the GUI thread from now on. Idempotent."""
    global _installed, _thresholds
    if _installed is not None:
        return _installed
    gc.freeze()
    _thresholds = gc.get_threshold()
    young, older, full_after = _thresholds
    collector = GuiCollector(tasks, full_after=full_after)
    gc.set_threshold(young, older, OUT_OF_REACH)
    collector.start()
    _installed = collector
    # (not gc.get_freeze_count() in the message: it walks the frozen list, ~20 ms for 150,000 objects)
    log.info("garbage collector: start-up frozen; full collections on the GUI thread")
    return collector


def uninstall() -> None:
    """Back to Python's automatic collector (tests; the app keeps the policy until it exits)."""
    global _installed
    collector, _installed = _installed, None
    if collector is None:
        return
    collector.stop()
    collector.deleteLater()
    gc.set_threshold(*_thresholds)
    gc.unfreeze()


def installed() -> GuiCollector | None:
    return _installed
