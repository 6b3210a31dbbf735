"""The cold-start path: what ``mobile-case`` imports and builds before its login window is on screen.

Each test runs a fresh interpreter (``sys.modules`` of the test process is shared with every other
test), stops the start-up at a chosen point and reports what was loaded. They guard the costs found
with ``benchmarks/bench_startup.py``: the sub-commands' modules, the ``Qt`` namespace enums, the
first-run form and an application-wide event filter before the first frame.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]


def run_child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON line last."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["PYTHONPATH"] = str(ROOT / "src")
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# ``mobile-case`` parses its options, then app.main is replaced by a reporter: what did parsing import?
PARSE_ONLY = r"""
import json, sys
from mobile_case import app
def report(args):
    mods = sorted(m for m in sys.modules if m.startswith(("mobile_case.", "PySide6.")))
    print(json.dumps({"args": {k: v for k, v in vars(args).items()}, "modules": mods}))
    return 0
app.main = report
from mobile_case.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_starting_the_app_does_not_build_the_sub_commands(tmp_path: Path) -> None:
    out = run_child(PARSE_ONLY, "--data-dir", str(tmp_path), "--lang", "en", "--simulate-devices")
    assert out["args"] == {
        "data_dir": str(tmp_path),
        "demo": False,
        "profile": None,
        "lang": "en",
        "simulate_devices": True,
        "command": None,
    }
    heavy = [
        m
        for m in out["modules"]
        if m.startswith(
            ("mobile_case.devices", "mobile_case.station", "mobile_case.sync", "mobile_case.domain")
        )
    ]
    assert heavy == []  # the card commands' parser alone imported the card reader package and the model
    assert [m for m in out["modules"] if m.startswith("PySide6.")] == []


def test_sub_commands_and_help_still_go_through_the_full_parser(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "mobile_case", *a], capture_output=True, text=True, env=env, timeout=120
    )
    helped = run("--help")
    assert helped.returncode == 0 and "card" in helped.stdout and "sync" in helped.stdout
    wrong = run("--data-dir", str(tmp_path), "no-such-command")
    assert wrong.returncode == 2 and "недопустиме значення" in wrong.stderr
    stray = run("--json")  # an option of a sub-command given without it
    assert stray.returncode == 2 and "невідомі параметри: --json" in stray.stderr
    bad_lang = run("--lang", "de")
    assert bad_lang.returncode == 2 and "параметр --lang" in bad_lang.stderr


def test_no_cyclic_collections_until_the_store_is_open_and_on_again_when_main_returns(
    data_dir, monkeypatch
) -> None:
    """main() holds the cyclic collector back during start-up; _on_services turns it on (then the
    collector policy freezes start-up); main() turns it on again on the way out whatever happened."""
    import gc

    from PySide6.QtCore import QTimer

    from mobile_case import app as app_module
    from mobile_case.app import AppController

    seen = []

    def start(self) -> None:  # instead of the login window: note the collector's state, leave the loop
        seen.append(gc.isenabled())
        QTimer.singleShot(0, lambda: self.quit(0))

    monkeypatch.setattr(AppController, "start", start)
    assert gc.isenabled()
    try:
        args = SimpleNamespace(data_dir=data_dir, demo=False, profile=None, lang="uk", simulate_devices=True)
        assert app_module.main(args) == 0
    finally:
        gc.enable()
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_mobile_case", False)]:
            root.removeHandler(handler)
            handler.close()
    assert seen == [False]
    assert gc.isenabled()


def test_the_store_opening_turns_the_collector_on_before_freezing(data_dir, store_key, tasks, qtbot) -> None:
    import gc

    from mobile_case.app import AppController
    from mobile_case.storage.keys import StaticKeyProvider
    from mobile_case.ui import collector

    args = SimpleNamespace(data_dir=data_dir, demo=False, profile=None, lang="uk", simulate_devices=True)
    c = AppController(data_dir, args, key_provider=StaticKeyProvider(store_key))
    c.manage_gc = True
    gc.disable()  # as main() leaves it
    try:
        c.start()
        qtbot.addWidget(c.login_window)
        qtbot.waitUntil(lambda: c.services is not None, timeout=30000)
        tasks.wait_idle(30)
        assert gc.isenabled() and collector.installed() is not None
    finally:
        gc.enable()
        collector.uninstall()
        tasks.wait_idle(30)
        if c.services is not None:
            c.services.close()


def test_settings_are_read_without_the_json_module(tmp_path: Path) -> None:
    """AppConfig.load runs before the first frame: Qt's JSON parser, not ``json`` (~2 ms to import)."""
    (tmp_path / "settings.json").write_text(
        '{"language": "en", "inactivity_minutes": 15, "last_login": "kerivnyk", "profile": "illintsi",'
        ' "unknown": [1, 2]}',
        encoding="utf-8",
    )
    code = r"""
import sys
import PySide6.QtCore
from pathlib import Path
from mobile_case.app import AppConfig
c = AppConfig.load(Path(sys.argv[1]) / "settings.json")
loaded = "json" in sys.modules
import json
print(json.dumps({"config": c.as_dict(), "json_imported": loaded}))
"""
    out = run_child(code, str(tmp_path))
    assert out["json_imported"] is False
    written = {"language": "en", "inactivity_minutes": 15, "last_login": "kerivnyk", "profile": "illintsi"}
    assert {k: out["config"][k] for k in written} == written


def test_settings_that_are_not_an_object_or_not_json_give_the_defaults(tmp_path: Path) -> None:
    from mobile_case.app import AppConfig

    path = tmp_path / "settings.json"
    defaults = AppConfig().as_dict()
    for text in ("[1, 2]", '"uk"', "{not json", "", '{"inactivity_minutes": 5.5, "language": 7}'):
        path.write_text(text, encoding="utf-8")
        assert AppConfig.load(path).as_dict() == defaults, text
    path.write_bytes(b'{"last_login": "\xff\xfe"}')  # not UTF-8
    assert AppConfig.load(path).last_login == ""


def test_the_data_folder_lock_is_taken_after_the_first_frame_before_the_store_opens(
    data_dir, monkeypatch
) -> None:
    """QLockFile's fdatasync waits for the disk: main() takes the lock right after the login window's
    first frame, before the store is opened on the database worker (a second instance: test_shell_app)."""
    from PySide6.QtCore import QTimer

    from mobile_case import app as app_module
    from mobile_case.app import LOCK_FILE, AppController

    lock = data_dir / LOCK_FILE
    seen: list[tuple[str, bool, bool]] = []
    original_start = AppController.start
    original_open = AppController._open_in_background

    def start(self) -> None:
        original_start(self)
        seen.append(("shown", lock.exists(), self._background_started))

        def after_first_frame() -> None:
            seen.append(("painted", lock.exists(), self.instance_lock is not None))
            QTimer.singleShot(0, lambda: self.quit(0))

        self.login_window.first_painted.connect(after_first_frame)

    def open_in_background(self) -> None:
        seen.append(("opening", lock.exists(), self.services is None))
        original_open(self)

    monkeypatch.setattr(AppController, "start", start)
    monkeypatch.setattr(AppController, "_open_in_background", open_in_background)
    args = SimpleNamespace(data_dir=data_dir, demo=False, profile=None, lang="uk", simulate_devices=True)
    try:
        assert app_module.main(args) == 0
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_mobile_case", False)]:
            root.removeHandler(handler)
            handler.close()
    assert seen[:3] == [("shown", False, False), ("opening", False, True), ("painted", True, True)]
    assert not lock.exists()  # released on exit
