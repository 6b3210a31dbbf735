"""The visit screen (F5, F10) driven through real widgets on a real encrypted store."""

from __future__ import annotations

from datetime import time
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
    shot_after_render,
    to_identification,
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
    shot_after_render(screenshot, main_window, "visit-06-application")
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


def test_identification_reads_the_id_card_and_highlights_mismatches(
    main_window: Any, services: Any, tasks: Any, screenshot: Any, devices: Any
) -> None:
    from datetime import date

    from mobile_case.devices.cardreader.demo_people import DEMO_CARDS
    from mobile_case.domain.model import IdentificationSource

    card = DEMO_CARDS[0]  # on the simulated reader
    # The request was taken by phone with the date of birth one day off.
    _req, visit, page = to_identification(
        main_window,
        services,
        tasks,
        surname=card.surname,
        given_name=card.given_names,
        patronymic=card.patronymic,
        birth=date(card.birth_date.year, card.birth_date.month, card.birth_date.day + 1),
    )
    ident = page.step(VisitStep.IDENTIFICATION)

    # A wrong CAN: the reader's Ukrainian message, nothing else changes.
    ident.can.setText("111111")
    ident.read_button.click()
    settle(tasks)
    assert "CAN" in ident.reader_banner.text() and ident.reader_banner.kind() == "error"
    assert ident.number.text() == ""
    assert ident.read_button.isEnabled()

    ident.can.setText(card.can)
    ident.read_button.click()
    settle(tasks)
    assert ident.number.text() == card.document_number
    assert ident.mismatches == {"birth_date"}
    assert ident.document_cells["birth_date"].text().startswith("≠")
    assert ident.document_cells["surname"].text() == card.surname
    assert ident.mismatch_banner.isVisibleTo(page)
    assert ident.photo.isVisibleTo(page)
    assert "демонстраційної" in ident.reader_banner.text()
    stored = services.visits.get(visit.id)
    assert stored.identification.source is IdentificationSource.CHIP
    assert stored.identification.document_number == card.document_number
    assert not page.next_button.isEnabled()  # the administrator still has to confirm
    screenshot(main_window, "visit-02-identification-chip")
    # Typing over the number makes it a manual identification again.
    ident.number.edit.setText("")
    ident.number.edit.textEdited.emit("")
    settle(tasks)
    assert services.visits.get(visit.id).identification.source is IdentificationSource.MANUAL


def test_reopening_continues_at_the_current_step_with_every_field(
    qtbot: Any, services: Any, tasks: Any, devices: Any, app_config: Any
) -> None:
    from mobile_case.ui.main_window import MainWindow

    req, _outing, visit = scheduled_visit(
        services, service_codes=("residence_registration", "residence_extract")
    )
    first = MainWindow(services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(first)
    first.show()
    page = open_page(first, tasks, visit.id)
    page.start_button.click()
    settle(tasks)
    consent = page.step(VisitStep.CONSENT)
    consent.choice.click("yes")
    consent.present.setText("Шевчук Марія Іванівна; Петренко Іван Миколайович (водій); сусідка Олена")
    settle(tasks)
    go_next(page, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.doc_type.set_current_code("passport_booklet")
    ident.number.setText("АА123456")
    ident.verified.click()
    settle(tasks)
    go_next(page, tasks)
    page.step(VisitStep.CATEGORY_PROOF).confirmed.click()
    settle(tasks)
    go_next(page, tasks)
    documents = page.step(VisitStep.DOCUMENTS)
    codes = list(documents.states())
    documents.set_checked(codes[0])
    documents.warned.click()
    settle(tasks)
    go_next(page, tasks)
    payment = page.step(VisitStep.PAYMENT)
    payment.methods.click(PaymentMethod.POS_TERMINAL.value)
    payment.amount.setText("49,92")
    payment.receipt.setText("POS-778812")
    settle(tasks)
    first.close()

    # A new window (as after a restart) opens the visit where it was left, every field as entered.
    second = MainWindow(services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(second)
    second.show()
    page = open_page(second, tasks, visit.id)
    assert page.current_view() == STEPS
    assert page.current_index() == 4  # payment
    assert page.step_bar.state_of(4) == "current"
    assert page.step_bar.state_of(3) == "done"
    payment = page.step(VisitStep.PAYMENT)
    assert payment.method() is PaymentMethod.POS_TERMINAL
    assert payment.receipt.text() == "POS-778812"
    assert payment.amount.text() == "49,92"
    assert page.step(VisitStep.CONSENT).present.text().endswith("сусідка Олена")
    ident = page.step(VisitStep.IDENTIFICATION)
    assert ident.document_type().value == "passport_booklet"
    assert ident.number.text() == "АА123456"
    assert ident.verified.isChecked()
    documents = page.step(VisitStep.DOCUMENTS)
    # The receipt entered at the payment step ticks the fee receipt of the documents step.
    assert documents.states() == {c: c in (codes[0], "fee_receipt") for c in codes}
    assert documents.warned.isChecked()
    assert services.requests.get(req.id).state is CaseState.IN_PROGRESS
    second.close()


def test_fee_paid_during_the_visit_by_fast_pay(main_window: Any, services: Any, tasks: Any) -> None:
    """G 1.5: with fast-pay the receipt is made at the payment step, so the documents step does not count
    it as missing, and entering its number ticks it."""
    req, visit, page = to_identification(main_window, services, tasks, payment_method=PaymentMethod.FAST_PAY)
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.number.setText("004512378")
    ident.verified.click()
    settle(tasks)
    go_next(page, tasks)
    page.step(VisitStep.CATEGORY_PROOF).confirmed.click()
    settle(tasks)
    go_next(page, tasks)
    documents = page.step(VisitStep.DOCUMENTS)
    for code in documents.states():
        if code != "fee_receipt":
            documents.set_checked(code)
    settle(tasks)
    assert documents.missing() == []
    assert page.next_button.isEnabled()
    go_next(page, tasks)
    payment = page.step(VisitStep.PAYMENT)
    assert payment.method() is PaymentMethod.FAST_PAY
    payment.receipt.setText("FP-2026-11-23-0042")
    settle(tasks)
    stored = services.visits.get(visit.id)
    assert stored.documents_checked["fee_receipt"] is True
    assert stored.payment.method is PaymentMethod.FAST_PAY
    page.go_back()
    assert documents.states()["fee_receipt"] is True
    page.show_step(4)
    go_next(page, tasks)
    page.step(VisitStep.APPLICATION).register_button.click()
    settle(tasks)
    assert services.visits.get(visit.id).case_number
    assert services.requests.get(req.id).state is CaseState.IN_PROGRESS


def test_visit_page_without_a_visit_lists_todays_visits(
    main_window: Any, services: Any, tasks: Any, screenshot: Any
) -> None:
    from mobile_case.ui.visit.page import CHOOSER

    _req, outing, first = scheduled_visit(services, surname="Шевчук")
    scheduled_visit(
        services,
        surname="Гнатюк",
        given_name="Петро",
        patronymic="Олексійович",
        outing=outing,
        start=time(12),
    )
    page = main_window.open_page("visit")
    settle(tasks)
    assert page.current_view() == CHOOSER
    assert page.chooser_list.count() == 2
    assert "Шевчук Марія Іванівна" in page.chooser_list.item(0).text()
    assert "з 10:00 до 11:00" in page.chooser_list.item(0).text()
    screenshot(main_window, "visit-chooser")
    page.chooser_list.itemClicked.emit(page.chooser_list.item(0))
    settle(tasks)
    assert page.visit_id == first.id
    assert page.current_view() == START


def test_category_with_proof_documents(main_window: Any, services: Any, tasks: Any, screenshot: Any) -> None:
    from datetime import date

    _req, visit, page = to_identification(
        main_window,
        services,
        tasks,
        birth=date(1972, 3, 8),
        category="disability_group_1",
        proofs=("disability_certificate",),
    )
    ident = page.step(VisitStep.IDENTIFICATION)
    ident.number.setText("004512378")
    ident.verified.click()
    settle(tasks)
    go_next(page, tasks)
    category = page.step(VisitStep.CATEGORY_PROOF)
    accepted = services.profile.category("disability_group_1").accepted_proof_codes
    assert category.proofs.codes() == list(accepted)
    assert category.proofs.rows["disability_certificate"].option.detail  # «зазначено в заявці»
    category.confirmed.click()
    settle(tasks)
    assert "оригінал" in page.blocker_label.text()  # a proof must be ticked first
    assert not page.next_button.isEnabled()
    category.proofs.click("disability_certificate")
    settle(tasks)
    assert page.next_button.isEnabled()
    screenshot(main_window, "visit-03-category-proof")
    stored = services.visits.get(visit.id)
    assert stored.category_documents_seen == ["disability_certificate"]
    assert stored.category_confirmed


def test_without_a_printer_the_document_is_saved_as_pdf(
    qtbot: Any, tasks: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    from mobile_case.ui.widgets.printing import DocumentPanel

    pdf = b"%PDF-1.4\n% a document made by the services\n"
    panel = DocumentPanel(tasks, None, lambda: pdf, title="Заява (Додаток 2)", file_name="zaiava.pdf")
    qtbot.addWidget(panel)
    settle(tasks)
    assert not panel.can_print
    assert not panel.print_button.isEnabled()
    assert panel.save_button.kind == "primary"
    assert "PDF" in panel.status_label.text()
    saved = fake_save_dialog(monkeypatch, tmp_path / "zaiava.pdf")
    panel.print_document()  # «print» without a printer saves the file instead
    settle(tasks)
    assert Path(saved[-1]).read_bytes() == pdf
    assert panel.last_path == saved[-1]


def test_the_finished_visits_message_does_not_follow_to_the_next_visit(
    main_window: Any, services: Any, tasks: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    """«Візит завершено; справу № … сформовано» is about that citizen: opening the next visit (here from
    the visit screen's own list, without leaving the page) clears it from the window banner."""
    from test_visit_support import run_visit_in_ui

    from mobile_case.ui.visit.page import CHOOSER

    _req, outing, first = scheduled_visit(services, surname="Шевчук")
    _req2, _outing, second = scheduled_visit(
        services,
        surname="Гнатюк",
        given_name="Петро",
        patronymic="Олексійович",
        outing=outing,
        start=time(12),
    )
    page = open_page(main_window, tasks, first.id)
    run_visit_in_ui(page, tasks, monkeypatch, tmp_path)
    case_number = services.visits.get(first.id).case_number
    assert main_window.banner.isVisible() and case_number in main_window.banner.text()
    page.activate()  # the visit screen again without a visit: the list of today's visits
    settle(tasks)
    assert page.current_view() == CHOOSER
    row = next(i for i in range(page.chooser_list.count()) if "Гнатюк" in page.chooser_list.item(i).text())
    page.chooser_list.itemClicked.emit(page.chooser_list.item(row))
    settle(tasks)
    assert page.visit_id == second.id
    assert not main_window.banner.isVisible() and case_number not in main_window.banner.text()


def test_logout_while_a_save_is_running_keeps_the_last_edit(
    main_window: Any, services: Any, tasks: Any
) -> None:
    """An edit made while the previous save is still in the database worker is saved before a logout
    tapped right then (the page is flushed ahead of the logout, not after the running save)."""
    import threading

    _req, visit, page = to_identification(main_window, services, tasks)
    ident = page.step(VisitStep.IDENTIFICATION)
    main_window.logout_requested.connect(lambda: tasks.run_db(services.auth.logout, name="logout"))
    gate = threading.Event()
    tasks.run_db(gate.wait, 20, name="busy")  # the worker is busy: the next save waits in the queue
    ident.number.setText("004512378")  # save 1 submitted
    ident.number.setText("004512379")  # save 1 still running: this edit waits for it
    main_window.request_logout()
    gate.set()
    settle(tasks)
    assert services.auth.current_user is None
    services.auth.login("head", "258036")
    assert services.visits.get(visit.id).identification.document_number == "004512379"


def test_data_read_from_the_simulated_card_are_marked_demo(
    main_window: Any, services: Any, tasks: Any, screenshot: Any, devices: Any
) -> None:
    from mobile_case.devices.cardreader.demo_people import DEMO_CARDS

    card = DEMO_CARDS[0]
    _req, _visit, page = to_identification(
        main_window,
        services,
        tasks,
        surname=card.surname,
        given_name=card.given_names,
        patronymic=card.patronymic,
    )
    ident = page.step(VisitStep.IDENTIFICATION)
    assert not ident.document_demo_mark.isVisibleTo(page) and not ident.source_demo_mark.isVisibleTo(page)
    ident.can.setText(card.can)
    ident.read_button.click()
    settle(tasks)
    assert ident.read_result.simulated
    for mark in (ident.document_demo_mark, ident.source_demo_mark):
        assert mark.isVisibleTo(page) and mark.text() == "ДЕМО"
    assert "демонстраційної" in ident.document_demo_mark.toolTip()
    screenshot(main_window, "visit-02-identification-demo")
    # typed over: the number is no longer the chip's (the compared data still are the demo card's)
    ident.number.edit.setText("004512378")
    ident.number.edit.textEdited.emit("004512378")
    settle(tasks)
    assert not ident.source_demo_mark.isVisibleTo(page) and ident.document_demo_mark.isVisibleTo(page)


def test_screenshot_states_show_the_demo_visit_under_way(demo_services: Any) -> None:
    """tools/screenshots.py renders the list of today's visits and the demo's visit under way."""
    from mobile_case.ui.visit import screenshot_states

    states = screenshot_states(demo_services)
    assert [name for name, _key, _kw in states] == ["40-visit", "41-visit-in-progress"]
    visit_id = states[1][2]["visit_id"]
    request = demo_services.requests.get(demo_services.visits.get(visit_id).request_id)
    assert request.state is CaseState.IN_PROGRESS
