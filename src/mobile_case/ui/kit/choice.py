"""Which scanner, camera and microphone the kit uses (Settings → Devices; requests-scanner 3).

The choices are what the system sees now (``DeviceRegistry.choices()`` in an I/O worker: SANE names /
WIA DeviceIDs / TWAIN sources, QtMultimedia's cameras and microphones). «Використовувати ці пристрої»
keeps them in the data folder's ``settings.json`` (``AppConfig.scanner / camera / microphone``, read into
``DeviceConfig`` at start) and hands them to the registry at once (``DeviceRegistry.prefer``): the next
scan or recording uses them; a recording in progress keeps its camera until it stops. A device chosen
earlier but not connected now stays selected, marked «не підключено».
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.fields import LabeledCombo
from mobile_case.ui.widgets.layout import Card, SectionHeader

log = logging.getLogger(__name__)

FIELDS = ("scanner", "camera", "microphone")


class DeviceChoice(Card):
    """Three drop-downs and a button; ``ctx`` is the page context (devices, config, tasks)."""

    saved = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.body.addWidget(SectionHeader(self.tr("Devices to use")))
        self.banner = MessageBanner(closable=True)
        self.body.addWidget(self.banner)
        row = QHBoxLayout()
        first = self.tr("The first one found")
        self.combos = {
            "scanner": LabeledCombo(self.tr("Scanner"), placeholder=first),
            "camera": LabeledCombo(self.tr("Camera of the recording"), placeholder=first),
            "microphone": LabeledCombo(self.tr("Microphone of the recording"), placeholder=first),
        }
        for combo in self.combos.values():
            row.addWidget(combo, 1)
        self.body.addLayout(row)
        buttons = QHBoxLayout()
        self.save_button = BigButton(self.tr("Use these devices"), kind="primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.found: dict[str, list[str]] = {}
        self._show({k: [] for k in FIELDS})

    def _chosen(self, name: str) -> str:
        return str(getattr(self.ctx.config, name, "") or "") if self.ctx.config is not None else ""

    def refresh(self) -> None:
        devices = self.ctx.devices
        if devices is None or not hasattr(devices, "choices"):
            return
        self.save_button.setEnabled(False)
        self.ctx.tasks.run_io(devices.choices, on_done=self._show, on_error=self._failed,
                              name="device-choices", owner=self)  # fmt: skip

    def _show(self, found: dict[str, list[str]]) -> None:
        self.found = found
        for name, combo in self.combos.items():
            names = list(found.get(name, []))
            chosen = self._chosen(name)
            items = [(n, n) for n in names]
            if chosen and chosen not in names:
                items.append((chosen, self.tr("%1 (not connected)").replace("%1", chosen)))
            combo.set_items(items)
            combo.set_current_code(chosen)
        self.save_button.setEnabled(self.ctx.config is not None)

    def _failed(self, failure: Any) -> None:
        self.save_button.setEnabled(self.ctx.config is not None)
        self.banner.show_error(failure.message)

    def save(self) -> None:
        config = self.ctx.config
        if config is None:
            return
        values = {name: combo.current_code() for name, combo in self.combos.items()}
        for name, value in values.items():
            setattr(config, name, value)
        try:
            config.save()
        except OSError as exc:
            log.warning("device choice not saved: %s", type(exc).__name__)
            self.banner.show_error(self.tr("The choice could not be saved to the data folder. Check the free disk space."))
            return
        devices = self.ctx.devices
        if devices is not None and hasattr(devices, "prefer"):
            devices.prefer(**values)
        self.banner.show_success(self.tr("Saved. The next scan and the next recording use these devices."))
        self.saved.emit()
