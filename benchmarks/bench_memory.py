"""Resident memory of the app during a visit, against a bare PySide6 window process.

    .venv/bin/python benchmarks/bench_memory.py [--quick]

Two fresh child processes (``QT_QPA_PLATFORM=offscreen``, the *fail* keyring backend), each reading its
own ``VmRSS`` / ``VmHWM`` from ``/proc/self/status``:

* bare — ``QApplication`` + a ``QWidget`` 1280×800 shown and painted;
* app  — the real ``mobile-case --data-dir D --simulate-devices`` (``cli.main`` → ``app.main``, every
  device simulated) on a copy of the demo store (seeded once a day into the bench cache). From inside
  its event loop a driver does what the administrator does: waits for the login form, logs in as the
  demo administrator on the keypad, lets the main window show the home page, opens today's planned
  visit through the visit screen and fills every step the way the UI tests do — recording consent,
  identification (document number typed, confirmed), category, documents checklist, payment,
  application registered and printed (simulated printer, the PDF rendered in the preview), delivery
  method — and finishes the visit. The resident memory is read after each stage (events settled).

The ratio is app ÷ bare at the worst stage. Target (issue 2): ≤ 300 MB resident during a visit (the
worst stage and the process's peak, ``VmHWM``). Exit status 1 when it is not met.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import ROOT, child_env, demo_store, peak_rss_mb, rss_mb

TARGET_MB = 300.0
TIMEOUT_S = 300.0
ADMIN_LOGIN, ADMIN_PIN = "admin", "1357"  # the demo administrator (services/demo.py, public demo PIN)
SETTLE_S = 0.5  # events processed before a reading (layouts, paints, deferred deletes)
STEP_SETTLE_S = 0.1  # and between the steps of the visit


# -- children ------------------------------------------------------------------------------------------
def _process_events_for(seconds: float) -> None:
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def _wait(predicate, what: str, timeout: float = 60.0) -> None:  # noqa: ANN001
    import time

    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise RuntimeError(f"timed out waiting for {what}")
        _process_events_for(0.02)


def child_bare() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1280, 800)
    window.show()
    _process_events_for(SETTLE_S)
    result = {"window shown": rss_mb(), "peak": peak_rss_mb()}
    window.close()
    del app
    return result


def child_app(data_dir: Path, scale: float = 1.0) -> dict[str, float]:
    from mobile_case import app as app_module

    stages: dict[str, float] = {}
    failure: list[BaseException] = []
    original_start = app_module.AppController.start

    def start(controller) -> None:  # noqa: ANN001
        original_start(controller)
        from PySide6.QtCore import QTimer

        def drive() -> None:
            try:
                run_visit(controller, stages, scale)
            except BaseException as exc:  # reported by the parent with the child's stderr
                failure.append(exc)
                import traceback

                traceback.print_exc()
            controller.quit(0 if not failure else 1)

        QTimer.singleShot(0, drive)

    app_module.AppController.start = start
    from mobile_case.cli import main

    code = main(["--data-dir", str(data_dir), "--simulate-devices"])
    if failure or code != 0:
        raise SystemExit(f"the app run failed (exit {code})")
    stages["peak"] = peak_rss_mb()
    return stages


def run_visit(controller, stages: dict[str, float], scale: float = 1.0) -> None:  # noqa: ANN001
    import time

    from mobile_case.domain.model import CaseState, DeliveryMethod, VisitStep

    began = time.monotonic()
    tasks = controller.tasks

    def settle(seconds: float = STEP_SETTLE_S) -> None:
        if not tasks.wait_idle(60):
            raise RuntimeError(f"operations still running: {tasks.pending_names()}")
        _process_events_for(seconds * scale)

    def stage(name: str) -> None:
        settle(SETTLE_S)
        stages[name] = rss_mb()
        print(f"{time.monotonic() - began:6.1f} s  {name}", file=sys.stderr, flush=True)

    login = controller.login_window
    _wait(lambda: login.mode == "login", "the login form (store open)")
    stage("login window, store open")

    login.login_field.setText(ADMIN_LOGIN)
    for digit in ADMIN_PIN:
        login.pinpad.press(digit)
    login.pinpad.submit()
    _wait(lambda: controller.main_window is not None, "the main window after login")
    window = controller.main_window
    stage("logged in, main window (home)")

    services = controller.services
    today = services.clock().date()
    planned = [
        visit for _outing, visit, req in services.outings.today(today) if req.state is CaseState.SCHEDULED
    ]
    if not planned:
        raise RuntimeError("the demo store has no visit planned for today")
    page = window.open_page("visit", visit_id=planned[0].id)
    stage("visit screen opened")

    def next_step() -> None:
        if not page.next_button.isEnabled():
            raise RuntimeError(f"the visit cannot go on: {page.blocker_label.text()}")
        page.next_button.click()
        settle()

    page.start_button.click()
    settle()
    page.step(VisitStep.CONSENT).choice.click("yes")
    settle()
    next_step()
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.number.setText("004512378")
    ident.verified.click()
    settle()
    next_step()
    category = page.step(VisitStep.CATEGORY_PROOF)
    proofs = category.proofs.codes()
    if proofs:  # the original of a proof document was seen
        category.proofs.click(proofs[0])
    category.confirmed.click()
    settle()
    next_step()
    documents = page.step(VisitStep.DOCUMENTS)
    for code in documents.states():
        documents.set_checked(code)
    settle()
    next_step()
    payment = page.step(VisitStep.PAYMENT)
    if payment.details_card.isVisibleTo(page):
        payment.receipt.setText("0.0.3456789012.1")
        settle()
    next_step()
    application = page.step(VisitStep.APPLICATION)
    application.register_button.click()
    settle()
    application.panel.print_document()  # the simulated printer; the preview renders the PDF
    settle()
    _process_events_for(1.0 * scale)  # QPdfView renders its pages in the background
    next_step()
    delivery = page.step(VisitStep.DELIVERY)
    delivery.methods.click(DeliveryMethod.POST.value)
    stage("visit steps filled, application printed")
    delivery.finish_button.click()
    stage("visit finished")
    if services.requests.get(planned[0].request_id).state is not CaseState.COMPLETED:
        raise RuntimeError("the visit did not end completed")


def run_child(kind: str, data_dir: Path | None = None, *, quick: bool = False) -> dict[str, float]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind] + (["--quick"] if quick else [])
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    proc = subprocess.run(cmd, env=child_env(), cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = "\n".join(proc.stderr.splitlines()[-30:])
        raise RuntimeError(f"{kind} child failed (exit {proc.returncode}):\n{tail}")
    return json.loads(lines[-1])


# -- parent --------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter pauses between the steps (smoke test)")
    parser.add_argument("--child", choices=["bare", "app"], help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "bare":
        print(json.dumps(child_bare()), flush=True)
        return 0
    if args.child == "app":
        print(json.dumps(child_app(args.data_dir, 0.1 if args.quick else 1.0)), flush=True)
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(demo_store(), data_dir)
        bare = run_child("bare", quick=args.quick)
        app = run_child("app", data_dir, quick=args.quick)

    base = bare["window shown"]
    print(f"bare PySide6 window, shown and painted: {base:6.0f} MB resident (peak {bare['peak']:.0f} MB)")
    print("the app, demo store, all devices simulated:")
    for name, value in app.items():
        if name != "peak":
            print(f"  {name:42s} {value:6.0f} MB  = {value / base:.1f}x bare")
    worst_name = max((n for n in app if n != "peak"), key=lambda n: app[n])
    worst = app[worst_name]
    print(f"  {'peak of the process (VmHWM)':42s} {app['peak']:6.0f} MB  = {app['peak'] / base:.1f}x bare")
    print(f"ratio at the worst stage ({worst_name}): {worst / base:.1f}x the bare window")
    ok = worst <= TARGET_MB and app["peak"] <= TARGET_MB
    print(f"target: ≤ {TARGET_MB:.0f} MB resident during a visit: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
