"""Touch-friendly building blocks shared by every screen (widgets only — no database access).

``from mobile_case.ui.widgets import LabeledLineEdit`` works for every name below; each submodule is
imported on first use (PEP 562), so the login window — the first screen — does not pay for the Qt
classes of widgets it does not show (PySide6 initialises each Qt class on first access).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "MessageBanner": "banner",
    "BigButton": "buttons",
    "StatusChip": "chips",
    "device_kind_title": "chips",
    "device_state_title": "chips",
    "CheckList": "choices",
    "ChoiceList": "choices",
    "Option": "choices",
    "ConfirmDialog": "dialogs",
    "confirm": "dialogs",
    "inform": "dialogs",
    "DateField": "fields",
    "LabeledCombo": "fields",
    "LabeledLineEdit": "lineedit",
    "LabeledTextEdit": "fields",
    "PhoneField": "fields",
    "SettlementPicker": "fields",
    "settlement_label": "fields",
    "PinPad": "keypad",
    "DocumentPanel": "printing",
    "PdfPreview": "printing",
    "write_file": "printing",
    "Card": "layout",
    "SectionHeader": "layout",
}

__all__ = [
    "BigButton",
    "Card",
    "CheckList",
    "ChoiceList",
    "ConfirmDialog",
    "DateField",
    "DocumentPanel",
    "LabeledCombo",
    "LabeledLineEdit",
    "LabeledTextEdit",
    "MessageBanner",
    "Option",
    "PdfPreview",
    "PhoneField",
    "PinPad",
    "SectionHeader",
    "SettlementPicker",
    "StatusChip",
    "confirm",
    "device_kind_title",
    "device_state_title",
    "inform",
    "settlement_label",
    "write_file",
]
assert sorted(__all__) == sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


if TYPE_CHECKING:  # for type checkers and IDEs
    from mobile_case.ui.widgets.banner import MessageBanner
    from mobile_case.ui.widgets.buttons import BigButton
    from mobile_case.ui.widgets.chips import StatusChip, device_kind_title, device_state_title
    from mobile_case.ui.widgets.choices import CheckList, ChoiceList, Option
    from mobile_case.ui.widgets.dialogs import ConfirmDialog, confirm, inform
    from mobile_case.ui.widgets.fields import (
        DateField,
        LabeledCombo,
        LabeledTextEdit,
        PhoneField,
        SettlementPicker,
        settlement_label,
    )
    from mobile_case.ui.widgets.keypad import PinPad
    from mobile_case.ui.widgets.layout import Card, SectionHeader
    from mobile_case.ui.widgets.lineedit import LabeledLineEdit
    from mobile_case.ui.widgets.printing import DocumentPanel, PdfPreview, write_file
