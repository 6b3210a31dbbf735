"""The kit keeper's screen: the self-check runs in a worker and shows every part, the G 1.7 checklist goes
into the audited log (kit keeper and head only), the external recorder's files are matched to visits and
imported, and the case-lid switch (a serial line on a pseudo-terminal) stops and restarts the open visit's
recording through VisitRecording.trigger."""

from __future__ import annotations

import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from test_visit_support import fast_devices, open_page, scheduled_visit, settle

from mobile_case.devices.lid import LidConfig
from mobile_case.devices.lid import load_config as load_lid
from mobile_case.devices.recorder.base import RecorderState
from mobile_case.devices.selfcheck import KINDS
from mobile_case.domain.model import Role, VisitStep
from mobile_case.services.maintenance import Mark
from mobile_case.ui.kit.page import KitPage
from mobile_case.ui.visit.page import START, STEPS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def open_kit(window: Any, tasks: Any, **kw: Any) -> KitPage:
    page = window.open_page("kit", **kw)
    settle(tasks)
    settle(tasks)
    assert isinstance(page, KitPage)
    return page


def serial_lid_form(window: Any, tasks: Any, port: str) -> KitPage:
    """The kit screen's lid tab with a serial switch on ``port`` chosen (not applied yet)."""
    kit = open_kit(window, tasks, tab="lid")
    kit.lid_source.setCurrentIndex(kit.lid_source.findData("serial"))
    kit.lid_port.setText(port)
    return kit


def test_the_head_reaches_the_kit_screen_from_settings_and_sees_the_self_check(
    main_window: Any, tasks: Any, screenshot: Any
) -> None:
    assert main_window.is_allowed("kit") and "kit" in main_window.nav_keys()  # on the head's rail too
    settings = main_window.open_page("settings", tab="devices")
    settle(tasks)
    settings.devices_tab.kit_button.click()
    settle(tasks)
    settle(tasks)
    assert main_window.current_key() == "kit"
    page = main_window.page("kit")
    assert page.report is not None and [i.kind for i in page.report.items] == list(KINDS)
    assert set(page.check_rows) == set(KINDS)
    chip, title, message = page.check_rows["card_reader"]
    assert chip.text() == "симулятор" and title.text() == "Зчитувач ID-карток" and "симуля" in message.text()
    chip, title, _m = page.check_rows["network"]
    assert "довідково" in title.text()
    assert page.check_summary.text() in (
        "Усе потрібне готове до виїзду.",
    ) or page.check_summary.text().startswith("Не готово до виїзду")
    page.tabs.setCurrentIndex(1)  # built when first shown
    settle(tasks)
    for button in (page.check_button, page.save_button, *page.marks["charging"].buttons()):
        assert button.height() >= 44


def test_kit_keeper_has_it_on_the_rail_the_administrator_not_at_all(
    app_services: Any, login_as: Any, devices: Any, tasks: Any, app_config: Any, qtbot: Any
) -> None:
    from mobile_case.ui.main_window import MainWindow

    for role, on_rail, allowed in ((Role.KIT_KEEPER, True, True), (Role.ADMINISTRATOR, False, False)):
        app_services.auth.logout()
        login_as(app_services, role)
        window = MainWindow(app_services, devices=devices, tasks=tasks, config=app_config)
        qtbot.addWidget(window)
        assert ("kit" in window.nav_keys()) is on_rail and window.is_allowed("kit") is allowed
        settle(tasks)
        window.watcher.stop()
        window.close()


def test_maintenance_is_saved_to_the_log_and_a_problem_needs_a_note(
    main_window: Any, services: Any, tasks: Any, screenshot: Any
) -> None:
    page = open_kit(main_window, tasks, tab="maintenance")
    assert page.tabs.currentIndex() == 1
    page.set_mark("charging", Mark.DONE)
    page.set_mark("cartridges", Mark.PROBLEM)  # no note yet
    page.save_button.click()
    settle(tasks)
    assert page.banner.isVisible() and "Опишіть проблему" in page.banner.text()
    assert services.maintenance.log() == []
    page.set_mark("cartridges", Mark.PROBLEM, "закінчився чорний картридж")
    page.set_mark("paper", Mark.DONE)
    page.set_mark("paper", Mark.NOT_NEEDED)  # a second choice replaces the first
    page.general_notes.setPlainText("Перед виїздом до Білого")
    assert page.chosen_marks()["paper"].mark is Mark.NOT_NEEDED
    page.save_button.click()
    settle(tasks)
    [entry] = services.maintenance.log()
    assert entry.items["cartridges"].note == "закінчився чорний картридж"
    assert entry.items["paper"].mark is Mark.NOT_NEEDED and entry.notes == "Перед виїздом до Білого"
    assert entry.devices and entry.devices["card_reader"] == "simulated"  # the self-check's states
    assert page.chosen_marks() == {}  # the form is cleared for the next time
    page.tabs.setCurrentIndex(2)
    settle(tasks)
    assert page.log_table.rowCount() == 1
    assert "закінчився чорний картридж" in page.log_table.item(0, 3).text()
    assert page.log_table.item(0, 1).text() == services.auth.current_user.full_name
    tip = page.log_table.item(0, 0).toolTip()
    assert tip.startswith("Пристрої в той момент:") and "Зчитувач ID-карток: симулятор" in tip
    screenshot(main_window, "kit-log")


def test_import_from_the_external_recorder(
    main_window: Any, services: Any, tasks: Any, tmp_path: Path, screenshot: Any
) -> None:
    from media_files import make_video

    _req, _outing, visit = scheduled_visit(services)
    visit = services.visits.open(visit.id)
    card = tmp_path / "CAMERA"
    make_video(card / "DCIM" / "100MEDIA" / "MOV_0001.mp4", visit.opened_at + timedelta(seconds=30))
    make_video(card / "DCIM" / "100MEDIA" / "MOV_0002.mp4", visit.opened_at - timedelta(hours=5))
    page = open_kit(main_window, tasks, tab="import")
    page.importer.folder.setText(str(card))
    page.importer.find()
    settle(tasks)
    settle(tasks)
    assert page.importer.table.rowCount() == 2
    texts = [page.importer.table.item(r, 3).text() for r in range(2)]
    assert texts[0] == "немає візиту в цей час" and texts[1] != texts[0]
    assert "зіставлено з візитами: 1" in page.importer.note.text()
    screenshot(main_window, "kit-import")
    steps: list[tuple[int, int]] = []
    page.importer.progress.connect(lambda done, total: steps.append((done, total)))
    page.importer.run_import()
    settle(tasks)
    assert steps == [(1, 1)]  # reported from the worker, shown on the GUI thread
    assert "Імпортовано до архіву візитів: 1" in page.banner.text()
    [stored] = services.recordings.recordings(visit.id)
    assert stored.name.endswith("MOV_0001.mp4")
    assert (card / "DCIM" / "100MEDIA" / "MOV_0001.mp4").exists()  # the camera's file is kept
    assert (services.store.data_dir / "kit-devices.json").exists()  # the folder is remembered


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_the_lid_switch_stops_and_restarts_the_recording(
    main_window: Any, services: Any, tasks: Any, devices: Any, screenshot: Any
) -> None:
    master, slave = os.openpty()
    try:
        kit = serial_lid_form(main_window, tasks, os.ttyname(slave))
        assert kit.lid_form.isRowVisible(kit.lid_port) and not kit.lid_form.isRowVisible(kit.lid_open_key)
        kit.apply_lid()
        assert load_lid(services.store.data_dir) == LidConfig(source="serial", port=os.ttyname(slave))
        assert main_window.lid_trigger.active
        screenshot(main_window, "kit-lid")

        _req, _outing, visit = scheduled_visit(services)
        page = open_page(main_window, tasks, visit.id)
        assert page.current_view() == START
        page.start_button.click()
        settle(tasks)
        assert page.current_view() == STEPS
        page.step(VisitStep.CONSENT).choice.click("yes")
        settle(tasks)
        recorder = devices.recorder
        assert recorder.state() is RecorderState.RECORDING

        def wait_for(state: RecorderState) -> None:
            deadline = time.monotonic() + 10
            while recorder.state() is not state and time.monotonic() < deadline:
                settle(tasks)
                time.sleep(0.02)
            assert recorder.state() is state

        os.write(master, b"CLOSED\n")  # the case is shut: the recording stops, the visit stays open
        wait_for(RecorderState.IDLE)
        assert page.current_view() == STEPS
        assert services.recordings.recordings(visit.id)  # what was recorded is archived
        os.write(master, b"OPEN\n")
        wait_for(RecorderState.RECORDING)
        assert main_window.lid_trigger.opened is True
        page.recording.stop()
        settle(tasks)
    finally:
        main_window.lid_trigger.stop()
        os.close(master)
        os.close(slave)


def test_lid_settings_that_cannot_work_are_refused(main_window: Any, tasks: Any) -> None:
    kit = open_kit(main_window, tasks, tab="lid")
    kit.lid_source.setCurrentIndex(kit.lid_source.findData("serial"))
    kit.lid_port.setText("")
    kit.apply_lid()
    assert "Вкажіть послідовний порт" in kit.banner.text()
    assert not main_window.lid_trigger.active


def test_the_kit_catalogue_is_complete() -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "missing", "kit"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() in ("{}", "")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_the_lid_switch_lets_go_of_its_port_when_the_session_ends(
    main_window: Any, services: Any, tasks: Any
) -> None:
    import threading

    master, slave = os.openpty()
    try:
        kit = serial_lid_form(main_window, tasks, os.ttyname(slave))
        kit.apply_lid()
        assert main_window.lid_trigger.active
        assert any(t.name == "lid-serial" and t.is_alive() for t in threading.enumerate())
        main_window.logout_requested.emit()  # the app then builds a new window for the next login
        assert not main_window.lid_trigger.active
        assert not any(t.name == "lid-serial" and t.is_alive() for t in threading.enumerate())
    finally:
        main_window.lid_trigger.stop()
        os.close(master)
        os.close(slave)
