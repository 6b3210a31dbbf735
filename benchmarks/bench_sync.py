"""The outbox room's figures (issue 4): sync throughput over a slow link, and the cost of a cut.

A loopback link shaped to ``--mbit`` Mbit/s (default 8, a rural 3G/4G uplink) by an asyncio TCP proxy of
this script (token bucket per direction, the kit's TLS passes through it untouched), in front of:

1. **Sync**: the real station (``mobile-case station``, a child process) and the kit's outbox
   (``sync.outbox.Outbox.run`` in this process) sending one sealed case with a ``--mb`` MB recording —
   tus creation, ``--chunk`` MiB PATCHes with SHA-256 checksums and signed requests, each confirmed offset
   committed to the kit's encrypted store, then the commit and the verified receipt. Sealing (encrypting
   the recording into the spool) is done before the clock starts.
2. **Baseline**: a plain HTTP ``PUT`` of a file of the same size to a bare HTTP server of this script
   (reads and discards), through the same shaped link, in the same run.

Target: sync throughput ≥ **0.9×** the baseline (upload phase: first byte to the last confirmed chunk;
the commit — the station decrypting and archiving — is reported separately).

3. **Resume after a cut**: the same sync of a ``--resume-mb`` MB recording with the link cut once at
   the middle of the file: bytes put on the wire beyond the file's size (re-sent), and the time against
   an uncut run of the same size (overhead ratio).

    .venv/bin/python benchmarks/bench_sync.py [--mb 200] [--mbit 8] [--chunk 4] [--resume-mb 40] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib  # noqa: E402

sys.path.insert(0, str(benchlib.SRC))

TARGET = 0.9
MiB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ShapedLink:
    """TCP proxy 127.0.0.1:port → 127.0.0.1:upstream, each direction limited to ``rate`` bytes/s (token
    bucket, 64 KiB burst). ``cut_at``: drop every connection once that many bytes went up in total."""

    def __init__(self, upstream: int, rate: float) -> None:
        self.upstream, self.rate = upstream, rate
        self.cut_at: int | None = None
        self.up_bytes = 0
        self.loop = asyncio.new_event_loop()
        self.conns: list[asyncio.StreamWriter] = []
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait(5)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self.server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _handle(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        try:
            ur, uw = await asyncio.open_connection("127.0.0.1", self.upstream)
        except OSError:
            w.close()
            return
        self.conns += [w, uw]
        await asyncio.gather(self._pipe(r, uw, True), self._pipe(ur, w, False), return_exceptions=True)

    async def _pipe(self, src: asyncio.StreamReader, dst: asyncio.StreamWriter, up: bool) -> None:
        loop = asyncio.get_running_loop()
        tokens, last = 0.0, loop.time()
        burst = 64 * 1024
        try:
            while data := await src.read(16 * 1024):
                now = loop.time()
                tokens = min(burst, tokens + (now - last) * self.rate)
                last = now
                tokens -= len(data)
                if tokens < 0:
                    await asyncio.sleep(-tokens / self.rate)
                if up:
                    self.up_bytes += len(data)
                    if self.cut_at is not None and self.up_bytes >= self.cut_at:
                        self.cut_at = None
                        for c in self.conns:
                            c.transport.abort()
                        return
                dst.write(data)
                await dst.drain()
        except (OSError, ConnectionError):
            pass
        finally:
            dst.close()


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a) -> None:  # noqa: ANN002
        pass

    def do_PUT(self) -> None:  # noqa: N802
        left = int(self.headers["Content-Length"])
        while left:
            left -= len(self.rfile.read(min(left, 1024 * 1024)))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()


def baseline_put(path: Path, size: int, rate: float) -> float:
    import httpx

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    link = ShapedLink(httpd.server_address[1], rate)

    def body():
        with open(path, "rb") as fh:
            while chunk := fh.read(1024 * 1024):
                yield chunk

    t0 = time.perf_counter()
    r = httpx.put(
        f"http://127.0.0.1:{link.port}/x", content=body(), headers={"Content-Length": str(size)}, timeout=600
    )
    took = time.perf_counter() - t0
    assert r.status_code == 204
    httpd.shutdown()
    return took


def start_station(data: Path, port: int) -> subprocess.Popen:
    import httpx

    env = benchlib.child_env()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mobile_case",
            "station",
            "--data-dir",
            str(data),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    for _ in range(300):
        try:
            if (
                httpx.get(f"https://127.0.0.1:{port}/api/v1/health", verify=False, timeout=1).status_code
                == 200
            ):
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the station did not start")


def pair_code(data: Path, port: int) -> str:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "mobile_case",
            "station",
            "pair",
            "--data-dir",
            str(data),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        capture_output=True,
        text=True,
        env=benchlib.child_env(),
        check=True,
    ).stdout
    return next(w for w in out.split() if w.startswith("MK1-"))


def make_kit(folder: Path, code: str, link_port: int, size: int, chunk: int):  # noqa: ANN201
    """A kit store paired (through the link) with one sealed case carrying a ``size``-byte recording."""
    from mobile_case.domain.model import CaseState, Outing, ServiceRequest, Visit, new_id
    from mobile_case.storage import repo
    from mobile_case.storage.keys import StaticKeyProvider
    from mobile_case.storage.models import FileRow, OutingRow
    from mobile_case.storage.store import open_store
    from mobile_case.sync.pairing import pair
    from mobile_case.sync.sealing import seal_pending
    from mobile_case.sync.settings import SyncSettings, save_settings

    store = open_store(folder, StaticKeyProvider(os.urandom(32)))
    host_port = code.split("-")[1]
    pair(store, code=code.replace(host_port, f"127.0.0.1:{link_port}"))
    save_settings(store, SyncSettings(chunk_bytes=chunk))
    rec = folder / "rec.mkv"
    rng = random.Random(size)
    with open(rec, "wb") as fh:
        left = size
        while left:
            n = min(left, 4 * MiB)
            fh.write(rng.randbytes(n))
            left -= n
    now = store.clock()
    outing = Outing(date=now.date())
    req = ServiceRequest(number=f"МК-B-{size}", state=CaseState.COMPLETED, created_at=now)
    visit = Visit(
        outing_id=outing.id, request_id=req.id, opened_at=now, closed_at=now, recording_consent=True
    )
    sha = store.blobs.put_file(rec)
    rec.unlink()
    with store.writer() as s:
        s.add(
            OutingRow(
                id=outing.id,
                date=outing.date,
                model=outing.model.value,
                settlement_code="",
                departure=None,
                travel_minutes=0,
                vehicle="",
                notes="",
                created_at=now,
            )
        )
        s.add(repo.request_to_row(req, registered_at=now))
        s.flush()
        s.add(repo.visit_to_row(visit))
        s.flush()
        s.add(
            FileRow(
                id=new_id(),
                sha256=sha,
                name="rec.mkv",
                mime="video/x-matroska",
                size=size,
                kind="recording",
                entity_kind="visit",
                entity_id=visit.id,
                created_at=now,
                created_by=None,
            )
        )
    seal_pending(store)
    return store


def timed_sync(store, link: ShapedLink) -> tuple[float, float, int, int]:  # noqa: ANN001
    """(upload seconds, commit seconds, wire body bytes, runs) until the package is delivered."""
    from mobile_case.sync.outbox import Outbox

    ob = Outbox(store)
    marks: dict[str, float] = {}

    def progress(_pid: str, sent: int, total: int) -> None:
        if sent >= total:
            marks["uploaded"] = time.perf_counter()

    ob.on_progress = progress
    t0 = time.perf_counter()
    body, runs = 0, 0
    while True:
        runs += 1
        rep = ob.run(seal=False)
        body += rep.body_bytes
        if rep.delivered:
            break
        if runs > 20:
            raise SystemExit(f"sync did not finish: {rep.error_code}")
    end = time.perf_counter()
    up = marks.get("uploaded", end)
    return up - t0, end - up, body, runs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=200, help="size of the recording, MB")
    ap.add_argument("--mbit", type=float, default=8.0, help="link speed, Mbit/s")
    ap.add_argument("--chunk", type=int, default=4, help="tus chunk, MiB")
    ap.add_argument("--resume-mb", type=int, default=40, help="size of the recording in the resume test, MB")
    ap.add_argument("--quick", action="store_true", help="a tiny run (smoke test)")
    args = ap.parse_args(argv)
    if args.quick:
        args.mb, args.resume_mb, args.mbit = 4, 4, 80.0
    os.environ["PYTHON_KEYRING_BACKEND"] = benchlib.KEYRING_FAIL
    rate = args.mbit * 1_000_000 / 8
    size = args.mb * MiB
    chunk = args.chunk * MiB
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    station_dir, port = tmp / "station", free_port()
    proc = start_station(station_dir, port)
    try:
        link = ShapedLink(port, rate)
        store = make_kit(tmp / "kit", pair_code(station_dir, port), link.port, size, chunk)
        from mobile_case.sync.outbox import counts

        enc = store.db.engine  # noqa: F841 - keep the store open
        print(f"link {args.mbit:g} Mbit/s; recording {args.mb} MB; chunk {args.chunk} MiB")
        blob = tmp / "plain.bin"
        with open(blob, "wb") as fh:
            fh.truncate(size)
        base = baseline_put(blob, size, rate)
        up, commit, body, _runs = timed_sync(store, link)
        assert counts(store) == {"delivered": 1}
        ratio = base / up
        print(f"baseline plain HTTP PUT: {base:.1f} s ({size / base / MiB:.2f} MiB/s)")
        print(
            f"sync upload (tus, signed, checksummed): {up:.1f} s ({size / up / MiB:.2f} MiB/s); "
            f"commit + receipt: {commit:.2f} s"
        )
        print(f"throughput ratio sync/baseline: {ratio:.3f} (target ≥ {TARGET})")
        store.close()

        # resume after a cut: an uncut run and a cut run of the same size
        rsize = args.resume_mb * MiB
        s1 = make_kit(tmp / "kit-r1", pair_code(station_dir, port), link.port, rsize, chunk)
        t_plain, c1, body_plain, _ = timed_sync(s1, link)
        s1.close()
        s2 = make_kit(tmp / "kit-r2", pair_code(station_dir, port), link.port, rsize, chunk)
        link.cut_at = link.up_bytes + rsize // 2
        t_cut, c2, body_cut, runs = timed_sync(s2, link)
        s2.close()
        resent = body_cut - body_plain
        print(
            f"resume: {args.resume_mb} MB cut once at the middle: {runs} runs, re-sent {resent / MiB:.2f} MiB "
            f"(chunk {args.chunk} MiB), time {t_cut + c2:.1f} s vs {t_plain + c1:.1f} s uncut "
            f"({(t_cut + c2) / (t_plain + c1):.3f}×)"
        )
        ok = ratio >= TARGET and resent <= chunk
        print("OK" if ok else "TARGET MISSED")
        return 0 if ok or args.quick else 1
    finally:
        proc.terminate()
        proc.wait(15)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
