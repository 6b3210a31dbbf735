"""Fixtures shared by the sync UI tests (home queue, Settings → Sync, QR pairing, the app's life cycle):
the in-test station, the file key instead of the OS keyring, and no background sync outliving a test.
Imported by those test modules (``from test_sync_support import ...``); it holds no tests itself."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.mini_station import MiniStation  # noqa: E402

__all__ = ["_file_keys", "_no_sync_left_running", "station"]


@pytest.fixture
def station(tmp_path):
    s = MiniStation(tmp_path / "station")
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _file_keys(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture(autouse=True)
def _no_sync_left_running():
    """A background sync a test started (pairing in Settings starts one) is stopped with the test."""
    yield
    from mobile_case.services import sync as svc

    with svc._LOCK:
        left = list(svc._SCHEDULERS.items())
        svc._SCHEDULERS.clear()
    for _key, sched in left:
        sched.stop(2.0)
