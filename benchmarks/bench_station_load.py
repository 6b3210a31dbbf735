"""The station under many kits at once (docs/scaling.md): SQLite and PostgreSQL.

``--kits`` kits (20) deliver ``--packages`` packages each (10) at the same time, each package a case as the
kit seals it: a ~300 KB application PDF and a ~150 KB scan (random bytes: no compression helps), uploaded by
tus in one chunk each, then committed for a signed receipt. Reported per database: wall time, packages per
second, MB/s of files, commit latency p50/p95.

Baseline, same run, same station, same kits, same bytes: the uploads alone (tus creation + PATCH, no commit).
The ratio baseline time / full time shows what the commit (signature, key unwrap, decrypting and hashing
every file, the content-addressed store, the merged journals, the receipt) costs on top of transport.

    .venv/bin/python benchmarks/bench_station_load.py            # 20 kits × 10 packages, SQLite + PostgreSQL
    .venv/bin/python benchmarks/bench_station_load.py --quick    # 3 kits × 2 packages, SQLite only
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from benchlib import percentile  # noqa: E402

TARGET_RATIO = 0.5  # the commit may at most double the time of the bare uploads


def run_kits(served, tmp: Path, kits: int, packages: int, commit: bool) -> dict:  # noqa: ANN001
    errors: list[BaseException] = []
    latencies: list[float] = []
    lock = threading.Lock()
    total_bytes = 0
    ready = []
    for k in range(kits):
        kit = served.kit(tmp, f"Кейс {k + 1} {'c' if commit else 'u'}")
        sealed = [
            kit.seal([("application_pdf", "заява.pdf", os.urandom(300_000)), ("scan", "паспорт.pdf", os.urandom(150_000))],
                     journal_number=p + 1)
            for p in range(packages)
        ]
        total_bytes += sum(f.meta["size"] for pkg in sealed for f in pkg.files)
        ready.append((kit, sealed))
    barrier = threading.Barrier(kits + 1)

    def work(kit, sealed) -> None:  # noqa: ANN001
        barrier.wait()
        try:
            for pkg in sealed:
                kit.upload_package(pkg)
                if commit:
                    t0 = time.perf_counter()
                    r = kit.commit(pkg)
                    spent = time.perf_counter() - t0
                    if r.status_code != 200:
                        raise RuntimeError(r.text)
                    kit.verify_receipt(pkg, r.json())
                    with lock:
                        latencies.append(spent)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=item) for item in ready]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    for kit, _ in ready:
        kit.close()
    if errors:
        raise errors[0]
    return {"wall": wall, "bytes": total_bytes, "latencies": latencies}


def measure(label: str, served, tmp: Path, kits: int, packages: int) -> bool:  # noqa: ANN001
    base = run_kits(served, tmp, kits, packages, commit=False)
    full = run_kits(served, tmp, kits, packages, commit=True)
    n = kits * packages
    ratio = base["wall"] / full["wall"]
    lat = full["latencies"]
    print(f"{label}: {kits} kits × {packages} packages = {n} packages, {full['bytes'] / 1e6:.0f} MB of files")
    print(f"  uploads only (baseline)     {base['wall']:7.1f} s   {n / base['wall']:6.1f} packages/s   "
          f"{base['bytes'] / base['wall'] / 1e6:6.1f} MB/s")
    print(f"  uploads + commit            {full['wall']:7.1f} s   {n / full['wall']:6.1f} packages/s   "
          f"{full['bytes'] / full['wall'] / 1e6:6.1f} MB/s   = {ratio:.2f}x the baseline's throughput")
    print(f"  commit latency              p50 {percentile(lat, 50) * 1000:6.0f} ms   p95 {percentile(lat, 95) * 1000:6.0f} ms"
          f"   max {max(lat) * 1000:6.0f} ms")
    return ratio >= TARGET_RATIO


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kits", type=int, default=20)
    parser.add_argument("--packages", type=int, default=10)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.kits, args.packages, args.no_postgres = 3, 2, True

    from station.conftest import ServedStation, _pg_bin, make_config, running_postgres

    ok = True
    tmp = Path(tempfile.mkdtemp(prefix="mobile-case-bench-load-"))
    try:
        served = ServedStation(make_config(tmp / "sqlite"))
        try:
            ok &= measure("SQLite (WAL)", served, tmp, args.kits, args.packages)
        finally:
            served.stop()
        if not args.no_postgres and _pg_bin() is not None:
            with running_postgres() as url:
                served = ServedStation(make_config(tmp / "pg", db_url=url))
                try:
                    ok &= measure("PostgreSQL", served, tmp, args.kits, args.packages)
                finally:
                    served.stop()
        print(f"target commit costs at most as much as the uploads (ratio ≥ {TARGET_RATIO}): "
              f"{'met' if ok else 'NOT met'}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
