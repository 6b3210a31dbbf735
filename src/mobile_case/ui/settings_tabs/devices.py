"""Settings → Devices: every device and its state (``DeviceRegistry.statuses()``, refreshed in a
worker), the choice of scanner/camera/microphone (``ui/kit/choice.py``) and the link to the kit check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from mobile_case.ui.pages import PageContext
from mobile_case.ui.settings_tabs.tables import fill_table, make_table
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets import BigButton, MessageBanner, device_kind_title, device_state_title


class DevicesTab(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)
        self.table = make_table(
            [self.tr("Device"), self.tr("Name"), self.tr("State"), self.tr("Backend"), self.tr("Details")],
            [],
            stretch=4,
            widths={1: 250},
        )
        layout.addWidget(self.table, 1)
        from mobile_case.ui.kit.choice import DeviceChoice  # which scanner/camera/microphone (issue 5)

        self.choice = DeviceChoice(ctx)
        self.choice.saved.connect(self.refresh)
        layout.addWidget(self.choice)
        buttons = QHBoxLayout()
        self.refresh_button = BigButton(self.tr("Check the devices again"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(self.refresh_button)
        window = getattr(ctx, "window", None)  # the kit room's screen: full self-check, maintenance, import
        if window is not None and hasattr(window, "is_allowed") and window.is_allowed("kit"):
            self.kit_button = BigButton(QCoreApplication.translate("KitPage", "Kit check and maintenance"))
            self.kit_button.clicked.connect(lambda: window.open_page("kit"))
            buttons.addWidget(self.kit_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.statuses: list[Any] = []

    def refresh(self) -> None:
        devices = self.ctx.devices
        if devices is None:
            self.banner.show_info(self.tr("The devices are still being detected…"))
            return
        self.refresh_button.setEnabled(False)
        self.ctx.tasks.run_io(
            devices.statuses, on_done=self._show, on_error=self._failed, name="device-statuses", owner=self
        )
        self.choice.refresh()

    def _show(self, statuses: list[Any]) -> None:
        self.refresh_button.setEnabled(True)
        self.banner.clear()
        self.statuses = statuses
        rows = [
            [
                device_kind_title(s.kind),
                s.name,
                device_state_title(str(getattr(s.state, "value", s.state))),
                backend_title(s.backend),
                s.message,
            ]
            for s in statuses
        ]
        fill_table(self.table, rows)
        window = self.ctx.window
        if hasattr(window, "set_device_statuses"):
            window.set_device_statuses(statuses)

    def _failed(self, failure: TaskFailure) -> None:
        self.refresh_button.setEnabled(True)
        self.banner.show_error(failure.message)


def backend_title(backend: str) -> str:
    names = {
        "simulator": QCoreApplication.translate("SettingsPage", "simulator"),
        "qt": "Qt",
        "pcsc": "PC/SC",
    }
    return names.get(backend, backend)
