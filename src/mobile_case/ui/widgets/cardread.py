"""Reading the ID card's chip: the access form, the read with its progress, the verdict, the photo.

Shared by the visit's identification step and the intake wizard's subject step.

* :class:`CardAccessForm` — the key that opens the chip: the CAN (6 digits on the front of the card) or
  the MRZ fields (document number, date of birth, date of expiry). Each MRZ field may be typed as on the
  front of the card or as in the machine-readable zone on the back *with its check digit*
  («004813572 7», «480317 4»): a check digit is validated as it is typed.
* :class:`CardReadPanel` — the form, the «Зчитати картку» button, the progress (the read runs on the I/O
  pool of ``ui/tasks.py``; the reader's progress callbacks reach the GUI thread by a queued signal) and
  the reader's errors in Ukrainian with what to do.
* :class:`VerdictLine` — the passive-authentication verdict as one line: icon, colour and text.
* :func:`latin_names_check` — the Latin names (DG1) against the official transliteration of the
  Ukrainian ones (DG11); :func:`address_notice` — what the step says about the registered address.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mobile_case.domain.errors import ValidationError
from mobile_case.domain.translit import cross_check
from mobile_case.domain.validators import mrz_check_digit
from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.lineedit import LabeledLineEdit

log = logging.getLogger(__name__)

CAN, MRZ = "can", "mrz"


# -- the access fields, validated as typed -------------------------------------------------------
def parse_can(text: str) -> str:
    value = re.sub(r"\s", "", text)
    if not re.fullmatch(r"\d{6}", value):
        raise ValidationError(
            "can",
            QCoreApplication.translate(
                "CardRead", "The CAN is the 6 digits printed on the front of the ID card."
            ),
        )
    return value


def parse_document_number(text: str) -> str:
    """The document number, typed as on the card («004813572») or as in the MRZ with its check digit
    («004813572 7», «004813572<7»): the check digit is verified and dropped."""
    value = re.sub(r"[\s<]", "", text).upper()
    if not re.fullmatch(r"[A-Z0-9]{1,10}", value):
        raise ValidationError(
            "document_number",
            QCoreApplication.translate(
                "CardRead",
                "The document number is up to 9 Latin letters or digits (9 digits on the ID card).",
            ),
        )
    if len(value) == 10:
        number, check = value[:9], value[9]
        if not check.isdigit() or int(check) != mrz_check_digit(number):
            raise ValidationError(
                "document_number",
                QCoreApplication.translate(
                    "CardRead",
                    "The check digit (the 10th character) does not match the number: check what you typed.",
                ),
            )
        return number
    return value


def _century(yy: int, *, birth: bool, today: date) -> int:
    if birth:
        return 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    return 2000 + yy


def _format_message(birth: bool) -> str:
    if birth:
        return QCoreApplication.translate(
            "CardRead", "Type the date of birth as DD.MM.YYYY or as in the MRZ: YYMMDD and its check digit."
        )
    return QCoreApplication.translate(
        "CardRead", "Type the date of expiry as DD.MM.YYYY or as in the MRZ: YYMMDD and its check digit."
    )


def _check_digit_message(birth: bool) -> str:
    if birth:
        return QCoreApplication.translate(
            "CardRead", "The check digit of the date of birth does not match: check the six digits before it."
        )
    return QCoreApplication.translate(
        "CardRead", "The check digit of the date of expiry does not match: check the six digits before it."
    )


def parse_mrz_date(text: str, *, birth: bool, today: date | None = None) -> date:
    """A date typed as on the card («17.03.1948») or as in the MRZ, «YYMMDD» with or without its
    check digit («480317 4»): the check digit is verified."""
    today = today or date.today()
    field = "birth_date" if birth else "expiry_date"
    value = text.strip()
    m = re.fullmatch(r"(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})", value)
    try:
        if m:
            day, month, year = (int(g) for g in m.groups())
            result = date(year, month, day)
        else:
            digits = re.sub(r"[\s<]", "", value)
            if not re.fullmatch(r"\d{6,7}", digits):
                raise ValidationError(field, _format_message(birth))
            if len(digits) == 7 and int(digits[6]) != mrz_check_digit(digits[:6]):
                raise ValidationError(field, _check_digit_message(birth))
            yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
            result = date(_century(yy, birth=birth, today=today), month, day)
    except ValueError:  # date() of a day that does not exist
        raise ValidationError(
            field,
            QCoreApplication.translate("CardRead", "There is no such date: check the day and the month."),
        ) from None
    if birth and result > today:
        raise ValidationError(
            field, QCoreApplication.translate("CardRead", "The date of birth cannot be in the future.")
        )
    return result


def reader_of(devices: Any) -> Any:
    """The registry's card reader, or None when there is no device registry."""
    return getattr(devices, "card_reader", None) if devices is not None else None


def read_chip(reader: Any, access: Any, progress: Callable[[str, float], None]) -> Any:
    """Read the chip (I/O worker: slow, talks to the device)."""
    return reader.read(access, None, progress)


class _Relay(QObject):
    """Carries the reader's progress from the worker thread to the GUI thread (queued signal)."""

    changed = Signal(str, float)
    card = Signal(bool)  # a card was put on (True) or taken off the reader


class CardAccessForm(QWidget):
    """CAN or MRZ: which key opens the chip, and its fields."""

    changed = Signal()
    submitted = Signal()  # Enter in the last field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        modes = QHBoxLayout()
        modes.setSpacing(0)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QPushButton] = {}
        tips = {
            CAN: self.tr("The card access number: 6 digits on the front of the ID card"),
            MRZ: self.tr(
                "The document number, the date of birth and the date of expiry: as on the card or from the "
                "machine-readable zone on its back"
            ),
        }
        for code, text in ((CAN, self.tr("CAN")), (MRZ, self.tr("MRZ: number, dates"))):
            button = QPushButton(text)
            button.setToolTip(tips[code])
            button.setCheckable(True)
            button.setMinimumHeight(theme.TOUCH_MIN)
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {theme.PRIMARY}; color: white; border-color: {theme.PRIMARY}; }}"
            )
            self.mode_group.addButton(button)
            self.mode_buttons[code] = button
            modes.addWidget(button, 2 if code == MRZ else 1)
            button.toggled.connect(self._mode_toggled)
        layout.addLayout(modes)

        self.can = LabeledLineEdit(
            self.tr("Card access number (CAN)"),
            validator=parse_can,
            placeholder="123456",
            hint=self.tr("6 digits on the front of the card, at the bottom right"),
            max_length=7,
        )
        layout.addWidget(self.can)
        self.mrz_box = QWidget()
        grid = QGridLayout(self.mrz_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        self.document_number = LabeledLineEdit(
            self.tr("Document number"),
            validator=parse_document_number,
            placeholder="004813572",
            hint=self.tr("As on the card, or from the MRZ with its check digit"),
            max_length=14,
        )
        self.birth_date = LabeledLineEdit(
            self.tr("Date of birth"),
            validator=lambda t: parse_mrz_date(t, birth=True),
            placeholder="17.03.1948",
            hint=self.tr("DD.MM.YYYY, or YYMMDD and the check digit"),
            max_length=12,
        )
        self.expiry_date = LabeledLineEdit(
            self.tr("Date of expiry"),
            validator=lambda t: parse_mrz_date(t, birth=False),
            placeholder="12.06.2029",
            hint=self.tr("DD.MM.YYYY, or YYMMDD and the check digit"),
            max_length=12,
        )
        grid.addWidget(self.document_number, 0, 0, 1, 2)
        grid.addWidget(self.birth_date, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.expiry_date, 1, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.mrz_box)
        for field in (self.can, self.document_number, self.birth_date, self.expiry_date):
            field.changed.connect(lambda _t: self.changed.emit())
        for field in (self.can, self.expiry_date):
            field.edit.returnPressed.connect(self.submitted)
        self.mode_buttons[CAN].setChecked(True)

    def mode(self) -> str:
        return MRZ if self.mode_buttons[MRZ].isChecked() else CAN

    def set_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)

    def _mode_toggled(self, _checked: bool) -> None:
        mrz = self.mode() == MRZ
        self.can.setVisible(not mrz)
        self.mrz_box.setVisible(mrz)
        self.changed.emit()

    def set_document_number(self, number: str) -> None:
        """Pre-fill the MRZ document number (e.g. typed earlier in the step) when it is still empty."""
        if number and not self.document_number.text().strip():
            self.document_number.setText(number)

    def access(self) -> Any:
        """The ``CardAccess`` typed; on a problem the field shows it and ``ValidationError`` is raised."""
        from mobile_case.devices.cardreader.base import CardAccess

        if self.mode() == CAN:
            fields = [self.can]
        else:
            fields = [self.document_number, self.birth_date, self.expiry_date]
        values = []
        first_error: ValidationError | None = None
        for field in fields:
            try:
                if not field.text().strip():
                    raise ValidationError(field.field_name or "access", self._empty_message(field))
                values.append(field.value())
            except ValidationError as exc:
                field.set_error(exc.user_message)
                first_error = first_error or exc
        if first_error is not None:
            raise first_error
        try:
            if self.mode() == CAN:
                return CardAccess.from_can(values[0])
            return CardAccess.from_mrz(values[0], values[1], values[2])
        except ValidationError as exc:
            target = {"expiry_date": self.expiry_date, "document_number": self.document_number}.get(
                exc.field, fields[0]
            )
            target.set_error(exc.user_message)
            raise

    def _empty_message(self, field: LabeledLineEdit) -> str:
        if field is self.can:
            return self.tr("Type the CAN: the 6 digits on the front of the ID card.")
        if field is self.document_number:
            return self.tr("Type the document number.")
        if field is self.birth_date:
            return self.tr("Type the date of birth.")
        return self.tr("Type the date of expiry.")


class CardReadPanel(QWidget):
    """The access form, «Read the card», the progress and the reader's errors.

    ``reader_provider()`` gives the card reader (or None) and ``run_io(fn, *args, on_done=, on_error=,
    name=, owner=)`` runs the read in a worker. Signals come on the GUI thread.
    """

    started = Signal()
    succeeded = Signal(object)  # CardReadResult
    failed = Signal(str)  # the Ukrainian message shown

    def __init__(
        self,
        reader_provider: Callable[[], Any],
        run_io: Callable[..., Any],
        parent: QWidget | None = None,
        *,
        button_text: str = "",
    ) -> None:
        super().__init__(parent)
        self._reader_provider = reader_provider
        self._run_io = run_io
        self.reading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.form = CardAccessForm()
        self.form.submitted.connect(self.start_read)
        layout.addWidget(self.form)
        self.read_button = BigButton(button_text or self.tr("Read the card"), kind="primary")
        self.read_button.clicked.connect(self.start_read)
        layout.addWidget(self.read_button)
        self.card_state = QLabel()  # «a card lies on the reader» / «put the card on the reader»
        self.card_state.setWordWrap(True)
        self.card_state.setVisible(False)
        layout.addWidget(self.card_state)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.progress.setMinimumHeight(32)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.banner = MessageBanner(closable=True)
        layout.addWidget(self.banner)
        self._relay = _Relay(self)
        self._relay.changed.connect(self._on_progress)
        self._relay.card.connect(self.set_card_present)
        self._stop_watch: Callable[[], None] | None = None
        self.card_present: bool | None = None

    # -- whether a card lies on the reader (watched while the panel is shown) --------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.start_watching()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.stop_watching()
        super().hideEvent(event)

    def start_watching(self) -> None:
        if self._stop_watch is not None:
            return
        reader = self._reader_provider()
        watch = getattr(reader, "watch", None)
        if watch is None:
            self.set_card_present(None)
            return
        relay = self._relay
        try:
            # the callback may run on the reader's thread: the signal carries it to the GUI thread
            self._stop_watch = watch(lambda event: relay.card.emit(bool(event.present)))
        except Exception as exc:  # a reader that cannot be watched: the read still says what is wrong
            log.info("card reader not watched: %s", type(exc).__name__)
            self._stop_watch = None
            self.set_card_present(None)
            return
        if self.card_present is None:
            self.set_card_present(False)

    def stop_watching(self) -> None:
        stop, self._stop_watch = self._stop_watch, None
        if stop is not None:
            # stopping may wait for the reader's polling thread: never on the GUI thread
            threading.Thread(target=stop, name="card-watch-stop", daemon=True).start()

    def set_card_present(self, present: bool | None) -> None:
        self.card_present = present
        if present is None:
            self.card_state.setVisible(False)
            return
        if present:
            self.card_state.setText("● " + self.tr("A card lies on the reader."))
            self.card_state.setStyleSheet(f"color: {theme.SUCCESS}; font-weight: 600;")
        else:
            self.card_state.setText("○ " + self.tr("Put the ID card on the reader."))
            self.card_state.setStyleSheet(f"color: {theme.MUTED};")
        self.card_state.setVisible(True)

    def start_read(self) -> None:
        if self.reading:
            return
        self.banner.clear()
        try:
            access = self.form.access()
        except ValidationError:
            return
        reader = self._reader_provider()
        if reader is None:
            message = self.tr(
                "The ID-card reader is not available on this computer. Enter the data from the document by hand."
            )
            self.banner.show_error(message)
            self.failed.emit(message)
            return
        self.reading = True
        self.read_button.setEnabled(False)
        self.form.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Put the card on the reader and do not move it…"))
        self.progress.setVisible(True)
        relay = self._relay

        def progress(text: str, fraction: float) -> None:  # runs in the worker
            relay.changed.emit(text, fraction)

        self.started.emit()
        self._run_io(
            read_chip,
            reader,
            access,
            progress,
            on_done=self._done,
            on_error=self._error,
            name="card.read",
            owner=self,
        )

    def _on_progress(self, text: str, fraction: float) -> None:
        if not self.reading:
            return
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 100))
        if text:
            self.progress.setFormat(f"{text} %p%")

    def _finish(self) -> None:
        self.reading = False
        self.read_button.setEnabled(True)
        self.form.setEnabled(True)
        self.progress.setVisible(False)

    def _done(self, result: Any) -> None:
        self._finish()
        self.succeeded.emit(result)

    def _error(self, failure: TaskFailure) -> None:
        self._finish()
        self.banner.show_error(failure.message)
        self.failed.emit(failure.message)


# -- what the read says --------------------------------------------------------------------------
def verdict_parts(verdict: Any) -> tuple[str, str, str]:
    """(kind, icon, text) of a passive-authentication verdict; kind is success / error / warning."""
    value = getattr(verdict, "value", verdict)
    if value == "authentic":
        return (
            "success",
            "✔",
            QCoreApplication.translate(
                "CardRead", "Authentic: the chip data are signed by the issuing state."
            ),
        )
    if value == "data_altered":
        return (
            "error",
            "✖",
            QCoreApplication.translate(
                "CardRead",
                "Data altered: the chip data do not match their signature. Do not rely on them; check the person "
                "by the document.",
            ),
        )
    return (
        "warning",
        "⚠",
        QCoreApplication.translate(
            "CardRead",
            "Cannot check: there is no certificate to check the signature against. Compare the data with the "
            "document.",
        ),
    )


class VerdictLine(QFrame):
    """The verdict as one line: an icon, a colour and the words (never colour alone)."""

    _COLOURS = {
        "success": (theme.SUCCESS, theme.SUCCESS_LIGHT),
        "error": (theme.DANGER, theme.DANGER_LIGHT),
        "warning": (theme.WARNING, theme.WARNING_LIGHT),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VerdictLine")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(10)
        self.icon = QLabel()
        self.icon.setStyleSheet("font-size: 22px; font-weight: 700; background: transparent; border: none;")
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setStyleSheet("background: transparent; border: none;")
        layout.addWidget(self.text, 1)
        self.kind = ""
        self.setVisible(False)

    def set_verdict(self, verdict: Any, detail: str = "") -> None:
        kind, icon, text = verdict_parts(verdict)
        self.kind = kind
        colour, light = self._COLOURS[kind]
        self.setStyleSheet(
            f"QFrame#VerdictLine {{ background: {light}; border: 1px solid {colour}; border-radius: 8px; }}"
        )
        self.icon.setText(icon)
        self.icon.setStyleSheet(
            f"font-size: 22px; font-weight: 700; color: {colour}; background: transparent; border: none;"
        )
        self.text.setText(f"<b>{text}</b>" + (f"<br>{_escape(detail)}" if detail else ""))
        self.setVisible(True)

    def clear(self) -> None:
        self.kind = ""
        self.text.setText("")
        self.setVisible(False)

    def plain_text(self) -> str:
        return re.sub(r"<[^>]+>", " ", self.text.text()).strip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def latin_names_check(result: Any) -> str:
    """ "" when the Latin names of DG1 are the official transliteration of the DG11 names, else the
    Ukrainian text of the difference (shown, not fatal)."""
    diffs = cross_check(
        getattr(result, "surname", ""),
        getattr(result, "given_names", ""),
        getattr(result, "surname_latin", ""),
        getattr(result, "given_names_latin", ""),
    )
    if not diffs:
        return ""
    lines = [
        QCoreApplication.translate(
            "CardRead", "«{ukrainian}»: on the chip «{found}», by the official transliteration «{expected}»."
        ).format(ukrainian=d.ukrainian, found=d.found_text, expected=d.expected_text)
        for d in diffs
    ]
    return (
        QCoreApplication.translate(
            "CardRead",
            "The Latin name on the chip differs from the official transliteration (КМУ resolution No 55) of "
            "the Ukrainian one. This is allowed (e.g. a spelling kept from an earlier passport); check it "
            "against the document.",
        )
        + "\n"
        + "\n".join(lines)
    )


def address_notice(*, typed_here: bool = True) -> str:
    """What a screen says about the registered address when the chip did not give it: typed below (the
    visit's identification step) or taken from the extract at the visit (the intake)."""
    if not typed_here:
        return QCoreApplication.translate(
            "CardRead",
            "The registered address cannot be read from the chip with the CAN or the MRZ. It is taken from "
            "the extract from the register of the territorial community and typed at the visit "
            "(identification step).",
        )
    return QCoreApplication.translate(
        "CardRead",
        "The registered address cannot be read from the chip with the CAN or the MRZ: the ID card keeps it "
        "in a protected part of the chip. Take it from the extract from the register of the territorial "
        "community and type it below.",
    )


def ensure_visible(widget: QWidget, margin: int = 24) -> None:
    """Scroll the enclosing scroll area so that ``widget`` is in view (after the layout has settled)."""

    def scroll() -> None:
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None and widget.isVisible():
            parent.ensureWidgetVisible(widget, 0, margin)

    QTimer.singleShot(0, widget, scroll)


def photo_pixmap(data: bytes, size: Any) -> QPixmap | None:
    """The photo scaled into ``size`` (QSize), or None when the bytes are not an image Qt can show."""
    pixmap = QPixmap()
    if not data or not pixmap.loadFromData(data):
        return None
    return pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class CardReadSection(QWidget):
    """The optional «Read the ID card» of a form (the intake wizard's subject step).

    Folded it is one button; unfolded, the :class:`CardReadPanel`. After a read it shows the photo, the
    chip's identity data, the verdict, the Latin-name check and the registered-address notice, and asks
    whether to fill the form from the chip (``fill_requested(result)``) or keep typing by hand. Altered
    chip data are never offered for filling. ``read_done(result)`` fires once per successful read: the
    owner keeps it with the case and reports back with :meth:`show_saved` / :meth:`show_save_failed`.
    """

    read_done = Signal(object)
    fill_requested = Signal(object)

    def __init__(
        self, reader_provider: Callable[[], Any], run_io: Callable[..., Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.result: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.open_button = BigButton(self.tr("Read the ID card"))
        self.open_button.setCheckable(True)
        self.open_button.toggled.connect(self._toggled)
        top.addWidget(self.open_button)
        hint = QLabel(
            self.tr("Optional: the chip fills the name, date of birth, RNOKPP and UNZR without typos.")
        )
        hint.setWordWrap(True)
        theme.set_role(hint, "muted")
        top.addWidget(hint, 1)
        layout.addLayout(top)

        self.body = QFrame()
        theme.set_role(self.body, "card")
        body = QVBoxLayout(self.body)
        body.setContentsMargins(12, 12, 12, 12)
        body.setSpacing(8)
        self.panel = CardReadPanel(reader_provider, run_io)
        self.panel.succeeded.connect(self._read)
        body.addWidget(self.panel)

        self.result_box = QWidget()
        result_layout = QHBoxLayout(self.result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.setSpacing(12)
        self.photo = QLabel()
        self.photo.setFixedSize(102, 136)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet(f"border: 1px solid {theme.BORDER}; border-radius: 4px; background: white;")
        result_layout.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        texts_box = QVBoxLayout()
        texts_box.setSpacing(6)
        self.data_label = QLabel()
        self.data_label.setWordWrap(True)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts_box.addWidget(self.data_label)
        self.verdict = VerdictLine()
        texts_box.addWidget(self.verdict)
        self.latin_banner = MessageBanner(closable=False)
        texts_box.addWidget(self.latin_banner)
        self.address_label = QLabel()
        self.address_label.setWordWrap(True)
        theme.set_role(self.address_label, "muted")
        texts_box.addWidget(self.address_label)
        result_layout.addLayout(texts_box, 1)
        body.addWidget(self.result_box)

        self.choice = QWidget()
        choice_layout = QHBoxLayout(self.choice)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        self.fill_button = BigButton(self.tr("Fill the fields from the card"), kind="primary")
        self.fill_button.clicked.connect(self._fill)
        self.manual_button = BigButton(self.tr("Enter by hand"))
        self.manual_button.clicked.connect(self._manual)
        choice_layout.addWidget(self.fill_button, 1)
        choice_layout.addWidget(self.manual_button, 1)
        body.addWidget(self.choice)
        self.status = MessageBanner(closable=True)
        body.addWidget(self.status)
        layout.addWidget(self.body)
        self.result_box.setVisible(False)
        self.choice.setVisible(False)
        self.body.setVisible(False)
        self.panel.failed.connect(lambda _message: ensure_visible(self.panel.banner))

    def _toggled(self, opened: bool) -> None:
        self.body.setVisible(opened)
        if opened:
            ensure_visible(self.panel.read_button)

    def open(self) -> None:
        self.open_button.setChecked(True)

    def reset(self) -> None:
        """A new request: nothing of the previous read stays."""
        self.result = None
        self.result_box.setVisible(False)
        self.choice.setVisible(False)
        self.status.clear()
        self.panel.banner.clear()
        self.verdict.clear()
        self.latin_banner.clear()
        for field in (
            self.panel.form.can,
            self.panel.form.document_number,
            self.panel.form.birth_date,
            self.panel.form.expiry_date,
        ):
            field.clear()
        self.open_button.setChecked(False)

    def _read(self, result: Any) -> None:
        self.show_result(result)
        if getattr(result, "simulated", False):
            self.status.show_info(self.tr("Simulated card reader: the data are of a demo person."))
        ensure_visible(self.choice if self.choice.isVisibleTo(self) else self.result_box)
        self.read_done.emit(result)

    def show_stored(self, result: Any, saved_at: Any, *, offer_fill: bool) -> None:
        """Show a read kept with the request earlier (a reopened draft): the section opens with its photo,
        data and verdict; «fill» is offered again only when the form differs from the chip."""
        self.show_result(result, offer_fill=offer_fill)
        self.open_button.setChecked(True)
        when = saved_at.strftime("%d.%m.%Y %H:%M") if saved_at is not None else ""
        self.status.show_info(
            self.tr("The card was read on {when}; the read is kept with the request.").format(when=when)
        )

    def show_result(self, result: Any, *, offer_fill: bool = True) -> None:
        """The photo, the chip's identity data, the verdict, the Latin check and the address notice."""
        self.result = result
        pixmap = photo_pixmap(
            getattr(result, "photo_jpeg", b""), QSize(self.photo.width(), self.photo.height())
        )
        if pixmap is not None:
            self.photo.setPixmap(pixmap)
        else:
            self.photo.clear()
            self.photo.setText(self.tr("No photo"))
        person = result.to_person()
        rows = [
            (self.tr("Surname, given name, patronymic"), person.full_name),
            (self.tr("Date of birth"), person.birth_date.strftime("%d.%m.%Y") if person.birth_date else "—"),
            (self.tr("RNOKPP"), person.rnokpp or "—"),
            (self.tr("UNZR"), person.unzr or "—"),
            (self.tr("Document"), result.document_number),
        ]
        self.data_label.setText("<br>".join(f"{_escape(k)}: <b>{_escape(v)}</b>" for k, v in rows))
        self.verdict.set_verdict(result.verdict, getattr(result, "verdict_detail", "") or "")
        latin = latin_names_check(result)
        if latin:
            self.latin_banner.show_warning(latin)
        else:
            self.latin_banner.clear()
        chip_address = str(getattr(result, "address", "") or "").strip()
        self.address_label.setText(
            self.tr("Registered address from the chip: {address}").format(address=chip_address)
            if chip_address
            else address_notice(typed_here=False)
        )
        self.result_box.setVisible(True)
        altered = getattr(result.verdict, "value", result.verdict) == "data_altered"
        self.choice.setVisible(offer_fill and not altered)
        self.status.clear()

    def _fill(self) -> None:
        if self.result is None:
            return
        self.choice.setVisible(False)
        self.fill_requested.emit(self.result)
        self.status.show_success(self.tr("The fields are filled from the card. Check them and go on."))

    def _manual(self) -> None:
        self.choice.setVisible(False)
        self.status.show_info(self.tr("The fields stay as typed. Enter the data from the document by hand."))

    def show_saved(self) -> None:
        self.panel.banner.clear()

    def show_load_failed(self, message: str) -> None:
        self.panel.banner.show_error(
            self.tr("The card read kept with the request could not be opened: {message}").format(
                message=message
            )
        )

    def show_save_failed(self, message: str) -> None:
        self.panel.banner.show_error(
            self.tr("The card was read, but the read was not saved with the request: {message}").format(
                message=message
            )
        )
