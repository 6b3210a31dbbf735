"""Page quality on generated pages: sharp text passes at every resolution; blur, a cut edge and an empty
page are flagged with a Ukrainian reason; a scanner's shadow band along an edge is not a cut."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from scan_pages import form_page

from mobile_case.devices.scanner import quality


@pytest.mark.parametrize("dpi", [100, 200, 300])
def test_a_sharp_text_page_is_good(dpi: int) -> None:
    q = quality.assess(form_page(dpi), dpi)
    assert q.ok, q.reasons
    assert q.sharpness > 3 * quality.BLUR_THRESHOLD
    assert 0.5 < q.coverage < 0.9
    assert "добра" in q.summary()


@pytest.mark.parametrize(("sigma", "blurred"), [(1.0, False), (2.0, False), (2.5, True), (4.0, True)])
def test_blur_is_flagged(sigma: float, blurred: bool) -> None:
    page = cv2.GaussianBlur(form_page(200), (0, 0), sigma)
    q = quality.assess(page, 200)
    assert q.blurred is blurred, q.sharpness
    if blurred:
        assert not q.ok and "розмита" in q.reasons[0]


def test_blur_is_judged_the_same_at_another_resolution() -> None:
    sharp300 = quality.assess(form_page(300), 300)
    blurred300 = quality.assess(cv2.GaussianBlur(form_page(300), (0, 0), 4.5), 300)  # = σ 3 at 200 dpi
    assert sharp300.ok and blurred300.blurred


def first_text_row(page: np.ndarray, after: int) -> int:
    ink_rows = np.where((page[after:] < 128).sum(axis=1) > 20)[0]
    return after + int(ink_rows[0]) + 8  # a few pixels into the text line


def test_a_cut_page_says_which_edges() -> None:
    page = form_page(200)
    top = first_text_row(page, 400)
    q = quality.assess(page[top:, 300:], 200)  # cut through a text line at the top and the left margin
    assert set(q.cut_edges) == {"top", "left"}
    assert (
        not q.ok and "обрізано" in q.reasons[-1] and "згори" in q.reasons[-1] and "ліворуч" in q.reasons[-1]
    )


def test_a_shadow_band_is_not_a_cut() -> None:
    page = form_page(200).copy()
    page[:, :18] = 25  # the dark edge of a scanner lid
    page[-15:, :] = 30
    q = quality.assess(page, 200)
    assert q.ok, q.reasons


def test_an_empty_page_is_flagged() -> None:
    noise = np.random.default_rng(1).integers(240, 255, (2339, 1654), dtype=np.uint8)
    q = quality.assess(noise, 200)
    assert q.empty and not q.ok and "порожня" in q.reasons[0]
    assert not q.blurred  # one reason, not three


def test_assess_bytes_reads_the_resolution_from_the_file() -> None:
    from mobile_case.devices.scanner.base import ColorMode, ImageFormat
    from mobile_case.devices.scanner.imaging import page_from_array

    page = page_from_array(form_page(150), 150, ColorMode.GRAY, ImageFormat.JPEG, 80)
    assert quality.assess_bytes(page.data, 150).ok
