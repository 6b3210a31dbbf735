"""Issue 5, the reviewer's gaps: the scanner / camera / microphone choice in Settings → Devices is saved in
settings.json and handed to the registry (requests-scanner 3); a disabled danger button looks disabled
(requests-scanner 1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_visit_support import fast_devices, settle

from mobile_case.ui import theme
from mobile_case.ui.widgets.buttons import BigButton


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def test_the_device_choice_is_saved_in_settings_and_used_by_the_registry(
    main_window: Any, tasks: Any, app_config: Any, devices: Any, screenshot: Any
) -> None:
    app_config.scanner = "test:9"  # chosen earlier, not connected now
    app_config.microphone = "USB Audio Mic"
    settings = main_window.open_page("settings", tab="devices")
    settle(tasks)
    settle(tasks)
    choice = settings.devices_tab.choice
    scanner, camera, microphone = (choice.combos[k] for k in ("scanner", "camera", "microphone"))
    assert set(choice.found) == {"scanner", "camera", "microphone"}  # asked of the system in a worker
    assert scanner.current_code() == "test:9"
    assert scanner.combo.currentText() == "test:9 (не підключено)"
    assert scanner.combo.itemText(0) == "Перший знайдений" and scanner.combo.itemData(0) == ""
    assert microphone.current_code() == "USB Audio Mic" and camera.current_code() == ""
    for widget in (scanner.combo, camera.combo, microphone.combo, choice.save_button):
        assert widget.height() >= theme.TOUCH_MIN
    screenshot(main_window, "issue5-settings-devices-choice")

    scanner.set_current_code("")  # back to the first one found
    choice.save_button.click()
    settle(tasks)
    saved = json.loads(Path(app_config.path).read_text(encoding="utf-8"))
    assert (saved["scanner"], saved["camera"], saved["microphone"]) == ("", "", "USB Audio Mic")
    assert (devices.config.scanner, devices.config.microphone) == ("", "USB Audio Mic")
    assert "Збережено" in choice.banner.text()


def test_settings_json_choice_reaches_the_device_config(tmp_path: Path) -> None:
    from mobile_case.app import AppConfig

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"scanner": "test:1", "camera": "/dev/video2", "microphone": 5}), encoding="utf-8")
    config = AppConfig.load(path)
    assert (config.scanner, config.camera, config.microphone) == ("test:1", "/dev/video2", "")  # a wrong type: default


def _centre(button: BigButton) -> Any:
    image = button.grab().toImage()
    return image.pixelColor(image.width() // 2, 6)


def test_a_disabled_danger_button_looks_disabled(qtbot: Any, main_window: Any) -> None:
    live, off = BigButton("Видалити", kind="danger"), BigButton("Видалити", kind="danger")
    off.setEnabled(False)
    for button in (live, off):
        qtbot.addWidget(button)
        button.resize(200, 56)
        button.show()
    live_colour, off_colour = _centre(live), _centre(off)
    assert live_colour.name() == theme.DANGER
    assert off_colour.name() != theme.DANGER
    assert off_colour.lightness() > live_colour.lightness() + 60  # pale: reads as unavailable


def test_closing_the_window_stops_and_archives_the_recording(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    """Issue 5 point 4: the recording stops when the app exits (the main window is closed)."""
    from test_visit_recording import consent, plain_segments, start

    from mobile_case.devices.recorder.base import RecorderState

    page, visit = start(main_window, services, tasks)
    consent(page, tasks)
    assert devices.recorder.state() is RecorderState.RECORDING and main_window.rec_indicator.isVisible()
    main_window.close()
    settle(tasks)
    assert devices.recorder.state() is RecorderState.IDLE
    assert plain_segments(services, visit.id) == []  # nothing plain left behind
    assert services.recordings.recordings(visit.id)  # archived (encrypted)


def test_a_missing_codec_is_said_in_ukrainian_and_the_visit_goes_on(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    """Issue 5 point 7, «no codec»: the real recorder with an encoder this FFmpeg lacks — the visit says so
    in Ukrainian with what to do, records nothing and stays usable."""
    from test_visit_recording import consent, plain_segments, start

    from mobile_case.devices.recorder.base import RecorderSettings, RecorderState
    from mobile_case.devices.recorder.pyav_recorder import PyAvRecorder

    real = PyAvRecorder({"kind": "synthetic"}, RecorderSettings(video_codec="libnosuch264"))
    devices._slots["recorder"].current = real
    page, visit = start(main_window, services, tasks)
    consent(page, tasks)
    settle(tasks)
    assert page.recording.state == "failed" and real.state() is not RecorderState.RECORDING
    assert "немає кодека" in page.banner.text() and "відеореєстратор" in page.banner.text()
    assert main_window.rec_indicator.kind == "warning"
    assert plain_segments(services, visit.id) == []
    assert page.next_button.isEnabled()
