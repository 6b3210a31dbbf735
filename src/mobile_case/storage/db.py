"""The SQLCipher-encrypted SQLite database behind SQLAlchemy 2.

Every connection: ``PRAGMA key = "x'<64 hex>'"`` first (a raw 256-bit key, no key derivation), then a
read of the schema to prove the key (a wrong key or a file that is not a database fails *before*
anything is written, so the file is left exactly as it was), then WAL journal, ``synchronous=FULL``
(a committed transaction survives a power loss), foreign keys and a busy timeout.

Transactions are explicit: the driver's own implicit transaction handling is switched off and
SQLAlchemy's ``begin`` emits ``BEGIN`` — or ``BEGIN IMMEDIATE`` for a session made by
:meth:`Database.writer`, so a writer takes the write lock up front and waits (busy timeout) instead of
failing halfway through with "database is locked".
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from mobile_case.storage.errors import StoreError
from mobile_case.storage.keys import StoreKey

log = logging.getLogger(__name__)

DB_FILE_NAME = "mobile-case.db"
BUSY_TIMEOUT_MS = 10_000


def wrong_key_error(path: Path, detail: str) -> StoreError:
    return StoreError(
        f"cannot open the database: {detail}",
        f"Не вдалося відкрити базу даних «{path}»: ключ шифрування не підходить або файл не є "
        "базою даних «Мобільного кейсу». Файл залишено без змін. Перевірте, що відкрито правильну "
        "папку даних, і зверніться до ІТ-фахівця ЦНАП.",
    )


def raw_connect(path: Path, key: StoreKey, *, must_exist: bool = True) -> sqlcipher.Connection:
    """A driver connection with the key applied and proven; no pragma that writes is run here."""
    path = Path(path)
    if must_exist and not path.exists():
        raise StoreError("database file missing", f"Файл бази даних «{path}» не знайдено.")
    conn = sqlcipher.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        raise wrong_key_error(path, str(exc)) from exc
    return conn


def _configure(conn: sqlcipher.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # pragma: no cover - only on file systems without shared memory
        log.warning("WAL journal not available (got %s)", mode)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def make_engine(path: Path, key: StoreKey) -> Engine:
    """An engine on the encrypted file ``path`` (created empty if missing)."""
    path = Path(path)
    first = raw_connect(path, key, must_exist=False)
    _configure(first)  # creates the file (if new) in WAL mode
    first.close()

    def creator() -> sqlcipher.Connection:
        conn = raw_connect(path, key)
        _configure(conn)
        return conn

    # The URL only tells SQLAlchemy it is a file database (a QueuePool); ``creator`` makes the connections.
    engine = create_engine(f"sqlite:///{path}", creator=creator, module=sqlcipher)

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        if conn.get_execution_options().get("sqlite_immediate"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


class Database:
    """The engine and two session factories: readers (``BEGIN``) and writers (``BEGIN IMMEDIATE``)."""

    def __init__(self, path: Path, key: StoreKey) -> None:
        self.path = Path(path)
        self.key = key
        self.engine = make_engine(self.path, key)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(sqlite_immediate=True), expire_on_commit=False
        )

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def writer(self) -> Iterator[Session]:
        """A write transaction, committed (and synced to disk) when the block ends without error."""
        with self._writer() as session, session.begin():
            yield session

    def raw_connection(self) -> sqlcipher.Connection:
        """A new driver connection (the backup API, integrity checks)."""
        conn = raw_connect(self.path, self.key)
        _configure(conn)
        return conn

    def dispose(self) -> None:
        self.engine.dispose()
