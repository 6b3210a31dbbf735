"""Real-component fixtures for the device tests: SANE's ``test`` backend (here) and pcscd with vpcd readers
(the plugin emrtd_card/pytest_plugin.py, shared with tests/ui).

Both are private to the tests that ask for them and are undone afterwards: the SANE test backend is
switched off again; pcscd runs once per session in its own mount namespace on a private socket with its
vpcd readers on free ports — or, where namespaces are not allowed, on the machine's socket with a lock,
started only when none runs — and is stopped by its own PID, so no other test run sees these devices.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

SANE_TEST_CONF = Path("/etc/sane.d/test.conf")

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


# The pcscd fixtures (``pcsc_service``, ``pcscd``) are the plugin tests/devices/emrtd_card/pytest_plugin.py,
# registered from tests/conftest.py for every folder of the suite.
