"""Fixtures for the document tests (sample data in docsamples.py, PDF helpers in pdfcheck.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # docsamples.py, pdfcheck.py
    sys.path.insert(0, str(HERE))

from docsamples import sample_act, sample_profile, sample_request, sample_visit  # noqa: E402

from mobile_case.domain.model import Act, ServiceRequest, Visit  # noqa: E402
from mobile_case.domain.profile import CommunityProfile  # noqa: E402


@pytest.fixture(scope="session")
def profile() -> CommunityProfile:
    return sample_profile()


@pytest.fixture
def request_() -> ServiceRequest:
    return sample_request()


@pytest.fixture
def visit(request_) -> Visit:
    return sample_visit(request_)


@pytest.fixture
def act() -> Act:
    return sample_act()
