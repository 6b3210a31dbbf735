"""A real, private CUPS server for the printing tests, with a CUPS-PDF queue.

``cupsd -f`` runs with its own configuration in a temporary folder and listens only on a Unix socket
in that folder (no TCP port, nothing shared with the system's CUPS). A CUPS-PDF queue is added with
``lpadmin``; ``CUPS_SERVER`` points every CUPS client in the process (Qt's print support too) at the
socket while the tests of one module run. The server is stopped by its own PID afterwards.

CUPS-PDF's output folder is not ours to choose: its backend reads ``Out`` from the fixed file
``/etc/cups/cups-pdf.conf`` (``${HOME}/PDF`` on Debian). The fixture reads that setting, expands it for
the user who submits the jobs, and finds each job's PDF by a unique token the test puts in the job
title; it deletes the PDFs it found when it stops.

Use: ``from cups_server import cups_server`` in a test module or conftest (tests/ on ``sys.path``), then
take ``cups_server`` as a fixture; mark the tests ``@pytest.mark.cups``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
CUPS_PDF_PPD_CANDIDATES = (
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"),
    Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"),
)
QUEUE = "MobileCaseTestPDF"

_CUPSD_CONF = """\
LogLevel warn
Listen {socket}
Browsing No
WebInterface No
DefaultAuthType None
MaxJobs 100
PreserveJobFiles No
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
"""

_CUPS_FILES_CONF = """\
ServerRoot {root}
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
"""


def cups_pdf_output_dir(user: str | None = None) -> Path:
    """Where the CUPS-PDF backend writes the jobs of ``user`` (``Out`` of /etc/cups/cups-pdf.conf)."""
    entry = pwd.getpwnam(user) if user else pwd.getpwuid(os.getuid())
    out = "/var/spool/cups-pdf/${USER}"  # the backend's built-in default
    if CUPS_PDF_CONF.is_file():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            match = re.match(r"^\s*Out\s+(\S.*?)\s*$", line)
            if match:
                out = match.group(1)
    out = out.replace("${HOME}", entry.pw_dir).replace("${USER}", entry.pw_name)
    return Path(out)


def _reset_libcups_server() -> None:
    """libcups caches the server name per thread on first use: make this thread read CUPS_SERVER again."""
    name = ctypes.util.find_library("cups")
    if not name:
        return
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return
    lib.cupsSetServer.argtypes = [ctypes.c_char_p]
    lib.cupsSetServer(None)


@dataclass
class CupsServer:
    root: Path
    socket: Path
    pid: int
    queue: str
    output_dir: Path
    _found: list[Path] = field(default_factory=list)

    @property
    def server(self) -> str:
        """The value for ``CUPS_SERVER``."""
        return str(self.socket)

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": self.server}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a CUPS command-line tool (lpstat, cupsdisable …) against this server."""
        return subprocess.run(args, env=self.env(), check=check, capture_output=True, text=True, timeout=30)

    def wait_for_pdf(self, token: str, timeout: float = 30.0) -> Path:
        """The PDF that CUPS-PDF wrote for the job whose title contains ``token`` (ASCII letters/digits)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.output_dir.is_dir():
                for path in self.output_dir.glob(f"*{token}*.pdf"):
                    size = path.stat().st_size
                    time.sleep(0.05)
                    if (
                        size > 0
                        and path.stat().st_size == size
                        and path.read_bytes().rstrip().endswith(b"%%EOF")
                    ):
                        self._found.append(path)
                        return path
            time.sleep(0.05)
        log = (
            (self.root / "log" / "error_log").read_text(errors="replace")
            if (self.root / "log").is_dir()
            else ""
        )
        raise AssertionError(
            f"CUPS-PDF wrote no PDF for {token!r} in {self.output_dir} within {timeout}s\n{log}"
        )

    def set_enabled(self, enabled: bool) -> None:
        self.run("cupsenable" if enabled else "cupsdisable", self.queue)

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            return

    def cleanup_outputs(self) -> None:
        for path in self._found:
            path.unlink(missing_ok=True)


def _start(root: Path) -> tuple[subprocess.Popen, CupsServer]:
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    lpadmin = shutil.which("lpadmin") or "/usr/sbin/lpadmin"
    ppd = next((p for p in CUPS_PDF_PPD_CANDIDATES if p.is_file()), None)
    if not Path(cupsd).exists() or not Path(lpadmin).exists():
        pytest.skip("CUPS is not installed (apt install cups)")
    if ppd is None or not Path("/usr/lib/cups/backend/cups-pdf").exists():
        pytest.skip("CUPS-PDF is not installed (apt install printer-driver-cups-pdf)")
    if os.geteuid() != 0:
        pytest.skip("the CUPS-PDF backend runs only under a cupsd started as root")
    for sub in ("spool/tmp", "cache", "state", "log", "ppd"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    # cupsd runs its filters as the unprivileged user lp: the folders must be reachable for it
    for path in [root, *root.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    socket = root / "cups.sock"
    (root / "cupsd.conf").write_text(_CUPSD_CONF.format(socket=socket), encoding="utf-8")
    (root / "cups-files.conf").write_text(_CUPS_FILES_CONF.format(root=root), encoding="utf-8")
    with open(root / "log" / "cupsd.out", "wb") as out:
        proc = subprocess.Popen(
            [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 10
    while not socket.exists():
        if proc.poll() is not None:
            raise RuntimeError(f"cupsd exited: {(root / 'log' / 'cupsd.out').read_text(errors='replace')}")
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("cupsd did not open its socket within 10 s")
        time.sleep(0.02)
    server = CupsServer(root=root, socket=socket, pid=proc.pid, queue=QUEUE, output_dir=cups_pdf_output_dir())
    server.run(lpadmin, "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(ppd))
    server.run(lpadmin, "-d", QUEUE)
    return proc, server


@pytest.fixture(scope="module")
def cups_server() -> Iterator[CupsServer]:
    """A private CUPS server with a CUPS-PDF queue for the tests of one module (about 50 ms to start);
    ``CUPS_SERVER`` points at it only while that module runs, so other tests still see the machine as is."""
    root = Path(tempfile.mkdtemp(prefix="mc-cups-"))
    proc, server = _start(root)
    previous = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = server.server
    _reset_libcups_server()
    try:
        yield server
    finally:
        if previous is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = previous
        _reset_libcups_server()
        server.stop()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        server.cleanup_outputs()
        shutil.rmtree(root, ignore_errors=True)
