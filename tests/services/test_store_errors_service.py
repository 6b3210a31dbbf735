"""Errors of the store as the services show them: a damaged stored PDF, a wrong key."""

from __future__ import annotations

import pytest

from mobile_case.services import build_services
from mobile_case.storage import BlobError, StaticKeyProvider, StoreError
from mobile_case.storage.db import DB_FILE_NAME


def test_a_damaged_stored_pdf_is_detected(app, team, login, registered):
    login("admin")
    req = registered()
    stored = app.documents.application_pdf(req.id)
    path = app.store.blobs.path(stored.sha256)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(BlobError) as exc:
        app.documents.read(stored)
    assert "пошкоджено" in exc.value.user_message
    # rendering it again stores good bytes under the same name (same content) and heals the object
    again = app.documents.application_pdf(req.id)
    assert again.sha256 == stored.sha256 and again.id == stored.id
    assert app.documents.read(again).startswith(b"%PDF")


def test_build_services_with_a_wrong_key(tmp_path, profile):
    data = tmp_path / "data"
    app = build_services(data, profile, key_provider=StaticKeyProvider(bytes.fromhex("aa" * 32)))
    app.auth.create_first_head("head", "Петренко Олена Іванівна", "240607")
    app.close()
    before = (data / DB_FILE_NAME).read_bytes()
    with pytest.raises(StoreError) as exc:
        build_services(data, profile, key_provider=StaticKeyProvider(bytes.fromhex("bb" * 32)))
    assert "ключ шифрування не підходить" in exc.value.user_message
    assert (data / DB_FILE_NAME).read_bytes() == before


def test_audit_written_for_every_change_of_a_day(app, team, login, registered):
    login("admin")
    req = registered()
    app.requests.cancel(req.id, "тест")
    actions = [e.action for e in app.store.audit.entries(entity_id=req.id)]
    assert actions == ["request_cancelled", "request_registered", "request_saved", "request_created"]
    # no personal data in any entry
    everything = " ".join(str(e) for e in app.store.audit.entries())
    for personal in ("Коваль", "Марія", "+380671234567", "Шевченка"):
        assert personal not in everything
