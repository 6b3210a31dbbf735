"""Fixtures of the storage tests: keyring backends switched through PYTHON_KEYRING_BACKEND."""

from __future__ import annotations

import keyring
import keyring.core
import pytest


@pytest.fixture
def keyring_backend(monkeypatch, tmp_path):
    """Call with a backend path ("keyring.backends.fail.Keyring", "keyrings.alt.file.PlaintextKeyring"):
    sets PYTHON_KEYRING_BACKEND (and a private XDG_DATA_HOME for file backends) and re-detects."""

    def use(path: str):
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", path)
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
        keyring.core.init_backend()
        return keyring.get_keyring()

    yield use
    monkeypatch.undo()
    keyring.core.init_backend()


@pytest.fixture(scope="session")
def profile():
    from mobile_case.profiles import default_profile

    return default_profile()
