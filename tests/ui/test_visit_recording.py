"""The visit's recording (F8, F9; O 2.9, 2.13; issue 5 point 4): it starts when the visit is opened at the
address and the consent to recording is marked, never without it, stops when the visit is closed (finished,
act, consent withdrawn, lid closed, logout), and goes into the encrypted, head-only archive — no plain video
is left behind. The large REC indicator in the main window's top bar shows it and its problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_visit_support import (
    _next,
    fast_devices,
    open_page,
    scheduled_visit,
    settle,
)

from mobile_case.devices.recorder.base import RecorderErrorKind, RecorderState
from mobile_case.domain.errors import DomainError
from mobile_case.domain.model import ActReason, CaseState, VisitStep
from mobile_case.ui.visit.page import ACT, START, STEPS


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def plain_segments(services: Any, visit_id: str) -> list[Path]:
    folder = services.store.data_dir / "recordings-in-progress" / visit_id
    return sorted(folder.glob("*")) if folder.exists() else []


def start(main_window: Any, services: Any, tasks: Any, **kw: Any) -> tuple[Any, Any]:
    _req, _outing, visit = scheduled_visit(services, **kw)
    page = open_page(main_window, tasks, visit.id)
    assert page.current_view() == START
    assert not page.recording.indicator.isVisible()  # nothing is recorded before the visit is opened
    page.start_button.click()
    settle(tasks)
    assert page.current_view() == STEPS
    return page, visit


def consent(page: Any, tasks: Any, answer: str = "yes") -> None:
    page.step(VisitStep.CONSENT).choice.click(answer)
    settle(tasks)


def test_the_recording_runs_from_the_start_of_the_visit_to_its_end_and_is_archived(
    main_window: Any,
    services: Any,
    tasks: Any,
    devices: Any,
    monkeypatch: Any,
    tmp_path: Path,
    screenshot: Any,
) -> None:
    page, visit = start(main_window, services, tasks)
    recorder = devices.recorder
    # opened, the consent not yet marked: nothing is recorded, the indicator says when it will be
    assert recorder.state() is RecorderState.IDLE and plain_segments(services, visit.id) == []
    assert page.recording.indicator.text() == "Запис почнеться після згоди"
    assert main_window.rec_indicator.isVisible() and main_window.rec_indicator.kind == "muted"
    screenshot(main_window, "visit-recording-waiting-for-consent")
    consent(page, tasks)
    assert recorder.state() is RecorderState.RECORDING
    assert page.recording.indicator.isVisible()
    text = page.recording.indicator.text()
    assert text.startswith("● Запис 00:0") and text.endswith("ДЕМО")  # the simulated recorder
    big = main_window.rec_indicator  # the large one in the top bar, always visible while recording
    assert big.isVisible() and big.kind == "recording" and big.label.text() == text
    assert (
        big.height() >= 44
        and big.label.font().pixelSize() >= 20
        or "font-size: 26px" in big.label.styleSheet()
    )
    assert plain_segments(services, visit.id)  # written into the visit's private folder
    screenshot(main_window, "visit-recording")
    # going through the steps (and to another page and back) does not stop it
    main_window.open_page("home")
    settle(tasks)
    main_window.open_page("visit")
    settle(tasks)
    assert recorder.state() is RecorderState.RECORDING
    run_visit_in_ui_from_steps(page, tasks, monkeypatch, tmp_path)
    assert services.requests.get(visit.request_id).state is CaseState.COMPLETED
    assert recorder.state() is RecorderState.IDLE
    stored = services.recordings.recordings(visit.id)
    assert stored and all(f.name.endswith(".simulated.mkv") for f in stored)
    assert plain_segments(services, visit.id) == []  # the plain video does not outlive the visit
    assert not page.recording.indicator.isVisible() and not main_window.rec_indicator.isVisible()


def run_visit_in_ui_from_steps(page: Any, tasks: Any, monkeypatch: Any, tmp_path: Path) -> None:
    """``test_visit_support.run_visit_in_ui`` for a visit already on its first step."""
    from test_visit_support import fake_save_dialog

    from mobile_case.domain.model import DeliveryMethod

    consent(page, tasks)
    _next(page, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.number.setText("004512378")
    ident.verified.click()
    settle(tasks)
    _next(page, tasks)
    page.step(VisitStep.CATEGORY_PROOF).confirmed.click()
    settle(tasks)
    _next(page, tasks)
    documents = page.step(VisitStep.DOCUMENTS)
    for code in documents.states():
        documents.set_checked(code)
    settle(tasks)
    _next(page, tasks)
    payment = page.step(VisitStep.PAYMENT)
    if payment.details_card.isVisibleTo(page):
        payment.receipt.setText("0.0.1")
        settle(tasks)
    _next(page, tasks)
    application = page.step(VisitStep.APPLICATION)
    application.register_button.click()
    settle(tasks)
    fake_save_dialog(monkeypatch, tmp_path / "zaiava.pdf")
    application.panel.print_document()
    settle(tasks)
    _next(page, tasks)
    delivery = page.step(VisitStep.DELIVERY)
    delivery.methods.click(DeliveryMethod.AT_CNAP.value)
    settle(tasks)
    delivery.finish_button.click()
    settle(tasks)


def test_an_act_closes_the_visit_and_its_recording(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    from mobile_case.ui.visit.act import ACK_SIGNED

    page, visit = start(main_window, services, tasks)
    page.step(VisitStep.CONSENT).choice.click("yes")
    settle(tasks)
    page.request_act(ActReason.NO_ORIGINAL_DOCUMENTS)
    assert page.current_view() == ACT
    form = page.act_form
    form.details.setText("Оригіналу документа немає.")
    form.ack.click(ACK_SIGNED)
    form.draw_button.click()
    settle(tasks)
    assert services.requests.get(visit.request_id).state is CaseState.IMPOSSIBLE
    assert devices.recorder.state() is RecorderState.IDLE
    assert services.recordings.recordings(visit.id) and plain_segments(services, visit.id) == []


def test_a_recorder_that_cannot_record_does_not_stop_the_visit(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    devices.recorder.config.fail_with = RecorderErrorKind.NO_CAMERA
    page, visit = start(main_window, services, tasks)
    consent(page, tasks)
    assert page.recording.state == "failed"
    indicator = page.recording.indicator
    assert indicator.isVisible()
    assert indicator.text() == "Запис не ведеться"
    message = (
        "Запис не ведеться: Камеру не знайдено. Підключіть камеру до ноутбука й спробуйте ще раз. "
        "Записуйте візит відеореєстратором із кейса."
    )
    assert indicator.toolTip() == message
    assert page.banner.kind() == "warning" and page.banner.text() == message
    assert main_window.rec_indicator.kind == "warning"
    assert page.next_button.isEnabled()  # the visit goes on
    # opened again once the camera is there: it records
    devices.recorder.config.fail_with = None
    main_window.open_page("home")
    page.visit_id = ""
    open_page(main_window, tasks, visit.id)
    assert page.recording.state == "recording" and devices.recorder.state() is RecorderState.RECORDING


def test_logout_stops_and_archives_the_recording_first(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    page, visit = start(main_window, services, tasks)
    consent(page, tasks)
    assert devices.recorder.state() is RecorderState.RECORDING
    logged_out: list[bool] = []

    def logout() -> None:  # what the app does on logout_requested: the logout goes to the db worker
        tasks.run_db(services.auth.logout, on_done=lambda _r: logged_out.append(True), name="logout")

    main_window.logout_requested.connect(logout)
    main_window.header.logout_button.click()
    settle(tasks)
    assert logged_out == [True] and services.auth.current_user is None
    assert devices.recorder.state() is RecorderState.IDLE
    assert plain_segments(services, visit.id) == []  # archived ahead of the logout
    services.auth.login("head", "258036")
    assert services.recordings.recordings(visit.id)


def test_segments_left_by_an_interrupted_recording_are_archived_when_the_visit_opens_again(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    page, visit = start(main_window, services, tasks)
    consent(page, tasks)
    page.deactivate()  # the consent is saved with the visit
    settle(tasks)
    assert services.visits.get(visit.id).recording_consent is True
    # the app is killed: the recorder stops without archiving (its segments stay in the private folder)
    devices.recorder.stop()
    page.recording.state = "off"
    left = plain_segments(services, visit.id)
    assert left
    assert services.recordings.recordings(visit.id) == []
    main_window.open_page("home")
    page.visit_id = ""
    open_page(main_window, tasks, visit.id)
    assert [f.name for f in services.recordings.recordings(visit.id)] == [p.name for p in left]
    assert devices.recorder.state() is RecorderState.RECORDING  # and it records again
    assert plain_segments(services, visit.id)  # the new recording's segments


def test_a_visit_that_never_started_is_not_recorded(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    _req, _outing, visit = scheduled_visit(services)
    page = open_page(main_window, tasks, visit.id, act_reason=ActReason.SUBJECT_ABSENT.value)
    assert page.current_view() == ACT
    assert devices.recorder.state() is RecorderState.IDLE and not page.recording.indicator.isVisible()
    assert plain_segments(services, visit.id) == []


def test_without_consent_nothing_is_recorded_and_only_the_act_ends_the_visit(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    from mobile_case.ui.visit.act import ACK_SIGNED

    page, visit = start(main_window, services, tasks)
    consent(page, tasks, "no")
    assert devices.recorder.state() is RecorderState.IDLE and plain_segments(services, visit.id) == []
    assert page.recording.indicator.text() == "Не записується: немає згоди"
    assert main_window.rec_indicator.kind == "warning"
    # O 2.13: the way on is blocked, the service refuses to complete the visit; the act is offered
    assert not page.next_button.isEnabled()
    with pytest.raises(DomainError):
        services.visits.complete(visit.id)
    page.step(VisitStep.CONSENT).act_button.click()
    assert page.current_view() == ACT
    assert page.act_form.reasons.selected_code() == ActReason.NO_RECORDING_CONSENT.value
    page.act_form.ack.click(ACK_SIGNED)
    page.act_form.draw_button.click()
    settle(tasks)
    assert services.requests.get(visit.request_id).state is CaseState.IMPOSSIBLE
    assert devices.recorder.state() is RecorderState.IDLE and devices.recorder.elapsed() == 0.0
    assert services.recordings.recordings(visit.id) == [] and plain_segments(services, visit.id) == []
    page.recording.trigger(True)  # not even the lid starts it
    assert devices.recorder.state() is RecorderState.IDLE


def test_withdrawn_consent_stops_and_keeps_what_was_recorded(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    page, visit = start(main_window, services, tasks)
    consent(page, tasks)
    assert devices.recorder.state() is RecorderState.RECORDING
    consent(page, tasks, "no")
    assert devices.recorder.state() is RecorderState.IDLE
    assert services.recordings.recordings(visit.id) and plain_segments(services, visit.id) == []
    consent(page, tasks)  # given again: recorded again, in new segments
    assert devices.recorder.state() is RecorderState.RECORDING


def test_the_lid_trigger_stops_and_restarts_the_recording_of_the_open_visit(
    main_window: Any, services: Any, tasks: Any, devices: Any
) -> None:
    page, visit = start(main_window, services, tasks)
    page.recording.trigger(True)
    assert devices.recorder.state() is RecorderState.IDLE  # no consent yet: the lid does not start it
    consent(page, tasks)
    page.recording.trigger(False)
    settle(tasks)
    assert devices.recorder.state() is RecorderState.IDLE
    assert page.recording.indicator.text() == "Запис призупинено: кейс закрито"
    assert len(services.recordings.recordings(visit.id)) == 1
    page.recording.trigger(True)
    settle(tasks)
    assert devices.recorder.state() is RecorderState.RECORDING


def test_a_recording_problem_is_shown_at_once_and_finished_segments_are_archived_while_recording(
    main_window: Any, services: Any, tasks: Any, devices: Any, screenshot: Any
) -> None:
    import time

    recorder = devices.recorder
    recorder.config.problems = (RecorderErrorKind.CAMERA_LOST,)
    recorder.config.segment_seconds = 0.2
    recorder.config.fps = 20
    page, visit = start(main_window, services, tasks)
    consent(page, tasks)
    time.sleep(0.6)
    page.recording._tick()  # what the one-second clock does
    settle(tasks)
    assert page.banner.kind() == "warning" and page.banner.text().startswith(
        "Камера перестала передавати відео"
    )
    big = main_window.rec_indicator
    assert big.kind == "warning" and big.problem.startswith("Камера перестала передавати відео")
    shown = big.problem_label.text()  # cut to the pill with «…»: the page title keeps its room
    assert len(shown) >= 20 and (shown == big.problem or big.problem.startswith(shown.removesuffix("…")))
    assert big.width() <= 400 and big.problem_label.fontMetrics().horizontalAdvance(shown) <= big.problem_label.width()
    assert big.label.text().startswith("● Запис")  # it still records (the sound)
    screenshot(main_window, "visit-recording-problem")
    archived = services.recordings.recordings(visit.id)
    assert archived and recorder.state() is RecorderState.RECORDING  # closed segments: archived already
    names = {p.name for p in plain_segments(services, visit.id)}
    assert not names & {f.name for f in archived}
    page.recording.stop()
    settle(tasks)
    assert plain_segments(services, visit.id) == []
    assert len(services.recordings.recordings(visit.id)) == page.recording.archived_total


@pytest.mark.slow
def test_the_real_recorder_killed_mid_visit_keeps_what_it_wrote_and_the_visit_goes_on(
    main_window: Any, services: Any, tasks: Any, devices: Any, qtbot: Any
) -> None:
    """The real recorder (PyAV child process, fed the synthetic signal) in the visit: SIGKILLed, the
    visit says so at once, archives the playable segment and stays usable."""
    from mobile_case.devices.recorder.pyav_recorder import PyAvRecorder

    real = PyAvRecorder({"kind": "synthetic"})
    devices._slots["recorder"].current = real
    try:
        page, visit = start(main_window, services, tasks)
        consent(page, tasks)
        assert real.state() is RecorderState.RECORDING and page.recording.recording
        qtbot.wait(2500)
        real.kill_child()
        qtbot.waitUntil(lambda: page.recording.state == "failed", timeout=10000)
        settle(tasks)
        assert "Запис несподівано перервався" in page.banner.text()
        assert main_window.rec_indicator.kind == "warning"
        [stored] = services.recordings.recordings(visit.id)
        assert stored.name.endswith("-001.mkv") and stored.size > 10_000
        assert plain_segments(services, visit.id) == []
        assert page.next_button.isEnabled()
    finally:
        real.stop()
