"""The common shape of a visit step.

A step shows part of the visit, lets the administrator fill it in and writes what was entered back
into the :class:`~mobile_case.domain.model.Visit` (``apply``). Every user change emits ``changed``; the
visit page then saves the visit at once through the single database worker. ``blocker()`` says, in
Ukrainian, why the visit cannot go on to the next step yet ("" when it can).

Steps never touch the database or a device themselves: they ask their *host* (the visit page), which
runs the work in a worker and calls back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from mobile_case.domain.model import ActReason, Visit
from mobile_case.domain.profile import CommunityProfile
from mobile_case.ui import theme
from mobile_case.ui.visit.data import VisitBundle
from mobile_case.ui.widgets.choices import CheckList, Option


class VisitHost(Protocol):
    """What a step may ask of the visit page."""

    services: Any
    devices: Any
    profile: CommunityProfile

    def run_db(
        self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None, **kw: Any
    ) -> Any: ...

    def run_io(
        self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None, **kw: Any
    ) -> Any: ...

    def visit_changed(self, visit: Visit) -> None:
        """A step replaced the visit (after a service call that returned a new one)."""
        ...

    def request_changed(self, request: Any) -> None:
        """A step replaced the request (e.g. the subject filled from the ID card's chip)."""
        ...

    def request_act(self, reason: ActReason | None) -> None:
        """Open the act of impossibility with a suggested reason."""
        ...

    def show_error(self, message: str) -> None: ...


class StepWidget(QWidget):
    """Base of the seven steps. Subclasses implement ``title``, ``fill``, ``apply`` and ``blocker``."""

    changed = Signal()  # the user changed something: save the visit
    blocker_changed = Signal()  # re-evaluate whether "Next" is allowed (without saving)

    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.bundle: VisitBundle | None = None
        self._loading = False
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(4, 4, 4, 4)
        self.body.setSpacing(theme.SPACING)

    # -- subclasses ---------------------------------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def fill(self, bundle: VisitBundle) -> None:
        """Show the bundle's values in the widgets (signals are not treated as user edits)."""
        raise NotImplementedError

    def apply(self, visit: Visit) -> None:
        """Write the widgets' values into ``visit``."""
        raise NotImplementedError

    def blocker(self) -> str:
        """Ukrainian reason why the visit may not go on yet; "" when it may."""
        return ""

    def suggested_act_reason(self) -> ActReason | None:
        """The O 2.13 reason an act drawn up from this step most likely has."""
        return None

    # -- shared plumbing ----------------------------------------------------------------------
    def load(self, bundle: VisitBundle) -> None:
        self.bundle = bundle
        self._loading = True
        try:
            self.fill(bundle)
        finally:
            self._loading = False
        self.blocker_changed.emit()

    def user_changed(self, *_args: object) -> None:
        """Connect editors' change signals here."""
        if not self._loading:
            self.changed.emit()

    @property
    def loading(self) -> bool:
        return self._loading


class ConfirmCheck(CheckList):
    """One large, word-wrapped tick ("I confirm …"): ``isChecked()``, ``setChecked()``, ``changed``."""

    CODE = "yes"

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__([Option(self.CODE, text)], parent)
        self.rows[self.CODE].title_label.setStyleSheet(
            f"font-size: {theme.FONT_LARGE_PX}px; font-weight: 600;"
        )

    def isChecked(self) -> bool:  # noqa: N802 - the QCheckBox name, for a drop-in
        return self.is_checked(self.CODE)

    def setChecked(self, checked: bool) -> None:  # noqa: N802
        self.set_checked(self.CODE, checked)

    def click(self, code: str = CODE) -> None:
        super().click(code)
