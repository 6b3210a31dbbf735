"""The database key: a random 256-bit key held in the OS keyring, or in an owner-only key file.

The key is generated once per data folder (``secrets.token_bytes(32)``) and used raw by SQLCipher
(``PRAGMA key = "x'…'"``), so opening the store costs no key derivation. Where it lives:

1. the OS keyring (Windows Credential Manager in production; Secret Service / KWallet / macOS
   Keychain elsewhere), service ``mobile-case``, account ``db-key:<absolute data folder>``;
2. where no keyring backend exists (``NoKeyringError``, the *fail* or *null* backend, or a backend that
   does not keep what is written), a key file ``db.key`` in the data folder, written with mode 0600.
   On Windows the mode bits are not enforced: the file is protected by the ACL of the user's profile
   folder, where the data folder lives by default. The status says so, and the UI shows it.

A key is only ever *created* for a data folder that has no database yet: if the database exists and its
key is nowhere to be found, that is an error, never a reason to start a new empty store.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mobile_case.storage.durable import fsync_dir
from mobile_case.storage.errors import StoreError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "mobile-case"
KEY_FILE_NAME = "db.key"
KEY_BYTES = 32

FILE_FALLBACK_MESSAGE = "Сховище ключів ОС недоступне — ключ збережено у файлі з доступом лише для власника"


@dataclass(frozen=True)
class KeyStatus:
    """Where the key of this store is kept — shown on the settings screen."""

    location: str  # "keyring" | "keyring-file" | "file" | "provided"
    backend: str  # keyring backend class, the key file path, or the provider name
    message: str  # Ukrainian; "" when the key is in the OS keyring

    @property
    def degraded(self) -> bool:
        """True when no real OS keyring protects the key (the UI shows ``message``)."""
        return self.location in ("file", "keyring-file")


@dataclass(frozen=True)
class StoreKey:
    key: bytes
    status: KeyStatus

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES:
            raise ValueError("the store key must be 32 bytes")

    @property
    def hex(self) -> str:
        return self.key.hex()


class KeyProvider(Protocol):
    """Finds (or, for a new store, creates) the key of the store in ``data_dir``."""

    def get_key(self, data_dir: Path, *, create: bool) -> StoreKey: ...


def keyring_account(data_dir: Path) -> str:
    return f"db-key:{Path(data_dir).resolve()}"


class StaticKeyProvider:
    """A key given by the caller (tests, tools that already hold the key)."""

    def __init__(self, key: bytes) -> None:
        self._key = StoreKey(key, KeyStatus("provided", "static", ""))

    def get_key(self, data_dir: Path, *, create: bool) -> StoreKey:
        return self._key


class FileKeyProvider:
    """The key in ``data_dir/db.key`` (owner-only); used directly or as the keyring fallback."""

    def __init__(self, message: str = FILE_FALLBACK_MESSAGE) -> None:
        self._message = message

    def path(self, data_dir: Path) -> Path:
        return Path(data_dir) / KEY_FILE_NAME

    def read(self, data_dir: Path) -> bytes | None:
        path = self.path(data_dir)
        if not path.exists():
            return None
        if sys.platform != "win32" and path.stat().st_mode & 0o077:
            log.warning("key file readable by others: restricting it to the owner")
            os.chmod(path, 0o600)
        try:
            text = path.read_text(encoding="ascii").strip()
            key = bytes.fromhex(text)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise StoreError(
                f"key file unreadable: {type(exc).__name__}",
                f"Файл ключа шифрування «{path}» пошкоджений або недоступний. "
                "Відновіть його з резервної копії.",
            ) from exc
        if len(key) != KEY_BYTES:
            raise StoreError(
                "key file has a wrong length",
                f"Файл ключа шифрування «{path}» пошкоджений. Відновіть його з резервної копії.",
            )
        return key

    def write(self, data_dir: Path, key: bytes) -> Path:
        path = self.path(data_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, 0o600)
        try:
            os.write(fd, key.hex().encode("ascii") + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        if sys.platform != "win32":
            os.chmod(tmp, 0o600)  # the umask cannot widen it, but be explicit
        os.replace(tmp, path)
        fsync_dir(path.parent, best_effort=True)
        return path

    def status(self, data_dir: Path) -> KeyStatus:
        return KeyStatus("file", str(self.path(data_dir)), self._message)

    def get_key(self, data_dir: Path, *, create: bool) -> StoreKey:
        key = self.read(data_dir)
        if key is None:
            if not create:
                raise _missing_key_error()
            key = secrets.token_bytes(KEY_BYTES)
            self.write(data_dir, key)
        return StoreKey(key, self.status(data_dir))


class KeyringKeyProvider:
    """The default: the OS keyring, with the owner-only key file where no keyring exists."""

    def __init__(self) -> None:
        self._file = FileKeyProvider()

    @staticmethod
    def _backend():
        import keyring

        return keyring.get_keyring()

    @staticmethod
    def _unusable(backend) -> bool:
        from keyring.backends import fail, null

        return isinstance(backend, (fail.Keyring, null.Keyring))

    @staticmethod
    def _keyring_status(backend, backend_name: str) -> KeyStatus:  # noqa: ANN001
        """keyrings.alt's plaintext file backend is a keyring only by name: say it is a file."""
        if type(backend).__module__.startswith("keyrings.alt.file") and "Plaintext" in type(backend).__name__:
            return KeyStatus("keyring-file", backend_name, FILE_FALLBACK_MESSAGE)
        return KeyStatus("keyring", backend_name, "")

    def get_key(self, data_dir: Path, *, create: bool) -> StoreKey:
        import keyring
        from keyring.errors import KeyringError

        account = keyring_account(data_dir)
        backend = self._backend()
        backend_name = f"{type(backend).__module__}.{type(backend).__qualname__}"
        usable = not self._unusable(backend)
        stored: str | None = None
        if usable:
            try:
                stored = keyring.get_password(KEYRING_SERVICE, account)
            except KeyringError as exc:  # includes NoKeyringError
                log.warning("keyring backend %s unusable: %s", backend_name, type(exc).__name__)
                usable = False
        if stored:
            try:
                key = bytes.fromhex(stored)
            except ValueError:
                key = b""
            if len(key) != KEY_BYTES:
                raise StoreError(
                    "keyring entry has a wrong format",
                    "Ключ шифрування у сховищі ключів ОС пошкоджений. Зверніться до ІТ-фахівця ЦНАП.",
                )
            return StoreKey(key, self._keyring_status(backend, backend_name))
        # Not in the keyring: a key file written earlier (e.g. when no keyring existed) still counts.
        from_file = self._file.read(data_dir)
        if from_file is not None:
            return StoreKey(from_file, self._file.status(data_dir))
        if not create:
            raise _missing_key_error()
        key = secrets.token_bytes(KEY_BYTES)
        if usable:
            try:
                keyring.set_password(KEYRING_SERVICE, account, key.hex())
                if keyring.get_password(KEYRING_SERVICE, account) == key.hex():
                    return StoreKey(key, self._keyring_status(backend, backend_name))
                log.warning("keyring backend %s did not keep the key", backend_name)
            except KeyringError as exc:
                log.warning("keyring backend %s refused the key: %s", backend_name, type(exc).__name__)
        self._file.write(data_dir, key)
        log.warning("no OS keyring: the store key is in an owner-only key file")
        return StoreKey(key, self._file.status(data_dir))


def _missing_key_error() -> StoreError:
    return StoreError(
        "store key not found for an existing database",
        "Ключ шифрування бази даних не знайдено (ні у сховищі ключів ОС, ні у файлі ключа). "
        "Без нього дані відкрити неможливо. Відновіть файл ключа з резервної копії "
        "або зверніться до ІТ-фахівця ЦНАП.",
    )
