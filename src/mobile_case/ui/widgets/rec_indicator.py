"""The large REC indicator in the main window's top bar (issue 5, point 4).

While a visit is recorded it shows «● Запис 12:34» in red, big enough to be seen from across the table;
a recording problem (camera unplugged, microphone silent, disk nearly full) turns it amber with a short
line under it at once. It only shows what ``ui/visit/recording.VisitRecording`` tells it (the texts are
translated there); hidden when nothing is recorded or waiting to be.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from mobile_case.ui import theme

RECORDING, WARNING, MUTED = "recording", "warning", "muted"

_COLOURS = {
    RECORDING: (theme.DANGER, theme.DANGER_LIGHT),
    WARNING: (theme.WARNING, theme.WARNING_LIGHT),
    MUTED: (theme.MUTED, theme.BACKGROUND),
}


class RecIndicator(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecIndicator")
        self.kind = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 2, 14, 2)
        layout.setSpacing(0)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem_label = QLabel()
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem_label.setWordWrap(False)
        layout.addWidget(self.label)
        layout.addWidget(self.problem_label)
        self.setMinimumHeight(48)
        self.setMaximumWidth(400)  # the page title, user and buttons keep their room at 1280 px
        self.setVisible(False)

    def show_state(self, text: str, kind: str = RECORDING, problem: str = "", tooltip: str = "") -> None:
        colour, background = _COLOURS.get(kind, _COLOURS[MUTED])
        self.kind = kind
        big = theme.FONT_TITLE_PX if kind == RECORDING else theme.FONT_LARGE_PX
        self.setStyleSheet(
            f"#RecIndicator {{ background: {background}; border: 2px solid {colour}; border-radius: 12px; }}"
        )
        self.label.setStyleSheet(f"color: {colour}; font-size: {big}px; font-weight: 800;")
        self.label.setText(text)
        self.problem_label.setStyleSheet(
            f"color: {theme.WARNING}; font-size: {theme.FONT_SMALL_PX}px; font-weight: 700;"
        )
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.setToolTip(tooltip)
        self.setVisible(True)

    def hide_state(self) -> None:
        self.kind = ""
        self.label.clear()
        self.problem_label.clear()
        self.setVisible(False)
