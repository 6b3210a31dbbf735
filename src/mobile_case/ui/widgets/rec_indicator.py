"""The large REC indicator in the main window's top bar (issue 5, point 4).

While a visit is recorded it shows «● Запис 12:34» in red, big enough to be seen from across the table;
a recording problem (camera unplugged, microphone silent, disk nearly full) turns it amber with a short
line under it at once. It only shows what ``ui/visit/recording.VisitRecording`` tells it (the texts are
translated there); hidden when nothing is recorded or waiting to be.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from mobile_case.ui import theme

RECORDING, WARNING, MUTED = "recording", "warning", "muted"
PROBLEM_MIN_WIDTH = 300  # px of the problem line: the first words of the problem, the title keeps its room

_COLOURS = {
    RECORDING: (theme.DANGER, theme.DANGER_LIGHT),
    WARNING: (theme.WARNING, theme.WARNING_LIGHT),
    MUTED: (theme.MUTED, theme.BACKGROUND),
}


class _ElidedLabel(QLabel):
    """One line cut to the label's width with «…» (re-cut when resized or restyled)."""

    def __init__(self) -> None:
        super().__init__()
        self.full = ""

    def set_full_text(self, text: str) -> None:
        self.full = text
        self._elide()

    def _elide(self) -> None:
        width = max(40, self.contentsRect().width())
        self.setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()


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
        self.problem_label = _ElidedLabel()
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem_label.setWordWrap(False)
        # the problem line never widens the pill (the page title keeps its room): it is cut to the pill's
        # width with «…»; the whole text is in the tooltip and in the visit page's banner
        self.problem_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.problem_label.setMinimumWidth(PROBLEM_MIN_WIDTH)
        self.problem = ""
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
        self.problem = problem
        self.problem_label.set_full_text(problem)
        self.problem_label.setVisible(bool(problem))
        self.setToolTip(tooltip or problem)
        self.setVisible(True)

    def hide_state(self) -> None:
        self.kind = ""
        self.problem = ""
        self.label.clear()
        self.problem_label.set_full_text("")
        self.setVisible(False)
