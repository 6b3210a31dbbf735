"""The journals (F7): Додаток 1 (kit hand-over), Додаток 3 (services rendered) and the acts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from mobile_case.ui.pages import NAV_ORDER, PageSpec


def _journals_page(ctx: Any) -> Any:
    from mobile_case.ui.journals.page import JournalsPage

    return JournalsPage(ctx)


def may_open_journals(role: Any) -> bool:
    """Anyone who may see a journal: own/all service journals, or the kit hand-over journal."""
    from mobile_case.domain.roles import Permission, has_permission

    return any(
        has_permission(role, p)
        for p in (Permission.VIEW_ALL_JOURNALS, Permission.VIEW_OWN_JOURNALS, Permission.KIT_HANDOVER)
    )


PAGE_SPECS = [
    PageSpec(
        "journals",
        QT_TRANSLATE_NOOP("Navigation", "Journals"),
        _journals_page,
        permission=may_open_journals,
        icon="journals",
        order=NAV_ORDER["journals"],
        preload=("mobile_case.ui.journals.page",),
    )
]
