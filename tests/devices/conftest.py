"""Real-component fixtures for the device tests: SANE's ``test`` backend and pcscd with vpcd readers.

Both are private to the tests that ask for them and are undone afterwards: the SANE test backend is
switched off again, and pcscd is started only when none is running and then stopped by its own PID — so no other test sees
these devices.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # Windows: no pcscd there either
    fcntl = None  # type: ignore[assignment]

sys.path.insert(0, str(Path(__file__).parent))

SANE_TEST_CONF = Path("/etc/sane.d/test.conf")
VPCD_CONF = Path("/etc/reader.conf.d/vpcd")

# libsane reads SANE_CONFIG_DIR once per process, at its first sane_init(), but re-reads dll.conf at every
# init. So the device tests point SANE at a private folder from the start (before anything initialises
# SANE) and switch the «test» backend on and off by rewriting that folder's dll.conf: with it off, no
# scanner at all is visible to any test of this session.
SANE_DIR = Path(tempfile.mkdtemp(prefix="mobile-case-sane-"))
(SANE_DIR / "dll.conf").write_text("")
if SANE_TEST_CONF.exists():
    shutil.copy(SANE_TEST_CONF, SANE_DIR / "test.conf")
os.environ["SANE_CONFIG_DIR"] = str(SANE_DIR)
atexit.register(shutil.rmtree, SANE_DIR, True)


def _sane_available() -> bool:
    try:
        import sane  # noqa: F401
    except ImportError:
        return False
    return SANE_TEST_CONF.exists()


@pytest.fixture
def sane_config() -> Iterator[Path]:
    """SANE with only its ``test`` backend (devices test:0 and test:1), for this test only."""
    if not _sane_available():
        pytest.skip(
            "python-sane or the SANE test backend is not installed (apt sane-utils libsane1 libsane-dev)"
        )
    (SANE_DIR / "dll.conf").write_text("test\n")
    try:
        yield SANE_DIR
    finally:
        (SANE_DIR / "dll.conf").write_text("")


@pytest.fixture
def sane_empty() -> Iterator[Path]:
    """SANE with no backend at all: no scanner can be found."""
    if not _sane_available():
        pytest.skip("python-sane is not installed")
    (SANE_DIR / "dll.conf").write_text("")
    yield SANE_DIR


def _pcsc_service_up() -> bool:
    from mobile_case.devices.cardreader import pcsc

    return pcsc.probe().message != pcsc._NO_SERVICE


def _wait_for_vpcd(timeout: float = 5.0) -> bool:
    from mobile_case.devices.cardreader.pcsc import probe

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(name.startswith("Virtual PCD") for name in probe().readers):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """pcscd with the vpcd readers; yields the first virtual reader's name («Virtual PCD 00 00»)."""
    pytest.importorskip(
        "smartcard", reason="pyscard is not installed (pip install pyscard; apt libpcsclite-dev)"
    )
    if fcntl is None or shutil.which("pcscd") is None or not VPCD_CONF.exists():
        pytest.skip("pcscd or vsmartcard-vpcd is not installed (apt pcscd vsmartcard-vpcd)")
    # pcscd and the vpcd readers are machine-wide: test runs on the same machine take turns
    lock = open(Path(tempfile.gettempdir()) / "mobile-case-pcsc-tests.lock", "w")  # noqa: SIM115
    deadline = time.monotonic() + 300
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                lock.close()
                pytest.skip("another test run kept the PC/SC readers for 5 minutes")
            time.sleep(0.2)
    process = None
    if not _pcsc_service_up():
        conf = tmp_path_factory.mktemp("reader.conf.d")
        shutil.copy(VPCD_CONF, conf / "vpcd")
        log = open(conf.parent / "pcscd.log", "wb")  # noqa: SIM115 — closed below
        process = subprocess.Popen(["pcscd", "-f", "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT)
    try:
        if not _wait_for_vpcd():
            pytest.skip("pcscd runs without the vpcd readers")
        yield "Virtual PCD 00 00"
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
