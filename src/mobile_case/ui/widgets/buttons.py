"""Big touch buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

from mobile_case.ui import theme


class BigButton(QPushButton):
    """A push button at least ``theme.BIG_BUTTON_HEIGHT`` tall.

    ``kind``: ``"primary"`` (filled blue — the main action of a screen), ``"secondary"`` (outlined),
    ``"danger"`` (filled red — destructive), ``"flat"`` (link-like), ``"row"`` (a list row).
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        kind: str = "secondary",
        icon: QIcon | None = None,
        expand: bool = False,
    ) -> None:
        super().__init__(text, parent)
        self.setMinimumHeight(theme.BIG_BUTTON_HEIGHT)
        self.setMinimumWidth(theme.TOUCH_MIN)
        if icon is not None:
            self.setIcon(icon)
            self.setIconSize(QSize(28, 28))
        self.set_kind(kind)
        if expand:
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_kind(self, kind: str) -> None:
        theme.set_role(self, kind, "kind")

    @property
    def kind(self) -> str:
        return str(self.property("kind") or "secondary")
