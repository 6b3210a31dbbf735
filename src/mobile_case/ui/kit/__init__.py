"""The kit keeper's screen (G 1.7; F8, F9): self-check, maintenance checklist and log, the external
video recorder's import, the case-lid sensor. Visible to the kit keeper and the head."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from mobile_case.ui.pages import PageSpec

KIT_ORDER = 80  # after the journals, before the settings


def _kit_page(ctx: Any) -> Any:
    from mobile_case.ui.kit.page import KitPage

    return KitPage(ctx)


def may_open_kit(role: Any) -> bool:
    from mobile_case.domain.roles import Permission, has_permission

    return has_permission(role, Permission.KIT_MAINTENANCE)


PAGE_SPECS = [
    PageSpec(
        "kit",
        QT_TRANSLATE_NOOP("Navigation", "Kit"),
        _kit_page,
        permission=may_open_kit,
        icon="kit",
        order=KIT_ORDER,
        # on the rail of the kit keeper and the head (the rail fits them since the shell made it
        # compact); the head also reaches it from Settings → Devices
    )
]
