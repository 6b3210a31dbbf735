"""The navigation rail fits 1280×800 for every role, with every screen the role may open."""

from __future__ import annotations

from typing import Any

import pytest

from mobile_case.ui.main_window import MainWindow
from mobile_case.ui.pages import discover

DEMO_LOGINS = {
    "head": ("kerivnyk", "240607"),
    "administrator": ("admin", "1357"),
    "kit_keeper": ("keeper", "9753"),
}


@pytest.mark.parametrize("role", ["head", "administrator", "kit_keeper"])
def test_the_rail_fits_every_button_of_the_role_at_1280x800(
    role: str, demo_services: Any, devices: Any, tasks: Any, app_config: Any, qtbot: Any, screenshot: Any
) -> None:
    services = demo_services
    if role != "head":
        services.auth.logout()
        services.auth.login(*DEMO_LOGINS[role])
    w = MainWindow(services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    w.open_page("home")
    tasks.wait_idle()
    w.refresh_devices()
    tasks.wait_idle()
    try:
        # every screen of the role that is a rail item is on its rail (the head has the kit screen too)
        expected = [s.key for s in discover() if s.nav and w.is_allowed(s.key)]
        expected += [key for key in ("home", "settings") if key not in expected]
        assert sorted(w.nav_keys()) == sorted(expected)
        if role in ("head", "kit_keeper"):
            assert "kit" in w.nav_keys()
        assert w.minimumSizeHint().height() <= 800 and w.minimumSizeHint().width() <= 1280
        assert w.height() <= 800
        rail_height = w.rail.height()
        for key in w.nav_keys():
            button = w.nav_button(key)
            assert button.isVisible(), key
            assert button.height() >= 44 and button.width() >= 44, key  # touch targets
            bottom = button.mapTo(w.rail, button.rect().bottomLeft()).y()
            assert bottom <= rail_height, (key, bottom, rail_height)  # on screen, not cut off
            assert button.text() and not button.icon().isNull(), key
        chips = w.device_panel.chips
        assert chips and all(c.isVisible() for c in chips.values())
        panel_bottom = w.device_panel.mapTo(w.rail, w.device_panel.rect().bottomLeft()).y()
        assert panel_bottom <= rail_height
        screenshot(w, f"shell-rail-{role}")
    finally:
        w.watcher.stop()
