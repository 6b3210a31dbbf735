"""A big on-screen numeric keypad for PINs (usable by touch and by a physical keyboard)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from mobile_case.ui import theme


class PinPad(QWidget):
    """A masked PIN display over a 3×4 keypad: 1–9, ⌫, 0, OK.

    ``pin()``, ``clear()``; ``submitted(str)`` on OK / Enter; ``changed(int)`` with the digit count.
    """

    submitted = Signal(str)
    changed = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, max_length: int = 12, ok_text: str = "") -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.display = QLineEdit()
        self.display.setEchoMode(QLineEdit.EchoMode.Password)
        theme.centered(self.display)
        self.display.setMaxLength(max_length)
        # digits only (a text filter rather than a QRegularExpressionValidator: lighter on cold start)
        self.display.textEdited.connect(self._digits_only)
        self.display.setMinimumHeight(theme.KEYPAD_KEY - 8)
        self.display.setStyleSheet("font-size: 30px; letter-spacing: 8px;")
        self.display.setPlaceholderText(self.tr("PIN"))
        self.display.setAccessibleName(self.tr("PIN"))
        self.display.returnPressed.connect(self.submit)
        self.display.textChanged.connect(lambda t: self.changed.emit(len(t)))
        layout.addWidget(self.display)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for index, label in enumerate(labels):
            text = (ok_text or self.tr("OK")) if label == "OK" else label
            button = QPushButton(text)
            button.setProperty("kind", "primary" if label == "OK" else "key")
            button.setMinimumSize(theme.KEYPAD_KEY, theme.KEYPAD_KEY)
            if label == "OK":
                button.setStyleSheet(f"font-size: 18px; min-height: {theme.KEYPAD_KEY}px; padding: 0 4px;")
                button.clicked.connect(self.submit)
            elif label == "⌫":
                button.setAccessibleName(self.tr("Delete the last digit"))
                button.setToolTip(self.tr("Delete the last digit"))
                button.clicked.connect(self.backspace)
            else:
                button.clicked.connect(lambda _c=False, d=label: self.press(d))
            self.keys[label] = button
            grid.addWidget(button, index // 3, index % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)

    def _digits_only(self, text: str) -> None:
        digits = "".join(ch for ch in text if "0" <= ch <= "9")
        if digits != text:
            self.display.setText(digits)

    def press(self, digit: str) -> None:
        if len(self.display.text()) < self.display.maxLength():
            self.display.setText(self.display.text() + digit)
        self.display.setFocus()  # a tapped key never keeps the focus: typing goes on into the PIN

    def backspace(self) -> None:
        self.display.setText(self.display.text()[:-1])
        self.display.setFocus()

    def pin(self) -> str:
        return self.display.text()

    def clear(self) -> None:
        self.display.clear()

    def submit(self) -> None:
        self.submitted.emit(self.display.text())

    def set_enabled_keys(self, enabled: bool) -> None:
        for button in self.keys.values():
            button.setEnabled(enabled)
        self.display.setEnabled(enabled)
