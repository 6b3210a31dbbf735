"""Image helpers of the scanner: decode/encode pages, rotate them (numpy / OpenCV / Pillow, no Qt).

Pages travel as encoded bytes (``ScannedPage.data``); these helpers turn them into numpy arrays
(OpenCV's BGR or single-channel grey) and back, keeping the resolution in the file (JPEG density,
PNG pHYs).
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageOps

from mobile_case.devices.scanner.base import MIME, ColorMode, ImageFormat, ScannedPage


def to_pil(data: bytes) -> Image.Image:
    """Decode page bytes (any format Pillow reads) with the EXIF orientation applied."""
    image = Image.open(io.BytesIO(data))
    image.load()
    return ImageOps.exif_transpose(image) or image


def to_array(data: bytes, grey: bool = False) -> np.ndarray:
    """Decode page bytes to an OpenCV array: BGR (h, w, 3) uint8, or grey (h, w) when ``grey``."""
    image = to_pil(data)
    if grey:
        return np.asarray(image.convert("L"))
    rgb = np.asarray(image.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


def grey_of(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    import cv2  # noqa: PLC0415

    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def encode_array(image: np.ndarray, fmt: ImageFormat, dpi: int, quality: int = 85) -> bytes:
    """Encode an OpenCV array (BGR or grey) as PNG/JPEG with ``dpi`` recorded in the file."""
    if image.ndim == 2:
        pil = Image.fromarray(image, "L")
    else:
        pil = Image.fromarray(np.ascontiguousarray(image[:, :, ::-1]), "RGB")
    return encode_pil(pil, fmt, dpi, quality)


def encode_pil(image: Image.Image, fmt: ImageFormat, dpi: int, quality: int = 85) -> bytes:
    buffer = io.BytesIO()
    if fmt is ImageFormat.PNG:
        image.save(buffer, "PNG", dpi=(dpi, dpi))
    else:
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()


def page_from_array(
    image: np.ndarray,
    dpi: int,
    color: ColorMode,
    fmt: ImageFormat = ImageFormat.JPEG,
    quality: int = 85,
    simulated: bool = False,
) -> ScannedPage:
    if color is ColorMode.GRAY:
        image = grey_of(image)
    data = encode_array(image, fmt, dpi, quality)
    h, w = image.shape[:2]
    return ScannedPage(data, MIME[fmt], w, h, dpi, color, simulated=simulated)


def rotate_quarters(image: Image.Image, quarter_turns: int) -> Image.Image:
    """Rotate clockwise by ``quarter_turns`` × 90°."""
    turns = quarter_turns % 4
    if turns == 0:
        return image
    transpose = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}
    return image.transpose(transpose[turns])


def dpi_of(image: Image.Image, default: int = 200) -> int:
    """The resolution recorded in an image file (JPEG density / PNG pHYs / TIFF), or ``default``."""
    value = image.info.get("dpi")
    try:
        dpi = round(float(value[0])) if value else 0
    except (TypeError, ValueError, IndexError):
        dpi = 0
    return dpi if 30 <= dpi <= 2400 else default
