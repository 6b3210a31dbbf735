"""Cold start of the app to its interactive login window, against a bare PySide6 window.

    .venv/bin/python benchmarks/bench_startup.py [--rounds 9] [--quick] [--profile]

Each run is a fresh Python process spawned by this script; the time is taken here, from spawning the
process to the line the child prints once its window has painted for the first time (a zero timer
queued from the window's first paint event, so the whole first frame is on screen). Two kinds of
child, alternated (app, bare, bare, app, …) so that a slow moment of the machine hits both:

* bare — ``QApplication`` + a ``QWidget`` 1280×800 shown, nothing else (what no Qt app can beat);
* app  — the real ``mobile-case --data-dir D`` (``cli.main`` → ``app.main``) on a data folder that
  already holds the demo store (a copy of one seeded once a day into the bench cache), so seeding is
  not counted; one unmeasured run of each kind goes first. The
  login window is painted before the store is opened on the database worker; the same process also
  says when the store is open (``LoginWindow.set_services`` called) and when the login form is shown
  (the users were counted), and then quits. Those two are reported separately: they are when a login
  is really possible.

Environment of every child: ``QT_QPA_PLATFORM=offscreen``, ``PYTHON_KEYRING_BACKEND`` = the *fail*
backend (the database key lives in a key file in the data folder). The child's hooks are small
wrappers installed from here; the app's code is not changed.

Each child also prints its own CPU time (``time.process_time()``: user + system of all its threads since
it started) when its first frame is painted; the ratio of those medians is reported next to the wall
clock's, as the machine's load stretches it much less. The marker imports Qt only when it is made, so the
app child imports Qt where ``mobile-case`` does (in ``app.main``), not before ``cli.main``.

Target (issue 2): median app start ≤ 1.3 × median bare start. Exit status 1 when it is not met.
``--profile`` runs the app once more under ``python -X importtime`` and lists the modules imported
before the login window painted, by their own import time and cumulatively.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import ROOT, child_env, demo_store

TARGET_RATIO = 1.3
TIMEOUT_S = 120.0
WINDOW_SHOWN = "--- login window painted ---"  # written to stderr by the app child (for --profile)

# Shared by both children: print ``label`` once the window's first paint has been handled.
_MARKER = r"""
import sys
import time


def first_paint(window, label, then):
    # Made right after window.show(): prints "shown" from a zero timer (the event loop runs, the paint
    # is still to come) and `label` once the first paint has been handled. Qt is imported here, not at
    # the top: the app child must import it where `mobile-case` does (app.main), not before cli.main.
    from PySide6.QtCore import QEvent, QObject, QTimer

    paint = QEvent.Type.Paint

    class FirstPaint(QObject):
        def __init__(self):
            super().__init__(window)
            self.seen = False
            window.installEventFilter(self)
            QTimer.singleShot(0, lambda: print("shown", flush=True))

        def eventFilter(self, obj, event):
            if not self.seen and obj is window and event.type() == paint:
                self.seen = True
                QTimer.singleShot(0, self.report)  # after the whole first frame is painted
            return False

        def report(self):
            window.removeEventFilter(self)
            # CPU time of the whole process since it started (all threads; what the machine's load
            # does not stretch as it stretches the wall clock)
            print(f"cpu {time.process_time() * 1000:.1f}", flush=True)
            print(label, flush=True)
            then()

    return FirstPaint()
"""

BARE_CHILD = (
    _MARKER
    + r"""
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1280, 800)
window.show()
marker = first_paint(window, "window", app.quit)
sys.exit(app.exec())
"""
)

# The app child: ``mobile-case --data-dir D`` with print hooks wrapped around the controller.
APP_CHILD = (
    _MARKER
    + r"""
from mobile_case import app as _app

_state = {"window": False, "login": False}
_start = _app.AppController.start


def _start_with_hooks(self):
    _start(self)  # builds and shows the login window; the store opens after the first paint
    login_window = self.login_window
    set_services = login_window.set_services
    on_has_users = login_window._on_has_users

    def window_painted():
        print("--- login window painted ---", file=sys.stderr, flush=True)
        _state["window"] = True
        if _state["login"]:
            self.quit(0)

    def set_services_hook(services):
        print("store", flush=True)
        set_services(services)

    def on_has_users_hook(has_users):
        on_has_users(has_users)
        print("login" if has_users else "first-run", flush=True)
        _state["login"] = True
        if _state["window"]:
            self.quit(0)

    self._first_paint_marker = first_paint(login_window, "window", window_painted)
    login_window.set_services = set_services_hook
    login_window._on_has_users = on_has_users_hook


_app.AppController.start = _start_with_hooks
from mobile_case.cli import main

sys.exit(main(sys.argv[1:]))
"""
)


@dataclass
class Run:
    kind: str
    marks: dict[str, float] = field(default_factory=dict)  # label -> seconds since spawn
    cpu_ms: float = 0.0  # the child's own CPU time (user + system) when its first frame was painted
    stderr: str = ""


def spawn(kind: str, data_dir: Path, *, importtime: bool = False) -> Run:
    """One child process; returns the time of each line it printed, measured from the spawn."""
    code = BARE_CHILD if kind == "bare" else APP_CHILD
    cmd = [sys.executable]
    if importtime:
        cmd += ["-X", "importtime"]
    cmd += ["-c", code]
    if kind == "app":
        cmd += ["--data-dir", str(data_dir)]
    run = Run(kind)
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=child_env(), cwd=ROOT)
        timer = threading.Timer(TIMEOUT_S, proc.kill)
        timer.start()
        try:
            assert proc.stdout is not None
            for raw in proc.stdout:
                line = raw.decode().strip()
                if line.startswith("cpu "):
                    run.cpu_ms = float(line[4:])
                else:
                    run.marks.setdefault(line, time.perf_counter() - started)
            code_ = proc.wait()
        finally:
            timer.cancel()
        err.seek(0)
        run.stderr = err.read().decode(errors="replace")
    if code_ != 0 or "window" not in run.marks:
        tail = "\n".join(run.stderr.splitlines()[-30:])
        raise RuntimeError(f"{kind} child failed (exit {code_}, printed {sorted(run.marks)}):\n{tail}")
    if kind == "app" and "login" not in run.marks:
        raise RuntimeError(f"the app did not reach its login form (printed {sorted(run.marks)})")
    return run


def importtime_report(stderr: str, top: int = 20) -> str:
    """The modules imported before the login window painted: by own time and cumulative time."""
    rows = []  # (self µs, cumulative µs, name with its nesting indent)
    for line in stderr.splitlines():
        if line.startswith(WINDOW_SHOWN):
            break
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:") :].split("|", 2)
        rows.append((int(self_us), int(cumulative_us), name[1:].rstrip()))
    total = sum(r[0] for r in rows)
    out = [f"imports before the login window painted: {len(rows)} modules, {total / 1000:.0f} ms in all"]
    out.append("  by own time:")
    for self_us, _cum, name in sorted(rows, reverse=True)[:top]:
        out.append(f"    {self_us / 1000:7.1f} ms  {name.strip()}")
    out.append("  top-level imports, cumulative:")
    for _self, cum, name in sorted((r for r in rows if not r[2].startswith(" ")), key=lambda r: -r[1])[:top]:
        out.append(f"    {cum / 1000:7.1f} ms  {name}")
    return "\n".join(out)


def median_ms(runs: list[Run], mark: str) -> float:
    return statistics.median(r.marks[mark] for r in runs) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="measured runs of each kind (default 9)")
    parser.add_argument("--quick", action="store_true", help="one round of each (smoke test)")
    parser.add_argument("--profile", action="store_true", help="also list the imports before the window")
    parser.add_argument("--data-dir", type=Path, help="data folder to use (default: a new temp folder)")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else max(1, args.rounds)

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        if not data_dir.exists():
            shutil.copytree(demo_store(), data_dir)  # the demo store, seeded once a day in the cache
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, data folder {data_dir}")
        # unmeasured: makes the translation cache and settings of the data folder, compiles the bytecode
        # of both kinds into the bench cache, warms the disk cache
        first = spawn("app", data_dir)
        spawn("bare", data_dir)
        print(f"warm-up: login form after {first.marks['login']:.1f} s")

        runs: dict[str, list[Run]] = {"app": [], "bare": []}
        for i in range(rounds):
            order = ("app", "bare") if i % 2 == 0 else ("bare", "app")
            for kind in order:
                runs[kind].append(spawn(kind, data_dir))
            a, b = runs["app"][-1].marks, runs["bare"][-1].marks
            print(
                f"round {i + 1:2d}: bare painted {b['window'] * 1000:5.0f} ms | app painted "
                f"{a['window'] * 1000:5.0f} ms, store open {a['store'] * 1000:5.0f} ms, "
                f"login form {a['login'] * 1000:5.0f} ms | CPU to the first frame: bare "
                f"{runs['bare'][-1].cpu_ms:4.0f} ms, app {runs['app'][-1].cpu_ms:4.0f} ms"
            )

        bare = median_ms(runs["bare"], "window")
        window = median_ms(runs["app"], "window")
        bare_shown, app_shown = median_ms(runs["bare"], "shown"), median_ms(runs["app"], "shown")
        store = median_ms(runs["app"], "store")
        login = median_ms(runs["app"], "login")
        ratio = window / bare
        per_round = statistics.median(
            a.marks["window"] / b.marks["window"] for a, b in zip(runs["app"], runs["bare"], strict=True)
        )
        print(f"medians over {rounds} round(s) of each kind, from spawning the process:")
        print(f"  bare window painted              {bare:6.0f} ms")
        print(
            f"  app login window painted         {window:6.0f} ms  = {ratio:.2f}x bare "
            f"(median of the per-round ratios {per_round:.2f}x)"
        )
        print(
            f"  (zero timer after show(): bare {bare_shown:.0f} ms, app {app_shown:.0f} ms "
            f"= {app_shown / bare_shown:.2f}x)"
        )
        bare_cpu = statistics.median(r.cpu_ms for r in runs["bare"])
        app_cpu = statistics.median(r.cpu_ms for r in runs["app"])
        print(
            f"  (CPU time of the process to its first frame: bare {bare_cpu:.0f} ms, app {app_cpu:.0f} ms "
            f"= {app_cpu / bare_cpu:.2f}x — less sensitive to the machine's load than the wall clock)"
        )
        print(f"  app store open (set_services)    {store:6.0f} ms  = {store / bare:.2f}x bare")
        print(f"  app login form (users counted)   {login:6.0f} ms  = {login / bare:.2f}x bare")
        ok = ratio <= TARGET_RATIO
        print(f"target: login window painted ≤ {TARGET_RATIO}x the bare window: {'met' if ok else 'NOT met'}")

        if args.profile:
            profiled = spawn("app", data_dir, importtime=True)
            print(importtime_report(profiled.stderr))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
