"""The head's office window against a real station served on loopback: arrived cases, merged journals,
the recordings archive (head only; opening asks for a reason, is logged, decrypts and plays)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the station's test helpers (tests/station)

from mobile_case.station.office_client import OfficeClient  # noqa: E402
from mobile_case.ui.office.window import OfficeWindow  # noqa: E402
from station.conftest import ServedStation, make_config  # noqa: E402

HEAD_PIN = "482913"
ADMIN_PIN = "5827"
SHOTS = Path(os.environ.get("MOBILE_CASE_SCREENSHOTS", "/tmp/mobile-case-office-shots"))


def _mkv(path: Path) -> bytes:
    """A real two-second Matroska video (PyAV), so that QMediaPlayer has something to play."""
    import av
    import numpy as np

    with av.open(str(path), "w", format="matroska") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        for i in range(20):
            frame = av.VideoFrame.from_ndarray(np.full((120, 160, 3), i * 10, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path.read_bytes()


@pytest.fixture
def office_station(tmp_path: Path) -> Any:
    served = ServedStation(make_config(tmp_path / "station"))
    served.station.add_account("head", "Коваленко Олена", "head", HEAD_PIN)
    served.station.add_account("admin", "Мельник Андрій", "administrator", ADMIN_PIN)
    kit = served.kit(tmp_path, "Кейс Чортків-1")
    video = _mkv(tmp_path / "visit.mkv")
    pkg = kit.seal([("application_pdf", "заява.pdf", b"%PDF-1.7 test"), ("recording", "visit.mkv", video)])
    kit.upload_package(pkg)
    assert kit.commit(pkg).status_code == 200
    kit.close()
    other = served.kit(tmp_path, "Кейс Чортків-2")
    pkg2 = other.seal([("application_pdf", "заява.pdf", b"%PDF-1.7 other")], journal_number=7)
    other.upload_package(pkg2)
    assert other.commit(pkg2).status_code == 200
    other.close()
    yield served
    served.stop()


def _window(qtbot, served: ServedStation) -> OfficeWindow:  # noqa: ANN001
    client = OfficeClient(served.url, served.station.identity.cert_sha256, served.cert_path)
    window = OfficeWindow(client)
    qtbot.addWidget(window)
    window.show()
    return window


def _login(qtbot, window: OfficeWindow, login: str, pin: str, tasks) -> None:  # noqa: ANN001
    window.login_edit.setText(login)
    window.pin_edit.setText(pin)
    window.login_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.main_page, timeout=10000)
    tasks.wait_idle(10)


def test_head_sees_cases_journals_and_plays_a_recording(qtbot, tasks, office_station: ServedStation) -> None:
    window = _window(qtbot, office_station)
    _login(qtbot, window, "head", HEAD_PIN, tasks)
    assert window.cases_table.rowCount() == 2
    assert {window.cases_table.item(r, 1).text() for r in range(2)} == {"Кейс Чортків-1", "Кейс Чортків-2"}
    assert window.kits_table.rowCount() == 2
    assert sorted(window.journal_table.item(r, 0).text() for r in range(2)) == ["1", "7"]
    assert window.tabs.indexOf(window.archive_page) >= 0
    assert window.recordings_table.rowCount() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.tabs.setCurrentWidget(window.cases_page)
    assert window.cases_kit.count() == 3 and window.cases_kit.itemText(1) == "Кейс Чортків-1"
    window.cases_kit.setCurrentIndex(1)  # one kit's cases
    tasks.wait_idle(10)
    assert window.cases_table.rowCount() == 1 and window.cases_table.item(0, 1).text() == "Кейс Чортків-1"
    window.grab().save(str(SHOTS / "office-cases.png"))

    window.tabs.setCurrentIndex(0)
    window.pair_button.click()
    qtbot.waitUntil(lambda: "MK1-" in window.pair_code.text(), timeout=10000)
    # the same code as a QR code on screen: what the kit's camera sees decodes to it
    from mobile_case.sync.qr import decode

    assert window.pair_qr.isVisible()
    shown = window.pair_qr.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    frame = np.frombuffer(shown.constBits(), np.uint8).reshape(shown.height(), shown.bytesPerLine())
    frame = frame[:, : shown.width() * 3].reshape(shown.height(), shown.width(), 3).copy()
    full = next(w for w in window.pair_code.text().split() if w.startswith("MK1-"))
    assert decode(frame) == full
    window.grab().save(str(SHOTS / "office-kits.png"))
    window.tabs.setCurrentIndex(2)
    window.grab().save(str(SHOTS / "office-journals.png"))

    window.ask_reason = lambda: "Скарга заявника від 02.12"  # the reason dialog, answered
    window.tabs.setCurrentWidget(window.archive_page)
    window.open_button.click()
    qtbot.waitUntil(lambda: window.player.path is not None, timeout=15000)
    played = window.player.path
    assert played.exists() and played.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # EBML: the decrypted Matroska
    assert window.player.player.source().toLocalFile() == str(played)
    tasks.wait_idle(10)
    assert window.access_table.rowCount() == 1 and window.access_table.item(0, 3).text() == "Скарга заявника від 02.12"
    window.grab().save(str(SHOTS / "office-archive.png"))
    window.player.close_button.click()
    assert not played.exists()  # the decrypted copy is removed with the player
    window.close()


def test_reason_dialog_needs_a_reason(qtbot) -> None:  # noqa: ANN001
    from mobile_case.ui.office.window import ReasonDialog

    dialog = ReasonDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.reason.setText("ok")
    assert not dialog.ok.isEnabled()
    dialog.reason.setText("перевірка скарги")
    assert dialog.ok.isEnabled()
    assert dialog.ok.minimumHeight() >= 44 and dialog.reason.minimumHeight() >= 44


def test_an_administrator_has_no_archive_and_no_open_button(qtbot, tasks, office_station: ServedStation) -> None:
    window = _window(qtbot, office_station)
    _login(qtbot, window, "admin", ADMIN_PIN, tasks)
    assert window.cases_table.rowCount() == 2
    assert window.tabs.indexOf(window.archive_page) < 0
    assert not window.open_button.isVisible() and not window.pair_button.isVisible()
    assert window.recordings_table.rowCount() == 0  # nothing was even asked for
    window.grab().save(str(SHOTS.parent / "mobile-case-office-admin.png"))
    window.close()


def test_wrong_pin_shows_a_ukrainian_message(qtbot, tasks, office_station: ServedStation) -> None:
    window = _window(qtbot, office_station)
    window.login_edit.setText("head")
    window.pin_edit.setText("000001")
    window.login_button.click()
    qtbot.waitUntil(lambda: "PIN" in window.login_error.text() and "Неправильний" in window.login_error.text(),
                    timeout=10000)
    assert window.stack.currentWidget() is window.login_page
    window.close()


def test_a_changed_certificate_is_refused(qtbot, tasks, office_station: ServedStation) -> None:
    client = OfficeClient(office_station.url, "0" * 64, None)
    window = OfficeWindow(client)
    qtbot.addWidget(window)
    window.login_edit.setText("head")
    window.pin_edit.setText(HEAD_PIN)
    window.login_button.click()
    qtbot.waitUntil(lambda: "Сертифікат станції" in window.login_error.text(), timeout=10000)
    window.close()
