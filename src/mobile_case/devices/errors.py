"""The base of every device error: names the device, says what the user can do.

Each device package defines its own subclass with a ``kind`` enum (``CardReaderError``,
``ScannerError``, ``RecorderError``). ``str(error)`` is English and carries no personal data (it goes
to the log); ``error.user_message`` is Ukrainian and is shown to the user.
"""

from __future__ import annotations

from enum import StrEnum

from mobile_case.domain.errors import DomainError


class DeviceError(DomainError):
    """A device could not do what was asked. ``device`` is the DeviceStatus kind."""

    device: str = "device"

    def __init__(self, kind: StrEnum, log_message: str, user_message: str) -> None:
        super().__init__(f"{self.device}: {kind.value}: {log_message}", user_message)
        self.kind = kind
