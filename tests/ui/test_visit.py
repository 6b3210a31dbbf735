"""The visit screen (F5, F10) driven through real widgets on a real encrypted store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_visit_support import (
    fake_save_dialog,
    fast_devices,
    open_page,
    printed_files,
    scheduled_visit,
    settle,
)

from mobile_case.domain.model import CaseState, DeliveryMethod, PaymentMethod, VisitStep
from mobile_case.ui.visit.page import DONE, START, STEPS


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def go_next(page: Any, tasks: Any) -> None:
    assert page.next_button.isEnabled(), page.blocker_label.text()
    page.next_button.click()
    settle(tasks)


def test_visit_runs_to_a_registered_printed_application(
    main_window: Any, services: Any, tasks: Any, screenshot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    req, _outing, visit = scheduled_visit(services)
    page = open_page(main_window, tasks, visit.id)
    assert page.current_view() == START
    screenshot(main_window, "visit-00-start")
    page.start_button.click()
    settle(tasks)
    assert page.current_view() == STEPS
    assert services.requests.get(req.id).state is CaseState.IN_PROGRESS

    # 1 consent
    consent = page.step(VisitStep.CONSENT)
    assert not page.next_button.isEnabled()
    consent.choice.click("yes")
    settle(tasks)
    stored = services.visits.get(visit.id)
    assert stored.recording_consent is True
    assert "Шевчук Марія Іванівна" in stored.present_persons
    assert "Петренко Іван Миколайович (водій)" in stored.present_persons
    screenshot(main_window, "visit-01-consent")
    go_next(page, tasks)
    assert services.visits.get(visit.id).current_step is VisitStep.IDENTIFICATION

    # 2 identification: a wrong number is refused, a right one accepted; then confirm
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.number.setText("12345")
    assert not page.next_button.isEnabled()
    assert "9 цифр" in ident.number.error_text()
    ident.number.setText("004512378")
    assert not page.next_button.isEnabled()
    ident.verified.click()
    settle(tasks)
    stored = services.visits.get(visit.id)
    assert stored.identification.document_number == "004512378"
    assert stored.identification.verified
    screenshot(main_window, "visit-02-identification")
    go_next(page, tasks)

    # 3 category (age 70+: proved by the identity document)
    category = page.step(VisitStep.CATEGORY_PROOF)
    assert "70" in category.category_label.text()
    assert not page.next_button.isEnabled()
    category.confirmed.click()
    settle(tasks)
    screenshot(main_window, "visit-03-category")
    go_next(page, tasks)
    assert services.visits.get(visit.id).category_confirmed

    # 4 documents: untick one -> the O 2.12 warning; tick all -> fine
    documents = page.step(VisitStep.DOCUMENTS)
    codes = list(documents.states())
    assert len(codes) == 3
    assert documents.missing_card.isVisibleTo(page)
    assert not page.next_button.isEnabled()
    screenshot(main_window, "visit-04-documents-missing")
    for code in codes:
        documents.set_checked(code)
    settle(tasks)
    assert not documents.missing_card.isVisibleTo(page)
    assert services.visits.get(visit.id).documents_checked == {c: True for c in codes}
    screenshot(main_window, "visit-04-documents")
    go_next(page, tasks)

    # 5 payment: pre-filled from the fee; the receipt number is required
    payment = page.step(VisitStep.PAYMENT)
    assert payment.method() is PaymentMethod.PREPAID_RECEIPT
    assert payment.amount.text() == "49,92"
    assert not page.next_button.isEnabled()
    payment.receipt.setText("0.0.3456789012.1")
    settle(tasks)
    screenshot(main_window, "visit-05-payment")
    go_next(page, tasks)
    stored = services.visits.get(visit.id)
    assert str(stored.payment.amount) == "49.92"
    assert stored.payment.receipt_number == "0.0.3456789012.1"
    assert stored.payment.paid_at is not None

    # 6 application: register, then print (no printer here -> saved as PDF)
    application = page.step(VisitStep.APPLICATION)
    assert not page.next_button.isEnabled()
    application.register_button.click()
    settle(tasks)
    stored = services.visits.get(visit.id)
    assert stored.case_number.startswith("МК-С-")
    assert stored.case_number in application.case_label.text()
    assert application.deadline_label.text()
    assert application.panel.can_print
    application.panel.print_button.click()
    settle(tasks)
    assert application.preview.page_count() >= 1
    assert application.panel.last_job
    (printed,) = printed_files(tmp_path)  # the simulated printer keeps what it printed
    assert printed.read_bytes().startswith(b"%PDF")
    assert services.visits.get(visit.id).application_printed
    saved = fake_save_dialog(monkeypatch, tmp_path / "zaiava.pdf")
    application.panel.save_button.click()
    settle(tasks)
    assert Path(saved[-1]).read_bytes() == printed.read_bytes()
    screenshot(main_window, "visit-06-application")
    go_next(page, tasks)

    # 7 delivery and finish
    delivery = page.step(VisitStep.DELIVERY)
    assert not delivery.finish_button.isEnabled()
    delivery.methods.click(DeliveryMethod.POST.value)
    settle(tasks)
    assert "Чортків" in delivery.note.text()
    screenshot(main_window, "visit-07-delivery")
    delivery.finish_button.click()
    settle(tasks)
    assert page.current_view() == DONE
    assert services.requests.get(req.id).state is CaseState.COMPLETED
    final = services.visits.get(visit.id)
    assert final.delivery_method is DeliveryMethod.POST
    assert final.closed_at is not None
    screenshot(main_window, "visit-08-done")
