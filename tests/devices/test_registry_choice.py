"""Choosing the scanner, camera and microphone (Settings → Devices; requests-scanner 3): the registry lists
what the system sees and uses the chosen device from the next use on."""

from __future__ import annotations

from pathlib import Path

from mobile_case.devices.base import DeviceState
from mobile_case.devices.recorder.qt_recorder import QtRecorder
from mobile_case.devices.registry import DeviceConfig, DeviceRegistry
from mobile_case.devices.scanner.base import ScanSettings
from mobile_case.devices.scanner.sane_backend import SaneScanner


def test_sane_test_scanners_are_listed_and_the_chosen_one_scans(sane_config: Path, qapp: object) -> None:
    registry = DeviceRegistry(simulate=False, config=DeviceConfig(simulator_time_scale=0))
    found = registry.choices()
    assert found["scanner"] == ["test:0", "test:1"]
    assert set(found) == {"scanner", "camera", "microphone"}
    first = registry.scanner
    assert isinstance(first, SaneScanner) and first.device == ""
    registry.prefer(scanner="test:1")
    chosen = registry.scanner
    assert chosen is not first and isinstance(chosen, SaneScanner) and chosen.device == "test:1"
    assert registry.status("scanner").state is DeviceState.READY
    pages = chosen.scan(ScanSettings(dpi=75))
    assert len(pages) == 1 and pages[0].width_px > 0
    registry.prefer(scanner="test:1")  # unchanged: the same backend stays
    assert registry.scanner is chosen


def test_a_scanner_chosen_but_unplugged_is_reported_missing(sane_empty: Path, qapp: object) -> None:
    registry = DeviceRegistry(simulate=False, config=DeviceConfig(scanner="test:1"))
    assert registry.choices()["scanner"] == []
    status = registry.status("scanner")
    assert status.state is DeviceState.MISSING
    assert any(ch in status.message for ch in "аеиоуі")  # a Ukrainian message


def test_camera_and_microphone_choice_reach_the_real_recorder(qapp: object) -> None:
    registry = DeviceRegistry(simulate=False, config=DeviceConfig(camera="/dev/video7", microphone="USB Mic"))
    recorder = registry._slots["recorder"].real_backend()
    assert isinstance(recorder, QtRecorder)
    assert (recorder.prefer_camera, recorder.prefer_microphone) == ("/dev/video7", "USB Mic")
    registry.prefer(camera="Integrated Camera", microphone="")
    again = registry._slots["recorder"].real_backend()
    assert again is not recorder
    assert (again.prefer_camera, again.prefer_microphone) == ("Integrated Camera", "")
    assert registry.config.camera == "Integrated Camera" and registry.config.microphone == ""
    assert QtRecorder._pick([("A", "/dev/video0"), ("Integrated Camera", "/dev/video2")], "Integrated Camera") == (
        "Integrated Camera",
        "/dev/video2",
    )
    assert QtRecorder._pick([("A", "/dev/video0")], "gone") == ("A", "/dev/video0")  # unplugged: the first one
