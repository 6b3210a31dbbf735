"""Step 2: identification of the subject (O 2.10).

The administrator chooses the identity document and types its number (validated as typed), or reads the
ID card's chip: the CAN or the MRZ fields (check digits validated as typed), «Зчитати картку», the
progress while the reader works in a worker, then the photo and the chip's data side by side with the
request. Every mismatch (surname, given name, patronymic, date of birth, РНОКПП, УНЗР) is marked by
colour, a sign and words; the passive-authentication verdict is one line (authentic / data altered /
cannot check); the Latin names of DG1 are checked against the official transliteration of the DG11 names.
The read is kept with the visit the moment it succeeds (``services/cardreads.py``) and shown again when
the visit is reopened. The administrator then fills the subject's fields from the chip or keeps typing
by hand, and confirms that the person is the subject of the request. The registered address is not
readable from the chip with the CAN/MRZ: it is typed from the registration extract.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mobile_case.documents.formatting import settlement_title
from mobile_case.domain import texts
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import (
    ActReason,
    Address,
    IdentificationSource,
    IdentityDocumentType,
    Person,
    Visit,
)
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.visit.data import VisitBundle, person_mismatches
from mobile_case.ui.visit.steps.base import ConfirmCheck, StepWidget, VisitHost
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.cardread import (
    CardReadPanel,
    VerdictLine,
    address_notice,
    ensure_visible,
    latin_names_check,
    photo_pixmap,
    reader_of,
)
from mobile_case.ui.widgets.fields import LabeledCombo, LabeledLineEdit
from mobile_case.ui.widgets.layout import Card

_FOREIGN_RE = re.compile(r"^[A-ZА-ЯІЇЄҐ]{2}\d{6}$")


def _validate_foreign(text: str) -> str:
    value = text.strip().upper().replace(" ", "")
    if not _FOREIGN_RE.match(value):
        raise ValidationError(
            "document_number",
            QCoreApplication.translate(
                "IdentificationStep",
                "A foreign passport number is two letters and six digits, e.g. FX123456.",
            ),
        )
    return value


def _validate_other(text: str) -> str:
    value = " ".join(text.split())
    if len(value) < 3:
        raise ValidationError(
            "document_number",
            QCoreApplication.translate(
                "IdentificationStep", "Enter the name, series and number of the document."
            ),
        )
    return value


def number_validator(kind: IdentityDocumentType):
    """The validator of the document number for a document type (returns the normalised number)."""
    from mobile_case.domain import validators

    if kind is IdentityDocumentType.ID_CARD:
        return validators.validate_id_card_number
    if kind is IdentityDocumentType.PASSPORT_BOOKLET:
        return validators.validate_passport_booklet
    if kind is IdentityDocumentType.FOREIGN_PASSPORT:
        return _validate_foreign
    return _validate_other


def card_reads(services: Any) -> Any:
    """The chip-read service on the app's services."""
    from mobile_case.services.cardreads import CardReadService

    return CardReadService.for_services(services)


def save_read(services: Any, visit_id: str, result: Any) -> Any:
    """Keep the read with the visit (database worker)."""
    return card_reads(services).save("visit", visit_id, result)


def load_read(services: Any, read_id: str, visit_id: str) -> Any:
    """The read stored with the visit (database worker)."""
    return card_reads(services).get(read_id) if read_id else None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def identity_mismatches(expected: Person, found: Person) -> set[str]:
    """The identity fields that differ (``person_mismatches`` and the УНЗР); empty sides not compared."""
    result = set(person_mismatches(expected, found))
    if expected.unzr and found.unzr and _digits(expected.unzr) != _digits(found.unzr):
        result.add("unzr")
    return result


def document_kind(result: Any) -> IdentityDocumentType:
    """The identity document a chip read comes from: a TD3 «P…» chip is the passport for travelling
    abroad, anything else (the «ID» TD1) the ID card."""
    code = str(getattr(result, "document_code", "") or "")
    return IdentityDocumentType.FOREIGN_PASSPORT if code.startswith("P") else IdentityDocumentType.ID_CARD


FIELDS = ("surname", "given_name", "patronymic", "birth_date", "rnokpp", "unzr")


class IdentificationStep(StepWidget):
    card_read = Signal(object)  # CardReadResult, after a successful read (before it is saved)
    read_saved = Signal(str)  # id of the stored read
    subject_filled = Signal(object)  # the request after its subject was filled from the chip

    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.read_result: Any = None  # the CardReadResult shown (read now or loaded with the visit)
        self.card_read_id = ""  # its id in the store ("" until saved)
        self.mismatches: set[str] = set()
        self._visit_id = ""
        self._loading_read = ""  # id of the stored read being loaded
        self._read_unsaved = False  # the last read could not be kept with the visit
        self._source = IdentificationSource.MANUAL
        self._postal_code = ""

        columns = QHBoxLayout()
        columns.setSpacing(theme.SPACING)
        self.body.addLayout(columns)

        # -- the document ---------------------------------------------------------------------
        doc = Card()
        self.doc_type = LabeledCombo(
            self.tr("Identity document"),
            [(t.value, title) for t, title in texts.choices(IdentityDocumentType)],
        )
        self._shorten_document_titles()
        self.doc_type.changed.connect(self._on_type_changed)
        doc.body.addWidget(self.doc_type)
        self.number = LabeledLineEdit(
            self.tr("Document number"),
            validator=number_validator(IdentityDocumentType.ID_CARD),
            required=True,
            field_name="document_number",
        )
        self.number.edit.textEdited.connect(self._on_number_typed)
        self.number.changed.connect(self.user_changed)
        self.number.changed.connect(lambda _t: self.blocker_changed.emit())
        doc.body.addWidget(self.number)
        self.source_label = QLabel()
        theme.set_role(self.source_label, "muted")
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label)
        self.source_demo_mark = self._demo_mark()
        source_row.addWidget(self.source_demo_mark)
        source_row.addStretch(1)
        doc.body.addLayout(source_row)

        self.reader_box = QWidget()
        reader_layout = QVBoxLayout(self.reader_box)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(8)
        reader_title = QLabel(self.tr("Read from the ID card"))
        theme.set_role(reader_title, "section")
        reader_layout.addWidget(reader_title)
        self.reader = CardReadPanel(
            lambda: reader_of(self.host.devices),
            self.host.run_io,
            button_text=self.tr("Read the card"),
        )
        self.reader.started.connect(self._on_read_started)
        self.reader.succeeded.connect(self._on_read)
        self.reader.failed.connect(self._on_read_failed)
        reader_layout.addWidget(self.reader)
        doc.body.addWidget(self.reader_box)
        # the names the visit tests and the demo tour use
        self.can = self.reader.form.can
        self.read_button = self.reader.read_button
        self.progress = self.reader.progress
        self.reader_banner = self.reader.banner

        # -- the registered address (not readable from the chip with the CAN/MRZ) -----------------
        self.address_box = QWidget()
        address_layout = QVBoxLayout(self.address_box)
        address_layout.setContentsMargins(0, 0, 0, 0)
        address_layout.setSpacing(6)
        address_title = QLabel(self.tr("Registered address"))
        theme.set_role(address_title, "section")
        address_layout.addWidget(address_title)
        self.address_note = QLabel(address_notice())
        self.address_note.setWordWrap(True)
        theme.set_role(self.address_note, "muted")
        address_layout.addWidget(self.address_note)
        # typed as in the extract, field by field: ServiceRequest.registered_address (an Address)
        self.address_fields: dict[str, LabeledLineEdit] = {
            "settlement_name": LabeledLineEdit(
                self.tr("Settlement"), placeholder=self.tr("e.g. the town of Chortkiv"), max_length=120
            ),
            "street": LabeledLineEdit(
                self.tr("Street"), placeholder=self.tr("e.g. Shevchenka Street"), max_length=120
            ),
            "house": LabeledLineEdit(self.tr("House"), max_length=20),
            "building": LabeledLineEdit(self.tr("Block"), max_length=20),
            "apartment": LabeledLineEdit(self.tr("Flat"), max_length=20),
        }
        address_grid = QGridLayout()
        address_grid.setHorizontalSpacing(8)
        address_grid.setVerticalSpacing(4)
        address_grid.addWidget(self.address_fields["settlement_name"], 0, 0, 1, 3)
        address_grid.addWidget(self.address_fields["street"], 1, 0, 1, 3)
        for col, name in enumerate(("house", "building", "apartment")):
            address_grid.addWidget(self.address_fields[name], 2, col)
        address_layout.addLayout(address_grid)
        address_row = QVBoxLayout()  # one under the other: both labels whole in the narrow column
        address_row.setSpacing(6)
        self.address_copy_button = BigButton(self.tr("As the visit address"))
        self.address_copy_button.setToolTip(
            self.tr("The person lives where they are registered: copy the visit address into the fields.")
        )
        self.address_copy_button.clicked.connect(self.copy_visit_address)
        self.address_button = BigButton(self.tr("Save the address"), kind="primary")
        self.address_button.clicked.connect(self.save_address)
        address_row.addWidget(self.address_button)
        address_row.addWidget(self.address_copy_button)
        address_layout.addLayout(address_row)
        self.address_banner = MessageBanner(closable=True)
        address_layout.addWidget(self.address_banner)
        doc.body.addWidget(self.address_box)
        doc.body.addStretch(1)
        doc.setMinimumWidth(360)  # the CAN/MRZ switch and the date fields stay readable
        columns.addWidget(doc, 1)

        # -- side by side ---------------------------------------------------------------------
        compare = Card()
        title = QLabel(self.tr("The request and the document side by side"))
        theme.set_role(title, "section")
        compare.body.addWidget(title)
        side = QHBoxLayout()
        side.setSpacing(theme.SPACING)
        self.photo = QLabel()
        self.photo.setFixedSize(102, 136)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet(f"border: 1px solid {theme.BORDER}; border-radius: 4px; background: white;")
        self.photo.setAccessibleName(self.tr("Photo from the chip"))
        self.photo.setVisible(False)
        side.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        for col, text in enumerate(("", self.tr("In the request"), self.tr("In the document"))):
            head = QLabel(text)
            theme.set_role(head, "fieldLabel")
            if col < 2:
                grid.addWidget(head, 0, col)
                continue
            # the document's column: marked «ДЕМО» when its data come from the simulated card reader
            document_head = QHBoxLayout()
            document_head.setSpacing(8)
            document_head.addWidget(head)
            self.document_demo_mark = self._demo_mark()
            document_head.addWidget(self.document_demo_mark)
            document_head.addStretch(1)
            grid.addLayout(document_head, 0, col)
        labels = {
            "surname": self.tr("Surname"),
            "given_name": self.tr("Given name"),
            "patronymic": self.tr("Patronymic"),
            "birth_date": self.tr("Date of birth"),
            "rnokpp": self.tr("Taxpayer number (RNOKPP)"),
            "unzr": self.tr("Record number (UNZR)"),
        }
        self.request_cells: dict[str, QLabel] = {}
        self.document_cells: dict[str, QLabel] = {}
        for row, name in enumerate(FIELDS, start=1):
            grid.addWidget(QLabel(labels[name]), row, 0)
            left, right = QLabel(), QLabel()
            for cell in (left, right):
                cell.setWordWrap(True)
                cell.setMinimumHeight(32)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(left, row, 1)
            grid.addWidget(right, row, 2)
            self.request_cells[name] = left
            self.document_cells[name] = right
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        side.addLayout(grid, 1)
        compare.body.addLayout(side)
        self.verdict = VerdictLine()  # under the data it judges, above the mismatches and the choice
        compare.body.addWidget(self.verdict)
        self.latin_banner = MessageBanner(closable=False)
        compare.body.addWidget(self.latin_banner)
        self.mismatch_banner = MessageBanner(closable=False)
        compare.body.addWidget(self.mismatch_banner)

        self.fill_box = QWidget()
        fill_layout = QVBoxLayout(self.fill_box)
        fill_layout.setContentsMargins(0, 0, 0, 0)
        fill_layout.setSpacing(6)
        self.fill_label = QLabel(
            self.tr(
                "Fill the subject's fields of the request from the chip (names in Ukrainian, date of birth, "
                "RNOKPP, UNZR), or keep the request and enter the data by hand?"
            )
        )
        self.fill_label.setWordWrap(True)
        fill_layout.addWidget(self.fill_label)
        fill_buttons = QHBoxLayout()
        self.fill_button = BigButton(self.tr("Fill from the card"), kind="primary")
        self.fill_button.clicked.connect(self.fill_from_card)
        self.manual_button = BigButton(self.tr("Enter by hand"))
        self.manual_button.clicked.connect(self.enter_by_hand)
        fill_buttons.addWidget(self.fill_button, 1)
        fill_buttons.addWidget(self.manual_button, 1)
        fill_layout.addLayout(fill_buttons)
        self.fill_box.setVisible(False)
        compare.body.addWidget(self.fill_box)
        self.fill_banner = MessageBanner(closable=True)
        compare.body.addWidget(self.fill_banner)

        self.manual_hint = QLabel(
            self.tr("Compare the request with the document in your hands, or read the ID card's chip.")
        )
        self.manual_hint.setWordWrap(True)
        theme.set_role(self.manual_hint, "muted")
        compare.body.addWidget(self.manual_hint)
        columns.addWidget(compare, 1)

        self.verified = ConfirmCheck(
            self.tr(
                "I confirm: the person in front of me is the subject of the request, identified by this document"
            )
        )
        self.verified.changed.connect(self.user_changed)
        self.verified.changed.connect(self.blocker_changed)
        compare.body.addWidget(self.verified)  # right under the data it confirms, not at the column's foot
        compare.body.addStretch(1)

    def _shorten_document_titles(self) -> None:
        """The official titles begin alike («Паспорт громадянина України у формі …») and the column cuts
        them where they differ: the combo shows short distinct names, the full title as each item's tooltip."""
        short = {
            IdentityDocumentType.ID_CARD: self.tr("Passport: ID card"),
            IdentityDocumentType.PASSPORT_BOOKLET: self.tr("Passport: booklet"),
            IdentityDocumentType.FOREIGN_PASSPORT: self.tr("Passport for travel abroad"),
            IdentityDocumentType.OTHER: self.tr("Another identity document"),
        }
        combo = self.doc_type.combo
        for index in range(combo.count()):
            code = combo.itemData(index)
            if code not in {kind.value for kind in short}:
                continue
            combo.setItemData(index, combo.itemText(index), Qt.ItemDataRole.ToolTipRole)
            combo.setItemText(index, short[IdentityDocumentType(code)])

    def title(self) -> str:
        return self.tr("Identity")

    # -- data ---------------------------------------------------------------------------------
    def fill(self, bundle: VisitBundle) -> None:
        if bundle.visit.id != self._visit_id:
            self._reset_read(bundle.visit.id)
        ident = bundle.visit.identification
        self.doc_type.set_current_code(ident.document_type.value)
        self.number.set_validator(number_validator(ident.document_type))
        self.number.setText(ident.document_number)
        self._source = ident.source
        self.verified.setChecked(ident.verified)
        if ident.card_read_id and not self.card_read_id:
            self.card_read_id = ident.card_read_id
        self._show_request(bundle.request.subject)
        if not self.typed_address_text():  # never over what is being typed
            self._show_registered_address(bundle.request.registered_address)
        self._show_document(self.read_result.to_person() if self.read_result is not None else None)
        self._update_source_label()
        self._update_reader_box()
        self.reader.form.set_document_number(ident.document_number)
        if ident.card_read_id and self._loading_read != f"{self._visit_id}:{ident.card_read_id}":
            self._load_stored(ident.card_read_id)  # once per visit and read

    def _reset_read(self, visit_id: str) -> None:
        """Another visit: nothing of the previous citizen's read stays on screen."""
        self._visit_id = visit_id
        self.read_result = None
        self.card_read_id = ""
        self._loading_read = ""
        self._read_unsaved = False
        self.mismatches = set()
        self.verdict.clear()
        self.photo.clear()
        self.photo.setVisible(False)
        for banner in (self.reader_banner, self.latin_banner, self.mismatch_banner, self.fill_banner):
            banner.clear()
        self.fill_box.setVisible(False)
        self._show_registered_address(None)
        self.address_banner.clear()
        self.address_note.setText(address_notice())
        for field in (self.reader.form.can, self.reader.form.document_number, self.reader.form.birth_date,
                      self.reader.form.expiry_date):  # fmt: skip
            field.clear()

    def _load_stored(self, read_id: str) -> None:
        """Bring back the read kept with the visit after a reopen or restart."""
        services = self.host.services
        if services is None or not self._visit_id:
            return
        self._loading_read = f"{self._visit_id}:{read_id}"
        visit_id = self._visit_id
        self.host.run_db(
            load_read,
            services,
            read_id,
            visit_id,
            on_done=lambda loaded: self._stored_loaded(visit_id, read_id, loaded),
            on_error=self._stored_failed,
            name="visit.card_read.load",
            owner=self,
        )

    def _stored_loaded(self, visit_id: str, read_id: str, stored: Any) -> None:
        if visit_id != self._visit_id:
            return
        if stored is None or self.read_result is not None:
            return
        self.card_read_id = read_id
        self._show_result(stored.result, offer_fill=True)
        when = stored.saved_at.strftime("%d.%m.%Y %H:%M") if stored.saved_at else ""
        self.reader_banner.show_info(
            self.tr("The card was read on {when}; the read is kept with the visit.").format(when=when)
        )

    def _stored_failed(self, failure: TaskFailure) -> None:
        self.reader_banner.show_error(
            self.tr("The saved read of the ID card could not be opened: {message}").format(
                message=failure.message
            )
        )

    def document_type(self) -> IdentityDocumentType:
        return IdentityDocumentType(self.doc_type.current_code() or IdentityDocumentType.ID_CARD.value)

    def apply(self, visit: Visit) -> None:
        ident = visit.identification
        ident.document_type = self.document_type()
        try:
            value = self.number.value()
        except ValidationError:
            value = None
        ident.document_number = str(value) if value else self.number.text().strip()
        ident.source = self._source
        ident.verified = self.verified.isChecked()
        if self.card_read_id:
            ident.card_read_id = self.card_read_id

    def blocker(self) -> str:
        if not self.number.text().strip():
            return self.tr("Enter the number of the identity document.")
        if not self.number.is_valid():
            return self.tr("Correct the number of the identity document.")
        if not self.verified.isChecked():
            return self.tr("Confirm that the person is the subject of the request.")
        return ""

    def suggested_act_reason(self) -> ActReason | None:
        return ActReason.NO_ORIGINAL_DOCUMENTS

    # -- editing ------------------------------------------------------------------------------
    def _on_type_changed(self, _code: str) -> None:
        self.number.set_validator(number_validator(self.document_type()))
        if not self.loading:
            self._source = IdentificationSource.MANUAL
            self._update_source_label()
        self._update_reader_box()
        self.user_changed()
        self.blocker_changed.emit()

    def _update_reader_box(self) -> None:
        """The chip and the registration extract belong to the ID card."""
        id_card = self.document_type() is IdentityDocumentType.ID_CARD
        self.reader_box.setVisible(id_card or self.document_type() is IdentityDocumentType.FOREIGN_PASSPORT)
        self.address_box.setVisible(id_card)

    def _on_number_typed(self, _text: str) -> None:
        if self._source is not IdentificationSource.MANUAL:
            self._source = IdentificationSource.MANUAL
            self._update_source_label()
            self.user_changed()

    def _update_source_label(self) -> None:
        if self._source is IdentificationSource.CHIP:
            self.source_label.setText(self.tr("Read from the ID card's chip"))
        else:
            self.source_label.setText(self.tr("Typed from the document"))
        self._update_demo_marks()

    def _demo_mark(self) -> QLabel:
        mark = QLabel(self.tr("DEMO"))
        mark.setToolTip(self.tr("Read from the simulated card reader: the data are of a demo person."))
        mark.setStyleSheet(
            f"background: {theme.WARNING_LIGHT}; color: {theme.WARNING}; border: 1px solid {theme.WARNING};"
            " border-radius: 10px; padding: 1px 8px; font-size: 13px; font-weight: 700;"
        )
        mark.setVisible(False)
        return mark

    def read_is_simulated(self) -> bool:
        """The document data on screen come from the simulated card reader."""
        return bool(self.read_result is not None and getattr(self.read_result, "simulated", False))

    def _update_demo_marks(self) -> None:
        simulated = self.read_is_simulated()
        self.document_demo_mark.setVisible(simulated)
        self.source_demo_mark.setVisible(simulated and self._source is IdentificationSource.CHIP)

    # -- the card reader ----------------------------------------------------------------------
    def read_card(self) -> None:
        self.reader.start_read()

    def _on_read_started(self) -> None:
        self.fill_banner.clear()
        self.scroll_to(self.progress)

    def scroll_to(self, widget: QWidget) -> None:
        """Bring ``widget`` into view in the step's scroll area (after the layout has settled)."""
        ensure_visible(widget)

    def _on_read(self, result: Any) -> None:
        self.read_result = result
        self.card_read_id = ""
        self._read_unsaved = False
        kind = document_kind(result)
        self.doc_type.set_current_code(kind.value)
        self.number.set_validator(number_validator(kind))
        self.number.setText(result.document_number)
        self._source = IdentificationSource.CHIP
        self._update_source_label()
        self._update_reader_box()
        self._show_result(result, offer_fill=True)
        if getattr(result, "simulated", False):
            self.reader_banner.show_info(self.tr("Simulated card reader: the data are of a demo person."))
        self.blocker_changed.emit()
        self.scroll_to(self.fill_box if self.fill_box.isVisibleTo(self) else self.verdict)
        self.card_read.emit(result)
        # kept with the visit at once; the visit itself is saved when the read is (with its id)
        if self.bundle is None or self.host.services is None:
            self.user_changed()
            return
        visit_id = self.bundle.visit.id
        self.host.run_db(
            save_read,
            self.host.services,
            visit_id,
            result,
            on_done=lambda stored: self._read_saved(visit_id, result, stored),
            on_error=self._read_not_saved,
            name="visit.card_read.save",
            owner=self,
        )

    def _read_saved(self, visit_id: str, result: Any, stored: Any) -> None:
        if visit_id != self._visit_id or result is not self.read_result:
            return
        self.card_read_id = stored.id
        self.read_saved.emit(stored.id)
        self.user_changed()

    def _read_not_saved(self, failure: TaskFailure) -> None:
        self._read_unsaved = True
        self.reader_banner.show_error(
            self.tr("The card was read, but the read was not saved with the visit: {message}").format(
                message=failure.message
            )
        )
        self.user_changed()

    def _on_read_failed(self, _message: str) -> None:
        # the panel shows the reader's Ukrainian message; the step stays as it was
        self.scroll_to(self.reader_banner)

    def _show_result(self, result: Any, *, offer_fill: bool) -> None:
        self.read_result = result
        self._show_document(result.to_person())
        self.verdict.set_verdict(result.verdict, getattr(result, "verdict_detail", "") or "")
        pixmap = photo_pixmap(
            getattr(result, "photo_jpeg", b""), QSize(self.photo.width(), self.photo.height())
        )
        if pixmap is not None:
            self.photo.setPixmap(pixmap)
            self.photo.setVisible(True)
        else:
            self.photo.clear()
            self.photo.setText(self.tr("No photo"))
            self.photo.setVisible(True)
        latin = latin_names_check(result)
        if latin:
            self.latin_banner.show_warning(latin)
        else:
            self.latin_banner.clear()
        chip_address = str(getattr(result, "address", "") or "").strip()
        if chip_address:  # DG11 5F42, if a card ever gives it: shown, the extract stays the source
            self.address_note.setText(
                self.tr(
                    "Registered address from the chip: {address}. Check it against the registration extract "
                    "and type it below."
                ).format(address=chip_address)
            )
        else:
            self.address_note.setText(address_notice())
        self._update_demo_marks()
        # altered chip data never go into the request (the verdict line says to check by the document)
        trusted = getattr(result.verdict, "value", result.verdict) != "data_altered"
        self.fill_box.setVisible(offer_fill and trusted and self._subject_differs(result))

    def _subject_differs(self, result: Any) -> bool:
        if self.bundle is None:
            return False
        subject, chip = self.bundle.request.subject, result.to_person()
        for name in FIELDS:
            value = getattr(chip, name)
            if value not in ("", None) and getattr(subject, name) != value:
                return True
        return False

    # -- filling the subject from the chip ------------------------------------------------------
    def fill_from_card(self) -> None:
        if self.bundle is None or self.read_result is None:
            return
        if not self.card_read_id:
            if self._read_unsaved:
                self.fill_banner.show_warning(
                    self.tr("The read was not saved with the visit: read the card again to fill the request.")
                )
            else:
                self.fill_banner.show_warning(
                    self.tr(
                        "The read is being saved with the visit; tap «Fill from the card» again in a moment."
                    )
                )
            return
        self.fill_button.setEnabled(False)
        request_id, read_id, services = self.bundle.request.id, self.card_read_id, self.host.services
        self.host.run_db(
            lambda: card_reads(services).fill_subject(request_id, read_id),
            on_done=self._filled,
            on_error=self._fill_failed,
            name="visit.fill_subject",
            owner=self,
        )

    def _filled(self, request: Any) -> None:
        self.fill_button.setEnabled(True)
        if self.bundle is None or request.id != self.bundle.request.id:
            return
        self.bundle.request = request
        self.fill_box.setVisible(False)
        self._show_request(request.subject)
        self._show_document(self.read_result.to_person() if self.read_result is not None else None)
        self.fill_banner.show_success(self.tr("The subject's data in the request are filled from the chip."))
        self.host.request_changed(request)  # the page's bundle, header and window title follow
        self.subject_filled.emit(request)

    def _fill_failed(self, failure: TaskFailure) -> None:
        self.fill_button.setEnabled(True)
        self.fill_banner.show_error(failure.message)

    def enter_by_hand(self) -> None:
        """Keep the request as it is; the document number is typed from the document."""
        self.fill_box.setVisible(False)
        self._source = IdentificationSource.MANUAL
        self._update_source_label()
        self.number.edit.setFocus()
        self.fill_banner.show_info(
            self.tr("The request stays as it was. Type the document's number and compare the data by hand.")
        )
        self.user_changed()

    # -- the registered address -----------------------------------------------------------------
    def typed_address(self) -> Address:
        """The registered address as typed in the fields."""
        return Address(**{name: " ".join(f.text().split()) for name, f in self.address_fields.items()})

    def typed_address_text(self) -> str:
        return " ".join(f.text().strip() for f in self.address_fields.values()).strip()

    def _show_registered_address(self, address: Address | None) -> None:
        self._postal_code = address.postal_code if address is not None else ""  # kept, not typed here
        for name, edit in self.address_fields.items():
            value = getattr(address, name, "") if address is not None else ""
            if name == "settlement_name" and address is not None and not value:
                value = settlement_title(address, self.host.profile)
            edit.setText(value or "")

    def copy_visit_address(self) -> None:
        if self.bundle is None:
            return
        visit_address = self.bundle.request.address
        self._show_registered_address(
            Address(
                settlement_name=settlement_title(visit_address, self.host.profile),
                street=visit_address.street,
                house=visit_address.house,
                building=visit_address.building,
                apartment=visit_address.apartment,
                postal_code=visit_address.postal_code,
            )
        )
        self.address_banner.show_info(self.tr("Check the fields against the extract and save the address."))

    def save_address(self) -> None:
        if self.bundle is None:
            return
        address = self.typed_address()
        if not address.settlement_name:
            self.address_fields["settlement_name"].set_error(self.tr("Type the settlement from the extract."))
            return
        if not (address.street or address.house):
            self.address_fields["street"].set_error(
                self.tr("Type the street and the house from the extract.")
            )
            return
        address.postal_code = self._postal_code
        request_id, services = self.bundle.request.id, self.host.services
        self.address_button.setEnabled(False)
        self.host.run_db(
            lambda: card_reads(services).save_registered_address(request_id, address),
            on_done=self._address_saved,
            on_error=self._address_failed,
            name="visit.registered_address",
            owner=self,
        )

    def _address_saved(self, request: Any) -> None:
        self.address_button.setEnabled(True)
        if self.bundle is None or request.id != self.bundle.request.id:
            return
        self.host.request_changed(request)
        self.address_banner.show_success(self.tr("The registered address is saved with the request."))

    def _address_failed(self, failure: TaskFailure) -> None:
        self.address_button.setEnabled(True)
        self.address_banner.show_error(failure.message)

    # -- comparison ---------------------------------------------------------------------------
    @staticmethod
    def _value(person: Person, name: str) -> str:
        if name == "birth_date":
            return texts.format_date(person.birth_date) if person.birth_date else ""
        return str(getattr(person, name) or "")

    def _show_request(self, subject: Person) -> None:
        for name in FIELDS:
            self.request_cells[name].setText(self._value(subject, name) or "—")

    def _show_document(self, person: Person | None) -> None:
        mismatched: set[str] = set()
        if person is not None and self.bundle is not None:
            mismatched = identity_mismatches(self.bundle.request.subject, person)
        self.mismatches = mismatched
        for name in FIELDS:
            cell = self.document_cells[name]
            if person is None:
                cell.setText("—")
                cell.setStyleSheet("")
                cell.setToolTip("")
                self.request_cells[name].setStyleSheet("")
                continue
            text = self._value(person, name) or "—"
            if name in mismatched:
                cell.setText(
                    f"≠\u00a0{text}\n" + self.tr("(does not match)")
                )  # a sign and words, not colour only
                cell.setToolTip(self.tr("Differs from the request"))
                cell.setStyleSheet(
                    f"background: {theme.DANGER_LIGHT}; color: {theme.DANGER}; font-weight: 600; "
                    "border-radius: 4px; padding: 2px 6px;"
                )
                self.request_cells[name].setStyleSheet(f"color: {theme.DANGER}; font-weight: 600;")
            else:
                cell.setText(text)
                cell.setToolTip("")
                cell.setStyleSheet(f"color: {theme.SUCCESS};")
                self.request_cells[name].setStyleSheet("")
        self.manual_hint.setVisible(person is None)
        if mismatched:
            self.mismatch_banner.show_warning(
                self.tr(
                    "The document does not match the request in the highlighted fields. Check the person's "
                    "identity; an obvious error in the request is corrected at the CNAP (point 2.12)."
                )
            )
        else:
            self.mismatch_banner.clear()
