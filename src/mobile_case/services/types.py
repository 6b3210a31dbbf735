"""Small value types of the service API that are not domain entities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class JournalKind(StrEnum):
    SERVICES = "services"  # Додаток 3
    HANDOVER = "handover"  # Додаток 1
    ACTS = "acts"


@dataclass(frozen=True)
class JournalFilter:
    """Filter of the journals (F7). Empty strings mean "any"."""

    day_from: date | None = None
    day_to: date | None = None
    settlement_code: str = ""
    administrator_id: str = ""
    outcome: str = ""  # a CaseState value (services journal) or an ActReason value (acts)
    text: str = ""


@dataclass(frozen=True)
class StoredFile:
    """A file kept in the blob store; read its bytes with ``store.blobs.read(sha256)``."""

    id: str
    sha256: str
    name: str
    mime: str
    size: int
    kind: str = ""  # application_pdf | act_pdf | …
    entity_kind: str = ""
    entity_id: str = ""


class DeadlineKind(StrEnum):
    HANDOVER = "handover"  # documents to the service provider by the next working day (art. 13)
    RESULT = "result"  # the service's own term ends
    SCHEDULE = "schedule"  # a registered request whose preferred date is here and no visit is planned


@dataclass(frozen=True)
class DeadlineItem:
    request_id: str
    number: str
    subject_name: str
    due: date
    kind: DeadlineKind
