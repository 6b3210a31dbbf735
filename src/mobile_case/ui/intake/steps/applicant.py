"""Step 1: how the request came in (O 2.1) and who makes it — the subject or a representative."""

from __future__ import annotations

from PySide6.QtWidgets import QCompleter

from mobile_case.domain import texts
from mobile_case.domain.model import Person, Representative, RequestChannel, ServiceRequest
from mobile_case.ui.intake.steps.base import Step, card_grid, field_problem, valid_value
from mobile_case.ui.widgets import Card, ChoiceList, LabeledLineEdit, Option, PhoneField, SectionHeader

SELF = "self"
REPRESENTATIVE = "representative"


class ApplicantStep(Step):
    key = "applicant"

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.section(
            self.tr("How did the request come in?"),
            self.tr(
                "A request made by phone or messenger is signed by the applicant during the visit (O 2.4)."
            ),
        )
        self.channel = ChoiceList(
            [Option(c.value, texts.CHANNEL_TITLES[c]) for c in RequestChannel], columns=3
        )
        self.channel.changed.connect(self._channel_changed)
        self.body.addWidget(self.channel)

        self.section(self.tr("Who makes the request?"))
        self.who = ChoiceList(
            [
                Option(SELF, self.tr("The subject themself")),
                Option(
                    REPRESENTATIVE,
                    self.tr("A representative"),
                    self.tr("A relative, a social worker, a guardian — on behalf of the subject"),
                ),
            ],
            columns=2,
        )
        self.who.changed.connect(self._who_changed)
        self.body.addWidget(self.who)

        self.rep_card = Card()
        self.rep_card.body.addWidget(
            SectionHeader(
                self.tr("The representative"), self.tr("The subject's own data comes on the next page.")
            )
        )
        grid = card_grid(self.rep_card)
        self.rep_surname = LabeledLineEdit(
            self.tr("Surname"), required=True, field_name="representative.surname"
        )
        self.rep_given = LabeledLineEdit(
            self.tr("Given name"), required=True, field_name="representative.given_name"
        )
        self.rep_patronymic = LabeledLineEdit(self.tr("Patronymic"), field_name="representative.patronymic")
        self.rep_phone = PhoneField(self.tr("Phone"), field_name="representative.phone")
        self.rep_phone.edit.setMinimumWidth(240)
        self.rep_relation = LabeledLineEdit(
            self.tr("Relation to the subject"),
            placeholder=self.tr("e.g. daughter, social worker"),
            field_name="representative.relation",
        )
        relations = QCompleter(
            [
                "донька",
                "син",
                "дружина",
                "чоловік",
                "онука",
                "онук",
                "сестра",
                "брат",
                "соціальний працівник",
                "опікун",
                "піклувальник",
            ],
            self,
        )
        self.rep_relation.edit.setCompleter(relations)
        self.rep_authority = LabeledLineEdit(
            self.tr("Document confirming the authority"),
            placeholder=self.tr("power of attorney / guardianship decision, No and date"),
            hint=self.tr(
                "Not needed for a relative who only passes the request on; the subject signs the application."
            ),
            field_name="representative.authority_document",
        )
        grid.addWidget(self.rep_surname, 0, 0)
        grid.addWidget(self.rep_given, 0, 1)
        grid.addWidget(self.rep_patronymic, 1, 0)
        grid.addWidget(self.rep_phone, 1, 1)
        grid.addWidget(self.rep_relation, 2, 0)
        grid.addWidget(self.rep_authority, 2, 1)
        for field in (
            self.rep_surname,
            self.rep_given,
            self.rep_patronymic,
            self.rep_phone,
            self.rep_relation,
            self.rep_authority,
        ):
            field.changed.connect(self._rep_changed)
        self.body.addWidget(self.rep_card)
        self.body.addStretch(1)

    def title(self) -> str:
        return self.tr("Request and applicant")

    def short_title(self) -> str:
        return self.tr("Applicant")

    # -- request <-> widgets ----------------------------------------------------------------------
    def fill(self, req: ServiceRequest) -> None:
        self.channel.set_selected_code(req.channel.value)
        rep = req.representative
        self.who.set_selected_code(REPRESENTATIVE if rep is not None else SELF)
        person = rep.person if rep is not None else Person()
        self.rep_surname.setText(person.surname)
        self.rep_given.setText(person.given_name)
        self.rep_patronymic.setText(person.patronymic)
        self.rep_phone.set_phone(person.phone)
        self.rep_relation.setText(rep.relation if rep else "")
        self.rep_authority.setText(rep.authority_document if rep else "")
        self.rep_card.setVisible(rep is not None)

    def _channel_changed(self) -> None:
        code = self.channel.selected_code()
        if code and not self.loading:
            self.request.channel = RequestChannel(code)
            self.changed()

    def _who_changed(self) -> None:
        representative = self.who.selected_code() == REPRESENTATIVE
        self.rep_card.setVisible(representative)
        if self.loading:
            return
        if representative and self.request.representative is None:
            self.request.representative = Representative()
            self._rep_changed()
            return
        if not representative and self.request.representative is not None:
            self.request.representative = None
        self.changed()

    def _rep_changed(self, *_args: object) -> None:
        if self.loading or self.who.selected_code() != REPRESENTATIVE:
            return
        rep = self.request.representative or Representative()
        rep.person.surname = self.rep_surname.text().strip()
        rep.person.given_name = self.rep_given.text().strip()
        rep.person.patronymic = self.rep_patronymic.text().strip()
        rep.person.phone = valid_value(self.rep_phone)
        rep.relation = self.rep_relation.text().strip()
        rep.authority_document = self.rep_authority.text().strip()
        self.request.representative = rep
        self.changed()

    def problems(self) -> list[tuple[str, str]]:
        if self.who.selected_code() != REPRESENTATIVE:
            return []
        found = [field_problem(self.rep_phone)]
        return [(self.tr("Representative: {field}").format(field=p[0]), p[1]) for p in found if p]
