"""ui/collector.py: start-up frozen, full garbage collections only on the GUI thread (app.main installs it).

The heartbeat test measures what the policy is for: a 5 ms QTimer on the GUI thread records how long the
GUI thread could not react while the database worker allocates (and keeps) a few hundred thousand
objects on top of a large start-up heap — with Python's automatic collector, then with the policy.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from mobile_case.ui import collector as collector_module


@pytest.fixture
def policy(tasks: Any) -> Iterator[Any]:
    installed = collector_module.install(tasks)
    try:
        yield installed
    finally:
        collector_module.uninstall()
    assert gc.get_freeze_count() == 0 and gc.get_threshold()[2] < collector_module.OUT_OF_REACH


class GcLog:
    """Every collection: (generation, thread name, milliseconds)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, str, float]] = []
        self._started: dict[int, float] = {}
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._started[ident] = time.perf_counter()
        elif ident in self._started:
            ms = (time.perf_counter() - self._started.pop(ident)) * 1000
            self.spans.append((info["generation"], threading.current_thread().name, ms))

    def close(self) -> None:
        if self._callback in gc.callbacks:
            gc.callbacks.remove(self._callback)


class Probe(QObject):
    """A parentless Qt object that remembers the thread it was destroyed in."""

    deleted_in: list[str] = []

    def __del__(self) -> None:
        Probe.deleted_in.append(threading.current_thread().name)


def allocate(count: int, keep: list) -> None:
    """A worker's job: many tracked objects, kept, and some reference cycles (garbage)."""
    for i in range(count):
        keep.append({"n": i, "items": [i]})
        if i % 4 == 0:
            cycle: list = []
            cycle.append(cycle)


def run_in_worker(tasks: Any, fn: Any, *args: Any) -> None:
    done = threading.Event()
    tasks.run_db(lambda: (fn(*args), done.set()), name="allocate")
    while not done.is_set():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    assert tasks.wait_idle(30)


def test_start_up_is_frozen_and_old_objects_are_freed_on_the_gui_thread_only(tasks: Any, policy: Any) -> None:
    assert gc.get_freeze_count() > 0  # what start-up built is never walked again
    assert gc.isenabled() and gc.get_threshold()[2] == collector_module.OUT_OF_REACH
    # an old window-like object left in a reference cycle
    Probe.deleted_in = []
    holder: list = [Probe()]
    holder.append(holder)
    gc.collect(1)
    gc.collect(1)  # survived two young collections: in the old generation now
    del holder
    log = GcLog()
    try:
        run_in_worker(tasks, allocate, 150_000, [])
    finally:
        log.close()
    worker = {(gen, name) for gen, name, _ms in log.spans if name != "MainThread"}
    assert worker, "the worker's allocations ran young collections"
    assert {gen for gen, _name in worker} <= {0, 1}, worker  # never a full one off the GUI thread
    assert Probe.deleted_in == []  # not freed by the worker's young collections
    assert gc.get_count()[2] >= policy.full_after  # a full collection is due
    policy._last_full -= collector_module.FULL_MIN_S
    assert policy.tick() and policy.full_collections == 1
    assert Probe.deleted_in == ["MainThread"]


def test_no_full_collection_inside_gc_paused_or_too_soon(tasks: Any, policy: Any) -> None:
    run_in_worker(tasks, allocate, 100_000, [])
    assert gc.get_count()[2] >= policy.full_after
    assert not policy.due()  # the last one (install's) was less than FULL_MIN_S ago
    policy._last_full -= collector_module.FULL_MIN_S
    with collector_module.gc_paused():
        assert not gc.isenabled() and not policy.due()
    assert gc.isenabled() and policy.due()
    # while the workers are busy a due collection waits (up to FULL_MAX_WAIT_S)
    gate = threading.Event()
    tasks.run_db(gate.wait, 10, name="busy")
    try:
        assert not policy.due()
        policy._last_full -= collector_module.FULL_MAX_WAIT_S
        assert policy.due()
    finally:
        gate.set()
        assert tasks.wait_idle(10)


def heartbeat_during(tasks: Any, job: Any) -> tuple[float, list[tuple[int, str, float]]]:
    """The GUI thread's worst gap between 5 ms heartbeat ticks while ``job`` runs in the db worker,
    and the collections during it."""
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(beat)
    log = GcLog()
    QApplication.processEvents()
    last[0] = time.perf_counter()
    timer.start()
    try:
        run_in_worker(tasks, job)
    finally:
        timer.stop()
        log.close()
    beat()
    return max(gaps), log.spans


@pytest.mark.slow
def test_heartbeat_gui_thread_stalls_with_and_without_the_policy(tasks: Any) -> None:
    """A start-up heap of 400,000 objects; the worker makes and keeps 300,000 more. The automatic
    collector runs full collections in the worker, each walking the whole heap while every thread waits;
    with the policy only small young collections run during the job."""
    start_up = [[i] for i in range(400_000)]  # imported modules, profile, widgets…
    kept: list = []
    try:
        before, before_gcs = heartbeat_during(tasks, lambda: allocate(300_000, kept))
        kept.clear()
        gc.collect()
        collector_module.install(tasks)
        try:
            after, after_gcs = heartbeat_during(tasks, lambda: allocate(300_000, kept))
        finally:
            collector_module.uninstall()
    finally:
        kept.clear()
        del start_up
    worst_gc_before = max(ms for _g, _n, ms in before_gcs)
    worst_gc_after = max(ms for _g, _n, ms in after_gcs)
    full_before = [ms for g, _n, ms in before_gcs if g == 2]
    print(
        f"heartbeat: worst GUI gap {before:.0f} ms with the automatic collector "
        f"({len(full_before)} full collections, worst {worst_gc_before:.0f} ms), "
        f"{after:.0f} ms with the policy (worst collection {worst_gc_after:.0f} ms)"
    )
    assert full_before, "the automatic collector ran full collections during the job"
    assert not [g for g, _n, _ms in after_gcs if g == 2]  # none during the job with the policy
    assert worst_gc_after < worst_gc_before / 2
    assert after < before


def test_install_freezes_start_up_without_walking_it(tasks: Any) -> None:
    """With the collector held back during start-up (app.main) everything start-up made is young: a
    collection at install would walk all of it on the GUI thread (80–140 ms in the app) — install only
    freezes it."""
    collections: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    start_up = [[i] for i in range(200_000)]  # what start-up built, still young
    gc.disable()
    gc.callbacks.append(count)
    try:
        started = time.perf_counter()
        collector_module.install(tasks)
        took = time.perf_counter() - started
        assert collections == []  # no collection at all
        assert gc.get_freeze_count() >= len(start_up)
        assert took < 0.05
    finally:
        gc.callbacks.remove(count)
        gc.enable()
        collector_module.uninstall()
        del start_up
