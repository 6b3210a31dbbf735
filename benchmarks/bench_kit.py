"""The kit room's figures: the external recorder import and the kit self-check, each against a baseline
measured in the same run.

1. **Import** (``devices.external_recorder.import_to_visit``: hash the camera's file, copy it into the
   visit's private folder, encrypt it into the blob store, audit it, compare the archived SHA-256) of
   ``--files`` files of ``--mb`` MB each, against the **baseline** of a plain verified copy of the same
   files (``shutil.copyfile`` + SHA-256 of source and copy). Target: import ≤ **3×** the baseline (it reads
   the data three times and writes it twice, encrypted, plus a database transaction per file).
2. **Self-check** (``devices.selfcheck.run_selfcheck`` with the real backends: PC/SC, SANE, the Qt print
   system, QtMultimedia, disk, battery, network — in parallel threads) against the **baseline** of the
   registry's own probe of its five devices one after another (``DeviceRegistry.statuses()``, what
   ``mobile-case devices`` runs). Target: self-check ≤ **1.2×** the baseline while checking eight parts.

Rounds alternate (baseline, measured, …); medians and the median per-round ratio are reported.

    .venv/bin/python benchmarks/bench_kit.py [--files 3] [--mb 64] [--rounds 5] [--quick]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib  # noqa: E402

IMPORT_TARGET = 3.0
CHECK_TARGET = 1.2


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


def baseline_copy(files: list[Path], dest: Path) -> float:
    t0 = time.perf_counter()
    for f in files:
        target = dest / f.name
        source_hash = sha256(f)
        shutil.copyfile(f, target)
        assert sha256(target) == source_hash
    elapsed = time.perf_counter() - t0
    for f in files:
        (dest / f.name).unlink()
    return elapsed


def bench_import(args: argparse.Namespace, work: Path) -> tuple[float, float, float]:
    from datetime import datetime

    from mobile_case.devices.external_recorder import ExternalFile, import_to_visit
    from mobile_case.profiles import default_profile
    from mobile_case.services import build_services

    data = work / "data"
    shutil.copytree(benchlib.demo_store(), data)
    app = build_services(data, default_profile())
    app.auth.login("kerivnyk", "240607")
    [visit_id] = [
        v.id for _o, v, _r in app.outings.today(datetime.now().date()) if v.opened_at and not v.closed_at
    ]
    camera = work / "DCIM"
    camera.mkdir()
    files = []
    for i in range(args.files):
        p = camera / f"MOV_{i:04d}.mp4"
        with open(p, "wb") as f:
            for _ in range(args.mb):
                f.write(os.urandom(1024 * 1024))
        files.append(p)
    copies = work / "copies"
    copies.mkdir()
    base, meas, ratios = [], [], []
    try:
        for _ in range(args.rounds):
            b = baseline_copy(files, copies)
            t0 = time.perf_counter()
            done = import_to_visit(
                app.recordings,
                visit_id,
                [ExternalFile(p, p.stat().st_size, datetime.now(), None, "mtime") for p in files],
            )
            m = time.perf_counter() - t0
            assert len(done) == len(files)
            base.append(b)
            meas.append(m)
            ratios.append(m / b)
    finally:
        app.close()
    return statistics.median(base), statistics.median(meas), statistics.median(ratios)


def bench_check(args: argparse.Namespace, work: Path) -> tuple[float, float, float]:
    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler

    from mobile_case.devices.registry import DeviceConfig, DeviceRegistry
    from mobile_case.devices.selfcheck import DiskPlan, run_selfcheck

    _app = QCoreApplication.instance() or QCoreApplication([])
    qInstallMessageHandler(lambda *_a: None)
    base, meas, ratios = [], [], []
    for _ in range(args.rounds):
        registry = DeviceRegistry(simulate=False, config=DeviceConfig())
        t0 = time.perf_counter()
        registry.statuses()
        b = time.perf_counter() - t0
        registry = DeviceRegistry(simulate=False, config=DeviceConfig())
        t0 = time.perf_counter()
        report = run_selfcheck(registry, work, DiskPlan(6, 6 * 3600))
        m = time.perf_counter() - t0
        assert len(report.items) == 8
        base.append(b)
        meas.append(m)
        ratios.append(m / b)
    return statistics.median(base), statistics.median(meas), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--mb", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="tiny run (smoke test)")
    args = parser.parse_args()
    if args.quick:
        args.files, args.mb, args.rounds = 1, 2, 1
    benchlib.use_offscreen_here()
    with tempfile.TemporaryDirectory(prefix="bench-kit-") as tmp:
        work = Path(tmp)
        ib, im, ir = bench_import(args, work / "import")
        cb, cm, cr = bench_check(args, work)
    total_mb = args.files * args.mb
    print(f"import of {args.files} × {args.mb} MB ({args.rounds} rounds, medians)")
    print(f"  baseline verified copy: {ib:.3f} s ({total_mb / ib:.0f} MB/s)")
    print(f"  import into the archive: {im:.3f} s ({total_mb / im:.0f} MB/s)")
    print(f"  ratio: {ir:.2f}× (target ≤ {IMPORT_TARGET}×)")
    print("self-check of the real kit (8 parts) vs the registry's 5 sequential probes")
    print(f"  baseline statuses(): {cb * 1000:.0f} ms")
    print(f"  run_selfcheck(): {cm * 1000:.0f} ms")
    print(f"  ratio: {cr:.2f}× (target ≤ {CHECK_TARGET}×)")
    met = ir <= IMPORT_TARGET and cr <= CHECK_TARGET
    print(f"target import ≤ {IMPORT_TARGET}× and self-check ≤ {CHECK_TARGET}×: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
