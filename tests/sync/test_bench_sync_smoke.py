"""benchmarks/bench_sync.py still runs (its tiny mode) and reports every figure — never its targets."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_bench_sync_quick_reports_ratio_and_resume() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_sync.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert r.returncode in (0, 1), r.stderr[-2000:]
    assert re.search(r"throughput ratio sync/baseline: \d+\.\d+", r.stdout), r.stdout
    m = re.search(r"re-sent (\d+\.\d+) MiB", r.stdout)
    assert m and float(m.group(1)) <= 4.0, r.stdout


def test_bench_sync_corrections_quick_finds_the_corrected_case() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_sync_corrections.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert r.returncode in (0, 1), r.stderr[-2000:]
    assert re.search(r"nothing changed: +\d+\.\d+ ms += \d+\.\d+× the baseline", r.stdout), r.stdout
    assert "one case corrected" in r.stdout and "(found it)" in r.stdout
