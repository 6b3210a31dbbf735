"""The filter bar of the journals: period, settlement, administrator, outcome and text.

It only collects what the user chose and says when it changed (``changed``, debounced for typing);
the page runs the query. Choices that need the database (the administrators) are filled by the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from mobile_case.domain.profile import CommunityProfile
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.fields import DateField, LabeledCombo, LabeledLineEdit

TEXT_DEBOUNCE_MS = 350
DEFAULT_DAYS = 31


class JournalFilterBar(QWidget):
    changed = Signal()

    def __init__(self, profile: CommunityProfile, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.day_from = DateField(self.tr("From"), calendar=True)
        self.day_to = DateField(self.tr("To"), calendar=True)
        self.settlement = LabeledCombo(
            self.tr("Settlement"),
            [(s.code, s.display_name) for s in profile.settlements],
            placeholder=self.tr("All settlements"),
        )
        self.administrator = LabeledCombo(self.tr("Administrator"), placeholder=self.tr("All administrators"))
        self.outcome = LabeledCombo(self.tr("Outcome"), placeholder=self.tr("Any"))
        self.text = LabeledLineEdit(self.tr("Search"), placeholder=self.tr("Name, address, number…"))
        self.reset_button = BigButton(self.tr("Reset"))
        self.reset_button.clicked.connect(self.reset)
        grid.addWidget(self.day_from, 0, 0)
        grid.addWidget(self.day_to, 0, 1)
        grid.addWidget(self.settlement, 0, 2)
        grid.addWidget(self.administrator, 0, 3)
        grid.addWidget(self.outcome, 1, 0, 1, 2)
        grid.addWidget(self.text, 1, 2, 1, 1)
        grid.addWidget(self.reset_button, 1, 3, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft)
        for column, stretch in enumerate((0, 0, 1, 1)):
            grid.setColumnStretch(column, stretch)
        for field in (self.day_from, self.day_to):
            field.edit.setMinimumWidth(180)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TEXT_DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        self._quiet = False
        self.set_period(today - timedelta(days=DEFAULT_DAYS), today)
        for dated in (self.day_from, self.day_to):
            dated.date_changed.connect(self._date_changed)
        for combo in (self.settlement, self.administrator, self.outcome):
            combo.changed.connect(self._emit)
        self.text.changed.connect(lambda _t: self._timer.start())

    # -- values -------------------------------------------------------------------------------
    def period(self) -> tuple[date | None, date | None]:
        return self.day_from.date(), self.day_to.date()

    def set_period(self, day_from: date | None, day_to: date | None) -> None:
        self._quiet = True
        try:
            self.day_from.set_date(day_from)
            self.day_to.set_date(day_to)
        finally:
            self._quiet = False
        self._emit()

    def period_valid(self) -> bool:
        """False while a date is typed half-way (the query waits for it)."""
        for field in (self.day_from, self.day_to):
            if field.text().strip() and field.date() is None:
                return False
        return True

    def set_administrators(self, items: Iterable[tuple[str, str]]) -> None:
        self._quiet = True
        try:
            self.administrator.set_items(items)
        finally:
            self._quiet = False

    def set_outcomes(self, items: Iterable[tuple[str, str]], current: str = "") -> None:
        self._quiet = True
        try:
            self.outcome.set_items(items)
            self.outcome.set_current_code(current)
        finally:
            self._quiet = False

    def reset(self) -> None:
        self._quiet = True
        try:
            self.settlement.set_current_code("")
            self.administrator.set_current_code("")
            self.outcome.set_current_code("")
            self.text.setText("")
            self.day_from.set_date(self.today - timedelta(days=DEFAULT_DAYS))
            self.day_to.set_date(self.today)
        finally:
            self._quiet = False
        self._timer.stop()
        self._emit()

    def flush(self) -> None:
        """Apply a text typed less than the debounce interval ago."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    # -- signals ------------------------------------------------------------------------------
    def _date_changed(self, _value: object) -> None:
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._quiet and self.period_valid():
            self.changed.emit()
