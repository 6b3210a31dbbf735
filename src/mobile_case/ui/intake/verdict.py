"""The live eligibility verdict at the side of the intake wizard (F2; O 1.5, 2.3).

``domain.eligibility.assess`` is a pure function: the panel runs it on the GUI thread after each change
(microseconds, no I/O). Green — «можна надавати на виїзді»; amber — the data is not complete yet and the
checks that still fail are listed; red — a part already filled in falls under an O 2.3 reason: the
reason, what was found, and what to tell the citizen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from mobile_case.domain import eligibility, texts
from mobile_case.domain.eligibility import EligibilityDecision
from mobile_case.domain.model import CaseState, RefusalReason, ServiceRequest
from mobile_case.domain.profile import CommunityProfile
from mobile_case.ui import theme

ELIGIBLE = "eligible"
INCOMPLETE = "incomplete"
REFUSED = "refused"


ALL_REASONS = frozenset(RefusalReason)


def verdict_kind(decision: EligibilityDecision, settled: frozenset[RefusalReason] = ALL_REASONS) -> str:
    """Green when eligible; red when a reason comes from a part the administrator has already filled in
    (``settled``); amber while the failing checks are about what is still to be entered."""
    if decision.eligible:
        return ELIGIBLE
    return REFUSED if set(decision.reasons) & settled else INCOMPLETE


class VerdictPanel(QFrame):
    """Always visible at the right of the wizard."""

    WIDTH = 330

    def __init__(self, profile: CommunityProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.decision: EligibilityDecision | None = None
        self.kind = INCOMPLETE
        self.setFixedWidth(self.WIDTH)
        theme.set_role(self, "card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(64)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.status)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setStyleSheet(f"background: {theme.SURFACE};")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(14, 10, 14, 14)
        self.body.setSpacing(8)
        self.age_label = self._label()
        self.fields_title = self._label(self.tr("Fix these fields"), "fieldLabel")
        self.fields_label = self._label(role="error")
        self.reasons_title = self._label(self.tr("Reasons (O 2.3)"), "fieldLabel")
        self.reasons_label = self._label()
        self.found_title = self._label(self.tr("What was found"), "fieldLabel")
        self.found_label = self._label(role="muted")
        self.todo_title = self._label(self.tr("What to do"), "fieldLabel")
        self.todo_label = self._label()
        self.body.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self.problems: list[tuple[str, str]] = []

    def _label(self, text: str = "", role: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if role:
            theme.set_role(label, role)
        self.body.addWidget(label)
        return label

    # -- the verdict ------------------------------------------------------------------------------
    def assess(
        self, req: ServiceRequest, settled: frozenset[RefusalReason] = ALL_REASONS, today: date | None = None
    ) -> EligibilityDecision:
        """Run the domain check on ``req`` and show it. Returns the decision."""
        decision = eligibility.assess(req, self.profile, today or date.today())
        self.show_decision(req, decision, settled)
        return decision

    def show_decision(
        self,
        req: ServiceRequest,
        decision: EligibilityDecision,
        settled: frozenset[RefusalReason] = ALL_REASONS,
    ) -> None:
        self.decision = decision
        self.kind = verdict_kind(decision, settled)
        if req.state == CaseState.REFUSED:
            self._status(self.tr("Refused"), theme.DANGER_LIGHT, theme.DANGER)
        elif req.state not in (CaseState.DRAFT,):
            self._status(texts.STATE_SHORT_TITLES.get(req.state, ""), theme.SUCCESS_LIGHT, theme.SUCCESS)
        elif self.kind == ELIGIBLE:
            self._status(self.tr("Can be served on a visit"), theme.SUCCESS_LIGHT, theme.SUCCESS)
        elif self.kind == REFUSED:
            self._status(self.tr("Refusal: the request cannot be accepted"), theme.DANGER_LIGHT, theme.DANGER)
        else:
            self._status(self.tr("Not everything is entered yet"), theme.WARNING_LIGHT, theme.WARNING)

        self.age_label.setText(
            self.tr("Age: {age}").format(age=texts.format_age(decision.age))
            if decision.age is not None
            else ""
        )
        self.age_label.setVisible(decision.age is not None)
        # red reasons: only those of the parts already filled in; the rest are still being entered
        reasons = [
            texts.sentence(texts.refusal_reason_text(r, self.profile.community_name))
            for r in decision.reasons
            if r in settled
        ]
        show_reasons = bool(reasons) and self.kind != INCOMPLETE
        self.reasons_title.setVisible(show_reasons)
        self.reasons_label.setVisible(show_reasons)
        self.reasons_label.setText("\n".join(f"• {r}" for r in reasons))
        if self.kind == INCOMPLETE:
            self.found_title.setText(self.tr("Still to check"))
        else:
            self.found_title.setText(self.tr("What was found"))
        self.found_label.setText("\n".join(f"• {n}" for n in decision.notes))
        self.found_title.setVisible(bool(decision.notes))
        self.found_label.setVisible(bool(decision.notes))
        self.todo_label.setText("\n".join(f"• {a}" for a in decision.advice))
        self.todo_title.setVisible(bool(decision.advice))
        self.todo_label.setVisible(bool(decision.advice))
        self._show_problems()

    def set_problems(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        self._show_problems()

    def _show_problems(self) -> None:
        text = "\n".join(f"• {label}: {message}" for label, message in self.problems)
        self.fields_label.setText(text)
        self.fields_title.setVisible(bool(self.problems))
        self.fields_label.setVisible(bool(self.problems))

    def _status(self, text: str, background: str, colour: str) -> None:
        self.status_text = text
        self.status.setText(text)
        self.status.setStyleSheet(
            f"background: {background}; color: {colour}; font-size: {theme.FONT_LARGE_PX}px; font-weight: 700;"
            "border-top-left-radius: 10px; border-top-right-radius: 10px; padding: 10px;"
        )

    status_text = ""
