"""ui/login.py: first run, login with the keypad, wrong PINs, lockout, lock-screen lockout."""

from __future__ import annotations

from mobile_case.ui.login import LoginWindow
from mobile_case.ui.main_window import MainWindow


def press(pad, digits: str) -> None:
    for d in digits:
        pad.keys[d].click()


def make_login(qtbot, services, tasks, last_login: str = "") -> LoginWindow:
    window = LoginWindow(last_login=last_login, tasks=tasks)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert window.mode == "starting"
    window.set_services(services)
    tasks.wait_idle()
    return window


def test_first_run_creates_the_head_and_logs_in(qtbot, app_services, tasks) -> None:
    window = make_login(qtbot, app_services, tasks)
    assert window.mode == "first_run"
    window.first_name_field.setText("Петренко Олена Іванівна")
    window.first_login_field.setText("Kerivnyk")
    window.first_pin_field.setText("1234")
    assert "від 6 до 8 цифр" in window.first_pin_field.error_text()  # the store's rule, as typed
    window.first_pin_field.setText("240607")
    window.first_pin2_field.setText("240608")
    assert window.first_pin2_field.error_text() == "PIN-коди не збігаються."
    window.create_button.click()
    tasks.wait_idle()
    assert not app_services.auth.has_users()  # nothing created with mismatching PINs
    assert window.banner.text() == "Перевірте поля, позначені червоним."
    window.first_pin2_field.setText("240607")
    with qtbot.waitSignal(window.logged_in, timeout=10000) as blocker:
        window.create_button.click()
    user = blocker.args[0]
    assert user.full_name == "Петренко Олена Іванівна" and user.login == "kerivnyk"
    assert user.role.value == "head"
    assert app_services.auth.current_user.id == user.id


def test_first_run_login_rule_is_checked_as_typed(qtbot, app_services, tasks) -> None:
    window = make_login(qtbot, app_services, tasks)
    window.first_login_field.setText("Олена")
    assert "латинські літери" in window.first_login_field.error_text()


def test_login_wrong_pin_counts_down_then_locks(qtbot, services, tasks, accounts) -> None:
    services.auth.logout()
    window = make_login(qtbot, services, tasks, last_login=accounts.head_login)
    assert window.mode == "login"
    assert window.login_field.text() == accounts.head_login
    press(window.pinpad, "111111")
    window.pinpad.keys["OK"].click()
    tasks.wait_idle()
    assert window.banner.kind() == "error"
    assert window.banner.text() == "Невірний логін або PIN. Залишилось спроб: 4."
    assert window.pinpad.pin() == ""
    for _ in range(4):
        press(window.pinpad, "111111")
        window.pinpad.submit()
        tasks.wait_idle()
    assert "заблоковано" in window.banner.text() and "Спробуйте знову о" in window.banner.text()
    # even the right PIN is refused while locked; nobody is logged in
    press(window.pinpad, accounts.pin)
    window.pinpad.submit()
    tasks.wait_idle()
    assert "заблоковано" in window.banner.text()
    assert services.auth.current_user is None


def test_login_with_keypad(qtbot, services, tasks, accounts) -> None:
    services.auth.logout()
    window = make_login(qtbot, services, tasks)
    press(window.pinpad, accounts.pin)
    window.pinpad.submit()
    assert window.login_field.error_text() == "Введіть логін."
    window.login_field.setText(accounts.head_login)
    window.pinpad.submit()  # the keypad still holds the PIN
    with qtbot.waitSignal(window.logged_in, timeout=10000) as blocker:
        press(window.pinpad, accounts.pin)
        window.pinpad.submit()
    assert blocker.args[0].login == accounts.head_login


def test_empty_pin_is_not_sent(qtbot, services, tasks, accounts) -> None:
    services.auth.logout()
    window = make_login(qtbot, services, tasks, last_login=accounts.head_login)
    window.pinpad.submit()
    assert window.banner.text() == "Введіть PIN на цифровій клавіатурі."


def test_lock_screen_lockout_ends_the_session(qtbot, services, tasks, app_config) -> None:
    window = MainWindow(services, tasks=tasks, config=app_config, specs=[])
    qtbot.addWidget(window)
    window.show()
    window.lock()
    tasks.wait_idle()
    ended = []
    window.locked_out.connect(ended.append)
    for _ in range(5):
        press(window.lock_overlay.pinpad, "999999")
        window.lock_overlay.pinpad.submit()
        tasks.wait_idle()
    assert ended and "заблоковано" in ended[0]
    assert services.auth.current_user is None
    assert not window.locked
    window.watcher.stop()


def test_logout_from_the_lock_screen(qtbot, services, tasks, app_config) -> None:
    window = MainWindow(services, tasks=tasks, config=app_config, specs=[])
    qtbot.addWidget(window)
    window.show()
    window.lock()
    with qtbot.waitSignal(window.logout_requested, timeout=2000):
        window.lock_overlay.logout_button.click()
    assert not window.locked
    window.watcher.stop()


def test_login_typed_while_the_store_opens_goes_through_when_it_is_open(
    qtbot, services, tasks, accounts
) -> None:
    services.auth.logout()
    window = LoginWindow(last_login=accounts.head_login, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    assert window.mode == "starting" and window.starting_label.isVisible()
    assert window.pinpad.isVisible() and window.login_field.isVisible()  # typable at once
    press(window.pinpad, accounts.pin)
    window.pinpad.submit()
    assert window.banner.text() == "Зачекайте: сховище даних ще відкривається — вхід відбудеться автоматично."
    with qtbot.waitSignal(window.logged_in, timeout=10000) as blocker:
        window.set_services(services)
    assert blocker.args[0].login == accounts.head_login
    assert not window.starting_label.isVisible()
