"""The scan benchmark runs in its tiny mode and reports its figures (never its target: that is the bench's)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_bench_scan_reports_sizes_and_ratios() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_scan.py"), "--quick"],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1)
    out = result.stdout
    rows = re.findall(
        r"^text page (\d+) dpi grey\s+(\d+) ms\s+(\d+) ms\s+([\d.]+)x\s+(\d+) KB\s+(\d+) KB$", out, re.M
    )
    assert [r[0] for r in rows] == ["200", "300"]
    for _dpi, base, app, ratio, app_kb, base_kb in rows:
        assert float(ratio) == pytest.approx(int(app) / int(base), abs=0.05)
        assert int(app_kb) > 20 and int(base_kb) > 20
    assert re.search(r"^target ≤ 300 KB per page of text: (met|NOT met)$", out, re.M)
    steps = re.findall(
        r"^(scan \(feeder|import a PDF|rotate a page|save the document).*?([\d.]+) ms\s+([\d.]+) ms$",
        out,
        re.M,
    )
    assert len(steps) == 4, out
    worst = max(float(gap) for _name, gap, _p99 in steps)
    reported = float(re.search(r"^worst GUI gap while scanning: ([\d.]+) ms", out, re.M).group(1))
    assert reported == pytest.approx(worst, abs=0.1)
    assert re.search(r"^target no GUI stall over 50 ms: (met|NOT met)$", out, re.M)
