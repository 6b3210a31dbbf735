"""A time of day picked from half-hour steps — large, no tiny spin arrows (used by intake and outings)."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from mobile_case.domain import texts
from mobile_case.ui import theme

FIRST_SLOT = time(8, 0)
LAST_SLOT = time(19, 0)
SLOT_MINUTES = 30


def time_slots(step: int = SLOT_MINUTES, first: time = FIRST_SLOT, last: time = LAST_SLOT) -> list[time]:
    """Times from ``first`` to ``last`` every ``step`` minutes."""
    slots = []
    minutes = first.hour * 60 + first.minute
    end = last.hour * 60 + last.minute
    while minutes <= end:
        slots.append(time(minutes // 60, minutes % 60))
        minutes += step
    return slots


class TimeCombo(QWidget):
    """A labelled choice of a time in ``step``-minute steps; ``empty`` (if given) is the «no time» item."""

    def __init__(
        self,
        label: str,
        empty: str = "",
        parent: QWidget | None = None,
        *,
        step: int = SLOT_MINUTES,
        first: time = FIRST_SLOT,
        last: time = LAST_SLOT,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.label = QLabel(label)
        theme.set_role(self.label, "fieldLabel")
        layout.addWidget(self.label)
        self.combo = QComboBox()
        self.combo.setMinimumHeight(theme.TOUCH_MIN)
        self.combo.setMaxVisibleItems(10)
        if empty:
            self.combo.addItem(empty, None)
        for slot in time_slots(step, first, last):
            self.combo.addItem(texts.format_time(slot), slot)
        layout.addWidget(self.combo)

    def value(self) -> time | None:
        return self.combo.currentData()

    def set_value(self, value: time | None) -> None:
        if value is None:
            self.combo.setCurrentIndex(0 if self.combo.itemData(0) is None else -1)
            return
        index = self.combo.findData(value)
        if index < 0:  # a time not on the half-hour grid (made elsewhere): keep it
            self.combo.addItem(texts.format_time(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
