"""Helpers of the visit and journal tests: scheduled visits made through the real services, and small
drivers for the visit page. (No tests here; pytest collects the module and finds none.)"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from mobile_case.domain.model import (
    Address,
    Consents,
    Escort,
    Outing,
    PaymentMethod,
    Person,
    RequestChannel,
    ServiceRequest,
    Visit,
)

PAID_SERVICE = "residence_registration"  # 49,92 грн, three documents
FREE_SERVICE = "residence_extract"  # free, one document


def today_of(services: Any) -> date:
    return services.clock().date()


def scheduled_visit(
    services: Any,
    *,
    surname: str = "Шевчук",
    given_name: str = "Марія",
    patronymic: str = "Іванівна",
    birth: date = date(1941, 5, 12),
    service_codes: tuple[str, ...] = (PAID_SERVICE,),
    settlement: str = "chortkiv",
    category: str = "age_70",
    proofs: tuple[str, ...] = (),
    outing: Outing | None = None,
    start: time = time(10, 0),
    payment_method: PaymentMethod | None = None,
) -> tuple[ServiceRequest, Outing, Visit]:
    """A registered request put into an outing of today: the visit is SCHEDULED."""
    requests = services.requests
    req = requests.new_draft(RequestChannel.PHONE)
    req.subject = Person(
        surname=surname, given_name=given_name, patronymic=patronymic, birth_date=birth, phone="+380671234567"
    )
    req.address = Address(
        settlement_code=settlement,
        street="вул. Шевченка",
        house="12",
        apartment="5",
        door_code="45К",
        access_notes="3 поверх, без ліфта",
    )
    req.category_code = category
    req.category_reason = "похилого віку"
    req.proof_document_codes = list(proofs)
    req.proof_note = "№ 123456 від 14.02.2023" if proofs else ""
    req.service_codes = list(service_codes)
    profile = services.profile
    req.documents_present = {d.code: True for c in service_codes for d in profile.service(c).documents}
    paid = any(not profile.service(c).is_free for c in service_codes)
    req.payment_method = payment_method or (PaymentMethod.PREPAID_RECEIPT if paid else PaymentMethod.FREE)
    req.preferred_date = today_of(services)
    req.window_start, req.window_end = time(10, 0), time(12, 0)
    req.consents = Consents(True, True, True, False)
    req = requests.save_draft(req)
    req = requests.register(req.id)
    if outing is None:
        user = services.auth.current_user
        outing = services.outings.create(
            Outing(
                date=today_of(services),
                settlement_code=settlement,
                administrator_id=user.id,
                escorts=[Escort("Петренко Іван Миколайович", "водій")],
                vehicle="Renault Duster ВО 1234 АА",
            )
        )
    visit = services.outings.add_visit(outing.id, req.id, start, time(start.hour + 1, 0))
    return services.requests.get(req.id), outing, visit


def open_page(main_window: Any, tasks: Any, visit_id: str, **kwargs: Any) -> Any:
    page = main_window.open_page("visit", visit_id=visit_id, **kwargs)
    assert tasks.wait_idle(20)
    return page


def to_identification(main_window: Any, services: Any, tasks: Any, **kwargs: Any) -> tuple[Any, Any, Any]:
    """A scheduled visit (``scheduled_visit(**kwargs)``) started, the consent marked, on the identification
    step: ``(request, visit, page)``."""
    from mobile_case.domain.model import VisitStep

    req, _outing, visit = scheduled_visit(services, **kwargs)
    page = open_page(main_window, tasks, visit.id)
    page.start_button.click()
    settle(tasks)
    page.step(VisitStep.CONSENT).choice.click("yes")
    settle(tasks)
    _next(page, tasks)
    assert page.current_step_widget() is page.step(VisitStep.IDENTIFICATION)
    return req, visit, page


def settle(tasks: Any) -> None:
    assert tasks.wait_idle(20)
    QCoreApplication.processEvents()


def fake_save_dialog(monkeypatch: Any, path: Path) -> list[str]:
    """Answer every «save as» dialog with ``path`` (a new numbered name each time)."""
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def answer(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        target = path.with_name(f"{path.stem}-{len(asked)}{path.suffix}")
        asked.append(str(target))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def fast_devices(tmp_path: Path) -> Any:
    """Every device simulated, instant, the simulated printer writing into ``tmp_path/printed``."""
    from mobile_case.devices.registry import DeviceConfig, DeviceRegistry

    return DeviceRegistry(
        simulate=True,
        config=DeviceConfig(simulator_time_scale=0, simulated_printer_dir=tmp_path / "printed"),
    )


def printed_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "printed"
    return sorted(folder.glob("*.pdf")) if folder.exists() else []


def run_visit_in_ui(
    page: Any, tasks: Any, monkeypatch: Any, tmp_path: Path, *, receipt: str = "0.0.1"
) -> None:
    """Drive an opened (START) visit page through every step to the finished visit."""
    from mobile_case.domain.model import DeliveryMethod, VisitStep

    page.start_button.click()
    settle(tasks)
    page.step(VisitStep.CONSENT).choice.click("yes")
    settle(tasks)
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
        payment.receipt.setText(receipt)
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


def _next(page: Any, tasks: Any) -> None:
    assert page.next_button.isEnabled(), page.blocker_label.text()
    page.next_button.click()
    settle(tasks)


def shot_after_render(screenshot: Any, widget: Any, name: str, wait_ms: int = 400) -> Path:
    """A screenshot of a screen with a PDF preview: QPdfView renders its pages in the background."""
    from PySide6.QtTest import QTest

    QTest.qWait(wait_ms)
    return screenshot(widget, name)
