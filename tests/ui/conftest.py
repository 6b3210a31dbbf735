"""Fixtures shared by every UI room's tests (owned by ui-shell).

- ``tasks``            a fresh TaskRunner installed as the app's runner for this test (autouse),
                       shut down afterwards; then the test's closed windows are destroyed on the GUI
                       thread. ``tasks.wait_idle()`` waits for workers + callbacks.
- ``profile``          the default community profile (Chortkiv), ``demo_profile`` alias.
- ``data_dir``         an empty temp data folder.
- ``store_key``        a random 256-bit key; ``key_provider`` hands it to the store (no keyring).
- ``app_services``     AppServices on a real SQLCipher store in ``data_dir``, no users, nobody logged in.
- ``services``         the same with the head of the CNAP created and logged in (``HEAD_LOGIN``/``PIN``).
- ``admin_services``   the same store with an administrator created and logged in instead.
- ``devices``          a DeviceRegistry with every device simulated, instant, printing into tmp_path/printed.
- ``main_window``      a MainWindow for ``services`` at 1280×800, shown, on the home page.
- ``admin_window``     the same for ``admin_services`` (an administrator).
- ``demo_services``    a private copy of the demo store (seeded once per session), demo head logged in.
- ``demo_window``      a MainWindow on ``demo_services``.
- ``type_text``        type text (Cyrillic too) into a widget with real key events.
- ``screenshot``       ``screenshot(widget, "name")`` saves screenshots/<name>.png (1280×800 if a window).
- ``dialog_answers``   answers ConfirmDialog without showing it: ``dialog_answers.answer = False``;
                       ``dialog_answers.asked`` lists the titles asked.
- ``login_as``         ``login_as(services, role) -> User``: create (if needed) and log in a user of a role.
- ``accounts``         logins, names and the PIN of the fixture users.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"

HEAD_LOGIN = "head"
ADMIN_LOGIN = "admin"
KEEPER_LOGIN = "keeper"
PIN = "258036"  # the test PIN of every fixture user (6 digits: the head needs 6+)
HEAD_NAME = "Коваленко Олена Петрівна"
ADMIN_NAME = "Мельник Андрій Васильович"
KEEPER_NAME = "Бойко Ігор Степанович"


@pytest.fixture(scope="session", autouse=True)
def _themed_app(qapp: QApplication) -> QApplication:
    """The app-wide theme and the Ukrainian catalogues, once per session (as the real app does)."""
    from mobile_case import i18n
    from mobile_case.ui import theme

    theme.apply_theme(qapp)
    cache = Path(os.environ.get("MOBILE_CASE_TEST_CACHE", "/tmp/mobile-case-test-cache")) / "translations"
    i18n.install(qapp, "uk", cache_dir=cache)
    return qapp


@pytest.fixture(scope="session", autouse=True)
def _cheap_pin_hashing() -> Iterator[None]:
    """Argon2id with tiny parameters: the same code path, milliseconds instead of ~100 ms a PIN."""
    from argon2 import PasswordHasher

    from mobile_case.storage import pins

    previous = pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    pins.use_hasher(previous)


def destroy_leftovers() -> None:
    """Delete, here on the GUI thread, what a test left behind: widgets closed with ``deleteLater()``
    (never flushed at event-loop level 0) and windows reachable only through reference cycles. Left
    alone, Python's cyclic GC would destroy them whenever it next runs — often inside the database
    worker of a later test, i.e. Qt widgets and timers deleted off the GUI thread (a segfault in
    ``QUnifiedTimer::updateAnimationTimers``, requests-e2e.md 5)."""
    import gc

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # what is still alive now lives on for the session (modules, the demo template, caches): frozen, so
    # the next test's clean-up walks only what that test made (a full walk costs ~0.2 s a test)
    gc.freeze()


@pytest.fixture(autouse=True)
def tasks(qapp: QApplication) -> Iterator[Any]:
    """A fresh task runner for the test; afterwards (when pytest-qt has closed the test's widgets) the
    test's windows are destroyed on the GUI thread (``destroy_leftovers``)."""
    from mobile_case.ui import tasks as tasks_module

    runner = tasks_module.TaskRunner()
    tasks_module.set_runner(runner)
    yield runner
    runner.wait_idle(10)
    runner.shutdown(wait=True)
    tasks_module.set_runner(None)
    destroy_leftovers()


@pytest.fixture(scope="session")
def profile() -> Any:
    from mobile_case.profiles import default_profile

    return default_profile()


@pytest.fixture(scope="session")
def demo_profile(profile: Any) -> Any:
    return profile


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def store_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def key_provider(store_key: bytes) -> Any:
    from mobile_case.storage.keys import StaticKeyProvider

    return StaticKeyProvider(store_key)


def _build_services(data_dir: Path, profile: Any, key_provider: Any) -> Any:
    try:
        from mobile_case.services import build_services
    except ImportError:
        from mobile_case.services.context import build_services
    return build_services(data_dir, profile, key_provider=key_provider)


@pytest.fixture
def app_services(data_dir: Path, profile: Any, key_provider: Any) -> Iterator[Any]:
    services = _build_services(data_dir, profile, key_provider)
    yield services
    services.close()


def _login_as(services: Any, role: Any) -> Any:
    from mobile_case.domain.model import Role, User

    role = Role(role)
    auth = services.auth
    if not auth.has_users():
        auth.create_first_head(HEAD_LOGIN, HEAD_NAME, PIN)
    login = {Role.HEAD: HEAD_LOGIN, Role.ADMINISTRATOR: ADMIN_LOGIN, Role.KIT_KEEPER: KEEPER_LOGIN}[role]
    if role is not Role.HEAD:
        auth.login(HEAD_LOGIN, PIN)
        if not any(u.login == login for u in services.users.list()):
            name = ADMIN_NAME if role is Role.ADMINISTRATOR else KEEPER_NAME
            position = "Адміністратор ЦНАП" if role is Role.ADMINISTRATOR else "Відповідальний за кейс"
            services.users.create(User(login=login, full_name=name, position=position, role=role), PIN)
        auth.logout()
    return auth.login(login, PIN)


@pytest.fixture
def accounts() -> SimpleNamespace:
    """Logins, names and the PIN of the fixture users (PIN is the same for all)."""
    return SimpleNamespace(
        pin=PIN,
        head_login=HEAD_LOGIN,
        admin_login=ADMIN_LOGIN,
        keeper_login=KEEPER_LOGIN,
        head_name=HEAD_NAME,
        admin_name=ADMIN_NAME,
        keeper_name=KEEPER_NAME,
    )


@pytest.fixture
def login_as() -> Callable[[Any, Any], Any]:
    return _login_as


@pytest.fixture
def services(app_services: Any) -> Any:
    """AppServices with the head of the CNAP logged in."""
    from mobile_case.domain.model import Role

    _login_as(app_services, Role.HEAD)
    return app_services


@pytest.fixture
def admin_services(app_services: Any) -> Any:
    """AppServices with an administrator logged in."""
    from mobile_case.domain.model import Role

    _login_as(app_services, Role.ADMINISTRATOR)
    return app_services


DEMO_HEAD_LOGIN = "kerivnyk"  # services/demo.py accounts (public demo PINs)
DEMO_HEAD_PIN = "240607"
DEMO_ADMIN_LOGIN = "admin"
DEMO_ADMIN_PIN = "1357"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, profile: Any) -> tuple[Path, bytes]:
    """The demo store seeded once per session (services/demo.py); tests get copies of it."""
    from mobile_case.services.demo import seed_demo
    from mobile_case.storage.keys import StaticKeyProvider

    key = secrets.token_bytes(32)
    path = tmp_path_factory.mktemp("demo-template") / "data"
    seed_demo(path, profile, key_provider=StaticKeyProvider(key))
    return path, key


@pytest.fixture
def demo_services(demo_template: tuple[Path, bytes], tmp_path: Path, profile: Any) -> Iterator[Any]:
    """A private copy of the demo store with the demo head (``kerivnyk``) logged in.
    Other demo logins: ``admin``/1357 (administrator), ``keeper``/9753 (kit keeper)."""
    import shutil

    from mobile_case.storage.keys import StaticKeyProvider

    source, key = demo_template
    target = tmp_path / "demo-data"
    shutil.copytree(source, target)
    services = _build_services(target, profile, StaticKeyProvider(key))
    services.auth.login(DEMO_HEAD_LOGIN, DEMO_HEAD_PIN)
    yield services
    services.close()


@pytest.fixture
def demo_window(qtbot: Any, demo_services: Any, devices: Any, tasks: Any, app_config: Any) -> Iterator[Any]:
    """A MainWindow on the demo store (head logged in), 1280×800, on the home page."""
    yield from _window(qtbot, demo_services, devices, tasks, app_config)


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    """Every device simulated (never the machine's real ones, nor the private pcscd/SANE of the device
    tests), instant, the simulated printer writing into ``tmp_path/printed`` (requests-devices.md)."""
    from mobile_case.devices.registry import DeviceConfig, DeviceRegistry

    return DeviceRegistry(
        simulate=True,
        config=DeviceConfig(simulator_time_scale=0.0, simulated_printer_dir=tmp_path / "printed"),
    )


@pytest.fixture
def app_config(data_dir: Path) -> Any:
    from mobile_case.app import AppConfig

    return AppConfig(path=data_dir / "settings.json")


def _window(qtbot: Any, services: Any, devices: Any, tasks: Any, app_config: Any) -> Iterator[Any]:
    """A MainWindow of ``services``, 1280×800, on the home page; its watcher stopped at the end."""
    from mobile_case.ui.main_window import MainWindow

    window = MainWindow(services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_page("home")
    tasks.wait_idle()
    yield window
    tasks.wait_idle()
    window.watcher.stop()


@pytest.fixture
def main_window(qtbot: Any, services: Any, devices: Any, tasks: Any, app_config: Any) -> Iterator[Any]:
    """The head's MainWindow, 1280×800, on the home page."""
    yield from _window(qtbot, services, devices, tasks, app_config)


@pytest.fixture
def admin_window(qtbot: Any, admin_services: Any, devices: Any, tasks: Any, app_config: Any) -> Iterator[Any]:
    """An administrator's MainWindow, 1280×800, on the home page."""
    yield from _window(qtbot, admin_services, devices, tasks, app_config)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` one QKeyEvent per character (safe for Cyrillic, unlike
    ``qtbot.keyClicks`` which aborts on non-Latin letters)."""
    widget.setFocus()
    for ch in text:
        press = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
        release = QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, ch)
        QApplication.sendEvent(widget, press)
        QApplication.sendEvent(widget, release)
    QApplication.processEvents()


@pytest.fixture(name="type_text")
def type_text_fixture() -> Callable[[QWidget, str], None]:
    return type_text


def save_screenshot(widget: QWidget, name: str, folder: Path = SCREENSHOTS) -> Path:
    """Render ``widget`` into ``folder/name.png`` (processes events first so layouts settle)."""
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        QApplication.processEvents()
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not save {path}")
    return path


@pytest.fixture
def screenshot() -> Callable[[QWidget, str], Path]:
    return save_screenshot


class DialogAnswers:
    def __init__(self) -> None:
        self.answer = True
        self.asked: list[str] = []


@pytest.fixture
def dialog_answers(monkeypatch: pytest.MonkeyPatch) -> DialogAnswers:
    from mobile_case.ui.widgets.dialogs import ConfirmDialog

    answers = DialogAnswers()

    def fake_exec(self: ConfirmDialog) -> int:
        answers.asked.append(self.windowTitle())
        result = QDialog.DialogCode.Accepted if answers.answer else QDialog.DialogCode.Rejected
        self.setResult(result)
        return result

    monkeypatch.setattr(ConfirmDialog, "exec", fake_exec)
    return answers
