"""The kit's Ed25519 signing key: in the OS keyring (service ``mobile-case-sync``, name
``kit-key:<kit_id>``), or — where no keyring exists — in an owner-only key file in the data folder,
exactly as the store key falls back (:mod:`mobile_case.storage.keys`)."""

from __future__ import annotations

import logging
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mobile_case.storage.errors import StoreError
from mobile_case.storage.keys import FileKeyProvider, KeyringKeyProvider
from mobile_case.sync import protocol

log = logging.getLogger(__name__)

KEYRING_SERVICE = "mobile-case-sync"


def keyring_name(kit_id: str) -> str:
    return f"kit-key:{kit_id}"


class _KitKeyFile(FileKeyProvider):
    def __init__(self, kit_id: str) -> None:
        super().__init__()
        self._kit_id = kit_id

    def path(self, data_dir: Path) -> Path:
        return Path(data_dir) / f"sync-kit-{self._kit_id}.key"


def _keyring_usable() -> bool:
    return not KeyringKeyProvider._unusable(KeyringKeyProvider._backend())


def save_kit_key(data_dir: Path, kit_id: str, key: Ed25519PrivateKey) -> str:
    """Keep the key; returns where ("keyring" or "file")."""
    import keyring
    from keyring.errors import KeyringError

    raw = protocol.sign_key_raw(key).hex()
    if _keyring_usable():
        try:
            keyring.set_password(KEYRING_SERVICE, keyring_name(kit_id), raw)
            if keyring.get_password(KEYRING_SERVICE, keyring_name(kit_id)) == raw:
                return "keyring"
        except KeyringError as exc:
            log.warning("keyring refused the kit key: %s", type(exc).__name__)
    _KitKeyFile(kit_id).write(Path(data_dir), bytes.fromhex(raw))
    return "file"


def load_kit_key(data_dir: Path, kit_id: str) -> Ed25519PrivateKey:
    import keyring
    from keyring.errors import KeyringError

    if _keyring_usable():
        try:
            stored = keyring.get_password(KEYRING_SERVICE, keyring_name(kit_id))
        except KeyringError:
            stored = None
        if stored:
            return protocol.sign_key_from_raw(bytes.fromhex(stored))
    raw = _KitKeyFile(kit_id).read(Path(data_dir))
    if raw is None:
        raise StoreError(
            "kit signing key not found",
            "Ключ підпису кейса для синхронізації не знайдено. Повторіть сполучення зі станцією ЦНАП "
            "(Налаштування → Синхронізація).",
        )
    return protocol.sign_key_from_raw(raw)
