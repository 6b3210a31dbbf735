"""SQLAlchemy 2 tables of the store (schema at the head revision of ``migrations/``).

Design: every row's primary key is the domain UUID. The columns that are filtered, sorted or joined on
(state, dates, settlement, category, administrator, numbers) are real, indexed columns; the rest of an
entity's nested dataclasses (subject, representative, address, consents, each step of a visit …) is kept
in a JSON ``data`` column written by :mod:`mobile_case.storage.codec`. The indexed columns are derived
from the dataclass on every save by :mod:`mobile_case.storage.repo` — nothing else writes these tables.

Changing this file means writing a migration in ``migrations/versions/`` (and the migration test
compares the migrated schema with this one).
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(36)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class RequestRow(Base):
    __tablename__ = "requests"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True, nullable=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    registered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    settlement_code: Mapped[str] = mapped_column(String(64), default="", index=True)
    category_code: Mapped[str] = mapped_column(String(64), default="", index=True)
    preferred_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    subject_name: Mapped[str] = mapped_column(String(300), default="")
    subject_birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # revision 0002: case-folded number, name, РНОКПП, phone and address for the text filter
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    data: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_requests_state_created_at", "state", "created_at"),)


class OutingRow(Base):
    __tablename__ = "outings"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    model: Mapped[str] = mapped_column(String(20))
    settlement_code: Mapped[str] = mapped_column(String(64), default="", index=True)
    administrator_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    departure: Mapped[time | None] = mapped_column(Time, nullable=True)
    travel_minutes: Mapped[int] = mapped_column(Integer, default=0)
    vehicle: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class EscortRow(Base):
    __tablename__ = "escorts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    outing_id: Mapped[str] = mapped_column(ForeignKey("outings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    full_name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(200), default="")


class VisitRow(Base):
    __tablename__ = "visits"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    outing_id: Mapped[str] = mapped_column(ForeignKey("outings.id"), index=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), index=True)
    ord: Mapped[int] = mapped_column(Integer, default=0)
    planned_start: Mapped[time | None] = mapped_column(Time, nullable=True)
    planned_end: Mapped[time | None] = mapped_column(Time, nullable=True)
    call_outcome: Mapped[str | None] = mapped_column(String(32), nullable=True)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    registered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    case_number: Mapped[str] = mapped_column(String(64), default="")
    journal_number: Mapped[int | None] = mapped_column(Integer, unique=True, nullable=True)
    data: Mapped[str] = mapped_column(Text)


class ActRow(Base):
    __tablename__ = "acts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("requests.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"), nullable=True, index=True)
    reason: Mapped[str] = mapped_column(String(40), index=True)
    stage: Mapped[str] = mapped_column(String(40))
    drawn_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    administrator_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    data: Mapped[str] = mapped_column(Text)


class HandoverRow(Base):
    __tablename__ = "handover_entries"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    outing_id: Mapped[str | None] = mapped_column(ForeignKey("outings.id"), nullable=True, index=True)
    direction: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    data: Mapped[str] = mapped_column(Text)


class FileRow(Base):
    """Metadata of a stored file; the bytes are in the blob store under ``sha256``."""

    __tablename__ = "files"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(300))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))  # application_pdf | act_pdf | scan | recording …
    entity_kind: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)

    __table_args__ = (Index("ix_files_entity", "entity_kind", "entity_id"),)


class AuditRow(Base):
    """Append-only (SQLite triggers abort UPDATE and DELETE). Never holds personal data."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[str] = mapped_column(String(36), default="")
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity_kind: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")


class CounterRow(Base):
    """Human numbers: «МК-2026-0001», acts, journal № з/п."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class MaintenanceRow(Base):
    """Revision 0003: one maintenance session of the kit keeper (G 1.7); checklist items in ``data``."""

    __tablename__ = "maintenance_log"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    performed_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text)


class SyncPairingRow(Base):
    """Revision 0004: the station this kit is paired with (at most one row, id = 1)."""

    __tablename__ = "sync_pairing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kit_id: Mapped[str] = mapped_column(String(36))
    kit_name: Mapped[str] = mapped_column(String(200))
    station_id: Mapped[str] = mapped_column(String(64))
    station_name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(300))
    station_sign_pub: Mapped[str] = mapped_column(String(64))
    station_box_pub: Mapped[str] = mapped_column(String(64))
    cert_sha256: Mapped[str] = mapped_column(String(64))
    paired_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncSettingRow(Base):
    """Revision 0004: a sync setting (name → JSON value)."""

    __tablename__ = "sync_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OutboxPackageRow(Base):
    """Revision 0004: a sealed, immutable package of one case waiting for (or done with) delivery."""

    __tablename__ = "outbox_packages"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    request_id: Mapped[str] = mapped_column(ID, index=True)
    case_state: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str] = mapped_column(String(40), default="")
    last_error: Mapped[str] = mapped_column(Text, default="")
    sealed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    local_purged_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    bytes_total: Mapped[int] = mapped_column(Integer, default=0)
    bytes_sent: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    has_recording: Mapped[bool] = mapped_column(Boolean, default=False)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    wrapped_key: Mapped[str] = mapped_column(Text)
    envelope: Mapped[str] = mapped_column(Text, default="")
    receipt: Mapped[str] = mapped_column(Text, default="")


class OutboxFileRow(Base):
    """Revision 0004: one encrypted file of a package, with its tus upload URL and confirmed offset."""

    __tablename__ = "outbox_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("outbox_packages.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    source_file_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    spool: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    enc_size: Mapped[int] = mapped_column(Integer)
    enc_sha256: Mapped[str] = mapped_column(String(64))
    upload_url: Mapped[str] = mapped_column(String(500), default="")
    offset: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("package_id", "file_id"),)


AUDIT_TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
)
