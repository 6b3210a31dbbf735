"""The documents step's scans (issue 5) through the real widgets: the simulated scanner, the page strip
(re-order, rotate, delete), the quality flag, saving the PDF, reopening the visit, device errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import cv2
import pytest
from pypdf import PdfReader
from test_visit_support import fast_devices, open_page, settle, to_identification

from mobile_case.devices.scanner.base import ScannerErrorKind
from mobile_case.domain.model import VisitStep

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "devices"))
from scan_pages import form_page  # noqa: E402


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def to_documents(main_window: Any, services: Any, tasks: Any) -> tuple[Any, Any, Any]:
    _req, visit, page = to_identification(main_window, services, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.number.setText("004512378")
    ident.verified.click()
    settle(tasks)
    page.next_button.click()
    settle(tasks)
    page.step(VisitStep.CATEGORY_PROOF).confirmed.click()
    settle(tasks)
    page.next_button.click()
    settle(tasks)
    documents = page.step(VisitStep.DOCUMENTS)
    assert page.current_index() == page.steps.index(documents)
    return page, documents, visit


def strip_ids(editor: Any) -> list[str]:
    from PySide6.QtCore import Qt

    return [editor.strip.item(i).data(Qt.ItemDataRole.UserRole) for i in range(editor.strip.count())]


def test_scan_edit_save_and_reopen(
    main_window: Any, services: Any, tasks: Any, devices: Any, screenshot: Any
) -> None:
    page, documents, visit = to_documents(main_window, services, tasks)
    editor = documents.scan_editor
    code = next(iter(documents.states()))
    for c in list(documents.states()):
        documents.set_checked(c, False)
    settle(tasks)
    documents.scan_buttons[code].click()
    settle(tasks)
    assert editor.code == code
    assert (
        editor.scan_button.isEnabled() and editor.camera_button.isEnabled() and editor.file_button.isEnabled()
    )

    devices.scanner.config.pages = 3  # a feeder with three sheets
    editor.scan_button.click()
    settle(tasks)
    settle(tasks)
    assert editor.strip.count() == 3, (
        len(services.scans.pages(visit.id, code)),
        editor.status.text(),
        editor.settings(),
    )
    pages = services.scans.pages(visit.id, code)
    assert [p.id for p in pages] == strip_ids(editor)  # stored before anything else happened
    assert all(v.quality.ok for v in editor.views), [v.quality.reasons for v in editor.views]

    # re-order: the third page first; rotate it; delete the (now) second page
    first, second, third = strip_ids(editor)
    editor.move(2, 0)
    settle(tasks)
    settle(tasks)
    assert [p.id for p in services.scans.pages(visit.id, code)] == [third, first, second]
    editor.strip.setCurrentRow(0)
    editor.rotate_button.click()
    settle(tasks)
    settle(tasks)
    assert services.scans.pages(visit.id, code)[0].quarter_turns == 1
    editor.strip.setCurrentRow(1)
    editor.delete_button.click()
    settle(tasks)
    settle(tasks)
    assert strip_ids(editor) == [third, second]
    # re-scan the second page: the next page taken (here from the scanner) replaces it in its place
    devices.scanner.config.pages = 1
    editor.strip.setCurrentRow(1)
    editor.rescan_button.click()
    assert "знову" in editor.status.text()
    editor.scan_button.click()
    settle(tasks)
    settle(tasks)
    ids = strip_ids(editor)
    assert len(ids) == 2 and ids[0] == third and ids[1] != second
    second = ids[1]
    screenshot(main_window, "visit-04-documents-scans")
    screenshot(documents.scan_card, "visit-04-documents-scan-editor")

    editor.save_button.click()
    settle(tasks)
    settle(tasks)
    saved = services.scans.documents(visit.id)
    assert list(saved) == [code]
    pdf = PdfReader(io.BytesIO(services.scans.read(saved[code])))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages]
    assert sizes == [(842, 595), (595, 842)]  # the turned page on a landscape A4
    assert documents.states()[code] is True  # the scan ticks its checklist item
    assert services.visits.get(visit.id).documents_checked[code] is True
    row = next(checks.rows[code] for checks in documents.lists if code in checks.rows)
    assert "скан збережено" in row.detail_label.text()

    # reopen the visit: the pages and the saved document are still there
    main_window.open_page("home")
    settle(tasks)
    page = open_page(main_window, tasks, visit.id)
    settle(tasks)
    documents = page.step(VisitStep.DOCUMENTS)
    page.show_step(page.steps.index(documents))
    settle(tasks)
    documents.open_scans(code)
    settle(tasks)
    assert strip_ids(documents.scan_editor) == [third, second]
    assert code in documents.scan_files


def test_device_errors_keep_the_pages_and_the_visit(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    _page, documents, visit = to_documents(main_window, services, tasks)
    editor = documents.scan_editor
    code = editor.code
    scanner = devices.scanner
    scanner.config.pages, scanner.config.unplug_after = 3, 2  # the cable is pulled on the third sheet
    editor.scan_button.click()
    settle(tasks)
    settle(tasks)
    assert editor.strip.count() == 2  # the two sheets that arrived are kept
    assert len(services.scans.pages(visit.id, code)) == 2
    assert editor.status.kind() == "error" and "сканер" in editor.status.text().lower()

    scanner.config.unplug_after = None
    scanner.config.fail_with = ScannerErrorKind.NO_PAPER
    editor.scan_button.click()
    settle(tasks)
    assert "немає документа" in editor.status.text()
    assert editor.strip.count() == 2 and editor.scan_button.isEnabled()  # usable, nothing lost

    # a camera that another program holds
    class BusyCapture:
        def isOpened(self) -> bool:  # noqa: N802
            return False

        def release(self) -> None:
            pass

    from mobile_case.devices.scanner.camera import CameraScanner

    editor.camera_factory = lambda: CameraScanner(0, capture_factory=lambda _s: BusyCapture())
    editor.camera_button.click()
    settle(tasks)
    settle(tasks)
    assert "зайнята іншою програмою" in editor.status.text()
    assert not editor.camera_panel.isVisible()


def test_a_blurred_page_is_flagged_before_it_is_accepted(
    main_window: Any, services: Any, tasks: Any, tmp_path: Path
) -> None:
    _page, documents, visit = to_documents(main_window, services, tasks)
    editor = documents.scan_editor
    sharp, blurred = tmp_path / "sharp.png", tmp_path / "blurred.png"
    image = form_page(150)
    cv2.imwrite(str(sharp), image)
    cv2.imwrite(str(blurred), cv2.GaussianBlur(image, (0, 0), 3))
    editor.import_files([str(sharp), str(blurred)])
    settle(tasks)
    settle(tasks)
    assert editor.strip.count() == 2
    assert editor.views[0].quality.ok and editor.views[1].quality.blurred
    assert "⚠" in editor.strip.item(1).text()
    editor.save_button.click()
    settle(tasks)
    assert services.scans.documents(visit.id) == {}  # not accepted yet
    assert editor.force_button.isVisible()
    assert "Сторінка 2" in editor.status.text() and "розмита" in editor.status.text()
    editor.force_button.click()
    settle(tasks)
    settle(tasks)
    assert editor.code in services.scans.documents(visit.id)


def test_camera_preview_and_shot(main_window: Any, services: Any, tasks: Any, tmp_path: Path) -> None:
    """The camera panel shows live frames and takes a flattened page (a video file as the camera)."""
    import numpy as np
    from scan_pages import photographed

    from mobile_case.devices.scanner.camera import CameraScanner

    _page, documents, visit = to_documents(main_window, services, tasks)
    editor = documents.scan_editor
    corners = np.float32([[300, 60], [780, 100], [760, 700], [240, 660]])
    photo = photographed(form_page(100), corners, (1024, 768))
    video = tmp_path / "camera.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10, (1024, 768))
    for _ in range(30):
        writer.write(photo)
    writer.release()
    editor.camera_factory = lambda: CameraScanner(str(video))
    editor.camera_button.click()
    settle(tasks)
    for _ in range(20):
        if editor.camera_panel.frames_shown >= 2:
            break
        tasks.wait_idle(5)
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()
        import time

        time.sleep(0.15)
    assert editor.camera_panel.frames_shown >= 2
    editor.camera_panel.take_button.click()
    settle(tasks)
    settle(tasks)
    [page] = services.scans.pages(visit.id, editor.code)
    assert editor.views[0].quality.ok, editor.views[0].quality.reasons
    editor.camera_panel.close_button.click()
    settle(tasks)
    assert not editor.camera_panel.camera
    assert page.order == 1


def test_demo_mode_has_a_simulated_camera(
    main_window: Any, services: Any, tasks: Any, screenshot: Any
) -> None:
    """With simulated devices «З камери» shows a sample document on a table; the page taken is marked."""
    import time

    from PySide6.QtCore import QCoreApplication

    _page, documents, visit = to_documents(main_window, services, tasks)
    editor = documents.scan_editor
    editor.camera_button.click()
    for _ in range(40):
        if editor.camera_panel.frames_shown >= 2:
            break
        tasks.wait_idle(5)
        QCoreApplication.processEvents()
        time.sleep(0.1)
    assert editor.camera_panel.frames_shown >= 2
    screenshot(documents.scan_card, "visit-04-documents-camera")
    editor.camera_panel.take_button.click()
    settle(tasks)
    settle(tasks)
    [page] = services.scans.pages(visit.id, editor.code)
    assert page.simulated  # stored as a demo page (name «….demo.jpg»)
    assert editor.views[0].quality.ok, editor.views[0].quality.reasons
    editor.camera_panel.close_button.click()
    settle(tasks)


def test_while_the_visit_is_recorded_the_camera_shot_comes_from_the_recording() -> None:
    """The kit's one camera is held by the recorder: «З камери» takes the recording's own stills."""
    import numpy as np
    from scan_pages import photographed

    from mobile_case.devices.recorder.base import RecorderState
    from mobile_case.devices.scanner.base import ColorMode, PaperSize, ScanSettings
    from mobile_case.ui.visit.scan_editor import camera_for

    frame = photographed(
        form_page(100), np.float32([[430, 70], [960, 120], [920, 880], [330, 840]]), (1280, 960)
    )

    class Recording:
        def __init__(self) -> None:
            self.stills = 0
            self.recording = True

        def state(self) -> RecorderState:
            return RecorderState.RECORDING if self.recording else RecorderState.IDLE

        def snapshot(self, timeout: float = 3.0) -> Any:
            self.stills += 1
            return frame.copy()

    recorder = Recording()
    devices = type("Devices", (), {"simulate": None, "recorder": recorder})()
    camera = camera_for(devices)
    assert camera.source == "recording" and camera.preview_interval_ms >= 400
    assert camera.preview().corners is not None
    [page] = camera.scan(ScanSettings(ColorMode.GRAY, 100, PaperSize.A4))
    assert (page.width_px, page.height_px) == (827, 1169) and not page.simulated
    assert recorder.stills == 2  # one still for the preview, one for the shot
    recorder.recording = False
    assert camera_for(devices).source == 0  # not recording: the system's camera
