"""The calendar popup of ``DateField`` (its own module: QCalendarWidget is loaded only when used)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCalendarWidget, QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget


class CalendarPopup(QDialog):
    def __init__(self, current: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a date"))
        layout = QVBoxLayout(self)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setMinimumSize(420, 320)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        if current is not None:
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.activated.connect(self.accept)
        layout.addWidget(self.calendar)
        buttons = QHBoxLayout()
        ok = QPushButton(self.tr("Choose"))
        ok.setProperty("kind", "primary")
        ok.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout.addLayout(buttons)

    def selected(self) -> date:
        q = self.calendar.selectedDate()
        return date(q.year(), q.month(), q.day())
