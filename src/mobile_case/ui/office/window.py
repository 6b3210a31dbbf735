"""The head's office window (``mobile-case office``): what arrived from every kit, the merged journals, and
the restricted recordings archive with playback.

Every call to the station runs in a worker (``ui/tasks.py`` ``run_io``); results come back by signals.
The recordings tab and its «open» button exist only for the head's account (the station also answers
403 to anyone else). Opening a recording asks for the reason (logged by the station with who and when),
decrypts it into a private temporary file, and plays it with QtMultimedia; the file is removed when the
player is closed or the window quits.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mobile_case.station.office_client import OfficeClient
from mobile_case.ui import tasks, theme
from mobile_case.ui.widgets.buttons import BigButton

JOURNAL_KINDS = ("services", "acts", "handover")
QR_SIDE = 220  # px: the pairing QR on screen (a kit's camera reads it from 20–40 cm)


def _pair_code_with_qr(client: Any) -> dict[str, Any]:
    """(worker) A new one-time pairing code from the station, with its QR code as a PNG."""
    from mobile_case.sync.qr import qr_png

    code = dict(client.pair_code())
    code["qr_png"] = qr_png(code["code"], scale=6)
    return code


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(theme.TOUCH_MIN)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # titles are never cut
    header.setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]], keys: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if keys is not None and c == 0:
                item.setData(256, keys[r])  # Qt.UserRole
            table.setItem(r, c, item)


def _day(text: str | None) -> str:
    """A date (YYYY-MM-DD) as DD.MM.YYYY; a UTC moment (…Z) in local time as DD.MM.YYYY HH:MM."""
    if not text or len(text) < 10:
        return text or ""
    if len(text) >= 16:
        from datetime import datetime

        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return moment.strftime("%d.%m.%Y %H:%M")
    y, m, d = text[:10].split("-")
    return f"{d}.{m}.{y}"


def _person(subject: Any) -> str:
    if not isinstance(subject, dict):
        return ""
    parts = [subject.get(k, "") for k in ("surname", "given_name", "patronymic")]  # domain Person fields
    return " ".join(p for p in parts if p)


class ReasonDialog(QDialog):
    """Asks why a recording is opened; the reason goes to the station's access log."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open recording"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "Recordings are opened only for a reason. Write why you open this recording "
                "(a complaint, a check, a request from a body): it is logged with your name and the time."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.reason = QLineEdit()
        self.reason.setMinimumHeight(theme.TOUCH_MIN)
        self.reason.setPlaceholderText(self.tr("Reason, e.g. a complaint of 02.12.2026"))
        layout.addWidget(self.reason)
        row = QHBoxLayout()
        self.cancel = BigButton(self.tr("Cancel"))
        self.ok = BigButton(self.tr("Open"), kind="primary")
        self.ok.setEnabled(False)
        row.addStretch(1)
        row.addWidget(self.cancel)
        row.addWidget(self.ok)
        layout.addLayout(row)
        self.reason.textChanged.connect(lambda t: self.ok.setEnabled(len(t.strip()) >= 3))
        self.cancel.clicked.connect(self.reject)
        self.ok.clicked.connect(self.accept)
        self.resize(640, 260)


class PlayerPanel(QWidget):
    """QMediaPlayer + QVideoWidget for one decrypted recording (a private temporary file)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        theme.set_role(self.title, "section")
        layout.addWidget(self.title)
        self.video = QVideoWidget()
        self.video.setMinimumSize(320, 240)
        layout.addWidget(self.video, 1)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video)
        row = QHBoxLayout()
        self.play = BigButton(self.tr("Play / pause"), kind="primary")
        self.close_button = BigButton(self.tr("Close the recording"))
        row.addWidget(self.play)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.play.clicked.connect(self._toggle)
        self.path: Path | None = None

    def _toggle(self) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def open(self, path: Path, title: str) -> None:
        self.stop()
        self.path = path
        self.title.setText(title)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.play()

    def stop(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())
        if self.path is not None:
            self.path.unlink(missing_ok=True)
            self.path = None


class OfficeWindow(QMainWindow):
    def __init__(self, client: OfficeClient, runner: tasks.TaskRunner | None = None) -> None:
        super().__init__()
        self.client = client
        self.runner = runner or tasks.runner()
        self.temp_dir = Path(tempfile.mkdtemp(prefix="mobile-case-office-"))
        self.setWindowTitle(self.tr("CNAP office — Mobile case station"))
        self.resize(1280, 800)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._build_login()
        self._build_main()
        self.stack.setCurrentWidget(self.login_page)
        self.recordings: list[dict[str, Any]] = []

    # --- building ---------------------------------------------------------------------------------
    def _build_login(self) -> None:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(480)
        layout = QVBoxLayout(box)
        title = QLabel(self.tr("CNAP office"))
        theme.set_role(title, "title")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Station: %1").replace("%1", self.client.base_url)))
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(self.tr("Login"))
        self.login_edit.setMinimumHeight(theme.TOUCH_MIN)
        self.pin_edit = QLineEdit()
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMinimumHeight(theme.TOUCH_MIN)
        self.login_button = BigButton(self.tr("Log in"), kind="primary")
        self.login_error = QLabel()
        self.login_error.setWordWrap(True)
        theme.set_role(self.login_error, "error")
        for w in (self.login_edit, self.pin_edit, self.login_button, self.login_error):
            layout.addWidget(w)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.login_button.clicked.connect(self._login)
        self.pin_edit.returnPressed.connect(self._login)
        self.login_page = page
        self.stack.addWidget(page)

    def _build_main(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.who = QLabel()
        top.addWidget(self.who, 1)
        self.refresh_button = BigButton(self.tr("Refresh"))
        self.logout_button = BigButton(self.tr("Log out"))
        top.addWidget(self.refresh_button)
        top.addWidget(self.logout_button)
        layout.addLayout(top)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # kits
        kits = QWidget()
        kl = QVBoxLayout(kits)
        self.kits_table = _table([self.tr("Kit"), self.tr("State"), self.tr("Packages"), self.tr("Paired"),
                                  self.tr("Last contact")])
        kl.addWidget(self.kits_table, 1)
        krow = QHBoxLayout()
        self.pair_button = BigButton(self.tr("New pairing code"), kind="primary")
        self.revoke_button = BigButton(self.tr("Revoke the kit"), kind="danger")
        self.pair_code = QLabel()
        self.pair_code.setWordWrap(True)
        self.pair_code.setTextInteractionFlags(self.pair_code.textInteractionFlags() | _selectable())
        krow.addWidget(self.pair_button)
        krow.addWidget(self.revoke_button)
        krow.addWidget(self.pair_code, 1)
        self.pair_qr = QLabel()  # the code as a QR, for the kit's camera (Settings → Sync on the kit)
        self.pair_qr.setFixedSize(QR_SIDE, QR_SIDE)
        self.pair_qr.setScaledContents(True)
        self.pair_qr.hide()
        krow.addWidget(self.pair_qr, 0)
        kl.addLayout(krow)
        self.tabs.addTab(kits, self.tr("Kits"))

        # cases
        cases = QWidget()
        cl = QVBoxLayout(cases)
        self.cases_kit = QComboBox()  # which kit's cases: all, or one
        self.cases_kit.setMinimumHeight(theme.TOUCH_MIN)
        self.cases_kit.addItem(self.tr("All kits"), None)
        cl.addWidget(self.cases_kit)
        self.cases_table = _table([self.tr("Received"), self.tr("Kit"), self.tr("Request"), self.tr("Service date"),
                                   self.tr("Applicant"), self.tr("Files")])
        cl.addWidget(self.cases_table, 1)
        self.cases_page = cases
        self.tabs.addTab(cases, self.tr("Arrived cases"))

        # journals
        journals = QWidget()
        jl = QVBoxLayout(journals)
        self.journal_kind = QComboBox()
        self.journal_kind.setMinimumHeight(theme.TOUCH_MIN)
        for kind, title in zip(
            JOURNAL_KINDS,
            (self.tr("Services journal (Annex 3)"), self.tr("Acts journal"), self.tr("Kit hand-over journal (Annex 1)")),
            strict=True,
        ):
            self.journal_kind.addItem(title, kind)
        jl.addWidget(self.journal_kind)
        self.journal_table = _table([self.tr("No."), self.tr("Date"), self.tr("Kit"), self.tr("Request"),
                                     self.tr("Details")])
        jl.addWidget(self.journal_table, 1)
        self.tabs.addTab(journals, self.tr("Merged journals"))

        # recordings archive (head only): the list and the access log on the left, the player on the right
        archive = QWidget()
        columns = QHBoxLayout(archive)
        left = QWidget()
        al = QVBoxLayout(left)
        al.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(left, 3)
        note = QLabel(self.tr("Restricted archive: every opening is logged with who, when and why. Recordings "
                              "are destroyed three months after the service date."))
        note.setWordWrap(True)
        al.addWidget(note)
        self.recordings_table = _table([self.tr("Service date"), self.tr("Kit"), self.tr("Recording"),
                                        self.tr("Size, MB"), self.tr("Kept until")])
        al.addWidget(self.recordings_table, 1)
        arow = QHBoxLayout()
        self.open_button = BigButton(self.tr("Open recording"), kind="primary")
        arow.addWidget(self.open_button)
        arow.addStretch(1)
        al.addLayout(arow)
        self.access_table = _table([self.tr("When"), self.tr("Who"), self.tr("Recording"), self.tr("Reason")])
        access_title = QLabel(self.tr("Access log"))
        theme.set_role(access_title, "section")
        al.addWidget(access_title)
        al.addWidget(self.access_table, 1)
        self.player = PlayerPanel()
        self.player.hide()
        columns.addWidget(self.player, 2)
        self.archive_page = archive
        self.main_page = page
        self.stack.addWidget(page)

        self.refresh_button.clicked.connect(self.refresh)
        self.logout_button.clicked.connect(self._logout)
        self.journal_kind.currentIndexChanged.connect(lambda _i: self._load_journal())
        self.cases_kit.currentIndexChanged.connect(lambda _i: self._load_cases())
        self.open_button.clicked.connect(self._open_recording)
        self.pair_button.clicked.connect(self._new_code)
        self.revoke_button.clicked.connect(self._revoke)
        self.player.close_button.clicked.connect(self._close_player)

    # --- messages ---------------------------------------------------------------------------------
    def show_message(self, text: str, error: bool = True) -> None:
        theme.set_role(self.message, "error" if error else "muted")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _failed(self, failure: tasks.TaskFailure) -> None:
        self.show_message(failure.message)

    # --- login ------------------------------------------------------------------------------------
    def _login(self) -> None:
        login, pin = self.login_edit.text().strip(), self.pin_edit.text()
        if not login or not pin:
            self.login_error.setText(self.tr("Enter the login and the PIN."))
            return
        self.login_button.setEnabled(False)
        self.login_error.setText(self.tr("Logging in…"))
        self.runner.run_io(self.client.login, login, pin, on_done=self._logged_in, on_error=self._login_failed,
                           owner=self, name="office.login")

    def _login_failed(self, failure: tasks.TaskFailure) -> None:
        self.login_button.setEnabled(True)
        self.pin_edit.clear()
        self.login_error.setText(failure.message)

    def _logged_in(self, account: dict[str, Any]) -> None:
        self.login_button.setEnabled(True)
        self.pin_edit.clear()
        self.login_error.clear()
        head = account.get("role") == "head"
        role = self.tr("head of the Centre") if head else self.tr("administrator")
        self.who.setText(f"{account.get('name', '')} — {role}")
        index = self.tabs.indexOf(self.archive_page)
        if head and index < 0:
            self.tabs.addTab(self.archive_page, self.tr("Recordings archive"))
        elif not head and index >= 0:
            self.tabs.removeTab(index)
        self.pair_button.setVisible(head)
        self.revoke_button.setVisible(head)
        self.stack.setCurrentWidget(self.main_page)
        self.refresh()

    def _logout(self) -> None:
        self._close_player()
        self.runner.run_io(self.client.logout, owner=self, name="office.logout", on_error=lambda _f: None)
        self.stack.setCurrentWidget(self.login_page)

    # --- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.show_message("")
        self.runner.run_io(self.client.kits, on_done=self._show_kits, on_error=self._failed, owner=self,
                           name="office.kits")
        self._load_cases()
        self._load_journal()
        if self.client.is_head:
            self.runner.run_io(self.client.recordings, on_done=self._show_recordings, on_error=self._failed,
                               owner=self, name="office.recordings")
            self.runner.run_io(self.client.access_log, on_done=self._show_access, on_error=self._failed,
                               owner=self, name="office.access")

    def _load_cases(self) -> None:
        self.runner.run_io(self.client.cases, self.cases_kit.currentData(), on_done=self._show_cases,
                           on_error=self._failed, owner=self, name="office.cases")

    def _load_journal(self) -> None:
        kind = self.journal_kind.currentData()
        self.runner.run_io(self.client.journal, kind, on_done=self._show_journal, on_error=self._failed, owner=self,
                           name="office.journal")

    def _show_kits(self, kits: list[dict[str, Any]]) -> None:
        self.kits = kits
        chosen = self.cases_kit.currentData()
        self.cases_kit.blockSignals(True)
        while self.cases_kit.count() > 1:
            self.cases_kit.removeItem(1)
        for k in kits:
            self.cases_kit.addItem(k["name"], k["kit_id"])
            if k["kit_id"] == chosen:
                self.cases_kit.setCurrentIndex(self.cases_kit.count() - 1)
        self.cases_kit.blockSignals(False)
        _fill(
            self.kits_table,
            [[k["name"], self.tr("active") if k["state"] == "active" else self.tr("revoked"), k["packages"],
              _day(k["paired_at"]), _day(k.get("last_seen_at"))] for k in kits],
            [k["kit_id"] for k in kits],
        )

    def _show_cases(self, cases: list[dict[str, Any]]) -> None:
        rows = []
        for c in cases:
            case = c.get("case") or {}
            request = case.get("request") if isinstance(case.get("request"), dict) else {}
            rows.append([_day(c["received_at"]), c["kit_name"], case.get("request_number") or request.get("number", ""),
                         _day(c.get("service_date")), _person(request.get("subject")), len(c.get("files", []))])
        _fill(self.cases_table, rows, [c["package_id"] for c in cases])

    def _show_journal(self, lines: list[dict[str, Any]]) -> None:
        rows = []
        for item in lines:
            line = item["line"]
            details = (
                line.get("service_titles")
                or ", ".join(line.get("service_codes", []) or [])
                or line.get("destination", "")
            )
            who = _person(line.get("subject")) or line.get("subject_name", "") or line.get("given_by_name", "")
            rows.append([line.get("number", ""), _day(item.get("day")), item["kit_name"], line.get("request_number", ""),
                         " — ".join(p for p in (who, details) if p)])
        _fill(self.journal_table, rows)

    def _show_recordings(self, recordings: list[dict[str, Any]]) -> None:
        self.recordings = recordings
        _fill(
            self.recordings_table,
            [[_day(r["service_date"]), r["kit_name"], r["name"], f"{r['size'] / 1e6:.2f}", _day(r["keep_until"])]
             for r in recordings],
            [r["recording_id"] for r in recordings],
        )
        self.open_button.setEnabled(bool(recordings))

    def _show_access(self, rows: list[dict[str, Any]]) -> None:
        _fill(self.access_table, [[_day(r["at"]), r["login"], r["recording_id"][:8], r["reason"]] for r in rows])

    # --- recordings -------------------------------------------------------------------------------
    def selected_recording(self) -> dict[str, Any] | None:
        row = self.recordings_table.currentRow()
        if row < 0 and self.recordings:
            row = 0
        return self.recordings[row] if 0 <= row < len(self.recordings) else None

    def ask_reason(self) -> str | None:
        dialog = ReasonDialog(self)
        return dialog.reason.text().strip() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _open_recording(self) -> None:
        rec = self.selected_recording()
        if rec is None:
            return
        reason = self.ask_reason()
        if not reason:
            return
        self.open_button.setEnabled(False)
        self.show_message(self.tr("Decrypting the recording…"), error=False)
        self.runner.run_io(
            self.client.open_recording, rec["recording_id"], reason, self.temp_dir,
            on_done=lambda path: self._play(path, rec), on_error=self._open_failed, owner=self,
            name="office.open_recording",
        )

    def _open_failed(self, failure: tasks.TaskFailure) -> None:
        self.open_button.setEnabled(True)
        self.show_message(failure.message)

    def _play(self, path: Path, rec: dict[str, Any]) -> None:
        self.open_button.setEnabled(True)
        self.show_message("")
        self.player.show()
        self.player.open(path, f"{_day(rec['service_date'])} — {rec['kit_name']} — {rec['name']}")
        self.runner.run_io(self.client.access_log, on_done=self._show_access, on_error=self._failed, owner=self,
                           name="office.access")

    def _close_player(self) -> None:
        self.player.stop()
        self.player.hide()

    # --- kits -------------------------------------------------------------------------------------
    def _new_code(self) -> None:
        self.runner.run_io(_pair_code_with_qr, self.client, on_done=self._show_code, on_error=self._failed,
                           owner=self, name="office.pair_code")

    def _show_code(self, code: dict[str, Any]) -> None:
        png = code.get("qr_png")
        if png:
            from PySide6.QtGui import QPixmap

            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            self.pair_qr.setPixmap(pixmap)
            self.pair_qr.show()
        self.pair_code.setText(
            self.tr("Pairing code (15 min, single use): %1\nor type: address %2, port %3, secret %4")
            .replace("%1", code["code"]).replace("%2", code["host"]).replace("%3", str(code["port"]))
            .replace("%4", code["secret"])
        )

    def _revoke(self) -> None:
        row = self.kits_table.currentRow()
        if row < 0:
            self.show_message(self.tr("Choose the kit to revoke in the list."))
            return
        kit_id = self.kits_table.item(row, 0).data(256)
        from mobile_case.ui.widgets.dialogs import confirm

        if not confirm(self, self.tr("Revoke the kit"),
                       self.tr("The station will refuse this kit from now on. Continue?"), danger=True):
            return
        self.runner.run_io(self.client.revoke, kit_id, on_done=lambda _r: self.refresh(), on_error=self._failed,
                           owner=self, name="office.revoke")

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        self._close_player()
        shutil.rmtree(self.temp_dir, ignore_errors=True)
        self.client.close()  # the window owns the station session
        super().closeEvent(event)


def _selectable():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.TextInteractionFlag.TextSelectableByMouse


def run_office(base_url: str, cert_sha256: str, cert_path: Path | None) -> int:
    """``mobile-case office``: the window, with the app's theme and Ukrainian translations."""
    import sys

    from PySide6.QtWidgets import QApplication

    from mobile_case import i18n

    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.apply_theme(app)
    i18n.install(app)
    client = OfficeClient(base_url, cert_sha256, cert_path)
    window = OfficeWindow(client)
    window.show()
    try:
        return int(app.exec())
    finally:
        tasks.runner().shutdown(wait=False)
        client.close()
