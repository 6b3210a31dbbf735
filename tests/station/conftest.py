"""Fixtures of the station's tests: a station served over HTTPS on a free loopback port (in a thread, or as
a real ``mobile-case station`` process stopped by its PID), a test kit, and a real PostgreSQL server."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher

from mobile_case.station.config import StationConfig
from mobile_case.station.core import Station
from mobile_case.storage import pins

from .kitsim import TestKit

ROOT = Path(__file__).resolve().parents[2]
HEAD_PIN = "482913"
ADMIN_PIN = "5827"


def pinned_context(cert: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def _cheap_pins() -> Iterator[None]:
    previous = pins.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    pins.use_hasher(previous)


class ServedStation:
    """A :class:`Station` behind uvicorn (HTTPS) in a background thread of the test process."""

    def __init__(self, config: StationConfig) -> None:
        import uvicorn

        from mobile_case.station.app import create_app

        self.station = Station(config)
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(
                create_app(self.station),
                host="127.0.0.1",
                port=self.port,
                ssl_keyfile=str(self.station.identity.key_path),
                ssl_certfile=str(self.station.identity.cert_path),
                log_level="warning",
                timeout_graceful_shutdown=2,
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the station did not start")
            time.sleep(0.02)

    @property
    def cert_path(self) -> Path:
        return self.station.identity.cert_path

    def kit(self, tmp: Path, name: str = "Кейс №1", paired: bool = True) -> TestKit:
        kit = TestKit(self.url, self.cert_path, tmp / f"kit-{name}-{time.monotonic_ns()}", name)
        if paired:
            code = self.station.new_pair_code("127.0.0.1", self.port)
            resp = kit.pair(code.secret, self.station.identity.cert_sha256)
            assert resp.status_code == 200, resp.text
        return kit

    def ssl_context(self) -> ssl.SSLContext:
        return pinned_context(self.cert_path)

    def office(self, login: str, pin: str) -> httpx.Client:
        client = httpx.Client(base_url=self.url, verify=self.ssl_context(), timeout=30)
        resp = client.post("/api/v1/office/login", json={"login": login, "pin": pin})
        assert resp.status_code == 200, resp.text
        client.headers["Authorization"] = f"Bearer {resp.json()['token']}"
        return client

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.station.close()


def make_config(data_dir: Path, **kw) -> StationConfig:  # noqa: ANN003
    kw.setdefault("housekeeping_hours", 0)
    kw.setdefault("disk_reserve", 0)
    return StationConfig(data_dir=data_dir, hosts=["127.0.0.1"], **kw)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedStation]:
    s = ServedStation(make_config(tmp_path / "station"))
    s.station.add_account("head", "Керівник Центру", "head", HEAD_PIN)
    s.station.add_account("admin", "Адміністратор", "administrator", ADMIN_PIN)
    yield s
    s.stop()


@pytest.fixture
def kit(served: ServedStation, tmp_path: Path) -> Iterator[TestKit]:
    k = served.kit(tmp_path)
    yield k
    k.close()


# --- the station as a real process ---------------------------------------------------------------------
class StationProcess:
    def __init__(self, data_dir: Path, port: int, db_url: str | None = None) -> None:
        self.data_dir, self.port, self.db_url = data_dir, port, db_url
        self.url = f"https://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    @property
    def cert_path(self) -> Path:
        return self.data_dir / "keys" / "tls.crt"

    def start(self) -> None:
        cmd = [sys.executable, "-m", "mobile_case", "station", "--data-dir", str(self.data_dir),
               "--host", "127.0.0.1", "--port", str(self.port)]
        if self.db_url:
            cmd += ["--db", self.db_url]
        env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"station exited: {self.proc.stdout.read() if self.proc.stdout else ''}")
            if self.cert_path.exists():
                try:
                    r = httpx.get(self.url + "/api/v1/health", verify=pinned_context(self.cert_path), timeout=2)
                    if r.status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
            time.sleep(0.1)
        raise RuntimeError("the station process did not answer")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None


@pytest.fixture
def station_process(tmp_path: Path) -> Iterator[StationProcess]:
    p = StationProcess(tmp_path / "station-proc", free_port())
    yield p
    p.stop()


# --- PostgreSQL -----------------------------------------------------------------------------------------
def _pg_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "postgres").exists():
            return candidate
    found = shutil.which("initdb")
    if found and shutil.which("postgres"):
        return Path(found).resolve().parent
    return None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A private PostgreSQL server for the session (skipped with a reason when the binaries are missing)."""
    if _pg_bin() is None:
        message = "PostgreSQL server binaries (Debian package postgresql) are not installed"
        if os.environ.get("CI"):  # scripts/setup.sh installs it: on CI a missing server is a failure, not a skip
            pytest.fail(message + " — scripts/setup.sh should have installed them")
        pytest.skip(message)
    with running_postgres() as url:
        yield url


@contextlib.contextmanager
def running_postgres() -> Iterator[str]:
    """initdb + postgres as a non-root user on a free port and a private socket directory; stopped by its
    PID on exit. Yields the SQLAlchemy URL of the ``postgres`` database."""
    bindir = _pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries (Debian package postgresql) are not installed")
    # its own folder under the system temp dir: pytest's base temp folder is private to this user (0700),
    # which the postgres account could not enter
    import pwd  # POSIX only, like the server started here

    root = Path(tempfile.mkdtemp(prefix="mobile-case-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    preexec = None
    user = pwd.getpwuid(os.getuid()).pw_name
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use the postgres (or nobody) account
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            account = pwd.getpwnam("nobody")
        user = account.pw_name
        for path in (root, sockets):
            os.chown(path, account.pw_uid, account.pw_gid)
        os.chmod(root, 0o755)

        def preexec() -> None:
            os.setgid(account.pw_gid)
            os.setgroups([])
            os.setuid(account.pw_uid)

    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    done = subprocess.run(
        [str(bindir / "initdb"), "-D", str(data), "-U", user, "-A", "trust", "-E", "UTF8", "--no-sync"],
        capture_output=True, preexec_fn=preexec, env=env, cwd=root,
    )
    if done.returncode != 0:
        raise RuntimeError(f"initdb failed: {done.stderr.decode(errors='replace')}")
    port = free_port()
    log = open(root / "postgres.log", "wb")  # noqa: SIM115 — closed below
    proc = subprocess.Popen(
        [str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(sockets), "-h", "127.0.0.1",
         "-c", "fsync=off", "-c", "max_connections=50"],
        stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec, env=env, cwd=root,
    )
    url = f"postgresql+psycopg://{user}@127.0.0.1:{port}/postgres"
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(f"host=127.0.0.1 port={port} user={user} dbname=postgres", connect_timeout=2).close()
            break
        except psycopg.OperationalError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                raise RuntimeError((root / "postgres.log").read_text(errors="replace")) from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        os.kill(proc.pid, signal.SIGINT)  # fast shutdown
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        shutil.rmtree(root, ignore_errors=True)
