"""«Імпорт з відеореєстратора» on the visit page (requests-kit 1): the administrator — who has no kit
screen — imports the external video recorder's files of a visit they ran into that visit's encrypted
archive, from the closed visit's page; files of other times are shown but never imported into it."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from test_visit_support import fast_devices, open_page, run_visit_in_ui, scheduled_visit, settle

from media_files import make_video
from mobile_case.devices.external_recorder import file_sha256
from mobile_case.domain.model import ActReason, Role
from mobile_case.ui.visit.page import ACT, DONE, START, STEPS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def test_the_administrator_imports_the_recorders_files_into_the_finished_visit(
    admin_window: Any, admin_services: Any, tasks: Any, tmp_path: Path, monkeypatch: Any, screenshot: Any
) -> None:
    services = admin_services
    assert services.auth.current_user.role is Role.ADMINISTRATOR
    _req, _outing, visit = scheduled_visit(services)
    page = open_page(admin_window, tasks, visit.id)
    assert page.current_view() == START
    assert not page.external_import.button.isVisibleTo(page)  # nothing recorded yet
    run_visit_in_ui(page, tasks, monkeypatch, tmp_path)
    assert page.current_view() == DONE
    button = page.external_import.button
    assert button.isVisibleTo(page) and button.height() >= 44
    screenshot(admin_window, "visit-done-external-import-button")

    visit = services.visits.get(visit.id)
    own_before = {f.id for f in services.recordings.recordings(visit.id)}  # the kit's own recording
    card = tmp_path / "CAMERA"
    mine = make_video(card / "DCIM" / "100MEDIA" / "MOV_0001.mp4", visit.opened_at + timedelta(seconds=5))
    other = make_video(card / "DCIM" / "100MEDIA" / "MOV_0002.mp4", visit.opened_at - timedelta(hours=5))
    source_hash = file_sha256(mine)

    button.click()
    dialog = page.external_import.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.panel.folder.setText(str(card))
    dialog.panel.find()
    settle(tasks)
    settle(tasks)
    assert dialog.panel.table.rowCount() == 2
    column = {dialog.panel.table.item(r, 0).text(): dialog.panel.table.item(r, 3).text() for r in range(2)}
    assert column == {"MOV_0001.mp4": "цей візит", "MOV_0002.mp4": "немає візиту в цей час"}
    assert "цього візиту: 1" in dialog.panel.note.text() and "без візиту: 1" in dialog.panel.note.text()
    assert dialog.panel.import_button.isEnabled()
    screenshot(dialog, "visit-external-import")

    steps: list[tuple[int, int]] = []
    dialog.panel.progress.connect(lambda done, total: steps.append((done, total)))
    dialog.panel.delete_source.setChecked(True)
    dialog.panel.import_button.click()
    settle(tasks)
    settle(tasks)
    assert steps == [(1, 1)]  # emitted on the database worker, shown on the GUI thread
    assert "Імпортовано до архіву цього візиту: 1" in dialog.banner.text()
    assert not dialog.panel.import_button.isEnabled() and dialog.panel.table.rowCount() == 1
    new = [f for f in services.recordings.recordings(visit.id) if f.id not in own_before]
    assert len(new) == 1 and new[0].name.endswith("MOV_0001.mp4") and new[0].sha256 == source_hash
    assert not mine.exists()  # deleted from the recorder once its archived copy verified
    assert other.exists()  # another time's file stays on the recorder
    assert (services.store.data_dir / "kit-devices.json").exists()  # the folder is remembered
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_after_an_act_a_recorder_without_this_visits_files_says_what_to_do(
    admin_window: Any, admin_services: Any, tasks: Any, tmp_path: Path
) -> None:
    from mobile_case.ui.visit.act import ACK_SIGNED

    services = admin_services
    _req, _outing, visit = scheduled_visit(services)
    page = open_page(admin_window, tasks, visit.id)
    page.start_button.click()
    settle(tasks)
    assert page.current_view() == STEPS and not page.external_import.button.isVisibleTo(page)
    page.request_act(ActReason.NO_ORIGINAL_DOCUMENTS)
    assert not page.external_import.button.isVisibleTo(page)  # the act is being written: visit still open
    page.act_form.details.setText("Оригіналу документа немає.")
    page.act_form.ack.click(ACK_SIGNED)
    page.act_form.draw_button.click()
    settle(tasks)
    assert page.current_view() == ACT and page.external_import.button.isVisibleTo(page)
    visit = services.visits.get(visit.id)
    before = services.recordings.recordings(visit.id)

    page.external_import.button.click()
    dialog = page.external_import.dialog
    card = tmp_path / "OLD"
    make_video(card / "DCIM" / "old.mp4", visit.opened_at - timedelta(days=3))
    dialog.panel.folder.setText(str(card))
    dialog.panel.find()
    settle(tasks)
    settle(tasks)
    assert (
        dialog.panel.table.rowCount() == 1
        and dialog.panel.table.item(0, 3).text() == "немає візиту в цей час"
    )
    assert "Жоден із файлів" in dialog.banner.text()
    assert not dialog.panel.import_button.isEnabled()
    dialog.panel.folder.setText(str(tmp_path / "no-such-folder"))
    dialog.panel.find()
    settle(tasks)
    assert "Пам'ять відеореєстратора не знайдено" in dialog.banner.text()
    assert dialog.panel.table.rowCount() == 0 and not dialog.panel.import_button.isEnabled()
    assert services.recordings.recordings(visit.id) == before


def test_the_visit_catalogue_is_complete() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "missing", "visit"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() in ("{}", ""), result.stdout
