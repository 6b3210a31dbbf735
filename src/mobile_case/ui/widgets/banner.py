"""A message banner: info / success / warning / error, shown inline at the top of a screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from mobile_case.ui import theme

KINDS = ("info", "success", "warning", "error")
_ICONS = {"info": "ℹ", "success": "✔", "warning": "⚠", "error": "✖"}


class MessageBanner(QFrame):
    """Hidden while empty. ``show_message(text, kind)``; the user may close it with ✕."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None, *, closable: bool = True) -> None:
        super().__init__(parent)
        self._kind = "info"
        self._selectable = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.setSpacing(12)
        self.icon_label = QLabel()
        self.icon_label.setStyleSheet("font-size: 22px; background: transparent; border: none;")
        layout.addWidget(self.icon_label)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setStyleSheet("background: transparent; border: none;")
        layout.addWidget(self.text_label, 1)
        self.close_button = QPushButton("✕")
        self.close_button.setProperty("kind", "flat")
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.clear)
        self.close_button.clicked.connect(self.closed)
        self.close_button.setVisible(closable)
        layout.addWidget(self.close_button)
        self.setVisible(False)

    def show_message(self, text: str, kind: str = "info") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown banner kind {kind!r}")
        if not self._selectable:  # set on first use, not at construction (see theme.centered)
            from PySide6.QtCore import Qt

            self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._selectable = True
        self._kind = kind
        theme.set_role(self, f"banner-{kind}")
        self.icon_label.setText(_ICONS[kind])
        self.text_label.setText(text)
        self.setVisible(bool(text))

    def show_info(self, text: str) -> None:
        self.show_message(text, "info")

    def show_success(self, text: str) -> None:
        self.show_message(text, "success")

    def show_warning(self, text: str) -> None:
        self.show_message(text, "warning")

    def show_error(self, text: str) -> None:
        self.show_message(text, "error")

    def clear(self) -> None:
        self.text_label.setText("")
        self.setVisible(False)

    def text(self) -> str:
        return self.text_label.text()

    def kind(self) -> str:
        return self._kind
