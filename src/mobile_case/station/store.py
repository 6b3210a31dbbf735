"""The station's database: SQLAlchemy Core tables, SQLite by default (WAL), PostgreSQL by URL
(``postgresql+psycopg://…``). The same code runs on both.

Schema management: ``metadata.create_all`` creates what is missing, and the ``station_meta`` row
``schema_version`` records the version; a database of a newer version is refused with a clear message
instead of being damaged by older code.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.pool import NullPool

SCHEMA_VERSION = 1
DB_FILE = "station.sqlite3"

metadata = MetaData()

station_meta = Table(
    "station_meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False)
)

kits = Table(
    "kits",
    metadata,
    Column("kit_id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("sign_pub", String(64), nullable=False),
    Column("state", String(16), nullable=False),  # active | revoked
    Column("app_version", String(64)),
    Column("paired_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("last_seen_at", DateTime(timezone=True)),
)

pair_codes = Table(
    "pair_codes",
    metadata,
    Column("code_id", String(8), primary_key=True),
    Column("secret", String(32), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False, default=0),
)

nonces = Table(
    "nonces",
    metadata,
    Column("kit_id", String(64), primary_key=True),
    Column("nonce", String(32), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False, index=True),
)

uploads = Table(
    "uploads",
    metadata,
    Column("upload_id", String(64), primary_key=True),
    Column("kit_id", String(64), nullable=False, index=True),
    Column("package_id", String(64), index=True),
    Column("file_id", String(128)),
    Column("enc_sha256", String(64)),
    Column("length", BigInteger, nullable=False),
    Column("offset", BigInteger, nullable=False, default=0),
    Column("metadata", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
    Column("completed_at", DateTime(timezone=True)),
)

packages = Table(
    "packages",
    metadata,
    Column("package_id", String(64), primary_key=True),
    Column("kit_id", String(64), ForeignKey("kits.kit_id"), nullable=False, index=True),
    Column("envelope_sha256", String(64), nullable=False),
    Column("manifest_sha256", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, index=True),
    Column("sealed_at", String(40)),
    Column("service_date", Date),
    Column("supersedes", String(64)),
    Column("case_data", JSON, nullable=False),
    Column("receipt", JSON, nullable=False),
)

package_files = Table(
    "package_files",
    metadata,
    Column("package_id", String(64), primary_key=True),
    Column("file_id", String(128), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("mime", String(128), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("in_archive", Boolean, nullable=False),
)

journal_lines = Table(
    "journal_lines",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("journal", String(16), nullable=False, index=True),  # services | acts | handover
    Column("kit_id", String(64), nullable=False),
    Column("package_id", String(64), nullable=False, index=True),
    Column("day", Date),
    Column("line_key", String(200), nullable=False, index=True),
    Column("line", JSON, nullable=False),
)

recordings = Table(
    "recordings",
    metadata,
    Column("recording_id", String(64), primary_key=True),
    Column("package_id", String(64), nullable=False, index=True),
    Column("file_id", String(128), nullable=False),
    Column("kit_id", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("mime", String(128), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("archive_sha256", String(64), nullable=False),
    Column("service_date", Date, nullable=False, index=True),
    Column("recorded_at", String(40)),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Column("destroyed_at", DateTime(timezone=True)),
)

recording_access = Table(
    "recording_access",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("recording_id", String(64), nullable=False, index=True),
    Column("login", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False),
)

retention_runs = Table(
    "retention_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ran_at", DateTime(timezone=True), nullable=False),
    Column("trigger", String(16), nullable=False),
    Column("destroyed", Integer, nullable=False),
    Column("proof", JSON, nullable=False),
    Column("sig", String(128), nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("login", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("pin_hash", Text, nullable=False),
    Column("failures", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("login", String(64), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

downloads = Table(
    "downloads",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("recording_id", String(64), nullable=False),
    Column("login", String(64), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)


class StoreError(RuntimeError):
    """The database cannot be used (a Ukrainian message)."""


def now_utc() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes for timezone columns: they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir) / DB_FILE}"


def open_engine(url: str) -> Engine:
    """An engine for ``url``, the schema created or checked."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, poolclass=NullPool)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
    elif url.startswith("postgresql"):
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    else:
        raise StoreError(f"Непідтримувана адреса бази даних: потрібна sqlite:///… або postgresql://… ({url.split(':')[0]}).")
    try:
        metadata.create_all(engine)
        with engine.begin() as conn:
            row = conn.execute(select(station_meta.c.value).where(station_meta.c.key == "schema_version")).first()
            if row is None:
                conn.execute(insert(station_meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(row.value) > SCHEMA_VERSION:
                raise StoreError(
                    f"База даних станції новішої версії ({row.value}), ніж ця програма ({SCHEMA_VERSION}). "
                    "Оновіть «Мобільний кейс» на станції."
                )
    except StoreError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise StoreError(
            f"Не вдалося відкрити базу даних станції ({type(exc).__name__}). Перевірте адресу --db, "
            "чи запущено сервер бази даних і чи є права на запис."
        ) from exc
    return engine
