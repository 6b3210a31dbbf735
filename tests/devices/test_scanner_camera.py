"""The camera as a document scanner: a printed form photographed at an angle (a known perspective warp onto
a table) is found, flattened and matches the form; askew pages are straightened; a real
``cv2.VideoCapture`` (on a video file) feeds the scanner; a camera held by another program is a clear error."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from scan_pages import form_page, photographed

from mobile_case.devices.base import DeviceState
from mobile_case.devices.scanner import camera
from mobile_case.devices.scanner.base import (
    ColorMode,
    PaperSize,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)
from mobile_case.devices.scanner.imaging import to_array

DPI = 100
PHOTO = (1280, 960)

ANGLES = {
    "tilted": [[430, 70], [960, 120], [920, 880], [330, 840]],
    "trapezoid": [[480, 90], [820, 90], [1010, 900], [290, 900]],  # phone held low over the sheet
    "rotated_left": [[300, 250], [1000, 110], [1080, 660], [380, 820]],  # sheet lying sideways
}


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    a = cv2.GaussianBlur(a.astype(np.float32), (0, 0), 2)
    b = cv2.GaussianBlur(b.astype(np.float32), (0, 0), 2)
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


@pytest.mark.parametrize("name", ["tilted", "trapezoid"])
def test_page_corners_are_found_within_two_pixels_and_the_page_matches(name: str) -> None:
    form = form_page(DPI, seed=4)
    corners = np.float32(ANGLES[name])
    photo = photographed(form, corners, PHOTO)
    found = camera.find_page(photo)
    assert found is not None
    error = np.hypot(*(found - corners).T)
    assert error.max() <= 2.0, error  # measured: ≤ 1.5 px on a 1280×960 photo
    page = camera.rectify(photo, found, PaperSize.A4, DPI)
    assert page.shape[:2] == form.shape
    grey = camera.grey_of(page)
    assert correlation(grey, form) > 0.9
    # and the flattened, contrast-enhanced page is a good scan
    flat, _ = camera.document_from_photo(photo, ScanSettings(ColorMode.GRAY, DPI, PaperSize.A4))
    assert camera.quality.assess(flat, DPI).ok


def test_a_sheet_lying_sideways_comes_out_portrait() -> None:
    form = form_page(DPI, seed=5)
    # the sheet's top edge along the photo's right side: corners listed from the form's top-left
    corners = np.float32([[1000, 110], [1080, 660], [380, 820], [300, 250]])
    corners = np.float32([[1060, 90], [1090, 860], [310, 880], [290, 110]])
    photo = photographed(cv2.rotate(form, cv2.ROTATE_90_COUNTERCLOCKWISE), np.roll(corners, 1, axis=0), PHOTO)
    found = camera.find_page(photo)
    assert found is not None
    page = camera.rectify(photo, found, PaperSize.A4, DPI)
    assert page.shape[0] > page.shape[1]  # portrait A4 (turned a quarter; the user rotates if needed)


def test_no_sheet_no_corners() -> None:
    assert camera.find_page(np.full((600, 800, 3), 90, np.uint8)) is None


@pytest.mark.parametrize("angle", [-3.0, 2.0])
def test_an_askew_page_is_straightened(angle: float) -> None:
    form = form_page(DPI, seed=6)
    h, w = form.shape
    turned = cv2.warpAffine(
        form, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=250
    )
    measured = camera.skew_angle(turned)
    assert abs(measured + angle) <= 0.2, measured
    straight, applied = camera.deskew(turned)
    assert abs(applied + angle) <= 0.2
    assert abs(camera.skew_angle(straight)) <= 0.2


def test_enhance_flattens_uneven_light() -> None:
    form = form_page(DPI, seed=7).astype(np.float32)
    shade = np.linspace(1.0, 0.55, form.shape[1], dtype=np.float32)[None, :]
    dim = (form * shade).astype(np.uint8)
    better = camera.enhance(dim)
    paper = better[form > 200]
    assert paper.mean() > 235 and paper.std() < 12  # the paper is evenly white again
    assert np.percentile(better[form < 80], 50) < 80  # and the ink stays dark


def write_video(path: Path, frame: np.ndarray, count: int = 12) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (frame.shape[1], frame.shape[0]))
    assert writer.isOpened()
    for _ in range(count):
        writer.write(frame)
    writer.release()
    return path


def test_camera_scanner_on_a_real_video_capture(tmp_path: Path) -> None:
    form = form_page(DPI, seed=8)
    corners = np.float32(ANGLES["tilted"])
    video = write_video(tmp_path / "camera.avi", photographed(form, corners, PHOTO))
    scanner = camera.CameraScanner(str(video), frames_per_shot=2)
    assert scanner.status().state is DeviceState.READY
    preview = scanner.preview()
    assert preview.image.shape == (PHOTO[1], PHOTO[0], 3)
    assert preview.corners is not None and np.hypot(*(preview.corners - corners).T).max() <= 3.0  # MJPG noise
    [page] = scanner.scan(ScanSettings(ColorMode.GRAY, DPI, PaperSize.A4))
    assert (page.width_px, page.height_px) == ScanSettings(dpi=DPI).size_px
    assert correlation(to_array(page.data, grey=True), form) > 0.85
    scanner.close()
    assert not scanner.is_open


def test_the_camera_running_dry_or_taken_is_a_ukrainian_error(tmp_path: Path) -> None:
    video = write_video(tmp_path / "short.avi", np.full((240, 320, 3), 200, np.uint8), count=2)
    scanner = camera.CameraScanner(str(video), frames_per_shot=1)
    scanner.preview()
    scanner.preview()
    with pytest.raises(ScannerError) as info:  # unplugged: no more frames
        scanner.preview()
    assert info.value.kind is ScannerErrorKind.IO and "від'єднано" in info.value.user_message
    taken = camera.CameraScanner(str(tmp_path / "no-such-camera.avi"))
    with pytest.raises(ScannerError) as info:
        taken.scan(ScanSettings())
    assert info.value.kind is ScannerErrorKind.BUSY and "іншою програмою" in info.value.user_message
    assert taken.status().state is DeviceState.MISSING


def test_the_demo_camera_shows_a_sheet_that_is_found_and_marked(qapp: object) -> None:
    scanner = camera.CameraScanner(
        "simulated", capture_factory=lambda _s: camera.SimulatedCapture(), simulated=True
    )
    scanner.frames_per_shot = 1
    preview = scanner.preview()
    assert preview.corners is not None
    [page] = scanner.scan(ScanSettings(ColorMode.GRAY, DPI, PaperSize.A4))
    assert page.simulated
    assert camera.quality.assess_bytes(page.data, DPI).ok
    scanner.close()
