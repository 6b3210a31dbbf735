"""The outing planner (F4): outings by date, their visits with time windows, the call ahead, the kit
hand-over (Додаток 1).

Registered with the main window as page ``outings``; it accepts ``outing_id`` (open that outing) and
``request_id`` (plan a new outing for that registered request).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from mobile_case.ui.pages import NAV_ORDER, PageSpec


def _outings_page(ctx: Any) -> Any:
    from mobile_case.ui.outings.page import OutingsPage  # lazily: keeps start-up fast

    return OutingsPage(ctx)


def _may_open(role: Any) -> bool:
    """Planning outings, or handing the kit over (the kit keeper works on the hand-over tab)."""
    from mobile_case.domain.roles import Permission, has_permission

    return has_permission(role, Permission.PLAN_OUTINGS) or has_permission(role, Permission.KIT_HANDOVER)


PAGE_SPECS = [
    PageSpec(
        "outings",
        QT_TRANSLATE_NOOP("Navigation", "Outings"),
        _outings_page,
        permission=_may_open,
        icon="outings",
        order=NAV_ORDER["outings"],
        preload=("mobile_case.ui.outings.page",),
    )
]
