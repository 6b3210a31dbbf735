"""Lists of big toggles: many-of (``CheckList``) and one-of (``ChoiceList``).

Each row is a whole-width touch target: a 28 px indicator and a word-wrapped title (with an optional
muted detail line); a tap anywhere on the row toggles it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mobile_case.ui import theme


@dataclass(frozen=True)
class Option:
    code: str
    title: str
    detail: str = ""


def _as_option(item: Option | tuple) -> Option:
    if isinstance(item, Option):
        return item
    return Option(*item)


class OptionRow(QFrame):
    """One row: indicator + title (+ detail). Clicking the row toggles the indicator."""

    def __init__(self, option: Option, indicator: QAbstractButton, parent: QWidget | None = None):
        super().__init__(parent)
        self.option = option
        self.indicator = indicator
        self.setMinimumHeight(theme.TOUCH_MIN + 4)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(12)
        indicator.setAccessibleName(option.title)
        layout.addWidget(indicator, 0, Qt.AlignmentFlag.AlignVCenter)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.title_label = QLabel(option.title)
        self.title_label.setWordWrap(True)
        texts.addWidget(self.title_label)
        self.detail_label = QLabel(option.detail)
        self.detail_label.setWordWrap(True)
        theme.set_role(self.detail_label, "muted")
        self.detail_label.setVisible(bool(option.detail))
        texts.addWidget(self.detail_label)
        layout.addLayout(texts, 1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.indicator.isEnabled():
            if isinstance(self.indicator, QRadioButton):
                self.indicator.setChecked(True)
            else:
                self.indicator.toggle()
        super().mouseReleaseEvent(event)


class _OptionList(QWidget):
    changed = Signal()

    def __init__(
        self, items: Iterable[Option | tuple] = (), parent: QWidget | None = None, *, columns: int = 1
    ):
        super().__init__(parent)
        self._columns = max(1, columns)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(2)
        self.rows: dict[str, OptionRow] = {}
        self.set_items(items)

    def _make_indicator(self) -> QAbstractButton:
        raise NotImplementedError

    def set_items(self, items: Iterable[Option | tuple]) -> None:
        """Replace the options; keeps the check state of codes present before and after."""
        previous = set(self.checked_codes()) if self.rows else set()
        while self._outer.count():
            item = self._outer.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                lay = item.layout()
                while lay.count():
                    w = lay.takeAt(0).widget()
                    if w is not None:
                        w.deleteLater()
        self.rows = {}
        self._setup_group()
        options = [_as_option(i) for i in items]
        line: QHBoxLayout | None = None
        for index, option in enumerate(options):
            indicator = self._make_indicator()
            indicator.setChecked(option.code in previous)
            row = OptionRow(option, indicator, self)
            self.rows[option.code] = row
            self._register(indicator)
            indicator.toggled.connect(lambda _checked: self.changed.emit())
            if self._columns == 1:
                self._outer.addWidget(row)
            else:
                if index % self._columns == 0:
                    line = QHBoxLayout()
                    line.setSpacing(8)
                    self._outer.addLayout(line)
                assert line is not None
                line.addWidget(row, 1)

    def _setup_group(self) -> None:
        pass

    def _register(self, indicator: QAbstractButton) -> None:
        pass

    def codes(self) -> list[str]:
        return list(self.rows)

    def checked_codes(self) -> list[str]:
        return [code for code, row in self.rows.items() if row.indicator.isChecked()]

    def is_checked(self, code: str) -> bool:
        return self.rows[code].indicator.isChecked()

    def set_checked(self, code: str, checked: bool = True) -> None:
        self.rows[code].indicator.setChecked(checked)

    def set_option_enabled(self, code: str, enabled: bool) -> None:
        row = self.rows[code]
        row.setEnabled(enabled)

    def click(self, code: str) -> None:
        """Tap the row of ``code`` (tests and keyboard helpers)."""
        self.rows[code].indicator.click()


class CheckList(_OptionList):
    """Many-of toggles. ``checked_codes()``, ``set_checked_codes(codes)``; ``changed`` on every toggle."""

    def _make_indicator(self) -> QAbstractButton:
        return QCheckBox()

    def set_checked_codes(self, codes: Sequence[str]) -> None:
        wanted = set(codes)
        for code, row in self.rows.items():
            row.indicator.setChecked(code in wanted)


class ChoiceList(_OptionList):
    """One-of choices (radio rows). ``selected_code()`` ("" when none), ``set_selected_code(code)``."""

    def _setup_group(self) -> None:
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)

    def _make_indicator(self) -> QAbstractButton:
        return QRadioButton()

    def _register(self, indicator: QAbstractButton) -> None:
        self._group.addButton(indicator)

    def selected_code(self) -> str:
        checked = self.checked_codes()
        return checked[0] if checked else ""

    def set_selected_code(self, code: str) -> None:
        if code in self.rows:
            self.rows[code].indicator.setChecked(True)
        else:
            self._group.setExclusive(False)
            for row in self.rows.values():
                row.indicator.setChecked(False)
            self._group.setExclusive(True)
