"""ui/settings.py: the profile (read-only), people (head only), devices, general settings."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog

from mobile_case.domain.model import Role
from mobile_case.ui.main_window import MainWindow
from mobile_case.ui.settings import PinDialog, UserDialog


def open_settings(window: MainWindow, tab: str, tasks):
    page = window.open_page("settings", tab=tab)
    tasks.wait_idle()
    return page


def test_profile_tables_show_the_whole_profile(main_window: MainWindow, tasks, profile) -> None:
    page = open_settings(main_window, "community", tasks)
    tab = page.profile_tab
    assert tab.categories_table.rowCount() == len(profile.categories)
    assert tab.settlements_table.rowCount() == len(profile.settlements)
    assert tab.services_table.rowCount() == len(profile.services)
    titles = [tab.services_table.item(r, 0).text() for r in range(tab.services_table.rowCount())]
    assert titles == [s.title for s in profile.services]
    not_mobile = [s for s in profile.services if not s.mobile_allowed]
    assert not_mobile  # biometric documents are never served on the mobile workplace (O 1.6)
    row = [s.code for s in profile.services].index(not_mobile[0].code)
    assert tab.services_table.item(row, 4).text() == "ні"
    free = next(i for i, s in enumerate(profile.services) if s.fee is None or s.fee == 0)
    assert tab.services_table.item(free, 2).text().startswith("безоплатно")
    age = next(i for i, c in enumerate(profile.categories) if c.min_age is not None)
    assert str(profile.age_threshold) in tab.categories_table.item(age, 2).text()
    health = next(i for i, c in enumerate(profile.categories) if c.accepted_proof_codes)
    first_proof = profile.proof_document(profile.categories[health].accepted_proof_codes[0]).title
    assert first_proof in tab.categories_table.item(health, 2).text()
    assert tab.tabText(3) == f"Послуги ({len(profile.services)})"
    assert tab.services_table.editTriggers() == tab.services_table.EditTrigger.NoEditTriggers


def test_people_tab_only_for_the_head(qtbot, admin_services, tasks, app_config) -> None:
    window = MainWindow(admin_services, tasks=tasks, config=app_config, specs=[])
    qtbot.addWidget(window)
    page = open_settings(window, "people", tasks)
    assert page.people_tab is None
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Громада", "Пристрої", "Загальні"]
    window.watcher.stop()


def test_head_adds_a_user_sets_pin_and_deactivates(
    main_window: MainWindow, tasks, services, monkeypatch, dialog_answers, accounts
) -> None:
    page = open_settings(main_window, "people", tasks)
    people = page.people_tab
    assert [u.login for u in people.users] == [accounts.head_login]

    def fill_new(dialog: UserDialog) -> int:
        dialog.name_field.setText("Гнатюк Марія Степанівна")
        dialog.login_field.setText("hnatiuk")
        dialog.position_field.setText("Адміністратор ЦНАП")
        dialog.role_list.click(Role.ADMINISTRATOR.value)
        dialog.pin_field.setText("4826")
        dialog.pin2_field.setText("4826")
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(UserDialog, "exec", fill_new)
    people.add_button.click()
    tasks.wait_idle()
    assert people.banner.text() == "Користувача додано: Гнатюк Марія Степанівна"
    assert sorted(u.login for u in people.users) == ["head", "hnatiuk"]
    created = next(u for u in services.users.list() if u.login == "hnatiuk")
    assert created.role is Role.ADMINISTRATOR and created.active

    people.select_login("hnatiuk")
    assert people.active_button.text() == "Деактивувати"

    def fill_pin(dialog: PinDialog) -> int:
        dialog.pin_field.setText("5937")
        dialog.pin2_field.setText("5937")
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(PinDialog, "exec", fill_pin)
    people.pin_button.click()
    tasks.wait_idle()
    assert people.banner.text() == "Новий PIN встановлено."

    people.select_login("hnatiuk")
    dialog_answers.answer = False
    people.active_button.click()
    tasks.wait_idle()
    assert next(u for u in services.users.list() if u.login == "hnatiuk").active  # cancelled: unchanged
    dialog_answers.answer = True
    people.active_button.click()
    tasks.wait_idle()
    assert dialog_answers.asked == ["Деактивувати користувача?", "Деактивувати користувача?"]
    assert not next(u for u in services.users.list() if u.login == "hnatiuk").active
    row = [u.login for u in people.users].index("hnatiuk")
    assert people.table.item(row, 4).text() == "деактивований"
    # the PIN set by the head works once the user is active again
    from dataclasses import replace

    user = next(u for u in services.users.list() if u.login == "hnatiuk")
    services.users.update(replace(user, active=True))
    services.auth.logout()
    assert services.auth.login("hnatiuk", "5937").login == "hnatiuk"


def test_user_dialog_validates_before_saving(qtbot) -> None:
    dialog = UserDialog(None)
    qtbot.addWidget(dialog)
    dialog.name_field.setText("Гнатюк Марія")
    dialog.login_field.setText("Марія")
    dialog.pin_field.setText("1111")
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "латинські літери" in dialog.login_field.error_text()
    assert "однієї повтореної цифри" in dialog.pin_field.error_text()
    assert dialog.banner.text() == "Перевірте поля, позначені червоним."
    dialog.role_list.click(Role.HEAD.value)
    dialog.pin_field.setText("4826")  # 4 digits are too few for a head
    assert "від 6 до 8 цифр" in dialog.pin_field.error_text()


def test_edit_keeps_the_last_head(main_window: MainWindow, tasks, monkeypatch, accounts) -> None:
    page = open_settings(main_window, "people", tasks)
    people = page.people_tab
    people.select_login(accounts.head_login)

    def demote(dialog: UserDialog) -> int:
        assert dialog.name_field.text() == accounts.head_name
        assert not dialog.pin_field.isVisibleTo(dialog)  # editing never shows the PIN fields
        dialog.role_list.click(Role.ADMINISTRATOR.value)
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(UserDialog, "exec", demote)
    people.edit_button.click()
    tasks.wait_idle()
    assert people.banner.kind() == "error"
    assert "хоча б один активний обліковий запис керівника" in people.banner.text()


def test_devices_tab_lists_every_device(main_window: MainWindow, tasks, devices) -> None:
    if devices is None:
        import pytest

        pytest.skip("devices/registry.py is not there yet")
    page = open_settings(main_window, "devices", tasks)
    table = page.devices_tab.table
    kinds = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert {"Зчитувач", "Сканер", "Принтер"} <= set(kinds)
    assert all(table.item(r, 2).text() for r in range(table.rowCount()))
    assert set(main_window.device_panel.chips) >= {"card_reader", "scanner", "printer"}


def test_general_settings_are_saved_and_applied(main_window: MainWindow, tasks, app_config) -> None:
    page = open_settings(main_window, "general", tasks)
    general = page.general_tab
    assert general.inactivity.selected_code() == "5"
    general.language.set_current_code("en")
    general.inactivity.click("15")
    general.save_button.click()
    assert general.banner.text() == "Налаштування збережено."
    saved = json.loads(app_config.path.read_text(encoding="utf-8"))
    assert saved["language"] == "en" and saved["inactivity_minutes"] == 15
    assert main_window.watcher.interval_seconds == 15 * 60
    general.inactivity.click("0")
    general.save_button.click()
    assert not main_window.watcher._timer.isActive()  # "never"
    assert "зашифрована" in general.key_label.text()
    assert str(main_window.services.store.data_dir) in general.data_label.text()


def test_change_own_pin(main_window: MainWindow, tasks, services, accounts) -> None:
    general = open_settings(main_window, "general", tasks).general_tab
    general.old_pin.setText("000000")
    general.new_pin.setText("739154")
    general.change_pin_button.click()
    tasks.wait_idle()
    assert general.banner.kind() == "error"
    general.old_pin.setText(accounts.pin)
    general.new_pin.setText("739154")
    general.change_pin_button.click()
    tasks.wait_idle()
    assert general.banner.text() == "Ваш PIN змінено."
    services.auth.logout()
    assert services.auth.login(accounts.head_login, "739154").login == accounts.head_login
