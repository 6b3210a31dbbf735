"""What every page of the intake wizard has in common.

A step edits the wizard's request in place (``self.request``) and calls :meth:`Step.changed` after each
change; the wizard then saves the draft and re-runs the eligibility check. ``load()`` fills the widgets
from the request (while ``self.loading`` is set, so filling them changes nothing). ``problems()`` lists
the fields of the step whose text is not valid — those values are kept out of the request (an invalid
РНОКПП is never stored as if it were a number) and block the registration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mobile_case.domain.model import ServiceRequest
from mobile_case.ui import theme
from mobile_case.ui.widgets import Card, LabeledLineEdit, SectionHeader

if TYPE_CHECKING:
    from mobile_case.ui.intake.wizard import IntakeWizard


class Step(QWidget):
    """One page of the wizard: a scrollable column of sections."""

    key = ""

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.profile = wizard.profile
        self.loading = False
        self.read_only = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(4, 0, 12, 12)
        self.body.setSpacing(theme.SPACING)
        self.scroll.setWidget(inner)
        outer.addWidget(self.scroll)

    # -- titles (translated in the subclass) ------------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def short_title(self) -> str:
        return self.title()

    # -- the request ------------------------------------------------------------------------------
    @property
    def request(self) -> ServiceRequest:
        return self.wizard.keeper.request

    def load(self, req: ServiceRequest) -> None:
        self.loading = True
        try:
            self.fill(req)
        finally:
            self.loading = False

    def fill(self, req: ServiceRequest) -> None:
        """Put the request's values into the widgets (signals may fire; ``loading`` is set)."""

    def changed(self) -> None:
        """Call after changing the request."""
        if not self.loading:
            self.wizard.request_changed(self)

    def problems(self) -> list[tuple[str, str]]:
        """(field label, Ukrainian message) of every field whose typed text is not valid."""
        return []

    def refresh(self) -> None:
        """The request changed elsewhere (another step): update what depends on it."""

    def entered(self) -> None:
        """The step is shown."""

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.scroll.widget().setEnabled(not read_only)

    # -- layout helpers ---------------------------------------------------------------------------
    def section(self, title: str, subtitle: str = "") -> SectionHeader:
        header = SectionHeader(title, subtitle)
        self.body.addWidget(header)
        return header

    def grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        return grid

    def note(self, text: str, role: str = "muted") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        theme.set_role(label, role)
        self.body.addWidget(label)
        return label


def card_grid(card: Card) -> QGridLayout:
    """A two-column grid of fields inside a card."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(16)
    grid.setVerticalSpacing(8)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(1, 1)
    card.body.addLayout(grid)
    return grid


def field_problem(field: LabeledLineEdit) -> tuple[str, str] | None:
    """(label, message) when the field holds text that is not valid."""
    if field.text().strip() and not field.is_valid():
        try:
            field.value()
        except Exception as exc:  # ValidationError: its Ukrainian message
            message = getattr(exc, "user_message", "") or str(exc)
        else:  # pragma: no cover - is_valid() and value() agree
            message = ""
        return field.label.text().rstrip(" *"), message
    return None


def valid_value(field: LabeledLineEdit, empty: Any = "") -> Any:
    """The field's normalised value, or ``empty`` when it is empty or not valid."""
    from mobile_case.domain.errors import ValidationError

    try:
        value = field.value()
    except ValidationError:
        return empty
    return empty if value in (None, "") else value
