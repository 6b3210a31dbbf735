#!/usr/bin/env python3
"""Render every screen at 1280×800 with the demo store into docs/screenshots/ (PNG).

    .venv/bin/python tools/screenshots.py                 # offscreen
    xvfb-run -a .venv/bin/python tools/screenshots.py --real-window
    .venv/bin/python tools/screenshots.py --out /tmp/shots --lang en

A temporary data folder is seeded with the demo (services/demo.py) under a throw-away key, so nothing
of a real store is touched. Screens: login, first run, lock, home, settings (each tab), and every page
registered by the UI rooms. A room may add states of its own: if its package (``ui/<room>/__init__``)
defines ``screenshot_states(services) -> list[tuple[name, page_key, kwargs]]`` each is opened with
``window.open_page(page_key, **kwargs)`` and saved as ``<name>.png``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import secrets
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

WIDTH, HEIGHT = 1280, 800


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="uk", choices=("uk", "en"))
    parser.add_argument(
        "--real-window", action="store_true", help="use the real platform (e.g. under xvfb-run)"
    )
    parser.add_argument("--only", nargs="*", default=[], help="names to render (default: all)")
    args = parser.parse_args(argv)
    if not args.real_window:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

    from PySide6.QtWidgets import QApplication

    from mobile_case import i18n
    from mobile_case.app import AppConfig
    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services
    from mobile_case.services.demo import seed_demo
    from mobile_case.storage.keys import StaticKeyProvider
    from mobile_case.ui import tasks as tasks_module
    from mobile_case.ui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="mc-shots-"))
    i18n.install(app, args.lang, cache_dir=tmp / "cache")
    theme.apply_theme(app)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    runner = tasks_module.TaskRunner()
    tasks_module.set_runner(runner)
    saved: list[str] = []

    def wanted(name: str) -> bool:
        return not args.only or name in args.only

    def settle(ms: int = 60) -> None:
        runner.wait_idle(30)
        end = __import__("time").monotonic() + ms / 1000
        while __import__("time").monotonic() < end:
            app.processEvents()
        runner.wait_idle(30)

    def save(widget, name: str) -> None:
        if not wanted(name):
            return
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(name)
        print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    profile = default_profile()
    key = StaticKeyProvider(secrets.token_bytes(32))
    data_dir = tmp / "data"
    seed_demo(data_dir, profile, key_provider=key)
    services = build_services(data_dir, profile, key_provider=key)
    config = AppConfig(path=tmp / "settings.json")

    devices = None
    try:
        from mobile_case.devices.registry import DeviceConfig, DeviceRegistry

        devices = DeviceRegistry(
            simulate=True,
            config=DeviceConfig(simulator_time_scale=0.0, simulated_printer_dir=tmp / "printed"),
        )
    except Exception as exc:  # the screens still render without devices
        print(f"devices unavailable: {type(exc).__name__}: {exc}")

    # -- login and first run --------------------------------------------------------------------
    from mobile_case.ui.login import LoginWindow

    login = LoginWindow(last_login="kerivnyk", tasks=runner)
    login.resize(WIDTH, HEIGHT)
    login.show()
    save(login, "00-starting")
    login.set_services(services)
    settle()
    for d in "240":
        login.pinpad.press(d)
    save(login, "01-login")
    login.login_field.setText("kerivnyk")
    login.pinpad.clear()
    for d in "111111":
        login.pinpad.press(d)
    login.pinpad.submit()
    settle()
    save(login, "02-login-wrong-pin")
    login.hide()

    empty_key = StaticKeyProvider(secrets.token_bytes(32))
    empty = build_services(tmp / "empty", profile, key_provider=empty_key)
    first = LoginWindow(tasks=runner)
    first.resize(WIDTH, HEIGHT)
    first.show()
    first.set_services(empty)
    settle()
    first.first_name_field.setText("Петренко Олена Іванівна")
    first.first_login_field.setText("kerivnyk")
    first.first_pin_field.setText("2406")
    first.first_pin2_field.setText("2407")
    save(first, "03-first-run")
    first.hide()

    # -- main window ----------------------------------------------------------------------------
    services.auth.login("kerivnyk", "240607")
    from mobile_case.ui.main_window import MainWindow

    window = MainWindow(services, devices=devices, tasks=runner, config=config)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.open_page("home")
    save(window, "10-home")

    for name, key_, kwargs in room_states(window, services):
        if not wanted(name):
            continue
        try:
            window.open_page(key_, **kwargs)
            save(window, name)
        except Exception as exc:
            print(f"{name}: could not render ({type(exc).__name__}: {exc})")

    window.open_page("settings", tab="community")
    page = window.page("settings")
    save(window, "80-settings-community")
    page.profile_tab.setCurrentWidget(page.profile_tab.categories_table)
    save(window, "81-settings-categories")
    page.profile_tab.setCurrentWidget(page.profile_tab.services_table)
    save(window, "82-settings-services")
    window.open_page("settings", tab="people")
    save(window, "83-settings-people")
    window.open_page("settings", tab="devices")
    save(window, "84-settings-devices")
    window.open_page("settings", tab="general")
    save(window, "85-settings-general")

    window.open_page("home")
    window.lock()
    save(window, "90-lock")
    window.lock_overlay._finish()

    window.watcher.stop()
    window.close()
    runner.wait_idle(30)
    runner.shutdown()
    services.close()
    empty.close()
    print(f"{len(saved)} screenshot(s) in {out}")
    return 0


def room_states(window, services) -> list[tuple[str, str, dict]]:
    """Screens of the other rooms: their own ``screenshot_states`` or each page opened plainly."""
    from mobile_case.ui.pages import PAGE_PACKAGES

    states: list[tuple[str, str, dict]] = []
    covered: set[str] = set()
    for index, package in enumerate(PAGE_PACKAGES):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        hook = getattr(module, "screenshot_states", None)
        if hook is not None:
            for name, key, kwargs in hook(services):
                states.append((name, key, kwargs))
                covered.add(key)
        for spec in getattr(module, "PAGE_SPECS", ()):
            if spec.key not in covered and spec.key in window.page_keys():
                states.append((f"{20 + index * 10}-{spec.key}", spec.key, {}))
                covered.add(spec.key)
    return states


if __name__ == "__main__":
    sys.exit(main())
