"""Scans of a visit's documents: pages stored as taken (encrypted), edited, one A4 PDF per checklist item,
kept across a restart of the store; only during the open visit."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from mobile_case.devices.scanner.base import ColorMode, ImageFormat
from mobile_case.devices.scanner.imaging import page_from_array
from mobile_case.domain.errors import ValidationError
from mobile_case.domain.model import Act, ActReason
from mobile_case.services import build_services

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "devices"))
from scan_pages import form_page  # noqa: E402

A4_PT = (595, 842)


def scanned(seed: int, dpi: int = 100, mark: int = 0):
    image = form_page(dpi, seed=seed).copy()
    image[:40, :40] = mark  # tells pages apart after the round trip
    return page_from_array(image, dpi, ColorMode.GRAY, ImageFormat.JPEG, 80)


def test_pages_are_stored_encrypted_at_once_and_in_order(app, visit):
    code = "identity_document"
    first = app.scans.add_pages(visit.id, code, [scanned(1)])
    # committed before the next page: a fresh read sees it (a crash now loses nothing)
    assert [p.id for p in app.scans.pages(visit.id, code)] == [first[0].id]
    more = app.scans.add_pages(visit.id, code, [scanned(2), scanned(3)])
    pages = app.scans.pages(visit.id, code)
    assert [p.id for p in pages] == [first[0].id, more[0].id, more[1].id]
    assert [p.order for p in pages] == [1, 2, 3]
    raw = app.store.blobs.path(pages[0].sha256).read_bytes()
    assert b"JFIF" not in raw[:64] and app.scans.image(pages[0]).startswith(b"\xff\xd8")  # encrypted at rest
    assert len(app.store.audit.entries(action="scan_page_added")) == 3
    assert app.scans.pages(visit.id, "other_code") == []


def test_edit_then_save_gives_one_a4_pdf_attached_to_the_item(app, visit, tmp_path):
    code = "identity_document"
    a, b, c = (app.scans.add_pages(visit.id, code, [scanned(i)])[0] for i in (1, 2, 3))
    app.scans.reorder(visit.id, code, [c.id, a.id, b.id])
    turned = app.scans.rotate(a.id)
    assert turned.quarter_turns == 1 and turned.order == 2
    app.scans.delete(b.id)
    pages = app.scans.pages(visit.id, code)
    assert [p.id for p in pages] == [c.id, a.id] and [p.order for p in pages] == [1, 2]
    assert not app.store.blobs.exists(b.sha256)
    # a re-scan replaces the page in its place
    [again] = app.scans.add_pages(visit.id, code, [scanned(9, mark=255)], replace_page_id=c.id)
    assert [p.id for p in app.scans.pages(visit.id, code)] == [again.id, a.id]

    stored = app.scans.save_document(visit.id, code, "Паспорт")
    assert stored.mime == "application/pdf" and stored.kind == "scan_pdf" and stored.entity_id == visit.id
    pdf = PdfReader(io.BytesIO(app.scans.read(stored)))
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages]
    assert sizes == [A4_PT, A4_PT[::-1]]  # the turned portrait page lies on a landscape A4 sheet
    assert app.scans.documents(visit.id) == {code: stored}

    # saving again replaces the item's file; the old PDF blob goes
    app.scans.delete(a.id)
    second = app.scans.save_document(visit.id, code)
    assert app.scans.documents(visit.id) == {code: second}
    assert len(PdfReader(io.BytesIO(app.scans.read(second))).pages) == 1
    assert not app.store.blobs.exists(stored.sha256)


def test_survives_a_restart_of_the_store(app, visit, profile, tmp_path, clock, login):
    code = "fee_receipt"
    app.scans.add_pages(visit.id, code, [scanned(1), scanned(2)])
    stored = app.scans.save_document(visit.id, code)
    data_dir, user = app.store.data_dir, app.session.user
    app.close()
    again = build_services(data_dir, profile, clock=clock)
    try:
        again.session.user = user  # the same administrator (the PIN check is tested elsewhere)
        assert [p.order for p in again.scans.pages(visit.id, code)] == [1, 2]
        assert again.scans.documents(visit.id)[code].id == stored.id
        assert again.scans.read(again.scans.documents(visit.id)[code]).startswith(b"%PDF")
    finally:
        again.close()


def test_quality_is_measured_on_the_stored_page(app, visit):
    import cv2

    sharp = app.scans.add_pages(visit.id, "identity_document", [scanned(1, dpi=150)])[0]
    blurred_image = cv2.GaussianBlur(form_page(150, seed=1), (0, 0), 3)
    blurred = app.scans.add_pages(
        visit.id, "identity_document", [page_from_array(blurred_image, 150, ColorMode.GRAY)]
    )[0]
    assert app.scans.quality(sharp).ok
    q = app.scans.quality(blurred)
    assert q.blurred and "розмита" in q.reasons[0]


def test_nothing_changes_outside_the_open_visit(app, visit):
    page = app.scans.add_pages(visit.id, "identity_document", [scanned(1)])[0]
    with pytest.raises(ValidationError) as info:
        app.scans.save_document(visit.id, "fee_receipt")  # no pages
    assert "Немає жодної сторінки" in info.value.user_message
    with pytest.raises(ValidationError):
        app.scans.add_pages(visit.id, "Bad Code!", [scanned(1)])
    app.scans.save_document(visit.id, "identity_document")
    app.acts.draw_up(Act(request_id=visit.request_id, visit_id=visit.id, reason=ActReason.SUBJECT_ABSENT))
    with pytest.raises(ValidationError) as info:
        app.scans.add_pages(visit.id, "identity_document", [scanned(2)])
    assert "візит уже закрито" in info.value.user_message
    with pytest.raises(ValidationError):
        app.scans.delete(page.id)
    with pytest.raises(ValidationError):
        app.scans.rotate(page.id)
    # what was saved stays readable
    assert [p.id for p in app.scans.pages(visit.id)] == [page.id]
    assert app.scans.read(app.scans.documents(visit.id)["identity_document"]).startswith(b"%PDF")
