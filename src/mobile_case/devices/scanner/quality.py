"""Is a scanned page good enough to keep? Sharpness and page coverage, with a Ukrainian reason.

* **Sharpness** — the variance of the Laplacian (Pech-Pacheco et al., 2000), measured on the page
  brought to a common scale (``WORK_DPI``) and contrast (1st–99th percentile stretched to 0–255), over
  the tiles that hold ink only: a page of sharp text on white paper scores high wherever there is text,
  a blurred photo of it scores low everywhere. A page below ``BLUR_THRESHOLD`` is flagged as blurred.
* **Coverage** — the bounding box of the ink (Otsu threshold, specks removed) against the page; ink
  crossing the page's outer strip on an edge means the document is cut there (a document placed
  askew or off the glass, a photo that missed a side). A solid dark band along a whole edge is the
  scanner's shadow, not cut content, and is ignored. A page with almost no ink is flagged as empty
  (the document lies face down, or nothing was on the glass).

The thresholds were set on generated pages (``tests/devices/test_scanner_quality.py``): text pages at
100–300 dpi score 240,000–320,000 (the simulator's sparser pages ~70,000); a Gaussian blur of σ = 2 px
at 200 dpi still passes (~45,000), σ = 2.5 px (~22,000: a shaken hand, a camera focused on the table)
and worse fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

WORK_DPI = 100  # every page is measured at this resolution
TILE = 32  # px at WORK_DPI
BLUR_THRESHOLD = 35_000.0  # variance of the Laplacian of the inked tiles (contrast-stretched page)
EDGE_STRIP = 0.012  # the outer strip, as a fraction of the side
CUT_MIN = 0.04  # ink in more than 4 % of the strip's length …
SHADOW_MIN = 0.92  # … but less than 92 % (a band along the whole edge is a shadow)
EMPTY_COVERAGE = 0.01  # ink bounding box under 1 % of the page: empty

EDGE_NAMES = {"top": "згори", "bottom": "знизу", "left": "ліворуч", "right": "праворуч"}


@dataclass(frozen=True)
class PageQuality:
    sharpness: float  # variance of the Laplacian over the inked tiles (higher is sharper)
    coverage: float  # ink bounding box area / page area (0..1)
    content_box: tuple[int, int, int, int]  # x, y, w, h of the ink in the page's own pixels
    cut_edges: tuple[str, ...] = ()  # "top" | "bottom" | "left" | "right"
    blurred: bool = False
    empty: bool = False
    reasons: list[str] = field(default_factory=list)  # Ukrainian, one per problem

    @property
    def ok(self) -> bool:
        return not (self.blurred or self.cut_edges or self.empty)

    def summary(self) -> str:
        """One Ukrainian line for the page strip."""
        if self.ok:
            return "Якість добра: сторінка різка, краї не обрізано."
        return " ".join(self.reasons)


def _work_grey(image: np.ndarray, dpi: int) -> np.ndarray:
    import cv2  # noqa: PLC0415

    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    scale = WORK_DPI / max(1, dpi)
    if abs(scale - 1.0) > 0.02:
        interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=interp)
    return grey


def _stretch(grey: np.ndarray) -> np.ndarray:
    low, high = np.percentile(grey, (1, 99))
    if high - low < 8:
        return grey.astype(np.float32)
    return np.clip(
        (grey.astype(np.float32) - np.float32(low)) * np.float32(255.0 / (high - low)), 0, 255
    ).astype(np.float32)


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Pixels of ink (text, lines, stamps, photos) on a work-scale grey page, specks removed."""
    import cv2  # noqa: PLC0415

    blurred = cv2.GaussianBlur(grey, (3, 3), 0)
    level, _ = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Otsu on a nearly blank page finds paper noise: demand real contrast against the paper
    paper = float(np.percentile(blurred, 90))
    level = min(level, paper - 40)
    mask = (blurred < level).astype(np.uint8)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def sharpness(image: np.ndarray, dpi: int) -> float:
    """Variance of the Laplacian over the inked tiles of the page (at WORK_DPI, contrast stretched)."""
    import cv2  # noqa: PLC0415

    grey = _work_grey(image, dpi)
    lap = cv2.Laplacian(_stretch(grey), cv2.CV_32F, ksize=3)
    mask = ink_mask(grey)
    h, w = (grey.shape[0] // TILE) * TILE, (grey.shape[1] // TILE) * TILE
    if not h or not w:
        return float(lap.var())
    # per-tile variance and ink share, all tiles at once: (rows, TILE, cols, TILE) blocks
    blocks = lap[:h, :w].reshape(h // TILE, TILE, w // TILE, TILE)
    ink = mask[:h, :w].reshape(h // TILE, TILE, w // TILE, TILE).mean(axis=(1, 3))
    variances = blocks.var(axis=(1, 3))
    values = [float(v) for v in variances[ink > 0.01].ravel()]
    if not values:
        return float(lap.var())
    values.sort()
    top = values[len(values) // 2 :]  # the better half: a page is judged by its text, not its margins
    return float(np.mean(top))


def _cut_edges(mask: np.ndarray) -> tuple[str, ...]:
    h, w = mask.shape
    sy, sx = max(2, round(h * EDGE_STRIP)), max(2, round(w * EDGE_STRIP))
    strips = {
        "top": mask[:sy, :].any(axis=0),
        "bottom": mask[h - sy :, :].any(axis=0),
        "left": mask[:, :sx].any(axis=1),
        "right": mask[:, w - sx :].any(axis=1),
    }
    cut = []
    for name, line in strips.items():
        share = float(line.mean())
        if CUT_MIN < share < SHADOW_MIN:
            cut.append(name)
    return tuple(cut)


def assess(image: np.ndarray, dpi: int) -> PageQuality:
    """Measure a page (OpenCV BGR or grey array at ``dpi``)."""
    import cv2  # noqa: PLC0415

    grey = _work_grey(image, dpi)
    mask = ink_mask(grey)
    h, w = grey.shape
    # a shadow band along an edge is not content: drop rows/columns that are ink almost end to end
    body = mask.copy()
    body[body.mean(axis=1) > SHADOW_MIN, :] = 0
    body[:, body.mean(axis=0) > SHADOW_MIN] = 0
    points = cv2.findNonZero(body)
    scale = dpi / WORK_DPI
    if points is None:
        box = (0, 0, 0, 0)
        coverage = 0.0
    else:
        x, y, bw, bh = cv2.boundingRect(points)
        box = (round(x * scale), round(y * scale), round(bw * scale), round(bh * scale))
        coverage = (bw * bh) / float(w * h)
    sharp = sharpness(image, dpi)
    empty = coverage < EMPTY_COVERAGE
    cut = () if empty else _cut_edges(mask)
    blurred = not empty and sharp < BLUR_THRESHOLD
    reasons = []
    if empty:
        reasons.append(
            "Сторінка майже порожня: можливо, документ лежить лицьовим боком догори або його немає на склі. "
            "Перевірте й перескануйте."
        )
    if blurred:
        reasons.append(
            f"Сторінка розмита (різкість {sharp:.0f} при нормі від {BLUR_THRESHOLD:.0f}): текст може не "
            "прочитатися. Перескануйте; камерою — тримайте її нерухомо й наведіть різкість."
        )
    if cut:
        sides = ", ".join(EDGE_NAMES[e] for e in cut)
        reasons.append(
            f"Документ обрізано ({sides}): вміст доходить до краю сторінки. Покладіть документ рівно й "
            "повністю в межах скла (або кадру) і перескануйте."
        )
    return PageQuality(sharp, coverage, box, cut, blurred, empty, reasons)


def assess_bytes(data: bytes, dpi: int) -> PageQuality:
    from mobile_case.devices.scanner.imaging import to_array  # noqa: PLC0415

    return assess(to_array(data, grey=True), dpi)
