"""Step 3: the category of O 1.5 and its proof (O 2.10).

Shows the category the request was accepted under, the subject's age from the identity document for
the age category, and the proof documents the community accepts for the category, each with a tick
for «the original was seen». The request's own proof documents are marked.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from mobile_case.domain import texts
from mobile_case.domain.model import ActReason, Visit
from mobile_case.ui import theme
from mobile_case.ui.visit.data import VisitBundle, age_on
from mobile_case.ui.visit.steps.base import ConfirmCheck, StepWidget, VisitHost
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.choices import CheckList, Option
from mobile_case.ui.widgets.layout import Card


class CategoryStep(StepWidget):
    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        summary = Card()
        self.category_label = QLabel()
        self.category_label.setWordWrap(True)
        theme.set_role(self.category_label, "section")
        summary.body.addWidget(self.category_label)
        self.group_label = QLabel()
        theme.set_role(self.group_label, "muted")
        summary.body.addWidget(self.group_label)
        self.age_label = QLabel()
        self.age_label.setWordWrap(True)
        summary.body.addWidget(self.age_label)
        self.membership_label = QLabel()
        self.membership_label.setWordWrap(True)
        summary.body.addWidget(self.membership_label)
        self.body.addWidget(summary)

        proofs = Card()
        self.proofs_title = QLabel(self.tr("Proof documents: tick the originals you have seen"))
        theme.set_role(self.proofs_title, "section")
        proofs.body.addWidget(self.proofs_title)
        self.proof_note = QLabel()
        self.proof_note.setWordWrap(True)
        theme.set_role(self.proof_note, "muted")
        proofs.body.addWidget(self.proof_note)
        self.proofs = CheckList()
        self.proofs.changed.connect(self.user_changed)
        self.proofs.changed.connect(self.blocker_changed)
        proofs.body.addWidget(self.proofs)
        self.no_proof_label = QLabel(
            self.tr("This category is proved by the identity document (age); no separate proof is needed.")
        )
        self.no_proof_label.setWordWrap(True)
        proofs.body.addWidget(self.no_proof_label)
        self.body.addWidget(proofs)

        self.age_banner = MessageBanner(closable=False)
        self.body.addWidget(self.age_banner)

        confirm = Card()
        self.confirmed = ConfirmCheck(
            self.tr("The subject belongs to the category: confirmed by the originals")
        )
        self.confirmed.changed.connect(self.user_changed)
        self.confirmed.changed.connect(self.blocker_changed)
        confirm.body.addWidget(self.confirmed)
        self.body.addWidget(confirm)
        self.body.addStretch(1)
        self._needs_proof = False

    def title(self) -> str:
        return self.tr("Category")

    def fill(self, bundle: VisitBundle) -> None:
        profile = self.host.profile
        request = bundle.request
        category = profile.category(request.category_code)
        self.age_banner.clear()
        if category is None:
            self.category_label.setText(self.tr("The request has no category of point 1.5"))
            self.group_label.setText("")
            self._needs_proof = False
        else:
            self.category_label.setText(category.title)
            self.group_label.setText(texts.CATEGORY_GROUP_TITLES.get(category.group, category.group))
            self._needs_proof = category.needs_proof
        birth = request.subject.birth_date
        age = age_on(birth, date.today())
        if age is not None:
            self.age_label.setText(
                self.tr("Age from the identity document: {age} (born {date})").format(
                    age=texts.format_age(age), date=texts.format_date(birth)
                )
            )
        else:
            self.age_label.setText(self.tr("The date of birth is not in the request."))
        if category is not None and category.min_age is not None:
            threshold = category.min_age
            if age is not None and age < threshold:
                self.age_banner.show_error(
                    self.tr("The subject is younger than {n}: the age category does not apply.").format(
                        n=threshold
                    )
                )
        membership = request.membership_proof or (
            self.tr("internally displaced person's certificate") if request.is_idp else ""
        )
        self.membership_label.setText(
            self.tr("Membership of the community: {proof}").format(proof=membership) if membership else ""
        )
        self.membership_label.setVisible(bool(membership))
        codes: list[str] = list(category.accepted_proof_codes) if category is not None else []
        for code in request.proof_document_codes:
            if code not in codes:
                codes.append(code)
        options = []
        for code in codes:
            doc = profile.proof_document(code)
            title = doc.title if doc is not None else code
            detail = self.tr("named in the request") if code in request.proof_document_codes else ""
            options.append(Option(code, title, detail))
        self.proofs.set_items(options)
        self.proofs.set_checked_codes(bundle.visit.category_documents_seen)
        self.proof_note.setText(
            self.tr("In the request: {note}").format(note=request.proof_note) if request.proof_note else ""
        )
        self.proof_note.setVisible(bool(request.proof_note))
        self.no_proof_label.setVisible(not codes)
        self.proofs_title.setText(
            self.tr("Proof documents: tick the originals you have seen")
            if codes
            else self.tr("Proof of the category")
        )
        self.confirmed.setChecked(bundle.visit.category_confirmed)

    def seen(self) -> list[str]:
        return self.proofs.checked_codes()

    def apply(self, visit: Visit) -> None:
        visit.category_documents_seen = self.seen()
        visit.category_confirmed = self.confirmed.isChecked()

    def blocker(self) -> str:
        if self._needs_proof and not self.seen():
            return self.tr("Tick the proof document whose original you have seen.")
        if not self.confirmed.isChecked():
            return self.tr("Confirm that the subject belongs to the category.")
        return ""

    def suggested_act_reason(self) -> ActReason | None:
        return ActReason.NO_ORIGINAL_DOCUMENTS
