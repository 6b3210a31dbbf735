"""The large step bar of the visit screen: one touch-sized button per step, numbered.

A step is *done* (green tick), *current* (filled blue) or *ahead* (outlined). Done steps and the current
one can be tapped to go back and look; steps ahead are reachable only by completing the ones before
(the visit is sequential), so they are disabled.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QWidget

from mobile_case.ui import theme

_STYLE = f"""
QToolButton[stepState] {{
    min-height: 52px; padding: 2px 6px; border-radius: 10px; font-size: {theme.FONT_SMALL_PX}px;
    font-weight: 600; border: 2px solid {theme.BORDER}; background: {theme.SURFACE}; color: {theme.MUTED};
}}
QToolButton[stepState="done"] {{
    background: {theme.SUCCESS_LIGHT}; border-color: #9ccfa0; color: {theme.SUCCESS};
}}
QToolButton[stepState="current"] {{
    background: {theme.PRIMARY}; border-color: {theme.PRIMARY}; color: white;
}}
QToolButton[stepState="viewing"] {{
    background: {theme.PRIMARY_LIGHT}; border-color: {theme.PRIMARY}; color: {theme.PRIMARY_DARK};
}}
QToolButton[stepState="ahead"]:disabled {{ color: #8a94a0; background: #eef1f5; border-color: #d8dde4; }}
"""


class StepBar(QWidget):
    """``set_steps(titles)``; ``set_state(reached, shown)``; emits ``step_clicked(index)``."""

    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(_STYLE)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.buttons: list[QToolButton] = []
        self._reached = 0
        self._shown = 0

    def set_steps(self, titles: Sequence[str]) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for index, title in enumerate(titles):
            button = QToolButton()
            button.setText(f"{index + 1}\n{title}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(theme.TOUCH_MIN)
            button.setAccessibleName(title)
            button.clicked.connect(lambda _=False, i=index: self.step_clicked.emit(i))
            self._layout.addWidget(button, 1)
            self.buttons.append(button)
        self.set_state(self._reached, self._shown)

    def set_state(self, reached: int, shown: int) -> None:
        """``reached``: the furthest step the visit has come to; ``shown``: the step on screen."""
        self._reached = reached
        self._shown = shown
        for index, button in enumerate(self.buttons):
            if index < reached:
                state = "viewing" if index == shown else "done"
                text = button.text().split("\n", 1)
                button.setText(f"✔ {index + 1}\n{text[-1]}")
            elif index == reached:
                state = "current"
                text = button.text().split("\n", 1)
                button.setText(f"{index + 1}\n{text[-1]}")
            else:
                state = "ahead"
            button.setEnabled(index <= reached)
            theme.set_role(button, state, "stepState")

    def state_of(self, index: int) -> str:
        return str(self.buttons[index].property("stepState"))

    @property
    def reached(self) -> int:
        return self._reached

    @property
    def shown(self) -> int:
        return self._shown
