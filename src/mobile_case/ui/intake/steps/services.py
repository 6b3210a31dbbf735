"""Step 5: the services asked for. Only those served on the mobile workplace can be ticked; the others
(biometric documents, O 1.6) are shown greyed out with the reason, so the administrator can say why."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from mobile_case.domain import texts
from mobile_case.domain.model import ServiceRequest
from mobile_case.domain.profile import Service
from mobile_case.ui import theme
from mobile_case.ui.intake.steps.base import Step
from mobile_case.ui.widgets import Card, CheckList, LabeledLineEdit, Option


def service_detail(service: Service) -> str:
    """«49,92 грн · 1 робочий день» — the fee and the legal term."""
    fee = texts.format_money(service.fee)
    term = texts.format_days(service.term_days, working=service.term_kind == "working")
    return f"{fee} · {term}"


class ServicesStep(Step):
    key = "services"

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.section(
            self.tr("Which services are needed?"),
            self.tr("Tick one or more. Find out exactly what the citizen needs (O 2.2)."),
        )
        self.search = LabeledLineEdit(self.tr("Find a service"), placeholder=self.tr("part of the name…"))
        self.search.changed.connect(self._filter)
        self.body.addWidget(self.search)
        self.lists: dict[str, CheckList] = {}
        self.cards: dict[str, Card] = {}
        groups: dict[str, list[Service]] = {}
        for service in self.profile.services:
            groups.setdefault(service.group or "", []).append(service)
        not_mobile = self.tr("biometric documents are not issued on a visit (O 1.6)")
        for group, services in groups.items():
            card = Card(margins=10)
            heading = QLabel(group)
            heading.setWordWrap(True)
            theme.set_role(heading, "section")
            card.body.addWidget(heading)
            options = [
                Option(s.code, s.title, service_detail(s) if s.mobile_allowed else not_mobile)
                for s in services
            ]
            check = CheckList(options)
            for s in services:
                if not s.mobile_allowed:
                    check.set_option_enabled(s.code, False)
                    check.rows[s.code].setToolTip(s.mobile_note or not_mobile)
            check.changed.connect(self._edited)
            card.body.addWidget(check)
            self.lists[group] = check
            self.cards[group] = card
            self.body.addWidget(card)
        self.empty_label = self.note(self.tr("No service matches the search."))
        self.empty_label.setVisible(False)
        self.body.addStretch(1)

    def title(self) -> str:
        return self.tr("Services")

    # -- request <-> widgets ----------------------------------------------------------------------
    def checked(self) -> list[str]:
        codes: list[str] = []
        for check in self.lists.values():
            codes += check.checked_codes()
        return codes

    def fill(self, req: ServiceRequest) -> None:
        for check in self.lists.values():
            check.set_checked_codes(req.service_codes)

    def _edited(self) -> None:
        if self.loading:
            return
        # keep the order in which the request lists them; add the new ones at the end
        checked = self.checked()
        ordered = [c for c in self.request.service_codes if c in checked]
        ordered += [c for c in checked if c not in ordered]
        self.request.service_codes = ordered
        self.changed()

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        shown_any = False
        for group, check in self.lists.items():
            visible = 0
            for code, row in check.rows.items():
                service = self.profile.service(code)
                match = not needle or needle in (service.title if service else code).casefold()
                row.setVisible(match)
                visible += match
            self.cards[group].setVisible(visible > 0)
            shown_any = shown_any or visible > 0
        self.empty_label.setVisible(not shown_any)
