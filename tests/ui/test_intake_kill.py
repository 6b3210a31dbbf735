"""A killed app loses nothing typed in the intake wizard.

A child process runs the real wizard on a real encrypted store, types (nothing is saved explicitly —
the wizard saves as typed), reports what it typed and is killed with SIGKILL. The test then opens the
store again and reopens the draft in a new wizard: every value is there and the wizard continues.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from tests.ui.test_intake_support import BIRTH, PHONE_E164, RNOKPP, wait

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

    app = QApplication([])
    services = build_services(Path(sys.argv[1]), default_profile(),
                              key_provider=StaticKeyProvider(bytes.fromhex(sys.argv[2])))
    services.auth.create_first_head("head", "Коваленко Олена Петрівна", "258036")
    services.auth.login("head", "258036")
    runner = TaskRunner()
    set_runner(runner)
    from mobile_case.ui.intake.wizard import IntakeWizard
    wizard = IntakeWizard(PageContext(services=services, tasks=runner, window=None))
    wizard.resize(1100, 700)
    wizard.show()

    def settle():
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            app.processEvents()
            if not wizard.keeper.busy and not runner.busy:
                return
            time.sleep(0.01)
        raise SystemExit("not saved in time")

    wizard.applicant.channel.click("phone")
    s = wizard.subject
    s.surname.setText("Гнатюк")
    s.given.setText("Ганна")
    s.birth.setText("05.03.1948")
    s.rnokpp.setText(sys.argv[3])
    s.phone.setText("067 123 45 67")
    wizard.go_to(2)
    wizard.address.settlement.set_typed_text("с. Переходи")
    wizard.address.street.setText("вул. Садова")
    settle()
    print("ID", wizard.keeper.request.id, flush=True)
    # typed after the last explicit step: saved by the wizard on its own
    wizard.address.house.setText("17")
    wizard.address.door.setText("45#")
    settle()
    print("TYPED", flush=True)
    while True:  # the app keeps running until it is killed
        app.processEvents()
        time.sleep(0.01)
    """
)


@pytest.mark.slow
def test_killed_app_keeps_the_draft(tmp_path, store_key, key_provider, profile, qtbot, tasks):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'src'}")
    child = subprocess.Popen(
        [sys.executable, str(script), str(data_dir), store_key.hex(), RNOKPP],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    request_id = ""
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            if line.startswith("ID "):
                request_id = line.split()[1]
            if line.strip() == "TYPED":
                break
        else:  # pragma: no cover - a hung child
            pytest.fail("the child did not finish typing")
        assert request_id, child.stderr.read()
        assert child.poll() is None, "the app must still be running when it is killed"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    assert child.returncode == -signal.SIGKILL

    # restart: the same data folder and key
    from mobile_case.services import build_services
    from mobile_case.ui.intake.wizard import IntakeWizard
    from mobile_case.ui.pages import PageContext

    services = build_services(data_dir, profile, key_provider=key_provider)
    try:
        services.auth.login("head", "258036")
        stored = services.requests.get(request_id)
        assert stored.subject.surname == "Гнатюк" and stored.subject.given_name == "Ганна"
        assert stored.subject.birth_date == BIRTH
        assert stored.subject.rnokpp == RNOKPP and stored.subject.phone == PHONE_E164
        assert stored.address.settlement_code == "perekhody"
        assert (stored.address.street, stored.address.house, stored.address.door_code) == (
            "вул. Садова",
            "17",
            "45#",
        )

        wizard = IntakeWizard(PageContext(services=services, tasks=tasks, window=None))
        qtbot.addWidget(wizard)
        wizard.activate(request_id=request_id)
        wait(tasks, qtbot)
        assert wizard.keeper.request == stored
        assert wizard.address.house.text() == "17" and wizard.address.door.text() == "45#"
        assert wizard.applicant.channel.selected_code() == "phone"
        assert wizard.current_index() == 3  # the address is complete: the category comes next
    finally:
        tasks.wait_idle()
        services.close()
