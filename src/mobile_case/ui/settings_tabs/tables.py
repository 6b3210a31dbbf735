"""The read-only table of the settings tabs: word-wrapped cells, rows tall enough to touch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from mobile_case.ui import theme


def make_table(
    headers: list[str],
    rows: list[list[str]],
    *,
    stretch: int | None = None,
    widths: dict[int, int] | None = None,
) -> QTableWidget:
    """A read-only table with word-wrapped cells and rows tall enough to touch.

    Columns fit their contents, except ``stretch`` (takes the free width) and ``widths`` (fixed
    starting widths, for long wrapped texts). Row heights follow the column widths."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setMinimumSectionSize(theme.TOUCH_MIN)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column, width in (widths or {}).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    fill_table(table, rows)
    pending = QTimer(table)
    pending.setSingleShot(True)
    pending.setInterval(0)
    pending.timeout.connect(table.resizeRowsToContents)
    header.sectionResized.connect(lambda *_a: pending.start())
    return table


def fill_table(table: QTableWidget, rows: list[list[Any]]) -> None:
    """Cells are texts, or ``(text, tooltip)`` pairs for a short text with the detail on hover/hold."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            text, tip = cell if isinstance(cell, tuple) else (cell, "")
            item = QTableWidgetItem(text)
            if tip:
                item.setToolTip(tip)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, c, item)
    table.resizeRowsToContents()
