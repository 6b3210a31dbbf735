"""The document scanner: ``base`` (protocol and types), ``simulator``, ``sane_backend`` (Linux),
``wia_backend`` and ``twain_backend`` (Windows), ``camera``, ``files``, ``quality``, ``pdf``, ``system``."""

from mobile_case.devices.scanner.base import (
    ColorMode,
    ImageFormat,
    PaperSize,
    PaperSource,
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
    "PaperSource",
    "ScanSettings",
    "ScannedPage",
    "Scanner",
    "ScannerError",
    "ScannerErrorKind",
]
