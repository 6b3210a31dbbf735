#!/usr/bin/env python3
"""The kit's correction scan (issue 4, "nothing lost"): at each probe of the station the kit compares a
content hash of every sealed case with the one kept at its sealing (``sealing.pending_corrections``), so
that any later change becomes a package that supersedes. This measures what that costs a store with
``--cases`` (1000) sealed cases, nothing changed (the usual probe), and with one case corrected.

Baseline (same run, same store): reading the very same rows (requests, visits, acts, files of those
cases) with bare SQLAlchemy selects, no hashing — what any scan of the cases must pay. Target: the scan
≤ 3× that read, and ≤ 1 s for 1000 cases on the shared 2-core VM.

    .venv/bin/python benchmarks/bench_sync_corrections.py [--cases 1000] [--runs 7] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402,F401 - the shared helpers (sets nothing at import)


def plain_read(store, ids: list[str]) -> int:  # noqa: ANN001
    from sqlalchemy import select

    from mobile_case.storage.models import ActRow, FileRow, RequestRow, VisitRow

    n = 0
    with store.reader() as s:
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            reqs = s.execute(select(RequestRow.id, RequestRow.data).where(RequestRow.id.in_(part))).all()
            visits = s.execute(select(VisitRow.id, VisitRow.data).where(VisitRow.request_id.in_(part))).all()
            acts = s.execute(select(ActRow.id, ActRow.data).where(ActRow.request_id.in_(part))).all()
            owners = [r[0] for r in reqs] + [v[0] for v in visits] + [a[0] for a in acts]
            for j in range(0, len(owners), 500):
                n += len(s.execute(select(FileRow.id, FileRow.sha256).where(FileRow.entity_id.in_(owners[j : j + 500]))).all())
            n += len(reqs) + len(visits) + len(acts)
    return n


def timed(fn, runs: int) -> float:  # noqa: ANN001
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="a tiny run (smoke test)")
    args = ap.parse_args(argv)
    if args.quick:
        args.cases, args.runs = 20, 2
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", benchlib.KEYRING_FAIL)

    from sqlalchemy import select

    from mobile_case.storage.keys import StaticKeyProvider
    from mobile_case.storage.models import OutboxPackageRow, RequestRow
    from mobile_case.storage.store import open_store
    from mobile_case.sync.pairing import pair
    from mobile_case.sync.sealing import pending_corrections, seal_pending
    from sync.kitdata import make_cases
    from sync.mini_station import MiniStation

    with tempfile.TemporaryDirectory(prefix="bench-corr-") as tmp:
        station = MiniStation(Path(tmp) / "station")
        store = open_store(Path(tmp) / "kit", StaticKeyProvider(os.urandom(32)))
        try:
            pair(store, code=station.code)
            t = time.perf_counter()
            make_cases(store, args.cases, pdf_size=2_000, scans=1, scan_size=2_000)
            sealed = seal_pending(store)
            setup = time.perf_counter() - t
            with store.reader() as s:
                ids = sorted(set(s.scalars(select(OutboxPackageRow.request_id))))
            assert len(sealed) == len(ids) == args.cases
            assert pending_corrections(store) == []
            rows = plain_read(store, ids)
            base = timed(lambda: plain_read(store, ids), args.runs)
            scan = timed(lambda: pending_corrections(store), args.runs)
            with store.writer() as s:  # one case corrected
                row = s.get(RequestRow, ids[len(ids) // 2])
                data = json.loads(row.data)
                data["subject"]["phone"] = "+380671112233"
                row.data = json.dumps(data, ensure_ascii=False)
            t = time.perf_counter()
            found = pending_corrections(store)
            changed = time.perf_counter() - t
            assert [rid for rid, _pid in found] == [ids[len(ids) // 2]]
        finally:
            store.close()
            station.close()
    ratio = scan / base if base else float("inf")
    print(f"store: {args.cases} sealed cases ({rows} rows), made and sealed in {setup:.1f} s")
    print(f"baseline — the same rows read, no hashing:  {base * 1000:8.1f} ms (median of {args.runs})")
    print(f"correction scan, nothing changed:          {scan * 1000:8.1f} ms  = {ratio:.2f}× the baseline")
    print(f"correction scan, one case corrected:       {changed * 1000:8.1f} ms  (found it)")
    ok = ratio <= 3.0 and (args.quick or scan <= 1.0 * args.cases / 1000)
    print("target (≤ 3× the read, ≤ 1 s per 1000 cases):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
