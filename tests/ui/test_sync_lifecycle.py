"""The background sync belongs to the app (issue 4): started after login for a paired kit, stopped at
logout and at quit; a closed visit asks it to seal and send at once."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from test_sync_support import *  # noqa: E402, F403 (the shared fixtures: station, _file_keys, _no_sync_left_running)

from mobile_case.app import AppController  # noqa: E402
from mobile_case.storage.keys import StaticKeyProvider  # noqa: E402
from sync.kitdata import make_cases  # noqa: E402

PIN = "240607"


def _scheduler(services):
    from mobile_case.services import sync as svc

    return svc._SCHEDULERS.get(id(services.store))


def _controller(data_dir: Path, key: bytes, qtbot, tasks) -> AppController:
    args = SimpleNamespace(data_dir=data_dir, demo=False, profile=None, lang="uk", simulate_devices=True)
    c = AppController(data_dir, args, key_provider=StaticKeyProvider(key))
    c.start()
    qtbot.addWidget(c.login_window)
    qtbot.waitUntil(lambda: c.services is not None, timeout=30000)
    tasks.wait_idle(30)
    return c


def _log_in(c: AppController, qtbot, tasks, *, first: bool) -> None:
    login = c.login_window
    if first:
        login.first_name_field.setText("Петренко Олена Іванівна")
        login.first_login_field.setText("kerivnyk")
        login.first_pin_field.setText(PIN)
        login.first_pin2_field.setText(PIN)
        login.create_button.click()
    else:
        for d in PIN:
            login.pinpad.press(d)
        login.pinpad.submit()
    qtbot.waitUntil(lambda: c.main_window is not None, timeout=10000)
    tasks.wait_idle()


def test_app_starts_sync_after_login_stops_it_at_logout_and_quit(data_dir, store_key, station, tasks, qtbot):
    from mobile_case.services.sync import request_sync
    from mobile_case.sync.pairing import pair

    c = _controller(data_dir, store_key, qtbot, tasks)
    try:
        _log_in(c, qtbot, tasks, first=True)
        assert _scheduler(c.services) is None or not _scheduler(c.services).running  # not paired: none
        assert request_sync(c.services.store) is False
        pair(c.services.store, code=station.code)
        c.main_window.header.logout_button.click()
        qtbot.waitUntil(lambda: c.main_window is None, timeout=10000)
        tasks.wait_idle()
        _log_in(c, qtbot, tasks, first=False)  # paired now: the login starts the sync
        qtbot.waitUntil(lambda: _scheduler(c.services) is not None and _scheduler(c.services).running)
        sched = _scheduler(c.services)
        # the first run happens at once; a case completed later is sealed and sent when asked
        qtbot.waitUntil(lambda: sched.last_report is not None, timeout=20000)
        make_cases(c.services.store, 1)
        assert request_sync(c.services.store) is True
        qtbot.waitUntil(lambda: len(station.packages) == 1, timeout=20000)
        c.main_window.header.logout_button.click()
        qtbot.waitUntil(lambda: c.main_window is None, timeout=10000)
        tasks.wait_idle()
        qtbot.waitUntil(lambda: not sched.running, timeout=5000)
        assert _scheduler(c.services) is None
        _log_in(c, qtbot, tasks, first=False)
        qtbot.waitUntil(lambda: _scheduler(c.services) is not None and _scheduler(c.services).running)
        again = _scheduler(c.services)
        c.shutdown()  # quit
        assert not again.running and _scheduler(c.services) is None
    finally:
        if c.main_window is not None:
            c.main_window.watcher.stop()
            c.main_window.close()
        if c.services is not None:
            tasks.wait_idle(30)
            c.services.close()


def test_a_closed_visit_asks_the_running_sync_to_send_now(services, station, tasks, qtbot, monkeypatch):
    """VisitPage.finished (completion or act) → request_sync on the database worker."""
    from mobile_case.services import sync as svc
    from mobile_case.sync.pairing import pair
    from mobile_case.ui.visit.page import VisitPage

    pair(services.store, code=station.code)
    asked = []
    monkeypatch.setattr(svc, "request_sync", lambda store: asked.append(store) or True)
    ctx = SimpleNamespace(services=services, tasks=tasks, devices=None, window=None)
    page = VisitPage(ctx)
    qtbot.addWidget(page)
    page.finished.emit("visit-1")
    tasks.wait_idle()
    assert asked == [services.store]


def test_pairing_in_settings_starts_the_sync_at_once(main_window, services, station, tasks, qtbot):
    from mobile_case.services.sync import stop_sync

    main_window.open_page("settings", tab="sync")
    tasks.wait_idle()
    tab = main_window.page("settings").sync_tab
    assert _scheduler(services) is None or not _scheduler(services).running
    tab.code_edit.setText(station.code)
    tab.pair()
    qtbot.waitUntil(lambda: _scheduler(services) is not None and _scheduler(services).running, timeout=20000)
    make_cases(services.store, 1)
    _scheduler(services).sync_now()
    qtbot.waitUntil(lambda: len(station.packages) == 1, timeout=20000)
    stop_sync(services)
    assert _scheduler(services) is None
