"""The pairing code as a QR code (issue 4, point 2): the station shows it (office window, terminal, PNG)
and the kit scans it with its camera.

Encoding is :mod:`segno` (pure Python, ISO/IEC 18004); decoding is OpenCV's ``cv2.QRCodeDetector``.
A decoded text is accepted only when it parses as a pairing code (``MK1-…``), so a QR code of anything
else in front of the camera is ignored and the scan goes on."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

from mobile_case.domain.errors import ValidationError
from mobile_case.sync import protocol

SCAN_SECONDS = 30.0  # how long the kit looks for the code before it says so

NOT_FOUND = (
    "QR-код сполучення не знайдено за {seconds} с. Тримайте екран станції (або аркуш) рівно перед "
    "камерою, на відстані 20–40 см, без відблисків, і спробуйте ще раз — або введіть код вручну."
)


def make_qr(text: str) -> Any:
    import segno

    return segno.make(text, error="m", micro=False)


def qr_png(text: str, *, scale: int = 8, border: int = 4) -> bytes:
    """The code as a PNG (black on white; ``scale`` pixels per module)."""
    out = io.BytesIO()
    make_qr(text).save(out, kind="png", scale=scale, border=border)
    return out.getvalue()


def save_qr_png(text: str, path: Any, *, scale: int = 8) -> None:
    make_qr(text).save(str(path), kind="png", scale=scale, border=4)


def qr_terminal(text: str) -> str:
    """The code drawn with Unicode half blocks for a terminal (two modules rows per text line)."""
    out = io.StringIO()
    make_qr(text).terminal(out=out, compact=True)
    return out.getvalue()


def decode(image: Any) -> str | None:
    """The pairing code in ``image`` (a BGR or grey numpy array), or None when there is none."""
    import cv2

    detector = cv2.QRCodeDetector()
    # as shown, then inverted: a terminal QR (`station pair`) is light-on-dark on a light terminal theme
    for candidate in (image, cv2.bitwise_not(image)):
        try:
            text, _points, _ = detector.detectAndDecode(candidate)
        except cv2.error:
            continue
        if not text:
            continue
        try:
            protocol.parse_pair_code(text)
        except protocol.ProtocolError:
            return None  # a QR code of something else
        return text.strip()
    return None


def decode_png(data: bytes) -> str | None:
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    return decode(image) if image is not None else None


def scan_camera(
    camera: Any,
    *,
    seconds: float = SCAN_SECONDS,
    cancelled: Callable[[], bool] | None = None,
    on_frame: Callable[[Any], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """Read frames from ``camera`` (a :class:`~mobile_case.devices.scanner.camera.CameraScanner`) until
    one holds a pairing code. Worker only (camera I/O); ``on_frame`` gets each frame (the UI's preview).
    Returns "" when ``cancelled()``. A camera that cannot be opened or stops giving frames raises its own
    Ukrainian ``ScannerError``; no code within ``seconds`` raises ValidationError."""
    deadline = clock() + seconds
    try:
        while clock() < deadline:
            if cancelled is not None and cancelled():
                return ""
            frame = camera.preview().image
            if on_frame is not None:
                on_frame(frame)
            text = decode(frame)
            if text:
                return text
    finally:
        camera.close()
    raise ValidationError("pair_qr_not_found", NOT_FOUND.format(seconds=int(seconds)))
