"""The kit hand-over of an outing (Додаток 1, O 1.3): issued to the administrator before the trip and
returned after it, the kit contents ticked each time, with notes on what is missing or damaged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mobile_case.domain import texts
from mobile_case.domain.model import HandoverDirection, HandoverEntry, Outing
from mobile_case.domain.profile import CommunityProfile
from mobile_case.ui import theme
from mobile_case.ui.widgets import BigButton, Card, CheckList, LabeledTextEdit, Option


def entry_lines(entry: HandoverEntry, profile: CommunityProfile) -> tuple[str, str]:
    """(title, detail) of a journal line."""
    from PySide6.QtCore import QCoreApplication

    when = texts.format_datetime(entry.at) if entry.at else ""
    title = f"№ {entry.number} · {texts.HANDOVER_DIRECTION_TITLES[entry.direction]} · {when}"
    total = len(profile.kit_items)
    detail = [
        QCoreApplication.translate("Handover", "Destination: {place}").format(place=entry.destination or "—"),
        QCoreApplication.translate("Handover", "Kit: {checked} of {total} items checked").format(
            checked=len(entry.kit_items_checked), total=total
        ),
        QCoreApplication.translate("Handover", "Given by: {given} · received by: {received}").format(
            given=entry.given_by_name, received=entry.received_by_name
        ),
    ]
    if entry.kit_notes:
        detail.append(QCoreApplication.translate("Handover", "Notes: {notes}").format(notes=entry.kit_notes))
    return title, "\n".join(detail)


def same_person(a: str, b: str) -> bool:
    """Two typed full names of one person (case, extra spaces and the apostrophe form aside)."""

    def norm(name: str) -> str:
        return " ".join(name.replace("’", "'").replace("ʼ", "'").casefold().split())

    return bool(norm(a)) and norm(a) == norm(b)


class NameCombo(QWidget):
    """A labelled, editable choice of a person's full name."""

    def __init__(self, label: str, names: list[str], current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        title = QLabel(label)
        theme.set_role(title, "fieldLabel")
        layout.addWidget(title)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setMinimumHeight(theme.TOUCH_MIN)
        self.combo.addItems(list(dict.fromkeys(n for n in names if n)))
        self.combo.setEditText(current)
        self.combo.lineEdit().setPlaceholderText(self.tr("choose or type the full name"))
        layout.addWidget(self.combo)

    def text(self) -> str:
        return self.combo.currentText().strip()

    def set_text(self, text: str) -> None:
        self.combo.setEditText(text)


class HandoverDialog(QDialog):
    """One line of Додаток 1: the kit contents checked, who gave it and who received it."""

    def __init__(
        self,
        direction: HandoverDirection,
        outing: Outing,
        profile: CommunityProfile,
        names: list[str],
        given_by: str,
        received_by: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.direction = direction
        self.outing = outing
        self.setWindowTitle(texts.HANDOVER_DIRECTION_TITLES[direction])
        self.setMinimumSize(860, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        title = QLabel(texts.HANDOVER_DIRECTION_TITLES[direction])
        theme.set_role(title, "section")
        layout.addWidget(title)
        settlement = profile.settlement(outing.settlement_code) if outing.settlement_code else None
        place = settlement.display_name if settlement is not None else "—"
        day = texts.format_date(outing.date) if outing.date else ""
        sub = QLabel(
            self.tr("Outing on {day} to {place}. The time is recorded when saved.").format(
                day=day, place=place
            )
        )
        theme.set_role(sub, "muted")
        sub.setWordWrap(True)
        layout.addWidget(sub)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        body = QVBoxLayout(inner)
        header = QHBoxLayout()
        kit_title = QLabel(self.tr("Kit contents — tick what is there and works"))
        theme.set_role(kit_title, "fieldLabel")
        header.addWidget(kit_title, 1)
        self.all_button = BigButton(self.tr("Tick all"))
        header.addWidget(self.all_button)
        body.addLayout(header)
        self.items = CheckList([Option(k.code, k.title) for k in profile.kit_items], columns=2)
        self.all_button.clicked.connect(lambda: self.items.set_checked_codes(self.items.codes()))
        body.addWidget(self.items)
        self.notes = LabeledTextEdit(
            self.tr("Missing or damaged"),
            placeholder=self.tr("what is missing or damaged, and what was done"),
            lines=2,
        )
        body.addWidget(self.notes)
        people = QHBoxLayout()
        giver = self.tr("Issued by") if direction == HandoverDirection.ISSUE else self.tr("Returned by")
        self.given_by = NameCombo(giver, names, given_by)
        self.received_by = NameCombo(self.tr("Received by"), names, received_by)
        people.addWidget(self.given_by)
        people.addWidget(self.received_by)
        body.addLayout(people)
        body.addStretch(1)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.set_role(self.error, "error")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = BigButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(self.tr("Save to the journal"), kind="primary")
        self.save_button.clicked.connect(self._accept)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def entry(self) -> HandoverEntry:
        return HandoverEntry(
            outing_id=self.outing.id,
            direction=self.direction,
            kit_items_checked=self.items.checked_codes(),
            kit_notes=self.notes.text().strip(),
            given_by_name=self.given_by.text(),
            received_by_name=self.received_by.text(),
        )

    def problem(self) -> str:
        entry = self.entry()
        if not entry.given_by_name:
            return self.tr("Enter who gives the kit.")
        if not entry.received_by_name:
            return self.tr("Enter who receives the kit.")
        if same_person(entry.given_by_name, entry.received_by_name):
            return self.tr(
                "The kit is handed over from one person to another: the same person cannot both give "
                "and receive it. Correct one of the names."
            )
        missing = len(self.items.codes()) - len(entry.kit_items_checked)
        if missing and not entry.kit_notes:
            return self.tr("Not every item is ticked: describe what is missing or damaged.")
        return ""

    def _accept(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        if not problem:
            self.accept()


class HandoverPanel(QWidget):
    """The outing's lines in the hand-over journal, with the «issue» and «return» buttons."""

    def __init__(self, profile: CommunityProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        row = QHBoxLayout()
        self.issue_button = BigButton(self.tr("Issue the kit (before the trip)"), kind="primary")
        self.return_button = BigButton(self.tr("Take the kit back (after the trip)"))
        row.addWidget(self.issue_button)
        row.addWidget(self.return_button)
        row.addStretch(1)
        layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "Each hand-over is a line of the journal (Annex 1); lines are numbered and never changed."
            )
        )
        hint.setWordWrap(True)
        theme.set_role(hint, "muted")
        layout.addWidget(hint)
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(6)
        layout.addLayout(self.list_box)
        self.empty = QLabel(self.tr("The kit has not been handed over for this outing yet."))
        theme.set_role(self.empty, "muted")
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.cards: list[Card] = []

    def set_entries(self, entries: list[HandoverEntry]) -> None:
        for card in self.cards:
            self.list_box.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for entry in entries:
            title, detail = entry_lines(entry, self.profile)
            card = Card(margins=10)
            head = QLabel(title)
            head.setStyleSheet("font-weight: 600;")
            card.body.addWidget(head)
            text = QLabel(detail)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            card.body.addWidget(text)
            self.list_box.addWidget(card)
            self.cards.append(card)
        self.empty.setVisible(not entries)
        issued = any(e.direction == HandoverDirection.ISSUE for e in entries)
        returned = any(e.direction == HandoverDirection.RETURN for e in entries)
        self.issue_button.set_kind("secondary" if issued else "primary")
        self.return_button.set_kind("primary" if issued and not returned else "secondary")
