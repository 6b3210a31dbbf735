"""ui/tasks.py: one database writer, an io pool, results and errors on the GUI thread."""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel

from mobile_case.domain.errors import AuthError, ValidationError
from mobile_case.ui import tasks as tasks_module
from mobile_case.ui.tasks import TaskRunner


def test_result_is_delivered_on_the_gui_thread(tasks: TaskRunner) -> None:
    seen = {}

    def work(a, b, *, c):
        seen["worker"] = threading.current_thread().name
        return a + b + c

    def done(result):
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()

    tasks.run_db(work, 1, 2, c=3, on_done=done)
    assert tasks.wait_idle(5)
    assert seen["result"] == 6
    assert seen["gui"] is True
    assert seen["worker"].startswith("mc-db")


def test_db_lane_runs_one_at_a_time_in_order(tasks: TaskRunner) -> None:
    active = []
    max_active = []
    order = []
    lock = threading.Lock()

    def work(i):
        with lock:
            active.append(i)
            max_active.append(len(active))
        time.sleep(0.01)
        with lock:
            active.remove(i)
        order.append(i)
        return threading.current_thread().name

    names = []
    for i in range(8):
        tasks.run_db(work, i, on_done=names.append)
    assert tasks.wait_idle(5)
    assert order == list(range(8))
    assert max(max_active) == 1
    assert len(set(names)) == 1  # the single writer thread


def test_io_lane_runs_in_parallel(tasks: TaskRunner) -> None:
    barrier = threading.Barrier(2, timeout=3)
    results = []

    def work():
        barrier.wait()  # deadlocks (BrokenBarrierError) unless two run at once
        return threading.current_thread().name

    tasks.run_io(work, on_done=results.append)
    tasks.run_io(work, on_done=results.append)
    assert tasks.wait_idle(5)
    assert len(results) == 2 and all(n.startswith("mc-io") for n in results)


def test_domain_error_shows_its_user_message(tasks: TaskRunner) -> None:
    failures = []

    def work():
        raise ValidationError("phone", "Номер телефону має містити 10 цифр.")

    tasks.run_db(work, on_error=failures.append)
    assert tasks.wait_idle(5)
    assert failures[0].message == "Номер телефону має містити 10 цифр."
    assert failures[0].is_domain


def test_other_errors_are_logged_without_their_message(tasks: TaskRunner, caplog) -> None:
    failures = []

    def work():
        raise RuntimeError("Шевченко Тарас 1234567890")  # personal data in the message

    with caplog.at_level(logging.ERROR, logger="mobile_case.ui.tasks"):
        tasks.run_db(work, on_error=failures.append, name="save-subject")
        assert tasks.wait_idle(5)
    assert not failures[0].is_domain
    assert "Щось пішло не так" in failures[0].message  # generic Ukrainian text
    text = caplog.text
    assert "save-subject" in text and "RuntimeError" in text
    assert "Шевченко" not in text and "1234567890" not in text


def test_without_on_error_the_failed_signal_carries_the_failure(tasks: TaskRunner, qtbot) -> None:
    with qtbot.waitSignal(tasks.failed, timeout=5000) as blocker:
        tasks.run_io(lambda: (_ for _ in ()).throw(AuthError("x", "Невірний логін або PIN.")))
    assert blocker.args[0].message == "Невірний логін або PIN."


def test_callbacks_skipped_when_owner_was_deleted(tasks: TaskRunner) -> None:
    import shiboken6

    label = QLabel()
    called = []
    gate = threading.Event()
    tasks.run_db(lambda: gate.wait(5), on_done=lambda _r: called.append(label.text()), owner=label)
    shiboken6.delete(label)
    gate.set()
    assert tasks.wait_idle(5)
    assert called == []


def test_busy_signal_and_wait_idle_follow_nested_submissions(tasks: TaskRunner, qtbot) -> None:
    states = []
    tasks.busy_changed.connect(states.append)
    results = []

    def first_done(value):
        tasks.run_db(lambda: value * 10, on_done=results.append)

    tasks.run_db(lambda: 4, on_done=first_done)
    assert tasks.wait_idle(5)
    assert results == [40]
    assert states[0] is True and states[-1] is False
    assert not tasks.busy


def test_module_functions_use_the_installed_runner(tasks: TaskRunner) -> None:
    assert tasks_module.runner() is tasks
    out = []
    tasks_module.run_db(lambda: "db", on_done=out.append)
    tasks_module.run_io(lambda: "io", on_done=out.append)
    assert tasks_module.wait_idle(5)
    assert sorted(out) == ["db", "io"]


def test_error_in_gui_callback_is_reported_not_raised(tasks: TaskRunner, qtbot) -> None:
    def bad_callback(_r):
        raise KeyError("oops")

    with qtbot.waitSignal(tasks.failed, timeout=5000) as blocker:
        tasks.run_db(lambda: 1, on_done=bad_callback)
    assert isinstance(blocker.args[0].exception, KeyError)
    assert tasks.wait_idle(5)


def test_shutdown_refuses_new_work(caplog) -> None:
    runner = TaskRunner()
    runner.shutdown()
    ran = []
    with caplog.at_level(logging.WARNING, logger="mobile_case.ui.tasks"):
        task = runner.run_db(lambda: ran.append(1), name="late-save")
    assert task.done and task.failure is not None and ran == []
    assert not runner.busy
    assert "late-save refused" in caplog.text
