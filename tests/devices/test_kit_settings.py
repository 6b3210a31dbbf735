"""kit-devices.json: one section per kit device, read over the defaults, written without losing the others."""

from __future__ import annotations

import json
from pathlib import Path

from mobile_case.devices import external_recorder, kit_settings, lid


def test_sections_are_kept_apart_and_bad_values_fall_back_to_the_defaults(tmp_path: Path) -> None:
    lid.save_config(tmp_path, lid.LidConfig(port="/dev/ttyUSB0", baudrate=19200))
    external_recorder.save_config(tmp_path, external_recorder.ExternalRecorderConfig(path="/media/CAM"))
    assert lid.load_config(tmp_path).port == "/dev/ttyUSB0"  # the recorder's save kept the lid section
    assert external_recorder.load_config(tmp_path).path == "/media/CAM"
    path = tmp_path / kit_settings.SETTINGS_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["lid"]["baudrate"] = True  # a bool is not a number here
    data["lid"]["open_text"] = 5
    path.write_text(json.dumps(data), encoding="utf-8")
    config = lid.load_config(tmp_path)
    assert (config.port, config.baudrate, config.open_text) == ("/dev/ttyUSB0", 9600, "OPEN")
    assert not list(tmp_path.glob("*.tmp"))


def test_a_missing_or_broken_file_gives_the_defaults(tmp_path: Path) -> None:
    assert lid.load_config(tmp_path) == lid.LidConfig()
    (tmp_path / kit_settings.SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert external_recorder.load_config(tmp_path) == external_recorder.ExternalRecorderConfig()
    lid.save_config(tmp_path, lid.LidConfig(port="COM3"))  # a broken file is replaced
    assert lid.load_config(tmp_path).port == "COM3"
