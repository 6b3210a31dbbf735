"""Every document rendered with the community profiles the app ships (Chortkiv, Іллінці), not only samples."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from docsamples import make_acts, make_handover, make_services, sample_act, sample_request
from pdfcheck import normalise, pdf_text

from mobile_case.documents.act import render_act
from mobile_case.documents.application import CONSENT_RECORDING, render_application
from mobile_case.documents.journals import render_handover_journal, render_services_journal
from mobile_case.documents.xlsx import acts_xlsx
from mobile_case.profiles import available_profiles, load_profile

PROFILES = available_profiles()


@pytest.mark.parametrize(("code", "path"), PROFILES, ids=[c for c, _ in PROFILES])
def test_documents_with_a_shipped_profile(code, path, tmp_path):
    profile = load_profile(path)
    service = profile.mobile_services()[0]
    req = replace(
        sample_request(),
        service_codes=[service.code],
        category_code=profile.categories[0].code,
        category_reason="",
        proof_document_codes=[],
        address=replace(sample_request().address, settlement_code=profile.settlements[0].code),
        documents_present={d.code: True for d in service.documents},
    )
    text = normalise(pdf_text(render_application(req, profile), tmp_path))
    assert profile.cnap_name in text
    assert normalise(service.title) in text
    assert profile.settlements[0].display_name in text
    for doc in service.documents:
        assert normalise(doc.title) in text
    assert normalise(CONSENT_RECORDING) in text
    if profile.council_decision:
        assert "(рішення" in text or f"({profile.council_decision}" in text

    assert "АКТ № А-2026-0007" in normalise(pdf_text(render_act(sample_act(), profile), tmp_path))
    march = (date(2026, 3, 1), date(2026, 3, 31))
    assert profile.cnap_name in normalise(
        pdf_text(render_handover_journal(make_handover(3), profile, *march), tmp_path)
    )
    assert "Додаток 3" in pdf_text(render_services_journal(make_services(3), profile, *march), tmp_path)
    assert acts_xlsx(make_acts(2), profile, *march).startswith(b"PK")
