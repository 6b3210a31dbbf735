"""Step 4: the category of O 1.5 (grouped as in the Order), its proof, and membership of the community.

Only the documents the community accepts for the chosen category are offered as proof. Membership is
shown by the registration (passport stamp, ID card with the extract, the community register) or, for an
internally displaced person, by the IDP certificate (O 1.5).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from mobile_case.domain import texts
from mobile_case.domain.model import ServiceRequest
from mobile_case.domain.profile import CATEGORY_GROUPS
from mobile_case.ui import theme
from mobile_case.ui.intake.steps.base import Step
from mobile_case.ui.widgets import Card, CheckList, ChoiceList, LabeledLineEdit, Option

IDP_CODE = "idp_certificate"
_SEPARATOR = ": "


def membership_text(title: str, note: str) -> str:
    """The stored membership proof: the document's title, then its No and date."""
    note = note.strip()
    return f"{title}{_SEPARATOR}{note}" if note else title


def split_membership(text: str, titles: list[str]) -> tuple[str, str]:
    """(title, note) of a stored membership proof; ("", text) when it names none of ``titles``."""
    for title in sorted(titles, key=len, reverse=True):
        if text == title:
            return title, ""
        if text.startswith(title + _SEPARATOR):
            return title, text[len(title) + len(_SEPARATOR) :]
    return "", text


class CategoryStep(Step):
    key = "category"

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.section(
            self.tr("Category of the subject (O 1.5)"),
            self.tr("Who may be served on the mobile workplace. Choose one."),
        )
        self.groups: dict[str, ChoiceList] = {}
        for group in CATEGORY_GROUPS:
            categories = [c for c in self.profile.categories if c.group == group]
            if not categories:
                continue
            card = Card(margins=10)
            heading = _group_label(texts.CATEGORY_GROUP_TITLES.get(group, group))
            card.body.addWidget(heading)
            options = []
            for c in categories:
                detail = ""
                if c.min_age is not None:
                    detail = self.tr("The age is taken from the identity document.")
                options.append(Option(c.code, c.title, detail))
            choice = ChoiceList(options)
            choice.changed.connect(lambda g=group: self._category_chosen(g))
            card.body.addWidget(choice)
            self.groups[group] = choice
            self.body.addWidget(card)

        self.proof_header = self.section(
            self.tr("Document confirming the category"),
            self.tr(
                "Only the documents accepted for this category are listed. The original is shown at the visit."
            ),
        )
        self.proofs = CheckList([])
        self.proofs.changed.connect(self._edited)
        self.body.addWidget(self.proofs)
        self.no_proof_label = self.note(
            self.tr(
                "For the age category no other document is needed: the age is taken from the passport or ID card."
            )
        )
        self.proof_note = LabeledLineEdit(
            self.tr("No and date of the document"),
            placeholder=self.tr("e.g. серія ААГ № 123456 від 12.05.2021"),
            field_name="proof_note",
        )
        self.proof_note.changed.connect(self._edited)
        self.body.addWidget(self.proof_note)
        self.reason = LabeledLineEdit(
            self.tr("Cannot come to the CNAP because of (for the application)"),
            hint=self.tr("Printed in the application: «самостійно не пересувається з причини …»."),
            field_name="category_reason",
        )
        self.reason.changed.connect(self._edited)
        self.body.addWidget(self.reason)

        self.section(
            self.tr("Membership of the community"),
            self.tr("By the registered address; for internally displaced persons by the IDP certificate."),
        )
        self.membership = ChoiceList([Option(d.code, d.title) for d in self.profile.membership_documents])
        self.membership.changed.connect(self._edited)
        self.body.addWidget(self.membership)
        self.membership_note = LabeledLineEdit(
            self.tr("No and date of the membership document"),
            hint=self.tr("For the IDP certificate its No and date are required."),
            field_name="membership_proof",
        )
        self.membership_note.changed.connect(self._edited)
        self.body.addWidget(self.membership_note)
        self.body.addStretch(1)
        self._shown_category = ""

    def title(self) -> str:
        return self.tr("Category and its proof")

    def short_title(self) -> str:
        return self.tr("Category")

    # -- request <-> widgets ----------------------------------------------------------------------
    def selected_category(self) -> str:
        for choice in self.groups.values():
            code = choice.selected_code()
            if code:
                return code
        return ""

    def fill(self, req: ServiceRequest) -> None:
        for choice in self.groups.values():
            choice.set_selected_code(req.category_code)
        self._show_proofs(req.category_code)
        self.proofs.set_checked_codes(req.proof_document_codes)
        self.proof_note.setText(req.proof_note)
        self.reason.setText(req.category_reason)
        titles = {d.title: d.code for d in self.profile.membership_documents}
        title, note = split_membership(req.membership_proof, list(titles))
        code = titles.get(title, "")
        if req.is_idp:
            code = IDP_CODE if IDP_CODE in self.membership.rows else ""
            note = req.membership_proof
        self.membership.set_selected_code(code)
        self.membership_note.setText(note)

    def _category_chosen(self, group: str) -> None:
        code = self.groups[group].selected_code()
        if not code:
            return
        # one category in all the groups
        for other, choice in self.groups.items():
            if other != group and choice.selected_code():
                choice.set_selected_code("")
        if self.loading:
            return
        previous = self.profile.category(self._shown_category) if self._shown_category else None
        self._show_proofs(code)
        category = self.profile.category(code)
        if category is not None and category.needs_proof:
            # once laid out, bring the proof documents into view
            QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(self.proof_header, 0, 40))
        # suggest the application's wording unless the administrator wrote their own
        if category is not None and category.reason_text:
            current = self.reason.text().strip()
            if not current or (previous is not None and current == previous.reason_text):
                self.reason.setText(category.reason_text)
        self._edited()

    def _show_proofs(self, code: str) -> None:
        self._shown_category = code
        category = self.profile.category(code) if code else None
        options = []
        if category is not None and category.needs_proof:
            for proof_code in category.accepted_proof_codes:
                doc = self.profile.proof_document(proof_code)
                if doc is not None:
                    options.append(Option(doc.code, doc.title))
        self.proofs.set_items(options)
        needs = category is not None and category.needs_proof
        self.proof_header.setVisible(category is not None)
        self.proofs.setVisible(needs)
        self.proof_note.setVisible(needs)
        self.no_proof_label.setVisible(category is not None and not needs)

    def _edited(self, *_args: object) -> None:
        if self.loading:
            return
        req = self.request
        req.category_code = self.selected_category()
        category = self.profile.category(req.category_code) if req.category_code else None
        if category is not None and category.needs_proof:
            req.proof_document_codes = self.proofs.checked_codes()
            req.proof_note = self.proof_note.text().strip()
        else:
            req.proof_document_codes = []
            req.proof_note = ""
        req.category_reason = self.reason.text().strip()
        code = self.membership.selected_code()
        doc = next((d for d in self.profile.membership_documents if d.code == code), None)
        req.is_idp = code == IDP_CODE
        note = self.membership_note.text()
        if doc is None:
            req.membership_proof = ""
        elif req.is_idp:
            # an IDP shows membership by the certificate: its No and date (O 1.5); is_idp names the document
            req.membership_proof = note.strip()
        else:
            req.membership_proof = membership_text(doc.title, note)
        self.changed()


def _group_label(text: str):  # noqa: ANN202
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    label.setWordWrap(True)
    theme.set_role(label, "section")
    return label
