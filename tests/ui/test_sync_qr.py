"""Pairing by QR (issue 4, point 2): the kit scans the station's QR code with its camera in
Settings → Sync. The camera is a CameraScanner on a capture of the tests' own that films a generated
QR image on a table (first frames without it, and a QR of something else that must be ignored)."""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from test_sync_support import *  # noqa: E402, F403 (the shared fixtures: station, _file_keys, _no_sync_left_running)

from mobile_case.devices.scanner.camera import CameraScanner  # noqa: E402
from mobile_case.sync import qr  # noqa: E402


def _scene(text: str | None, *, angle: float = 8.0) -> np.ndarray:
    """A 1280×720 camera frame: a grey table, and the QR code (if any) turned and slightly blurred."""
    rng = np.random.default_rng(3)
    frame = np.full((720, 1280, 3), 120, np.uint8) + rng.integers(0, 20, (720, 1280, 3), dtype=np.uint8)
    if text is None:
        return frame
    code = cv2.imdecode(np.frombuffer(qr.qr_png(text, scale=6), np.uint8), cv2.IMREAD_COLOR)
    h, w = code.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    code = cv2.warpAffine(code, turn, (w, h), borderValue=(255, 255, 255))
    y, x = 160, 500
    frame[y : y + h, x : x + w] = code
    return cv2.GaussianBlur(frame, (3, 3), 0)


class FilmedCapture:
    """A cv2.VideoCapture look-alike that gives the frames it was given, then the last one forever."""

    def __init__(self, frames: list[np.ndarray]) -> None:
        self.frames = frames
        self.read_count = 0
        self.released = False

    def isOpened(self) -> bool:  # noqa: N802 - the cv2 name
        return True

    def set(self, _prop, _value) -> bool:
        return True

    def read(self):
        frame = self.frames[min(self.read_count, len(self.frames) - 1)]
        self.read_count += 1
        return True, frame.copy()

    def release(self) -> None:
        self.released = True


def _camera(frames):
    capture = FilmedCapture(frames)
    return CameraScanner("test", capture_factory=lambda _s: capture), capture


def test_scan_finds_the_pairing_code_and_ignores_other_qr_codes():
    code = "MK1-192.168.10.4:8443-0123456789abcdef-9SQ72ZDSE7"
    camera, capture = _camera([_scene(None), _scene("https://example.org/not-a-code"), _scene(code)])
    assert qr.scan_camera(camera, seconds=10) == code
    assert capture.read_count == 3 and capture.released  # the camera is let go


def test_an_inverted_code_is_read_too():
    """`station pair` draws the QR with text blocks: on a light terminal theme it comes out light on dark."""
    code = "MK1-10.0.0.5:8443-a45687188803de58-CPXD9754C9"
    png = cv2.imdecode(np.frombuffer(qr.qr_png(code), np.uint8), cv2.IMREAD_COLOR)
    assert qr.decode(png) == code and qr.decode(255 - png) == code
    assert qr.decode(_scene(None)) is None


def test_no_code_in_front_of_the_camera_says_so_in_ukrainian():
    from mobile_case.domain.errors import ValidationError

    camera, capture = _camera([_scene(None)])
    ticks = iter(range(100))
    with pytest.raises(ValidationError) as err:
        qr.scan_camera(camera, seconds=5, clock=lambda: next(ticks))
    assert "QR-код сполучення не знайдено за 5 с" in err.value.user_message
    assert capture.released


def test_settings_sync_tab_pairs_by_scanning_the_station_qr(main_window, services, station, tasks, qtbot):
    main_window.open_page("settings", tab="sync")
    tasks.wait_idle()
    tab = main_window.page("settings").sync_tab
    assert tab.scan_button.height() >= 44 and tab.scan_button.isVisible()
    tab.camera_factory = lambda _devices: _camera([_scene(None), _scene(station.code)])[0]
    tab.scan_code()
    qtbot.waitUntil(lambda: "сполучено" in tab.banner.text_label.text().lower(), timeout=20000)
    tasks.wait_idle()
    assert "ЦНАП тест" in tab.pair_state.text()
    assert tab.scan_button.isEnabled()


def test_a_busy_camera_is_reported_and_the_buttons_come_back(main_window, services, tasks, qtbot):
    class Closed(FilmedCapture):
        def isOpened(self) -> bool:  # noqa: N802
            return False

    main_window.open_page("settings", tab="sync")
    tasks.wait_idle()
    tab = main_window.page("settings").sync_tab
    tab.camera_factory = lambda _d: CameraScanner("test", capture_factory=lambda _s: Closed([_scene(None)]))
    tab.scan_code()
    qtbot.waitUntil(lambda: "Камеру не вдалося відкрити" in tab.banner.text_label.text(), timeout=10000)
    assert tab.scan_button.isEnabled() and tab.pair_button.isEnabled()


def test_the_preview_shows_the_camera_and_stop_lets_it_go(main_window, services, tasks, qtbot, screenshot):
    main_window.open_page("settings", tab="sync")
    tasks.wait_idle()
    tab = main_window.page("settings").sync_tab
    camera, capture = _camera([_scene(None)])  # a table without a code: the scan goes on until stopped
    tab.camera_factory = lambda _d: camera
    tab.scan_code()
    qtbot.waitUntil(lambda: tab.frames_shown >= 2, timeout=10000)
    qtbot.waitUntil(
        lambda: tab.verticalScrollBar().value() > 0, timeout=5000
    )  # the preview scrolled into view
    assert tab.preview.isVisible() and not tab.preview.pixmap().isNull()
    assert tab.stop_scan_button.isVisible() and tab.stop_scan_button.height() >= 44
    assert not tab.scan_button.isEnabled()
    screenshot(main_window, "sync-settings-qr-scan")
    tab.stop_scan()
    qtbot.waitUntil(lambda: "Сканування зупинено" in tab.banner.text_label.text(), timeout=10000)
    assert capture.released and not tab.preview.isVisible() and tab.scan_button.isEnabled()
