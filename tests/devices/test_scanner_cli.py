"""``mobile-case scan list|page`` — through the real SANE test backend and the simulator."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from mobile_case.cli import main


def test_scan_list_and_page_with_sane(
    sane_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["backend"] == "sane" and "test:0" in listed["sources"]
    out = tmp_path / "feeder.pdf"
    code = main(["scan", "page", "-o", str(out), "--device", "test:1", "--source", "feeder", "--grey",
                 "--dpi", "75", "--json"])  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["pages"]) == 10 and not report["error"]  # the test backend's feeder holds 10 sheets
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == 10


def test_scan_page_reports_quality_and_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sane_empty: Path
) -> None:
    out = tmp_path / "sim.pdf"
    assert main(["scan", "page", "-o", str(out), "--simulate-devices", "--dpi", "100"]) == 0
    text = capsys.readouterr().out
    assert "Сторінка 1:" in text and "PDF:" in text and out.exists()
    # no scanner: exit 1 with the Ukrainian reason, nothing written
    missing = tmp_path / "none.pdf"
    assert main(["scan", "page", "-o", str(missing)]) == 1
    assert "Сканер" in capsys.readouterr().err and not missing.exists()
    assert main(["scan", "list"]) == 1
