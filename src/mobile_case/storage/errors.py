"""Errors of the store: a Ukrainian message for the user, an English one for the log."""

from __future__ import annotations

from mobile_case.domain.errors import DomainError


class StoreError(DomainError):
    """The encrypted store cannot be opened or used (wrong key, damaged file, disk problem)."""


class BlobError(StoreError):
    """A stored file is missing or damaged."""
