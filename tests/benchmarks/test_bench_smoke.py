"""The benchmarks still run: each script in its tiny mode, in its own process.

These tests check that the scripts work and print their figures — never the timing targets (those are
the benchmarks' business, on a quiet machine: see docs/benchmarks.md). A benchmark exits 1 when its
target is missed, so exit status 1 is accepted here as long as the report is complete.

Seeded stores and compiled bytecode are cached in ``<temp>/mobile-case-bench`` (or
``$MOBILE_CASE_BENCH_CACHE``), so only the first run on a machine seeds the demo store.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NUMBER = r"(\d+(?:\.\d+)?)"

pytestmark = pytest.mark.slow


def run_bench(script: str, *args: str, timeout: float = 240) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1), (result.returncode, result.stdout[-2000:], result.stderr[-3000:])
    assert re.search(r"^target\b.*: (met|NOT met)$", result.stdout, re.M), result.stdout
    return result.stdout


def figure(pattern: str, text: str) -> list[float]:
    match = re.search(pattern, text, re.M)
    assert match, f"{pattern!r} not in:\n{text}"
    return [float(g.replace(",", "")) for g in match.groups()]


def test_startup_bench_reports_the_ratio_and_the_store_time() -> None:
    out = run_bench("bench_startup.py", "--quick")
    bare = figure(rf"bare window painted\s+{NUMBER} ms", out)[0]
    window, ratio = figure(rf"app login window painted\s+{NUMBER} ms\s+=\s+{NUMBER}x bare", out)
    store = figure(rf"app store open \(set_services\)\s+{NUMBER} ms", out)[0]
    login = figure(rf"app login form \(users counted\)\s+{NUMBER} ms", out)[0]
    assert bare > 0 and window > 0
    assert ratio == pytest.approx(window / bare, abs=0.01)
    assert window <= login and store <= login  # the order of the markers of one process


def test_journal_bench_filters_the_seeded_store() -> None:
    out = run_bench("bench_journal_100k.py", "--quick")
    year = figure(rf"^period: the whole year\s+([\d,]+)\s+{NUMBER}ms\s+{NUMBER}ms", out)
    days31 = figure(r"^open the journals screen \(31 days\)\s+([\d,]+)", out)[0]
    one = figure(r"^text: one request number\s+([\d,]+)", out)[0]
    reset = figure(r"^reset the filters\s+([\d,]+)", out)[0]
    again = figure(r"^the journals screen again \(from settings\)\s+([\d,]+)", out)[0]
    assert 0 < days31 < year[0] <= 2000  # 2,000 cases, ~90 % of them in the journal
    assert one == 1
    assert reset == days31 == again
    worst, p99 = figure(rf"journal phases: max stall {NUMBER} ms .* p99 gap {NUMBER} ms", out)
    assert worst >= p99 > 0


def test_memory_bench_runs_a_whole_visit() -> None:
    out = run_bench("bench_memory.py", "--quick")
    bare = figure(rf"bare PySide6 window, shown and painted:\s+{NUMBER} MB", out)[0]
    filled = figure(rf"visit steps filled, application printed\s+{NUMBER} MB", out)[0]
    finished = figure(rf"visit finished\s+{NUMBER} MB", out)[0]
    peak = figure(rf"peak of the process \(VmHWM\)\s+{NUMBER} MB", out)[0]
    assert 0 < bare < filled <= peak
    assert finished <= peak


def test_application_pdf_bench_runs() -> None:
    out = run_bench("bench_application_pdf.py", "--runs", "2")
    assert figure(rf"ratio application/baseline: {NUMBER}x", out)[0] > 0


# -- the ID card's chip (issue 3) ----------------------------------------------------------------------------


def test_emrtd_reader_bench_reports_pace_and_both_read_modes() -> None:
    out = run_bench("bench_emrtd_reader.py", "--quick")
    assert "BRAINPOOLP256r1" in out and "NIST521p" in out
    for mode in ("extended length", "short reads"):
        ms, base, commands, minimum = figure(
            rf"^{mode}\s+{NUMBER} ms\s+\(baseline hash\+decode {NUMBER} ms.*commands (\d+) vs minimum (\d+)",
            out,
        )
        assert ms > 0 and base > 0 and commands >= minimum >= 12
    assert (
        figure(r"^extended length.*commands (\d+)", out)[0] < figure(r"^short reads.*commands (\d+)", out)[0]
    )


def test_card_read_bench_reads_through_its_own_pcscd() -> None:
    """bench_card_read starts its own private pcscd: it must not inherit this session's socket or ports."""
    import os

    sys.path.insert(0, str(ROOT / "tests" / "devices"))
    from emrtd_card import pcsc_service

    reason = pcsc_service.missing_reason()
    if reason:
        pytest.skip(reason)
    if pcsc_service.prepare_private_socket() is None:
        pytest.skip(
            "no mount namespaces: the benchmark's pcscd would share the machine's socket with this run's"
        )
    env = {k: v for k, v in os.environ.items() if k not in (pcsc_service.SOCKET_ENV, pcsc_service.PORT_ENV)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_card_read.py"), "--quick"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1), (result.stdout, result.stderr[-2000:])
    out = result.stdout
    assert re.search(r"^verdict authentic", out, re.M), out
    sent, minimum = figure(r"commands sent (\d+); minimum for these files (\d+)", out)
    assert 12 <= minimum <= sent
    total = figure(rf"^full read \(median of 1\)\s+{NUMBER} ms", out)[0]
    assert total > 0
    assert re.search(r"^target \(both, verdict authentic\): (met|NOT met)$", out, re.M), out


def test_card_ui_bench_keeps_and_shows_a_read() -> None:
    out = run_bench("bench_card_ui.py", "--quick")
    save, ratio = figure(rf"chip read kept \(save\)\s+{NUMBER} ms = {NUMBER}x visit autosave", out)
    base = figure(rf"baseline visit autosave\s+{NUMBER} ms", out)[0]
    assert save > 0 and ratio == pytest.approx(save / base, abs=0.02)
    shown = figure(rf"chip read shown \(GUI thread\)\s+{NUMBER} ms", out)[0]
    assert shown > 0
    assert re.search(r"^target \(both\): (met|NOT met)$", out, re.M)


# --- issue 5: the recorder, the GUI thread while recording and scanning, the kit (bench_scan.py is run by
# tests/devices/test_scanner_bench.py) ---------------------------------------------------------------
def test_recorder_bench_compares_with_ffmpeg() -> None:
    import shutil

    if shutil.which("ffmpeg") is None:
        pytest.skip("Debian's ffmpeg is not installed (apt ffmpeg): the baseline of this benchmark")
    out = run_bench("bench_recorder.py", "--quick")
    recorder = figure(rf"^recorder \(PyAV child process\): median {NUMBER} s CPU", out)[0]
    ffmpeg = figure(rf"^ffmpeg command line: median {NUMBER} s CPU", out)[0]
    ratio = figure(rf"^ratio recorder/ffmpeg: {NUMBER}×", out)[0]
    assert recorder > 0 and ffmpeg > 0
    assert ratio == pytest.approx(recorder / ffmpeg, abs=0.05)  # the printed seconds are rounded


def test_record_scan_stalls_bench_records_and_scans() -> None:
    out = run_bench("bench_record_scan_stalls.py", "--quick")
    idle = figure(rf"^idle\s+worst gap\s+{NUMBER} ms, p99\s+{NUMBER} ms", out)
    busy = figure(rf"^record\+scan\s+worst gap\s+{NUMBER} ms, p99\s+{NUMBER} ms", out)
    assert idle[0] >= idle[1] > 0 and busy[0] >= busy[1] > 0
    pages, pdf, segments = figure(rf"^pages scanned {NUMBER}, PDF bytes {NUMBER}, segments recorded {NUMBER}", out)
    assert pages >= 1 and segments >= 1  # both loads really ran
    assert "scan steps: child" in out


def test_kit_bench_imports_checks_and_watches_the_gui() -> None:
    out = run_bench("bench_kit.py", "--quick")
    base, app = figure(rf"baseline statuses\(\): {NUMBER} ms\s+run_selfcheck\(\): {NUMBER} ms", out)
    assert base > 0 and app > 0
    ratio = figure(rf"ratio: {NUMBER}× \(target ≤ 1\.2×\)", out)[0]
    assert ratio == pytest.approx(app / base, abs=0.02)
    assert figure(rf"kit screen self-check running: {NUMBER} ms", out)[0] > 0


def test_visit_import_bench_drives_the_dialog_and_watches_the_gui() -> None:
    out = run_bench("bench_visit_import.py", "--quick")
    direct = figure(rf"import_to_visit\(\) called directly: {NUMBER} s", out)[0]
    dialog = figure(rf"find \+ import through the dialog: {NUMBER} s", out)[0]
    assert direct > 0 and dialog > 0
    ratio = figure(rf"ratio: {NUMBER}× \(target ≤ 1\.25×\)", out)[0]
    assert ratio == pytest.approx(dialog / direct, rel=0.05)
    assert "1 × 2 MB (2 rounds, medians; 4 in the archive)" in out  # the direct calls and the dialog's
    assert figure(rf"dialog finding and importing: {NUMBER} ms", out)[0] > 0
