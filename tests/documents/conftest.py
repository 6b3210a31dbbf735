"""Fixtures for the document tests and helpers that read PDFs with poppler (pdftotext, pdftoppm)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parents[1]
for folder in (TESTS_DIR, Path(__file__).resolve().parent):  # tests/cups_server.py, samples.py
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from samples import sample_act, sample_profile, sample_request, sample_visit  # noqa: E402

from cups_server import cups_server  # noqa: E402,F401  (the session fixture, for this folder)
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


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    """The text of a PDF as poppler's pdftotext extracts it."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def render_png(pdf: bytes, out_dir: Path, stem: str, dpi: int = 80) -> list[Path]:
    """Render every page to PNG with pdftoppm; returns the page images in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(out_dir / stem)], check=True)
    return sorted(out_dir.glob(f"{stem}-*.png"))


def normalise(text: str) -> str:
    """Whitespace collapsed, so wrapped lines compare with the one-line original."""
    return " ".join(text.split())
