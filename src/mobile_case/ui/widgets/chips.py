"""Small status chips (device states in the header and on the settings screen)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from mobile_case.ui import theme

_STATE_MARK = {"ready": "●", "simulated": "◐", "missing": "○", "failing": "✖"}


def device_kind_title(kind: str) -> str:
    titles = {
        "card_reader": QCoreApplication.translate("Devices", "Card reader"),
        "scanner": QCoreApplication.translate("Devices", "Scanner"),
        "printer": QCoreApplication.translate("Devices", "Printer"),
        "recorder": QCoreApplication.translate("Devices", "Recorder"),
        "network": QCoreApplication.translate("Devices", "Network"),
    }
    return titles.get(kind, kind)


def device_state_title(state: str) -> str:
    titles = {
        "ready": QCoreApplication.translate("Devices", "ready"),
        "simulated": QCoreApplication.translate("Devices", "simulator"),
        "missing": QCoreApplication.translate("Devices", "not connected"),
        "failing": QCoreApplication.translate("Devices", "fault"),
    }
    return titles.get(state, state)


class StatusChip(QLabel):
    """A rounded label coloured by a device state; the full Ukrainian message is the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ""
        self.kind = ""

    def set_status(self, status: Any) -> None:
        """``status``: a ``devices.base.DeviceStatus`` (kind, name, state, backend, message)."""
        state = str(getattr(status.state, "value", status.state))
        self.state = state
        self.kind = status.kind
        self.setText(f"{_STATE_MARK.get(state, '•')} {device_kind_title(status.kind)}")
        tooltip = f"{device_kind_title(status.kind)}: {device_state_title(state)}"
        if status.name:
            tooltip += f" — {status.name}"
        if status.message:
            tooltip += f"\n{status.message}"
        self.setToolTip(tooltip)
        self.setAccessibleName(tooltip)
        theme.set_role(self, f"chip-{state}")
