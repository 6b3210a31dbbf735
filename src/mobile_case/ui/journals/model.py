"""Table models of the journals: rows come from ``JournalService`` on the database worker.

A model never queries: the page runs :func:`load_lines` on the database worker — the service query and
the cell texts of every line — and hands the finished list to ``set_rows`` on the GUI thread. Rows are
exposed to the view in chunks through ``canFetchMore``/``fetchMore``, so that a journal of 100,000 lines
costs the view no more than the first screenful.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from mobile_case.domain import texts
from mobile_case.domain.model import (
    Act,
    ActReason,
    ActStage,
    CaseState,
    HandoverDirection,
    HandoverEntry,
    ServiceJournalEntry,
)
from mobile_case.domain.profile import CommunityProfile
from mobile_case.ui.collector import gc_paused

CHUNK = 500

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str  # translated header
    text: Callable[[Any], str]
    width: int  # initial width in pixels; 0 = stretch
    tooltip: bool = False  # long texts: full text as a tooltip


def _date(d: Any) -> str:
    return texts.format_date(d) if d else ""


def _kit(profile: CommunityProfile) -> Callable[[HandoverEntry], str]:
    def text(e: HandoverEntry) -> str:
        titles = []
        for code in e.kit_items_checked:
            item = profile.kit_item(code)
            titles.append(item.title if item is not None else code)
        line = ", ".join(titles)
        return f"{line}. {e.kit_notes}" if e.kit_notes else line

    return text


def services_columns(_profile: CommunityProfile) -> list[Column]:
    """Додаток 3: the journal of services rendered on the mobile workplace."""

    def subject(e: ServiceJournalEntry) -> str:
        born = texts.format_date(e.subject_birth_date) if e.subject_birth_date else ""
        return f"{e.subject_name}, {born}" if born else e.subject_name

    def outcome(e: ServiceJournalEntry) -> str:
        try:
            return texts.STATE_SHORT_TITLES[CaseState(e.outcome)]
        except ValueError:
            return e.outcome_text

    return [
        Column(QCoreApplication.translate("JournalColumns", "No."), lambda e: str(e.number), 64),
        Column(QCoreApplication.translate("JournalColumns", "Date"), lambda e: _date(e.on), 110),
        Column(QCoreApplication.translate("JournalColumns", "Subject, date of birth"), subject, 300, True),
        Column(QCoreApplication.translate("JournalColumns", "Address"), lambda e: e.address_text, 260, True),
        Column(
            QCoreApplication.translate("JournalColumns", "Category"), lambda e: e.category_title, 200, True
        ),
        Column(
            QCoreApplication.translate("JournalColumns", "Service"), lambda e: e.service_titles, 280, True
        ),
        Column(QCoreApplication.translate("JournalColumns", "Case No."), lambda e: e.case_number, 150),
        Column(
            QCoreApplication.translate("JournalColumns", "Administrator"), lambda e: e.administrator_name, 200
        ),
        Column(QCoreApplication.translate("JournalColumns", "Outcome"), outcome, 120),
        Column(QCoreApplication.translate("JournalColumns", "Notes"), lambda e: e.notes, 0, True),
    ]


def handover_columns(profile: CommunityProfile) -> list[Column]:
    """Додаток 1: the kit hand-over journal (columns 1–6 and 8; 7 and 9 are signatures on paper)."""

    def direction(e: HandoverEntry) -> str:
        return texts.title(HandoverDirection(e.direction))

    return [
        Column(QCoreApplication.translate("JournalColumns", "No."), lambda e: str(e.number), 64),
        Column(
            QCoreApplication.translate("JournalColumns", "Date"),
            lambda e: _date(e.at.date() if e.at else None),
            110,
        ),
        Column(
            QCoreApplication.translate("JournalColumns", "Time"),
            lambda e: texts.format_time(e.at) if e.at else "",
            80,
        ),
        Column(QCoreApplication.translate("JournalColumns", "Hand-over"), direction, 200),
        Column(QCoreApplication.translate("JournalColumns", "Destination"), lambda e: e.destination, 170),
        Column(QCoreApplication.translate("JournalColumns", "Kit contents"), _kit(profile), 360, True),
        Column(
            QCoreApplication.translate("JournalColumns", "Issued / returned by"),
            lambda e: e.given_by_name,
            230,
        ),
        Column(QCoreApplication.translate("JournalColumns", "Received by"), lambda e: e.received_by_name, 0),
    ]


def acts_columns(_profile: CommunityProfile) -> list[Column]:
    """The acts of impossibility (Додаток 4), one line each."""

    acknowledged = QCoreApplication.translate("JournalColumns", "acknowledged")  # read on the GUI thread

    def ack(a: Act) -> str:
        return acknowledged if a.subject_acknowledged else a.acknowledgement_note

    return [
        Column(QCoreApplication.translate("JournalColumns", "No."), lambda a: a.number, 90),
        Column(
            QCoreApplication.translate("JournalColumns", "Date and time"),
            lambda a: texts.format_datetime(a.drawn_at) if a.drawn_at else "",
            176,
        ),
        Column(QCoreApplication.translate("JournalColumns", "Subject"), lambda a: a.subject_name, 230, True),
        Column(QCoreApplication.translate("JournalColumns", "Address"), lambda a: a.address_text, 250, True),
        Column(
            QCoreApplication.translate("JournalColumns", "Service"), lambda a: a.service_titles, 250, True
        ),
        Column(
            QCoreApplication.translate("JournalColumns", "Stage"),
            lambda a: texts.ACT_STAGE_TITLES[ActStage(a.stage)],
            180,
            True,
        ),
        Column(
            QCoreApplication.translate("JournalColumns", "Reason"),
            lambda a: texts.ACT_REASON_SHORT_TITLES[ActReason(a.reason)],
            260,
            True,
        ),
        Column(
            QCoreApplication.translate("JournalColumns", "Drawn up by"), lambda a: a.administrator_name, 200
        ),
        Column(QCoreApplication.translate("JournalColumns", "Acknowledgement"), ack, 0),
    ]


# -- loading (database worker) ----------------------------------------------------------------------
# ``gc_paused``: no cyclic collection (automatic or the GUI thread's, see ui/collector.py) while a large
# journal is read and turned into lines.


def line_key(entry: Any) -> str:
    """What a line opens: the visit of an act, the request of a services line ("" for hand-overs)."""
    if hasattr(entry, "visit_id"):
        return str(entry.visit_id or "")
    return str(getattr(entry, "request_id", "") or "")


FREE_BATCH = 1000  # entries freed per statement by load_lines


def load_lines(
    query: Callable[[Any], Sequence[Any]], journal_filter: Any, columns: Sequence[Column]
) -> list[tuple]:
    """Run the journal query and turn each entry into a flat tuple of cell texts plus its key (the last
    item). Runs on the database worker. Tuples of strings are not tracked by the garbage collector, so a
    journal of 100,000 lines held by the screen costs later collections nothing."""
    texts_of = [c.text for c in columns]
    with gc_paused():
        entries = list(query(journal_filter))
        lines = [(*(text(e) for text in texts_of), line_key(e)) for e in entries]
        # Freed a slice at a time: dropping 90,000 entries in one statement holds the interpreter
        # (and so the GUI thread) for tens of milliseconds.
        while entries:
            del entries[-FREE_BATCH:]
    return lines


class JournalModel(QAbstractTableModel):
    """Lines of one journal as made by :func:`load_lines`; ``set_rows`` replaces them (GUI thread)."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[tuple] = []
        self._shown = 0

    # -- data in ------------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._shown = min(CHUNK, len(self._rows))
        self.endResetModel()

    def total(self) -> int:
        """Lines in the journal (also those not yet fetched into the view)."""
        return len(self._rows)

    def key(self, row: int) -> str:
        """The id a line opens (visit id for acts, request id for services)."""
        return self._rows[row][-1]

    def column_values(self, column: int) -> list[str]:
        """Every line's text in ``column`` (tests, summaries)."""
        return [r[column] for r in self._rows]

    def column_index(self, title: str) -> int:
        for index, column in enumerate(self.columns):
            if column.title == title:
                return index
        raise KeyError(title)

    # -- lazy fetching ------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid():
            return
        more = min(CHUNK, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[index.column()].tooltip:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def cell_text(self, row: int, column: int) -> str:
        return self._rows[row][column]
