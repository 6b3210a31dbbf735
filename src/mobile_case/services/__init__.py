"""The application services: the API the UI, the CLI and the tests call (docs/design/services-api.md)."""

from mobile_case.services.context import AppServices, UserSession, build_services
from mobile_case.services.types import DeadlineItem, DeadlineKind, JournalFilter, JournalKind, StoredFile

__all__ = [
    "AppServices",
    "DeadlineItem",
    "DeadlineKind",
    "JournalFilter",
    "JournalKind",
    "StoredFile",
    "UserSession",
    "build_services",
]
