"""Issue 2 acceptance: one whole working day driven through the real widgets of the real app.

The app is started from its composition root (``mobile_case.app.AppController``) on an empty temp data
folder with a real SQLCipher store (the key in a key file: the suite has no OS keyring) and the device
simulators (``--simulate-devices``). Everything below is done the way a person does it: buttons and rows
are tapped with real mouse events (a hidden or disabled control fails the test), text is typed with real
key events, dialogs are filled while they are open. The services are only read, to check what was stored.

The day:
 0. first start: the head of the CNAP creates their account on the login window's first-run form, then adds
    an administrator on the People tab of the settings, and logs out;
 1. the administrator logs in: login typed, PIN tapped on the on-screen keypad;
 2. three requests through the intake wizard: an 82-year-old in Chortkiv (registration of residence, paid),
    a person with disability group I (housing subsidy, with the proof document), and one refused because the
    address is outside the community (the O 2.3 reason stored and shown);
 3. one outing for today with the two eligible requests as visits (two time windows), the phone call ahead
    of each, the kit issued (Додаток 1) with every item ticked;
 4. the first visit from the home screen's list of today's visits: consent, identification, category,
    documents, payment with the receipt, the application registered and printed (the simulated printer's
    PDF read with pdftotext), delivery, finish -> COMPLETED;
 5. the second visit from the planner's «open the visit»: the original of a document is missing at the
    documents step, so the act (Додаток 4) is drawn up from that step and printed and saved;
 6. the kit comes back at the end of the day; the journals show exactly the day's lines, each exported to
    .xlsx and read back with openpyxl; the home screen no longer lists the finished visits.
 7. a screenshot of every screen on the way (``screenshots/e2e-*.png``, 1280×800).
"""

from __future__ import annotations

import gc
import subprocess
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QTabWidget, QWidget
from stdnum.ua import rntrc
from tests.ui.conftest import save_screenshot, type_text

from mobile_case.domain import texts
from mobile_case.domain.model import (
    ActReason,
    ActStage,
    CallOutcome,
    CaseState,
    DeliveryMethod,
    HandoverDirection,
    OutingModel,
    PaymentMethod,
    RefusalReason,
    Role,
    VisitStep,
)
from mobile_case.services.types import JournalFilter, JournalKind

TOUCH_MIN = 44  # px: every control a finger taps (TEAM.md, issue 2)

HEAD = SimpleNamespace(login="kovalenko", name="Коваленко Олена Петрівна", pin="250793")
ADMIN = SimpleNamespace(
    login="melnyk", name="Мельник Андрій Васильович", position="Адміністратор ЦНАП", pin="3917"
)
DRIVER = "Ткачук Петро Іванович"


def rnokpp(born: date, serial: int, male: bool) -> str:
    """A valid РНОКПП for a birth date: days since 31.12.1899, a serial, the sex digit, the check digit."""
    days = (born - date(1899, 12, 31)).days
    sex = 1 if male else 2
    head = f"{days:05d}{serial:03d}{sex}"
    return head + rntrc.calc_check_digit(head)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# -- the people of the day ----------------------------------------------------------------------------
TODAY = date.today()
# 82 years old today (born on a date already passed this year, or the year before when today is early)
_A_BORN = (
    date(TODAY.year - 82, 1, 14) if (TODAY.month, TODAY.day) >= (1, 14) else date(TODAY.year - 83, 1, 14)
)
OLD = SimpleNamespace(  # eligible: 82 years old, registration of residence (paid, receipt in advance)
    surname="Олійник",
    given="Ганна",
    patronymic="Михайлівна",
    born=_A_BORN,
    rnokpp=rnokpp(_A_BORN, 37, male=False),
    phone="067 215 48 93",
    street="вул. Незалежності",
    house="17",
    apartment="4",
    door="4К",
    access="2 поверх, дзвонити двічі",
    category="age_70",
    membership="passport_registration_stamp",
    service="residence_registration",
    start=time(10, 0),
    end=time(11, 0),
    id_card="006183452",
    receipt="0.0.4187263519.1",
)
DISABLED = SimpleNamespace(  # eligible: disability group I with the certificate, housing subsidy (free)
    surname="Гнатюк",
    given="Петро",
    patronymic="Олексійович",
    born=date(1961, 3, 8),
    rnokpp=rnokpp(date(1961, 3, 8), 415, male=True),
    phone="050 318 27 64",
    street="вул. Залізнична",
    house="9",
    apartment="",
    door="",
    access="приватний будинок, собака на ланцюгу",
    category="disability_group_1",
    proof="disability_certificate",
    proof_note="серія ААГ № 482913 від 12.05.2019",
    membership="id_card_registration_extract",
    service="housing_subsidy",
    start=time(11, 30),
    end=time(12, 30),
    id_card="005927164",
)
OUTSIDE = SimpleNamespace(  # refused: lives in Ternopil, outside the Chortkiv community (O 2.3)
    surname="Коваль",
    given="Марія",
    patronymic="Степанівна",
    born=date(1950, 2, 11),
    phone="097 640 12 35",
    settlement="Тернопіль",
    street="вул. Руська",
    house="5",
    category="age_70",
    service="residence_extract",
)


def full_name(p: SimpleNamespace) -> str:
    return f"{p.surname} {p.given} {p.patronymic}"


# -- driving the widgets ----------------------------------------------------------------------------
class Driver:
    """Taps, types, waits and takes the screenshots; remembers tapped controls smaller than a finger."""

    def __init__(self, qtbot: Any, tasks: Any) -> None:
        self.qtbot = qtbot
        self.tasks = tasks
        self.small: list[str] = []
        self.shots: list[Path] = []

    def settle(self) -> None:
        """Let timers fire and every database / device operation finish with its GUI callback."""
        for _ in range(3):
            QApplication.processEvents()
            assert self.tasks.wait_idle(30), "a database or device operation did not finish in 30 s"
        QApplication.processEvents()

    def wait_until(self, condition: Callable[[], Any], what: str, timeout: int = 15_000) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)
        self.settle()
        assert condition(), what

    def tap(self, widget: QWidget, what: str = "") -> None:
        name = what or widget.objectName() or getattr(widget, "text", lambda: "")() or type(widget).__name__
        assert widget.isVisible(), f"«{name}» is not on screen"
        assert widget.isEnabled(), f"«{name}» is disabled"
        if widget.height() < TOUCH_MIN or widget.width() < TOUCH_MIN:
            self.small.append(f"{type(widget).__name__} «{name}» {widget.width()}×{widget.height()}")
        QTest.mouseClick(
            widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget.rect().center()
        )
        self.settle()

    def tap_row(self, options: Any, code: str) -> None:
        """A row of a ChoiceList / CheckList (the whole row is the target)."""
        row = options.rows[code]
        self.tap(row, row.option.title[:60])

    def tap_tab(self, tabs: QTabWidget, index: int) -> None:
        bar = tabs.tabBar()
        assert bar.isVisible() and tabs.isTabEnabled(index), f"tab {index} «{tabs.tabText(index)}» not usable"
        QTest.mouseClick(
            bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(index).center()
        )
        self.settle()
        assert tabs.currentIndex() == index, f"the tab «{tabs.tabText(index)}» did not open"

    def type(self, widget: QWidget, text: str) -> None:
        type_text(widget, text)

    def retype(self, edit: QWidget, text: str) -> None:
        """Select all, delete, type (what a person does to replace a pre-filled value)."""
        edit.setFocus()
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
        type_text(edit, text)

    def nav(self, window: Any, key: str) -> QWidget:
        """Tap the navigation rail's button of ``key``."""
        button = window.nav_button(key)
        assert button is not None, f"no «{key}» on the rail of {window.current_user.role}"
        self.tap(button, f"rail {key}")
        assert window.current_key() == key
        gc.collect()  # what the last page left to the GC goes on the GUI thread (requests-e2e.md, 5)
        return window.page(key)

    def shot(self, widget: QWidget, name: str, wait_ms: int = 0) -> Path:
        if wait_ms:
            QTest.qWait(wait_ms)  # QPdfView renders its pages in the background
        path = save_screenshot(widget, f"e2e-{len(self.shots) + 1:02d}-{name}")
        self.shots.append(path)
        return path

    def modal(self, button: QWidget, fill: Callable[[Any], None]) -> None:
        """Tap ``button``, which opens a modal dialog (``exec()``), and fill the dialog while it is open."""
        errors: list[BaseException] = []

        def handle() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                errors.append(AssertionError("no modal dialog opened"))
                return
            try:
                fill(dialog)
            except BaseException as exc:  # the dialog must not stay open on a failed check
                errors.append(exc)
                dialog.reject()

        assert button.isVisible() and button.isEnabled()
        # The closed dialog's wrappers become cyclic garbage as soon as exec() returns (settings.py keeps
        # no reference), while the database worker is already busy with the change. Python's GC is
        # held until they are collected here, on the GUI thread: collected on the worker they crashed
        # the whole suite (docs/design/requests-e2e.md, 5).
        gc.disable()
        try:
            QTimer.singleShot(0, handle)
            QTest.mouseClick(
                button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, button.rect().center()
            )
            gc.collect()
        finally:
            gc.enable()
        self.settle()
        if errors:
            raise errors[0]


def choose(combo: Any, text: str) -> None:
    """Pick the item of a combo box shown as ``text`` (what a person reads in the list)."""
    index = combo.findText(text)
    assert index >= 0, f"«{text}» is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    assert combo.isVisible() and combo.isEnabled()
    combo.setCurrentIndex(index)
    QApplication.processEvents()


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


def printed_pdf(printer: Any, job_id: str) -> Path:
    """The PDF the simulated printer wrote for ``job_id``."""
    found = sorted(Path(printer.folder).glob(f"*{job_id}*.pdf"))
    assert len(found) == 1, f"printed job {job_id}: {found}"
    return found[0]


def answer_save_dialogs(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[Path]:
    """Every «save as» dialog is answered with a new file in ``folder`` (named like the suggestion)."""
    asked: list[Path] = []

    def answer(_parent: Any, _caption: str = "", start: str = "", _filter: str = "", *_a: Any, **_k: Any):
        target = folder / f"{len(asked) + 1}-{Path(start).name or 'file'}"
        asked.append(target)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def xlsx_rows(path: Path) -> list[list[Any]]:
    """The data rows of an exported journal (below the header row)."""
    from mobile_case.documents.xlsx import HEADER_ROW

    sheet = openpyxl.load_workbook(path).active
    return [list(row) for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def assert_rows_as_rendered(path: Path, kind: str, entries: list[Any], services: Any) -> None:
    """Every cell of the exported workbook is what the journal spec makes of the stored entries."""
    from mobile_case.documents import journals as spec_module

    spec = getattr(spec_module, f"{kind}_spec")(services.profile)
    expected = spec_module.rows(spec, entries)
    actual = xlsx_rows(path)
    assert len(actual) == len(expected)
    for got_row, want_row in zip(actual, expected, strict=True):
        for got, want in zip(got_row, want_row, strict=True):
            if isinstance(got, datetime) and not isinstance(want, datetime) and isinstance(want, date):
                got = got.date()
            if isinstance(want, datetime):
                want = want.replace(second=0, microsecond=0)
                got = got.replace(second=0, microsecond=0) if isinstance(got, datetime) else got
            assert (got if got is not None else "") == (want if want is not None else ""), (kind, got, want)


def xlsx_header(path: Path) -> list[str]:
    from mobile_case.documents.xlsx import HEADER_ROW

    sheet = openpyxl.load_workbook(path).active
    return [c.value for c in sheet[HEADER_ROW]]


# -- the test -------------------------------------------------------------------------------------------
@pytest.fixture
def controller(tasks: Any, tmp_path: Path, qtbot: Any) -> Any:
    """The app as ``mobile-case --data-dir D --simulate-devices`` builds it (no event loop of its own)."""
    from mobile_case.app import AppController

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    args = SimpleNamespace(data_dir=data_dir, demo=False, profile=None, lang="uk", simulate_devices=True)
    app = AppController(data_dir, args)  # the real key provider: OS keyring, here the key file
    yield app
    tasks.wait_idle(30)
    for window in (app.main_window, app.login_window):
        if window is not None:
            if hasattr(window, "watcher"):
                window.watcher.stop()
            window.close()
            window.deleteLater()  # deleted on the GUI thread (tasks' teardown flushes it)
    if app.services is not None:
        app.services.close()


@pytest.mark.slow
def test_whole_day(
    controller: Any, tasks: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = Driver(qtbot, tasks)
    saved_dir = tmp_path / "saved"
    saved_dir.mkdir()
    saved = answer_save_dialogs(monkeypatch, saved_dir)

    # -- 0. first start: the head creates their account, then the administrator's ----------------------
    controller.start()
    login = controller.login_window
    qtbot.addWidget(login)
    d.wait_until(lambda: controller.services is not None, "the store did not open", 30_000)
    d.wait_until(lambda: login.mode == "first_run", "an empty store must offer the first-run form")
    d.wait_until(lambda: controller.devices is not None, "the device registry was not built")
    services = controller.services
    assert (controller.data_dir / "mobile-case.db").exists()  # the encrypted store was created
    assert not (controller.data_dir / "mobile-case.db").read_bytes()[:16].startswith(b"SQLite format 3")
    assert "Чортків" in login.community_label.text()
    d.type(login.first_name_field.edit, HEAD.name)
    d.type(login.first_login_field.edit, HEAD.login)
    d.type(login.first_pin_field.edit, HEAD.pin)
    d.type(login.first_pin2_field.edit, HEAD.pin)
    d.shot(login, "login-first-run")
    d.tap(login.create_button)
    d.wait_until(lambda: controller.main_window is not None, "the head was not logged in")
    window = controller.main_window
    assert window.header.user_label.text() == HEAD.name
    assert services.auth.current_user.role is Role.HEAD

    settings = d.nav(window, "settings")
    people_index = settings.tabs.indexOf(settings.people_tab)
    d.tap_tab(settings.tabs, people_index)
    people = settings.people_tab
    assert [u.login for u in people.users] == [HEAD.login]

    def fill_user(dialog: Any) -> None:
        d.type(dialog.name_field.edit, ADMIN.name)
        d.type(dialog.login_field.edit, ADMIN.login)
        d.type(dialog.position_field.edit, ADMIN.position)
        d.tap_row(dialog.role_list, Role.ADMINISTRATOR.value)
        d.type(dialog.pin_field.edit, ADMIN.pin)
        d.type(dialog.pin2_field.edit, ADMIN.pin)
        d.shot(dialog, "settings-new-user")
        d.tap(dialog.save_button)

    d.modal(people.add_button, fill_user)
    d.settle()
    assert people.banner.text() == f"Користувача додано: {ADMIN.name}"
    admin_user = next(u for u in services.users.list() if u.login == ADMIN.login)
    assert admin_user.role is Role.ADMINISTRATOR and admin_user.active
    d.shot(window, "settings-people")
    d.tap(window.header.logout_button)
    d.wait_until(
        lambda: controller.main_window is None and login.isVisible(), "logout did not return to login"
    )
    assert login.mode == "login" and services.auth.current_user is None

    # -- 1. the administrator logs in: login typed, PIN on the keypad ------------------------------------
    d.retype(login.login_field.edit, ADMIN.login)
    for digit in ADMIN.pin:
        d.tap(login.pinpad.keys[digit], f"keypad {digit}")
    assert login.pinpad.pin() == ADMIN.pin
    d.shot(login, "login")
    d.tap(login.pinpad.keys["OK"], "keypad OK")
    d.wait_until(lambda: controller.main_window is not None, "the administrator was not logged in")
    window = controller.main_window
    qtbot.addWidget(window)
    assert window.size().width() == 1280 and window.size().height() == 800
    assert services.auth.current_user.login == ADMIN.login
    assert window.header.user_label.text() == ADMIN.name
    assert "settings" in window.nav_keys() and "intake" in window.nav_keys()
    d.shot(window, "home-morning")

    # -- 2. three requests through the intake wizard -----------------------------------------------------
    wizard = d.nav(window, "intake")
    old_request = take_request(d, window, wizard, OLD, "old")
    assert old_request.state is CaseState.REGISTERED and old_request.number.startswith("МК-")
    assert old_request.payment_method is PaymentMethod.PREPAID_RECEIPT
    assert old_request.subject.rnokpp == OLD.rnokpp and old_request.subject.phone == "+380672154893"
    assert age_on(old_request.subject.birth_date, TODAY) == 82

    d.tap(wizard.finish.new_button, "take a new request")
    assert wizard.keeper.request.id != old_request.id and wizard.current_index() == 0
    disabled_request = take_request(d, window, wizard, DISABLED, "disabled")
    assert disabled_request.state is CaseState.REGISTERED
    assert disabled_request.category_code == "disability_group_1"
    assert disabled_request.proof_document_codes == ["disability_certificate"]
    assert disabled_request.proof_note == DISABLED.proof_note
    assert disabled_request.payment_method is PaymentMethod.FREE

    d.nav(window, "home")
    d.nav(window, "intake")  # the rail continues what is on screen: the registered request
    assert wizard.keeper.request.id == disabled_request.id
    d.tap(wizard.finish.new_button, "take a new request")
    refused = refuse_request(d, window, wizard, services)
    assert refused.state is CaseState.REFUSED
    assert refused.refusal_reasons == [RefusalReason.ADDRESS_OUTSIDE_COMMUNITY]
    assert "Тернопіль" in refused.decision_explanation
    assert {r.id for r in services.requests.waiting_to_schedule()} == {old_request.id, disabled_request.id}

    # -- 3. the outing: two visits, the calls ahead, the kit issued ----------------------------------------
    planner = d.nav(window, "outings")
    outing = plan_outing(d, window, planner, services, old_request, disabled_request)
    visits = services.outings.visits(outing.id)
    by_request = {v.request_id: v for v in visits}
    old_visit, disabled_visit = by_request[old_request.id], by_request[disabled_request.id]
    assert (old_visit.planned_start, old_visit.planned_end) == (OLD.start, OLD.end)
    assert (disabled_visit.planned_start, disabled_visit.planned_end) == (DISABLED.start, DISABLED.end)
    assert all(v.call_outcome is CallOutcome.CONFIRMED and v.call_at is not None for v in visits)
    [issue] = services.outings.handovers(outing.id)
    all_items = sorted(k.code for k in services.profile.kit_items)
    assert issue.direction is HandoverDirection.ISSUE and sorted(issue.kit_items_checked) == all_items
    assert (issue.given_by_name, issue.received_by_name) == (HEAD.name, ADMIN.name)

    # -- 4. the first visit, from the home screen's list of today's visits -------------------------------
    home = d.nav(window, "home")
    d.wait_until(lambda: len(home.visits_column.rows) == 2, "today's visits are not on the home screen")
    d.shot(window, "home-two-visits")
    row = next(r for r in home.visits_column.rows if r.property("visitId") == old_visit.id)
    assert f"{OLD.surname} " in row.title_label.text()
    d.tap(row, "home: today's visit")
    assert window.current_key() == "visit"
    page = window.page("visit")
    d.settle()
    run_visit(d, window, page, services, controller.devices, old_request, old_visit)

    # -- 5. the second visit, from the planner: the act from the documents step -------------------------
    planner = d.nav(window, "outings")
    d.tap_tab(planner.tabs, 1)
    d.tap(planner.visit_cards[disabled_visit.id].open_button, "open the visit")
    assert window.current_key() == "visit"
    act = visit_ends_in_act(d, window, page, services, controller.devices, disabled_request, saved)

    # -- 6. the kit comes back; the journals; the home screen ---------------------------------------------
    planner = d.nav(window, "outings")
    return_kit(d, window, planner, services, outing)
    handovers = services.outings.handovers(outing.id)
    assert [(e.number, e.direction) for e in handovers] == [
        (1, HandoverDirection.ISSUE),
        (2, HandoverDirection.RETURN),
    ]

    journals = d.nav(window, "journals")
    check_journals(d, window, journals, services, old_request, disabled_request, act, handovers, saved)

    home = d.nav(window, "home")
    d.settle()
    d.shot(window, "home-evening")
    assert home.waiting_column.rows == []  # both eligible requests were served, the refused one never waits
    deadline_numbers = [r.head_label.text() for r in home.deadlines_column.rows]
    assert old_request.number in deadline_numbers  # documents to the provider by the next working day
    # Both checks below are reported together (requests-e2e.md), neither hides the other.
    problems = []
    listed = {r.property("visitId") for r in home.visits_column.rows}
    if listed & {old_visit.id, disabled_visit.id}:
        problems.append(
            "the home screen still lists the finished visits among today's visits: "
            + "; ".join(f"{r.title_label.text()} [{r.badge_label.text()}]" for r in home.visits_column.rows)
        )
    if d.small:
        problems.append("controls smaller than a finger (44 px): " + "; ".join(d.small))
    assert not problems, "\n".join(problems)


# -- 2. intake --------------------------------------------------------------------------------------------
def fill_subject(d: Driver, wizard: Any, p: SimpleNamespace) -> None:
    s = wizard.subject
    d.type(s.surname.edit, p.surname)
    d.type(s.given.edit, p.given)
    d.type(s.patronymic.edit, p.patronymic)
    d.type(s.birth.edit, p.born.strftime("%d%m%Y"))  # typed without dots
    if getattr(p, "rnokpp", ""):
        d.type(s.rnokpp.edit, p.rnokpp)
    d.type(s.phone.edit, p.phone)
    assert s.birth.date() == p.born
    assert s.age_label.text() == f"Вік: {texts.format_age(age_on(p.born, TODAY))}"
    assert s.problems() == [], s.problems()


def pick_settlement(d: Driver, picker: Any, typed: str) -> None:
    """Type a part of the name; tap the suggestion when the list offers one."""
    edit = picker.combo.lineEdit()
    d.type(edit, typed)
    popup = picker.combo.completer().popup()
    if popup.isVisible() and popup.model().rowCount() > 0:
        index = popup.model().index(0, 0)
        QTest.mouseClick(
            popup.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            popup.visualRect(index).center(),
        )
        d.settle()
    popup.hide()


def fill_address(d: Driver, wizard: Any, p: SimpleNamespace, settlement: str) -> None:
    a = wizard.address
    pick_settlement(d, a.settlement, settlement)
    d.type(a.street.edit, p.street)
    d.type(a.house.edit, p.house)
    if getattr(p, "apartment", ""):
        d.type(a.apartment.edit, p.apartment)
    if getattr(p, "door", ""):
        d.type(a.door.edit, p.door)
    if getattr(p, "access", ""):
        d.type(a.access.edit, p.access)


def fill_category_and_services(d: Driver, wizard: Any, p: SimpleNamespace) -> None:
    c = wizard.category
    group = wizard.profile.category(p.category).group
    d.tap_row(c.groups[group], p.category)
    if getattr(p, "proof", ""):
        assert p.proof in c.proofs.codes()
        d.tap_row(c.proofs, p.proof)
        d.type(c.proof_note.edit, p.proof_note)
    assert c.reason.text()  # the application's wording, suggested from the category
    if getattr(p, "membership", ""):
        d.tap_row(c.membership, p.membership)
    d.tap(wizard.next_button)
    lists = [check for check in wizard.services_step.lists.values() if p.service in check.rows]
    assert len(lists) == 1
    d.tap_row(lists[0], p.service)
    assert wizard.services_step.checked() == [p.service]
    d.tap(wizard.next_button)
    checklist = wizard.documents.checklist
    assert checklist.codes(), "the documents of the service are listed"
    for code in checklist.codes():
        d.tap_row(checklist, code)
    assert checklist.checked_codes() == checklist.codes()
    assert not wizard.documents.missing_label.isVisible()


def fill_schedule_and_consents(d: Driver, wizard: Any, p: SimpleNamespace, paid: bool) -> None:
    d.tap(wizard.next_button)
    sch = wizard.schedule
    if paid:
        assert sch.payment.isVisible()
        d.tap_row(sch.payment, PaymentMethod.PREPAID_RECEIPT.value)
    else:
        assert not sch.payment.isVisible() and sch.total_label.text() == "Разом: безоплатно"
    d.retype(sch.day.edit, TODAY.strftime("%d%m%Y"))
    assert sch.day.date() == TODAY
    if getattr(p, "start", None):
        choose(sch.start.combo, texts.format_time(p.start))
        choose(sch.end.combo, texts.format_time(p.end))
    d.tap(wizard.next_button)
    for code in ("no_third_party_transfer", "personal_data_processing", "recording"):
        d.tap_row(wizard.consents.consents, code)
    assert not wizard.consents.recording_warning.isVisible()
    d.tap(wizard.next_button)
    assert wizard.current_index() == 8


def take_request(d: Driver, window: Any, wizard: Any, p: SimpleNamespace, name: str) -> Any:
    """An eligible request, registered; returns the stored request."""
    services = window.services
    d.tap_row(wizard.applicant.channel, "phone")
    if name == "old":
        d.shot(window, "intake-1-applicant")
    d.tap(wizard.next_button)
    fill_subject(d, wizard, p)
    if name == "old":
        d.shot(window, "intake-2-subject")
    d.tap(wizard.next_button)
    fill_address(d, wizard, p, "Чортків")
    assert wizard.address.settlement.settlement_code() == "chortkiv"
    assert not wizard.address.outside_label.isVisible()
    if name == "old":
        d.shot(window, "intake-3-address")
    d.tap(wizard.next_button)
    fill_category_and_services(d, wizard, p)
    if name == "disabled":
        d.shot(window, "intake-6-documents")
    fill_schedule_and_consents(d, wizard, p, paid=name == "old")
    finish = wizard.finish
    assert wizard.verdict.status.text() == "Можна надавати на виїзді", wizard.verdict.reasons_label.text()
    assert finish.register_button.isEnabled(), finish.missing_label.text()
    d.shot(window, f"intake-9-decision-{name}")
    d.tap(finish.register_button)
    d.wait_until(lambda: finish.pages.currentIndex() == 2, "the request was not registered")
    stored = services.requests.get(wizard.keeper.request.id)
    assert stored.number and stored.number in finish.number_label.text()
    assert stored.subject.full_name == full_name(p)
    assert stored.address.settlement_code == "chortkiv" and stored.address.street == p.street
    assert stored.service_codes == [p.service] and stored.preferred_date == TODAY
    assert (stored.window_start, stored.window_end) == (p.start, p.end)
    assert stored.consents.recording and stored.consents.personal_data_processing
    d.wait_until(lambda: finish.preview.page_count() >= 1, "the application (Додаток 2) is not shown")
    d.shot(window, f"intake-9-registered-{name}", wait_ms=400)
    return stored


def refuse_request(d: Driver, window: Any, wizard: Any, services: Any) -> Any:
    p = OUTSIDE
    d.tap_row(wizard.applicant.channel, "phone")
    d.tap(wizard.next_button)
    fill_subject(d, wizard, p)
    d.tap(wizard.next_button)
    fill_address(d, wizard, p, p.settlement)
    a = wizard.address
    assert a.settlement.settlement_code() == "" and a.outside_label.isVisible()
    assert "Тернопіль" in a.outside_label.text()
    d.shot(window, "intake-3-address-outside")
    d.tap(wizard.next_button)
    fill_category_and_services(d, wizard, p)
    fill_schedule_and_consents(d, wizard, p, paid=False)
    finish = wizard.finish
    assert wizard.verdict.status.text() != "Можна надавати на виїзді"
    assert "за межами" in wizard.verdict.reasons_label.text()
    assert not finish.register_button.isEnabled()
    d.tap(finish.refuse_button)
    assert finish.reasons.checked_codes() == [RefusalReason.ADDRESS_OUTSIDE_COMMUNITY.value]
    assert "Тернопіль" in finish.explanation.text()
    d.shot(window, "intake-9-refusal")
    d.tap(finish.confirm_refusal)
    d.wait_until(lambda: finish.pages.currentIndex() == 3, "the refusal was not recorded")
    stored = services.requests.get(wizard.keeper.request.id)
    reason = texts.sentence(
        texts.refusal_reason_text(RefusalReason.ADDRESS_OUTSIDE_COMMUNITY, services.profile.community_name)
    )
    shown = finish.refused_label.text()
    assert reason in shown and stored.decision_explanation in shown
    assert finish.refused_label.isVisible()
    d.shot(window, "intake-9-refused")
    return stored


# -- 3. the outing ----------------------------------------------------------------------------------------
def plan_outing(d: Driver, window: Any, planner: Any, services: Any, first: Any, second: Any) -> Any:
    assert planner.is_new
    form = planner.form
    d.tap_row(form.model, OutingModel.AT_ADDRESS.value)
    d.retype(form.day.edit, TODAY.strftime("%d%m%Y"))
    pick_settlement(d, form.settlement, "Чортків")
    assert form.settlement.settlement_code() == "chortkiv"
    assert form.administrator.current_code() == services.auth.current_user.id  # the logged-in administrator
    d.type(form.vehicle.edit, "Renault Kangoo ВО 4521 ВК")
    choose(form.departure.combo, "09:30")
    choose(form.travel.combo, "15 хв")
    d.tap(form.add_escort_button)
    escort = form.escort_rows[-1]
    d.type(escort.name.edit, DRIVER)
    choose(escort.role, "водій")
    d.shot(window, "outings-1-new")
    d.tap(planner.save_button)
    assert not planner.is_new, planner.form_error.text() + planner.banner.text()
    [outing] = services.outings.list()
    assert outing.date == TODAY and outing.settlement_code == "chortkiv" and outing.travel_minutes == 15
    assert [(e.full_name, e.role) for e in outing.escorts] == [(DRIVER, "водій")]

    d.tap_tab(planner.tabs, 1)
    d.tap(planner.add_button)
    dialog = planner.dialog
    assert {r.request.id for r in dialog.rows} == {first.id, second.id}  # the refused one is not offered
    for req, p in ((first, OLD), (second, DISABLED)):
        row = dialog.row_for(req.id)
        assert not row.chosen()
        d.tap_row(row.pick.list, "x")
        assert row.chosen()
        assert row.window() == (p.start, p.end)  # the window agreed at intake is offered
    d.shot(dialog, "outings-2-add-visits")
    d.tap(dialog.add_button)
    assert len(planner.visit_cards) == 2 and planner.tabs.tabText(1) == "Візити (2)"

    for req, note in ((first, "Чекає з 10:00, домофон 4К"), (second, "Буде вдома, собака на ланцюгу")):
        visit = next(v for v, r in planner.bundle.visits if r.id == req.id)
        d.tap(planner.visit_cards[visit.id].call_button)
        call = planner.dialog
        assert not call.save_button.isEnabled()
        d.tap_row(call.outcome, CallOutcome.CONFIRMED.value)
        d.type(call.note.edit, note)
        if req is first:
            d.shot(call, "outings-3-call")
        d.tap(call.save_button)
        assert "Візит підтверджено" in planner.visit_cards[visit.id].call_label.text()
    d.shot(window, "outings-4-visits")

    d.tap_tab(planner.tabs, 2)
    d.tap(planner.handover.issue_button)
    issue = planner.dialog
    assert issue.received_by.text() == ADMIN.name
    for code in issue.items.codes():
        d.tap_row(issue.items, code)
    assert issue.items.checked_codes() == issue.items.codes()
    choose(issue.given_by.combo, HEAD.name)
    assert issue.given_by.text() == HEAD.name
    d.shot(issue, "outings-5-handover-issue")
    d.tap(issue.save_button)
    assert len(planner.handover.cards) == 1
    d.shot(window, "outings-6-handover")
    return outing


def return_kit(d: Driver, window: Any, planner: Any, services: Any, outing: Any) -> None:
    if planner.bundle is None or planner.bundle.outing.id != outing.id:
        d.tap(planner.list_buttons[outing.id], "the outing in the list")
    d.tap_tab(planner.tabs, 2)
    d.tap(planner.handover.return_button)
    back = planner.dialog
    assert back.given_by.text() == ADMIN.name  # the administrator returns it
    for code in back.items.codes():
        d.tap_row(back.items, code)
    choose(back.received_by.combo, HEAD.name)
    d.shot(back, "outings-7-handover-return")
    d.tap(back.save_button)
    assert len(planner.handover.cards) == 2
    d.shot(window, "outings-8-handover-returned")


# -- 4. the visit to a printed application ----------------------------------------------------------------
def next_step(d: Driver, page: Any) -> None:
    assert page.next_button.isEnabled(), page.blocker_label.text()
    d.tap(page.next_button, "next step")


def start_visit(d: Driver, page: Any, p: SimpleNamespace) -> None:
    from mobile_case.ui.visit.page import START, STEPS

    assert page.current_view() == START
    assert full_name(p) in page.subject_label.text()
    d.tap(page.start_button)
    assert page.current_view() == STEPS
    consent = page.step(VisitStep.CONSENT)
    d.tap_row(consent.choice, "yes")
    assert DRIVER in consent.present.text()  # the escort is named among those present
    next_step(d, page)
    ident = page.step(VisitStep.IDENTIFICATION)
    d.type(ident.number.edit, p.id_card)
    assert ident.number.error_text() == ""
    d.tap_row(ident.verified, ident.verified.CODE)


def run_visit(d: Driver, window: Any, page: Any, services: Any, devices: Any, req: Any, visit: Any) -> None:
    from mobile_case.ui.visit.page import DONE

    p = OLD
    d.shot(window, "visit-0-start")
    start_visit(d, page, p)
    assert services.requests.get(req.id).state is CaseState.IN_PROGRESS
    d.shot(window, "visit-2-identification")
    next_step(d, page)

    category = page.step(VisitStep.CATEGORY_PROOF)
    assert "70" in category.category_label.text()
    d.tap_row(category.confirmed, category.confirmed.CODE)
    d.shot(window, "visit-3-category")
    next_step(d, page)

    documents = page.step(VisitStep.DOCUMENTS)
    for checks in documents.lists:
        for code in checks.codes():
            d.tap_row(checks, code)
    assert documents.missing() == [] and not documents.missing_card.isVisible()
    d.shot(window, "visit-4-documents")
    next_step(d, page)

    payment = page.step(VisitStep.PAYMENT)
    assert payment.method() is PaymentMethod.PREPAID_RECEIPT
    assert payment.amount.text() == "49,92"
    assert not page.next_button.isEnabled()  # the receipt number is required for a paid service
    d.type(payment.receipt.edit, p.receipt)
    d.shot(window, "visit-5-payment")
    next_step(d, page)

    application = page.step(VisitStep.APPLICATION)
    assert not page.next_button.isEnabled()
    d.tap(application.register_button)
    stored = services.visits.get(visit.id)
    assert stored.case_number and stored.case_number in application.case_label.text()
    assert stored.payment.receipt_number == p.receipt and str(stored.payment.amount) == "49.92"
    d.wait_until(lambda: application.panel.can_print, "the (simulated) printer is not ready")
    d.tap(application.panel.print_button, "print the application")
    d.wait_until(lambda: application.panel.last_job, "the application was not printed")
    pdf = printed_pdf(devices.printer, application.panel.last_job)
    text = pdf_text(pdf)
    assert "ЗАЯВА" in text
    assert full_name(p) in text
    assert stored.case_number in text or req.number in text
    d.wait_until(lambda: application.preview.page_count() >= 1, "no preview of the application")
    d.shot(window, "visit-6-application", wait_ms=400)
    assert services.visits.get(visit.id).application_printed
    next_step(d, page)

    delivery = page.step(VisitStep.DELIVERY)
    d.tap_row(delivery.methods, DeliveryMethod.POST.value)
    assert "Чортків" in delivery.note.text() and OLD.street in delivery.note.text()
    d.shot(window, "visit-7-delivery")
    d.tap(delivery.finish_button)
    assert page.current_view() == DONE
    final = services.visits.get(visit.id)
    assert services.requests.get(req.id).state is CaseState.COMPLETED
    assert final.delivery_method is DeliveryMethod.POST and final.closed_at is not None
    assert final.case_number in page.done_text.text()
    d.shot(window, "visit-8-done")


# -- 5. the visit to an act ---------------------------------------------------------------------------------
def visit_ends_in_act(
    d: Driver, window: Any, page: Any, services: Any, devices: Any, req: Any, saved: list[Path]
) -> Any:
    from mobile_case.ui.visit.act import ACK_SIGNED
    from mobile_case.ui.visit.page import ACT

    p = DISABLED
    d.shot(window, "act-0-start")
    start_visit(d, page, p)
    next_step(d, page)
    category = page.step(VisitStep.CATEGORY_PROOF)
    assert category.proofs.codes(), "the accepted proof documents are offered"
    assert not category.no_proof_label.isVisible()
    d.tap_row(category.proofs, p.proof)
    d.tap_row(category.confirmed, category.confirmed.CODE)
    d.shot(window, "act-1-category-proof")
    next_step(d, page)
    stored = services.visits.get(page.visit_id)
    assert stored.category_documents_seen == [p.proof] and stored.category_confirmed

    documents = page.step(VisitStep.DOCUMENTS)
    codes = list(documents.states())
    assert "rnokpp_document" in codes
    for checks in documents.lists:
        for code in checks.codes():
            if code != "rnokpp_document":  # only a photocopy of the РНОКПП card: no original
                d.tap_row(checks, code)
    assert documents.missing() == ["rnokpp_document"] and documents.missing_card.isVisible()
    assert not page.next_button.isEnabled()
    d.shot(window, "act-2-documents-missing")
    d.tap(documents.act_button)
    assert page.current_view() == ACT
    form = page.act_form
    assert form.reasons.selected_code() == ActReason.NO_ORIGINAL_DOCUMENTS.value
    assert form.stages.selected_code() == ActStage.DOCUMENT_INTAKE.value
    assert form.subject_value.text() == full_name(p) and form.admin_value.text() == ADMIN.name
    d.type(form.details.edit, "Оригіналу документа з РНОКПП немає, лише ксерокопія.")
    d.tap_row(form.ack, ACK_SIGNED)
    d.shot(window, "act-3-form")
    d.tap(form.draw_button)
    assert services.requests.get(req.id).state is CaseState.IMPOSSIBLE
    [act] = services.acts.for_request(req.id)
    assert act.reason is ActReason.NO_ORIGINAL_DOCUMENTS and act.stage is ActStage.DOCUMENT_INTAKE
    assert act.subject_acknowledged and act.number and act.number in form.result_title.text()
    d.wait_until(lambda: form.panel.can_print, "the (simulated) printer is not ready")
    d.tap(form.panel.print_button, "print the act")
    d.wait_until(lambda: form.panel.last_job, "the act was not printed")
    text = pdf_text(printed_pdf(devices.printer, form.panel.last_job))
    assert "АКТ" in text and full_name(p) in text
    reason = texts.sentence(" ".join(texts.ACT_REASON_TITLES[ActReason.NO_ORIGINAL_DOCUMENTS].split()))
    assert reason in text, reason  # the O 2.13 reason word for word
    before = len(saved)
    d.tap(form.panel.save_button, "save the act as PDF")
    d.wait_until(lambda: len(saved) == before + 1 and saved[-1].exists(), "the act was not saved")
    assert saved[-1].read_bytes().startswith(b"%PDF") and "АКТ" in pdf_text(saved[-1])
    d.wait_until(lambda: form.preview.page_count() >= 1, "no preview of the act")
    d.shot(window, "act-4-drawn-up", wait_ms=400)
    return act


# -- 6. the journals --------------------------------------------------------------------------------------
def check_journals(
    d: Driver,
    window: Any,
    journals: Any,
    services: Any,
    old_request: Any,
    disabled_request: Any,
    act: Any,
    handovers: list[Any],
    saved: list[Path],
) -> None:
    d.settle()
    assert set(journals.states) == {JournalKind.SERVICES, JournalKind.HANDOVER, JournalKind.ACTS}
    tab_of = {kind: journals.tabs.indexOf(state.page) for kind, state in journals.states.items()}

    def column(kind: JournalKind, title: str) -> list[str]:
        model = journals.state(kind).model
        return model.column_values(model.column_index(title))

    def export(kind: JournalKind, name: str) -> Path:
        before = len(saved)
        d.tap(journals.export_button, f"export {kind.value}")
        d.wait_until(
            lambda: journals.last_export == str(saved[-1]) if len(saved) > before else False,
            f"the {kind.value} journal was not exported",
        )
        path = saved[-1]
        assert path.exists()
        return path

    # Додаток 3: exactly the two visits, in order, with their outcomes
    d.tap_tab(journals.tabs, tab_of[JournalKind.SERVICES])
    d.wait_until(lambda: not journals.state(JournalKind.SERVICES).loading, "the services journal is loading")
    model = journals.state(JournalKind.SERVICES).model
    assert model.rowCount() == 2, column(JournalKind.SERVICES, "ПІБ, дата народження")
    subjects = column(JournalKind.SERVICES, "ПІБ, дата народження")
    assert subjects == [
        f"{full_name(OLD)}, {texts.format_date(OLD.born)}",
        f"{full_name(DISABLED)}, {texts.format_date(DISABLED.born)}",
    ]
    assert column(JournalKind.SERVICES, "№ з/п") == ["1", "2"]
    assert column(JournalKind.SERVICES, "Результат") == ["Надано", "Акт"]
    case_number = services.visits.for_request(old_request.id)[-1].case_number
    assert column(JournalKind.SERVICES, "№ справи")[0] == case_number
    assert column(JournalKind.SERVICES, "Примітки")[1].startswith(f"Акт № {act.number}")
    assert set(column(JournalKind.SERVICES, "Адміністратор")) == {ADMIN.name}
    assert journals.count_label.text() == "2 записи"
    d.shot(window, "journals-1-services")
    rows = xlsx_rows(export(JournalKind.SERVICES, "services"))
    assert len(rows) == 2
    header = xlsx_header(saved[-1])
    subject_col = header.index("ПІБ суб'єкта звернення (дата народження)")
    result_col = header.index("Результат")
    assert [r[0] for r in rows] == [1, 2]
    assert [str(r[subject_col]).split(" (")[0].split(",")[0] for r in rows] == [
        full_name(OLD),
        full_name(DISABLED),
    ]
    assert [r[header.index("Реєстраційний № справи")] or "" for r in rows][0] == case_number
    outcomes = [str(r[result_col]) for r in rows]
    assert "справу сформовано" in outcomes[0] and outcomes[1].startswith("Складено акт"), outcomes
    assert_rows_as_rendered(
        saved[-1], "services", services.journals.services(JournalFilter(TODAY, TODAY)), services
    )

    # the acts: exactly the one act, with its reason
    d.tap_tab(journals.tabs, tab_of[JournalKind.ACTS])
    d.wait_until(lambda: not journals.state(JournalKind.ACTS).loading, "the acts journal is loading")
    assert journals.state(JournalKind.ACTS).model.rowCount() == 1
    assert column(JournalKind.ACTS, "№ з/п") == [act.number]
    assert column(JournalKind.ACTS, "Суб'єкт звернення") == [full_name(DISABLED)]
    assert column(JournalKind.ACTS, "Причина") == [
        texts.ACT_REASON_SHORT_TITLES[ActReason.NO_ORIGINAL_DOCUMENTS]
    ]
    assert column(JournalKind.ACTS, "Акт склав") == [ADMIN.name]
    d.shot(window, "journals-2-acts")
    rows = xlsx_rows(export(JournalKind.ACTS, "acts"))
    header = xlsx_header(saved[-1])
    assert len(rows) == 1
    assert rows[0][header.index("№ акта")] == act.number
    assert rows[0][header.index("Суб'єкт звернення")] == full_name(DISABLED)
    assert str(rows[0][header.index("Причина")]).startswith(
        texts.short_title(ActReason.NO_ORIGINAL_DOCUMENTS)
    )
    assert_rows_as_rendered(saved[-1], "acts", services.journals.acts(JournalFilter(TODAY, TODAY)), services)

    # Додаток 1: exactly the issue and the return
    d.tap_tab(journals.tabs, tab_of[JournalKind.HANDOVER])
    d.wait_until(lambda: not journals.state(JournalKind.HANDOVER).loading, "the hand-over journal is loading")
    assert journals.state(JournalKind.HANDOVER).model.rowCount() == 2
    assert column(JournalKind.HANDOVER, "Прийом-передача") == [
        texts.title(HandoverDirection.ISSUE),
        texts.title(HandoverDirection.RETURN),
    ]
    assert column(JournalKind.HANDOVER, "Видав / повернув") == [HEAD.name, ADMIN.name]
    assert column(JournalKind.HANDOVER, "Прийняв") == [ADMIN.name, HEAD.name]
    d.shot(window, "journals-3-handover")
    rows = xlsx_rows(export(JournalKind.HANDOVER, "handover"))
    header = xlsx_header(saved[-1])
    assert len(rows) == 2
    assert [r[0] for r in rows] == [e.number for e in handovers] == [1, 2]
    given = next(
        i for i, h in enumerate(header) if h and h.startswith("Прізвище, ім'я, по батькові особи, яка видала")
    )
    assert [r[given] for r in rows] == [HEAD.name, ADMIN.name]
    assert all("Павербанк" in str(r[header.index("Комплектація мобільного кейсу")]) for r in rows)
    assert_rows_as_rendered(saved[-1], "handover", handovers, services)

    # the same lines through the services (what the journals screen asked for)
    f = JournalFilter(TODAY, TODAY)
    assert [e.subject_name for e in services.journals.services(f)] == [full_name(OLD), full_name(DISABLED)]
    assert [a.id for a in services.journals.acts(f)] == [act.id]
    assert [e.id for e in services.journals.handover(f)] == [e.id for e in handovers]
