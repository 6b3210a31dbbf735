"""The station's benchmarks still run and report (tiny mode; never their targets: docs/benchmarks.md)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(script: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=240)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode in (0, 1), (done.stdout[-2000:], done.stderr[-2000:])
    assert re.search(r"^target\b.*: (met|NOT met)$", done.stdout, re.M), done.stdout
    return done.stdout


@pytest.mark.slow
def test_sync_bench_reports_the_ratio_and_the_resume() -> None:
    out = _run("bench_station_sync.py")
    base = float(re.search(r"plain HTTP upload \(baseline\)\s+([\d.]+) s", out).group(1))
    sync, ratio = re.search(r"station sync \(tus \+ commit\)\s+([\d.]+) s.*= ([\d.]+)x", out).groups()
    assert float(ratio) == pytest.approx(base / float(sync), abs=0.06)  # rounded figures
    assert "chunks sent again" in out and "extra bytes on the wire" in out


@pytest.mark.slow
def test_load_bench_reports_both_runs() -> None:
    out = _run("bench_station_load.py")
    assert "uploads only (baseline)" in out and "commit latency" in out
