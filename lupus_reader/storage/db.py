"""Opening the library database: pragmas, transactions, migrations, and what to do with a broken file.

SQLite settings for words people cannot afford to lose: WAL (readers never
block the writer), synchronous=FULL (a commit survives a power cut),
foreign keys on, and a busy timeout so two app instances wait for each
other instead of failing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

LIBRARY_FILE = "library.sqlite3"
BUSY_TIMEOUT_MS = 10_000


def statements(script: str) -> list[str]:
    """Split an SQL script into statements (executescript would COMMIT our transaction)."""
    found: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    return found


def _schema(connection: sqlite3.Connection) -> None:
    script = files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
    for statement in statements(script):
        connection.execute(statement)


# Step N takes a database from user_version N-1 to N, inside one transaction.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _schema}
SCHEMA_VERSION = max(MIGRATIONS)


class StorageError(Exception):
    """The library cannot be used; the message says why in words a reader understands."""


class NewerDatabaseError(StorageError):
    """The file was written by a newer Lupus Reader; it is left exactly as it is."""


class StorageFullError(StorageError):
    """The disk is full (or the database hit its size limit): nothing was written."""


class ReadOnlyError(StorageError):
    """The data folder cannot be written: the library can be read, not changed."""


def describe(error: sqlite3.Error) -> StorageError:
    """Turn an sqlite3 error during a write into one a reader can act on."""
    text = str(error).lower()
    if "full" in text:
        return StorageFullError("the disk is full, so it could not be saved; free some space")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return ReadOnlyError("the data folder cannot be written to, so it could not be saved")
    if "locked" in text or "busy" in text:
        return StorageError("another Lupus Reader is busy with the library; it could not be saved")
    return StorageError(f"it could not be saved ({error})")


@dataclass
class Database:
    """One open library file. Use ``transaction()`` for every write."""

    path: Path
    connection: sqlite3.Connection
    read_only: bool = False

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error; sqlite3 errors become StorageError."""
        if self.read_only:
            raise ReadOnlyError("the data folder cannot be written to, so it could not be saved")
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise describe(error) from error
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except BaseException as error:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise describe(error) from error
            raise

    def query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, parameters).fetchall()

    def close(self) -> None:
        self.connection.close()


@dataclass(frozen=True)
class Opened:
    database: Database
    moved_aside: Path | None = None  # where a damaged library was put, to tell the reader


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    uri = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _healthy(path: Path) -> bool:
    """Is the file a readable SQLite database that passes quick_check?"""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False


def move_aside(path: Path, reason: str = "damaged") -> Path:
    """Rename a library and its -wal/-shm files under a timestamped name; never delete them."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.{reason}-{stamp}-{counter}{path.suffix}")
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target


def _refuse_newer(connection: sqlite3.Connection, path: Path) -> None:
    version = _user_version(connection)
    if version > SCHEMA_VERSION:
        connection.close()
        raise NewerDatabaseError(
            f"{path} was written by a newer Lupus Reader (library version {version}; this one "
            f"knows up to {SCHEMA_VERSION}). It has not been changed: open it with the newer version."
        )


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    _refuse_newer(connection, path)
    version = _user_version(connection)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            if _user_version(connection) >= step:  # another instance got here first
                connection.execute("ROLLBACK")
                continue
            MIGRATIONS[step](connection)
            connection.execute(f"PRAGMA user_version = {step}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


def open_database(path: Path) -> Opened:
    """Open (or create) the library at ``path``.

    A file that is not a healthy SQLite database is moved aside, with its
    -wal and -shm files, and a fresh library is made; ``moved_aside`` says
    where the old one went. A library from a newer version is refused and left
    untouched. A folder that cannot be written gives a read-only library if
    one exists there, else StorageError.
    """
    moved: Path | None = None
    if path.exists() and path.stat().st_size > 0 and not _healthy(path):
        try:
            moved = move_aside(path)
        except OSError as error:
            raise StorageError(f"the library {path} is damaged and cannot be moved aside: {error}") from error
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = connect(path)
        _refuse_newer(connection, path)  # before anything writes to it
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        migrate(connection, path)
    except NewerDatabaseError:
        raise
    except (sqlite3.Error, OSError) as error:
        if path.is_file():
            try:
                connection = connect(path, read_only=True)
                _refuse_newer(connection, path)
                return Opened(Database(path, connection, read_only=True), moved)
            except sqlite3.Error:
                pass
        raise StorageError(f"the library cannot be opened in {path.parent}: {error}") from error
    return Opened(Database(path, connection), moved)
