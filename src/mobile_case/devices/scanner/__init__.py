"""The document scanner: ``base`` (protocol and types), ``simulator``, ``sane_backend`` (Linux)."""

from mobile_case.devices.scanner.base import (
    ColorMode,
    ImageFormat,
    PaperSize,
    ScannedPage,
    Scanner,
    ScannerError,
    ScannerErrorKind,
    ScanSettings,
)

__all__ = [
    "ColorMode",
    "ImageFormat",
    "PaperSize",
    "ScanSettings",
    "ScannedPage",
    "Scanner",
    "ScannerError",
    "ScannerErrorKind",
]
