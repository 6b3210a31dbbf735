"""Settings → Sync (issue 4): pairing the kit with the CNAP office station (the one-time code, or the
address, port and secret typed separately) and the sync settings (chunk size, bandwidth limit,
recordings over mobile data, days to keep local copies, automatic sync). Network and database work run
on workers; the page only shows the results."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mobile_case.ui import theme
from mobile_case.ui.tasks import TaskFailure
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton
from mobile_case.ui.widgets.layout import Card
from mobile_case.ui.widgets.lineedit import LabeledLineEdit


def _load(services: Any) -> tuple[Any, Any]:
    from mobile_case.services.sync import SyncService

    svc = SyncService(services)
    return svc.status(), svc.settings()


def _pair(services: Any, code: str, host: str, port: int, secret: str) -> Any:
    from mobile_case.services.sync import SyncService

    return SyncService(services).pair(code=code, host=host, port=port, secret=secret)


def _start_sync(services: Any, devices: Any) -> bool:
    """(worker) Paired in Settings while logged in: the background sync starts now, not at the next login."""
    from mobile_case.services.sync import link_from_monitor, start_if_paired

    monitor = getattr(devices, "network", None) if devices is not None else None
    return start_if_paired(services, link_from_monitor(monitor) if monitor is not None else None)


def _save(services: Any, values: dict[str, Any]) -> Any:
    from mobile_case.services.sync import SyncService
    from mobile_case.sync.settings import SyncSettings

    return SyncService(services).save_settings(SyncSettings(**values))


def camera_for_qr(devices: Any) -> Any:
    """(worker) The camera that reads the station's QR code: the kit's document camera (the simulated
    one when devices are simulated — it shows no QR, so the scan ends with its message)."""
    from mobile_case.ui.visit.scan_editor import camera_for

    return camera_for(devices)


PREVIEW_WIDTH = 360  # px: the camera preview while the QR code is scanned
PREVIEW_EVERY = 0.2  # s: at most five preview frames a second cross to the GUI thread


def _scan_qr(devices: Any, camera_factory: Any, bridge: Any, cancelled: Any) -> str:
    """(worker) Scan the camera for the pairing QR; each 0.2 s a small RGB copy of the frame goes to the
    preview through ``bridge.frame`` (a queued signal)."""
    import time

    import cv2

    from mobile_case.sync.qr import scan_camera

    last = [0.0]

    def preview(frame: Any) -> None:
        now = time.monotonic()
        if now - last[0] < PREVIEW_EVERY:
            return
        last[0] = now
        h, w = frame.shape[:2]
        small = cv2.resize(frame, (PREVIEW_WIDTH, max(1, h * PREVIEW_WIDTH // w)), interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB) if small.ndim == 3 else cv2.cvtColor(small, cv2.COLOR_GRAY2RGB)
        bridge.frame.emit(rgb.copy())

    return scan_camera(camera_factory(devices), cancelled=cancelled, on_frame=preview)


class _FrameBridge(QObject):
    frame = Signal(object)  # an RGB numpy array, from the scanning worker


def _spin(lo: int, hi: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setSuffix(suffix)
    box.setMinimumHeight(theme.TOUCH_MIN)
    box.setMinimumWidth(160)
    return box


class SyncSettingsTab(QScrollArea):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setSpacing(12)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)

        pair_card = Card()
        title = QLabel(self.tr("Pairing with the CNAP office station"))
        theme.set_role(title, "section")
        pair_card.body.addWidget(title)
        self.pair_state = QLabel("")
        self.pair_state.setWordWrap(True)
        pair_card.body.addWidget(self.pair_state)
        help_text = QLabel(
            self.tr(
                "On the station, the head of the Centre creates a one-time code (valid 15 minutes). Scan its "
                "QR code with the camera, or enter the whole code, or the address, port and secret separately."
            )
        )
        help_text.setWordWrap(True)
        theme.set_role(help_text, "muted")
        pair_card.body.addWidget(help_text)
        self.code_edit = LabeledLineEdit(self.tr("Pairing code"), placeholder="MK1-…")
        pair_card.body.addWidget(self.code_edit)
        parts = QHBoxLayout()
        self.host_edit = LabeledLineEdit(self.tr("Station address"))
        self.port_edit = LabeledLineEdit(self.tr("Port"))
        self.secret_edit = LabeledLineEdit(self.tr("Secret (10 characters)"))
        for w in (self.host_edit, self.port_edit, self.secret_edit):
            parts.addWidget(w, 1)
        pair_card.body.addLayout(parts)
        buttons = QHBoxLayout()
        self.pair_button = BigButton(self.tr("Pair"), kind="primary")
        self.pair_button.clicked.connect(self.pair)
        buttons.addWidget(self.pair_button)
        self.scan_button = BigButton(self.tr("Scan the QR code with the camera"))
        self.scan_button.setToolTip(
            self.tr("Hold the QR code shown by the station in front of the kit's camera (20–40 cm).")
        )
        self.scan_button.clicked.connect(self.scan_code)
        buttons.addWidget(self.scan_button)
        self.stop_scan_button = BigButton(self.tr("Stop scanning"))
        self.stop_scan_button.clicked.connect(self.stop_scan)
        self.stop_scan_button.setVisible(False)
        buttons.addWidget(self.stop_scan_button)
        buttons.addStretch(1)
        pair_card.body.addLayout(buttons)
        self.preview = QLabel()  # what the camera sees while the QR code is scanned
        self.preview.setFixedWidth(PREVIEW_WIDTH)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #222;")
        self.preview.setVisible(False)
        pair_card.body.addWidget(self.preview)
        self.camera_factory = camera_for_qr  # tests hand in a camera showing a QR
        self._frames = _FrameBridge(self)
        self._frames.frame.connect(self._show_frame)
        self._scan_cancelled = False
        self.frames_shown = 0
        layout.addWidget(pair_card)

        set_card = Card()
        title2 = QLabel(self.tr("Sync settings"))
        theme.set_role(title2, "section")
        set_card.body.addWidget(title2)
        form = QFormLayout()
        self.auto_box = QCheckBox(self.tr("Sync automatically when the station answers"))
        self.auto_box.setMinimumHeight(theme.TOUCH_MIN)
        self.mobile_box = QCheckBox(self.tr("Allow recordings over mobile data (decided by the head)"))
        self.mobile_box.setMinimumHeight(theme.TOUCH_MIN)
        self.chunk_spin = _spin(1, 64, self.tr(" MB"))
        self.rate_spin = _spin(0, 1_000_000, self.tr(" kbit/s"))
        self.rate_spin.setSpecialValueText(self.tr("no limit"))
        self.keep_spin = _spin(0, 3650, self.tr(" days"))
        form.addRow(self.auto_box)
        form.addRow(self.mobile_box)
        form.addRow(self.tr("Chunk size"), self.chunk_spin)
        form.addRow(self.tr("Bandwidth limit"), self.rate_spin)
        form.addRow(self.tr("Keep local copies after delivery"), self.keep_spin)
        set_card.body.addLayout(form)
        self.save_button = BigButton(self.tr("Save"), kind="primary")
        self.save_button.clicked.connect(self.save)
        set_card.body.addWidget(self.save_button)
        layout.addWidget(set_card)
        layout.addStretch(1)
        self.setWidget(inner)
        self.settings: Any = None

    def title(self) -> str:
        """The tab's title in Settings."""
        return self.tr("Sync")

    def load(self) -> None:
        self.ctx.tasks.run_db(
            _load,
            self.ctx.services,
            on_done=self._show,
            on_error=self._failed,
            name="sync-settings-load",
            owner=self,
        )

    def _show(self, result: tuple[Any, Any]) -> None:
        status, settings = result
        self.settings = settings
        if status.paired:
            text = self.tr("Paired with «%1» (%2). Certificate fingerprint: %3…")
            text = text.replace("%1", status.station_name).replace("%2", status.url)
            self.pair_state.setText(text.replace("%3", status.cert_sha256[:16]))
            if status.revoked:
                self.banner.show_error(self.tr("This kit was revoked at the CNAP office station."))
        else:
            self.pair_state.setText(self.tr("The kit is not paired yet."))
        self.auto_box.setChecked(settings.auto)
        self.mobile_box.setChecked(settings.recordings_over_mobile)
        self.chunk_spin.setValue(max(1, settings.chunk_bytes // (1024 * 1024)))
        self.rate_spin.setValue(settings.rate_limit_kbps)
        self.keep_spin.setValue(settings.keep_local_days)

    def scan_code(self) -> None:
        """Read the pairing code from the station's QR code with the camera (worker, with a live
        preview), then pair."""
        self.scan_button.setEnabled(False)
        self.pair_button.setEnabled(False)
        self.stop_scan_button.setVisible(True)
        self._scan_cancelled = False
        self.frames_shown = 0
        self.banner.show_info(
            self.tr("Hold the QR code shown by the station in front of the camera (20–40 cm)…")
        )
        self.ctx.tasks.run_io(
            _scan_qr,
            getattr(self.ctx, "devices", None),
            self.camera_factory,
            self._frames,
            lambda: self._scan_cancelled,
            on_done=self._scanned,
            on_error=self._failed,
            name="sync-scan-qr",
            owner=self,
        )

    def stop_scan(self) -> None:
        self._scan_cancelled = True  # the worker lets the camera go at its next frame

    def _show_frame(self, rgb: Any) -> None:
        if not self.stop_scan_button.isVisible():
            return  # a frame that crossed after the scan ended
        h, w = rgb.shape[:2]
        image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview.setVisible(True)
        if self.frames_shown == 0:  # scrolled into view once (after the layout placed it), not fought over
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, lambda: self.ensureWidgetVisible(self.preview, 0, 16))
        self.frames_shown += 1

    def _scan_ended(self) -> None:
        self.scan_button.setEnabled(True)
        self.pair_button.setEnabled(True)
        self.stop_scan_button.setVisible(False)
        self.preview.setVisible(False)
        self.preview.clear()

    def _scanned(self, code: str) -> None:
        self._scan_ended()
        if not code:  # stopped by the user
            self.banner.show_info(self.tr("Scanning stopped."))
            return
        self.code_edit.setText(code)
        self.pair()

    def _failed(self, failure: TaskFailure) -> None:
        self._scan_ended()
        self.save_button.setEnabled(True)
        self.banner.show_error(failure.message)

    def pair(self) -> None:
        code = self.code_edit.text().strip()
        host = self.host_edit.text().strip()
        try:
            port = int(self.port_edit.text().strip() or 0)
        except ValueError:
            port = -1
        secret = self.secret_edit.text().strip()
        if not code and not (host and port > 0 and secret):
            self.banner.show_error(
                self.tr("Enter the pairing code, or the station address, port and secret.")
            )
            return
        self.pair_button.setEnabled(False)
        self.banner.show_info(self.tr("Connecting to the station…"))
        self.ctx.tasks.run_io(
            _pair,
            self.ctx.services,
            code,
            host,
            max(port, 0),
            secret,
            on_done=self._paired,
            on_error=self._failed,
            name="sync-pair",
            owner=self,
        )

    def _paired(self, result: Any) -> None:
        self.pair_button.setEnabled(True)
        self.ctx.tasks.run_io(
            _start_sync,
            self.ctx.services,
            getattr(self.ctx, "devices", None),
            on_error=lambda _f: None,  # the next login starts it; «Синхронізувати зараз» too
            name="sync-start-after-pairing",
            owner=self,
        )
        self.code_edit.setText("")
        self.secret_edit.setText("")
        self.banner.show_success(
            self.tr("The kit is paired with the station «%1».").replace(
                "%1", result.station_name or result.station_id
            )
        )
        self.load()

    def save(self) -> None:
        values = {
            "auto": self.auto_box.isChecked(),
            "recordings_over_mobile": self.mobile_box.isChecked(),
            "chunk_bytes": self.chunk_spin.value() * 1024 * 1024,
            "rate_limit_kbps": self.rate_spin.value(),
            "keep_local_days": self.keep_spin.value(),
        }
        if self.settings is not None:
            values["probe_seconds"] = self.settings.probe_seconds
        self.save_button.setEnabled(False)
        self.ctx.tasks.run_db(
            _save,
            self.ctx.services,
            values,
            on_done=self._saved,
            on_error=self._failed,
            name="sync-settings-save",
            owner=self,
        )

    def _saved(self, settings: Any) -> None:
        self.save_button.setEnabled(True)
        self.settings = settings
        self.banner.show_success(self.tr("Sync settings saved."))
