"""The visit screen (F5, F10) and the act of impossibility (F6).

Open a visit with ``window.open_page("visit", visit_id=...)``; add ``act_reason="subject_absent"`` to go
straight to the act of a scheduled visit whose subject is not there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from mobile_case.ui.pages import NAV_ORDER, PageSpec


def _visit_page(ctx: Any) -> Any:
    from mobile_case.ui.visit.page import VisitPage

    return VisitPage(ctx)


def _run_visit_permission() -> Any:
    try:
        from mobile_case.domain.roles import Permission
    except ImportError:  # pragma: no cover - roles ship with the domain
        return None
    return Permission.RUN_VISIT


PAGE_SPECS = [
    PageSpec(
        "visit",
        QT_TRANSLATE_NOOP("Navigation", "Visit"),
        _visit_page,
        permission=_run_visit_permission(),
        icon="visit",
        order=NAV_ORDER["visit"],
        preload=("mobile_case.ui.visit.page",),
    )
]


def screenshot_states(services: Any) -> list[tuple[str, str, dict]]:
    """tools/screenshots.py: the list of today's visits, and the demo's visit under way (its steps and
    the recording)."""
    from mobile_case.domain.model import CaseState

    states: list[tuple[str, str, dict]] = [("40-visit", "visit", {})]
    today = services.clock().date()
    for _outing, visit, request in services.outings.today(today):
        if request.state is CaseState.IN_PROGRESS:
            states.append(("41-visit-in-progress", "visit", {"visit_id": visit.id}))
            break
    return states
