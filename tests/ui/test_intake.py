"""The intake wizard (F3) driven through its real widgets on a real encrypted store.

Typing goes through real key events (``type_text``); every check reads back what the services stored.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from tests.ui.test_intake_support import (
    BIRTH,
    FREE_SERVICE,
    PAID_SERVICE,
    PHONE_E164,
    PHONE_TYPED,
    RNOKPP,
    UNZR,
    flush,
    wait,
)

from mobile_case.domain.model import CaseState, PaymentMethod, RefusalReason, RequestChannel
from mobile_case.ui.intake.verdict import ELIGIBLE, INCOMPLETE, REFUSED


@pytest.fixture
def wizard(main_window, tasks):
    page = main_window.open_page("intake")
    wait(tasks)
    return page


def service_list(wizard, code):
    for check in wizard.services_step.lists.values():
        if code in check.rows:
            return check
    raise AssertionError(code)


def fill_subject(wizard, type_text, *, surname="Шевченко"):
    s = wizard.subject
    type_text(s.surname.edit, surname)
    type_text(s.given.edit, "Тарас")
    type_text(s.patronymic.edit, "Григорович")
    type_text(s.birth.edit, "05031948")  # typed without dots: formatted as 05.03.1948
    type_text(s.rnokpp.edit, RNOKPP)
    type_text(s.unzr.edit, UNZR)
    type_text(s.phone.edit, PHONE_TYPED)


def fill_address(wizard, type_text, settlement_text="м. Чортків"):
    a = wizard.address
    a.settlement.set_typed_text(settlement_text)
    type_text(a.street.edit, "вул. Шевченка")
    type_text(a.house.edit, "5")
    type_text(a.apartment.edit, "12")
    type_text(a.postal.edit, "48500")
    type_text(a.door.edit, "12К")
    a.access.setText("3 поверх, ліфта немає")


def fill_rest(wizard, services_codes=(FREE_SERVICE,)):
    wizard.category.groups["age"].click("age_70")
    for code in services_codes:
        service_list(wizard, code).click(code)
    wizard.go_to(5)
    wizard.documents.all_button.click()
    wizard.go_to(6)
    wizard.schedule.day.set_date(date.today() + timedelta(days=3))
    wizard.schedule.start.set_value(time(10, 0))
    wizard.schedule.end.set_value(time(12, 0))
    wizard.go_to(7)
    for code in ("no_third_party_transfer", "personal_data_processing", "recording"):
        wizard.consents.consents.click(code)


def test_eligible_request_end_to_end(
    wizard, main_window, services, tasks, qtbot, type_text, screenshot, tmp_path
):
    screenshot(main_window, "intake_1_applicant")
    wizard.applicant.channel.click("phone")
    wizard.next()
    fill_subject(wizard, type_text)
    assert wizard.subject.age_label.text()  # «Вік: 78 років»
    screenshot(main_window, "intake_2_subject")
    wizard.next()
    # type-to-filter: part of a name finds the settlement of the community
    assert wizard.address.settlement.matching("біл") == ["с. Біла"]
    fill_address(wizard, type_text)
    screenshot(main_window, "intake_3_address")
    wizard.next()
    fill_rest(wizard)
    wait(tasks, qtbot)

    # the draft was created by new_draft and saved as typed
    stored = services.requests.get(wizard.keeper.request.id)
    assert stored.state == CaseState.DRAFT
    assert stored.channel == RequestChannel.PHONE
    assert stored.subject.rnokpp == RNOKPP and stored.subject.unzr == UNZR
    assert stored.subject.phone == PHONE_E164
    assert stored.subject.birth_date == BIRTH
    assert stored.address.settlement_code == "chortkiv"
    assert stored.address.postal_code == "48500" and stored.address.door_code == "12К"

    # the live verdict is green, with the age from the date of birth
    assert wizard.verdict.kind == ELIGIBLE
    assert wizard.verdict.status.text() == "Можна надавати на виїзді"
    assert wizard.decision.age is not None and wizard.decision.age >= 70

    # free services: «безоплатно», no payment method to choose
    wizard.go_to(6)
    assert wizard.keeper.request.payment_method == PaymentMethod.FREE
    assert not wizard.schedule.payment.isVisibleTo(wizard.schedule)

    wizard.go_to(8)
    assert wizard.finish.register_button.isEnabled()
    screenshot(main_window, "intake_9_decision")
    wizard.finish.register_button.click()
    wait(tasks, qtbot)

    registered = services.requests.get(wizard.keeper.request.id)
    assert registered.state == CaseState.REGISTERED
    assert registered.number.startswith("МК-")
    assert registered.number in wizard.finish.number_label.text()
    assert "Можна" not in wizard.finish.number_label.text()
    # the application (Додаток 2) was rendered, kept and is shown in the preview
    files = services.documents.files(registered.id)
    assert any(f.mime == "application/pdf" for f in files)
    assert wizard.finish.preview.page_count() >= 1
    # printed through the device registry's (simulated) printer
    qtbot.waitUntil(lambda: wizard.finish.panel.can_print, timeout=10_000)
    wizard.finish.panel.print_button.click()
    qtbot.waitUntil(lambda: bool(wizard.finish.panel.last_job), timeout=10_000)
    screenshot(main_window, "intake_9_registered")
    # or saved as a PDF file (no printer at hand)
    target = tmp_path / "zaiava.pdf"
    wizard.finish.panel.ask_path = lambda: str(target)
    wizard.finish.panel.save_button.click()
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")
    # the wizard no longer edits a registered request
    assert not wizard.keeper.editable
    assert not wizard.subject.scroll.widget().isEnabled()
    # next: plan the outing for it
    wizard.finish.plan_button.click()
    wait(tasks, qtbot)
    assert main_window.current_key() == "outings"
    planner = main_window.page("outings")
    assert planner.is_new and planner.pending_request == registered.id
    assert planner.form.settlement.settlement_code() == "chortkiv"


def test_address_outside_community_is_refused_with_its_reason(
    wizard, main_window, services, tasks, qtbot, type_text, screenshot
):
    wizard.next()
    fill_subject(wizard, type_text, surname="Коваль")
    wizard.next()
    fill_address(wizard, type_text, settlement_text="Тернопіль")
    assert wizard.address.outside_label.isVisibleTo(wizard.address)
    wizard.next()
    wizard.back()  # the address is behind: its reason turns the verdict red at once
    wait(tasks, qtbot)
    assert wizard.verdict.kind == REFUSED
    screenshot(main_window, "intake_3_address_outside")
    wizard.next()
    fill_rest(wizard)
    wait(tasks, qtbot)
    stored = services.requests.get(wizard.keeper.request.id)
    assert stored.address.settlement_code == "" and stored.address.settlement_name == "Тернопіль"

    assert wizard.verdict.kind == REFUSED
    assert wizard.decision.reasons == [RefusalReason.ADDRESS_OUTSIDE_COMMUNITY]
    assert "за межами" in wizard.verdict.reasons_label.text()

    wizard.go_to(8)
    assert not wizard.finish.register_button.isEnabled()
    wizard.finish.refuse_button.click()
    assert wizard.finish.reasons.checked_codes() == [RefusalReason.ADDRESS_OUTSIDE_COMMUNITY.value]
    assert "Тернопіль" in wizard.finish.explanation.text()
    screenshot(main_window, "intake_9_refusal")
    wizard.finish.confirm_refusal.click()
    wait(tasks, qtbot)

    refused = services.requests.get(wizard.keeper.request.id)
    assert refused.state == CaseState.REFUSED
    assert refused.refusal_reasons == [RefusalReason.ADDRESS_OUTSIDE_COMMUNITY]
    assert "Тернопіль" in refused.decision_explanation
    assert wizard.finish.pages.currentIndex() == 3
    assert refused.decision_explanation in wizard.finish.refused_label.text()
    screenshot(main_window, "intake_9_refused")


@pytest.mark.parametrize(
    ("field", "typed", "message_part", "attribute", "empty"),
    [
        ("rnokpp", "1759601237", "контрольна", "rnokpp", ""),
        ("rnokpp", "12345", "10 цифр", "rnokpp", ""),
        ("unzr", "19480305-01239", "УНЗР", "unzr", ""),
        ("phone", "067 123", "10 цифр", "phone", ""),
        ("birth", "31021948", "немає 31-го числа", "birth_date", None),
    ],
)
def test_invalid_value_shows_its_message_and_is_not_stored(
    wizard, services, tasks, qtbot, type_text, field, typed, message_part, attribute, empty
):
    wizard.next()
    s = wizard.subject
    type_text(s.surname.edit, "Бондар")
    type_text(s.birth.edit, "05031948")
    widget = getattr(s, field)
    if field == "birth":
        widget.edit.clear()
    type_text(widget.edit, typed)
    assert message_part in widget.error_text()
    assert widget.edit.property("invalid") == "true"
    flush(wizard, tasks)

    stored = services.requests.get(wizard.keeper.request.id)
    assert stored.subject.surname == "Бондар"  # the rest is saved as typed
    assert getattr(stored.subject, attribute) == empty  # the invalid value is not
    labels = [label for label, _message in wizard.problems()]
    assert widget.label.text().rstrip(" *") in labels
    assert message_part in wizard.verdict.fields_label.text()
    wizard.go_to(8)
    assert not wizard.finish.register_button.isEnabled()

    # corrected: stored at once
    widget.edit.clear()
    value = {"rnokpp": RNOKPP, "unzr": UNZR, "phone": PHONE_TYPED, "birth": "05031948"}[field]
    type_text(widget.edit, value)
    assert widget.error_text() == ""
    flush(wizard, tasks)
    stored = services.requests.get(wizard.keeper.request.id)
    expected = {"rnokpp": RNOKPP, "unzr": UNZR, "phone": PHONE_E164, "birth": BIRTH}[field]
    assert getattr(stored.subject, attribute) == expected


def test_draft_survives_and_continues_in_a_new_wizard(
    main_window, services, tasks, qtbot, type_text, screenshot
):
    from mobile_case.ui.intake.wizard import IntakeWizard

    wizard = main_window.open_page("intake")
    wizard.applicant.channel.click("messenger")
    wizard.applicant.who.click("representative")
    a = wizard.applicant
    type_text(a.rep_surname.edit, "Шевченко")
    type_text(a.rep_given.edit, "Оксана")
    type_text(a.rep_patronymic.edit, "Тарасівна")
    type_text(a.rep_phone.edit, "050 765 43 21")
    type_text(a.rep_relation.edit, "донька")
    type_text(a.rep_authority.edit, "довіреність № 123 від 01.02.2026")
    screenshot(main_window, "intake_1_representative")
    wizard.next()
    fill_subject(wizard, type_text)
    type_text(wizard.subject.email.edit, "taras@example.com")
    wizard.next()
    fill_address(wizard, type_text, settlement_text="с. Біла")
    wizard.address.place.click("hospital")
    wizard.next()
    c = wizard.category
    c.groups["disability"].click("disability_group_1")
    assert "disability_certificate" in c.proofs.codes()
    assert "pregnancy_certificate" not in c.proofs.codes()  # only the accepted proofs are offered
    c.proofs.click("disability_certificate")
    type_text(c.proof_note.edit, "серія ААГ № 123456")
    assert c.reason.text()  # suggested from the category
    c.membership.click("idp_certificate")
    type_text(c.membership_note.edit, "№ 6101-123456 від 12.04.2022")
    screenshot(main_window, "intake_4_category")
    wizard.next()
    service_list(wizard, PAID_SERVICE).click(PAID_SERVICE)
    non_mobile = service_list(wizard, "id_card").rows["id_card"]
    assert not non_mobile.isEnabled()
    assert (
        non_mobile.detail_label.text() == "біометричні документи не оформлюються на виїзді (п. 1.6 Порядку)"
    )
    screenshot(main_window, "intake_5_services")
    wizard.next()
    docs = wizard.documents.checklist
    first = docs.codes()[0]
    docs.click(first)
    assert "оригінал" in docs.rows[first].detail_label.text()
    screenshot(main_window, "intake_6_documents")
    wizard.next()
    sch = wizard.schedule
    assert sch.payment.isVisibleTo(sch)
    sch.payment.click(PaymentMethod.FAST_PAY.value)
    wizard.schedule.day.set_date(date.today() + timedelta(days=5))
    sch.start.set_value(time(9, 30))
    sch.end.set_value(time(11, 0))
    sch.notes.setText("Собака у дворі")
    screenshot(main_window, "intake_7_payment_time")
    # paid during the visit: the fee receipt is not asked for at intake (G 1.5)
    wizard.go_to(5)
    assert "fee_receipt" not in wizard.documents.checklist.codes()
    assert wizard.documents.receipt_label.isVisibleTo(wizard.documents)
    assert wizard.documents.checklist.checked_codes() == [first]
    wizard.go_to(7)
    wizard.consents.consents.click("personal_data_processing")
    wizard.consents.publication.click("publication")
    screenshot(main_window, "intake_8_consents")
    flush(wizard, tasks)
    typed = wizard.keeper.request
    request_id = typed.id

    stored = services.requests.get(request_id)
    assert stored.state == CaseState.DRAFT
    assert stored.representative is not None and stored.representative.person.phone == "+380507654321"
    assert stored.is_idp and "6101-123456" in stored.membership_proof
    assert stored.payment_method == PaymentMethod.FAST_PAY
    assert stored.address.place_kind == "hospital" and stored.address.settlement_code == "bila"

    # a second wizard (as after a restart) reopens the draft with every field
    again = IntakeWizard(main_window.context)
    qtbot.addWidget(again)
    again.activate(request_id=request_id)
    wait(tasks, qtbot)
    assert again.keeper.request == stored
    assert again.applicant.channel.selected_code() == "messenger"
    assert again.applicant.who.selected_code() == "representative"
    assert again.applicant.rep_surname.text() == "Шевченко"
    assert again.applicant.rep_phone.text() == "+380 50 765 43 21"
    assert again.applicant.rep_relation.text() == "донька"
    assert again.applicant.rep_authority.text() == "довіреність № 123 від 01.02.2026"
    s = again.subject
    assert (s.surname.text(), s.given.text(), s.patronymic.text()) == ("Шевченко", "Тарас", "Григорович")
    assert s.birth.date() == BIRTH
    assert s.rnokpp.text() == RNOKPP and s.unzr.text() == UNZR
    assert s.phone.text() == "+380 67 123 45 67" and s.email.text() == "taras@example.com"
    ad = again.address
    assert ad.settlement.settlement_code() == "bila" and ad.place.selected_code() == "hospital"
    assert (ad.street.text(), ad.house.text(), ad.apartment.text()) == ("вул. Шевченка", "5", "12")
    assert (ad.postal.text(), ad.door.text()) == ("48500", "12К")
    assert ad.access.text() == "3 поверх, ліфта немає"
    ca = again.category
    assert ca.selected_category() == "disability_group_1"
    assert ca.proofs.checked_codes() == ["disability_certificate"]
    assert ca.proof_note.text() == "серія ААГ № 123456"
    assert ca.membership.selected_code() == "idp_certificate"
    assert ca.membership_note.text() == "№ 6101-123456 від 12.04.2022"
    assert again.services_step.checked() == [PAID_SERVICE]
    again.go_to(5)
    assert again.documents.checklist.checked_codes() == [first]
    sc = again.schedule
    assert sc.payment.selected_code() == PaymentMethod.FAST_PAY.value
    assert sc.day.date() == date.today() + timedelta(days=5)
    assert (sc.start.value(), sc.end.value()) == (time(9, 30), time(11, 0))
    assert sc.notes.text() == "Собака у дворі"
    co = again.consents
    assert co.consents.checked_codes() == ["personal_data_processing"]
    assert co.publication.checked_codes() == ["publication"]
    # it continues where the data stops: the documents step still lacks ticks
    assert again.resume_index(stored) == 5
    # and typing goes on into the same stored draft
    type_text(again.subject.email.edit, "x")
    flush(again, tasks)
    assert services.requests.get(request_id).subject.email == "taras@example.comx"


def test_drafts_are_listed_and_the_page_reopens_one(
    main_window, services, tasks, qtbot, type_text, screenshot
):
    wizard = main_window.open_page("intake")
    wizard.next()
    type_text(wizard.subject.surname.edit, "Мороз")
    flush(wizard, tasks)
    request_id = wizard.keeper.request.id
    wizard.new_request()
    wait(tasks, qtbot)
    assert wizard.keeper.request.id != request_id and not wizard.keeper.stored
    assert wizard.subject.surname.text() == ""
    # nothing typed: no empty draft is stored
    assert [r.id for r in services.requests.list({CaseState.DRAFT})] == [request_id]
    # the drafts list offers it; a tap continues it
    wizard.drafts_button.click()
    wait(tasks, qtbot)
    dialog = wizard.drafts_dialog
    assert list(dialog.buttons) == [request_id]
    assert "Мороз" in dialog.buttons[request_id].text()
    screenshot(dialog, "intake_drafts")
    dialog.buttons[request_id].click()
    wait(tasks, qtbot)
    assert wizard.keeper.request.id == request_id
    assert wizard.subject.surname.text() == "Мороз"
    assert wizard.current_index() == 1  # the subject still lacks the given name and date of birth
    # and the main window opens a request by its id
    wizard.new_request()
    wait(tasks, qtbot)
    main_window.open_page("home")
    main_window.open_page("intake", request_id=request_id)
    wait(tasks, qtbot)
    assert wizard.subject.surname.text() == "Мороз"


def test_verdict_is_amber_until_the_essentials_are_entered(wizard, type_text):
    assert wizard.verdict.kind == INCOMPLETE
    assert wizard.verdict.status.text() == "Ще не все внесено"


def test_every_invalid_subject_field_shows_its_message_at_once(
    wizard, main_window, tasks, type_text, screenshot
):
    wizard.next()
    s = wizard.subject
    type_text(s.surname.edit, "Бондар")
    type_text(s.birth.edit, "31.02.1948")
    type_text(s.rnokpp.edit, "1759601237")
    type_text(s.unzr.edit, "19480305-0123")
    type_text(s.phone.edit, "067 123")
    for field in (s.birth, s.rnokpp, s.unzr, s.phone):
        assert field.error_text(), field.label.text()
    wizard.assess()
    assert len(wizard.problems()) == 4
    screenshot(main_window, "intake_2_subject_invalid")


def test_a_save_refused_while_the_session_is_locked_is_retried(wizard, services, tasks, qtbot, type_text):
    from tests.ui.conftest import PIN

    wizard.next()
    type_text(wizard.subject.surname.edit, "Лук")
    flush(wizard, tasks)
    request_id = wizard.keeper.request.id
    wizard.keeper._retry.setInterval(50)
    services.auth.lock()  # the inactivity lock of the session
    type_text(wizard.subject.surname.edit, "ач")
    wizard.keeper.flush()
    wait(tasks, qtbot)
    assert wizard.keeper.last_error  # refused: «Сеанс заблоковано…»
    assert wizard.banner.isVisibleTo(wizard)
    assert services.auth.verify_pin(PIN)
    qtbot.waitUntil(lambda: not wizard.keeper.busy and not wizard.keeper.last_error, timeout=5000)
    assert services.requests.get(request_id).subject.surname == "Лукач"
    assert not wizard.banner.isVisibleTo(wizard)
