"""Small helpers to encode QImages (QtGui only — devices never touch QtWidgets).

QImage and QPainter drawing shapes work without a QGuiApplication; drawing text needs one (fonts), so
callers check ``gui_available()`` before drawing text.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QGuiApplication, QImage


def encode(image: QImage, fmt: str = "PNG", quality: int = -1) -> bytes:
    """Encode to PNG or JPEG bytes (raises RuntimeError if Qt cannot write the format)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, fmt.upper(), quality)
    buffer.close()
    if not ok:
        raise RuntimeError(f"Qt could not encode the image as {fmt}")
    return bytes(data.data())


def decode(data: bytes) -> QImage:
    image = QImage()
    if not image.loadFromData(data):
        raise ValueError("not an image Qt can read")
    return image


def gui_available() -> bool:
    """True when a QGuiApplication exists (text can be drawn)."""
    return isinstance(QGuiApplication.instance(), QGuiApplication)
