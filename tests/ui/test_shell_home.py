"""ui/home.py: today's visits, requests waiting to be scheduled, deadlines — loaded in the db worker."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from mobile_case.domain.model import CaseState, Outing, RequestChannel
from mobile_case.ui.main_window import MainWindow


class Recorder(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.calls = []
        QVBoxLayout(self).addWidget(QLabel("page"))

    def activate(self, **kwargs):
        self.calls.append(kwargs)


def install_recorders(window: MainWindow) -> None:
    for key in ("intake", "outings", "visit"):
        window.register_page(key, key.title(), Recorder)


def to_do(visits):
    """The visits still to be done (the home screen's list): request planned or under way, not closed."""
    return [
        (o, v, r)
        for o, v, r in visits
        if v.closed_at is None and r.state in (CaseState.SCHEDULED, CaseState.IN_PROGRESS)
    ]


def test_demo_home_lists_match_the_services(demo_window: MainWindow, demo_services, tasks) -> None:
    home = demo_window.page("home")
    today = demo_services.clock().date()
    visits = to_do(demo_services.outings.today(today))
    waiting = demo_services.requests.waiting_to_schedule()
    deadlines = demo_services.journals.deadlines_due(today)
    assert visits and waiting and deadlines  # the demo has all three
    assert len(home.visits_column.rows) == len(visits)
    assert len(home.waiting_column.rows) == len(waiting)
    assert len(home.deadlines_column.rows) == len(deadlines)
    assert home.visits_column.count_label.text() == str(len(visits))
    first_outing, first_visit, first_request = visits[0]
    row = home.visits_column.rows[0]
    assert row.title_label.text() == first_request.subject.short_name
    assert row.property("visitId") == first_visit.id
    assert home.date_label.text().startswith("Сьогодні: ")
    assert not home.visits_column.empty_label.isVisible()


def test_rows_open_the_visit_the_planner_and_the_request(demo_window: MainWindow, tasks) -> None:
    install_recorders(demo_window)
    home = demo_window.page("home")
    visit_row = home.visits_column.rows[0]
    visit_row.click()
    assert demo_window.current_key() == "visit"
    assert demo_window.page("visit").calls[-1] == {"visit_id": visit_row.property("visitId")}
    demo_window.open_page("home")
    tasks.wait_idle()
    waiting_row = home.waiting_column.rows[0]
    waiting_row.click()
    assert demo_window.current_key() == "outings"
    assert demo_window.page("outings").calls[-1] == {"request_id": waiting_row.property("requestId")}
    demo_window.open_page("home")
    tasks.wait_idle()
    handover = [r for r in home.deadlines_column.rows if "Передати документи" in r.detail_label.text()]
    assert handover
    handover[0].click()
    assert demo_window.current_key() == "intake"
    assert demo_window.page("intake").calls[-1] == {"request_id": handover[0].property("requestId")}


def test_empty_store_shows_empty_states(main_window: MainWindow) -> None:
    home = main_window.page("home")
    assert home.visits_column.rows == [] and home.visits_column.empty_label.isVisible()
    assert home.visits_column.empty_label.text() == "На сьогодні візитів не заплановано."
    assert home.waiting_column.empty_label.text() == "Немає зареєстрованих заявок, що очікують виїзду."
    assert not home.visits_column.count_label.isVisible()


def test_refresh_picks_up_a_new_outing(main_window: MainWindow, services, tasks, profile) -> None:
    home = main_window.page("home")
    today = services.clock().date()
    req = services.requests.new_draft(RequestChannel.PHONE)
    req.subject.surname, req.subject.given_name, req.subject.patronymic = "Шевчук", "Ганна", "Іванівна"
    req.subject.birth_date = date(1940, 2, 3)
    req.subject.phone = "+380671234567"
    req.address.settlement_code = profile.settlements[0].code
    req.address.street, req.address.house = "вул. Шевченка", "5"
    age = next(c for c in profile.categories if c.min_age is not None)
    req.category_code = age.code
    service = profile.mobile_services()[0]
    req.service_codes = [service.code]
    req.documents_present = {d.code: True for d in service.documents}
    req.consents.personal_data_processing = True
    req.consents.no_third_party_transfer = True
    req.consents.recording = True
    req.membership_proof = "паспорт з відміткою про реєстрацію"
    services.requests.save_draft(req)
    registered = services.requests.register(req.id)
    assert registered.state is CaseState.REGISTERED
    home.refresh()
    tasks.wait_idle()
    assert [r.property("requestId") for r in home.waiting_column.rows] == [req.id]
    outing = services.outings.create(
        Outing(
            date=today,
            settlement_code=profile.settlements[0].code,
            administrator_id=services.auth.current_user.id,
        )
    )
    services.outings.add_visit(outing.id, req.id, time(10, 0), time(10, 45))
    home.refresh_button.click()
    tasks.wait_idle()
    assert home.waiting_column.rows == []
    assert len(home.visits_column.rows) == 1
    row = home.visits_column.rows[0]
    assert row.head_label.text() == "10:00–10:45"
    assert row.title_label.text() == "Шевчук Г. І."
    assert "вул. Шевченка 5" in row.detail_label.text()


def test_home_load_error_is_shown(main_window: MainWindow, tasks, monkeypatch) -> None:
    from mobile_case.domain.errors import AuthError

    home = main_window.page("home")

    def refuse(_day):
        raise AuthError("locked", "Сеанс заблоковано через бездіяльність.")

    monkeypatch.setattr(main_window.services.outings, "today", refuse)
    home.refresh()
    tasks.wait_idle()
    assert home.banner.text() == "Сеанс заблоковано через бездіяльність."
    assert home.refresh_button.isEnabled()


def _fits(row, column) -> bool:
    """The row, its badge and its arrow lie inside the column's visible width."""
    width = column.scroll.viewport().width()
    right = row.mapTo(column.scroll.viewport(), row.rect().topRight()).x()
    badge = row.badge_label.mapTo(row, row.badge_label.rect().topRight()).x()
    return row.minimumSizeHint().width() <= width and right < width and badge < row.width()


def test_finished_visits_leave_the_to_do_list(
    demo_window: MainWindow, demo_services, tasks, screenshot
) -> None:
    """«Візити сьогодні» lists only the visits still to be done; a visit ended by an act (or completed)
    moves to the collapsed «Завершені сьогодні» group; badges are the short state titles and every row
    fits its column at 1280×800."""
    from mobile_case.domain.model import Act, ActReason, ActStage

    home = demo_window.page("home")
    today = demo_services.clock().date()
    scheduled = [
        (o, v, r) for o, v, r in demo_services.outings.today(today) if r.state is CaseState.SCHEDULED
    ]
    assert scheduled, "the demo has a planned visit today"
    _outing, visit, request = scheduled[0]
    demo_services.visits.open(visit.id)
    demo_services.acts.draw_up(
        Act(
            request_id=request.id,
            visit_id=visit.id,
            reason=ActReason.SUBJECT_ABSENT,
            stage=ActStage.DOCUMENT_INTAKE,
        )
    )
    assert demo_services.requests.get(request.id).state is CaseState.IMPOSSIBLE
    home.refresh()
    tasks.wait_idle()

    listed = [r.property("visitId") for r in home.visits_column.rows]
    assert visit.id not in listed
    assert listed == [v.id for _o, v, _r in to_do(demo_services.outings.today(today))]
    assert home.visits_column.count_label.text() == str(len(listed))
    # the finished one is in the group under the list, collapsed until tapped
    column = home.visits_column
    assert [r.property("visitId") for r in column.group_rows] == [visit.id]
    assert column.group_button.isVisible() and not column.group_box.isVisible()
    assert column.group_button.text() == "▸ Завершені сьогодні (1)"
    assert column.group_button.height() >= 44
    column.group_button.click()
    assert column.group_box.isVisible() and column.group_button.text() == "▾ Завершені сьогодні (1)"
    assert column.group_rows[0].badge_label.text() == "Акт"
    # short state titles as badges; every row fits its column
    badges = {r.badge_label.text() for r in column.rows}
    assert badges <= {"Заплановано", "Триває"}, badges
    screenshot(demo_window, "shell-home-finished-group")
    for row in [*column.rows, *column.group_rows]:
        assert _fits(row, column), (row.title_label.text(), row.width(), column.scroll.viewport().width())
    column.group_rows[0].click()
    assert demo_window.current_key() == "visit"


def test_when_every_visit_is_done_the_list_says_so(demo_window: MainWindow, demo_services, tasks) -> None:
    from mobile_case.domain.model import Act, ActReason, ActStage

    home = demo_window.page("home")
    today = demo_services.clock().date()
    for _o, visit, request in to_do(demo_services.outings.today(today)):
        if request.state is CaseState.SCHEDULED:
            demo_services.visits.open(visit.id)
        demo_services.acts.draw_up(
            Act(
                request_id=request.id,
                visit_id=visit.id,
                reason=ActReason.SUBJECT_ABSENT,
                stage=ActStage.DOCUMENT_INTAKE,
            )
        )
    home.refresh()
    tasks.wait_idle()
    column = home.visits_column
    assert column.rows == [] and len(column.group_rows) >= 3
    assert column.empty_label.isVisible() and column.empty_label.text() == "Усі візити на сьогодні завершено."
    assert not column.count_label.isVisible()


def test_a_long_list_is_built_a_page_at_a_time(main_window: MainWindow, services, tasks) -> None:
    """A big store has thousands of waiting requests or deadlines: each column builds the first 20 rows
    (a row costs the GUI thread milliseconds) and the rest on «Показати ще»; the count is the total."""
    from tests.ui.test_intake_support import registered_request

    from mobile_case.ui.home import PAGE

    for i in range(PAGE + 5):
        registered_request(services, surname=f"Шевчук{'а' * (i % 3)}")
    home = main_window.page("home")
    home.refresh()
    tasks.wait_idle()
    column = home.waiting_column
    assert len(column.rows) == PAGE
    assert column.count_label.text() == str(PAGE + 5)
    assert column.more_button.isVisible() and column.more_button.text() == "Показати ще 5"
    assert column.more_button.height() >= 44
    column.more_button.click()
    assert len(column.rows) == PAGE + 5 and not column.more_button.isVisible()
    assert [r.property("requestId") for r in column.rows] == [
        r.id for r in services.requests.waiting_to_schedule()
    ]
    # refreshed: back to the first page
    home.refresh()
    tasks.wait_idle()
    assert len(column.rows) == PAGE and column.more_button.isVisible()


def test_counts_in_rows_are_ukrainian_for_every_number(main_window: MainWindow, services, tasks) -> None:
    """«+ ще N» after the first of several services (a plural: «+ 2 more» used to stay English)."""
    from tests.ui.test_intake_support import registered_request

    codes = [s.code for s in services.profile.mobile_services() if s.is_free][:3]
    assert len(codes) == 3
    req = registered_request(services)
    draft = services.requests.get(req.id)
    draft.service_codes = codes
    services.requests.save_draft(draft)
    home = main_window.page("home")
    home.refresh()
    tasks.wait_idle()
    [row] = home.waiting_column.rows
    assert row.detail_label.text().endswith(" + ще 2"), row.detail_label.text()
