"""Touch-friendly building blocks shared by every screen (widgets only — no database access)."""

from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.chips import StatusChip, device_kind_title, device_state_title
from mobile_case.ui.widgets.choices import CheckList, ChoiceList, Option
from mobile_case.ui.widgets.dialogs import ConfirmDialog, confirm, inform
from mobile_case.ui.widgets.fields import (
    DateField,
    LabeledCombo,
    LabeledLineEdit,
    LabeledTextEdit,
    PhoneField,
    SettlementPicker,
    settlement_label,
)
from mobile_case.ui.widgets.keypad import PinPad
from mobile_case.ui.widgets.layout import Card, SectionHeader

__all__ = [
    "BigButton",
    "Card",
    "CheckList",
    "ChoiceList",
    "ConfirmDialog",
    "DateField",
    "LabeledCombo",
    "LabeledLineEdit",
    "LabeledTextEdit",
    "MessageBanner",
    "Option",
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
]
