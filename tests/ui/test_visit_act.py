"""The act of impossibility (F6, O 2.13, Додаток 4) from the visit screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_visit_support import (
    fake_save_dialog,
    fast_devices,
    open_page,
    scheduled_visit,
    settle,
    shot_after_render,
    to_identification,
)

from mobile_case.domain import texts
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import ActReason, ActStage, CaseState, VisitStep
from mobile_case.ui.visit.act import ACK_ABSENT, ACK_REFUSED, REFUSED_NOTE
from mobile_case.ui.visit.page import ACT, START, STEPS


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def test_act_from_the_identification_step(
    main_window: Any, services: Any, tasks: Any, screenshot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    req, visit, page = to_identification(
        main_window, services, tasks, surname="Гнатюк", given_name="Петро", patronymic="Олексійович"
    )
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.number.setText("004512378")
    settle(tasks)

    assert page.act_button.isVisible()
    page.act_button.click()
    assert page.current_view() == ACT
    form = page.act_form
    # The four reasons of O 2.13, word for word; the step suggests the missing originals.
    assert set(form.reasons.codes()) == {r.value for r in ActReason}
    for reason in ActReason:
        assert form.reasons.rows[reason.value].option.title == texts.sentence(texts.ACT_REASON_TITLES[reason])
    assert form.reasons.selected_code() == ActReason.NO_ORIGINAL_DOCUMENTS.value
    assert form.stages.selected_code() == ActStage.DOCUMENT_INTAKE.value
    assert form.subject_value.text() == "Гнатюк Петро Олексійович"
    assert "м. Чортків" in form.address_value.text()
    assert form.admin_value.text() == services.auth.current_user.full_name
    # Back to the visit keeps everything entered.
    form.cancel_button.click()
    assert page.current_view() == STEPS
    page.act_button.click()
    form.details.setText("Паспорт-книжечка без фотографії, ID-картки немає.")
    form.ack.click(ACK_REFUSED)
    screenshot(main_window, "act-01-form")
    form.draw_button.click()
    settle(tasks)

    assert services.requests.get(req.id).state is CaseState.IMPOSSIBLE
    acts = services.acts.for_request(req.id)
    assert len(acts) == 1
    act = acts[0]
    assert act.reason is ActReason.NO_ORIGINAL_DOCUMENTS
    assert act.visit_id == visit.id
    assert act.subject_acknowledged is False
    assert act.acknowledgement_note == REFUSED_NOTE
    assert act.details.startswith("Паспорт-книжечка")
    assert act.number
    # What was entered before the act is saved with the visit.
    assert services.visits.get(visit.id).identification.document_number == "004512378"
    assert act.number in form.result_title.text()
    assert form.preview.page_count() >= 1
    shot_after_render(screenshot, main_window, "act-02-drawn-up")
    # The act goes to the printer (the simulated one writes the PDF); saving as PDF works too.
    form.panel.print_document()
    settle(tasks)
    assert form.panel.last_job
    printed = sorted((tmp_path / "printed").glob("*.pdf"))
    assert printed and printed[-1].read_bytes().startswith(b"%PDF")
    saved = fake_save_dialog(monkeypatch, tmp_path / "akt.pdf")
    form.panel.save_document()
    settle(tasks)
    assert Path(saved[-1]).read_bytes().startswith(b"%PDF")
    # The page is finished: no more saves, the act stays on screen when reopened.
    page.open_visit(visit.id)
    settle(tasks)
    assert page.current_view() == ACT
    assert act.number in form.result_title.text()


def test_without_recording_consent_only_an_act(
    main_window: Any, services: Any, tasks: Any, screenshot: Any
) -> None:
    req, _outing, visit = scheduled_visit(
        services, surname="Ковальчук", given_name="Ганна", patronymic="Юріївна"
    )
    page = open_page(main_window, tasks, visit.id)
    page.start_button.click()
    settle(tasks)
    consent = page.step(VisitStep.CONSENT)
    consent.choice.click("no")
    settle(tasks)
    assert services.visits.get(visit.id).recording_consent is False
    assert not page.next_button.isEnabled()
    assert consent.act_button.isVisibleTo(page)
    assert consent.refusal.isVisibleTo(page)
    # Steps ahead cannot be reached, and the service refuses to register the application.
    page.step_bar.buttons[1].click()
    assert page.current_index() == 0
    assert not page.step_bar.buttons[1].isEnabled()
    with pytest.raises(ValidationError):
        services.visits.register_application(visit.id)
    screenshot(main_window, "visit-01-consent-refused")
    consent.act_button.click()
    form = page.act_form
    assert page.current_view() == ACT
    assert form.reasons.selected_code() == ActReason.NO_RECORDING_CONSENT.value
    form.ack.click(ACK_REFUSED)
    form.draw_button.click()
    settle(tasks)
    assert services.requests.get(req.id).state is CaseState.IMPOSSIBLE
    (act,) = services.acts.for_request(req.id)
    assert act.reason is ActReason.NO_RECORDING_CONSENT


def test_subject_absent_act_from_a_scheduled_visit(
    main_window: Any, services: Any, tasks: Any, screenshot: Any
) -> None:
    req, _outing, visit = scheduled_visit(
        services, surname="Бондаренко", given_name="Олег", patronymic="Петрович"
    )
    page = open_page(main_window, tasks, visit.id)
    assert page.current_view() == START
    page.absent_button.click()
    form = page.act_form
    assert form.reasons.selected_code() == ActReason.SUBJECT_ABSENT.value
    assert form.ack.selected_code() == ACK_ABSENT
    # A reason must be chosen: clearing it blocks drawing up.
    form.reasons.set_selected_code("")
    form.draw_button.click()
    assert "2.13" in form.error.text()
    form.reasons.click(ActReason.SUBJECT_ABSENT.value)
    form.details.setText("Двері ніхто не відчинив, телефон не відповідає.")
    screenshot(main_window, "act-00-subject-absent")
    form.draw_button.click()
    settle(tasks)
    assert services.requests.get(req.id).state is CaseState.IMPOSSIBLE
    (act,) = services.acts.for_request(req.id)
    assert act.reason is ActReason.SUBJECT_ABSENT
    assert act.visit_id == visit.id
    # The visit was never opened.
    assert services.visits.get(visit.id).opened_at is None


def test_act_page_opened_directly_for_an_absent_subject(main_window: Any, services: Any, tasks: Any) -> None:
    _req, _outing, visit = scheduled_visit(services)
    page = open_page(main_window, tasks, visit.id, act_reason="subject_absent")
    assert page.current_view() == ACT
    assert page.act_form.reasons.selected_code() == ActReason.SUBJECT_ABSENT.value


def test_act_at_the_return_of_the_result_keeps_the_case_completed(
    main_window: Any, services: Any, tasks: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    from test_visit_support import run_visit_in_ui

    from mobile_case.ui.visit.page import DONE

    req, _outing, visit = scheduled_visit(services, service_codes=("residence_extract",))
    page = open_page(main_window, tasks, visit.id)
    run_visit_in_ui(page, tasks, monkeypatch, tmp_path)
    assert page.current_view() == DONE
    page.return_act_button.click()
    form = page.act_form
    assert form.stages.selected_code() == ActStage.RESULT_RETURN.value
    form.reasons.click(ActReason.SUBJECT_ABSENT.value)
    form.draw_button.click()
    settle(tasks)
    assert services.requests.get(req.id).state is CaseState.COMPLETED
    (act,) = services.acts.for_request(req.id)
    assert act.stage is ActStage.RESULT_RETURN
    page.open_visit(visit.id)
    settle(tasks)
    assert page.current_view() == DONE
    assert act.number in page.done_text.text()
