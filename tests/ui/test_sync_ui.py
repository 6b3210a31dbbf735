"""The sync queue on the home screen and Settings → Sync, against the in-test station."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from test_sync_support import *  # noqa: E402, F403 (the shared fixtures: station, _file_keys, _no_sync_left_running)

from sync.kitdata import make_cases  # noqa: E402


def _running(services) -> bool:
    from mobile_case.services import sync as svc

    sched = svc._SCHEDULERS.get(id(services.store))
    return sched is not None and sched.running


def test_home_shows_not_paired_then_pair_and_sync_now(
    main_window, services, station, tasks, qtbot, screenshot
):
    from mobile_case.services.sync import SyncService

    home = main_window.page("home")
    card = home.sync_card
    tasks.wait_idle()
    assert "не сполучено" in card.station_label.text()
    assert not card.now_button.isEnabled()
    assert card.now_button.minimumHeight() >= 44

    main_window.open_page("settings", tab="sync")
    tasks.wait_idle()
    tab = main_window.page("settings").sync_tab
    assert tab is not None
    tab.code_edit.setText(station.code[:-1] + ("0" if station.code[-1] != "0" else "1"))
    tab.pair()
    tasks.wait_idle()
    assert "невірний" in tab.banner.text_label.text()
    tab.code_edit.setText(station.code)
    tab.pair()
    tasks.wait_idle()
    assert "сполучено" in tab.banner.text_label.text().lower()
    assert "ЦНАП тест" in tab.pair_state.text()
    screenshot(main_window, "sync-settings")
    # pairing started the background sync; the test's cases are written row by row (not completed in one
    # transaction as the app does), so it is stopped while they are made — «Синхронізувати зараз» restarts it
    qtbot.waitUntil(lambda: _running(services), timeout=10_000)
    SyncService(services).stop()

    make_cases(services.store, 3, recordings={1: 200_000})
    main_window.open_page("home")
    tasks.wait_idle()
    assert "Очікують надсилання: 0" in card.station_label.text() or card.now_button.isEnabled()
    card.sync_now()
    # the simulated kit is on the mobile modem: the recording waits for Wi-Fi, the rest is delivered
    qtbot.waitUntil(lambda: "доставлено: 2" in card.station_label.text(), timeout=30_000)
    texts = [label.text() for label in card.row_labels]
    states = [badge.text() for badge in card.row_badges]
    assert states == ["запечатано", "доставлено", "доставлено"]  # SHOWN = 3, the waiting one first
    assert "чекає на Wi-Fi" in texts[0] and "із записом" in texts[0]
    screenshot(main_window, "sync-home")
    # the head allows recordings over mobile data in Settings → Sync
    main_window.open_page("settings", tab="sync")
    tasks.wait_idle()
    tab.mobile_box.setChecked(True)
    tab.save()
    tasks.wait_idle()
    tab.verticalScrollBar().setValue(tab.verticalScrollBar().maximum())
    screenshot(main_window, "sync-settings-saved")
    for w in (tab.chunk_spin, tab.rate_spin, tab.keep_spin, tab.mobile_box, tab.save_button, tab.pair_button):
        assert w.height() >= 44, w
    assert SyncService(services).settings().recordings_over_mobile
    main_window.open_page("home")
    tasks.wait_idle()
    card.sync_now()
    qtbot.waitUntil(lambda: "доставлено: 3" in card.station_label.text(), timeout=30_000)
    assert len(station.packages) == 3
    SyncService(services).stop()


def test_set_aside_package_shows_its_reason(main_window, services, station, tasks, qtbot):
    from mobile_case.services.sync import SyncService
    from mobile_case.sync import protocol as p
    from mobile_case.sync.pairing import pair

    pair(services.store, code=station.code)
    make_cases(services.store, 1)
    station.faults["receipt_key"] = p.new_sign_key()
    home = main_window.page("home")
    card = home.sync_card
    card.sync_now()
    qtbot.waitUntil(lambda: [b.text() for b in card.row_badges] == ["відкладено"], timeout=30_000)
    assert any("Квитанція станції не пройшла перевірку" in lbl.text() for lbl in card.row_labels)
    SyncService(services).stop()


def test_the_whole_queue_opens_from_the_home_card(main_window, services, station, tasks, qtbot, screenshot):
    """The card lists three packages; «Уся черга (ще N)» shows every one with its state, bytes and error."""
    from mobile_case.services.sync import SyncService
    from mobile_case.sync.pairing import pair

    pair(services.store, code=station.code)
    make_cases(services.store, 6, recordings={2: 150_000})  # on the simulated modem: the recording waits
    card = main_window.page("home").sync_card
    card.sync_now()
    qtbot.waitUntil(lambda: "доставлено: 5" in card.station_label.text(), timeout=30_000)
    assert len(card.row_labels) == 3
    assert card.all_button.isVisible() and card.all_button.text() == "Уся черга (ще 3)"
    assert card.all_button.height() >= 44
    screenshot(main_window, "sync-home-more")
    card.all_button.click()
    dialog = card.queue_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    table = dialog.table
    assert table.rowCount() == 6
    assert [table.item(r, 0).text() for r in range(6)] == ["запечатано"] + ["доставлено"] * 5
    assert "чекає на Wi-Fi" in table.item(0, 3).text() and "із записом візиту" in table.item(0, 1).text()
    assert " з " in table.item(1, 2).text()
    qtbot.waitUntil(lambda: table.rowHeight(0) < 120, timeout=5000)  # wrapped to the real column width
    screenshot(dialog, "sync-queue-dialog")
    dialog.close_button.click()
    assert not dialog.isVisible()
    SyncService(services).stop()
