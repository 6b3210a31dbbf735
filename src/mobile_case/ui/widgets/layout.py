"""Section headers and cards."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mobile_case.ui import theme


class SectionHeader(QWidget):
    """A section title with an optional muted subtitle and optional widgets on the right."""

    def __init__(
        self, title: str, subtitle: str = "", parent: QWidget | None = None, *, level: str = "section"
    ):
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 4)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel(title)
        self.title_label.setWordWrap(True)
        theme.set_role(self.title_label, level)
        texts.addWidget(self.title_label)
        self.subtitle_label = QLabel(subtitle)
        self.subtitle_label.setWordWrap(True)
        theme.set_role(self.subtitle_label, "muted")
        self.subtitle_label.setVisible(bool(subtitle))
        texts.addWidget(self.subtitle_label)
        outer.addLayout(texts, 1)
        self._right = QHBoxLayout()
        self._right.setSpacing(8)
        outer.addLayout(self._right)

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)

    def set_subtitle(self, subtitle: str) -> None:
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))

    def add_widget(self, widget: QWidget) -> None:
        """Put a widget (e.g. a button) at the right end of the header."""
        self._right.addWidget(widget)


class Card(QFrame):
    """A white rounded panel with a vertical layout (``card.body``)."""

    def __init__(self, parent: QWidget | None = None, *, margins: int = 16):
        super().__init__(parent)
        theme.set_role(self, "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(margins, margins, margins, margins)
        self.body.setSpacing(theme.SPACING)
