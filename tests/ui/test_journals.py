"""The journals screen (F7) after a day of visits run through the real visit screen: exactly those lines,
the filters, print to the (simulated) printer, preview, and the .xlsx export."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_visit_support import (
    fake_save_dialog,
    fast_devices,
    open_page,
    printed_files,
    run_visit_in_ui,
    scheduled_visit,
    settle,
    shot_after_render,
)

from mobile_case.domain import texts
from mobile_case.domain.model import (
    ActReason,
    CaseState,
    HandoverDirection,
    HandoverEntry,
    Role,
    User,
    VisitStep,
)
from mobile_case.services.types import JournalKind
from mobile_case.ui.visit.act import ACK_REFUSED


@pytest.fixture
def devices(tmp_path: Path) -> Any:
    return fast_devices(tmp_path)


def _act_from_identification(page: Any, tasks: Any) -> None:
    page.start_button.click()
    settle(tasks)
    page.step(VisitStep.CONSENT).choice.click("yes")
    settle(tasks)
    page.next_button.click()
    settle(tasks)
    page.act_button.click()
    page.act_form.ack.click(ACK_REFUSED)
    page.act_form.draw_button.click()
    settle(tasks)


def _act_without_consent(page: Any, tasks: Any) -> None:
    page.start_button.click()
    settle(tasks)
    consent = page.step(VisitStep.CONSENT)
    consent.choice.click("no")
    settle(tasks)
    assert not page.next_button.isEnabled()
    consent.act_button.click()
    page.act_form.ack.click(ACK_REFUSED)
    page.act_form.draw_button.click()
    settle(tasks)


def _column(journals: Any, kind: JournalKind, index: int) -> list[str]:
    return journals.state(kind).model.column_values(index)


def _names(journals: Any) -> list[str]:
    """Subjects of the services journal (column 3 is «ПІБ, дата народження»)."""
    return [text.split(",")[0] for text in _column(journals, JournalKind.SERVICES, 2)]


def _apply(journals: Any, tasks: Any) -> None:
    journals.filters.flush()
    settle(tasks)


def test_journals_show_exactly_the_days_visits(
    main_window: Any, services: Any, tasks: Any, screenshot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    # One outing, four visits: completed, act at identification, act without consent, never started.
    req_a, outing, visit_a = scheduled_visit(
        services, surname="Шевчук", given_name="Марія", patronymic="Іванівна"
    )
    req_b, _o, visit_b = scheduled_visit(
        services,
        surname="Гнатюк",
        given_name="Петро",
        patronymic="Олексійович",
        outing=outing,
        start=time(11),
    )
    req_c, _o, visit_c = scheduled_visit(
        services,
        surname="Ковальчук",
        given_name="Ганна",
        patronymic="Юріївна",
        settlement="bila",
        outing=outing,
        start=time(12),
    )
    scheduled_visit(
        services,
        surname="Лисенко",
        given_name="Ірина",
        patronymic="Богданівна",
        outing=outing,
        start=time(13),
    )
    user = services.auth.current_user
    services.outings.handover(
        HandoverEntry(
            outing_id=outing.id,
            direction=HandoverDirection.ISSUE,
            kit_items_checked=[i.code for i in services.profile.kit_items],
            given_by_name="Бойко Ігор Степанович",
            received_by_name=user.full_name,
        )
    )

    run_visit_in_ui(open_page(main_window, tasks, visit_a.id), tasks, monkeypatch, tmp_path)
    _act_from_identification(open_page(main_window, tasks, visit_b.id), tasks)
    _act_without_consent(open_page(main_window, tasks, visit_c.id), tasks)
    assert services.requests.get(req_a.id).state is CaseState.COMPLETED
    assert services.requests.get(req_b.id).state is CaseState.IMPOSSIBLE
    assert services.requests.get(req_c.id).state is CaseState.IMPOSSIBLE

    colleague = services.users.create(
        User(
            login="admin2",
            full_name="Савчук Ірина Миколаївна",
            position="Адміністратор ЦНАП",
            role=Role.ADMINISTRATOR,
        ),
        "246802",
    )
    journals = main_window.open_page("journals")
    settle(tasks)
    main_window.clear_message()

    # Додаток 3: exactly the three visits that happened, numbered in order.
    assert _names(journals) == [
        "Шевчук Марія Іванівна",
        "Гнатюк Петро Олексійович",
        "Ковальчук Ганна Юріївна",
    ]
    assert _column(journals, JournalKind.SERVICES, 0) == ["1", "2", "3"]
    assert _column(journals, JournalKind.SERVICES, 8) == ["Надано", "Акт", "Акт"]
    assert _column(journals, JournalKind.SERVICES, 6)[0] == services.visits.get(visit_a.id).case_number
    assert _column(journals, JournalKind.SERVICES, 9)[1].startswith("Акт №")
    model = journals.state(JournalKind.SERVICES).model
    assert model.rowCount() == 3
    assert model.cell_text(0, 2).startswith("Шевчук Марія Іванівна, 12.05.1941")
    assert "Lines: 3" in journals.count_label.text() or "3" in journals.count_label.text()
    screenshot(main_window, "journals-01-services")

    # Filters: outcome, settlement, text, period.
    journals.filters.outcome.set_current_code(CaseState.COMPLETED.value)
    settle(tasks)
    assert _names(journals) == ["Шевчук Марія Іванівна"]
    journals.filters.outcome.set_current_code(CaseState.IMPOSSIBLE.value)
    settle(tasks)
    assert len(_names(journals)) == 2
    journals.filters.outcome.set_current_code("")
    journals.filters.settlement.set_current_code("bila")
    settle(tasks)
    assert _names(journals) == ["Ковальчук Ганна Юріївна"]
    journals.filters.settlement.set_current_code("")
    journals.filters.text.setText("гнатюк")
    _apply(journals, tasks)
    assert _names(journals) == ["Гнатюк Петро Олексійович"]
    screenshot(main_window, "journals-02-services-filtered")
    journals.filters.text.setText("")
    _apply(journals, tasks)
    today = services.clock().date()
    journals.filters.set_period(today + timedelta(days=1), today + timedelta(days=30))
    settle(tasks)
    assert _names(journals) == []
    assert not journals.export_button.isEnabled()
    journals.filters.reset()
    settle(tasks)
    assert len(_names(journals)) == 3
    # By administrator: the head ran the outing; a colleague has no lines.
    admin_codes = [
        journals.filters.administrator.combo.itemData(i)
        for i in range(journals.filters.administrator.combo.count())
    ]
    assert user.id in admin_codes and colleague.id in admin_codes
    journals.filters.administrator.set_current_code(colleague.id)
    settle(tasks)
    assert _names(journals) == []
    journals.filters.administrator.set_current_code(user.id)
    settle(tasks)
    assert len(_names(journals)) == 3
    journals.filters.administrator.set_current_code("")
    settle(tasks)

    # Print the journal to the (simulated) printer; preview it.
    before = len(printed_files(tmp_path))
    journals.panel.print_button.click()
    settle(tasks)
    assert len(printed_files(tmp_path)) == before + 1
    assert journals.panel.last_job
    journals.panel.preview_button.click()
    settle(tasks)
    assert journals.stack.currentIndex() == 1
    assert journals.preview.page_count() >= 1
    shot_after_render(screenshot, main_window, "journals-03-preview")
    journals.back_button.click()

    # Export to Excel: the file holds the three lines.
    target = tmp_path / "journal.xlsx"
    monkeypatch.setattr(journals, "ask_xlsx_path", lambda suggested: str(target))
    journals.export_button.click()
    settle(tasks)
    assert journals.last_export == str(target)
    workbook = openpyxl.load_workbook(target)
    cells = " ".join(str(c.value) for row in workbook.active.iter_rows() for c in row if c.value is not None)
    for name in ("Шевчук Марія Іванівна", "Гнатюк Петро Олексійович", "Ковальчук Ганна Юріївна"):
        assert name in cells
    assert "Лисенко" not in cells
    assert journals.status_label.text() == f"Експортовано: {target}"

    # Acts: the two acts, filterable by reason. The services journal's «exported» line stays behind.
    journals.select_tab(JournalKind.ACTS)
    settle(tasks)
    assert journals.status_label.text() == ""
    reasons = _column(journals, JournalKind.ACTS, 6)
    assert sorted(reasons) == sorted(
        texts.ACT_REASON_SHORT_TITLES[r]
        for r in (ActReason.NO_ORIGINAL_DOCUMENTS, ActReason.NO_RECORDING_CONSENT)
    )
    assert set(_column(journals, JournalKind.ACTS, 2)) == {
        "Гнатюк Петро Олексійович",
        "Ковальчук Ганна Юріївна",
    }
    assert set(_column(journals, JournalKind.ACTS, 8)) == {"від підпису відмовився"}
    screenshot(main_window, "journals-05-acts")
    journals.filters.outcome.set_current_code(ActReason.NO_RECORDING_CONSENT.value)
    settle(tasks)
    assert _column(journals, JournalKind.ACTS, 2) == ["Ковальчук Ганна Юріївна"]
    journals.filters.outcome.set_current_code("")
    settle(tasks)

    # Додаток 1: the kit hand-over line.
    journals.select_tab(JournalKind.HANDOVER)
    settle(tasks)
    assert _column(journals, JournalKind.HANDOVER, 3) == [texts.title(HandoverDirection.ISSUE)]
    assert _column(journals, JournalKind.HANDOVER, 7) == [user.full_name]
    assert _column(journals, JournalKind.HANDOVER, 6) == ["Бойко Ігор Степанович"]
    screenshot(main_window, "journals-04-handover")
    saved = fake_save_dialog(monkeypatch, tmp_path / "handover.pdf")
    journals.panel.save_button.click()
    settle(tasks)
    assert Path(saved[-1]).read_bytes().startswith(b"%PDF")

    # A line opens its visit.
    journals.select_tab(JournalKind.SERVICES)
    settle(tasks)
    view = journals.state(JournalKind.SERVICES).view
    view.doubleClicked.emit(journals.state(JournalKind.SERVICES).model.index(1, 0))
    settle(tasks)
    assert main_window.current_key() == "visit"
    assert main_window.page("visit").visit_id == visit_b.id


def test_journals_follow_the_role(
    qtbot: Any, app_services: Any, tasks: Any, devices: Any, app_config: Any, login_as: Any
) -> None:
    """The kit keeper sees only the hand-over journal; an administrator sees own lines, no administrator filter."""
    from mobile_case.domain.model import Role
    from mobile_case.ui.main_window import MainWindow

    login_as(app_services, Role.KIT_KEEPER)
    window = MainWindow(app_services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(window)
    journals = window.open_page("journals")
    settle(tasks)
    assert list(journals.states) == [JournalKind.HANDOVER]
    assert journals.tabs.count() == 1
    window.watcher.stop()

    app_services.auth.logout()
    login_as(app_services, Role.ADMINISTRATOR)
    window = MainWindow(app_services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(window)
    journals = window.open_page("journals")
    settle(tasks)
    assert set(journals.states) == {JournalKind.SERVICES, JournalKind.HANDOVER, JournalKind.ACTS}
    assert not journals.filters.administrator.isVisibleTo(journals)
    assert journals.banner.text() == ""  # the scoped query ran without a permission error
    window.watcher.stop()


def test_hidden_tabs_and_the_preview_are_built_on_first_use(
    qtbot: Any, app_services: Any, tasks: Any, devices: Any, app_config: Any, login_as: Any
) -> None:
    """Opening the screen builds only the visible journal's table; another tab's table is built when
    that tab is first shown, the PDF preview on the first «Preview» (benchmarks: the first opening of
    the screen must not freeze the GUI thread)."""
    from mobile_case.domain.model import Role
    from mobile_case.ui.main_window import MainWindow

    login_as(app_services, Role.HEAD)
    window = MainWindow(app_services, devices=devices, tasks=tasks, config=app_config)
    qtbot.addWidget(window)
    journals = window.open_page("journals")
    settle(tasks)
    assert journals.current_kind() is JournalKind.SERVICES
    assert journals.state(JournalKind.SERVICES).view is not None
    assert journals.state(JournalKind.HANDOVER).view is None
    assert journals.state(JournalKind.ACTS).view is None
    assert journals.preview is None

    journals.tabs.setCurrentWidget(journals.state(JournalKind.ACTS).page)
    settle(tasks)
    acts_view = journals.state(JournalKind.ACTS).view
    assert acts_view is not None and acts_view.model() is journals.state(JournalKind.ACTS).model
    assert acts_view.isVisibleTo(journals)
    assert journals.state(JournalKind.HANDOVER).view is None

    journals.select_tab(JournalKind.HANDOVER)  # programmatic switch builds it too
    assert journals.state(JournalKind.HANDOVER).view is not None
    window.watcher.stop()
