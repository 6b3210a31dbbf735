"""Step 2: identification of the subject (O 2.10).

The administrator chooses the identity document, types its number (validated as typed) or reads the ID
card's chip through the device registry's card reader (in a worker — it is slow), sees the data of the
document next to the request with every mismatch (name, date of birth, РНОКПП) highlighted, and
confirms that the person is the subject of the request.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QProgressBar, QWidget

from mobile_case.domain import texts
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import (
    ActReason,
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


def _validate_can(text: str) -> str:
    value = text.strip().replace(" ", "")
    if not re.fullmatch(r"\d{6}", value):
        raise ValidationError(
            "can",
            QCoreApplication.translate(
                "IdentificationStep", "The CAN is the 6 digits printed on the front of the ID card."
            ),
        )
    return value


def read_card(devices: Any, access: Any, progress: Any) -> Any:
    """Read the chip through the registry's card reader (I/O worker: slow, talks to the device)."""
    return devices.card_reader.read(access, None, progress)


class _Progress(QObject):
    """Carries the card reader's progress from the worker thread to the GUI thread."""

    changed = Signal(str, float)


FIELDS = ("surname", "given_name", "patronymic", "birth_date", "rnokpp", "unzr")


class IdentificationStep(StepWidget):
    card_read = Signal(object)  # CardReadResult, after a successful read

    def __init__(self, host: VisitHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.read_result: Any = None  # the last CardReadResult of this session
        self._reading = False

        columns = QHBoxLayout()
        columns.setSpacing(theme.SPACING)
        self.body.addLayout(columns)

        # -- the document ---------------------------------------------------------------------
        doc = Card()
        self.doc_type = LabeledCombo(
            self.tr("Identity document"),
            [(t.value, title) for t, title in texts.choices(IdentityDocumentType)],
        )
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

        reader_title = QLabel(self.tr("Read from the ID card"))
        theme.set_role(reader_title, "section")
        doc.body.addWidget(reader_title)
        can_row = QHBoxLayout()
        self.can = LabeledLineEdit(
            self.tr("Card access number (CAN)"),
            validator=_validate_can,
            placeholder="123456",
            hint=self.tr("6 digits on the front of the card"),
            max_length=6,
        )
        can_row.addWidget(self.can, 1)
        self.read_button = BigButton(self.tr("Read the chip"), kind="primary")
        self.read_button.clicked.connect(self.read_card)
        can_row.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignBottom)
        doc.body.addLayout(can_row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        doc.body.addWidget(self.progress)
        self.reader_banner = MessageBanner(closable=True)
        doc.body.addWidget(self.reader_banner)
        doc.body.addStretch(1)
        columns.addWidget(doc, 1)

        # -- side by side ---------------------------------------------------------------------
        compare = Card()
        title = QLabel(self.tr("The request and the document side by side"))
        theme.set_role(title, "section")
        compare.body.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
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
        compare.body.addLayout(grid)
        photo_row = QHBoxLayout()
        self.photo = QLabel()
        self.photo.setFixedSize(96, 120)
        self.photo.setVisible(False)
        photo_row.addWidget(self.photo)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        photo_row.addWidget(self.verdict_label, 1)
        compare.body.addLayout(photo_row)
        self.mismatch_banner = MessageBanner(closable=False)
        compare.body.addWidget(self.mismatch_banner)
        self.manual_hint = QLabel(
            self.tr("Compare the request with the document in your hands, or read the ID card's chip.")
        )
        self.manual_hint.setWordWrap(True)
        theme.set_role(self.manual_hint, "muted")
        compare.body.addWidget(self.manual_hint)
        compare.body.addStretch(1)
        columns.addWidget(compare, 1)

        self.verified = ConfirmCheck(
            self.tr(
                "I confirm: the person in front of me is the subject of the request, identified by this document"
            )
        )
        self.verified.changed.connect(self.user_changed)
        self.verified.changed.connect(self.blocker_changed)
        compare.body.addWidget(self.verified)

        self._source = IdentificationSource.MANUAL
        self._progress_relay = _Progress(self)
        self._progress_relay.changed.connect(self._on_progress)

    def title(self) -> str:
        return self.tr("Identity")

    # -- data ---------------------------------------------------------------------------------
    def fill(self, bundle: VisitBundle) -> None:
        ident = bundle.visit.identification
        self.doc_type.set_current_code(ident.document_type.value)
        self.number.set_validator(number_validator(ident.document_type))
        self.number.setText(ident.document_number)
        self._source = ident.source
        self.verified.setChecked(ident.verified)
        self._show_request(bundle.request.subject)
        self._show_document(self.read_result.to_person() if self.read_result is not None else None)
        self._update_source_label()

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
        self.user_changed()
        self.blocker_changed.emit()

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
        if self._reading:
            return
        self.reader_banner.clear()
        try:
            can = _validate_can(self.can.text())
        except ValidationError as exc:
            self.can.set_error(exc.user_message)
            return
        devices = self.host.devices
        if devices is None:
            self.reader_banner.show_error(
                self.tr("The ID-card reader is not available. Enter the data from the document by hand.")
            )
            return
        from mobile_case.devices.cardreader.base import CardAccess

        access = CardAccess.from_can(can)
        self._reading = True
        self.read_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Reading the card…"))
        self.progress.setVisible(True)
        relay = self._progress_relay

        def progress(text: str, fraction: float) -> None:  # runs in the worker
            relay.changed.emit(text, fraction)

        self.host.run_io(
            read_card,
            devices,
            access,
            progress,
            on_done=self._on_read,
            on_error=self._on_read_failed,
            name="visit.read_card",
            owner=self,
        )

    def _on_progress(self, text: str, fraction: float) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 100))
        if text:
            self.progress.setFormat(f"{text} %p%")

    def _finish_read(self) -> None:
        self._reading = False
        self.read_button.setEnabled(True)
        self.progress.setVisible(False)

    def _on_read(self, result: Any) -> None:
        self._finish_read()
        self.read_result = result
        self.doc_type.set_current_code(IdentityDocumentType.ID_CARD.value)
        self.number.set_validator(number_validator(IdentityDocumentType.ID_CARD))
        self.number.setText(result.document_number)
        self._source = IdentificationSource.CHIP
        self._update_source_label()
        self._show_document(result.to_person())
        self.verdict_label.setText(result.verdict_text)
        pixmap = QPixmap()
        if result.photo_jpeg and pixmap.loadFromData(result.photo_jpeg):
            self.photo.setPixmap(
                pixmap.scaled(
                    self.photo.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.photo.setVisible(True)
        if getattr(result, "simulated", False):
            self.reader_banner.show_info(self.tr("Simulated card reader: the data are of a demo person."))
        self.user_changed()
        self.blocker_changed.emit()
        self.card_read.emit(result)

    def _on_read_failed(self, failure: TaskFailure) -> None:
        self._finish_read()
        self.reader_banner.show_error(failure.message)

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
            mismatched = person_mismatches(self.bundle.request.subject, person)
        self.mismatches = mismatched
        for name in FIELDS:
            cell = self.document_cells[name]
            if person is None:
                cell.setText("—")
                cell.setStyleSheet("")
                continue
            text = self._value(person, name) or "—"
            if name in mismatched:
                cell.setText(f"≠ {text}")
                cell.setStyleSheet(
                    f"background: {theme.DANGER_LIGHT}; color: {theme.DANGER}; font-weight: 600; "
                    "border-radius: 4px; padding: 2px 6px;"
                )
                self.request_cells[name].setStyleSheet(f"color: {theme.DANGER}; font-weight: 600;")
            else:
                cell.setText(text)
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

    mismatches: set[str] = set()
