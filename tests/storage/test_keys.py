"""Where the database key lives: the OS keyring, or an owner-only key file when there is none."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from mobile_case.storage import StoreError, open_store
from mobile_case.storage.keys import (
    FILE_FALLBACK_MESSAGE,
    KEY_FILE_NAME,
    KEYRING_SERVICE,
    FileKeyProvider,
    StaticKeyProvider,
    keyring_account,
)


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"])
def test_no_keyring_falls_back_to_an_owner_only_key_file(keyring_backend, tmp_path, backend):
    keyring_backend(backend)
    data = tmp_path / "data"
    store = open_store(data)
    try:
        status = store.key_status
        assert status.location == "file" and status.degraded
        assert status.message == FILE_FALLBACK_MESSAGE
        assert (
            status.message
            == "Сховище ключів ОС недоступне — ключ збережено у файлі з доступом лише для власника"
        )
        key_file = data / KEY_FILE_NAME
        assert status.backend == str(key_file)
        if sys.platform != "win32":
            assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
            assert stat.S_IMODE(data.stat().st_mode) == 0o700
        key = bytes.fromhex(key_file.read_text().strip())
        assert len(key) == 32
    finally:
        store.close()
    # reopened with the same key
    again = open_store(data)
    assert again.key_status.location == "file"
    again.close()


def test_keyring_file_backend_holds_the_key(keyring_backend, tmp_path):
    backend = keyring_backend("keyrings.alt.file.PlaintextKeyring")
    assert type(backend).__name__ == "PlaintextKeyring"
    data = tmp_path / "data"
    store = open_store(data)
    store.close()
    # a keyring by name, a plain file in fact: the status says so
    assert store.key_status.location == "keyring-file" and store.key_status.degraded
    assert store.key_status.message == FILE_FALLBACK_MESSAGE
    assert store.key_status.backend == "keyrings.alt.file.PlaintextKeyring"
    assert not (data / KEY_FILE_NAME).exists()
    import keyring

    stored = keyring.get_password(KEYRING_SERVICE, keyring_account(data))
    assert stored is not None and len(bytes.fromhex(stored)) == 32
    # the key opens the store again; a fresh folder gets a different key
    open_store(data).close()
    other = tmp_path / "other"
    open_store(other).close()
    assert keyring.get_password(KEYRING_SERVICE, keyring_account(other)) != stored


def test_a_real_keyring_backend_gives_no_warning(keyring_backend, tmp_path, monkeypatch):
    """A backend that keeps what it is given (in memory here, standing in for the Credential Manager)."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1
        store: dict = {}

        def get_password(self, service, username):  # noqa: ANN001, ANN201
            return self.store.get((service, username))

        def set_password(self, service, username, password):  # noqa: ANN001, ANN201
            self.store[(service, username)] = password

        def delete_password(self, service, username):  # noqa: ANN001, ANN201
            self.store.pop((service, username), None)

    keyring_backend("keyring.backends.fail.Keyring")
    keyring.set_keyring(MemoryKeyring())
    store = open_store(tmp_path / "data")
    store.close()
    assert store.key_status.location == "keyring" and store.key_status.message == ""
    assert not store.key_status.degraded
    assert not (tmp_path / "data" / KEY_FILE_NAME).exists()
    open_store(tmp_path / "data").close()


def test_key_file_made_without_keyring_is_still_used_when_a_keyring_appears(keyring_backend, tmp_path):
    keyring_backend("keyring.backends.fail.Keyring")
    data = tmp_path / "data"
    open_store(data).close()
    keyring_backend("keyrings.alt.file.PlaintextKeyring")
    store = open_store(data)
    store.close()
    assert store.key_status.location == "file"


def test_existing_database_without_its_key_is_an_error_not_a_new_store(keyring_backend, tmp_path):
    keyring_backend("keyring.backends.fail.Keyring")
    data = tmp_path / "data"
    open_store(data).close()
    db = data / "mobile-case.db"
    before = db.read_bytes()
    (data / KEY_FILE_NAME).unlink()
    with pytest.raises(StoreError) as exc:
        open_store(data)
    assert "Ключ шифрування бази даних не знайдено" in exc.value.user_message
    assert db.read_bytes() == before
    assert not (data / KEY_FILE_NAME).exists()  # no new key was made for the old database


@pytest.mark.parametrize("content", ["not hex at all\n", "abcd\n"])
def test_damaged_key_file(tmp_path, content):
    data = tmp_path / "data"
    data.mkdir()
    (data / KEY_FILE_NAME).write_text(content)
    with pytest.raises(StoreError) as exc:
        FileKeyProvider().get_key(data, create=False)
    assert "пошкоджений" in exc.value.user_message


def test_static_key_provider(tmp_path):
    provider = StaticKeyProvider(bytes(range(32)))
    store = open_store(tmp_path / "data", provider)
    store.close()
    assert store.key_status.location == "provided"
    with pytest.raises(ValueError):
        StaticKeyProvider(b"short")


def test_keyring_provider_in_a_fresh_process(tmp_path):
    """The environment variable alone decides the backend, as in `scripts/test.sh`."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    code = (
        "import sys; from pathlib import Path; from mobile_case.storage import open_store; "
        "s = open_store(Path(sys.argv[1])); print(s.key_status.location); s.close()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "d")], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "file"
