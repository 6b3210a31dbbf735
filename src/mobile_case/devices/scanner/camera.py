"""The camera as a document scanner (OpenCV): live preview, page edges, perspective, deskew, contrast.

The pipeline for one photo (each step a plain function, tested on generated photos):

1. :func:`find_page` — the sheet's four corners: the bright sheet is separated from the table (Otsu on
   the blurred grey image, and Canny edges as a second try), the largest convex four-cornered outline
   is taken, and each corner is refined to sub-pixel by fitting a line to each side of the outline
   (``cv2.fitLine``) and intersecting neighbouring sides.
2. :func:`rectify` — ``cv2.warpPerspective`` of the quadrilateral onto the paper (A4 or ID-1) at the
   chosen resolution; a portrait A4 is turned upright from whichever way the sheet lay.
3. :func:`deskew` — a page still slightly askew (a flatbed scan, a photo without edges) is turned by
   the angle whose horizontal projection of the ink is the sharpest (text lines line up).
4. :func:`enhance` — contrast for text: the uneven light of a room is divided out (background estimated
   by a large morphological closing), then the range is stretched; colour pages keep their colours.

:class:`CameraScanner` implements the ``Scanner`` protocol on a ``cv2.VideoCapture`` (a camera index,
or a video file / stream URL), and gives preview frames with the detected corners for the UI.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mobile_case.devices.base import DeviceState, DeviceStatus
from mobile_case.devices.scanner import quality
from mobile_case.devices.scanner.base import (
    KIND,
    PAPER_MM,
    PaperSize,
    ScannedPage,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)
from mobile_case.devices.scanner.imaging import grey_of, page_from_array

BACKEND = "camera"
WORK_SIDE = 900  # px: detection runs on the photo scaled to this longest side
MIN_AREA = 0.15  # a page covers at least 15 % of the frame
MAX_AREA = 0.97  # … and is not the whole frame (a uniform picture thresholds to one blob)
INSET = 0.006  # a band this wide (of the page's side) along the edges of a flattened photo is paper

CAMERA_BUSY = (
    "Камеру не вдалося відкрити: її не підключено або вона зайнята іншою програмою (відеозв'язок, інший "
    "запис). Закрийте ту програму або підключіть камеру й спробуйте ще раз."
)
CAMERA_LOST = (
    "Камера перестала передавати зображення: можливо, її від'єднано. Перепідключіть камеру й спробуйте "
    "ще раз — уже зняті сторінки збережено."
)


def order_corners(points: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left (float32, shape 4×2)."""
    pts = np.asarray(points, np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise in image coordinates, starting left-most-up-ish
    start = int(np.argmin(pts.sum(axis=1)))  # top-left: smallest x + y
    return np.roll(pts, -start, axis=0)


def _intersect(l1: np.ndarray, l2: np.ndarray) -> np.ndarray | None:
    (vx1, vy1, x1, y1), (vx2, vy2, x2, y2) = l1, l2
    det = vx1 * (-vy2) - vy1 * (-vx2)
    if abs(det) < 1e-9:
        return None
    t = ((x2 - x1) * (-vy2) - (y2 - y1) * (-vx2)) / det
    return np.array([x1 + t * vx1, y1 + t * vy1], np.float32)


def _refine(contour: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Fit a line to the contour points of each side (away from the corners), intersect neighbours."""
    import cv2  # noqa: PLC0415

    pts = contour.reshape(-1, 2).astype(np.float32)
    lines = []
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        side = b - a
        length = float(np.hypot(*side))
        if length < 10:
            return corners
        normal = np.array([-side[1], side[0]]) / length
        t = (pts - a) @ side / (length * length)
        d = np.abs((pts - a) @ normal)
        near = pts[(t > 0.08) & (t < 0.92) & (d < max(3.0, length * 0.02))]
        if len(near) < 5:
            return corners
        lines.append(cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).reshape(4))
    refined = []
    for i in range(4):
        point = _intersect(lines[(i - 1) % 4], lines[i])
        if point is None or float(np.hypot(*(point - corners[i]))) > 0.05 * max(1.0, length):
            return corners
        refined.append(point)
    return np.array(refined, np.float32)


def _quad_from_mask(mask: np.ndarray, min_area: float) -> tuple[np.ndarray, np.ndarray] | None:
    import cv2  # noqa: PLC0415

    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        area = cv2.contourArea(contour)
        if area < min_area:
            break
        if area > MAX_AREA * mask.shape[0] * mask.shape[1]:
            continue
        hull = cv2.convexHull(contour)
        perimeter = cv2.arcLength(hull, True)
        for eps in (0.01, 0.02, 0.03, 0.05):
            approx = cv2.approxPolyDP(hull, eps * perimeter, True)
            if len(approx) == 4 and cv2.isContourConvex(approx):
                return contour, order_corners(approx)
    return None


def find_page(image: np.ndarray) -> np.ndarray | None:
    """The four corners (tl, tr, br, bl; float32 4×2, in ``image`` pixels) of the sheet in a photo, or
    None when no sheet stands out from the background."""
    import cv2  # noqa: PLC0415

    grey = grey_of(image)
    h, w = grey.shape
    scale = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    small = cv2.GaussianBlur(small, (5, 5), 0)
    min_area = MIN_AREA * small.shape[0] * small.shape[1]
    # 1. the sheet is brighter than the table: Otsu, then close the text holes
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, kernel)
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, kernel)
    found = _quad_from_mask(bright, min_area)
    if found is None:  # 2. edges (a sheet on a light table)
        edges = cv2.Canny(small, 40, 120)
        edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
        filled = np.zeros_like(edges)
        contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        cv2.drawContours(filled, contours, -1, 255, thickness=cv2.FILLED)
        found = _quad_from_mask(filled, min_area)
    if found is None:
        return None
    contour, corners = found
    corners = _refine(contour, corners)
    return (corners / scale).astype(np.float32)


def target_size(paper: PaperSize, dpi: int) -> tuple[int, int]:
    w_mm, h_mm = PAPER_MM[paper]
    return round(w_mm / 25.4 * dpi), round(h_mm / 25.4 * dpi)


def rectify(image: np.ndarray, corners: np.ndarray, paper: PaperSize, dpi: int) -> np.ndarray:
    """The quadrilateral ``corners`` of ``image`` warped flat onto the paper at ``dpi``.

    The paper's long side follows the quadrilateral's long side: an A4 sheet photographed sideways
    comes out upright-portrait (turned a quarter, the user can rotate it in the page strip)."""
    import cv2  # noqa: PLC0415

    c = order_corners(corners)
    top, right = np.hypot(*(c[1] - c[0])), np.hypot(*(c[2] - c[1]))
    bottom, left = np.hypot(*(c[2] - c[3])), np.hypot(*(c[3] - c[0]))
    quad_landscape = (top + bottom) > (left + right)
    w, h = target_size(paper, dpi)
    paper_landscape = w > h
    if quad_landscape != paper_landscape:
        c = np.roll(c, -1, axis=0)  # start from the top-right: the page comes out turned a quarter
    dst = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    matrix = cv2.getPerspectiveTransform(c.astype(np.float32), dst)
    return cv2.warpPerspective(image, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def skew_angle(image: np.ndarray, max_angle: float = 6.0, step: float = 0.25) -> float:
    """The angle (degrees, counter-clockwise positive as in ``cv2.getRotationMatrix2D``) that makes the
    text lines horizontal: the rotation whose row sums of ink vary the most."""
    import cv2  # noqa: PLC0415

    grey = grey_of(image)
    scale = min(1.0, 700 / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = quality.ink_mask(small).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
        rows = rotated.sum(axis=1)
        return float(np.var(np.diff(rows)))

    angles = np.arange(-max_angle, max_angle + step / 2, step)
    scores = [score(a) for a in angles]
    best = float(angles[int(np.argmax(scores))])
    # refine around the best coarse angle
    fine = np.arange(best - step, best + step + 0.01, step / 5)
    return float(fine[int(np.argmax([score(a) for a in fine]))])


def deskew(image: np.ndarray, min_angle: float = 0.3) -> tuple[np.ndarray, float]:
    """Turn a slightly askew page straight; returns the page and the angle applied (0 when none)."""
    import cv2  # noqa: PLC0415

    angle = skew_angle(image)
    if abs(angle) < min_angle:
        return image, 0.0
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    border = (255, 255, 255) if image.ndim == 3 else 255
    turned = cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=border)
    return turned, angle


def enhance(image: np.ndarray) -> np.ndarray:
    """Contrast for text: divide out uneven lighting, stretch to full range (grey or BGR)."""
    import cv2  # noqa: PLC0415

    def flatten(channel: np.ndarray) -> np.ndarray:
        # the paper's brightness everywhere: close away the ink on a quarter-size copy, blur, scale back
        small = cv2.resize(channel, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
        size = max(5, (min(small.shape) // 25) | 1)
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
        background = cv2.GaussianBlur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel), (0, 0), 3)
        background = cv2.resize(
            background, (channel.shape[1], channel.shape[0]), interpolation=cv2.INTER_LINEAR
        )
        flat = cv2.divide(channel, np.maximum(background, 1), scale=255)
        low, high = np.percentile(flat, (0.5, 99.5))
        if high - low < 10:
            return flat
        return np.clip((flat.astype(np.float32) - low) * (255.0 / (high - low)), 0, 255).astype(np.uint8)

    if image.ndim == 2:
        return flatten(image)
    lab = cv2.cvtColor(image, cv2.COLOR_BGR2LAB)
    lab[:, :, 0] = flatten(lab[:, :, 0])
    return cv2.cvtColor(lab, cv2.COLOR_LAB2BGR)


def document_from_photo(
    photo: np.ndarray, settings: ScanSettings, corners: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray | None]:
    """The page of a photo, flat and upright: (page image, the corners used or None when none found)."""
    if corners is None:
        corners = find_page(photo)
    if corners is None:
        page, _angle = deskew(photo)
        return enhance(page), None
    page = enhance(rectify(photo, corners, settings.paper, settings.dpi))
    # a pixel or two of the table can follow the sheet's edge after flattening: that band is paper
    h, w = page.shape[:2]
    by, bx = max(1, round(h * INSET)), max(1, round(w * INSET))
    white = 255 if page.ndim == 2 else (255, 255, 255)
    page[:by], page[h - by :], page[:, :bx], page[:, w - bx :] = white, white, white, white
    return page, corners


@dataclass
class PreviewFrame:
    image: np.ndarray  # BGR, as the camera gives it
    corners: np.ndarray | None  # the sheet found in it (tl, tr, br, bl), or None


CaptureFactory = Callable[[Any], Any]


def _open_capture(source: Any) -> Any:
    import cv2  # noqa: PLC0415

    return cv2.VideoCapture(source)


class CameraScanner:
    """A camera (``source``: an index such as 0, a device path, or a video file/URL) as a scanner.

    ``open()`` takes the camera, ``preview()`` gives a frame with the sheet's corners, ``scan()`` takes
    the sharpest of a few frames and returns the flattened page; ``close()`` lets the camera go. All
    of them are slow (camera I/O): call them from a worker. ``capture_factory`` builds the capture
    object (``cv2.VideoCapture`` by default)."""

    backend = BACKEND

    def __init__(
        self,
        source: Any = 0,
        *,
        capture_factory: CaptureFactory | None = None,
        frames_per_shot: int = 3,
        resolution: tuple[int, int] = (1920, 1080),
        simulated: bool = False,
    ) -> None:
        self.source = source
        self.simulated = simulated  # pages are marked simulated (the demo camera)
        self.preview_interval_ms = 120  # how often the UI asks for a preview frame
        self._factory = capture_factory or _open_capture
        self.frames_per_shot = frames_per_shot
        self.resolution = resolution
        self._capture: Any = None
        self._lock = threading.Lock()

    # --- the camera ---------------------------------------------------------------------------
    def open(self) -> None:
        with self._lock:
            if self._capture is not None:
                return
            capture = self._factory(self.source)
            if capture is None or not capture.isOpened():
                if capture is not None:
                    capture.release()
                raise ScannerError(ScannerErrorKind.BUSY, "camera could not be opened", CAMERA_BUSY)
            if isinstance(self.source, int):
                import cv2  # noqa: PLC0415

                capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.resolution[0])
                capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.resolution[1])
            self._capture = capture

    def close(self) -> None:
        with self._lock:
            if self._capture is not None:
                self._capture.release()
                self._capture = None

    @property
    def is_open(self) -> bool:
        return self._capture is not None

    def _read(self) -> np.ndarray:
        if self._capture is None:
            self.open()
        with self._lock:
            ok, frame = self._capture.read() if self._capture is not None else (False, None)
        if not ok or frame is None:
            self.close()
            raise ScannerError(ScannerErrorKind.IO, "camera gave no frame", CAMERA_LOST)
        return frame

    def preview(self) -> PreviewFrame:
        """One live frame and the sheet found in it (for the preview, ~10 frames a second)."""
        frame = self._read()
        return PreviewFrame(frame, find_page(frame))

    # --- the Scanner protocol ----------------------------------------------------------------------
    def sources(self) -> list[str]:
        return [str(self.source)]

    def status(self) -> DeviceStatus:
        if self._capture is not None:
            return DeviceStatus(KIND, "Камера", DeviceState.READY, BACKEND, "Камера-сканер працює.")
        try:
            self.open()
        except ScannerError as exc:
            return DeviceStatus(KIND, "Камера", DeviceState.MISSING, BACKEND, exc.user_message)
        self.close()
        return DeviceStatus(KIND, "Камера", DeviceState.READY, BACKEND, "Камеру можна використати як сканер.")

    def shoot(self, settings: ScanSettings) -> tuple[np.ndarray, np.ndarray | None]:
        """The sharpest of ``frames_per_shot`` frames, flattened: (page, corners or None)."""
        best: np.ndarray | None = None
        best_score = -1.0
        for _ in range(max(1, self.frames_per_shot)):
            frame = self._read()
            score = quality.sharpness(grey_of(frame), 100)
            if score > best_score:
                best, best_score = frame, score
            time.sleep(0.0)
        assert best is not None
        return document_from_photo(best, settings)

    def scan(self, settings: ScanSettings, source: str | None = None) -> list[ScannedPage]:
        if source is not None and source != str(self.source):
            raise ScannerError(ScannerErrorKind.NO_DEVICE, "unknown camera")
        page, _corners = self.shoot(settings)
        return [
            page_from_array(
                page,
                settings.dpi,
                settings.color,
                settings.image_format,
                settings.jpeg_quality,
                self.simulated,
            )
        ]


class SimulatedCapture:
    """A ``cv2.VideoCapture`` stand-in for demos and training without a camera: a sample document (the
    simulated scanner's page) lying on a table, seen at an angle that drifts a little from frame to frame
    as a hand-held camera does. Pages taken from it are marked simulated."""

    def __init__(self, size: tuple[int, int] = (1280, 720), fps: float = 15.0) -> None:
        self.size = size
        self.interval = 1.0 / fps
        self.frame_no = 0
        self._opened = True
        self._page: np.ndarray | None = None
        self._table: np.ndarray | None = None

    def isOpened(self) -> bool:  # noqa: N802 - the cv2.VideoCapture name
        return self._opened

    def set(self, _prop: int, _value: float) -> bool:
        return True

    def release(self) -> None:
        self._opened = False

    def _sample(self) -> np.ndarray:
        if self._page is None:
            from mobile_case.devices.scanner.base import ColorMode, ImageFormat  # noqa: PLC0415
            from mobile_case.devices.scanner.imaging import to_array  # noqa: PLC0415
            from mobile_case.devices.scanner.simulator import (  # noqa: PLC0415
                SimulatedScanner,
                SimulatedScannerConfig,
            )

            page = SimulatedScanner(SimulatedScannerConfig(time_scale=0.0)).scan(
                ScanSettings(ColorMode.COLOR, 100, PaperSize.A4, ImageFormat.PNG)
            )[0]
            self._page = to_array(page.data)
        return self._page

    def read(self) -> tuple[bool, np.ndarray | None]:
        import cv2  # noqa: PLC0415

        if not self._opened:
            return False, None
        time.sleep(self.interval)
        w, h = self.size
        if self._table is None:
            rng = np.random.default_rng(5)
            table = np.zeros((h, w, 3), np.float32)
            table[:] = (38, 62, 98)
            table += (np.sin(np.linspace(0, 30, w))[None, :, None] * 10).astype(np.float32)
            table += rng.normal(0, 4, (h, w, 1)).astype(np.float32)
            self._table = np.clip(table, 0, 255).astype(np.uint8)
        page = self._sample()
        ph, pw = page.shape[:2]
        t = self.frame_no / 15.0
        self.frame_no += 1
        wobble = np.float32([[np.sin(t + i) * 4, np.cos(t * 0.7 + i) * 4] for i in range(4)])
        quad = np.float32(
            [[w * 0.36, h * 0.06], [w * 0.66, h * 0.09], [w * 0.69, h * 0.95], [w * 0.31, h * 0.92]]
        )
        src = np.float32([[0, 0], [pw - 1, 0], [pw - 1, ph - 1], [0, ph - 1]])
        matrix = cv2.getPerspectiveTransform(src, quad + wobble)
        frame = self._table.copy()
        cv2.warpPerspective(page, matrix, (w, h), dst=frame, borderMode=cv2.BORDER_TRANSPARENT)
        return True, frame
