"""Settings → Community: the profile of the council's decision — general data, categories with their
proof documents, settlements, the service catalogue (fee, term, mobile workplace yes/no). Read-only: a
profile is changed by the council's decision, i.e. by its data file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QTableWidget, QTabWidget, QWidget

from mobile_case.ui import theme
from mobile_case.ui.settings_tabs.tables import make_table


def _fee_text(service: Any) -> tuple[str, str]:
    """The fee, with its legal note as the tooltip (marked with an asterisk)."""
    from mobile_case.domain.texts import format_money

    if service.fee is None or service.fee == 0:
        text = QCoreApplication.translate("SettingsPage", "free")
    else:
        text = format_money(service.fee)
    return (f"{text} *" if service.fee_note else text), service.fee_note


def _term_text(service: Any) -> tuple[str, str]:
    from mobile_case.domain.texts import format_days

    text = format_days(service.term_days, working=getattr(service, "term_kind", "") == "working")
    return (f"{text} *" if service.term_note else text), service.term_note


# -- community profile ------------------------------------------------------------------------------
class ProfileTab(QTabWidget):
    def __init__(self, profile: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.addTab(self._general(), self.tr("General"))
        self.categories_table = self._categories()
        self.addTab(
            self.categories_table, self.tr("Categories (%1)").replace("%1", str(len(profile.categories)))
        )
        self.settlements_table = self._settlements()
        self.addTab(
            self.settlements_table, self.tr("Settlements (%1)").replace("%1", str(len(profile.settlements)))
        )
        self.services_table = self._services()
        self.addTab(self.services_table, self.tr("Services (%1)").replace("%1", str(len(profile.services))))

    def _general(self) -> QWidget:
        p = self.profile
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        form = QFormLayout(inner)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(12)
        form.setHorizontalSpacing(20)
        mobile = len(p.mobile_services())
        rows = [
            (self.tr("Community"), p.community_name),
            (self.tr("CNAP"), p.cnap_name),
            (self.tr("CNAP address"), p.cnap_address),
            (self.tr("CNAP phone"), p.cnap_phone),
            (self.tr("Council decision"), p.council_decision),
            (self.tr("Age threshold"), self.tr("%1 years and older").replace("%1", str(p.age_threshold))),
            (
                self.tr("Services"),
                self.tr("%1 in the catalogue, %2 on the mobile workplace")
                .replace("%1", str(len(p.services)))
                .replace("%2", str(mobile)),
            ),
            (self.tr("Kit"), "\n".join(f"• {k.title}" for k in p.kit_items)),
            (
                self.tr("Staff of the mobile workplace"),
                "\n".join(f"• {s.full_name} — {s.position}" for s in p.staff),
            ),
        ]
        for label, value in rows:
            value_label = QLabel(value or "—")
            value_label.setWordWrap(True)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name = QLabel(label)
            theme.set_role(name, "fieldLabel")
            form.addRow(name, value_label)
        scroll.setWidget(inner)
        return scroll

    def _categories(self) -> QTableWidget:
        from mobile_case.domain.texts import CATEGORY_GROUP_TITLES

        p = self.profile
        rows = []
        for c in p.categories:
            proofs = []
            for code in c.accepted_proof_codes:
                doc = p.proof_document(code)
                proofs.append(f"• {doc.title if doc is not None else code}")
            if c.min_age is not None:
                proof_text = self.tr("Identity document (age %1+)").replace("%1", str(c.min_age))
            elif not c.needs_proof:
                proof_text = self.tr("No proof needed")
            else:
                proof_text = "\n".join(proofs)
            rows.append([c.title, CATEGORY_GROUP_TITLES.get(c.group, c.group), proof_text])
        return make_table(
            [self.tr("Category"), self.tr("Group"), self.tr("Documents that prove it")],
            rows,
            stretch=2,
            widths={0: 380, 1: 170},
        )

    def _settlements(self) -> QTableWidget:
        rows = [[s.display_name, s.kind, s.code] for s in self.profile.settlements]
        return make_table([self.tr("Settlement"), self.tr("Kind"), self.tr("Code")], rows, stretch=0)

    def _services(self) -> QTableWidget:
        rows = []
        for s in self.profile.services:
            mobile = (self.tr("yes"), "") if s.mobile_allowed else (self.tr("no"), s.mobile_note)
            rows.append([s.title, s.provider, _fee_text(s), _term_text(s), mobile])
        return make_table(
            [
                self.tr("Service"),
                self.tr("Provider"),
                self.tr("Fee"),
                self.tr("Term"),
                self.tr("Mobile workplace"),
            ],
            rows,
            stretch=0,
            widths={1: 260, 2: 130, 3: 170, 4: 110},
        )
