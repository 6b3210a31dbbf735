"""A killed app loses nothing entered in the visit, and the visit continues where it was (F5).

A child process runs the real visit page on a real encrypted store: starts the visit, goes through the
first steps and types the payment (nothing is saved explicitly — every step saves as entered), reports,
and is killed with SIGKILL. The test opens the store again in a new visit page: the visit is still in
progress, at the payment step, with every field as it was typed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    import mobile_case.ui  # the PySide6 signal guard of ui-shell
    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services
    from mobile_case.storage.keys import StaticKeyProvider
    from mobile_case.ui.pages import PageContext
    from mobile_case.ui.tasks import TaskRunner, set_runner
    from mobile_case.domain.model import VisitStep
    from tests.ui.test_visit_support import scheduled_visit

    app = QApplication([])
    services = build_services(Path(sys.argv[1]), default_profile(),
                              key_provider=StaticKeyProvider(bytes.fromhex(sys.argv[2])))
    services.auth.create_first_head("head", "Коваленко Олена Петрівна", "258036")
    services.auth.login("head", "258036")
    runner = TaskRunner()
    set_runner(runner)
    _req, _outing, visit = scheduled_visit(services)
    from mobile_case.ui.visit.page import VisitPage
    page = VisitPage(PageContext(services=services, tasks=runner, window=None))
    page.resize(1100, 700)
    page.show()

    def settle():
        if not runner.wait_idle(20):
            raise SystemExit("not saved in time")

    def next_step():
        assert page.next_button.isEnabled(), page.blocker_label.text()
        page.next_button.click()
        settle()

    page.activate(visit_id=visit.id)
    settle()
    page.start_button.click()
    settle()
    consent = page.step(VisitStep.CONSENT)
    consent.choice.click("yes")
    consent.present.setText("Шевчук Марія Іванівна; Петренко Іван Миколайович (водій)")
    settle()
    next_step()
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.number.setText("004512378")
    ident.verified.click()
    settle()
    next_step()
    page.step(VisitStep.CATEGORY_PROOF).confirmed.click()
    settle()
    next_step()
    documents = page.step(VisitStep.DOCUMENTS)
    for code in documents.states():
        documents.set_checked(code)
    settle()
    next_step()
    print("ID", visit.id, flush=True)
    payment = page.step(VisitStep.PAYMENT)
    payment.methods.click("pos_terminal")
    payment.receipt.setText("POS-00917")
    settle()
    print("TYPED", flush=True)
    while True:  # the app keeps running until it is killed
        app.processEvents()
        time.sleep(0.01)
    """
)


@pytest.mark.slow
def test_killed_app_keeps_the_visit(
    tmp_path: Path, store_key: bytes, key_provider: Any, profile: Any, qtbot: Any, tasks: Any
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'src'}")
    child = subprocess.Popen(
        [sys.executable, str(script), str(data_dir), store_key.hex()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    visit_id = ""
    typed = False
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            if line.startswith("ID "):
                visit_id = line.split()[1]
            if line.strip() == "TYPED":
                typed = True
                break
        assert typed and visit_id, child.stderr.read() if child.poll() is not None else "no report"
        assert child.poll() is None, "the app must still be running when it is killed"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    assert child.returncode == -signal.SIGKILL

    from mobile_case.domain.model import CaseState, PaymentMethod, VisitStep
    from mobile_case.services import build_services
    from mobile_case.ui.pages import PageContext
    from mobile_case.ui.visit.page import STEPS, VisitPage

    services = build_services(data_dir, profile, key_provider=key_provider)
    try:
        services.auth.login("head", "258036")
        stored = services.visits.get(visit_id)
        assert services.requests.get(stored.request_id).state is CaseState.IN_PROGRESS
        assert stored.current_step is VisitStep.PAYMENT
        assert stored.recording_consent is True
        assert stored.present_persons.endswith("(водій)")
        assert stored.identification.document_number == "004512378" and stored.identification.verified
        assert stored.category_confirmed
        assert stored.payment.method is PaymentMethod.POS_TERMINAL
        assert stored.payment.receipt_number == "POS-00917"

        page = VisitPage(PageContext(services=services, tasks=tasks, window=None))
        qtbot.addWidget(page)
        page.activate(visit_id=visit_id)
        assert tasks.wait_idle(20)
        assert page.current_view() == STEPS
        assert page.current_index() == 4
        payment = page.step(VisitStep.PAYMENT)
        assert payment.method() is PaymentMethod.POS_TERMINAL
        assert payment.receipt.text() == "POS-00917"
        assert page.next_button.isEnabled()  # the visit continues
    finally:
        tasks.wait_idle()
        services.close()
