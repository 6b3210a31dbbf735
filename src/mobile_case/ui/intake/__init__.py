"""The intake wizard (F3): a request taken in person, by phone or messenger, checked and registered.

Registered with the main window as page ``intake``; ``open_page("intake", request_id=...)`` continues a
stored draft (or shows a decided request).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from mobile_case.ui.pages import NAV_ORDER, PageSpec


def _intake_page(ctx: Any) -> Any:
    from mobile_case.ui.intake.wizard import IntakeWizard  # lazily: keeps start-up fast

    return IntakeWizard(ctx)


def _permission() -> Any:
    from mobile_case.domain.roles import Permission

    return Permission.INTAKE


PAGE_SPECS = [
    PageSpec(
        "intake",
        QT_TRANSLATE_NOOP("Navigation", "New request"),
        _intake_page,
        permission=_permission(),
        icon="intake",
        order=NAV_ORDER["intake"],
        preload=("mobile_case.ui.intake.wizard",),
    )
]
