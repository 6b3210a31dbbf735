"""A private pcscd with the vpcd virtual readers, for the tests and the card benchmark.

pcsc-lite 1.9 keeps its socket at the fixed path /run/pcscd/pcscd.comm (the daemon has no option for
it), so a second pcscd on the machine would clash with the first. When this process may create a mount
namespace (root, or a CI container with CAP_SYS_ADMIN), pcscd is started inside its own one with a
private folder bound over /run/pcscd, and the client library is pointed at that folder's socket with
``PCSCLITE_CSOCK_NAME`` (libpcsclite reads it once, at its first call — so ``prepare_private_socket``
must run before anything in the process talks to PC/SC). Its vpcd readers listen on a free pair of
loopback ports instead of the default 35963/35964. Several test runs on one machine then never see each
other's readers or cards.

Without namespaces the machine-wide socket is used: a file lock makes test runs take turns, pcscd is
started only when none runs, and the vpcd readers are on the default ports.

Everything started here is stopped by its own PID.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no pcscd there either
    fcntl = None  # type: ignore[assignment]

VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
DEFAULT_VPCD_PORT = 35963
READER_0 = "Virtual PCD 00 00"
READER_1 = "Virtual PCD 00 01"
PORT_ENV = "MOBILE_CASE_VPCD_PORT"  # vpcd_card.VirtualCard's default port follows it
SOCKET_ENV = "PCSCLITE_CSOCK_NAME"
_RUN_DIR = Path("/run/pcscd")


def missing_reason() -> str:
    """Why the real PC/SC stack cannot be started here ("" when it can)."""
    try:
        import smartcard  # noqa: F401, PLC0415
    except ImportError:
        return "pyscard is not installed (pip install pyscard; apt libpcsclite-dev)"
    if fcntl is None or shutil.which("pcscd") is None or not VPCD_CONF.exists():
        return "pcscd or vsmartcard-vpcd is not installed (apt pcscd vsmartcard-vpcd)"
    return ""


def _namespaces_usable() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None or os.name != "posix":
        return False
    if not _RUN_DIR.is_dir():
        try:
            _RUN_DIR.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
    probe_dir = tempfile.mkdtemp(prefix="mobile-case-pcscd-probe-")
    try:
        done = subprocess.run(
            ["unshare", "-m", "--propagation", "private", "mount", "--bind", probe_dir, str(_RUN_DIR)],
            capture_output=True,
            timeout=10,
        )
        return done.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        shutil.rmtree(probe_dir, ignore_errors=True)


_PRIVATE_DIR: Path | None = None


def prepare_private_socket() -> Path | None:
    """Point this process's PC/SC client at a private pcscd socket, when namespaces allow it.

    Call before the first PC/SC call of the process. Returns the private folder (None: machine-wide)."""
    global _PRIVATE_DIR
    if _PRIVATE_DIR is not None:
        return _PRIVATE_DIR
    if os.environ.get(SOCKET_ENV) or missing_reason() or not _namespaces_usable():
        return None
    _PRIVATE_DIR = Path(tempfile.mkdtemp(prefix="mobile-case-pcscd-"))
    atexit.register(shutil.rmtree, _PRIVATE_DIR, True)  # pcscd is stopped by then (session teardown)
    os.environ[SOCKET_ENV] = str(_PRIVATE_DIR / "pcscd.comm")
    return _PRIVATE_DIR


def _die_with_parent() -> None:
    """In the child before exec: pcscd gets SIGTERM if the test process dies without stopping it."""
    try:
        import ctypes  # noqa: PLC0415
        import signal  # noqa: PLC0415

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as a:
            a.bind(("127.0.0.1", 0))
            port = a.getsockname()[1]
        if port >= 65535:
            continue
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no free pair of loopback ports for the vpcd readers")


@dataclass
class PcscService:
    """A running pcscd with vpcd readers (or the machine's, in shared mode)."""

    port: int
    private: bool
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    _lock: object | None = field(default=None, repr=False)
    _log: object | None = field(default=None, repr=False)

    @property
    def reader(self) -> str:
        return READER_0

    def log_text(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        if self._log is not None:
            self._log.close()  # type: ignore[attr-defined]
            self._log = None
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()  # type: ignore[attr-defined]
            self._lock = None
        if os.environ.get(PORT_ENV) == str(self.port):
            del os.environ[PORT_ENV]


def _service_up() -> bool:
    from smartcard import scard  # noqa: PLC0415

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return False
    scard.SCardReleaseContext(context)
    return True


def _vpcd_readers() -> list[str]:
    from smartcard import scard  # noqa: PLC0415

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return []
    try:
        hresult, readers = scard.SCardListReaders(context, [])
        if hresult != scard.SCARD_S_SUCCESS:
            return []
        return [r for r in readers if r.startswith("Virtual PCD")]
    finally:
        scard.SCardReleaseContext(context)


def start(workdir: Path, *, apdu_log: bool = True, lock_timeout: float = 300.0) -> PcscService:
    """Start pcscd (private when possible) and wait for its vpcd readers. Raises RuntimeError."""
    reason = missing_reason()
    if reason:
        raise RuntimeError(reason)
    workdir.mkdir(parents=True, exist_ok=True)
    conf = workdir / "reader.conf.d"
    conf.mkdir(exist_ok=True)
    log_path = workdir / "pcscd.log"
    flags = ["-f", "-i", "-a"] if apdu_log else ["-f"]
    private_dir = prepare_private_socket()
    if private_dir is not None:
        port = _free_port_pair()
        text = VPCD_CONF.read_text()
        text = "\n".join(
            f"DEVICENAME   /dev/null:0x{port:X}" if line.startswith("DEVICENAME") else line
            for line in text.splitlines()
        )
        (conf / "vpcd").write_text(text + "\n")
        for stale in ("pcscd.comm", "pcscd.pid"):
            (private_dir / stale).unlink(missing_ok=True)
        log = open(log_path, "wb")  # noqa: SIM115 — closed by stop()
        script = 'mount --bind "$1" /run/pcscd && shift && exec "$@"'
        process = subprocess.Popen(
            ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(private_dir),
             "pcscd", *flags, "-c", str(conf)],
            stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
        )  # fmt: skip
        service = PcscService(port, True, process, log_path, None, log)
    else:
        lock = open(Path(tempfile.gettempdir()) / "mobile-case-pcsc-tests.lock", "w")  # noqa: SIM115
        deadline = time.monotonic() + lock_timeout
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    lock.close()
                    raise RuntimeError("another test run kept the PC/SC readers for too long") from None
                time.sleep(0.2)
        service = PcscService(DEFAULT_VPCD_PORT, False, None, log_path, lock, None)
        if not _service_up():
            shutil.copy(VPCD_CONF, conf / "vpcd")
            log = open(log_path, "wb")  # noqa: SIM115 — closed by stop()
            service._log = log
            service.process = subprocess.Popen(
                ["pcscd", *flags, "-c", str(conf)],
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
    os.environ[PORT_ENV] = str(service.port)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if service.process is not None and service.process.poll() is not None:
            text = service.log_text()
            service.stop()
            raise RuntimeError(f"pcscd exited at start: {text[-500:]}")
        if len(_vpcd_readers()) >= 1:
            return service
        time.sleep(0.05)
    service.stop()
    raise RuntimeError("pcscd runs without the vpcd readers")
