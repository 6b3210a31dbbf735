"""app.py: settings, logging, the start-up sequence, first run, demo, clear errors, one instance."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from mobile_case import app as app_module
from mobile_case.app import AppConfig, AppController
from mobile_case.storage.keys import StaticKeyProvider

ROOT = Path(__file__).resolve().parents[2]


def args(**kw) -> SimpleNamespace:
    base = dict(data_dir=None, demo=False, profile=None, lang="uk", simulate_devices=True)
    base.update(kw)
    return SimpleNamespace(**base)


# -- settings ---------------------------------------------------------------------------------------
def test_config_defaults_roundtrip_and_bad_values(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    config = AppConfig.load(path)
    assert (config.language, config.inactivity_minutes, config.last_login) == ("uk", 5, "")
    config.inactivity_minutes = 10
    config.last_login = "admin"
    config.save()
    again = AppConfig.load(path)
    assert (again.inactivity_minutes, again.last_login) == (10, "admin")
    path.write_text(
        json.dumps({"language": "fr", "inactivity_minutes": 999, "last_login": 5}), encoding="utf-8"
    )
    odd = AppConfig.load(path)
    assert odd.language == "uk" and odd.inactivity_minutes == 120 and odd.last_login == ""
    path.write_text("{not json", encoding="utf-8")
    assert AppConfig.load(path).language == "uk"


def test_data_dir_default_and_override(tmp_path: Path) -> None:
    assert "mobile-case" in str(app_module.resolve_data_dir(None))
    assert app_module.resolve_data_dir(tmp_path / "x") == (tmp_path / "x").resolve()


def test_logging_goes_to_a_rotating_file_in_the_data_dir(tmp_path: Path) -> None:
    import logging
    import logging.handlers

    path = app_module.setup_logging(tmp_path)
    try:
        logging.getLogger("mobile_case.test").warning("record %s saved", "1234-id")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert path == tmp_path / "logs" / "mobile-case.log"
        assert "record 1234-id saved" in path.read_text(encoding="utf-8")
        ours = [h for h in logging.getLogger().handlers if getattr(h, "_mobile_case", False)]
        assert len(ours) == 1 and isinstance(ours[0], logging.handlers.RotatingFileHandler)
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_mobile_case", False)]:
            root.removeHandler(handler)
            handler.close()


# -- the controller -----------------------------------------------------------------------------------
@pytest.fixture
def controller_factory(tasks, qtbot):
    made = []

    def make(data_dir: Path, key: bytes, **kw) -> AppController:
        controller = AppController(
            data_dir, args(data_dir=data_dir, **kw), key_provider=StaticKeyProvider(key)
        )
        made.append(controller)
        controller.start()
        qtbot.addWidget(controller.login_window)
        qtbot.waitUntil(
            lambda: controller.services is not None or bool(controller.startup_error), timeout=30000
        )
        tasks.wait_idle(30)
        return controller

    yield make
    for controller in made:
        if controller.main_window is not None:
            controller.main_window.watcher.stop()
            controller.main_window.close()
        if controller.services is not None:
            tasks.wait_idle(30)
            controller.services.close()


def test_first_run_login_logout_and_login_again(
    controller_factory, data_dir, store_key, tasks, qtbot
) -> None:
    c = controller_factory(data_dir, store_key)
    purged = []
    real_purge = c.services.recordings.purge_expired
    c.services.recordings.purge_expired = lambda day: purged.append(day) or real_purge(day)
    login = c.login_window
    assert login.isVisible() and login.mode == "first_run"
    assert "Чортків" in login.community_label.text()
    login.first_name_field.setText("Петренко Олена Іванівна")
    login.first_login_field.setText("kerivnyk")
    login.first_pin_field.setText("240607")
    login.first_pin2_field.setText("240607")
    login.create_button.click()
    qtbot.waitUntil(lambda: c.main_window is not None, timeout=10000)
    tasks.wait_idle()
    window = c.main_window
    assert window.isVisible() and not login.isVisible()
    assert window.current_key() == "home"
    assert window.header.user_label.text() == "Петренко Олена Іванівна"
    assert json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))["last_login"] == "kerivnyk"
    # after the first login: recordings older than three months are destroyed (O 2.9), once a start
    assert purged == [c.services.clock().date()]
    window.header.logout_button.click()
    tasks.wait_idle()
    assert c.main_window is None and login.isVisible() and login.mode == "login"
    assert login.banner.text() == "Ви вийшли з облікового запису."
    assert c.services.auth.current_user is None
    assert login.login_field.text() == "kerivnyk"
    for d in "240607":
        login.pinpad.press(d)
    login.pinpad.submit()
    qtbot.waitUntil(lambda: c.main_window is not None, timeout=10000)
    tasks.wait_idle()
    # the device registry was built in the background and reached the window
    assert c.devices is not None and c.main_window.devices is c.devices
    # without a printer, "printed" PDFs land in the data folder
    assert Path(c.devices.printer.folder) == data_dir / "printed"


def test_demo_store_is_seeded_once(controller_factory, data_dir, store_key, tasks, qtbot) -> None:
    c = controller_factory(data_dir, store_key, demo=True)
    assert c.login_window.mode == "login"
    c.login_window.login_field.setText("kerivnyk")
    for d in "240607":
        c.login_window.pinpad.press(d)
    c.login_window.pinpad.submit()
    qtbot.waitUntil(lambda: c.main_window is not None, timeout=10000)
    tasks.wait_idle()
    home = c.main_window.page("home")
    assert home.visits_column.rows and home.waiting_column.rows
    # a second start with --demo does not seed again (the store has users)
    assert app_module.open_services(data_dir, None, True, StaticKeyProvider(store_key)).auth.has_users()


def test_corrupt_profile_gives_a_clear_ukrainian_error(
    controller_factory, data_dir, store_key, dialog_answers, tmp_path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('code = "bad"\ncommunity_name = \n', encoding="utf-8")
    c = controller_factory(data_dir, store_key, profile=str(bad))
    assert c.exit_code == app_module.EXIT_START_FAILED
    assert dialog_answers.asked == ["Програму неможливо запустити"]
    assert "bad.toml" in c.startup_error and "Traceback" not in c.startup_error
    assert c.login_window.banner.text() == c.startup_error


def test_wrong_key_gives_a_clear_error_and_leaves_the_file(
    controller_factory, data_dir, store_key, dialog_answers, profile
) -> None:
    from mobile_case.services import build_services

    build_services(data_dir, profile, key_provider=StaticKeyProvider(store_key)).close()
    db = data_dir / "mobile-case.db"
    before = db.read_bytes()
    c = controller_factory(data_dir, secrets.token_bytes(32))
    assert c.exit_code == app_module.EXIT_START_FAILED
    assert "ключ шифрування не підходить" in c.startup_error
    assert db.read_bytes() == before


def test_unexpected_start_error_is_generic_and_logged_without_details(
    controller_factory, data_dir, store_key, dialog_answers, monkeypatch, caplog
) -> None:
    def boom(*_a, **_k):
        raise OSError("disk says Шевченко")

    monkeypatch.setattr(app_module, "open_services", boom)
    c = controller_factory(data_dir, store_key)
    assert c.startup_error.startswith("Програма не змогла відкрити сховище даних")
    assert "Шевченко" not in caplog.text


# -- main() -------------------------------------------------------------------------------------------
def test_second_instance_is_refused(data_dir, dialog_answers) -> None:
    held = app_module.acquire_instance_lock(data_dir)
    assert held is not None
    try:
        assert app_module.acquire_instance_lock(data_dir) is None
        code = app_module.main(args(data_dir=data_dir))
        assert code == app_module.EXIT_START_FAILED
        assert dialog_answers.asked == ["Програму неможливо запустити"]
    finally:
        held.unlock()
        _drop_log_handlers()
    again = app_module.acquire_instance_lock(data_dir)
    assert again is not None
    again.unlock()


def run_main_in_a_process(data_dir: Path, *extra_env: tuple[str, str], **kw) -> subprocess.CompletedProcess:
    """``main()`` in a fresh process (its own QApplication and event loop); dialogs answer themselves
    and print their title and text, so the test sees what the user would have seen."""
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
    )
    env.update(dict(extra_env))
    namespace = dict(data_dir=str(data_dir), demo=False, profile=None, lang="uk", simulate_devices=True)
    namespace.update(kw)
    code = (
        "import sys, types\n"
        "from mobile_case.ui.widgets import dialogs\n"
        "def answer(self):\n"
        "    print('DIALOG', self.windowTitle(), '|', self.text_label.text(), flush=True)\n"
        "    return 1\n"
        "dialogs.ConfirmDialog.exec = answer\n"
        "from mobile_case.app import main\n"
        f"sys.exit(main(types.SimpleNamespace(**{namespace!r})))\n"
    )
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_main_with_a_corrupt_profile_returns_2(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text("[[[", encoding="utf-8")
    data_dir = tmp_path / "d"
    result = run_main_in_a_process(data_dir, profile=str(bad))
    assert result.returncode == app_module.EXIT_START_FAILED, result.stderr
    assert "DIALOG Програму неможливо запустити | " in result.stdout
    assert "broken.toml" in result.stdout
    assert "Traceback" not in result.stderr
    log_text = (data_dir / "logs" / "mobile-case.log").read_text(encoding="utf-8")
    assert "open-store failed" in log_text


@pytest.mark.slow
def test_main_second_instance_in_another_process_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    data_dir.mkdir()
    held = app_module.acquire_instance_lock(data_dir)
    assert held is not None
    try:
        result = run_main_in_a_process(data_dir)
    finally:
        held.unlock()
    assert result.returncode == app_module.EXIT_START_FAILED
    assert "Програма вже працює з цією папкою даних" in result.stdout


def _drop_log_handlers() -> None:
    import logging

    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_mobile_case", False)]:
        root.removeHandler(handler)
        handler.close()


@pytest.mark.slow
def test_cold_start_probe_in_a_real_process(tmp_path: Path) -> None:
    result = run_main_in_a_process(tmp_path / "d", ("MOBILE_CASE_STARTUP_PROBE", "1"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ready ")
    assert "Traceback" not in result.stderr
    assert (tmp_path / "d" / "logs" / "mobile-case.log").exists()
    assert not (tmp_path / "d" / "mobile-case.lock").exists()  # released on exit


def _first_head(c: AppController, qtbot, tasks) -> None:
    login = c.login_window
    login.first_name_field.setText("Петренко Олена Іванівна")
    login.first_login_field.setText("kerivnyk")
    login.first_pin_field.setText("240607")
    login.first_pin2_field.setText("240607")
    login.create_button.click()
    qtbot.waitUntil(lambda: c.main_window is not None, timeout=10000)
    tasks.wait_idle()


def _log_in_again(c: AppController, qtbot, tasks) -> None:
    for d in "240607":
        c.login_window.pinpad.press(d)
    c.login_window.pinpad.submit()
    qtbot.waitUntil(lambda: c.main_window is not None, timeout=10000)
    tasks.wait_idle()


def test_logout_right_after_typing_keeps_what_was_typed(
    controller_factory, data_dir, store_key, tasks, qtbot, type_text
) -> None:
    """The intake wizard saves 0.4 s after the last keystroke; a logout tapped within that time saves
    the page first (the save reaches the database worker ahead of the logout), so nothing is lost."""
    c = controller_factory(data_dir, store_key)
    _first_head(c, qtbot, tasks)
    wizard = c.main_window.open_page("intake")
    wizard.applicant.channel.click("phone")
    wizard.next()
    tasks.wait_idle()
    request_id = wizard.keeper.request.id
    type_text(wizard.subject.surname.edit, "Шевченко")
    c.main_window.header.logout_button.click()  # at once: the 0.4 s save timer has not fired
    qtbot.waitUntil(lambda: c.main_window is None and c.login_window.isVisible(), timeout=10000)
    tasks.wait_idle()
    assert c.login_window.banner.text() == "Ви вийшли з облікового запису."
    _log_in_again(c, qtbot, tasks)
    assert c.services.requests.get(request_id).subject.surname == "Шевченко"
    wizard = c.main_window.open_page("intake", request_id=request_id)
    tasks.wait_idle()
    qtbot.waitUntil(lambda: wizard.subject.surname.text() == "Шевченко", timeout=5000)


def test_lock_right_after_typing_keeps_what_was_typed(
    controller_factory, data_dir, store_key, tasks, qtbot, type_text
) -> None:
    """Locking the screen saves the page first (a locked session refuses saves); logging out from the
    lock screen then loses nothing either."""
    c = controller_factory(data_dir, store_key)
    _first_head(c, qtbot, tasks)
    wizard = c.main_window.open_page("intake")
    wizard.applicant.channel.click("phone")
    wizard.next()
    tasks.wait_idle()
    request_id = wizard.keeper.request.id
    type_text(wizard.subject.surname.edit, "Ковальчук")
    c.main_window.lock()
    tasks.wait_idle()
    assert c.main_window.locked
    c.main_window.lock_overlay.logout_button.click()
    qtbot.waitUntil(lambda: c.main_window is None and c.login_window.isVisible(), timeout=10000)
    tasks.wait_idle()
    _log_in_again(c, qtbot, tasks)
    assert c.services.requests.get(request_id).subject.surname == "Ковальчук"


def test_once_the_store_is_open_start_up_is_frozen_and_full_collections_move_to_the_gui_thread(
    data_dir, store_key, tasks, qtbot
) -> None:
    """``main()`` asks its controller to manage the garbage collector (ui/collector.py); a controller
    driven by a test in a shared process leaves it alone."""
    import gc

    from mobile_case.ui import collector

    plain = AppController(data_dir, args(data_dir=data_dir), key_provider=StaticKeyProvider(store_key))
    assert plain.manage_gc is False
    c = AppController(data_dir, args(data_dir=data_dir), key_provider=StaticKeyProvider(store_key))
    c.manage_gc = True
    c.start()
    qtbot.addWidget(c.login_window)
    try:
        assert collector.installed() is None  # not before start-up is done
        qtbot.waitUntil(lambda: c.services is not None, timeout=30000)
        tasks.wait_idle(30)
        installed = collector.installed()
        assert installed is not None and installed.timer.isActive()
        assert gc.get_freeze_count() > 0 and gc.get_threshold()[2] == collector.OUT_OF_REACH
    finally:
        collector.uninstall()
        tasks.wait_idle(30)
        if c.services is not None:
            c.services.close()
    assert collector.installed() is None and gc.get_freeze_count() == 0


def test_main_manages_the_garbage_collector(data_dir, monkeypatch) -> None:
    from PySide6.QtCore import QTimer

    seen = []

    def start(self) -> None:  # instead of the login window: note the flag, leave the event loop
        seen.append(self.manage_gc)
        QTimer.singleShot(0, lambda: self.quit(0))

    monkeypatch.setattr(AppController, "start", start)
    try:
        assert app_module.main(args(data_dir=data_dir)) == 0
    finally:
        _drop_log_handlers()
    assert seen == [True]
