"""The outing planner (F4) driven through its real widgets on a real encrypted store."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from tests.ui.test_intake_support import registered_request, wait

from mobile_case.domain.model import CallOutcome, CaseState, HandoverDirection, OutingModel
from mobile_case.ui.outings.handover import HandoverDialog
from mobile_case.ui.outings.visits import AddVisitsDialog, CallDialog, TimeDialog


@pytest.fixture
def two_requests(services):
    first = registered_request(services, surname="Шевченко", settlement="bila")
    second = registered_request(services, surname="Коваленко", settlement="bila")
    return first, second


@pytest.fixture
def planner(main_window, tasks, qtbot, two_requests):
    page = main_window.open_page("outings")
    wait(tasks, qtbot)
    return page


def fill_outing(page, type_text):
    form = page.form
    form.model.click(OutingModel.FIXED_POINT.value)
    form.day.set_date(date.today() + timedelta(days=2))
    form.settlement.set_typed_text("с. Біла")
    admin_index = form.administrator.combo.findText("Коваленко Олена Петрівна")
    assert admin_index > 0
    form.administrator.combo.setCurrentIndex(admin_index)
    type_text(form.vehicle.edit, "Renault Master ВО 1234 АА")
    form.departure.set_value(time(8, 30))
    form.travel.set_current_code("30")
    driver = form.add_escort(form_escort("Ткачук Петро Іванович", "водій"))
    inspector = form.add_escort(form_escort("", "інспектор муніципальної інспекції"))
    type_text(inspector.name.edit, "Лисенко Марія Олегівна")
    return driver, inspector


def form_escort(name, role):
    from mobile_case.domain.model import Escort

    return Escort(full_name=name, role=role)


def test_outing_with_two_visits_a_call_and_the_kit_handover(
    planner, main_window, services, tasks, qtbot, type_text, screenshot, two_requests
):
    page = planner
    first, second = two_requests
    assert page.is_new
    fill_outing(page, type_text)
    screenshot(main_window, "outings_1_new")
    page.save_button.click()
    wait(tasks, qtbot)
    assert not page.is_new, page.form_error.text() + page.banner.text()

    stored = services.outings.list()
    assert len(stored) == 1
    outing = stored[0]
    assert outing.model == OutingModel.FIXED_POINT and outing.settlement_code == "bila"
    assert outing.departure == time(8, 30) and outing.travel_minutes == 30
    assert outing.vehicle == "Renault Master ВО 1234 АА"
    assert [(e.full_name, e.role) for e in outing.escorts] == [
        ("Ткачук Петро Іванович", "водій"),
        ("Лисенко Марія Олегівна", "інспектор муніципальної інспекції"),
    ]
    assert outing.administrator_id == services.auth.current_user.id
    assert outing.id in page.list_buttons  # listed by date

    # add both waiting requests as visits, each with its own time window
    page.tabs.setCurrentIndex(1)
    page.add_button.click()
    wait(tasks, qtbot)
    dialog = page.dialog
    assert isinstance(dialog, AddVisitsDialog)
    assert {r.request.id for r in dialog.rows} == {first.id, second.id}
    row1, row2 = dialog.row_for(first.id), dialog.row_for(second.id)
    row1.pick.set_checked(True)
    row2.pick.set_checked(True)
    row1.start.set_value(time(9, 0))
    row1.end.set_value(time(9, 45))
    row2.start.set_value(time(10, 0))
    row2.end.set_value(time(10, 45))
    screenshot(dialog, "outings_2_add_visits")
    dialog.add_button.click()
    wait(tasks, qtbot)

    visits = services.outings.visits(outing.id)
    assert [(v.request_id, v.planned_start, v.planned_end) for v in visits] == [
        (first.id, time(9, 0), time(9, 45)),
        (second.id, time(10, 0), time(10, 45)),
    ]
    assert services.requests.get(first.id).state == CaseState.SCHEDULED
    assert services.requests.get(second.id).state == CaseState.SCHEDULED
    assert len(page.visit_cards) == 2
    assert page.tabs.tabText(1) == "Візити (2)"
    screenshot(main_window, "outings_3_visits")

    # the phone call ahead of the first visit (O 2.5)
    page.visit_cards[visits[0].id].call_button.click()
    call = page.dialog
    assert isinstance(call, CallDialog)
    assert not call.save_button.isEnabled()
    call.outcome.click(CallOutcome.CONFIRMED.value)
    call.note.setText("Просить дзвонити у домофон двічі")
    screenshot(call, "outings_4_call")
    call.save_button.click()
    wait(tasks, qtbot)
    called = services.visits.get(visits[0].id)
    assert called.call_outcome == CallOutcome.CONFIRMED
    assert called.call_note == "Просить дзвонити у домофон двічі"
    assert called.call_at is not None
    assert "Візит підтверджено" in page.visit_cards[visits[0].id].call_label.text()
    assert services.visits.get(visits[1].id).call_outcome is None

    # a new time window keeps the visit, its order and the call record
    page.visit_cards[visits[0].id].time_button.click()
    timing = page.dialog
    assert isinstance(timing, TimeDialog)
    timing.start.set_value(time(11, 0))
    timing.end.set_value(time(10, 0))
    timing.save_button.click()
    assert timing.error.text() == "Кінець візиту має бути пізніше за початок."
    timing.end.set_value(time(11, 45))
    timing.save_button.click()
    wait(tasks, qtbot)
    moved = services.visits.get(visits[0].id)
    assert (moved.planned_start, moved.planned_end) == (time(11, 0), time(11, 45))
    assert moved.call_outcome == CallOutcome.CONFIRMED

    # the order at the fixed point: the second citizen first
    assert not page.visit_cards[visits[0].id].up_button.isEnabled()
    page.visit_cards[visits[1].id].up_button.click()
    wait(tasks, qtbot)
    assert [v.id for v in services.outings.visits(outing.id)] == [visits[1].id, visits[0].id]
    assert list(page.visit_cards) == [visits[1].id, visits[0].id]
    assert page.visit_cards[visits[1].id].title_label.text().startswith("1. з 10:00 до 10:45")

    # kit hand-over on issue: everything ticked
    page.tabs.setCurrentIndex(2)
    page.handover.issue_button.click()
    issue = page.dialog
    assert isinstance(issue, HandoverDialog)
    # the head is logged in and is the outing's administrator: the kit is issued *to* them, «Видав» is
    # left to be chosen (never the head giving the kit to themself by default)
    assert issue.received_by.text() == "Коваленко Олена Петрівна"
    assert issue.given_by.text() == ""
    issue.all_button.click()
    issue.given_by.set_text("Коваленко Олена Петрівна")
    issue.received_by.set_text("Мельник Ірина Василівна")
    screenshot(issue, "outings_5_handover_issue")
    issue.save_button.click()
    wait(tasks, qtbot)

    # on return: one item missing, so a note is required
    page.handover.return_button.click()
    back = page.dialog
    back.all_button.click()
    back.items.set_checked("power_bank", False)
    back.given_by.set_text("Мельник Ірина Василівна")
    back.received_by.set_text("Коваленко Олена Петрівна")
    back.save_button.click()
    assert back.error.text() == "Позначено не все: опишіть, чого бракує або що пошкоджено."
    assert back.isVisible()
    back.notes.setText("Павербанк розряджений, залишено на зарядці")
    back.save_button.click()
    wait(tasks, qtbot)

    entries = services.outings.handovers(outing.id)
    assert [(e.number, e.direction) for e in entries] == [
        (1, HandoverDirection.ISSUE),
        (2, HandoverDirection.RETURN),
    ]
    all_items = [k.code for k in services.profile.kit_items]
    assert sorted(entries[0].kit_items_checked) == sorted(all_items)
    assert "power_bank" not in entries[1].kit_items_checked
    assert len(entries[1].kit_items_checked) == len(all_items) - 1
    assert entries[1].kit_notes == "Павербанк розряджений, залишено на зарядці"
    assert entries[0].given_by_name == "Коваленко Олена Петрівна"
    assert entries[0].received_by_name == "Мельник Ірина Василівна"
    assert entries[0].destination == "Біла" and entries[0].at is not None
    assert len(page.handover.cards) == 2
    screenshot(main_window, "outings_6_handover")

    # the journal (Додаток 1) holds exactly these lines
    from mobile_case.services.types import JournalFilter

    journal = services.journals.handover(JournalFilter(date.today() - timedelta(days=1), date.today()))
    assert [e.id for e in journal] == [e.id for e in entries]


def test_the_administrator_is_never_both_giver_and_receiver_of_the_kit(
    main_window, services, tasks, qtbot, login_as, app_config, devices, screenshot
):
    """Logged in as the outing's administrator: on issue «Видав» is empty (the administrator receives),
    on return «Прийняв» is empty (the administrator returns); a line whose giver and receiver are the
    same person is refused with a Ukrainian message."""
    from mobile_case.domain.model import Outing, Role
    from mobile_case.ui.main_window import MainWindow

    head = services.auth.current_user
    admin = login_as(services, Role.ADMINISTRATOR)
    outing = services.outings.create(
        Outing(date=date.today() + timedelta(days=1), settlement_code="bila", administrator_id=admin.id)
    )
    window = MainWindow(services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.open_page("outings", outing_id=outing.id)
    wait(tasks, qtbot)
    page.tabs.setCurrentIndex(2)

    page.handover.issue_button.click()
    issue = page.dialog
    assert (issue.given_by.text(), issue.received_by.text()) == ("", admin.full_name)
    issue.all_button.click()
    issue.save_button.click()  # one tap does not record anything
    assert issue.isVisible() and issue.error.text() == "Вкажіть, хто передає кейс."
    issue.given_by.set_text(" мельник  андрій васильович ")  # the same person, typed differently
    issue.save_button.click()
    assert issue.isVisible()
    assert issue.error.text() == (
        "Кейс передають від однієї особи іншій: та сама особа не може і видати, і прийняти його. "
        "Виправте одне з імен."
    )
    screenshot(issue, "outings_8_handover_self_refused")
    head_index = issue.given_by.combo.findText(head.full_name)
    assert head_index >= 0  # the head is offered in the list
    issue.given_by.combo.setCurrentIndex(head_index)
    issue.save_button.click()
    wait(tasks, qtbot)
    assert not issue.isVisible()

    page.handover.return_button.click()
    back = page.dialog
    assert (back.given_by.text(), back.received_by.text()) == (admin.full_name, "")
    back.all_button.click()
    back.received_by.set_text(admin.full_name)
    back.save_button.click()
    assert back.isVisible() and "та сама особа" in back.error.text()
    back.received_by.set_text(head.full_name)
    back.save_button.click()
    wait(tasks, qtbot)
    entries = services.outings.handovers(outing.id)
    assert [(e.direction, e.given_by_name, e.received_by_name) for e in entries] == [
        (HandoverDirection.ISSUE, head.full_name, admin.full_name),
        (HandoverDirection.RETURN, admin.full_name, head.full_name),
    ]
    window.watcher.stop()


def test_removing_a_visit_puts_the_request_back_and_a_visit_opens(
    planner, main_window, services, tasks, qtbot, type_text, dialog_answers, two_requests
):
    page = planner
    first, second = two_requests
    fill_outing(page, type_text)
    page.save_button.click()
    wait(tasks, qtbot)
    outing = services.outings.list()[0]
    page.add_visits()
    wait(tasks, qtbot)
    for row in page.dialog.rows:
        row.pick.set_checked(True)
    page.dialog.add_button.click()
    wait(tasks, qtbot)
    visits = services.outings.visits(outing.id)
    assert len(visits) == 2

    page.visit_cards[visits[1].id].remove_button.click()
    wait(tasks, qtbot)
    assert dialog_answers.asked == ["Вилучити візит?"]
    assert [v.id for v in services.outings.visits(outing.id)] == [visits[0].id]
    assert services.requests.get(visits[1].request_id).state == CaseState.REGISTERED
    assert list(page.visit_cards) == [visits[0].id]

    page.visit_cards[visits[0].id].open_button.click()
    wait(tasks, qtbot)
    assert main_window.current_key() == "visit"


def test_outing_needs_a_date_and_a_destination(planner, services, tasks, qtbot):
    page = planner
    page.form.day.setText("")
    page.save_button.click()
    wait(tasks, qtbot)
    assert "Вкажіть дату виїзду." in page.form_error.text()
    assert "Оберіть місце виїзду" in page.form_error.text()
    assert services.outings.list() == []


def test_planning_from_a_registered_request(main_window, services, tasks, qtbot, two_requests):
    first, _second = two_requests
    page = main_window.open_page("outings", request_id=first.id)
    wait(tasks, qtbot)
    assert page.is_new
    assert page.form.settlement.settlement_code() == "bila"
    assert page.form.day.date() == first.preferred_date
    page.save_button.click()
    wait(tasks, qtbot)
    dialog = page.dialog
    assert isinstance(dialog, AddVisitsDialog)
    assert dialog.row_for(first.id).chosen()
    assert not dialog.row_for(_second.id).chosen()
    assert dialog.row_for(first.id).window() == (first.window_start, first.window_end)


def test_kit_keeper_hands_the_kit_over_but_cannot_plan(
    main_window, services, tasks, qtbot, login_as, app_config, devices, two_requests, screenshot
):
    from mobile_case.domain.model import Outing, Role
    from mobile_case.ui.main_window import MainWindow

    head = services.auth.current_user
    outing = services.outings.create(
        Outing(date=date.today() + timedelta(days=1), settlement_code="bila", administrator_id=head.id)
    )
    keeper = login_as(services, Role.KIT_KEEPER)
    window = MainWindow(services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert "outings" in window.nav_keys() and "intake" not in window.nav_keys()
    page = window.open_page("outings", outing_id=outing.id)
    wait(tasks, qtbot)
    assert not page.is_new and page.bundle.outing.id == outing.id
    page.tabs.setCurrentIndex(2)
    page.handover.issue_button.click()
    dialog = page.dialog
    assert dialog.given_by.text() == keeper.full_name
    assert dialog.received_by.text() == head.full_name
    dialog.all_button.click()
    dialog.save_button.click()
    wait(tasks, qtbot)
    [entry] = services.outings.handovers(outing.id)
    assert (entry.direction, entry.given_by_name, entry.received_by_name) == (
        HandoverDirection.ISSUE,
        keeper.full_name,
        head.full_name,
    )
    screenshot(window, "outings_7_keeper_handover")
    # planning is not the kit keeper's: its controls are hidden, and the service refuses it anyway
    assert not page.new_button.isVisibleTo(page) and not page.save_button.isVisibleTo(page)
    assert not page.form.isEnabled()
    page.form.vehicle.setText("інший автомобіль")
    page.save()
    wait(tasks, qtbot)
    assert "Планування виїздів" in page.form_error.text()
    assert services.outings.get(outing.id).vehicle == ""
    window.watcher.stop()
