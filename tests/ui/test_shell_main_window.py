"""ui/main_window.py: the rail, the header, the page registry, roles, lock and logout."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from mobile_case.domain.model import Role
from mobile_case.domain.roles import Permission
from mobile_case.ui.main_window import MainWindow
from mobile_case.ui.pages import PageSpec, allowed, discover

HEAD_NAME = "Коваленко Олена Петрівна"  # the conftest head


class EchoPage(QWidget):
    """A page that remembers what it was opened with and keeps typed text."""

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.calls = []
        self.deactivated = 0
        self.edit = QLineEdit()
        QVBoxLayout(self).addWidget(self.edit)

    def activate(self, **kwargs):
        self.calls.append(kwargs)

    def deactivate(self):
        self.deactivated += 1


def test_rail_header_and_home(main_window: MainWindow) -> None:
    w = main_window
    assert w.current_key() == "home"
    assert w.nav_keys()[0] == "home" and w.nav_keys()[-1] == "settings"
    assert w.nav_button("home").text() == "Головна"
    assert w.nav_button("settings").text() == "Налаштування"
    assert w.nav_button("home").isChecked()
    assert w.header.user_label.text() == HEAD_NAME
    assert w.header.role_label.text() == "Керівник Центру"
    assert "Чортків" in w.header.community_label.text()
    assert w.header.page_title.text() == "Головна"
    for key in w.nav_keys():
        assert w.nav_button(key).height() >= 44
    # the frame fits 1280×800 without scrolling
    assert w.width() <= 1280 and w.height() <= 800
    assert w.minimumSizeHint().height() <= 800 and w.minimumSizeHint().width() <= 1280


def test_register_and_open_page_with_kwargs(main_window: MainWindow) -> None:
    w = main_window
    w.register_page("outings", QT_TRANSLATE_NOOP("Navigation", "Outings"), EchoPage, icon="outings")
    assert "outings" in w.nav_keys()
    assert w.nav_keys().index("outings") < w.nav_keys().index("settings")
    assert w.nav_button("outings").text() == "Виїзди"
    page = w.open_page("outings", request_id="r-1")
    assert isinstance(page, EchoPage) and page.calls == [{"request_id": "r-1"}]
    assert page.ctx.services is w.services and page.ctx.window is w
    page.edit.setText("набрано до перемикання")
    w.open_page("home")
    assert page.deactivated == 1
    again = w.open_page("outings")
    assert again is page  # created once, kept
    assert page.edit.text() == "набрано до перемикання"
    assert w.nav_button("outings").isChecked()


def test_unknown_and_forbidden_pages(main_window: MainWindow, admin_services) -> None:
    w = main_window
    assert w.open_page("no-such-page") is None
    assert w.banner.kind() == "warning" and w.banner.text() == "Цей екран недоступний у цій версії."


def test_pages_are_hidden_by_role(qtbot, admin_services, tasks, app_config) -> None:
    specs = [
        PageSpec("journals", "Journals", EchoPage, permission=Permission.VIEW_ALL_JOURNALS, order=50),
        PageSpec("intake", "New request", EchoPage, permission=Permission.INTAKE, order=20),
    ]
    w = MainWindow(admin_services, tasks=tasks, config=app_config, specs=specs)
    qtbot.addWidget(w)
    assert "intake" in w.nav_keys()
    assert "journals" not in w.nav_keys()  # an administrator sees only their own journals
    assert w.open_page("journals") is None
    assert w.banner.text() == "У вас немає прав відкривати цей екран."
    assert w.header.role_label.text() == "Адміністратор ЦНАП"
    w.watcher.stop()


def test_allowed_rules() -> None:
    assert allowed(Role.ADMINISTRATOR, None)
    assert allowed(Role.HEAD, Permission.MANAGE_USERS)
    assert not allowed(Role.ADMINISTRATOR, Permission.MANAGE_USERS)
    assert allowed(Role.KIT_KEEPER, {Role.KIT_KEEPER, Role.HEAD})
    assert not allowed(Role.ADMINISTRATOR, Role.HEAD)
    assert not allowed(None, Permission.INTAKE)


def test_discover_skips_missing_packages() -> None:
    specs = discover(("mobile_case.ui.no_such_room",))
    assert specs == []


def test_failed_task_without_handler_shows_in_the_banner(main_window: MainWindow, tasks) -> None:
    from mobile_case.domain.errors import NotFound

    def fail():
        raise NotFound("request", "x")

    tasks.run_db(fail)
    tasks.wait_idle()
    assert main_window.banner.kind() == "error"
    assert main_window.banner.text() == "Запис не знайдено. Можливо, його вже видалено."


def test_lock_keeps_work_and_unlocks_with_pin(main_window: MainWindow, tasks, qtbot, accounts) -> None:
    w = main_window
    w.register_page("echo", "Visit", EchoPage)
    page = w.open_page("echo")
    page.edit.setText("Шевченко")
    w.header.lock_button.click()
    assert w.locked
    assert w.lock_overlay.geometry() == w.centralWidget().rect()
    assert w.lock_overlay.user_label.text() == HEAD_NAME
    tasks.wait_idle()
    assert w.services.session.locked  # services refuse work while locked
    # keys typed at the page underneath are swallowed while locked
    qtbot.keyClicks(page.edit, "zz")
    assert page.edit.text() == "Шевченко"
    for d in "111111":
        w.lock_overlay.pinpad.keys[d].click()
    w.lock_overlay.pinpad.keys["OK"].click()
    tasks.wait_idle()
    assert w.locked
    assert w.lock_overlay.banner.text() == "Неправильний PIN. Спробуйте ще раз."
    for d in accounts.pin:
        w.lock_overlay.pinpad.keys[d].click()
    w.lock_overlay.pinpad.keys["OK"].click()
    tasks.wait_idle()
    assert not w.locked
    assert not w.services.session.locked
    assert w.current_page() is page and page.edit.text() == "Шевченко"


def test_inactivity_locks_the_window(main_window: MainWindow, qtbot) -> None:
    w = main_window
    w.set_inactivity_minutes(0.002)  # 120 ms
    qtbot.waitUntil(lambda: w.locked, timeout=3000)


def test_activity_postpones_the_lock(qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt

    from mobile_case.ui.login import InactivityWatcher

    target = QLabel("x")
    qtbot.addWidget(target)
    target.show()
    watcher = InactivityWatcher(0.005)  # 300 ms
    fired = []
    watcher.timed_out.connect(lambda: fired.append(True))
    for _ in range(5):
        qtbot.wait(100)
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert fired == []
    qtbot.waitUntil(lambda: fired == [True], timeout=3000)
    watcher.set_minutes(0)
    assert not watcher._timer.isActive()


def test_logout_button_emits(main_window: MainWindow, qtbot) -> None:
    with qtbot.waitSignal(main_window.logout_requested, timeout=2000):
        main_window.header.logout_button.click()


def test_device_chips_in_the_header(main_window: MainWindow, tasks, devices) -> None:
    if devices is None:
        import pytest

        pytest.skip("devices/registry.py is not there yet")
    main_window.refresh_devices()
    tasks.wait_idle()
    chips = main_window.device_panel.chips
    assert {"printer", "scanner", "card_reader"} <= set(chips)
    assert all(c.text() for c in chips.values())


def test_every_page_fits_1280x800(demo_window: MainWindow, tasks, screenshot) -> None:
    """The frame never needs scrolling at 1280×800: with every registered page opened, the window's
    minimum size still fits the kit's screen (pages scroll inside themselves when they must)."""
    w = demo_window
    too_big = []
    for key in w.page_keys():
        w.open_page(key)
        tasks.wait_idle()
        hint = w.minimumSizeHint()
        if hint.width() > 1280 or hint.height() > 800:
            too_big.append((key, hint.width(), hint.height()))
        screenshot(w, f"shell-page-{key}")
    assert too_big == []
    assert w.width() <= 1280 and w.height() <= 800


def test_a_notice_is_cleared_when_another_page_opens_an_error_stays(main_window: MainWindow) -> None:
    w = main_window
    w.register_page("outings", QT_TRANSLATE_NOOP("Navigation", "Outings"), EchoPage, icon="outings")
    for kind in ("info", "success", "warning"):
        w.show_message(f"Зроблено ({kind})", kind)
        assert w.banner.isVisible()
        w.open_page("outings" if w.current_key() == "home" else "home")
        assert not w.banner.isVisible() and w.banner.text() == "", kind
    # the same page opened again with other arguments (e.g. another visit) clears it too
    w.show_message("Візит завершено.", "success")
    w.open_page(w.current_key(), request_id="r-2")
    assert not w.banner.isVisible()
    # an error stays until the user closes it
    w.show_message("Не вдалося зберегти.", "error")
    w.open_page("outings" if w.current_key() == "home" else "home")
    assert w.banner.isVisible() and w.banner.text() == "Не вдалося зберегти."
    w.banner.close_button.click()
    assert not w.banner.isVisible()
    # a page's own warning on opening (no rights, unknown page) is shown, not cleared
    w.open_page("no-such-page")
    assert w.banner.kind() == "warning" and w.banner.isVisible()


def test_allowed_pages_modules_are_imported_in_a_worker_after_login(
    qtbot, admin_services, tasks, app_config, tmp_path, monkeypatch
) -> None:
    """PageSpec.preload: the modules of the pages the user may open are imported off the GUI thread a
    moment after the window opens; those of forbidden pages are not."""
    import sys
    import threading

    import mobile_case.ui.main_window as main_window_module

    (tmp_path / "preload_probe_allowed.py").write_text(
        "import threading\nIMPORTED_IN = threading.current_thread().name\n"
    )
    (tmp_path / "preload_probe_forbidden.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(main_window_module, "PRELOAD_DELAY_MS", 10)
    specs = [
        PageSpec(
            "intake",
            "New request",
            EchoPage,
            permission=Permission.INTAKE,
            preload=("preload_probe_allowed",),
        ),
        PageSpec(
            "journals",
            "Journals",
            EchoPage,
            permission=Permission.VIEW_ALL_JOURNALS,
            preload=("preload_probe_forbidden",),
        ),
    ]
    w = MainWindow(admin_services, tasks=tasks, config=app_config, specs=specs)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "preload_probe_allowed" in sys.modules, timeout=5000)
    assert tasks.wait_idle(10)
    assert sys.modules["preload_probe_allowed"].IMPORTED_IN != threading.main_thread().name
    assert "preload_probe_forbidden" not in sys.modules
    del sys.modules["preload_probe_allowed"]
    w.watcher.stop()
