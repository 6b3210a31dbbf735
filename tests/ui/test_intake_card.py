"""The intake wizard's optional «Read the ID card» on the subject step (issue 3, point 5), with the
simulated reader: the chip fills the subject the same way as in the visit, and the read is kept with the
request."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from tests.ui.test_intake_support import flush, wait

from mobile_case.devices.cardreader.base import CARD_READER_MESSAGES, CardReaderErrorKind, Verdict
from mobile_case.devices.cardreader.demo_people import DEMO_CARDS
from mobile_case.services.cardreads import CARD_READ_KIND, CardReadService
from mobile_case.storage.models import FileRow

CARD = DEMO_CARDS[1]  # Солов'ян В'ячеслав Іванович


@pytest.fixture
def wizard(main_window: Any, tasks: Any) -> Any:
    page = main_window.open_page("intake")
    wait(tasks)
    page.go_to(page.steps.index(page.subject))
    wait(tasks)
    return page


def read_card(wizard: Any, tasks: Any, can: str = CARD.can) -> Any:
    section = wizard.subject.card
    section.open()
    section.panel.form.can.setText(can)
    section.panel.read_button.click()
    wait(tasks)
    return section


def reads_of(services: Any, request_id: str) -> list[Any]:
    with services.store.reader() as s:
        return list(
            s.scalars(select(FileRow).where(FileRow.kind == CARD_READ_KIND, FileRow.entity_id == request_id))
        )


def test_the_card_fills_the_subject_and_is_kept_with_the_request(
    main_window: Any, wizard: Any, services: Any, tasks: Any, devices: Any, screenshot: Any
) -> None:
    devices.card_reader.insert_card(1)
    section = wizard.subject.card
    assert not section.body.isVisibleTo(wizard)  # optional: folded until asked for
    section = read_card(wizard, tasks)
    assert section.result_box.isVisibleTo(wizard) and section.choice.isVisibleTo(wizard)
    assert section.verdict.kind == "success" and not section.photo.pixmap().isNull()
    assert "Солов'ян" in section.data_label.text() and CARD.unzr in section.data_label.text()
    assert "витягу" in section.address_label.text()
    # kept with the request at once (the new draft was stored first)
    request_id = wizard.keeper.request.id
    assert wizard.keeper.stored and len(reads_of(services, request_id)) == 1
    screenshot(main_window, "intake-2-subject-card")
    section.fill_button.click()
    flush(wizard, tasks)
    s = wizard.subject
    assert (s.surname.text(), s.given.text(), s.patronymic.text()) == (
        CARD.surname,
        CARD.given_names,
        CARD.patronymic,
    )
    assert s.birth.date() == CARD.birth_date and s.rnokpp.text() == CARD.rnokpp and s.unzr.text() == CARD.unzr
    assert s.problems() == []
    stored = services.requests.get(request_id).subject
    assert (stored.surname, stored.given_name, stored.birth_date) == (
        CARD.surname,
        CARD.given_names,
        CARD.birth_date,
    )
    assert stored.rnokpp == CARD.rnokpp and stored.unzr == CARD.unzr
    assert section.status.kind() == "success"
    # the stored read is the one shown
    read = CardReadService.for_services(services).latest("request", request_id)
    assert read is not None and read.result.document_number == CARD.document_number


def test_enter_by_hand_leaves_the_fields(
    wizard: Any, services: Any, tasks: Any, devices: Any, type_text: Any
) -> None:
    devices.card_reader.insert_card(1)
    type_text(wizard.subject.surname.edit, "Соловян")
    section = read_card(wizard, tasks)
    section.manual_button.click()
    flush(wizard, tasks)
    assert wizard.subject.surname.text() == "Соловян" and wizard.subject.unzr.text() == ""
    assert services.requests.get(wizard.keeper.request.id).subject.surname == "Соловян"
    assert not section.choice.isVisibleTo(wizard) and section.status.kind() == "info"


def test_a_reader_error_is_shown_and_nothing_is_kept(
    wizard: Any, services: Any, tasks: Any, devices: Any
) -> None:
    devices.card_reader.insert_card(1)
    section = read_card(wizard, tasks, can="000000")
    assert section.panel.banner.text() == CARD_READER_MESSAGES[CardReaderErrorKind.WRONG_ACCESS_KEY]
    devices.card_reader.remove_card()
    section.panel.read_button.click()
    wait(tasks)
    assert section.panel.banner.text() == CARD_READER_MESSAGES[CardReaderErrorKind.NO_CARD]
    assert section.result is None and not section.result_box.isVisibleTo(wizard)
    with services.store.reader() as s:
        assert not list(s.scalars(select(FileRow).where(FileRow.kind == CARD_READ_KIND)))
    assert wizard.subject.surname.isEnabled()  # the form stays usable


def test_altered_chip_data_are_not_offered(wizard: Any, tasks: Any, devices: Any) -> None:
    devices.card_reader.insert_card(1)
    devices.card_reader.config.verdict = Verdict.DATA_ALTERED
    section = read_card(wizard, tasks)
    assert section.verdict.kind == "error" and section.verdict.icon.text() == "✖"
    assert not section.choice.isVisibleTo(wizard)
    assert wizard.subject.surname.text() == ""


def test_a_reopened_draft_shows_its_earlier_card_read(
    main_window: Any, wizard: Any, services: Any, tasks: Any, devices: Any, screenshot: Any
) -> None:
    devices.card_reader.insert_card(1)
    read_card(wizard, tasks)  # kept with the new draft at once; the fields not filled yet
    first_id = wizard.keeper.request.id
    assert len(reads_of(services, first_id)) == 1
    # another request: nothing of this citizen's read stays on screen
    wizard.new_request()
    wait(tasks)
    section = wizard.subject.card
    assert section.result is None and not section.result_box.isVisibleTo(wizard)
    # the draft reopened (as from the journals or after a restart): its read is shown again
    wizard.open_request(first_id)
    wait(tasks)
    wizard.go_to(wizard.steps.index(wizard.subject))
    wait(tasks)
    assert section.result is not None and section.result.document_number == CARD.document_number
    assert section.body.isVisibleTo(wizard) and section.result_box.isVisibleTo(wizard)
    assert not section.photo.pixmap().isNull() and section.verdict.kind == "success"
    assert "Солов'ян" in section.data_label.text()
    assert section.status.kind() == "info" and "збережено із заявою" in section.status.text()
    # the subject was never filled from it: «fill» is offered again, and works
    assert section.choice.isVisibleTo(wizard)
    screenshot(main_window, "intake-2-subject-card-reopened")
    section.fill_button.click()
    flush(wizard, tasks)
    assert services.requests.get(first_id).subject.unzr == CARD.unzr
    # once filled, a later reopen shows the read without asking again
    wizard.new_request()
    wait(tasks)
    wizard.open_request(first_id)
    wait(tasks)
    wizard.go_to(wizard.steps.index(wizard.subject))
    wait(tasks)
    assert section.result_box.isVisibleTo(wizard) and not section.choice.isVisibleTo(wizard)
    assert len(reads_of(services, first_id)) == 1  # showing it again stored nothing new
