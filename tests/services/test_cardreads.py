"""CardReadService: chip reads kept with the case — encrypted, audited without personal data, whole or not
at all, given back after the store is reopened."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, time

import pytest
from sqlalchemy import select

from mobile_case.devices.cardreader.base import CardAccess, Verdict
from mobile_case.devices.cardreader.demo_people import DEMO_CARDS
from mobile_case.devices.cardreader.simulator import SimulatedCardReader, SimulatedCardReaderConfig
from mobile_case.domain.errors import AuthError, PermissionDenied, ValidationError
from mobile_case.domain.model import Address, IdentificationSource, Outing, OutingModel, RequestChannel
from mobile_case.services import build_services
from mobile_case.services.cardreads import (
    CARD_PHOTO_KIND,
    CARD_READ_KIND,
    CardReadService,
    result_from_json,
    result_to_json,
)
from mobile_case.storage.models import FileRow

TODAY = date(2026, 3, 4)
CARD = DEMO_CARDS[0]


@pytest.fixture(scope="module")
def chip_result():
    """A real read of demo card 0 through the simulated reader (instant)."""
    reader = SimulatedCardReader(SimulatedCardReaderConfig(time_scale=0, verdict=Verdict.CANNOT_CHECK))
    return reader.read(CardAccess.from_can(CARD.can))


@pytest.fixture
def visit(app, team, login, registered, profile):
    """An open visit (IN_PROGRESS) of a request whose subject differs from the card."""
    login("admin")
    req = registered(surname="Коваль")
    outing = app.outings.create(
        Outing(
            date=TODAY,
            model=OutingModel.FIXED_POINT,
            settlement_code=profile.settlements[1].code,
            administrator_id=team.admin.id,
        )
    )
    v = app.outings.add_visit(outing.id, req.id, time(10, 0), time(10, 45))
    return req, app.visits.open(v.id)


def _service(app) -> CardReadService:
    return CardReadService.for_services(app)


def test_result_json_round_trip_keeps_every_field_but_the_photo(chip_result) -> None:
    text = result_to_json(chip_result)
    data = json.loads(text)
    assert "photo_jpeg" not in data and data["verdict"] == "cannot_check" and data["format"] == 1
    back = result_from_json(text, chip_result.photo_jpeg)
    assert back == chip_result
    # a field added to the result later is ignored by an older reader; a missing one takes its default
    data["future_field"] = 1
    del data["read_at"]
    assert result_from_json(json.dumps(data), b"").surname == CARD.surname


def test_raw_files_and_other_bytes_survive_the_json_document(chip_result) -> None:
    # the fields chip-reader added (docs/design/chip-contract.md): raw files, the photo as on the chip
    extended = dataclasses.replace(
        chip_result,
        raw_files={"SOD": b"\x77\x82\x01\x00", "DG1": bytes(range(256))},
        photo_original=b"\x00\x00\x00\x0cjP  \r\n",
        photo_format="jpeg2000",
        data_groups_read=(1, 2, 11, 12),
        other_info={"5F11": "Чортків"},
    )
    back = result_from_json(result_to_json(extended), extended.photo_jpeg)
    assert back == extended
    assert back.raw_files["DG1"] == bytes(range(256))


def test_save_links_the_read_to_the_visit_encrypted_and_audited(app, visit, chip_result, clock) -> None:
    req, v = visit
    service = _service(app)
    stored = service.save("visit", v.id, chip_result)
    # the visit's identification refers to it, the document number and source come from the chip
    ident = app.visits.get(v.id).identification
    assert ident.card_read_id == stored.id
    assert ident.source is IdentificationSource.CHIP
    assert ident.document_number == CARD.document_number
    # two files: the data and the photo; the blobs are encrypted (no name, no JPEG marker on disk)
    with app.store.reader() as s:
        rows = {
            r.kind: r
            for r in s.scalars(select(FileRow).where(FileRow.kind.in_([CARD_READ_KIND, CARD_PHOTO_KIND])))
        }
    assert rows[CARD_READ_KIND].entity_id == v.id and rows[CARD_PHOTO_KIND].entity_id == stored.id
    assert rows[CARD_PHOTO_KIND].mime == "image/jpeg"
    for row in rows.values():
        raw = app.store.blobs.path(row.sha256).read_bytes()
        assert CARD.surname.encode() not in raw and chip_result.photo_jpeg[:64] not in raw
        assert CARD.document_number.encode() not in raw
    assert CARD.surname not in rows[CARD_READ_KIND].name
    # one audit entry, without personal data
    [entry] = app.store.audit.entries(action="card_read_saved")
    assert entry.entity_id == v.id and entry.details["read"] == stored.id
    assert entry.details["verdict"] == "cannot_check" and entry.details["simulated"] is True
    dumped = json.dumps(entry.details, ensure_ascii=False)
    for secret in (CARD.surname, CARD.document_number, CARD.unzr, CARD.rnokpp, CARD.can):
        assert secret not in dumped
    # given back whole, photo included
    again = service.get(stored.id)
    assert again.result == chip_result
    assert again.result.photo_jpeg == chip_result.photo_jpeg
    assert service.for_visit(v.id).id == stored.id
    assert service.latest("visit", v.id).id == stored.id


def test_a_read_is_given_back_after_the_store_is_reopened(tmp_path, profile, clock, chip_result) -> None:
    data_dir = tmp_path / "data"
    app = build_services(data_dir, profile, clock=clock)
    app.auth.create_first_head("head", "Петренко Олена Іванівна", "240607")
    app.auth.login("head", "240607")
    req = app.requests.new_draft(RequestChannel.PHONE)
    stored = _service(app).save("request", req.id, chip_result)
    app.close()
    app = build_services(data_dir, profile, clock=clock)
    try:
        app.auth.login("head", "240607")
        back = _service(app).get(stored.id)
        assert back.result == chip_result and back.entity_kind == "request" and back.entity_id == req.id
    finally:
        app.close()


def test_fill_subject_copies_the_chip_identity_into_the_request(app, visit, chip_result) -> None:
    req, v = visit
    service = _service(app)
    stored = service.save("visit", v.id, chip_result)
    filled = service.fill_subject(req.id, stored.id)
    subject = app.requests.get(req.id).subject
    assert (subject.surname, subject.given_name, subject.patronymic) == (
        CARD.surname,
        CARD.given_names,
        CARD.patronymic,
    )
    assert (
        subject.birth_date == CARD.birth_date and subject.unzr == CARD.unzr and subject.rnokpp == CARD.rnokpp
    )
    assert subject.phone == req.subject.phone  # the contacts stay
    assert filled.subject == subject
    [entry] = app.store.audit.entries(action="subject_filled_from_card")
    assert set(entry.details["fields"]) >= {"surname", "birth_date", "unzr"}
    assert CARD.surname not in json.dumps(entry.details, ensure_ascii=False)


def test_fill_subject_refuses_a_read_of_another_request(app, visit, chip_result, registered) -> None:
    _req, v = visit
    other = registered(surname="Мельник")
    stored = _service(app).save("visit", v.id, chip_result)
    with pytest.raises(PermissionDenied):
        _service(app).fill_subject(other.id, stored.id)
    assert app.requests.get(other.id).subject.surname == "Мельник"


def test_a_visit_that_is_not_open_saves_nothing(app, team, login, registered, profile, chip_result) -> None:
    login("admin")
    req = registered()
    outing = app.outings.create(
        Outing(date=TODAY, settlement_code=profile.settlements[1].code, administrator_id=team.admin.id)
    )
    v = app.outings.add_visit(outing.id, req.id, time(10, 0), time(10, 45))  # SCHEDULED, not opened
    with pytest.raises(ValidationError):
        _service(app).save("visit", v.id, chip_result)
    with app.store.reader() as s:
        assert not list(s.scalars(select(FileRow).where(FileRow.kind.in_([CARD_READ_KIND, CARD_PHOTO_KIND]))))
    # and the blobs it wrote first are gone again
    assert not [p for p in app.store.blobs.root.rglob("*") if p.is_file()]
    assert not app.store.audit.entries(action="card_read_saved")


def test_roles_and_login_are_checked(app, team, login, visit, chip_result) -> None:
    _req, v = visit
    login("keeper")  # no visits, no intake
    with pytest.raises(PermissionDenied):
        _service(app).save("visit", v.id, chip_result)
    with pytest.raises(PermissionDenied):
        _service(app).save("request", v.request_id, chip_result)
    login("admin")
    stored = _service(app).save("visit", v.id, chip_result)
    login("keeper")
    with pytest.raises(PermissionDenied):
        _service(app).get(stored.id)
    app.auth.logout()
    with pytest.raises(AuthError):
        _service(app).get(stored.id)
    login("admin")
    with pytest.raises(ValidationError):
        _service(app).save("outing", v.outing_id, chip_result)


def test_the_registered_address_typed_from_the_extract(app, visit, clock, team, login) -> None:
    req, _v = visit
    service = _service(app)
    assert service.registered_address(req.id) is None
    with pytest.raises(ValidationError) as caught:
        service.save_registered_address(req.id, Address(settlement_name="  ", street="Шевченка"))
    assert "населений пункт" in caught.value.user_message
    with pytest.raises(ValidationError):
        service.save_registered_address(req.id, Address(settlement_name="м. Чортків"))
    typed = Address(settlement_name=" м.  Чортків", street="вул. Шевченка ", house="12", apartment="5")
    back = service.save_registered_address(req.id, typed)
    assert back.registered_address == Address(
        settlement_name="м. Чортків", street="вул. Шевченка", house="12", apartment="5"
    )
    # in the request itself (the documents and the sync package see it), the visit address untouched
    stored = app.requests.get(req.id)
    assert stored.registered_address == back.registered_address
    assert stored.address == req.address
    assert service.registered_address(req.id) == back.registered_address
    entries = app.store.audit.entries(action="registered_address_saved")
    assert len(entries) == 1 and "Шевченка" not in json.dumps(
        [e.details for e in entries], ensure_ascii=False
    )
    assert service.save_registered_address(req.id, None).registered_address is None
    assert app.requests.get(req.id).registered_address is None
    # the keeper of the kit may not write it; nobody logged out may read it
    login("keeper")
    with pytest.raises(PermissionDenied):
        service.save_registered_address(req.id, typed)
    app.auth.logout()
    with pytest.raises(AuthError):
        service.registered_address(req.id)


def test_a_closed_request_keeps_its_registered_address(app, team, login, registered) -> None:
    login("admin")
    req = registered(surname="Коваль")
    app.requests.cancel(req.id, "відмовився")
    with pytest.raises(ValidationError):
        _service(app).save_registered_address(req.id, Address(settlement_name="м. Чортків", house="1"))


def test_a_result_without_a_photo_is_kept_too(app, visit, chip_result) -> None:
    _req, v = visit
    bare = dataclasses.replace(chip_result, photo_jpeg=b"", verdict=Verdict.DATA_ALTERED)
    stored = _service(app).save("visit", v.id, bare)
    back = _service(app).get(stored.id)
    assert back.result.photo_jpeg == b"" and back.verdict is Verdict.DATA_ALTERED


def test_altered_chip_data_are_never_filled_into_the_request(app, visit, chip_result) -> None:
    req, v = visit
    altered = dataclasses.replace(chip_result, verdict=Verdict.DATA_ALTERED)
    stored = _service(app).save("visit", v.id, altered)
    with pytest.raises(ValidationError) as caught:
        _service(app).fill_subject(req.id, stored.id)
    assert "змінено" in caught.value.user_message
    assert app.requests.get(req.id).subject.surname == "Коваль"


def test_a_broken_number_on_the_chip_is_not_copied(app, visit, chip_result) -> None:
    req, v = visit
    broken = dataclasses.replace(chip_result, rnokpp="1234567890", unzr="19480317-00000")
    stored = _service(app).save("visit", v.id, broken)
    _service(app).fill_subject(req.id, stored.id)
    subject = app.requests.get(req.id).subject
    assert subject.surname == CARD.surname  # the names are copied
    assert subject.rnokpp == "" and subject.unzr == ""  # the invalid numbers are not
