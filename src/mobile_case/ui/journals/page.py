"""The journals screen (F7): Додаток 3 (services rendered), Додаток 1 (kit hand-over), acts.

One filter bar for the three tabs (each tab keeps its own «outcome»). Every query runs in the database
worker (``JournalService``); the answer replaces the tab's table model on the GUI thread, and an answer
that arrives after a newer query was asked is dropped. Print/preview/save-as-PDF render the journal
with ``DocumentService.journal_pdf`` for the current filter; «Export to Excel» writes
``DocumentService.journal_xlsx`` to the file chosen. Double-tapping a line opens its visit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mobile_case.domain import texts
from mobile_case.domain.model import ActReason, CaseState, HandoverDirection
from mobile_case.services.types import JournalFilter, JournalKind
from mobile_case.ui import theme
from mobile_case.ui.journals.filters import JournalFilterBar
from mobile_case.ui.journals.model import (
    JournalModel,
    acts_columns,
    handover_columns,
    load_lines,
    services_columns,
)
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.printing import DocumentPanel, PdfPreview, write_file

log = logging.getLogger(__name__)

ROW_HEIGHT = 44
SERVICE_OUTCOMES = (CaseState.IN_PROGRESS, CaseState.COMPLETED, CaseState.IMPOSSIBLE, CaseState.CANCELLED)
FILE_STEMS = {
    JournalKind.SERVICES: "zhurnal-posluh",
    JournalKind.HANDOVER: "zhurnal-keisu",
    JournalKind.ACTS: "akty",
}


@dataclass
class _TabState:
    kind: JournalKind
    model: JournalModel
    page: QWidget  # the tab's widget; its table view is built when the tab is first shown
    view: QTableView | None = None
    outcome: str = ""
    generation: int = 0
    loaded_filter: JournalFilter | None = None
    loading: bool = False
    error: str = ""


class JournalsPage(QWidget):
    """The journals page of the main window (key ``journals``)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.tasks = ctx.tasks
        self.devices = getattr(ctx, "devices", None)
        self.window_ref = getattr(ctx, "window", None)
        profile = self.services.profile
        self.profile = profile

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self.filters = JournalFilterBar(profile, self._today())
        self.filters.changed.connect(self.refresh)
        outer.addWidget(self.filters)

        self.banner = MessageBanner()
        outer.addWidget(self.banner)

        # -- toolbar: count, print / preview / save, export -------------------------------------
        bar = QHBoxLayout()
        bar.setSpacing(theme.SPACING)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-weight: 600;")
        bar.addWidget(self.count_label, 1)
        # The PDF preview (QPdfView) is built on the first «Preview»: opening the screen stays cheap.
        self.preview: PdfPreview | None = None
        self.panel = DocumentPanel(
            self.tasks,
            self.devices,
            self._journal_pdf,
            title="Журнал",
            file_name="zhurnal.pdf",
            print_text=self.tr("Print"),
            preview=None,
            wide=True,
            prepare=self._prepare_export,
        )
        self.panel.status_label.setVisible(False)
        self.panel.preview_button.clicked.disconnect(self.panel.show_preview)
        self.panel.preview_button.clicked.connect(self.show_preview)
        self.panel.printed.connect(lambda _j: self._status(self.panel.status_label.text()))
        self.panel.saved.connect(lambda _p: self._status(self.panel.status_label.text()))
        bar.addWidget(self.panel)
        self.export_button = BigButton(self.tr("Export to Excel"))
        self.export_button.clicked.connect(self.export_xlsx)
        bar.addWidget(self.export_button)
        outer.addLayout(bar)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        theme.set_role(self.status_label, "muted")
        outer.addWidget(self.status_label)

        # -- the tabs, and the preview in place of the table ------------------------------------
        self.stack = QStackedWidget()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.stack.addWidget(self.tabs)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        back_row = QHBoxLayout()
        self.back_button = BigButton(self.tr("← Back to the list"))
        self.back_button.clicked.connect(self.show_table)
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        preview_layout.addLayout(back_row)
        self._preview_layout = preview_layout
        self.stack.addWidget(preview_box)
        outer.addWidget(self.stack, 1)

        self.states: dict[JournalKind, _TabState] = {}
        role = getattr(getattr(self.services.auth, "current_user", None), "role", None)
        for kind, title, columns in (
            (JournalKind.SERVICES, self.tr("Services (Annex 3)"), services_columns(profile)),
            (JournalKind.HANDOVER, self.tr("Kit hand-over (Annex 1)"), handover_columns(profile)),
            (JournalKind.ACTS, self.tr("Acts (Annex 4)"), acts_columns(profile)),
        ):
            if not self._may_see(role, kind):
                continue
            model = JournalModel(columns, self)
            tab = QWidget()
            tab_layout = QVBoxLayout(tab)
            tab_layout.setContentsMargins(0, 0, 0, 0)
            self.states[kind] = _TabState(kind, model, tab)
            self.tabs.addTab(tab, title)
        if self.states:
            self._ensure_view(next(iter(self.states)))  # the first tab is the one shown
        self.tabs.currentChanged.connect(self._tab_changed)
        self._all_journals = self._may_see_all(role)
        self.filters.administrator.setVisible(self._all_journals)
        if not self.states:
            self.banner.show_warning(self.tr("Your role has no journals to see."))
        self._set_outcomes()
        self._admins_loaded = False

    # -- permissions --------------------------------------------------------------------------
    @staticmethod
    def _may_see(role: Any, kind: JournalKind) -> bool:
        if role is None:
            return True
        from mobile_case.domain.roles import Permission, has_permission

        if has_permission(role, Permission.VIEW_ALL_JOURNALS):
            return True
        if kind is JournalKind.HANDOVER:
            return has_permission(role, Permission.KIT_HANDOVER)
        return has_permission(role, Permission.VIEW_OWN_JOURNALS)

    @staticmethod
    def _may_see_all(role: Any) -> bool:
        if role is None:
            return False
        from mobile_case.domain.roles import Permission, has_permission

        return has_permission(role, Permission.VIEW_ALL_JOURNALS)

    # -- building -----------------------------------------------------------------------------
    def _ensure_view(self, kind: JournalKind) -> QTableView:
        """The table of ``kind``'s tab, built the first time the tab is shown (a hidden tab costs
        nothing when the screen opens)."""
        state = self.states[kind]
        if state.view is None:
            state.view = self._make_view(state.model)
            layout = state.page.layout()
            assert layout is not None
            layout.addWidget(state.view)
        return state.view

    def _make_view(self, model: JournalModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = view.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(56)
        for column, spec in enumerate(model.columns):
            if spec.width:
                view.setColumnWidth(column, spec.width)
        view.doubleClicked.connect(self._open_line)
        return view

    def _today(self) -> date:
        clock = getattr(self.services, "clock", None)
        return clock().date() if callable(clock) else date.today()

    # -- state --------------------------------------------------------------------------------
    def current_kind(self) -> JournalKind | None:
        widget = self.tabs.currentWidget()
        for kind, state in self.states.items():
            if state.page is widget:
                return kind
        return None

    def state(self, kind: JournalKind) -> _TabState:
        return self.states[kind]

    def select_tab(self, kind: JournalKind) -> None:
        self._ensure_view(kind)
        self.tabs.setCurrentWidget(self.states[kind].page)

    def current_filter(self) -> JournalFilter:
        day_from, day_to = self.filters.period()
        kind = self.current_kind()
        outcome = self.filters.outcome.current_code()
        return JournalFilter(
            day_from=day_from,
            day_to=day_to,
            settlement_code=self.filters.settlement.current_code(),
            administrator_id=self.filters.administrator.current_code() if self._all_journals else "",
            outcome=outcome if kind is not None else "",
            text=self.filters.text.text().strip(),
        )

    def _set_outcomes(self) -> None:
        kind = self.current_kind()
        if kind is JournalKind.SERVICES:
            items = [(s.value, texts.STATE_SHORT_TITLES[s]) for s in SERVICE_OUTCOMES]
        elif kind is JournalKind.HANDOVER:
            items = [(d.value, texts.title(d)) for d in HandoverDirection]
        elif kind is JournalKind.ACTS:
            items = [(r.value, texts.ACT_REASON_SHORT_TITLES[r]) for r in ActReason]
        else:
            items = []
        current = self.states[kind].outcome if kind is not None else ""
        self.filters.set_outcomes(items, current)
        label = (
            self.tr("Hand-over")
            if kind is JournalKind.HANDOVER
            else (self.tr("Reason") if kind is JournalKind.ACTS else self.tr("Outcome"))
        )
        self.filters.outcome.set_label(label)

    # -- activation ---------------------------------------------------------------------------
    def activate(self, kind: str = "", **_kw: Any) -> None:
        """Opened: load the administrators once and (re)load the visible journal."""
        if kind and JournalKind(kind) in self.states:
            self.tabs.blockSignals(True)
            self.select_tab(JournalKind(kind))
            self.tabs.blockSignals(False)
            self._set_outcomes()
        if self._all_journals and not self._admins_loaded:
            self._admins_loaded = True
            self.tasks.run_db(
                self.services.users.field_staff,
                on_done=self._fill_admins,
                on_error=lambda f: log.warning("administrators for the filter: %s", f.name),
                name="journals.admins",
                owner=self,
            )
        for state in self.states.values():
            state.loaded_filter = None  # the data may have changed since
        if self.isVisible():
            # The query starts on the next turn of the event loop, after the screen has been laid out
            # and painted: a worker turning thousands of rows into lines meanwhile would share the
            # interpreter with that first paint and double the GUI thread's stall (docs/benchmarks.md).
            self.count_label.setText(self.tr("Loading…"))
            QTimer.singleShot(0, self, self.refresh)
        else:
            self.refresh()

    def _fill_admins(self, users: list[Any]) -> None:
        self.filters.set_administrators([(u.id, u.full_name) for u in users])

    def _tab_changed(self, _index: int) -> None:
        self._status("")  # «Експортовано: …» / «Надруковано» belong to the journal they were done on
        self._set_outcomes()
        self.panel.invalidate()
        self.show_table()
        kind = self.current_kind()
        if kind is None:
            return
        self._ensure_view(kind)
        state = self.states[kind]
        if state.loaded_filter != self.current_filter():
            self.refresh()
        else:
            self._show_count(state)

    # -- querying -----------------------------------------------------------------------------
    def refresh(self) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        state = self.states[kind]
        state.outcome = self.filters.outcome.current_code()
        f = self.current_filter()
        state.generation += 1
        generation = state.generation
        state.loading = True
        self.panel.invalidate()
        self.count_label.setText(self.tr("Loading…"))
        journals = self.services.journals
        query = {
            JournalKind.SERVICES: journals.services,
            JournalKind.HANDOVER: journals.handover,
            JournalKind.ACTS: journals.acts,
        }[kind]
        self.tasks.run_db(
            load_lines,
            query,
            f,
            state.model.columns,
            on_done=lambda rows: self._loaded(kind, generation, f, rows),
            on_error=lambda failure: self._load_failed(kind, generation, failure),
            name=f"journals.{kind.value}",
            owner=self,
        )

    def _loaded(self, kind: JournalKind, generation: int, f: JournalFilter, rows: list[Any]) -> None:
        state = self.states[kind]
        if generation != state.generation:
            return  # a newer query is on its way
        state.loading = False
        state.error = ""
        state.loaded_filter = f
        state.model.set_rows(rows)
        self.banner.clear()
        if kind is self.current_kind():
            self._show_count(state)

    def _load_failed(self, kind: JournalKind, generation: int, failure: TaskFailure) -> None:
        state = self.states[kind]
        if generation != state.generation:
            return
        state.loading = False
        state.error = failure.message
        state.model.set_rows([])
        self.banner.show_error(failure.message)
        self._show_count(state)

    def _show_count(self, state: _TabState) -> None:
        n = state.model.total()
        self.count_label.setText(self.tr("Lines: %n", "", n))
        can_export = n > 0
        self.panel.print_button.setEnabled(can_export and self.panel.can_print)
        self.panel.preview_button.setEnabled(can_export)
        self.panel.save_button.setEnabled(can_export)
        self.export_button.setEnabled(can_export)

    def _status(self, text: str) -> None:
        self.status_label.setText(text)

    # -- printing and export ------------------------------------------------------------------
    def _journal_pdf(self) -> bytes:
        """On the database worker (the filter was read on the GUI thread when asked)."""
        kind, f = self._export_args
        return self.services.documents.journal_pdf(kind, f)

    _export_args: tuple[JournalKind, JournalFilter] = (JournalKind.SERVICES, JournalFilter())

    def _prepare_export(self) -> bool:
        kind = self.current_kind()
        if kind is None:
            return False
        self.filters.flush()
        args = (kind, self.current_filter())
        if args != self._export_args:
            self.panel.invalidate()
        self._export_args = args
        day = self._today().isoformat()
        self.panel.file_name = f"{FILE_STEMS[kind]}-{day}.pdf"
        return True

    def show_preview(self) -> None:
        if self.preview is None:
            self.preview = PdfPreview()
            self._preview_layout.addWidget(self.preview, 1)
            self.panel.preview = self.preview
        self.panel.show_preview()
        self.stack.setCurrentIndex(1)

    def show_table(self) -> None:
        self.stack.setCurrentIndex(0)

    def ask_xlsx_path(self, suggested: str) -> str:
        start = str(Path.home() / suggested)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), start, self.tr("Excel workbook (*.xlsx)")
        )
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def export_xlsx(self) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        self.filters.flush()
        f = self.current_filter()
        path = self.ask_xlsx_path(f"{FILE_STEMS[kind]}-{self._today().isoformat()}.xlsx")
        if not path:
            return
        self.export_button.setEnabled(False)
        self._status(self.tr("Exporting…"))
        documents = self.services.documents

        def written(_r: object) -> None:
            self.export_button.setEnabled(True)
            self.last_export = path
            if self.current_kind() == kind:  # not under another journal's tab opened meanwhile
                self._status(self.tr("Exported: {path}").format(path=path))

        def render_done(data: bytes) -> None:
            self.tasks.run_io(
                write_file,
                Path(path),
                data,
                on_done=written,
                on_error=self._export_failed,
                name="journals.xlsx.write",
                owner=self,
            )

        self.tasks.run_db(
            documents.journal_xlsx,
            kind,
            f,
            on_done=render_done,
            on_error=self._export_failed,
            name="journals.xlsx",
            owner=self,
        )

    last_export = ""

    def _export_failed(self, failure: TaskFailure) -> None:
        self.export_button.setEnabled(True)
        self._status("")
        self.banner.show_error(failure.message)

    # -- opening a line -----------------------------------------------------------------------
    def _open_line(self, index: QModelIndex) -> None:
        kind = self.current_kind()
        if kind is None or not index.isValid() or self.window_ref is None:
            return
        key = self.states[kind].model.key(index.row())
        if not key:
            return
        if kind is JournalKind.ACTS:
            self.window_ref.open_page("visit", visit_id=key)
            return
        if kind is JournalKind.SERVICES:
            self.tasks.run_db(
                self.services.visits.for_request,
                key,
                on_done=self._open_visit_of,
                name="journals.open_visit",
                owner=self,
            )

    def _open_visit_of(self, visits: list[Any]) -> None:
        if visits and self.window_ref is not None:
            self.window_ref.open_page("visit", visit_id=visits[-1].id)
