"""The inactivity lock's event filter: off for a pause after input, the lock never early."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QLabel

from mobile_case.ui.login import INPUT_PAUSE_S, InactivityWatcher


class CountingWatcher(InactivityWatcher):
    """Counts the events that cross into Python through the application-wide filter."""

    def __init__(self, minutes: float) -> None:
        self.filtered = 0
        super().__init__(minutes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        self.filtered += 1
        return super().eventFilter(watched, event)


def _post_events(target: QObject, n: int) -> None:
    for _ in range(n):
        QCoreApplication.postEvent(target, QEvent(QEvent.Type.User))
    QCoreApplication.processEvents()


def test_after_input_the_filter_steps_aside_for_the_pause(qtbot) -> None:
    target = QLabel("x")
    qtbot.addWidget(target)
    target.show()
    watcher = CountingWatcher(5)  # 5 minutes: the pause is INPUT_PAUSE_S
    try:
        assert watcher.listening and watcher.pause_seconds == INPUT_PAUSE_S
        _post_events(target, 200)
        assert watcher.filtered >= 200  # listening: every event of the application crosses into Python
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
        assert not watcher.listening and watcher._pause.isActive()
        before = watcher.filtered
        _post_events(target, 500)  # e.g. a big screen built after the tap
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
        assert watcher.filtered == before  # none of them (nor the next tap) reached Python
        watcher._pause.stop()
        watcher._listen_again()  # the pause is over
        assert watcher.listening
        _post_events(target, 10)
        assert watcher.filtered >= before + 10
    finally:
        watcher.stop()
    assert not watcher.listening
    stopped = watcher.filtered
    _post_events(target, 10)
    assert watcher.filtered == stopped


def test_the_lock_comes_after_the_full_interval_without_input_never_earlier(qtbot) -> None:
    target = QLabel("x")
    qtbot.addWidget(target)
    target.show()
    watcher = InactivityWatcher(0.01)  # 600 ms; the pause is 60 ms
    fired: list[float] = []
    watcher.timed_out.connect(lambda: fired.append(time.monotonic()))
    try:
        assert abs(watcher.pause_seconds - 0.06) < 1e-9
        last_input = 0.0
        for _ in range(8):  # input every 150 ms for 1.2 s: longer than the interval, no lock
            qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
            last_input = time.monotonic()
            qtbot.wait(150)
        assert fired == []
        qtbot.waitUntil(lambda: fired != [], timeout=5000)
        idle = fired[0] - last_input
        assert 0.6 - 0.02 <= idle  # never before the interval (timer granularity aside)
        assert not watcher.listening  # a lock fired: nothing more to watch until restart()
    finally:
        watcher.stop()


def test_input_during_the_pause_still_postpones_the_lock(qtbot) -> None:
    """The end of a pause counts as input: a user tapping only while the filter is off is not locked
    out in the middle of their work."""
    target = QLabel("x")
    qtbot.addWidget(target)
    target.show()
    watcher = InactivityWatcher(0.01)  # 600 ms, pause 60 ms
    fired = []
    watcher.timed_out.connect(lambda: fired.append(True))
    try:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
        assert not watcher.listening
        watcher._pause.setInterval(500)  # a long pause: the check falls inside it
        watcher._pause.start()
        watcher._timer.start(100)
        qtbot.wait(300)
        assert fired == [] and watcher._timer.isActive()  # moved past the pause, not fired
        qtbot.waitUntil(lambda: fired == [True], timeout=5000)
    finally:
        watcher.stop()


def test_the_filter_benchmark_runs_and_reports() -> None:
    """benchmarks/bench_inactivity_filter.py --quick: the script runs and prints its three figures."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "bench_inactivity_filter.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    for line in ("no watcher \\(baseline\\)", "filter listening", "after a tap \\(filter paused\\)"):
        assert re.search(rf"{line}\s+\d+\.\d ms", result.stdout), result.stdout
    assert re.search(r"^target\b.*: (met|NOT met)$", result.stdout, re.M)
