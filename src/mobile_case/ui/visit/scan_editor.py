"""The scan editor of the documents step: scan, photograph or import the pages of one checklist item,
arrange them and save them as the item's PDF.

* «Сканувати» — the kit's scanner (``devices.scanner``: SANE / WIA / TWAIN / the simulator);
  «З камери» — the camera as a document scanner with a live preview and the sheet's outline;
  «З файлу» — image or PDF files. Every device call runs in the I/O pool, every store call on the
  database worker: the GUI thread never waits.
* Each page is stored (encrypted) as soon as it arrives — a scanner unplugged on page three keeps
  pages one and two — and its quality is measured: a blurred, cut or empty page is flagged with the
  reason, and saving a document with flagged pages needs an explicit «Зберегти попри зауваження».
* The page strip: drag to re-order; «Повернути», «Пересканувати», «Видалити» act on the selected page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mobile_case.devices.scanner.base import ColorMode, PaperSize, PaperSource, ScannerError, ScanSettings
from mobile_case.ui import theme
from mobile_case.ui.widgets.banner import MessageBanner
from mobile_case.ui.widgets.buttons import BigButton

THUMB = 150  # px, the longer side of a page thumbnail


@dataclass
class PageView:
    """A page as the strip shows it (built on a worker: QImage only, no pixmaps)."""

    page: Any  # services.scans.ScanPage
    thumb: QImage
    quality: Any  # devices.scanner.quality.PageQuality


def _thumbnail(data: bytes, quarter_turns: int) -> QImage:
    """A small picture of a page (worker thread), made in the scan child process (Pillow's JPEG draft
    decode at a reduced scale)."""
    from mobile_case.devices.scanner import worker  # noqa: PLC0415

    _q, w, h, raw = worker.page_view(data, quarter_turns, measure=False, thumb=THUMB)
    return _qimage(w, h, raw)


def _qimage(w: int, h: int, raw: bytes) -> QImage:
    if not w:
        blank = QImage(THUMB * 7 // 10, THUMB, QImage.Format.Format_RGB32)
        blank.fill(QColor("white"))
        return blank
    return QImage(raw, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def load_views(
    services: Any, visit_id: str, code: str, known: dict[str, Any], thumbs: dict[tuple[str, int], QImage] | None = None
) -> list[PageView]:
    """(db worker) The item's pages with thumbnails; quality measured once per image (``known``),
    thumbnails made once per image and turn (``thumbs``). The measuring and the thumbnails run in the
    scan child process (``devices.scanner.worker``): whole-page work in this process would hold the GIL
    and stall the GUI thread."""
    from mobile_case.devices.scanner import worker  # noqa: PLC0415

    views = []
    for page in services.scans.pages(visit_id, code):
        q = known.get(page.sha256)
        key = (page.sha256, page.quarter_turns % 4)
        thumb = thumbs.get(key) if thumbs is not None else None
        if q is None or thumb is None:
            data = services.scans.image(page)
            measured, w, h, raw = worker.page_view(data, page.quarter_turns, measure=q is None, thumb=THUMB)
            q = q if measured is None else measured
            thumb = _qimage(w, h, raw)
            if thumbs is not None:
                thumbs[key] = thumb
        views.append(PageView(page, thumb, q))
    return views


def preview_image(frame: Any, corners: Any) -> QImage:
    """(worker) A camera frame (BGR numpy) as a QImage with the found sheet outlined in green."""
    import numpy as np  # noqa: PLC0415

    rgb = np.ascontiguousarray(frame[:, :, ::-1])
    h, w = rgb.shape[:2]
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    if corners is not None:
        from PySide6.QtCore import QPointF  # noqa: PLC0415

        painter = QPainter(image)
        painter.setPen(QPen(QColor(30, 200, 60), max(3, w // 200)))
        painter.drawPolygon(QPolygonF([QPointF(float(x), float(y)) for x, y in corners]))
        painter.end()
    return image.scaled(
        640, 480, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def camera_for(devices: Any) -> Any:
    """(worker) The camera to take documents with: the simulated one when devices are simulated (demo,
    training); the recording's own stream while the visit recorder holds the kit's camera (a camera
    serves one program at a time); otherwise the system's first camera."""
    from mobile_case.devices.scanner.camera import CameraScanner, SimulatedCapture  # noqa: PLC0415

    if getattr(devices, "simulate", None) is True:
        return CameraScanner("simulated", capture_factory=lambda _s: SimulatedCapture(), simulated=True)
    recorder = getattr(devices, "recorder", None) if devices is not None else None
    if recorder is not None and callable(getattr(recorder, "snapshot", None)):
        from mobile_case.devices.recorder.base import RecorderState  # noqa: PLC0415

        try:
            recording = recorder.state() is RecorderState.RECORDING
        except Exception:  # noqa: BLE001 - a recorder that cannot tell is not recording for us
            recording = False
        if recording:
            from mobile_case.devices.recorder.pyav_recorder import RecorderCapture  # noqa: PLC0415

            camera = CameraScanner(
                "recording", capture_factory=lambda _s: RecorderCapture(recorder), frames_per_shot=1
            )
            camera.preview_interval_ms = 500  # each still is asked of the recorder's process: not too often
            return camera
    return CameraScanner(0)


class CameraPanel(QWidget):
    """The live camera preview with «Зняти сторінку» and «Закрити камеру»."""

    shot = Signal(list)  # list[ScannedPage]

    def __init__(self, editor: ScanEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.camera: Any = None
        self._pending = False
        self.frames_shown = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = QLabel(self.tr("Starting the camera…"))
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumSize(480, 300)
        self.view.setStyleSheet("background: #222; color: white;")
        layout.addWidget(self.view)
        self.hint = QLabel(
            self.tr("Lay the document on a dark surface; the green frame shows the page that will be taken.")
        )
        self.hint.setWordWrap(True)
        theme.set_role(self.hint, "muted")
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        self.take_button = BigButton(self.tr("Take the page"), kind="primary")
        self.take_button.clicked.connect(self.take)
        self.close_button = BigButton(self.tr("Close the camera"))
        self.close_button.clicked.connect(self.stop)
        row.addWidget(self.take_button)
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self._tick)

    def start(self, camera: Any) -> None:
        self.camera = camera
        self.timer.setInterval(int(getattr(camera, "preview_interval_ms", 120)))
        self.setVisible(True)
        self.take_button.setEnabled(True)
        self.timer.start()
        self._tick()

    def stop(self) -> None:
        self.timer.stop()
        camera, self.camera = self.camera, None
        self.setVisible(False)
        if camera is not None:
            self.editor.host.run_io(camera.close, on_done=lambda _r: None, on_error=lambda _f: None)

    def _tick(self) -> None:
        if self._pending or self.camera is None:
            return
        self._pending = True
        camera = self.camera

        def frame() -> QImage:
            f = camera.preview()
            return preview_image(f.image, f.corners)

        self.editor.host.run_io(frame, on_done=self._show, on_error=self._failed, owner=self)

    def _show(self, image: QImage) -> None:
        self._pending = False
        self.frames_shown += 1
        self.view.setPixmap(QPixmap.fromImage(image))

    def _failed(self, failure: Any) -> None:
        self._pending = False
        self.stop()
        self.editor.show_problem(failure.message)

    def take(self) -> None:
        if self.camera is None:
            return
        self.take_button.setEnabled(False)
        camera, settings = self.camera, self.editor.settings()
        self.editor.acquire(lambda: camera.scan(settings), self.tr("Taking the page…"))
        QTimer.singleShot(300, lambda: self.take_button.setEnabled(True))


class ScanEditor(QWidget):
    """Pages of one checklist item: scan / camera / file, the page strip, save the document."""

    document_saved = Signal(str, object)  # code, StoredFile
    pages_changed = Signal(str, int)  # code, number of pages

    def __init__(self, host: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.visit_id = ""
        self.code = ""
        self.item_title = ""
        self.editable = True
        self.views: list[PageView] = []
        self._quality: dict[str, Any] = {}
        self._warmed = False
        self._thumbs: dict[tuple[str, int], QImage] = {}  # (sha256, turns) -> thumbnail (filled on the db worker)
        self._replace_id = ""
        self.busy = False
        self.camera_factory: Callable[[], Any] = self._default_camera

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        theme.set_role(self.heading, "section")
        layout.addWidget(self.heading)

        sources = QHBoxLayout()
        self.scan_button = BigButton(self.tr("Scan"), kind="primary")
        self.scan_button.clicked.connect(self.scan)
        self.camera_button = BigButton(self.tr("From the camera"))
        self.camera_button.clicked.connect(self.open_camera)
        self.file_button = BigButton(self.tr("From a file"))
        self.file_button.clicked.connect(self.choose_files)
        for button in (self.scan_button, self.camera_button, self.file_button):
            sources.addWidget(button)
        sources.addStretch(1)
        layout.addLayout(sources)

        options = QHBoxLayout()
        self.color_box = self._combo(
            [(self.tr("Greyscale"), ColorMode.GRAY), (self.tr("Colour"), ColorMode.COLOR)]
        )
        self.dpi_box = self._combo([("150 dpi", 150), ("200 dpi", 200), ("300 dpi", 300)], current=1)
        self.paper_box = self._combo([(self.tr("A4"), PaperSize.A4), (self.tr("ID card"), PaperSize.ID_CARD)])
        self.source_box = self._combo(
            [
                (self.tr("Default tray"), PaperSource.AUTO),
                (self.tr("Flatbed"), PaperSource.FLATBED),
                (self.tr("Document feeder"), PaperSource.FEEDER),
            ]
        )
        for box in (self.color_box, self.dpi_box, self.paper_box, self.source_box):
            options.addWidget(box)
        options.addStretch(1)
        layout.addLayout(options)

        self.camera_panel = CameraPanel(self)
        self.camera_panel.setVisible(False)
        layout.addWidget(self.camera_panel)

        self.status = MessageBanner(closable=True)
        layout.addWidget(self.status)

        self.strip = QListWidget()
        self.strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.strip.setFlow(QListWidget.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(QSize(THUMB, THUMB))
        self.strip.setGridSize(QSize(THUMB + 30, THUMB + 56))
        self.strip.setFixedHeight(THUMB + 84)
        self.strip.setMovement(QListWidget.Movement.Snap)
        self.strip.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.strip.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.strip.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.strip.setWordWrap(True)
        self.strip.model().rowsMoved.connect(lambda *_a: self._order_changed())
        self.strip.currentRowChanged.connect(lambda _r: self._show_selected())
        layout.addWidget(self.strip)

        self.page_info = QLabel()
        self.page_info.setWordWrap(True)
        layout.addWidget(self.page_info)

        edits = QHBoxLayout()
        self.rotate_button = BigButton(self.tr("Rotate"))
        self.rotate_button.clicked.connect(self.rotate_selected)
        self.rescan_button = BigButton(self.tr("Re-scan"))
        self.rescan_button.clicked.connect(self.rescan_selected)
        self.delete_button = BigButton(self.tr("Delete"), kind="danger")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.rotate_button, self.rescan_button, self.delete_button):
            edits.addWidget(button)
        edits.addStretch(1)
        self.save_button = BigButton(self.tr("Save the document"), kind="primary")
        self.save_button.clicked.connect(lambda: self.save(force=False))
        self.force_button = BigButton(self.tr("Save despite the remarks"))
        self.force_button.clicked.connect(lambda: self.save(force=True))
        self.force_button.setVisible(False)
        edits.addWidget(self.force_button)
        edits.addWidget(self.save_button)
        layout.addLayout(edits)
        self._update_buttons()

    # -- helpers ----------------------------------------------------------------------------------
    def _combo(self, items: list[tuple[str, Any]], current: int = 0) -> QComboBox:
        box = QComboBox()
        box.setMinimumHeight(theme.TOUCH_MIN)
        for text, value in items:
            box.addItem(text, value)
        box.setCurrentIndex(current)
        return box

    def _default_camera(self) -> Any:
        return camera_for(self.host.devices)

    def settings(self) -> ScanSettings:
        return ScanSettings(
            color=self.color_box.currentData(),
            dpi=int(self.dpi_box.currentData()),
            paper=self.paper_box.currentData(),
            source=self.source_box.currentData(),
        )

    def show_problem(self, message: str) -> None:
        self.status.show_error(message)

    def selected(self) -> PageView | None:
        row = self.strip.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def _update_buttons(self) -> None:
        active = bool(self.code) and self.editable
        for button in (self.scan_button, self.camera_button, self.file_button):
            button.setEnabled(active and not self.busy)
        has_page = active and self.selected() is not None and not self.busy
        for button in (self.rotate_button, self.rescan_button, self.delete_button):
            button.setEnabled(has_page)
            button.setVisible(
                bool(self.views)
            )  # no page, nothing to edit (a disabled red button reads as live)
        self.save_button.setEnabled(active and bool(self.views) and not self.busy)
        self.force_button.setEnabled(self.save_button.isEnabled())
        self.strip.setDragEnabled(active)

    # -- item ------------------------------------------------------------------------------------
    def set_item(self, visit_id: str, code: str, title: str, editable: bool = True) -> None:
        if self.camera_panel.camera is not None and code != self.code:
            self.camera_panel.stop()
        same = (visit_id, code) == (self.visit_id, self.code)
        self.visit_id, self.code, self.item_title, self.editable = visit_id, code, title, editable
        if editable and not self._warmed:  # start the scan child now: its libraries load in ~1 s
            from mobile_case.devices.scanner import worker  # noqa: PLC0415

            self._warmed = True
            self.host.run_io(worker.warm_up, on_done=lambda _r: None, on_error=lambda _f: None, owner=self)
        self.heading.setText(self.tr("Scans: %1").replace("%1", title))
        if not same:  # another document: its own messages (the step reloading keeps them)
            self._replace_id = ""
            self.force_button.setVisible(False)
            self.status.clear()
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        if not self.code:
            return
        visit_id, code = self.visit_id, self.code
        known = dict(self._quality)
        self.host.run_db(
            load_views,
            self.host.services,
            visit_id,
            code,
            known,
            self._thumbs,
            on_done=lambda views: self._show_views(visit_id, code, views, select),
            owner=self,
        )

    def _show_views(self, visit_id: str, code: str, views: list[PageView], select: int | None) -> None:
        if (visit_id, code) != (self.visit_id, self.code):
            return  # another item was chosen meanwhile
        self.views = views
        for view in views:
            self._quality[view.page.sha256] = view.quality
        current = self.strip.currentRow() if select is None else select
        self.strip.blockSignals(True)
        self.strip.model().blockSignals(True)
        self.strip.clear()
        for number, view in enumerate(views, 1):
            label = self.tr("Page %1").replace("%1", str(number))
            if not view.quality.ok:
                label += "\n⚠ " + self.tr("check")
            item = QListWidgetItem(QIcon(QPixmap.fromImage(view.thumb)), label)
            item.setData(Qt.ItemDataRole.UserRole, view.page.id)
            item.setToolTip(view.quality.summary())
            if not view.quality.ok:
                item.setForeground(QColor(theme.DANGER))
            self.strip.addItem(item)
        self.strip.model().blockSignals(False)
        self.strip.blockSignals(False)
        if views:
            self.strip.setCurrentRow(min(max(current, 0), len(views) - 1))
        self._show_selected()
        self.pages_changed.emit(code, len(views))

    def _show_selected(self) -> None:
        view = self.selected()
        if view is None:
            self.page_info.setText(self.tr("No pages yet.") if self.code else "")
        else:
            number = self.strip.currentRow() + 1
            text = self.tr("Page %1 of %2.").replace("%1", str(number)).replace("%2", str(len(self.views)))
            self.page_info.setText(f"{text} {view.quality.summary()}")
            theme.set_role(self.page_info, "" if view.quality.ok else "error")
        self._update_buttons()

    # -- getting pages -----------------------------------------------------------------------------
    def acquire(self, job: Callable[[], list], busy_text: str) -> None:
        """Run ``job`` (returns ScannedPages) in the I/O pool, then store its pages; a device error keeps
        the pages that arrived before it and shows its Ukrainian message."""
        if not self.code or self.busy:
            return
        self.busy = True
        self.status.show_info(busy_text)
        self._update_buttons()
        visit_id, code, replace = self.visit_id, self.code, self._replace_id
        self._replace_id = ""

        def done(pages: list) -> None:
            self._store(visit_id, code, pages, replace, None)

        def failed(failure: Any) -> None:
            exc = failure.exception
            kept = list(getattr(exc, "pages", []) or []) if isinstance(exc, ScannerError) else []
            self._store(visit_id, code, kept, replace, failure.message)

        self.host.run_io(job, on_done=done, on_error=failed, owner=self)

    def _store(self, visit_id: str, code: str, pages: list, replace: str, problem: str | None) -> None:
        def finished(_added: Any = None) -> None:
            self.busy = False
            if problem:
                self.status.show_error(problem)
            else:
                self.status.show_success(self.tr("%n page(s) added.", "", len(pages)))
            self.refresh(select=None if replace else 10_000)

        def store_failed(failure: Any) -> None:
            self.busy = False
            self.status.show_error(failure.message)
            self._update_buttons()

        if not pages:
            finished()
            return
        self.host.run_db(
            self.host.services.scans.add_pages,
            visit_id,
            code,
            pages,
            replace_page_id=replace,
            on_done=finished,
            on_error=store_failed,
            owner=self,
        )

    def scan(self) -> None:
        devices, settings = self.host.devices, self.settings()
        if devices is None:
            self.show_problem(self.tr("No scanner is set up in this program."))
            return
        self.acquire(lambda: devices.scanner.scan(settings), self.tr("Scanning… keep the document in place."))

    def open_camera(self) -> None:
        """Choose the camera in a worker (asking the recorder whether it holds the camera may probe the
        device), then start the preview."""
        if self.camera_panel.camera is not None or self.busy:
            return
        self.status.clear()
        self.camera_button.setEnabled(False)

        def started(camera: Any) -> None:
            self._update_buttons()
            self.camera_panel.start(camera)

        def failed(failure: Any) -> None:
            self._update_buttons()
            self.show_problem(failure.message)

        self.host.run_io(self.camera_factory, on_done=started, on_error=failed, owner=self)

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Pages from files"),
            str(Path.home()),
            self.tr("Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)"),
        )
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> None:
        from mobile_case.devices.scanner.files import import_file  # noqa: PLC0415

        settings = self.settings()

        def job() -> list:
            pages: list = []
            for path in paths:
                try:
                    pages += import_file(path, settings)
                except ScannerError as exc:
                    exc.pages = pages + exc.pages
                    raise
            return pages

        self.acquire(job, self.tr("Reading the files…"))

    # -- editing -----------------------------------------------------------------------------------
    def rotate_selected(self) -> None:
        view = self.selected()
        if view is None:
            return
        self.status.clear()
        row = self.strip.currentRow()
        self.host.run_db(self.host.services.scans.rotate, view.page.id, 1,
                         on_done=lambda _p: self.refresh(select=row), on_error=self._failed, owner=self)  # fmt: skip

    def rescan_selected(self) -> None:
        view = self.selected()
        if view is None:
            return
        self._replace_id = view.page.id
        self.status.show_info(self.tr("Choose how to take the page again: scanner, camera or file."))

    def delete_selected(self) -> None:
        view = self.selected()
        if view is None:
            return
        self.status.clear()
        row = self.strip.currentRow()
        self.host.run_db(self.host.services.scans.delete, view.page.id,
                         on_done=lambda _r: self.refresh(select=max(0, row - 1)), on_error=self._failed, owner=self)  # fmt: skip

    def move(self, source_row: int, target_row: int) -> None:
        """Move a page in the strip (what dragging does) and store the new order."""
        item = self.strip.takeItem(source_row)
        self.strip.insertItem(target_row, item)
        self.strip.setCurrentRow(target_row)
        self._order_changed()

    def _order_changed(self) -> None:
        ids = [self.strip.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.strip.count())]
        if ids == [v.page.id for v in self.views]:
            return
        row = self.strip.currentRow()
        self.host.run_db(self.host.services.scans.reorder, self.visit_id, self.code, ids,
                         on_done=lambda _p: self.refresh(select=row), on_error=self._failed, owner=self)  # fmt: skip

    def _failed(self, failure: Any) -> None:
        self.status.show_error(failure.message)
        self.refresh()

    # -- saving ------------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        lines = []
        for number, view in enumerate(self.views, 1):
            if not view.quality.ok:
                lines.append(
                    self.tr("Page %1: %2")
                    .replace("%1", str(number))
                    .replace("%2", " ".join(view.quality.reasons))
                )
        return lines

    def save(self, force: bool = False) -> None:
        if not self.views or self.busy:
            return
        problems = self.problems()
        if problems and not force:
            self.status.show_warning(
                self.tr("Some pages may be unreadable. Re-scan them, or save anyway if they are fine:")
                + "\n"
                + "\n".join(problems)
            )
            self.force_button.setVisible(True)
            return
        self.force_button.setVisible(False)
        self.busy = True
        self._update_buttons()
        code, title = self.code, self.item_title
        self.host.run_db(self.host.services.scans.save_document, self.visit_id, code, title,
                         on_done=lambda stored: self._saved(code, stored), on_error=self._save_failed, owner=self)  # fmt: skip

    def _saved(self, code: str, stored: Any) -> None:
        self.busy = False
        self.status.show_success(
            self.tr(
                "The document is saved: %n page(s) in one PDF, attached to the checklist item.",
                "",
                len(self.views),
            )
        )
        self._update_buttons()
        self.document_saved.emit(code, stored)

    def _save_failed(self, failure: Any) -> None:
        self.busy = False
        self.status.show_error(failure.message)
        self._update_buttons()

    def shutdown(self) -> None:
        """Let the camera go (the visit is left or closed)."""
        self.camera_panel.stop()
