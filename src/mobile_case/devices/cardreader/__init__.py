"""The ID-card reader: ``base`` (the protocol and result types), ``simulator``, ``pcsc`` (real readers)."""

from mobile_case.devices.cardreader.base import (
    AccessKind,
    CardAccess,
    CardEvent,
    CardReader,
    CardReaderError,
    CardReaderErrorKind,
    CardReadResult,
    ReadTimings,
    Verdict,
)

__all__ = [
    "AccessKind",
    "CardAccess",
    "CardEvent",
    "CardReadResult",
    "CardReader",
    "CardReaderError",
    "CardReaderErrorKind",
    "ReadTimings",
    "Verdict",
]
