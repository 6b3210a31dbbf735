"""Issue 4 end to end on loopback: the real station (``mobile-case station``) and the real kit
(``mobile-case sync now``) as processes, through the tests' own fault-injecting proxy.

* 200 cases with their PDFs and scans, ten of them with a 50 MB recording, arrive exactly once and
  hash-identical through a proxy that drops connections mid-body, delays, resets and answers 5xx (seeded);
* the kit is killed (SIGKILL) mid-upload and restarted: it resumes from the station's offset and re-sends
  at most one chunk; the station is killed and restarted mid-upload: the kit retries and finishes.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.fault_proxy import FaultProxy  # noqa: E402
from sync.kitdata import make_cases  # noqa: E402

pytestmark = pytest.mark.slow

MiB = 1024 * 1024
ENV = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", QT_QPA_PLATFORM="offscreen")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Station:
    def __init__(self, data: Path, port: int) -> None:
        self.data, self.port, self.proc = data, port, None

    def start(self) -> None:
        log = open(self.data.parent / "station.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mobile_case",
                "station",
                "--data-dir",
                str(self.data),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=ENV,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if (
                    httpx.get(
                        f"https://127.0.0.1:{self.port}/api/v1/health", verify=False, timeout=1
                    ).status_code
                    == 200
                ):
                    return
            except httpx.HTTPError:
                pass
            assert self.proc.poll() is None, (self.data.parent / "station.log").read_text()[-2000:]
            time.sleep(0.2)
        raise AssertionError("station did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def pair_code(self) -> str:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "mobile_case",
                "station",
                "pair",
                "--data-dir",
                str(self.data),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            capture_output=True,
            text=True,
            env=ENV,
            timeout=60,
            check=True,
        ).stdout
        return next(w for w in out.split() if w.startswith("MK1-"))

    def db(self) -> sqlite3.Connection:
        return sqlite3.connect(self.data / "station.sqlite3")


def kit_cmd(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mobile_case", "sync", *args, "--data-dir", str(data)]


SHM = Path("/dev/shm")
SHM_NEEDED = 4 * 1024**3  # the kit's blobs and spool and the station's uploads, documents and archive: ~2.2 GB


@pytest.fixture
def work(tmp_path):
    """The folder for the kit's and the station's data: in RAM (``/dev/shm``) when it has room. Every
    fsync the kit and the station do (their real durability code, unchanged) then costs nothing, and the
    test measures the sync, not the disk: 73–78 s instead of 119 s for the 200-case run on the shared 2-core
    VM. Without room there (a small container), the ordinary temporary folder."""
    import shutil
    import tempfile

    import psutil

    try:
        st = os.statvfs(SHM)
        room = st.f_bavail * st.f_frsize >= SHM_NEEDED and psutil.virtual_memory().available >= 2 * SHM_NEEDED
    except OSError:
        room = False
    if not room:
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="mc-e2e-", dir=SHM))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def station(work):
    st = Station(work / "station", free_port())
    st.start()
    yield st
    st.stop()


def make_kit(tmp_path: Path, monkeypatch, n: int, recordings: dict[int, int], chunk: int = 4 * MiB):
    """The kit's store with ``n`` finished cases; returns its folder and what the station must end up with:
    request id → sorted (kind, sha256) of its files."""
    from mobile_case.storage.models import FileRow
    from mobile_case.storage.store import open_store
    from mobile_case.sync.settings import SyncSettings, save_settings

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    data = tmp_path / "kit"
    store = open_store(data)
    try:
        ids = make_cases(store, n, recordings=recordings, scans=2)
        save_settings(store, SyncSettings(chunk_bytes=chunk))
        expected: dict[str, list] = {i: [] for i in ids}
        with store.reader() as s:
            from mobile_case.storage.models import VisitRow

            visit_req = {v.id: v.request_id for v in s.query(VisitRow).all()}
            for f in s.query(FileRow).all():
                rid = visit_req.get(f.entity_id, f.entity_id)
                expected[rid].append((f.kind, f.sha256))
    finally:
        store.close()
    return data, {k: sorted(v) for k, v in expected.items()}


def pair_kit(kit: Path, code: str, proxy_port: int | None = None) -> None:
    if proxy_port is not None:  # pair through the proxy so that every later request goes through it
        host_port = code.split("-")[1]
        code = code.replace(host_port, f"127.0.0.1:{proxy_port}")
    r = subprocess.run(kit_cmd(kit, "pair", code), capture_output=True, text=True, env=ENV, timeout=60)
    assert r.returncode == 0, r.stderr


def check_station(station: Station, expected: dict[str, list]) -> None:
    """Exactly once, hash-identical: one package per case, its files' hashes those the kit had; every
    document on the station's disk hashes to its name."""
    db = station.db()
    try:
        rows = db.execute("SELECT package_id, case_data FROM packages").fetchall()
        by_request: dict[str, str] = {}
        for pid, case_json in rows:
            rid = json.loads(case_json)["request"]["id"]
            assert rid not in by_request, "a case arrived twice"
            by_request[rid] = pid
        assert set(by_request) == set(expected)
        for rid, pid in by_request.items():
            files = db.execute(
                "SELECT kind, sha256, in_archive FROM package_files WHERE package_id = ?", (pid,)
            ).fetchall()
            assert sorted((k, s) for k, s, _a in files) == expected[rid]
            for kind, sha, in_archive in files:
                if not in_archive:
                    path = station.data / "documents" / sha[:2] / sha
                    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
                else:
                    assert kind == "recording"
    finally:
        db.close()


def kit_status(kit: Path) -> dict:
    r = subprocess.run(kit_cmd(kit, "status", "--json"), capture_output=True, text=True, env=ENV, timeout=60)
    return json.loads(r.stdout)


def test_200_cases_and_ten_recordings_through_a_faulty_link(work, monkeypatch, station):
    kit, expected = make_kit(work, monkeypatch, 200, {i: 50 * MiB for i in range(5, 200, 20)})
    keys = station.data / "keys"
    proxy = FaultProxy(
        station.port,
        keys / "tls.crt",
        keys / "tls.key",
        seed=4,
        p_status=0.15,
        p_cut=0.1,
        p_reset=0.1,
        p_delay=0.1,
        life_range=(2 * MiB, 80 * MiB),
    )
    try:
        proxy.enabled = False
        pair_kit(kit, station.pair_code(), proxy.port)
        proxy.enabled = True
        t0 = time.monotonic()
        r = subprocess.run(
            kit_cmd(kit, "now", "--json", "--wait", "240"),
            capture_output=True,
            text=True,
            env=ENV,
            timeout=300,
        )
        took = time.monotonic() - t0
        out = json.loads(r.stdout)
        assert r.returncode == 0, (out, r.stderr[-2000:])
        assert out["sealed"] == 200 and len(set(out["delivered"])) == 200 and out["pending"] == 0
        assert proxy.faults["cut"] >= 3 and sum(proxy.faults.values()) >= 6, proxy.faults  # a bad link
        print(
            f"200 cases + 10×50 MB through the faulty proxy: {took:.1f} s, {out['runs']} runs, faults {dict(proxy.faults)}"
        )
    finally:
        proxy.close()
    check_station(station, expected)
    assert kit_status(kit)["counts"] == {"delivered": 200}


def _station_offsets(kit: Path) -> dict[str, int]:
    """The station's offset of every started upload of the kit (HEAD, signed with the kit's key)."""
    from mobile_case.storage.models import OutboxFileRow, OutboxPackageRow
    from mobile_case.storage.store import open_store
    from mobile_case.sync.keys import load_kit_key
    from mobile_case.sync.outbox import load_pairing
    from mobile_case.sync.transport import StationClient

    store = open_store(kit)
    try:
        pr = load_pairing(store)
        with store.reader() as s:
            files = [
                (f.upload_url, f.enc_size)
                for f, state in s.query(OutboxFileRow, OutboxPackageRow.state).join(
                    OutboxPackageRow, OutboxPackageRow.id == OutboxFileRow.package_id
                )
                if f.upload_url and state != "delivered"
            ]
        with StationClient(
            pr.url, pr.cert_sha256, kit_id=pr.kit_id, kit_key=load_kit_key(kit, pr.kit_id)
        ) as c:
            return {url: (c.tus_offset(url) or 0, size) for url, size in files}
    finally:
        store.close()


def _wait_for(pred, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"kit ended early: {proc.stdout.read() if proc.stdout else ''}")
        time.sleep(0.05)
    raise AssertionError("condition not reached")


def _uploaded(station: Station) -> int:
    db = station.db()
    try:
        return db.execute('SELECT coalesce(sum("offset"), 0) FROM uploads').fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def test_kit_killed_and_station_restarted_mid_upload(work, monkeypatch, station):
    chunk = 1 * MiB
    kit, expected = make_kit(work, monkeypatch, 12, {3: 50 * MiB, 8: 50 * MiB}, chunk=chunk)
    keys = station.data / "keys"
    # a shaped link (≈ 240 Mbit/s) so that "mid-upload" lasts long enough to be hit
    proxy = FaultProxy(station.port, keys / "tls.crt", keys / "tls.key", seed=7, rate_bps=30 * MiB)
    try:
        pair_kit(kit, station.pair_code(), proxy.port)
        # 1. SIGKILL the kit in the middle of the first recording
        p1 = subprocess.Popen(
            kit_cmd(kit, "now", "--json", "--wait", "60"), stdout=subprocess.PIPE, text=True, env=ENV
        )
        _wait_for(lambda: _uploaded(station) > 20 * MiB, 90, p1)
        p1.send_signal(signal.SIGKILL)
        p1.wait(10)
        offsets = _station_offsets(kit)
        remaining = sum(size - off for off, size in offsets.values())
        assert any(0 < off < size for off, size in offsets.values()), offsets  # really cut mid-file
        # 2. restart the kit; kill and restart the station while the kit is uploading
        before = proxy.bytes_up
        p2 = subprocess.Popen(
            kit_cmd(kit, "now", "--json", "--wait", "120"), stdout=subprocess.PIPE, text=True, env=ENV
        )
        mark = _uploaded(station)
        _wait_for(lambda: _uploaded(station) > mark + 15 * MiB, 90, p2)
        station.kill()
        time.sleep(1.0)
        station.start()
        out_text, _ = p2.communicate(timeout=240)
        out = json.loads(out_text)
        assert p2.returncode == 0, out
        assert out["pending"] == 0
    finally:
        proxy.close()
    check_station(station, expected)
    # resumed from the station's offset: what the restarted kit sent beyond what was missing is at most
    # one chunk per cut (one cut: the station restart)
    all_files = sum(size for _off, size in offsets.values())
    not_started = _total_enc(kit, set(out["delivered"])) - all_files  # delivered by the restarted kit
    resent = out["body_bytes"] - (remaining + not_started)
    print(
        f"after SIGKILL: remaining {remaining} B; restarted kit sent {out['body_bytes']} B; re-sent {resent} B;"
        f" proxy saw {proxy.bytes_up - before} B"
    )
    assert resent <= chunk, resent


def _total_enc(kit: Path, ids: set[str]) -> int:
    """Bytes of the files of the packages ``ids``."""
    from mobile_case.storage.models import OutboxFileRow
    from mobile_case.storage.store import open_store

    store = open_store(kit)
    try:
        with store.reader() as s:
            return sum(f.enc_size for f in s.query(OutboxFileRow).all() if f.package_id in ids)
    finally:
        store.close()


def test_refusals_by_the_real_station(tmp_path, monkeypatch, station):
    """A wrong certificate fingerprint, a tampered package (set aside, the others delivered), a revoked kit."""
    from mobile_case.storage.models import OutboxFileRow
    from mobile_case.storage.store import open_store
    from mobile_case.sync.sealing import outbox_root, seal_pending

    kit, _expected = make_kit(tmp_path, monkeypatch, 3, {})
    code = station.pair_code()
    fp = code.split("-")[2]
    wrong = code.replace(fp, "0" * 16)
    r = subprocess.run(kit_cmd(kit, "pair", wrong), capture_output=True, text=True, env=ENV, timeout=60)
    assert r.returncode == 1 and "Сертифікат станції не відповідає коду" in r.stderr
    pair_kit(kit, code)
    # tamper with one sealed package on the kit's disk (same size, one byte flipped)
    store = open_store(kit)
    try:
        seal_pending(store)
        with store.reader() as s:
            f = s.query(OutboxFileRow).filter(OutboxFileRow.file_id != "manifest").first()
        path = outbox_root(store) / f.spool
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        tampered = f.package_id
    finally:
        store.close()
    r = subprocess.run(kit_cmd(kit, "now", "--json"), capture_output=True, text=True, env=ENV, timeout=120)
    out = json.loads(r.stdout)
    assert out["set_aside"] == [tampered] and len(out["delivered"]) == 2
    st = kit_status(kit)
    item = next(i for i in st["queue"] if i["package_id"] == tampered)
    assert item["state"] == "set_aside" and "відхилила" in item["error"]
    # the head revokes the kit: it is refused and says so
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mobile_case",
            "station",
            "revoke",
            st["kit_id"],
            "--data-dir",
            str(station.data),
        ],
        check=True,
        env=ENV,
        capture_output=True,
        timeout=60,
    )
    store = open_store(kit)
    try:
        make_cases(store, 1, seed=9)
    finally:
        store.close()
    r = subprocess.run(kit_cmd(kit, "now", "--json"), capture_output=True, text=True, env=ENV, timeout=120)
    out = json.loads(r.stdout)
    assert r.returncode == 1 and out["error_code"] == "kit_revoked" and "відкликано" in out["error"]
    assert kit_status(kit)["revoked"]
