"""What the inactivity lock's event filter costs the GUI thread while a big screen is built and shown.

    .venv/bin/python benchmarks/bench_inactivity_filter.py [--rounds 9] [--widgets 300] [--quick]

A screen of ``--widgets`` rows (a label and a button each: the home page's columns and the journals'
filter bar are of that kind) is built, shown, laid out and painted, then destroyed, on the GUI thread;
the CPU time of that is measured in three states of ``ui.login.InactivityWatcher``, alternated round by
round in one process:

* none      — no watcher (the baseline: what the screen costs by itself);
* listening — the application-wide filter installed: every Qt event of every object crosses into
              Python (what the watcher did all the time before);
* paused    — the watcher as it is right after a tap (its filter steps aside for a few seconds): the
              state in which screens opened by a tap are built.

Target: building a screen after a tap (paused) costs ≤ 1.1× the baseline. The listening figure is
reported to show what the pause saves.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from benchlib import use_offscreen_here

TARGET_RATIO = 1.1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="measured rounds of each state (default 9)")
    parser.add_argument("--widgets", type=int, default=300, help="rows of the screen (default 300)")
    parser.add_argument("--quick", action="store_true", help="2 rounds of a 60-row screen (smoke test)")
    args = parser.parse_args(argv)
    rounds, rows = (2, 60) if args.quick else (max(1, args.rounds), max(1, args.widgets))

    use_offscreen_here()
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

    from mobile_case.ui.login import InactivityWatcher

    app = QApplication.instance() or QApplication(sys.argv[:1])

    def build_and_show() -> float:
        started = time.process_time()
        screen = QWidget()
        layout = QVBoxLayout(screen)
        for i in range(rows):
            layout.addWidget(QLabel(f"Рядок {i + 1}: с. Бичківці, вул. Церковна {i + 1}"))
            layout.addWidget(QPushButton("Відкрити"))
        screen.resize(1280, 800)
        screen.show()
        app.processEvents()
        screen.hide()
        screen.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        return (time.process_time() - started) * 1000

    def measure(state: str) -> float:
        watcher = None
        if state != "none":
            watcher = InactivityWatcher(5)
            if state == "paused":  # what a tap does: the filter steps aside for the pause
                watcher._set_listening(False)
                watcher._pause.start(60_000)
        try:
            return build_and_show()
        finally:
            if watcher is not None:
                watcher.stop()
                watcher.deleteLater()

    build_and_show()  # warm-up: fonts, styles, type objects
    states = ("none", "listening", "paused")
    times: dict[str, list[float]] = {s: [] for s in states}
    for i in range(rounds):
        for state in states if i % 2 == 0 else states[::-1]:
            times[state].append(measure(state))
    med = {s: statistics.median(v) for s, v in times.items()}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; a screen of {rows} rows, {rounds} rounds")
    print("GUI-thread CPU time to build, show, paint and destroy it (medians):")
    print(f"  no watcher (baseline)            {med['none']:7.1f} ms")
    print(
        f"  filter listening                 {med['listening']:7.1f} ms  = {med['listening'] / med['none']:.2f}x"
    )
    print(f"  after a tap (filter paused)      {med['paused']:7.1f} ms  = {med['paused'] / med['none']:.2f}x")
    ok = med["paused"] <= TARGET_RATIO * med["none"]
    print(f"target: a screen built after a tap ≤ {TARGET_RATIO}x the baseline: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
