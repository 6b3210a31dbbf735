"""benchmarks/bench_emrtd_reader.py runs and reports (its targets are the benchmark's business, not this test's)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_reader_bench_quick_reports_both_measurements() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_emrtd_reader.py"), "--quick"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert out.returncode in (0, 1), out.stderr
    assert "BRAINPOOLP256r1" in out.stdout and "NIST521p" in out.stdout
    assert "extended length" in out.stdout and "short reads" in out.stdout and "commands" in out.stdout
