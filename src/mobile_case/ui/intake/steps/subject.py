"""Step 2: the subject of the request (суб'єкт звернення) — name, date of birth, РНОКПП, УНЗР, contacts.

Each number is checked as it is typed by the domain validators; the Ukrainian message shows under the
field and only a valid value goes into the request.
"""

from __future__ import annotations

from datetime import date

from mobile_case.domain import texts, validators
from mobile_case.domain.model import ServiceRequest
from mobile_case.ui.intake.steps.base import Step, field_problem, valid_value
from mobile_case.ui.widgets import DateField, LabeledLineEdit, PhoneField
from mobile_case.ui.widgets.cardread import CardReadSection, reader_of


class SubjectStep(Step):
    key = "subject"

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.section(
            self.tr("The subject of the request"),
            self.tr("The person the service is for, as in the identity document."),
        )
        # issue 3: the optional read of the ID card's chip fills the fields below (chip-ui room)
        self.card = CardReadSection(lambda: reader_of(wizard.devices), wizard.tasks.run_io)
        self.card.fill_requested.connect(self.fill_from_card)
        self.card.read_done.connect(self._card_read)
        self._card_request_id = ""
        self.body.addWidget(self.card)
        grid = self.grid()
        self.surname = LabeledLineEdit(self.tr("Surname"), required=True, field_name="subject.surname")
        self.given = LabeledLineEdit(self.tr("Given name"), required=True, field_name="subject.given_name")
        self.patronymic = LabeledLineEdit(self.tr("Patronymic"), field_name="subject.patronymic")
        self.birth = DateField(
            self.tr("Date of birth"),
            required=True,
            validator=lambda s: validators.parse_birth_date(s, date.today(), "subject.birth_date"),
            field_name="subject.birth_date",
        )
        self.birth.edit.setMinimumWidth(160)
        self.rnokpp = LabeledLineEdit(
            self.tr("РНОКПП (taxpayer number)"),
            validator=lambda s: validators.validate_rnokpp(s, "subject.rnokpp"),
            placeholder="3012345678",
            hint=self.tr("10 digits. Leave empty if the person refused the number for religious reasons."),
            max_length=14,
            field_name="subject.rnokpp",
        )
        self.unzr = LabeledLineEdit(
            self.tr("УНЗР (record number in the demographic register)"),
            validator=self._validate_unzr,
            placeholder="19480305-01234",
            hint=self.tr("From the ID card: date of birth, dash, five digits."),
            max_length=16,
            field_name="subject.unzr",
        )
        self.phone = PhoneField(
            self.tr("Phone"),
            hint=self.tr("The administrator calls this number before the visit (O 2.5)."),
            field_name="subject.phone",
        )
        self.phone.edit.setMinimumWidth(240)
        self.email = LabeledLineEdit(self.tr("E-mail (if any)"), field_name="subject.email")
        grid.addWidget(self.surname, 0, 0)
        grid.addWidget(self.given, 0, 1)
        grid.addWidget(self.patronymic, 1, 0)
        grid.addWidget(self.birth, 1, 1)
        grid.addWidget(self.rnokpp, 2, 0)
        grid.addWidget(self.unzr, 2, 1)
        grid.addWidget(self.phone, 3, 0)
        grid.addWidget(self.email, 3, 1)
        self.age_label = self.note("", "section")
        self.warning_label = self.note("", "error")
        self.body.addStretch(1)
        for field in (
            self.surname,
            self.given,
            self.patronymic,
            self.rnokpp,
            self.unzr,
            self.phone,
            self.email,
        ):
            field.changed.connect(self._edited)
        self.birth.changed.connect(self._birth_edited)

    def title(self) -> str:
        return self.tr("The subject of the request")

    def short_title(self) -> str:
        return self.tr("Subject")

    def _validate_unzr(self, text: str) -> str:
        return validators.validate_unzr(text, self.birth.date(), "subject.unzr")

    # -- request <-> widgets ----------------------------------------------------------------------
    def fill(self, req: ServiceRequest) -> None:
        if req.id != self._card_request_id:
            self._card_request_id = req.id
            self.card.reset()
            self._load_stored_read(req.id)
        s = req.subject
        self.surname.setText(s.surname)
        self.given.setText(s.given_name)
        self.patronymic.setText(s.patronymic)
        self.birth.set_date(s.birth_date)
        self.rnokpp.setText(s.rnokpp)
        self.unzr.setText(s.unzr)
        self.phone.set_phone(s.phone)
        self.email.setText(s.email)
        self._show_age()

    # -- the ID card's chip (issue 3) ---------------------------------------------------------------
    def fill_from_card(self, result) -> None:  # noqa: ANN001 - CardReadResult
        """The subject's identity from the chip: names in Ukrainian (DG11), date of birth, РНОКПП, УНЗР."""
        person = result.to_person()
        self.surname.setText(person.surname)
        self.given.setText(person.given_name)
        self.patronymic.setText(person.patronymic)
        self.birth.set_date(person.birth_date)
        self.unzr.set_validator(self._validate_unzr)
        if person.rnokpp:
            self.rnokpp.setText(person.rnokpp)
        self.unzr.setText(person.unzr)
        self._edited()

    def _load_stored_read(self, request_id: str) -> None:
        """A reopened draft shows the card read kept with it earlier (photo, data, verdict)."""
        from mobile_case.services.cardreads import CardReadService

        services = self.wizard.services
        if services is None or not self.wizard.keeper.stored:
            return
        self.wizard.tasks.run_db(
            CardReadService.for_services(services).latest,
            "request",
            request_id,
            on_done=lambda stored: self._stored_read(request_id, stored),
            on_error=lambda failure: self.card.show_load_failed(failure.message),
            name="intake.card_read.load",
            owner=self,
        )

    def _stored_read(self, request_id: str, stored) -> None:  # noqa: ANN001 - StoredCardRead | None
        if stored is None or request_id != self._card_request_id or self.card.result is not None:
            return
        chip, subject = stored.result.to_person(), self.request.subject
        differs = any(
            getattr(chip, name) not in ("", None) and getattr(subject, name) != getattr(chip, name)
            for name in ("surname", "given_name", "patronymic", "birth_date", "rnokpp", "unzr")
        )
        self.card.show_stored(
            stored.result, stored.saved_at, offer_fill=differs and self.wizard.keeper.editable
        )

    def _card_read(self, result) -> None:  # noqa: ANN001 - CardReadResult
        """Keep the read with the request at once (the draft is stored first if it is new)."""
        from mobile_case.services.cardreads import CardReadService

        keeper, services, tasks = self.wizard.keeper, self.wizard.services, self.wizard.tasks
        if not keeper.editable:
            return

        def save() -> None:
            tasks.run_db(
                CardReadService.for_services(services).save,
                "request",
                keeper.request.id,
                result,
                on_done=lambda _stored: self.card.show_saved(),
                on_error=lambda failure: self.card.show_save_failed(failure.message),
                name="intake.card_read.save",
                owner=self,
            )

        keeper.touch()
        keeper.flush(save)

    def _birth_edited(self, *_args: object) -> None:
        # the УНЗР begins with the date of birth: check it again
        self.unzr.set_validator(self._validate_unzr)
        self._edited()

    def _edited(self, *_args: object) -> None:
        self._show_age()
        if self.loading:
            return
        s = self.request.subject
        s.surname = self.surname.text().strip()
        s.given_name = self.given.text().strip()
        s.patronymic = self.patronymic.text().strip()
        s.birth_date = self.birth.date()
        s.rnokpp = valid_value(self.rnokpp)
        s.unzr = valid_value(self.unzr)
        s.phone = valid_value(self.phone)
        s.email = self.email.text().strip()
        self.changed()

    def _show_age(self) -> None:
        born = self.birth.date()
        if born is None:
            self.age_label.setText("")
        else:
            age = validators.age_on(born, date.today())
            self.age_label.setText(self.tr("Age: {age}").format(age=texts.format_age(age)))
        warnings: list[str] = []
        rnokpp = valid_value(self.rnokpp)
        if rnokpp:
            warnings = validators.rnokpp_warnings(rnokpp, born)
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))

    def problems(self) -> list[tuple[str, str]]:
        found = [field_problem(f) for f in (self.birth, self.rnokpp, self.unzr, self.phone)]
        return [p for p in found if p]
