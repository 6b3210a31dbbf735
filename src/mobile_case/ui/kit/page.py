"""The kit keeper's screen (G 1.7; F8, F9): the kit self-check, the maintenance checklist and its log,
the import from the external video recorder and the case-lid sensor settings.

Everything slow runs off the GUI thread: the self-check probes on the device pool (``run_io``), the
services on the database worker (``run_db``); results come back by the task runner's signals.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mobile_case.devices import lid as lid_settings
from mobile_case.devices.selfcheck import CheckState, DiskPlan, SelfCheckReport, run_selfcheck
from mobile_case.domain.roles import Permission, has_permission
from mobile_case.services.maintenance import CHECKLIST, ItemMark, MaintenanceEntry, Mark
from mobile_case.ui import theme
from mobile_case.ui.kit.recorder_import import RecorderImportPanel
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.layout import Card, SectionHeader

log = logging.getLogger(__name__)

ROW_HEIGHT = 44
PLAN_DAYS = 7  # the disk must hold the recordings of the coming week's visits
_CHIP_ROLE = {
    CheckState.OK: "chip-ready",
    CheckState.SIMULATED: "chip-simulated",
    CheckState.MISSING: "chip-missing",
    CheckState.FAILING: "chip-failing",
}


def _data_dir(services: Any) -> Path:
    return Path(services.store.data_dir)


def selfcheck_job(services: Any, devices: Any) -> SelfCheckReport:
    """On a worker: the week's plan from the store, then every probe (the device pool)."""
    today = services.clock().date()
    plan = services.maintenance.planned_recording(today, today + timedelta(days=PLAN_DAYS - 1))
    return run_selfcheck(devices, _data_dir(services), DiskPlan(plan.visits, plan.seconds))


class KitPage(QWidget):
    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.services = ctx.services
        self.tasks = ctx.tasks
        self.report: SelfCheckReport | None = None
        self.entries: list[MaintenanceEntry] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        header = SectionHeader(
            self.tr("Kit check and maintenance"),
            self.tr(
                "Check the devices before an outing, keep the maintenance log, import the video recorder."
            ),
            level="title",
        )
        outer.addWidget(header)
        self.banner = MessageBanner()
        outer.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setStyleSheet(f"QTabBar::tab {{ min-height: {ROW_HEIGHT}px; padding: 0 16px; }}")
        outer.addWidget(self.tabs, 1)
        # each tab is built the first time it is shown (the first opening stays quick on the GUI thread)
        self._builders = [self._build_check, self._build_maintenance, self._build_log, self._build_import,
                          self._build_lid]  # fmt: skip
        self._built: set[int] = set()
        for title in (self.tr("Check"), self.tr("Maintenance"), self.tr("Log"), self.tr("Video recorder"),
                      self.tr("Lid sensor")):  # fmt: skip
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, title)
        self.ensure_tab(0)
        self.tabs.currentChanged.connect(self._tab_changed)

    def ensure_tab(self, index: int) -> None:
        """Build tab ``index`` now if it has not been built yet."""
        if index in self._built or not 0 <= index < len(self._builders):
            return
        self._built.add(index)
        self.tabs.widget(index).layout().addWidget(self._builders[index]())

    # --- hooks of the main window -------------------------------------------------------------------
    def activate(self, **kwargs: Any) -> None:
        tab = kwargs.get("tab")
        names = ["check", "maintenance", "log", "import", "lid"]
        if tab in names:
            self.tabs.setCurrentIndex(names.index(tab))
        if self.report is None:
            self.run_check()
        if 2 in self._built:
            self._load_log()

    def _tab_changed(self, index: int) -> None:
        self.ensure_tab(index)
        if index == 2:
            self._load_log()

    # --- self-check ----------------------------------------------------------------------------------
    def _build_check(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.check_summary = QLabel(self.tr("The check has not run yet."))
        self.check_summary.setWordWrap(True)
        theme.set_role(self.check_summary, "section")
        top.addWidget(self.check_summary, 1)
        self.check_button = BigButton(self.tr("Check again"), kind="primary")
        self.check_button.clicked.connect(self.run_check)
        top.addWidget(self.check_button)
        layout.addLayout(top)
        card = Card()
        self.check_grid = QGridLayout()
        self.check_grid.setHorizontalSpacing(14)
        self.check_grid.setVerticalSpacing(10)
        self.check_grid.setColumnStretch(2, 1)
        card.body.addLayout(self.check_grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(card)
        layout.addWidget(scroll, 1)
        self.check_rows: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        return page

    def _state_title(self, state: CheckState) -> str:
        return {
            CheckState.OK: self.tr("OK"),
            CheckState.MISSING: self.tr("missing"),
            CheckState.FAILING: self.tr("failing"),
            CheckState.SIMULATED: self.tr("simulator"),
        }[state]

    def _kind_title(self, kind: str) -> str:
        return {
            "card_reader": self.tr("ID card reader"),
            "scanner": self.tr("Scanner"),
            "printer": self.tr("Printer"),
            "camera": self.tr("Camera"),
            "microphone": self.tr("Microphone"),
            "disk": self.tr("Free disk space"),
            "battery": self.tr("Battery"),
            "network": self.tr("Network"),
        }.get(kind, kind)

    def run_check(self) -> None:
        devices = self.ctx.devices or getattr(self.ctx.window, "devices", None)
        if devices is None:
            self.check_summary.setText(self.tr("The devices are still being found. Try again in a moment."))
            return
        self.check_button.setEnabled(False)
        self.check_summary.setText(self.tr("Checking the kit…"))
        self.tasks.run_io(
            selfcheck_job,
            self.services,
            devices,
            on_done=self._show_report,
            on_error=self._check_failed,
            name="kit-selfcheck",
            owner=self,
        )

    def _check_failed(self, failure: TaskFailure) -> None:
        self.check_button.setEnabled(True)
        self.check_summary.setText(self.tr("The check could not run."))
        self.banner.show_error(failure.message)

    def _show_report(self, report: SelfCheckReport) -> None:
        self.report = report
        self.check_button.setEnabled(True)
        for row, item in enumerate(report.items):
            if item.kind not in self.check_rows:
                chip, title, message = QLabel(), QLabel(), QLabel()
                message.setWordWrap(True)
                message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                chip.setMinimumWidth(130)
                chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
                theme.set_role(title, "fieldLabel")
                self.check_grid.addWidget(chip, row, 0, Qt.AlignmentFlag.AlignTop)
                self.check_grid.addWidget(title, row, 1, Qt.AlignmentFlag.AlignTop)
                self.check_grid.addWidget(message, row, 2)
                self.check_rows[item.kind] = (chip, title, message)
            chip, title, message = self.check_rows[item.kind]
            chip.setText(self._state_title(item.state))
            theme.set_role(chip, _CHIP_ROLE[item.state])
            suffix = "" if item.needed else self.tr(" (advisory)")
            title.setText(self._kind_title(item.kind) + suffix)
            message.setText(item.message)  # Ukrainian from the device layer
        if report.ok:
            self.check_summary.setText(self.tr("Everything needed is ready for the outing."))
            self.banner.clear()
        else:
            names = ", ".join(self._kind_title(i.kind).lower() for i in report.problems)
            self.check_summary.setText(self.tr("Not ready for the outing: %1.").replace("%1", names))

    # --- maintenance checklist -----------------------------------------------------------------------
    def _build_maintenance(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(
            self.tr(
                "The routine of the person responsible for the kit (guide, section 1.7). Mark each item you "
                "did; describe any problem — the head will see it in the log."
            )
        )
        note.setWordWrap(True)
        theme.set_role(note, "muted")
        layout.addWidget(note)
        card = Card()
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(4, 2)
        self.marks: dict[str, QButtonGroup] = {}
        self.item_notes: dict[str, QLineEdit] = {}
        mark_titles = [
            (Mark.DONE, self.tr("Done")),
            (Mark.NOT_NEEDED, self.tr("Not needed")),
            (Mark.PROBLEM, self.tr("Problem")),
        ]
        for row, item in enumerate(CHECKLIST):
            texts = QLabel(f"<b>{item.title}</b><br><span style='color:{theme.MUTED}'>{item.hint}</span>")
            texts.setWordWrap(True)
            grid.addWidget(texts, row, 0)
            group = QButtonGroup(self)
            group.setExclusive(False)  # a second tap on the chosen mark clears it
            for col, (mark, title) in enumerate(mark_titles, start=1):
                button = BigButton(title)
                button.setCheckable(True)
                button.setMinimumHeight(ROW_HEIGHT)
                button.setProperty("mark", mark.value)
                group.addButton(button, col)
                grid.addWidget(button, row, col)
            group.buttonToggled.connect(lambda b, on, g=group: self._exclusive(g, b, on))
            self.marks[item.code] = group
            edit = QLineEdit()
            edit.setMinimumHeight(ROW_HEIGHT)
            edit.setPlaceholderText(self.tr("Note (what was done or what is wrong)"))
            grid.addWidget(edit, row, 4)
            self.item_notes[item.code] = edit
        card.body.addLayout(grid)
        card.setStyleSheet(
            f"QPushButton:checked {{ background: {theme.PRIMARY_LIGHT}; border: 2px solid {theme.PRIMARY}; "
            f"color: {theme.PRIMARY_DARK}; }}"
            f'QPushButton[mark="problem"]:checked {{ background: {theme.DANGER_LIGHT}; '
            f"border: 2px solid {theme.DANGER}; color: {theme.DANGER}; }}"
        )
        card.body.addWidget(QLabel(self.tr("General notes")))
        self.general_notes = QPlainTextEdit()
        self.general_notes.setFixedHeight(80)
        card.body.addWidget(self.general_notes)
        self.attach_check = QCheckBox(self.tr("Attach the device states of the last self-check"))
        self.attach_check.setChecked(True)
        self.attach_check.setMinimumHeight(ROW_HEIGHT)
        card.body.addWidget(self.attach_check)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(card)
        layout.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.save_button = BigButton(self.tr("Save to the log"), kind="primary")
        self.save_button.clicked.connect(self.save_maintenance)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        allowed = has_permission(getattr(self.ctx.user, "role", None), Permission.KIT_MAINTENANCE)
        self.save_button.setEnabled(allowed)
        return page

    @staticmethod
    def _exclusive(group: QButtonGroup, button: Any, on: bool) -> None:
        if on:
            for other in group.buttons():
                if other is not button and other.isChecked():
                    other.setChecked(False)

    def chosen_marks(self) -> dict[str, ItemMark]:
        out = {}
        for code, group in self.marks.items():
            checked = next((b for b in group.buttons() if b.isChecked()), None)
            if checked is not None:
                out[code] = ItemMark(Mark(checked.property("mark")), self.item_notes[code].text().strip())
        return out

    def set_mark(self, code: str, mark: Mark, note: str = "") -> None:
        """Mark one item (the same as tapping its button and typing its note)."""
        for b in self.marks[code].buttons():
            if b.property("mark") == mark.value:
                b.setChecked(True)
        self.item_notes[code].setText(note)

    def save_maintenance(self) -> None:
        items = self.chosen_marks()
        devices = self.report.states() if (self.report is not None and self.attach_check.isChecked()) else {}
        self.save_button.setEnabled(False)
        self.tasks.run_db(
            self.services.maintenance.record,
            items,
            self.general_notes.toPlainText(),
            devices,
            on_done=self._saved,
            on_error=self._save_failed,
            name="kit-maintenance-record",
            owner=self,
        )

    def _saved(self, entry: MaintenanceEntry) -> None:
        self.save_button.setEnabled(True)
        for group in self.marks.values():
            for b in group.buttons():
                b.setChecked(False)
        for edit in self.item_notes.values():
            edit.clear()
        self.general_notes.clear()
        self.banner.show_success(
            self.tr("Maintenance of %1 saved to the log.").replace("%1", f"{entry.at:%d.%m.%Y %H:%M}")
        )
        self._load_log()

    def _save_failed(self, failure: TaskFailure) -> None:
        self.save_button.setEnabled(True)
        self.banner.show_error(failure.message)

    # --- the log -------------------------------------------------------------------------------------
    def _build_log(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.log_table = QTableWidget(0, 5)
        self.log_table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Done"), self.tr("Problems"), self.tr("Notes")]
        )
        self.log_table.verticalHeader().setVisible(False)
        self.log_table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_table.setWordWrap(True)
        head = self.log_table.horizontalHeader()
        for col, mode in enumerate(
            [QHeaderView.ResizeMode.ResizeToContents] * 3 + [QHeaderView.ResizeMode.Stretch] * 2
        ):
            head.setSectionResizeMode(col, mode)
        layout.addWidget(self.log_table, 1)
        self.log_empty = QLabel(self.tr("No maintenance has been recorded yet."))
        theme.set_role(self.log_empty, "muted")
        layout.addWidget(self.log_empty)
        return page

    def _load_log(self) -> None:
        if not has_permission(getattr(self.ctx.user, "role", None), Permission.KIT_MAINTENANCE):
            return
        self.tasks.run_db(
            self.services.maintenance.log,
            on_done=self._show_log,
            on_error=lambda f: self.banner.show_error(f.message),
            name="kit-maintenance-log",
            owner=self,
        )

    def _show_log(self, entries: list[MaintenanceEntry]) -> None:
        self.entries = entries
        self.ensure_tab(2)
        titles = {i.code: i.title for i in CHECKLIST}
        self.log_table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            done = [titles.get(c, c) for c, m in e.items.items() if m.mark is Mark.DONE]
            problems = [f"{titles.get(c, c)}: {m.note}" for c, m in e.items.items() if m.mark is Mark.PROBLEM]
            values = [
                f"{e.at:%d.%m.%Y %H:%M}",
                e.performed_by_name,
                str(len(done)),
                "; ".join(problems),
                e.notes,
            ]
            devices = "\n".join(
                f"{self._kind_title(kind)}: {self._state_title(CheckState(state))}"
                for kind, state in e.devices.items()
                if state in CheckState._value2member_map_
            )
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if col == 0 and devices:  # the self-check's states at that moment
                    cell.setToolTip(self.tr("Devices at that moment:") + "\n" + devices)
                if col == 2:
                    cell.setToolTip(", ".join(done))
                self.log_table.setItem(row, col, cell)
        self.log_table.resizeRowsToContents()
        self.log_empty.setVisible(not entries)

    # --- import from the external video recorder -----------------------------------------------------
    def _build_import(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.importer = RecorderImportPanel(self.tasks, self.services, self.banner)
        layout.addWidget(self.importer, 1)
        if not has_permission(getattr(self.ctx.user, "role", None), Permission.RUN_VISIT):
            self.importer.note.setText(
                self.tr(
                    "Recordings are imported by an administrator or the head (they belong to the visits)."
                )
            )
            self.importer.find_button.setEnabled(False)
        return page

    # --- the lid sensor ------------------------------------------------------------------------------
    def _build_lid(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(
            self.tr(
                "A switch in the case can stop the recording when the lid is closed and start it again when "
                "it is opened — only during an open visit with the consent to recording."
            )
        )
        note.setWordWrap(True)
        theme.set_role(note, "muted")
        layout.addWidget(note)
        form = self.lid_form = QFormLayout()
        config = lid_settings.load_config(_data_dir(self.services))
        self.lid_source = QComboBox()
        for value, title in (
            ("none", self.tr("Off")),
            ("serial", self.tr("Serial port (USB adapter)")),
            ("hid", self.tr("Keyboard switch (keys)")),
        ):
            self.lid_source.addItem(title, value)
        self.lid_port = QLineEdit(config.port)
        self.lid_port.setPlaceholderText("/dev/ttyUSB0, COM3")
        self.lid_signal = QComboBox()
        for value, title in (
            ("lines", self.tr("Text lines (OPEN / CLOSED)")),
            ("cts", "CTS"),
            ("dsr", "DSR"),
            ("cd", "CD"),
        ):
            self.lid_signal.addItem(title, value)
        self.lid_open_text = QLineEdit(config.open_text)
        self.lid_closed_text = QLineEdit(config.closed_text)
        self.lid_active_open = QCheckBox(self.tr("Signal on means the lid is open"))
        self.lid_active_open.setChecked(config.active_means_open)
        self.lid_open_key = QLineEdit(config.open_key)
        self.lid_closed_key = QLineEdit(config.closed_key)
        self.lid_debounce = QSpinBox()
        self.lid_debounce.setRange(0, 5000)
        self.lid_debounce.setSuffix(self.tr(" ms"))
        self.lid_debounce.setValue(config.debounce_ms)
        self.lid_source.setCurrentIndex(max(0, self.lid_source.findData(config.source)))
        self.lid_signal.setCurrentIndex(max(0, self.lid_signal.findData(config.signal)))
        for widget in (self.lid_source, self.lid_port, self.lid_signal, self.lid_open_text, self.lid_closed_text,
                       self.lid_open_key, self.lid_closed_key, self.lid_debounce, self.lid_active_open):  # fmt: skip
            widget.setMinimumHeight(ROW_HEIGHT)
        form.addRow(self.tr("Sensor"), self.lid_source)
        form.addRow(self.tr("Port"), self.lid_port)
        form.addRow(self.tr("Signal"), self.lid_signal)
        form.addRow(self.tr("Word for «opened»"), self.lid_open_text)
        form.addRow(self.tr("Word for «closed»"), self.lid_closed_text)
        form.addRow("", self.lid_active_open)
        form.addRow(self.tr("Key for «opened»"), self.lid_open_key)
        form.addRow(self.tr("Key for «closed»"), self.lid_closed_key)
        form.addRow(self.tr("Debounce"), self.lid_debounce)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.lid_status = QLabel()
        self.lid_status.setWordWrap(True)
        row.addWidget(self.lid_status, 1)
        self.lid_save = BigButton(self.tr("Save and apply"), kind="primary")
        self.lid_save.clicked.connect(self.apply_lid)
        row.addWidget(self.lid_save)
        layout.addLayout(row)
        layout.addStretch(1)
        allowed = has_permission(getattr(self.ctx.user, "role", None), Permission.MANAGE_DEVICES)
        self.lid_save.setEnabled(allowed)
        self.lid_source.currentIndexChanged.connect(self._lid_fields)
        self.lid_signal.currentIndexChanged.connect(self._lid_fields)
        self._lid_fields()
        watcher = self._watcher()
        if watcher is not None:
            watcher.lid_changed.connect(lambda _o: self._lid_state())
            watcher.problem.connect(lambda _m: self._lid_state())
        self._lid_state()
        return page

    def _watcher(self) -> Any:
        return getattr(self.ctx.window, "lid_trigger", None)

    def _lid_fields(self) -> None:
        """Show only the fields of the chosen sensor."""
        source = self.lid_source.currentData()
        lines = self.lid_signal.currentData() == "lines"
        serial = source == "serial"
        visible = {
            self.lid_port: serial,
            self.lid_signal: serial,
            self.lid_open_text: serial and lines,
            self.lid_closed_text: serial and lines,
            self.lid_active_open: serial and not lines,
            self.lid_debounce: serial and not lines,
            self.lid_open_key: source == "hid",
            self.lid_closed_key: source == "hid",
        }
        for widget, shown in visible.items():
            self.lid_form.setRowVisible(widget, shown)

    def lid_config(self) -> lid_settings.LidConfig:
        return lid_settings.LidConfig(
            source=self.lid_source.currentData(),
            port=self.lid_port.text().strip(),
            signal=self.lid_signal.currentData(),
            open_text=self.lid_open_text.text().strip(),
            closed_text=self.lid_closed_text.text().strip(),
            active_means_open=self.lid_active_open.isChecked(),
            open_key=self.lid_open_key.text().strip(),
            closed_key=self.lid_closed_key.text().strip(),
            debounce_ms=self.lid_debounce.value(),
        )

    def apply_lid(self) -> None:
        config = self.lid_config()
        try:
            config.validate()
        except lid_settings.LidError as exc:
            self.banner.show_error(exc.user_message)
            return
        lid_settings.save_config(_data_dir(self.services), config)
        watcher = self._watcher()
        if watcher is not None:
            try:
                watcher.apply(config)
            except lid_settings.LidError as exc:
                self.banner.show_error(exc.user_message)
                return
        self.banner.show_success(self.tr("Lid sensor settings saved."))
        self._lid_state()

    def _lid_state(self) -> None:
        watcher = self._watcher()
        if watcher is None or not watcher.active:
            self.lid_status.setText(self.tr("The sensor is off: the recording follows the visit only."))
        elif watcher.last_problem:
            self.lid_status.setText(watcher.last_problem)
        elif watcher.opened is None:
            self.lid_status.setText(self.tr("The sensor is on; waiting for its first signal."))
        elif watcher.opened:
            self.lid_status.setText(
                self.tr("The lid is open (%1).").replace("%1", f"{datetime.now():%H:%M:%S}")
            )
        else:
            self.lid_status.setText(
                self.tr("The lid is closed (%1).").replace("%1", f"{datetime.now():%H:%M:%S}")
            )
