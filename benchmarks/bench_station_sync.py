"""Sync throughput to the CNAP station over a shaped link, against a plain HTTP upload (issue 4).

A recording (200 MB by default) is sealed as the kit seals it (MKSTREAM1, the shared protocol module) and
sent to a real station (HTTPS, uvicorn, in this process's threads) the way the contract says: tus creation,
PATCH chunks of 4 MiB with the MK-Kit signature and ``Upload-Checksum: sha256``, the manifest, the commit,
the receipt verified. Every byte goes through a TCP proxy of this script that shapes both directions to
about 8 Mbit/s (a token bucket, 1,000,000 bytes/s).

Baseline, same run, same link: a plain HTTP POST of the same plaintext bytes to a plain HTTP sink
(``http.server``, no TLS) that writes them to disk. Reported: both times and the throughput ratio
(baseline time / sync time; target ≥ 0.9). Then the resume overhead: the same upload with the connection
cut once in the middle of a chunk — bytes sent again and time lost.

    .venv/bin/python benchmarks/bench_station_sync.py            # 200 MB at 8 Mbit/s (~8 min)
    .venv/bin/python benchmarks/bench_station_sync.py --quick    # 6 MB at 32 Mbit/s (smoke test)
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

TARGET = 0.9
CHUNK = 4 * 1024 * 1024


class ShapedProxy:
    """TCP proxy limiting each direction to ``rate`` bytes/s; ``cut_at`` closes the connection that
    carries the upstream byte number ``cut_at`` (once)."""

    def __init__(self, target_port: int, rate: float) -> None:
        self.target = ("127.0.0.1", target_port)
        self.rate = rate
        self.cut_at: int | None = None
        self.upstream_total = 0
        self._lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, up: bool) -> None:
        piece = 16 * 1024
        start = time.monotonic()
        sent = 0
        try:
            while True:
                data = src.recv(piece)
                if not data:
                    break
                if up:
                    with self._lock:
                        before = self.upstream_total
                        self.upstream_total += len(data)
                        cut = self.cut_at is not None and before < self.cut_at <= self.upstream_total
                        if cut:
                            self.cut_at = None
                    if cut:
                        break
                sent += len(data)
                due = start + sent / self.rate
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                elif delay < -0.25:  # idle time is not credited beyond a short burst
                    start = time.monotonic() - (sent / self.rate) + 0.25
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


class _Sink(http.server.BaseHTTPRequestHandler):
    target: Path = Path(os.devnull)

    def do_POST(self) -> None:  # noqa: N802
        left = int(self.headers["Content-Length"])
        digest = hashlib.sha256()
        with open(self.target, "wb") as fh:
            while left:
                data = self.rfile.read(min(left, 1024 * 1024))
                if not data:
                    break
                left -= len(data)
                digest.update(data)
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        body = digest.hexdigest().encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:  # noqa: ANN002
        pass


def plain_upload(path: Path, rate: float, tmp: Path) -> float:
    import httpx

    _Sink.target = tmp / "sink.bin"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = ShapedProxy(server.server_address[1], rate)

    def body():  # noqa: ANN202
        with open(path, "rb") as fh:
            while data := fh.read(1024 * 1024):
                yield data

    t0 = time.perf_counter()
    r = httpx.post(f"http://127.0.0.1:{proxy.port}/", content=body(), timeout=None,
                   headers={"Content-Length": str(path.stat().st_size)})
    elapsed = time.perf_counter() - t0
    server.shutdown()
    assert r.text == hashlib.sha256(path.read_bytes()).hexdigest()
    return elapsed


def sync_upload(served, kit_cls, plain: bytes, rate: float, tmp: Path, cut_fraction: float | None):  # noqa: ANN001, ANN201
    """Seal, upload (resuming after a cut if asked), commit. Returns (seconds, chunk bytes handed to the
    client — a cut chunk counted whole —, encrypted size, bytes the proxy carried towards the station)."""
    import httpx

    proxy = ShapedProxy(served.port, rate)
    kit = served.kit(tmp, f"bench-{time.monotonic_ns()}")
    kit.http.close()
    kit.http = httpx.Client(base_url=f"https://127.0.0.1:{proxy.port}", verify=served.ssl_context(), timeout=120)
    pkg = kit.seal([("recording", "visit.mkv", plain)])
    enc_path = pkg.files[0].path
    enc_size = enc_path.stat().st_size
    sent = 0
    t0 = time.perf_counter()
    pkg.upload_urls["manifest"] = kit.upload(pkg.package_id, "manifest", pkg.manifest_path)
    created = kit.tus_create(enc_size, {"package_id": pkg.package_id, "file_id": "f001"})
    url = created.headers["location"]
    pkg.upload_urls["f001"] = url
    if cut_fraction is not None:
        proxy.cut_at = proxy.upstream_total + int(enc_size * cut_fraction)
    offset = 0
    with open(enc_path, "rb") as fh:
        while offset < enc_size:
            fh.seek(offset)
            piece = fh.read(CHUNK)
            sent += len(piece)
            try:
                r = kit.tus_patch(url, offset, piece)
                r.raise_for_status()
                offset = int(r.headers["upload-offset"])
            except httpx.HTTPError:
                kit.http.close()
                kit.http = httpx.Client(base_url=f"https://127.0.0.1:{proxy.port}", verify=served.ssl_context(),
                                        timeout=120)
                offset = int(kit.tus_head(url).headers["upload-offset"])
    done = kit.commit(pkg)
    elapsed = time.perf_counter() - t0
    assert done.status_code == 200, done.text
    kit.verify_receipt(pkg, done.json())
    kit.close()
    return elapsed, sent, enc_size, proxy.upstream_total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=200, help="recording size in MB (10^6 bytes)")
    parser.add_argument("--mbit", type=float, default=8, help="link rate in Mbit/s")
    parser.add_argument("--quick", action="store_true", help="6 MB at 32 Mbit/s")
    args = parser.parse_args()
    if args.quick:
        args.mb, args.mbit = 6, 32
    size = int(args.mb * 1_000_000)
    rate = args.mbit * 1_000_000 / 8

    from station.conftest import ServedStation, make_config
    from station.kitsim import TestKit

    tmp = Path(tempfile.mkdtemp(prefix="mobile-case-bench-sync-"))
    plain = os.urandom(size)
    plain_path = tmp / "recording.mkv"
    plain_path.write_bytes(plain)
    served = ServedStation(make_config(tmp / "station"))
    try:
        print(f"recording {size / 1e6:.0f} MB over a link shaped to {args.mbit:g} Mbit/s ({rate / 1e6:.2f} MB/s)")
        base = plain_upload(plain_path, rate, tmp)
        sync_s, _sent, enc, wire = sync_upload(served, TestKit, plain, rate, tmp, None)
        ratio = base / sync_s
        print(f"plain HTTP upload (baseline)        {base:8.1f} s   {size / base / 1e6:6.2f} MB/s")
        print(f"station sync (tus + commit)         {sync_s:8.1f} s   {size / sync_s / 1e6:6.2f} MB/s"
              f"   = {ratio:.3f}x the baseline's throughput")
        print(f"  wire overhead of the encrypted stream: {enc - size} bytes ({(enc - size) / size * 100:.3f} %)")
        cut_s, cut_sent, _, cut_wire = sync_upload(served, TestKit, plain, rate, tmp, 0.5 + 0.5 * CHUNK / enc)
        resent = cut_sent - enc
        extra = cut_wire - wire
        print(f"sync with one cut mid-chunk         {cut_s:8.1f} s   chunks sent again {resent / 1e6:.2f} MB "
              f"(≤ one chunk of {CHUNK / 1e6:.2f} MB: {'yes' if resent <= CHUNK else 'NO'}); "
              f"extra bytes on the wire {extra / 1e6:.2f} MB; time lost {cut_s - sync_s:+.1f} s")
        met = ratio >= TARGET and resent <= CHUNK
        print(f"target throughput ≥ {TARGET}x plain HTTP, re-sent ≤ one chunk: {'met' if met else 'NOT met'}")
        return 0 if met else 1
    finally:
        served.stop()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
