"""The encrypted local store: SQLCipher database, migrations, blob store, audit log, keys."""

from mobile_case.storage.audit import AuditEntry, AuditLog
from mobile_case.storage.backup import backup
from mobile_case.storage.blobs import BlobStore
from mobile_case.storage.errors import BlobError, StoreError
from mobile_case.storage.keys import (
    FileKeyProvider,
    KeyProvider,
    KeyringKeyProvider,
    KeyStatus,
    StaticKeyProvider,
    StoreKey,
)
from mobile_case.storage.store import Store, open_store

__all__ = [
    "AuditEntry",
    "AuditLog",
    "BlobError",
    "BlobStore",
    "FileKeyProvider",
    "KeyProvider",
    "KeyStatus",
    "KeyringKeyProvider",
    "StaticKeyProvider",
    "Store",
    "StoreError",
    "StoreKey",
    "backup",
    "open_store",
]
